"""A PNG picture of a term or topic graph.

The layout is the Kamada-Kawai energy minimised by stress majorization from a
classical-scaling start (numpy, no random start), one connected component at a time,
the components packed in rows; nodes are taken in the order of their ids, so the same
graph always gives the same bytes. Nodes are coloured by ``community``, sized by a
weight attribute (``frequency`` for term graphs, ``weight`` for topic graphs), and
labelled in the CJK font of :mod:`speechkit.render.fonts`. Topic graphs draw topics as
squares and outline sections as triangles and whole speeches as diamonds. Only
``max_labels`` nodes are labelled (topics always, then the largest documents up to
twenty, then terms, then the other documents), so a big graph stays legible; a legend
below says what the colours and shapes stand for.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..threads import one_thread

if TYPE_CHECKING:
    import networkx as nx

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c6d31", "#637939", "#843c39",
)
OTHER = "#b0b0b0"
SHAPES = {"topic": "s", "section": "^", "speech": "D"}
# Node area range (points²) and label size range per kind: topics stand out, terms
# vary most, sections stay modest whatever their share.
SIZE_RANGES = {
    "topic": ((1300.0, 2600.0), (13.0, 17.0)),
    "section": ((450.0, 900.0), (10.0, 12.0)),
    "speech": ((450.0, 900.0), (10.0, 12.0)),
}
DEFAULT_RANGE = ((180.0, 2600.0), (9.0, 17.0))
LABEL_CHARS = 14
LEGEND_CHARS = 22
LEGEND_COLUMNS = 4
KIND_NAMES = {"term": "词语", "topic": "主题", "section": "章节", "speech": "讲话"}
STRESS_ITERATIONS = 120
# Figure bands in inches: the margin round the graph, the title above it, one legend row below.
MARGIN = 0.35
TITLE_BAND = 0.75
LEGEND_ROW = 0.3
LABEL_GAP = 0.02  # inches between the boxes of two labels
MAX_NODES = 300  # a picture draws at most this many nodes (the layout is O(n²) per pass)
# ... and at most this many documents (sections, speeches): a topic graph of a large corpus
# would otherwise be a crowd of speeches hiding the terms that say what the topics are.
MAX_DOCUMENTS = 60
DOCUMENT_LABELS = 20  # documents labelled before the terms (see _labels)
DRAW_FIRST = {"topic": 0, "term": 1}  # which kinds of node a picture too small for all keeps first


def community_colour(community) -> str:
    """The colour of a community id (grey beyond the palette or when missing)."""
    if isinstance(community, int) and 0 <= community < len(PALETTE):
        return PALETTE[community]
    return OTHER


def _size_attribute(graph, size_by: str | None) -> str | None:
    if size_by is not None:
        return size_by
    for name in ("frequency", "weight", "pagerank"):
        if all(name in data for _, data in graph.nodes(data=True)):
            return name
    return None


def _scaled(values: list[float], low: float, high: float) -> list[float]:
    """Map values to ``[low, high]`` by square root (areas grow with the weight)."""
    roots = [math.sqrt(max(v, 0.0)) for v in values]
    top, bottom = max(roots, default=0.0), min(roots, default=0.0)
    if top == bottom:
        return [(low + high) / 2 for _ in values]
    return [low + (high - low) * (r - bottom) / (top - bottom) for r in roots]


def _node_sizes(graph, nodes: list, attribute: str | None) -> tuple[dict, dict]:
    """Node areas and label sizes, scaled within each kind of node."""
    sizes: dict = {}
    font_sizes: dict = {}
    kinds = {n: graph.nodes[n].get("kind", "term") for n in nodes}
    for kind in sorted(set(kinds.values())):
        members = [n for n in nodes if kinds[n] == kind]
        weights = [float(graph.nodes[n].get(attribute, 0.0)) if attribute else 1.0 for n in members]
        (low, high), (font_low, font_high) = SIZE_RANGES.get(kind, DEFAULT_RANGE)
        sizes.update(zip(members, _scaled(weights, low, high)))
        font_sizes.update(zip(members, _scaled(weights, font_low, font_high)))
    return sizes, font_sizes


def _is_document(kind: str) -> bool:
    """A section or speech node: any kind but topics and terms."""
    return kind not in DRAW_FIRST


def _labels(graph, nodes: list, sizes: dict, max_labels: int | None) -> dict:
    """The label text of each node ("" for nodes left unlabelled), long ones cut but speeches'.

    Sizes are scaled within each kind, so a document's size says nothing beside a term's:
    the labels go by kind, the largest first within one. Topics are always labelled; then
    the :data:`DOCUMENT_LABELS` largest documents (which speech is which), then the terms
    (what a topic means is read from its terms), then the other documents.
    """
    kinds = [graph.nodes[node].get("kind", "term") for node in nodes]
    documents = sorted((i for i, kind in enumerate(kinds) if _is_document(kind)), key=lambda i: (-sizes[nodes[i]], i))
    named_first = set(documents[:DOCUMENT_LABELS])

    def rank(i: int) -> tuple:
        order = {"topic": 0, "term": 2}.get(kinds[i], 1 if i in named_first else 3)
        return order, -sizes[nodes[i]], i

    ranked = sorted(range(len(nodes)), key=rank)
    shown = {nodes[i] for i in (ranked if max_labels is None else ranked[:max_labels])}
    labels = {}
    for node in nodes:
        data = graph.nodes[node]
        if node not in shown and data.get("kind") != "topic":
            labels[node] = ""
            continue
        label = str(data.get("label", node))
        # A speech's label is its id (or title): cut, two ids of one series read alike
        # (provincial-govreport-gu…). A section's heading is a sentence: cut, it stays legible.
        labels[node] = label if data.get("kind") == "speech" else _shorten(label, LABEL_CHARS)
    return labels


def _width(text: str) -> float:
    """Width of ``text`` in em: Chinese characters (and the CJK font's other non-ASCII
    marks, such as ·) are one em, ASCII about half."""
    return sum(1.0 if ord(ch) > 0x7F else 0.55 for ch in text)


def _shorten(text: str, limit: float) -> str:
    """``text`` cut to ``limit`` em, with an ellipsis when cut."""
    if _width(text) <= limit:
        return text
    used, kept = 0.0, []
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def _canonical_order(graph) -> list:
    """The nodes in an order that depends on their ids only, not on insertion order or
    string hashing, so that equal graphs give equal pictures."""
    return sorted(graph.nodes, key=lambda node: (type(node).__name__, str(node)))


def _adjacency(count: int, edges: list[tuple[int, int]]):
    """The sparse adjacency matrix of ``count`` nodes and ``edges`` (index pairs)."""
    from scipy.sparse import coo_matrix

    rows = [a for a, _ in edges]
    cols = [b for _, b in edges]
    return coo_matrix(([1.0] * len(edges), (rows, cols)), shape=(count, count)).tocsr()


def _stress_layout(distances, iterations: int = STRESS_ITERATIONS):
    """Positions of one connected component whose pairwise graph distances are
    ``distances``: classical scaling as the start, then stress majorization
    (weights ``1/d²``, the Kamada-Kawai energy). No random start, so the layout
    depends on the graph alone; each pass costs O(n²) elementwise numpy work (no
    LAPACK call beyond one small eigendecomposition: threaded BLAS on a busy machine
    costs more than the whole layout)."""
    import numpy as np

    count = len(distances)
    if count == 1:
        return np.zeros((1, 2))
    centring = np.eye(count) - 1.0 / count
    gram = -0.5 * centring @ (distances**2) @ centring
    values, vectors = np.linalg.eigh(gram)
    points = vectors[:, [-1, -2]] * np.sqrt(np.maximum(values[[-1, -2]], 1e-9))
    # An eigenvector's sign is arbitrary: turn each axis so its largest coordinate is positive.
    points *= np.where(points[np.abs(points).argmax(axis=0), [0, 1]] < 0, -1.0, 1.0)
    off_diagonal = ~np.eye(count, dtype=bool)
    weights = np.zeros_like(distances)
    weights[off_diagonal] = distances[off_diagonal] ** -2.0
    totals = weights.sum(axis=1)[:, None]
    for _ in range(iterations):
        # Every node moves to the weighted mean of where each other node would put it
        # (the localized majorization step: elementwise numpy, no matrix inverse).
        offsets = points[:, None, :] - points[None, :, :]
        gaps = np.maximum(np.sqrt((offsets**2).sum(axis=2)), 1e-9)
        wanted = points[None, :, :] + (distances / gaps)[:, :, None] * offsets
        points = (weights[:, :, None] * wanted).sum(axis=1) / totals
    return points


def _components(adjacency) -> list[list[int]]:
    """Connected components as lists of node indices, largest first (ties: lowest index)."""
    from scipy.sparse.csgraph import connected_components

    _, labels = connected_components(adjacency, directed=False)
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(int(label), []).append(index)
    return sorted(members.values(), key=lambda c: (-len(c), c[0]))


@one_thread()
def _layout(count: int, edges: list[tuple[int, int]]):
    """Positions (an array, row per node index): each component laid out on its own,
    scaled to a box whose side grows with the square root of its size, the boxes
    packed in rows, largest first, so that small ones do not drift to the corners."""
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    adjacency = _adjacency(count, edges)
    # Path lengths in edges between all pairs (inf across components).
    distances = shortest_path(adjacency, directed=False, unweighted=True)
    boxes = []
    for members in _components(adjacency):
        array = _stress_layout(distances[np.ix_(members, members)])
        array -= array.min(axis=0)
        span = array.max() or 1.0
        boxes.append((members, array / span * math.sqrt(len(members))))
    sizes = [array.max(axis=0) for _, array in boxes]
    gap = 0.8
    width = max(max(s[0] for s in sizes), math.sqrt(sum((s[0] + gap) * (s[1] + gap) for s in sizes)) * 1.3)
    positions = np.zeros((count, 2))
    x = y = row_height = 0.0
    for (members, array), (w, h) in zip(boxes, sizes):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        positions[members] = array + (x, y - h)
        x += w + gap
        row_height = max(row_height, h)
    return positions


def _spread(points, half_boxes, area: tuple[float, float], iterations: int = 300):
    """Scale positions to inches of the drawing ``area`` and push apart nodes whose
    boxes (circle and label, half width and half height in inches) overlap, keeping
    every box inside the area.

    Each pass moves both nodes of an overlapping pair half the overlap apart along
    the axis where they overlap least; a few dozen passes clear typical graphs. A pass
    is O(n²) in numpy, cheap for the few hundred nodes a legible picture holds.
    """
    import numpy as np

    points = np.array(points, dtype=float)
    points -= points.min(axis=0)
    span = points.max(axis=0)
    span[span == 0] = 1.0
    points = points / span * np.array(area)
    # Boxes kept a hair apart: pairs pushed to touch exactly would creep apart forever.
    half = np.asarray(half_boxes, dtype=float) + LABEL_GAP / 2
    order = np.arange(len(points))
    tie = np.sign(order[:, None] - order[None, :])

    def inside(points):
        # Boxes stay inside the area: pushed past its edge, the picture would have to
        # shrink under labels of fixed size, and they would overlap again.
        return np.clip(points, half, np.maximum(half, np.array(area) - half))

    for _ in range(iterations):
        points = inside(points)
        dx = points[:, None, 0] - points[None, :, 0]
        dy = points[:, None, 1] - points[None, :, 1]
        overlap_x = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        overlap_y = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        overlap = (overlap_x > 0) & (overlap_y > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        along_x = overlap & (overlap_x <= overlap_y)
        along_y = overlap & ~along_x
        sign_x = np.where(dx == 0, tie, np.sign(dx))
        sign_y = np.where(dy == 0, tie, np.sign(dy))
        points[:, 0] += np.where(along_x, sign_x * overlap_x / 2, 0.0).sum(axis=1) * 0.5
        points[:, 1] += np.where(along_y, sign_y * overlap_y / 2, 0.0).sum(axis=1) * 0.5
    return inside(points)


def _half_box(label: str, node_size: float, font_size: float) -> tuple[float, float]:
    """Half width and half height, in inches, of a node's circle and label together."""
    radius = math.sqrt(node_size / math.pi) / 72
    if not label:
        return radius, radius
    return max(radius, _width(label) * font_size / 144 + 0.04), max(radius, font_size / 144 + 0.04)


