"""``speechkit keywords``, ``kwic``, ``keyness``, ``graph``, ``collocations`` and ``idf``."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .common import (
    EngineOption,
    ExtraStopwordsOption,
    Format,
    FormatOption,
    OutputOption,
    StopwordsOption,
    UserDictOption,
    emit,
    emit_rows,
    load_corpus,
    require_speeches,
    tokenizer_from_options,
)


class Method(str, Enum):
    tfidf = "tfidf"
    textrank = "textrank"


class GraphKind(str, Enum):
    cooccurrence = "cooccurrence"
    topic = "topic"


PathArgument = Annotated[Path, typer.Argument(help="A speech file, or a folder of speeches.")]
TopOption = Annotated[int, typer.Option("--top", "-n", min=1, help="How many terms.")]
PosOption = Annotated[
    str,
    typer.Option("--pos", help="POS tags of the terms counted, comma-separated; n* = every noun tag; 'all' = any."),
]
DEFAULT_POS_TEXT = "n*,v,vn,j"


def _pos(text: str):
    if text.strip().lower() == "all":
        return None
    tags = tuple(t.strip() for t in text.split(",") if t.strip())
    if not tags:
        raise SpeechkitError("--pos: give tags such as n*,v,vn,j (or all)")
    return tags


def _corpus(path: Path):
    corpus = load_corpus(path)
    require_speeches(corpus, path)
    return corpus


@app.command()
def keywords(
    path: PathArgument,
    method: Annotated[Method, typer.Option("--method", "-m", help="tfidf or textrank.")] = Method.tfidf,
    top: TopOption = 20,
    by: Annotated[Optional[str], typer.Option("--by", help="Folder: keywords per group (year, speaker …) instead of per speech.")] = None,
    idf: Annotated[Optional[Path], typer.Option("--idf", help="An IDF table saved by 'speechkit idf' (default for one speech: jieba's).")] = None,
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
    stopwords: StopwordsOption = None,
    add_stopwords: ExtraStopwordsOption = None,
) -> None:
    """Keywords of a speech, or of every speech (or group) of a folder, best first."""
    from ..analysis.idf import IdfTable
    from ..analysis.keywords import corpus_keywords, speech_keywords

    tokenizer = tokenizer_from_options(engine, userdict, stopwords, add_stopwords)
    table = IdfTable.load(idf) if idf else None
    if path.is_dir():
        frame = corpus_keywords(_corpus(path), method.value, top, by, _pos(pos), tokenizer=tokenizer, idf=table)
        emit_rows(_records(frame), fmt, output)
        return
    if by:
        raise SpeechkitError(f"--by: {path} is not a folder")
    speech = _corpus(path)[0]
    rows = [k.to_dict() for k in speech_keywords(speech, method.value, top, table, _pos(pos), tokenizer=tokenizer)]
    emit_rows(rows, fmt, output, ["term", "score", "count"])


def _records(frame) -> list[dict]:
    """DataFrame rows as plain dicts (pandas NA as None)."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def _missing(value) -> bool:
    import pandas as pd

    return not isinstance(value, (list, dict)) and bool(pd.isna(value))


@app.command()
def kwic(
    path: PathArgument,
    query: Annotated[str, typer.Argument(help="The term, text (a slogan, say) or, with --regex, pattern to find.")],
    window: Annotated[int, typer.Option("--window", "-w", min=0, help="Characters of context on each side.")] = 20,
    regex: Annotated[bool, typer.Option("--regex", help="QUERY is a regular expression.")] = False,
    term: Annotated[bool, typer.Option("--term", help="Only whole tokens: 园区 does not match inside 园区经济.")] = False,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
) -> None:
    """Keyword in context: every occurrence with its speech, year, section and context."""
    from ..analysis.kwic import COLUMNS
    from ..analysis.kwic import kwic as find

    tokenizer = tokenizer_from_options(engine, userdict, None, None) if term else None
    rows = _records(find(_corpus(path), query, window, regex, term, tokenizer))
    if fmt is Format.text:
        # One hit a line: line breaks inside the context would break the table.
        rows = [{**r, "left": r["left"].replace("\n", " "), "right": r["right"].replace("\n", " ")} for r in rows]
    emit_rows(rows, fmt, output, COLUMNS)
    if fmt is Format.text:
        typer.echo(f"{len(rows)} hit(s)", err=True)


@app.command()
def keyness(
    folder: Annotated[Path, typer.Argument(help="A folder of speeches.")],
    target: Annotated[str, typer.Option("--target", help="The value of --by whose speeches are the target group.")],
    by: Annotated[str, typer.Option("--by", help="The metadata variable that defines the groups.")] = "year",
    reference: Annotated[Optional[str], typer.Option("--reference", help="The reference value (default: all other speeches).")] = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="Show the N key terms of each side.")] = None,
    p: Annotated[float, typer.Option("--p", min=0.0, max=1.0, help="Significance threshold.")] = 0.05,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum count over both groups.")] = 3,
    correction: Annotated[str, typer.Option("--correction", help="williams, yates or none.")] = "williams",
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
    stopwords: StopwordsOption = None,
    add_stopwords: ExtraStopwordsOption = None,
) -> None:
    """Key terms of a target group against a reference (G², log ratio, p; as quanteda's
    textstat_keyness). Positive G²: the target's terms; negative: the reference's."""
    from ..analysis.keyness import COLUMNS, keyness as measure, split_groups

    if not folder.is_dir():
        raise SpeechkitError(f"{folder}: keyness compares groups of a folder; give a folder")
    target_group, reference_group = split_groups(_corpus(folder), by, target, reference)
    tokenizer = tokenizer_from_options(engine, userdict, stopwords, add_stopwords)
    frame = measure(target_group, reference_group, _pos(pos), tokenizer, correction, p, min_count)
    if top is not None:
        import pandas as pd

        frame = pd.concat([frame[frame["g2"] > 0].head(top), frame[frame["g2"] < 0].tail(top)])
    emit_rows(_records(frame), fmt, output, COLUMNS)


