"""``speechkit graph``: co-occurrence and topic graphs."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .common import Format, FormatOption, PathArgument, emit, emit_rows, frame_records, read_speeches
from .options import Segmentation, WhereOption, segmentation_options


class GraphKind(str, Enum):
    cooccurrence = "cooccurrence"
    topic = "topic"


@app.command()
@segmentation_options
def graph(
    path: PathArgument,
    kind: Annotated[GraphKind, typer.Option("--kind", "-k", help="cooccurrence or topic.")] = GraphKind.cooccurrence,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="File to write: .gexf, .graphml, .json (node-link), .csv (edges) or .png."),
    ] = None,
    context: Annotated[str, typer.Option("--context", help="Co-occurrence within a sentence, paragraph or section.")] = "sentence",
    measure: Annotated[str, typer.Option("--measure", help="jaccard, dice, cosine, pmi or npmi.")] = "jaccard",
    top_n: Annotated[int, typer.Option("--top-n", min=2, help="Terms kept as node candidates.")] = 60,
    weight: Annotated[str, typer.Option("--weight", metavar="frequency|keyness", help="Nodes: each year's most frequent terms (default), or those that set the years apart (keyness, as analyze's graph).")] = "frequency",
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum shared units for an edge.")] = 2,
    max_edges: Annotated[int, typer.Option("--max-edges", min=1, help="Strongest edges kept.")] = 150,
    topics: Annotated[Optional[int], typer.Option("--topics", min=1, help="Number of topics (default: best coherence).")] = None,
    method: Annotated[str, typer.Option("--method", help="Topic model: auto (NMF or LDA, the more coherent), nmf or lda.")] = "auto",
    unit: Annotated[str, typer.Option("--unit", help="Topic model documents: paragraph or section.")] = "paragraph",
    seed: Annotated[int, typer.Option("--seed", help="Seed of communities, topic model and layout.")] = 0,
    font: Annotated[Optional[Path], typer.Option("--font", help="Font file with Chinese glyphs for PNG (default: bundled).")] = None,
    fmt: FormatOption = Format.text,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Build a co-occurrence or topic graph of the speeches' results (as ``analyze`` does,
    officialese function words left out); write it (-o, by suffix) or print it
    (text: nodes; json: node-link; csv: edges)."""
    from ..render.graph_export import edge_frame, graph_json, node_frame, write_graph
    from .analyze import checked_weight

    corpus = read_speeches(path, where)
    weight = checked_weight(weight)
    results = corpus.results(**segmentation.result_options())
    if kind is GraphKind.cooccurrence:
        from ..analysis.graphs import cooccurrence_graph

        built = cooccurrence_graph(results, context=context, measure=measure, top_n=top_n, weight=weight,
                                   min_count=min_count, max_edges=max_edges, seed=seed)
    else:
        from ..analysis.topics import topic_graph, topic_model

        model = topic_model(results, k=topics, method=method, unit=unit, seed=seed)
        built = topic_graph(model, seed=seed)
    if not len(built):
        raise SpeechkitError(f"{path}: no edge passes the pruning; lower --min-count or raise --top-n")
    if output is not None:
        title = f"{path.stem if path.is_file() else path.resolve().name} · {kind.value}"
        png = {"seed": seed, "font": font, "title": title} if output.suffix.lower() == ".png" else {}
        typer.echo(write_graph(built, output, **png))
        return
    if fmt is Format.json:
        emit(graph_json(built), None)
    elif fmt is Format.csv:
        emit_rows(frame_records(edge_frame(built)), fmt, None)
    else:
        emit_rows(frame_records(node_frame(built)), fmt, None)
