"""Shared pieces of the CLI: options, output writing, corpus loading."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from ..errors import SpeechkitError


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
EngineOption = Annotated[str, typer.Option("--engine", help="Segmentation engine: rjieba (default) or jieba.")]
UserDictOption = Annotated[
    Optional[list[Path]], typer.Option("--userdict", help="Extra user dictionary, jieba format (word, optional frequency and POS tag per line); repeatable.")
]
StopwordsOption = Annotated[
    Optional[Path], typer.Option("--stopwords", help="Stopword file replacing the bundled list.")
]
ExtraStopwordsOption = Annotated[
    Optional[list[Path]], typer.Option("--add-stopwords", help="Stopword file added to the bundled list; repeatable.")
]


def tokenizer_from_options(engine: str, userdict, stopwords, add_stopwords):
    """The process-wide Tokenizer for the CLI's segmentation options."""
    from ..segment import get_tokenizer

    return get_tokenizer(engine, userdict or (), stopwords, add_stopwords or ())


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
    """CSV text of ``rows``; nested values are written as JSON.

    ``safe`` (default: :func:`csv_is_safe`) prefixes text cells that a spreadsheet
    would run as a formula with ``'`` (see :func:`speechkit.render.tables.spreadsheet_safe`).
    """
    from ..render.tables import spreadsheet_safe

    safe = csv_is_safe() if safe is None else safe
    columns = columns or (list(rows[0]) if rows else [])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
        writer.writerow({k: spreadsheet_safe(v) for k, v in cells.items()} if safe else cells)
    return buffer.getvalue()


def to_text_table(rows: list[dict], columns: list[str] | None = None) -> str:
    """A plain aligned table for the terminal (tab-separated, header first).

    Cells are :func:`speechkit.names.printable`: a tab, newline or escape sequence in a
    title cannot break the table or restyle the terminal.
    """
    from ..names import printable

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


def load_corpus(path: Path, quiet: bool = False):
    """Read a folder or file with a progress bar; report skipped files on stderr."""
    from ..ingest.read import list_documents, read_corpus

    if path.is_dir() and not quiet:
        total = len(list_documents(path)[0])
        with progress_bar() as progress:
            task = progress.add_task("reading", total=total)
            corpus = read_corpus(path, on_progress=lambda _: progress.advance(task))
    else:
        corpus = read_corpus(path)
    report_skipped(corpus)
    return corpus


def report_skipped(corpus) -> None:
    """Name every file that was not read, with the reason, on stderr (one line each)."""
    from ..names import printable

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
