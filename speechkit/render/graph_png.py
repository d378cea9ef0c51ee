"""A PNG picture of a term or topic graph.

The layout is Kamada-Kawai started from a seeded spring layout, one connected
component at a time, the components packed in rows; the same graph and seed give the
same picture. Nodes
are coloured by ``community``, sized by a weight attribute (``frequency`` for term
graphs, ``weight`` for topic graphs), and labelled in the CJK font of
:mod:`speechkit.render.fonts`. Topic graphs draw topics as squares and outline sections
as triangles and whole speeches as diamonds. Only the ``max_labels`` largest nodes are
labelled (topics always), so a big graph stays legible.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..errors import SpeechkitError

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


def _labels(graph, nodes: list, sizes: dict, max_labels: int | None) -> dict:
    """The label text of each node ("" for nodes left unlabelled), long ones cut."""
    ranked = sorted(range(len(nodes)), key=lambda i: (-sizes[nodes[i]], i))
    shown = {nodes[i] for i in (ranked if max_labels is None else ranked[:max_labels])}
    labels = {}
    for node in nodes:
        data = graph.nodes[node]
        if node not in shown and data.get("kind") != "topic":
            labels[node] = ""
            continue
        labels[node] = _shorten(str(data.get("label", node)), LABEL_CHARS)
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


def _component_layout(component, seed: int):
    """Kamada-Kawai positions of one connected component, started from a seeded
    spring layout, scaled to a box whose side grows with the square root of its size."""
    import networkx as nx
    import numpy as np

    nodes = list(component)
    if len(nodes) == 1:
        return nodes, np.zeros((1, 2))
    start = nx.spring_layout(component, seed=seed)
    positions = nx.kamada_kawai_layout(component, pos=start, weight=None)
    array = np.array([positions[n] for n in nodes])
    array -= array.min(axis=0)
    span = array.max() or 1.0
    return nodes, array / span * math.sqrt(len(nodes))


def _layout(graph, seed: int) -> dict:
    """Positions of all nodes: each component laid out on its own, the components
    packed in rows, largest first, so that small ones do not drift to the corners."""
    import networkx as nx

    order = {node: i for i, node in enumerate(graph.nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    boxes = [_component_layout(graph.subgraph(c).copy(), seed) for c in components]
    sizes = [array.max(axis=0) for _, array in boxes]
    gap = 0.8
    width = max(max(s[0] for s in sizes), math.sqrt(sum((s[0] + gap) * (s[1] + gap) for s in sizes)) * 1.3)
    positions: dict = {}
    x = y = row_height = 0.0
    for (nodes, array), (w, h) in zip(boxes, sizes):
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        for node, (px, py) in zip(nodes, array):
            positions[node] = (x + px, y - h + py)
        x += w + gap
        row_height = max(row_height, h)
    return positions


def _spread(positions: dict, nodes: list, half_boxes, area: tuple[float, float], iterations: int = 300) -> dict:
    """Scale positions to inches of the drawing ``area`` and push apart nodes whose
    boxes (circle and label, half width and half height in inches) overlap.

    Each pass moves both nodes of an overlapping pair half the overlap apart along
    the axis where they overlap least; a few dozen passes clear typical graphs.
    """
    import numpy as np

    points = np.array([positions[n] for n in nodes], dtype=float)
    points -= points.min(axis=0)
    span = points.max(axis=0)
    span[span == 0] = 1.0
    points = points / span * np.array(area)
    half = np.asarray(half_boxes, dtype=float)
    order = np.arange(len(nodes))
    tie = np.sign(order[:, None] - order[None, :])
    for _ in range(iterations):
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
    return {node: tuple(point) for node, point in zip(nodes, points)}


def _half_box(label: str, node_size: float, font_size: float) -> tuple[float, float]:
    """Half width and half height, in inches, of a node's circle and label together."""
    radius = math.sqrt(node_size / math.pi) / 72
    if not label:
        return radius, radius
    return max(radius, _width(label) * font_size / 144 + 0.04), max(radius, font_size / 144 + 0.04)


def render_graph_png(
    graph,
    path: str | Path,
    seed: int = 0,
    size_by: str | None = None,
    title: str | None = None,
    font: str | Path | None = None,
    figsize: tuple[float, float] = (14.0, 10.5),
    dpi: int = 150,
    max_labels: int | None = 100,
) -> Path:
    """Draw ``graph`` to a PNG file.

    Parameters
    ----------
    graph : networkx.Graph
        Nodes may carry ``label``, ``community``, ``kind`` and the size attribute.
    path : str or Path
        The PNG file to write.
    seed : int
        Seed of the layout.
    size_by : str, optional
        Node attribute deciding node size (default: ``frequency``, else ``weight``,
        else ``pagerank``).
    title : str, optional
        Drawn above the graph.
    font : str or Path, optional
        A CJK font file (default: the bundled one).
    figsize, dpi
        Picture size in inches and resolution.
    max_labels : int or None
        Label only this many nodes, the largest first (topic nodes always).

    Returns
    -------
    Path
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    from .fonts import matplotlib_font

    path = Path(path)
    if not len(graph):
        raise SpeechkitError(f"{path}: the graph has no nodes to draw")
    attribute = _size_attribute(graph, size_by)
    nodes = list(graph.nodes)
    sizes, font_sizes = _node_sizes(graph, nodes, attribute)
    labels = _labels(graph, nodes, sizes, max_labels)
    boxes = [_half_box(labels[n], sizes[n], font_sizes[n]) for n in nodes]
    positions = _spread(_layout(graph, seed), nodes, boxes, (figsize[0] - 1.5, figsize[1] - 1.5))
    edge_values = [float(d.get("weight", 1.0)) for _, _, d in graph.edges(data=True)]
    widths = _scaled(edge_values, 0.4, 3.5)

    with matplotlib_font(font) as family:
        figure, axes = plt.subplots(figsize=figsize, dpi=dpi)
        try:
            nx.draw_networkx_edges(graph, positions, ax=axes, width=widths, edge_color="#9a9a9a", alpha=0.55)
            for kind in sorted({graph.nodes[n].get("kind", "term") for n in nodes}):
                members = [n for n in nodes if graph.nodes[n].get("kind", "term") == kind]
                nx.draw_networkx_nodes(
                    graph,
                    positions,
                    nodelist=members,
                    ax=axes,
                    node_size=[sizes[n] for n in members],
                    node_color=[community_colour(graph.nodes[n].get("community")) for n in members],
                    node_shape=SHAPES.get(kind, "o"),
                    edgecolors="white",
                    linewidths=1.0,
                    alpha=0.9,
                )
            for node in (n for n in nodes if labels[n]):
                x, y = positions[node]
                axes.text(
                    x, y, labels[node],
                    fontsize=font_sizes[node], family=family, ha="center", va="center", color="#1a1a1a",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.6},
                )
            if title:
                axes.set_title(title, fontsize=16, family=family)
            axes.set_axis_off()
            axes.set_aspect("equal")
            axes.margins(0.04)
            figure.tight_layout()
            path.parent.mkdir(parents=True, exist_ok=True)
            figure.savefig(path, format="png", dpi=dpi, metadata={"Software": None})
        except OSError as exc:
            raise SpeechkitError(f"{path}: cannot write ({exc.strerror})") from None
        finally:
            plt.close(figure)
    return path
