"""Shared pieces of the CLI: options, output writing, corpus loading."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import SpeechkitError
from ..names import printable


class Format(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


class OutlineFormat(str, Enum):
    text = "text"
    json = "json"
    md = "md"


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text for people, json, or csv.")]
OutputOption = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]
PathArgument = Annotated[Path, typer.Argument(help="A speech file (.txt, .md, .docx, .html, .pdf), or a folder of speeches.")]
PosOption = Annotated[
    str,
    typer.Option("--pos", help="POS tags of the terms counted, comma-separated; n* = every noun tag; 'all' = any."),
]
DEFAULT_POS_TEXT = "n*,v,vn,j"
# Control characters (C0, DEL, C1) in a title or a heading would drive the terminal.
def emit(text: str, output: Path | None, end_with_newline: bool = True) -> None:
    """Write ``text`` to ``output``, or to stdout when no file is named."""
    if end_with_newline and not text.endswith("\n"):
        text += "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SpeechkitError(f"{output}: cannot write ({exc.strerror})") from None


def to_json(data: Any) -> str:
    """JSON with Chinese kept readable and a stable layout."""
    return json.dumps(data, ensure_ascii=False, indent=2)


# Set on every invocation by the root command from its --raw-csv option.
_safe_csv = True


def set_csv_safety(safe: bool) -> None:
    """Make the CSV of this invocation safe for spreadsheets (the default) or raw (``--raw-csv``)."""
    global _safe_csv
    _safe_csv = safe


def csv_is_safe() -> bool:
    """Whether CSV output is made safe for spreadsheets: yes, unless ``speechkit --raw-csv`` was given."""
    return _safe_csv


def to_csv(rows: list[dict], columns: list[str] | None = None, safe: bool | None = None) -> str:
    """CSV text of ``rows`` in ``columns`` (default: the first row's keys), written as
    ``analyze`` writes its tables (:func:`speechkit.render.writers.csv_text`): nested values
    as JSON and, with ``safe`` (default: :func:`csv_is_safe`), text cells made safe for
    spreadsheets."""
    from ..render.writers import csv_text

    columns = columns or (list(rows[0]) if rows else [])
    return csv_text([[row.get(column) for column in columns] for row in rows], columns, csv_is_safe() if safe is None else safe)


def to_text_table(rows: list[dict], columns: list[str] | None = None) -> str:
    """A plain aligned table for the terminal (tab-separated, header first).

    Cells are :func:`speechkit.names.printable`: a tab, newline or escape sequence in a
    title cannot break the table or restyle the terminal.
    """
    columns = columns or (list(rows[0]) if rows else [])
    lines = ["\t".join(columns)]
    lines += ["\t".join("" if row.get(c) is None else printable(str(row.get(c))) for c in columns) for row in rows]
    return "\n".join(lines)


def emit_rows(rows: list[dict], fmt: Format, output: Path | None, columns: list[str] | None = None, json_data: Any = None) -> None:
    """Write a table in the chosen format (``json_data`` overrides the JSON payload)."""
    if fmt is Format.json:
        emit(to_json(rows if json_data is None else json_data), output)
    elif fmt is Format.csv:
        emit(to_csv(rows, columns), output)
    else:
        emit(to_text_table(rows, columns), output)


# Set on every invocation from --max-file-mb and --follow-links (see cli/options.py).
_read_limits = None


def set_read_limits(limits) -> None:
    """The limits (:class:`speechkit.ingest.limits.ReadLimits`) every file of this invocation is read within."""
    global _read_limits
    _read_limits = limits


def read_limits():
    """The limits of reading of this invocation (the defaults until set)."""
    from ..ingest.limits import ReadLimits

    return _read_limits or ReadLimits()


def load_corpus(path: Path, quiet: bool = False, where: str | None = None):
    """Read a folder or file with a progress bar; report skipped files on stderr.

    ``where`` (``--where``) keeps the speeches whose metadata satisfy it
    (:meth:`speechkit.corpus.Corpus.query`).
    """
    from ..ingest.read import list_documents, read_corpus

    limits = read_limits()
    if path.is_dir() and not quiet:
        total = len(list_documents(path, follow_links=limits.follow_links)[0])
        with progress_bar() as progress:
            task = progress.add_task("reading", total=total)
            corpus = read_corpus(path, on_progress=lambda _: progress.advance(task), limits=limits)
    else:
        corpus = read_corpus(path, limits=limits)
    report_skipped(corpus)
    return corpus if where is None else filtered(corpus, where, path)


def filtered(corpus, where: str, path: Path):
    """The speeches of ``corpus`` that satisfy ``--where``; one that no speech satisfies is a user error."""
    try:
        kept = corpus.query(where)
    except SpeechkitError as exc:
        raise SpeechkitError(f"--where: {exc}") from None
    if len(corpus) and not len(kept):
        raise SpeechkitError(f"{path}: no speech satisfies --where {where!r}")
    return kept


def report_skipped(corpus) -> None:
    """Name every file that was not read, with the reason, on stderr (one line each)."""
    for skipped in corpus.skipped:
        typer.echo(f"skipped {printable(skipped.path)}: {skipped.reason}", err=True)


def progress_bar():
    """A transient rich progress bar on stderr, silent when stderr is not a terminal."""
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    return Progress(console=console, transient=True, disable=not console.is_terminal)


def require_speeches(corpus, path: Path) -> None:
    """A corpus with nothing readable in it is a user error."""
    if not len(corpus):
        raise SpeechkitError(f"{path}: no readable speech found")


def pos_tags(text: str) -> tuple[str, ...] | None:
    """The tags of ``--pos`` (``None`` for ``all``)."""
    if text.strip().lower() == "all":
        return None
    tags = tuple(t.strip() for t in text.split(",") if t.strip())
    if not tags:
        raise SpeechkitError("--pos: give tags such as n*,v,vn,j (or all)")
    return tags


def read_speeches(path: Path, where: str | None = None):
    """The corpus of a file or folder, filtered by ``--where``; nothing readable is a user error."""
    corpus = load_corpus(path, where=where)
    require_speeches(corpus, path)
    return corpus


def frame_records(frame) -> list[dict]:
    """DataFrame rows as plain dicts (pandas NA as None)."""
    return [{k: (None if _missing(v) else v) for k, v in row.items()} for row in frame.astype(object).to_dict("records")]


def _missing(value) -> bool:
    import pandas as pd

    return not isinstance(value, (list, dict)) and bool(pd.isna(value))


def emit_per_speech(records_of, path: Path, fmt: Format, output: Path | None, columns: list[str],
                    where: str | None = None) -> None:
    """Write per-speech records of a file or folder (filtered by ``--where``): a plain list
    for one file, tagged by speech for a folder."""
    speeches = list(read_speeches(path, where))
    if not path.is_dir():
        emit_rows([r.to_dict() for r in records_of(speeches[0])], fmt, output, columns)
        return
    per_speech = [(s, [r.to_dict() for r in records_of(s)]) for s in speeches]
    rows = [{"speech": s.id, "year": s.year, **row} for s, records in per_speech for row in records]
    payload = [{"speech": s.id, "year": s.year, "records": records} for s, records in per_speech]
    emit_rows(rows, fmt, output, ["speech", "year", *columns], json_data=payload)


def choose_table(table: str, tables) -> str:
    """``table`` if it is one of ``tables``, else a one-line user error naming them."""
    if table not in tables:
        raise SpeechkitError(f"--table: unknown table {table!r}; choose one of {', '.join(tables)}")
    return table


def draw_chart(draw, data, path: Path, font: Path | None, **options) -> Path:
    """Draw one of :mod:`speechkit.render.charts` into ``path`` in the CJK font (``--font``)."""
    from ..render.fonts import resolve_font

    return draw(data, path, font=str(resolve_font(font)), **options)
