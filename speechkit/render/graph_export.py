"""Graph files: GEXF and GraphML (open in Gephi), node-link JSON, CSV edge lists.

GEXF and GraphML hold only strings, numbers and booleans: lists become ``"; "``-joined
text, mappings JSON text, and missing values (None) are left out. The GEXF file carries
no modification date, so the same graph always gives the same bytes.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SpeechkitError

if TYPE_CHECKING:
    import networkx as nx

FORMATS = (".gexf", ".graphml", ".json", ".csv", ".png")


def _plain(value: Any) -> Any:
    """A value GEXF/GraphML can store (None for one to leave out)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return "; ".join(str(_plain(v)) for v in items)
    return str(value)


def _plain_attributes(data: dict) -> dict:
    plain = {key: _plain(value) for key, value in data.items()}
    return {key: value for key, value in plain.items() if value is not None}


def plain_graph(graph: nx.Graph):
    """A copy of ``graph`` whose graph, node and edge attributes GEXF and GraphML accept."""
    copy = graph.__class__()
    copy.graph.update(_plain_attributes(graph.graph))
    copy.add_nodes_from((node, _plain_attributes(data)) for node, data in graph.nodes(data=True))
    copy.add_edges_from((a, b, _plain_attributes(data)) for a, b, data in graph.edges(data=True))
    return copy


def write_gexf(graph: nx.Graph, path: str | Path) -> Path:
    """Write a GEXF 1.2 file (node ``label`` becomes the Gephi label)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    # The writer stamps today's date; drop it so identical graphs give identical files.
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(plain_graph(graph))
    with _open(path, "wb") as handle:
        writer.write(handle)
    return Path(path)


def write_graphml(graph: nx.Graph, path: str | Path) -> Path:
    """Write a GraphML file."""
    import networkx as nx

    with _open(path, "wb") as handle:
        nx.write_graphml(plain_graph(graph), handle, encoding="utf-8")
    return Path(path)


def graph_json(graph: nx.Graph) -> str:
    """Node-link JSON text of the graph (readable Chinese, stable layout)."""
    from ..analysis.graphs import graph_data

    return json.dumps(graph_data(graph), ensure_ascii=False, indent=2) + "\n"


def write_json(graph: nx.Graph, path: str | Path) -> Path:
    """Write node-link JSON (``networkx.node_link_graph(data, edges="edges")`` reads it)."""
    with _open(path, "w") as handle:
        handle.write(graph_json(graph))
    return Path(path)


def edge_frame(graph: nx.Graph):
    """The edges as a table: ``source, target`` and every edge attribute."""
    import pandas as pd

    rows = [{"source": a, "target": b, **data} for a, b, data in graph.edges(data=True)]
    columns = ["source", "target"] + sorted({k for _, _, d in graph.edges(data=True) for k in d}, key=lambda k: (k != "weight", k))
    return pd.DataFrame(rows, columns=columns)


def node_frame(graph: nx.Graph):
    """The nodes as a table: ``id`` and every node attribute."""
    import pandas as pd

    rows = [{"id": node, **data} for node, data in graph.nodes(data=True)]
    keys = []
    for _, data in graph.nodes(data=True):
        keys += [k for k in data if k not in keys]
    return pd.DataFrame(rows, columns=["id", *keys])


def write_edge_csv(graph: nx.Graph, path: str | Path) -> Path:
    """Write the CSV edge list (UTF-8)."""
    with _open(path, "w") as handle:
        edge_frame(graph).to_csv(handle, index=False, lineterminator="\n")
    return Path(path)


def write_graph(graph: nx.Graph, path: str | Path, **png_options) -> Path:
    """Write ``graph`` in the format named by the file suffix.

    Parameters
    ----------
    graph : networkx.Graph
    path : str or Path
        ``.gexf``, ``.graphml``, ``.json`` (node-link), ``.csv`` (edge list) or
        ``.png`` (a picture, see :func:`speechkit.render.graph_png.render_graph_png`).
    **png_options
        Passed to the PNG renderer.

    Returns
    -------
    Path
        The file written.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".gexf":
        return write_gexf(graph, path)
    if suffix == ".graphml":
        return write_graphml(graph, path)
    if suffix == ".json":
        return write_json(graph, path)
    if suffix == ".csv":
        return write_edge_csv(graph, path)
    if suffix == ".png":
        from .graph_png import render_graph_png

        return render_graph_png(graph, path, **png_options)
    raise SpeechkitError(f"{path}: unknown graph format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")


@contextmanager
def _open(path: str | Path, mode: str):
    """Open ``path`` for writing (parents created); OS errors, opening or writing (a full disk),
    become one-line user errors naming the file."""
    from .writers import writing

    path = Path(path)
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open(mode) if "b" in mode else path.open(mode, encoding="utf-8", newline="") as handle:
            yield handle