@app.command()
def graph(
    path: PathArgument,
    kind: Annotated[GraphKind, typer.Option("--kind", "-k", help="cooccurrence or topic.")] = GraphKind.cooccurrence,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="File to write: .gexf, .graphml, .json (node-link), .csv (edges) or .png."),
    ] = None,
    context: Annotated[str, typer.Option("--context", help="Co-occurrence within a sentence, paragraph or window.")] = "sentence",
    measure: Annotated[str, typer.Option("--measure", help="jaccard, dice, cosine or pmi.")] = "jaccard",
    top_n: Annotated[int, typer.Option("--top-n", min=2, help="Most frequent terms kept as nodes.")] = 60,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum shared units for an edge.")] = 2,
    max_edges: Annotated[int, typer.Option("--max-edges", min=1, help="Strongest edges kept.")] = 150,
    window: Annotated[int, typer.Option("--window", min=2, help="Window width in terms (--context window).")] = 5,
    topics: Annotated[Optional[int], typer.Option("--topics", min=1, help="Number of topics (default: best coherence).")] = None,
    method: Annotated[str, typer.Option("--method", help="Topic model: nmf or lda.")] = "nmf",
    unit: Annotated[str, typer.Option("--unit", help="Topic model documents: paragraph or section.")] = "paragraph",
    seed: Annotated[int, typer.Option("--seed", help="Seed of communities, topic model and layout.")] = 0,
    font: Annotated[Optional[Path], typer.Option("--font", help="Font file with Chinese glyphs for PNG (default: bundled).")] = None,
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
    stopwords: StopwordsOption = None,
    add_stopwords: ExtraStopwordsOption = None,
) -> None:
    """Build a co-occurrence or topic graph; write it (-o, by suffix) or print it
    (text: nodes; json: node-link; csv: edges)."""
    from ..render.graph_export import edge_frame, graph_json, node_frame, write_graph

    corpus = _corpus(path)
    tokenizer = tokenizer_from_options(engine, userdict, stopwords, add_stopwords)
    if kind is GraphKind.cooccurrence:
        from ..analysis.graphs import cooccurrence_graph

        built = cooccurrence_graph(
            corpus, context, measure, top_n, min_count, max_edges, window=window, pos=_pos(pos), seed=seed, tokenizer=tokenizer
        )
    else:
        from ..analysis.topics import topic_graph, topic_model

        model = topic_model(corpus, topics, method, unit, seed=seed, pos=_pos(pos), tokenizer=tokenizer)
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
        emit_rows(_records(edge_frame(built)), fmt, None)
    else:
        emit_rows(_records(node_frame(built)), fmt, None)


@app.command()
def collocations(
    path: PathArgument,
    min_count: Annotated[int, typer.Option("--min-count", min=2, help="Minimum occurrences.")] = 3,
    min_pmi: Annotated[float, typer.Option("--min-pmi", help="Minimum PMI in bits.")] = 3.0,
    max_size: Annotated[int, typer.Option("--max-size", min=2, help="Longest run of tokens.")] = 3,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="Show only the first N.")] = None,
    userdict_out: Annotated[
        Optional[Path], typer.Option("--userdict-out", help="Also write the candidates as a user dictionary for --userdict.")
    ] = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
) -> None:
    """Phrases the segmentation splits but that recur together (营商 环境): candidate
    dictionary entries, by frequency and PMI."""
    from ..analysis.collocations import collocations as find, write_userdict

    found = find(_corpus(path), max_size, min_count, min_pmi, tokenizer_from_options(engine, userdict, None, None))
    found = found[:top] if top else found
    if userdict_out:
        write_userdict(found, userdict_out)
    rows = [c.to_dict() for c in found]
    if fmt is Format.text:
        rows = [{**r, "parts": " ".join(r["parts"])} for r in rows]
    emit_rows(rows, fmt, output, ["phrase", "parts", "count", "pmi"])


@app.command()
def idf(
    folder: Annotated[Path, typer.Argument(help="A folder of speeches: the user's own corpus.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The IDF table to write (jieba format).")],
    unit: Annotated[str, typer.Option("--unit", help="Documents of the table: speech, section, paragraph or sentence.")] = "speech",
    pos: PosOption = DEFAULT_POS_TEXT,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
    stopwords: StopwordsOption = None,
    add_stopwords: ExtraStopwordsOption = None,
) -> None:
    """Build an IDF table from a corpus and save it, for 'speechkit keywords --idf'."""
    from ..analysis.idf import IdfTable

    if unit not in ("speech", "section", "paragraph", "sentence"):
        raise SpeechkitError(f"--unit: expected speech, section, paragraph or sentence, got {unit!r}")
    tokenizer = tokenizer_from_options(engine, userdict, stopwords, add_stopwords)
    table = IdfTable.from_corpus(_corpus(folder), unit, _pos(pos), tokenizer)
    table.save(output)
    typer.echo(f"{output}: {len(table)} terms from {table.documents} documents", err=True)
    if table.warning:
        typer.echo(table.warning, err=True)
