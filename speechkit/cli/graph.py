"""``speechkit graph``: co-occurrence and topic graphs."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .common import (
    DEFAULT_POS_TEXT,
    Format,
    FormatOption,
    PathArgument,
    PosOption,
    emit,
    emit_rows,
    frame_records,
    pos_tags,
    read_speeches,
)
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
    context: Annotated[str, typer.Option("--context", help="Co-occurrence within a sentence, paragraph or window.")] = "sentence",
    measure: Annotated[str, typer.Option("--measure", help="jaccard, dice, cosine, pmi or npmi.")] = "jaccard",
    top_n: Annotated[int, typer.Option("--top-n", min=2, help="Most frequent terms kept as nodes.")] = 60,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum shared units for an edge.")] = 2,
    max_edges: Annotated[int, typer.Option("--max-edges", min=1, help="Strongest edges kept.")] = 150,
    window: Annotated[int, typer.Option("--window", min=2, help="Window width in terms (--context window).")] = 5,
    topics: Annotated[Optional[int], typer.Option("--topics", min=1, help="Number of topics (default: best coherence).")] = None,
    method: Annotated[str, typer.Option("--method", help="Topic model: auto (NMF or LDA, the more coherent), nmf or lda.")] = "auto",
    unit: Annotated[str, typer.Option("--unit", help="Topic model documents: paragraph or section.")] = "paragraph",
    seed: Annotated[int, typer.Option("--seed", help="Seed of communities, topic model and layout.")] = 0,
    font: Annotated[Optional[Path], typer.Option("--font", help="Font file with Chinese glyphs for PNG (default: bundled).")] = None,
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Build a co-occurrence or topic graph; write it (-o, by suffix) or print it
    (text: nodes; json: node-link; csv: edges)."""
    from ..render.graph_export import edge_frame, graph_json, node_frame, write_graph

    corpus = read_speeches(path, where)
    tokenizer = segmentation.tokenizer()
    if kind is GraphKind.cooccurrence:
        from ..analysis.graphs import cooccurrence_graph

        built = cooccurrence_graph(
            corpus, context=context, measure=measure, top_n=top_n, min_count=min_count, max_edges=max_edges, window=window,
            pos=pos_tags(pos), seed=seed, tokenizer=tokenizer,
        )
    else:
        from ..analysis.topics import topic_graph, topic_model

        model = topic_model(corpus, k=topics, method=method, unit=unit, seed=seed, pos=pos_tags(pos), tokenizer=tokenizer)
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