def _legend_entries(graph, nodes: list, sizes: dict) -> list[tuple[str, str, str]]:
    """``(colour, marker, text)`` of each legend line: what each colour stands for
    (a topic by its label, a group of terms by its largest members), then what each
    shape other than the circle of a term stands for."""
    kinds = [graph.nodes[n].get("kind", "term") for n in nodes]
    by_colour: dict[str, list] = {}
    for node in sorted(nodes, key=lambda n: -sizes[n]):
        by_colour.setdefault(community_colour(graph.nodes[node].get("community")), []).append(node)
    topics = {community_colour(graph.nodes[n].get("community")): n for n, kind in zip(nodes, kinds) if kind == "topic"}
    entries = []
    for colour in [c for c in PALETTE if c in by_colour] + ([OTHER] if OTHER in by_colour else []):
        if colour == OTHER:
            text = "其他"
        elif colour in topics:
            text = f"主题 {PALETTE.index(colour) + 1}：{_shorten(str(graph.nodes[topics[colour]].get('label', '')), LEGEND_CHARS)}"
        else:
            members = [str(graph.nodes[n].get("label", n)) for n in by_colour[colour][:3]]
            text = f"群组 {PALETTE.index(colour) + 1}：{_shorten('、'.join(members), LEGEND_CHARS)}"
        entries.append((colour, "o", text))
    if any(kind in SHAPES for kind in kinds):
        shown = [kind for kind in KIND_NAMES if kind in kinds]
        entries += [(OTHER, SHAPES.get(kind, "o"), f"形状：{KIND_NAMES[kind]}") for kind in shown]
    return entries


