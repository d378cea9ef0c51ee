"""``speechkit compare``: year (or any variable) comparison tables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

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

if TYPE_CHECKING:
    from ..analysis.by_group.compare import Comparison
    from ..corpus import Corpus
    from ..analysis.grouping import Grouping
    from ..extract.slogans.lexicon import Lexicon
    from ..segment import Tokenizer

TABLES = ("rates", "changes", "similarity", "slogans", "structure", "metrics")
# Tables whose index (a year, a slogan, an indicator) is shown as their first column.
KEYED_TABLES = {"similarity", "slogans", "metrics"}
# Where the full tables go when no -o names a folder ("compare-year").
DEFAULT_FOLDER = "compare-{by}"
# Rows of each table shown in the summary printed on the terminal.
SUMMARY_ROWS = 5


@app.command()
@segmentation_options(lexicon=True)
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
    pool: Annotated[bool, typer.Option("--pool", help="Compare the years of a folder that mixes kinds or levels of document together, not within each kind.")] = False,
    *,
    segmentation: Segmentation,
) -> None:
    """Compare groups of speeches: rising and falling terms, similarity, slogans, structure, metrics.

    Every table is written in full as CSV (to -o, or compare-BY) and summed up on the
    terminal (its size and first rows); --table prints one table in full."""
    from ..analysis.by_group.compare import compare as compare_groups
    from ..errors import SpeechkitError
    from ..extract.slogans.lexicon import load_lexicon
    from ..render.comparison import write_comparison

    if table is not None and table not in TABLES:
        raise SpeechkitError(f"--table: unknown table {table!r}; choose one of {', '.join(TABLES)}")
    corpus = read_speeches(path, where)
    if not any(s.meta.get(by) is not None for s in corpus):
        raise SpeechkitError(f"--by: no speech has a value for {by!r}")
    extraction = {"tokenizer": segmentation.tokenizer(), "lexicon": load_lexicon(segmentation.lexicon)}
    grouping = None if pool else mixture_grouping(corpus, by)
    if grouping is None:
        comparison = compare_groups(corpus, by=by, top=top, **extraction)
    else:
        typer.echo(mixture_warning(grouping, by), err=True)
        comparison = compare_within_groups(corpus, grouping, by=by, top=top, **extraction)
    tables = comparison.tables()
    if table is not None or fmt is Format.json:
        chosen = {table: tables[table]} if table else {name: tables[name] for name in TABLES if name in tables}
        emit(render_tables(chosen, fmt), output)
        return
    folder = Path(DEFAULT_FOLDER.format(by=by)) if output is None else output
    written = write_comparison(comparison, folder, safe_csv=csv_is_safe())
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


def mixture_grouping(corpus, by: str) -> Grouping | None:
    """The kinds (or levels) a folder mixes, each compared on its own by ``by``; None when
    the folder mixes none, or ``by`` is the mixed column itself (comparing the kinds)."""
    from ..analysis.grouping import resolve_grouping

    grouping = resolve_grouping(corpus)
    return grouping if grouping.mixed and grouping.by != by else None


def mixture_warning(grouping: Grouping, by: str) -> str:
    """One line naming the kinds (or levels) of a folder, compared each on its own by ``by``."""
    from ..analysis.grouping import MIXTURE_NAMED

    sizes = [f"{label} ({len(positions)})" for label, positions in grouping.groups.items()]
    more = f" and {len(sizes) - MIXTURE_NAMED} more" if len(sizes) > MIXTURE_NAMED else ""
    return (f"warning: the folder mixes {len(sizes)} values of {grouping.by}: {', '.join(sizes[:MIXTURE_NAMED])}{more}; "
            f"each {by} is compared within each {grouping.by}, the tables stacked under a {grouping.by} column "
            f"(--pool compares them together)")


def compare_within_groups(corpus: Corpus, grouping: Grouping, *, by: str, top: int, tokenizer: Tokenizer,
                          lexicon: Lexicon) -> Comparison:
    """The comparison by ``by`` of each group of ``grouping`` on its own, every table
    stacked under the grouping column (:func:`speechkit.analysis.grouping.stack_groups`):
    a year of one kind of document is compared with the years of that kind only."""
    from ..analysis.by_group.compare import Comparison, compare as compare_groups
    from ..analysis.grouping import stack_groups

    per_group = {}
    for label, positions in grouping.groups.items():
        members = type(corpus)([corpus[position] for position in positions], root=corpus.root)
        per_group[label] = compare_groups(members, by=by, top=top, tokenizer=tokenizer, lexicon=lexicon).tables()
    stacked = {name: stack_groups({label: tables[name] for label, tables in per_group.items()}, grouping.by,
                                  index=name in KEYED_TABLES)
               for name in next(iter(per_group.values()))}
    extra = {name: table for name, table in stacked.items() if name not in ("rates", "changes", "similarity")}
    return Comparison(by, stacked["rates"], stacked["changes"], stacked["similarity"], extra)


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
