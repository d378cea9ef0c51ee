"""``speechkit compare``: year (or any variable) comparison tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import (
    Format,
    FormatOption,
    csv_is_safe,
    emit,
    read_speeches,
    to_csv,
    to_json,
    to_text_table,
)
from .options import Segmentation, WhereOption, segmentation_options

TABLES = ("rates", "changes", "similarity", "slogans", "structure", "metrics")
# Tables whose index (a year, a slogan, an indicator) is shown as their first column.
KEYED_TABLES = {"similarity", "slogans", "metrics"}
# Where the full tables go when no -o names a folder ("compare-year").
DEFAULT_FOLDER = "compare-{by}"
# Rows of each table shown in the summary printed on the terminal.
SUMMARY_ROWS = 5


@app.command()
@segmentation_options
def compare(
    path: Annotated[Path, typer.Argument(help="A folder of speeches.")],
    by: Annotated[str, typer.Option("--by", help="Metadata variable to compare: year, speaker, a manifest column.")] = "year",
    table: Annotated[Optional[str], typer.Option("--table", help=f"Print one table: {', '.join(TABLES)}.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Rising and falling terms kept per group.")] = 20,
    fmt: FormatOption = Format.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=(
        "A file for one table (--table), else the folder the full tables are written to as CSV "
        f"(default: {DEFAULT_FOLDER.format(by='BY')} in the current folder; with --format json, one file)."))] = None,
    where: WhereOption = None,
    pool: Annotated[bool, typer.Option("--pool", help="Compare a folder that mixes kinds or levels of document without the warning.")] = False,
    *,
    segmentation: Segmentation,
) -> None:
    """Compare groups of speeches: rising and falling terms, similarity, slogans, structure, metrics.

    Every table is written in full as CSV (to -o, or compare-BY) and summed up on the
    terminal (its size and first rows); --table prints one table in full."""
    from ..analysis.by_group.compare import compare as compare_groups
    from ..errors import SpeechkitError

    if table is not None and table not in TABLES:
        raise SpeechkitError(f"--table: unknown table {table!r}; choose one of {', '.join(TABLES)}")
    corpus = read_speeches(path, where)
    if not any(s.meta.get(by) is not None for s in corpus):
        raise SpeechkitError(f"--by: no speech has a value for {by!r}")
    if not pool:
        warning = mixture_warning(corpus, by)
        if warning:
            typer.echo(warning, err=True)
    comparison = compare_groups(corpus, by=by, top=top, **segmented_counts(corpus, segmentation))
    tables = comparison.tables()
    if table is not None or fmt is Format.json:
        chosen = {table: tables[table]} if table else {name: tables[name] for name in TABLES if name in tables}
        emit(render_tables(chosen, fmt), output)
        return
    folder = Path(DEFAULT_FOLDER.format(by=by)) if output is None else output
    written = comparison.to_csv(folder, csv_is_safe())
    if fmt is Format.csv:
        for path in written:
            typer.echo(f"wrote {path}", err=True)
        return
    typer.echo(summary(tables, dict(zip(tables, written))))


def summary(tables: dict, files: dict) -> str:
    """Each table in a few lines: its name, size and file, then its first rows."""
    parts = []
    for name in (n for n in TABLES if n in tables):
        frame = tables[name]
        head = render_tables({name: frame.head(SUMMARY_ROWS)}, Format.text)
        more = f"… {len(frame) - SUMMARY_ROWS} more rows" if len(frame) > SUMMARY_ROWS else ""
        columns = len(frame.columns) + (frame.index.nlevels if name in KEYED_TABLES else 0)
        parts.append("\n".join(line for line in (f"# {name}: {len(frame)} rows × {columns} columns → {files[name]}",
                                                   head, more) if line))
    return "\n\n".join(parts)


def mixture_warning(corpus, by: str) -> str | None:
    """One line naming the kinds (or levels) a comparison by ``by`` pools, or None."""
    from ..pipeline.grouping import mixture_column

    column = mixture_column(corpus)
    if column is None or column == by:
        return None
    values = sorted({str(s.meta.get(column)) for s in corpus if s.meta.get(column) is not None})
    return (f"warning: the folder mixes {len(values)} values of {column} ({', '.join(values[:6])}"
            f"{' …' if len(values) > 6 else ''}): each {by} pools them; compare one {column} at a time "
            f"(or 'speechkit analyze', which groups by {column}); --pool silences this")


def segmented_counts(corpus, segmentation: Segmentation) -> dict:
    """Each speech's content-term counts and word-token total under the command's
    segmentation options (the comparison counts with the default tokenizer otherwise)."""
    from ..analysis.frequencies import speech_frequencies
    from ..segment import count_words

    tokenizer = segmentation.tokenizer()
    return {
        "frequencies": {s.id: speech_frequencies(s, tokenizer) for s in corpus},
        "word_counts": {s.id: count_words(s.tokens(tokenizer)) for s in corpus},
    }


def render_tables(tables: dict, fmt: Format) -> str:
    """Tables in the chosen format; several tables are titled (text, csv) or keyed (json)."""
    def rows(name, frame):
        frame = frame.reset_index() if name in KEYED_TABLES else frame
        return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]

    if fmt is Format.json:
        return to_json({name: rows(name, frame) for name, frame in tables.items()})
    render = to_csv if fmt is Format.csv else to_text_table
    parts = [(f"# {name}\n" if len(tables) > 1 else "") + render(rows(name, frame)) for name, frame in tables.items()]
    return "\n".join(parts)


def _plain(value):
    """Numpy and pandas scalars as plain Python values (missing → None)."""
    import pandas as pd

    if value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value