def _font_at(font_file: str, size: float):
    """The font file at ``size`` points: text drawn from a file name skips matplotlib's
    font lookup, which is cached by size and so missed for every new size."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=font_file, size=size)


def _draw_legend(figure, entries, font) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], linestyle="none", marker=marker, markersize=11, markerfacecolor=colour,
               markeredgecolor="white")
        for colour, marker, _ in entries
    ]
    figure.legend(
        handles, [text for _, _, text in entries], loc="lower center", ncol=LEGEND_COLUMNS, frameon=False,
        prop=font, handletextpad=0.3, columnspacing=1.6, borderaxespad=0.3,
    )


def render_graph_png(
    graph: nx.Graph,
    path: str | Path,
    seed: int = 0,
    size_by: str | None = None,
    title: str | None = None,
    font: str | Path | None = None,
    figsize: tuple[float, float] = (14.0, 10.5),
    dpi: int = 150,
    max_labels: int | None = 100,
    legend: bool = True,
    max_nodes: int | None = MAX_NODES,
    max_documents: int | None = MAX_DOCUMENTS,
) -> Path:
    """Draw ``graph`` to a PNG file.

    The layout is deterministic: the same graph gives the same bytes whatever the
    order its nodes were added in and whatever ``PYTHONHASHSEED``.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes may carry ``label``, ``community``, ``kind`` and the size attribute.
    path : str or Path
        The PNG file to write.
    seed : int
        Kept for compatibility: the layout has no random start and ignores it.
    size_by : str, optional
        Node attribute deciding node size (default: ``frequency``, else ``weight``,
        else ``pagerank``).
    title : str, optional
        Drawn above the graph, literally (``$`` is not mathtext).
    font : str or Path, optional
        A CJK font file (default: the bundled one).
    figsize, dpi
        Picture size in inches and resolution.
    max_labels : int or None
        Label only this many nodes: topics always, then the largest documents up to
        :data:`DOCUMENT_LABELS`, then terms, then the other documents.
    legend : bool
        Explain the colours (topics or groups of terms) and shapes below the graph.
    max_nodes : int or None
        Draw at most this many nodes (:func:`drawn_nodes` chooses them) and say so in the
        title: a picture of a thousand nodes is legible to nobody and slow to lay out.
        The graph itself is not changed.
    max_documents : int or None
        Of those, at most this many documents (sections, speeches).

    Returns
    -------
    Path
    """
    from matplotlib.collections import LineCollection

    from .figures import agg_figure, save_png
    from .fonts import matplotlib_font, resolve_font

    path = Path(path)
    if not len(graph):
        raise SpeechkitError(f"{path}: the graph has no nodes to draw")
    attribute = _size_attribute(graph, size_by)
    shown = drawn_nodes(graph, max_nodes, attribute, max_documents=max_documents)
    if len(shown) < len(graph):
        title = f"{title or ''}（显示 {len(shown)}/{len(graph)} 个节点）"
        graph = graph.subgraph(shown)
    nodes = _canonical_order(graph)
    index = {node: i for i, node in enumerate(nodes)}
    edges = sorted((min(index[a], index[b]), max(index[a], index[b]), float(d.get("weight", 1.0)))
                   for a, b, d in graph.edges(data=True) if a != b)
    sizes, font_sizes = _node_sizes(graph, nodes, attribute)
    labels = _labels(graph, nodes, sizes, max_labels)
    entries = _legend_entries(graph, nodes, sizes) if legend else []
    legend_rows = -(-len(entries) // LEGEND_COLUMNS)
    width, height = figsize
    bottom = MARGIN + LEGEND_ROW * legend_rows
    top = TITLE_BAND if title else MARGIN
    area = (width - 2 * MARGIN, height - bottom - top)
    boxes = [_half_box(labels[n], sizes[n], font_sizes[n]) for n in nodes]
    points = _spread(_layout(len(nodes), [(a, b) for a, b, _ in edges]), boxes, area)

    font_file = str(resolve_font(font))
    with matplotlib_font(font_file):
        figure = agg_figure(width, height, dpi)
        axes = figure.add_axes((MARGIN / width, bottom / height, area[0] / width, area[1] / height))
        _frame(axes, points, boxes, area)
        widths = _scaled([w for _, _, w in edges], 0.4, 3.5)
        segments = [(points[a], points[b]) for a, b, _ in edges]
        axes.add_collection(LineCollection(segments, linewidths=widths, colors="#9a9a9a", alpha=0.55, zorder=1))
        kinds = [graph.nodes[n].get("kind", "term") for n in nodes]
        for kind in sorted(set(kinds)):
            members = [i for i, k in enumerate(kinds) if k == kind]
            axes.scatter(
                points[members, 0], points[members, 1], s=[sizes[nodes[i]] for i in members],
                c=[community_colour(graph.nodes[nodes[i]].get("community")) for i in members],
                marker=SHAPES.get(kind, "o"), edgecolors="white", linewidths=1.0, alpha=0.9, zorder=2,
            )
        for i, node in enumerate(nodes):
            if labels[node]:
                axes.text(
                    points[i, 0], points[i, 1], labels[node], fontproperties=_font_at(font_file, font_sizes[node]),
                    ha="center", va="center", color="#1a1a1a", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.6},
                )
        if title:
            figure.text(0.5, 1 - TITLE_BAND / 2 / height, title, ha="center", va="center",
                        fontproperties=_font_at(font_file, 16))
        if entries:
            _draw_legend(figure, entries, _font_at(font_file, 11))
        return save_png(figure, path)


def drawn_nodes(graph: nx.Graph, max_nodes: int | None, attribute: str | None = None, *,
                max_documents: int | None = MAX_DOCUMENTS) -> list:
    """The nodes a picture of at most ``max_nodes`` nodes, ``max_documents`` of them
    documents, shows, all when they fit: topics, then terms, then documents (sections,
    speeches); within a kind the best connected, then the largest by ``attribute``, ties
    by id."""
    documents = [node for node in graph if _is_document(graph.nodes[node].get("kind", "term"))]
    fits = (max_nodes is None or len(graph) <= max_nodes) and (max_documents is None or len(documents) <= max_documents)
    if fits:
        return list(graph.nodes)

    def rank(node):
        data = graph.nodes[node]
        size = data.get(attribute, 0) if attribute else 0
        kind = DRAW_FIRST.get(data.get("kind", "term"), len(DRAW_FIRST))
        return (kind, -graph.degree(node), -float(size or 0), type(node).__name__, str(node))

    dropped = set() if max_documents is None else set(sorted(documents, key=rank)[max_documents:])
    chosen = sorted((node for node in graph if node not in dropped), key=rank)
    return chosen if max_nodes is None else chosen[:max_nodes]


def _frame(axes, points, boxes, area: tuple[float, float]) -> None:
    """Axis limits showing every node with its label, one unit the same length on
    both axes (the layout is in inches, so a circle stays round)."""
    import numpy as np

    half = np.asarray(boxes)
    low = (points - half).min(axis=0)
    high = (points + half).max(axis=0)
    scale = max((high[0] - low[0]) / area[0], (high[1] - low[1]) / area[1], 1.0)
    centre = (low + high) / 2
    axes.set_xlim(centre[0] - area[0] * scale / 2, centre[0] + area[0] * scale / 2)
    axes.set_ylim(centre[1] - area[1] * scale / 2, centre[1] + area[1] * scale / 2)
    axes.set_axis_off()
