"""``speechkit segment`` and ``speechkit corpus``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
    tokenizer_from_options,
)

PathArgument = Annotated[Path, typer.Argument(help="A speech file (.txt, .md, .docx).")]


@app.command()
def segment(
    path: PathArgument,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
    stopwords: StopwordsOption = None,
    add_stopwords: ExtraStopwordsOption = None,
) -> None:
    """Segment a speech into tokens (text: one token per line)."""
    from ..ingest.read import read_speech

    speech = read_speech(path)
    tokens = tokenizer_from_options(engine, userdict, stopwords, add_stopwords).tokenize(speech.text)
    rows = [t.to_dict() for t in tokens]
    if fmt is Format.text:
        lines = [f"{t.start}\t{t.end}\t{t.pos}\t{'stop' if t.is_stop else ''}\t{t.text!r}"[:-1].replace("\t'", "\t", 1) for t in tokens]
        emit("\n".join(lines), output)
    else:
        emit_rows(rows, fmt, output, ["text", "start", "end", "pos", "is_stop"])


@app.command()
def corpus(
    path: Annotated[Path, typer.Argument(help="A folder of speeches (or one file).")],
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    engine: EngineOption = "rjieba",
) -> None:
    """List the speeches of a folder: file, title, year, characters, paragraphs, tokens."""
    from ..names import readable

    found = load_corpus(path)
    tokenizer = tokenizer_from_options(engine, None, None, None)
    rows = [
        {
            "file": readable(speech.path.name) if speech.path else speech.id,
            "title": speech.title,
            "year": speech.year,
            "characters": len(speech.text),
            "paragraphs": len(speech.paragraphs),
            "tokens": sum(1 for t in tokenizer.tokenize(speech.text) if not t.text.isspace()),
        }
        for speech in found
    ]
    skipped = [s.to_dict() for s in found.skipped]
    emit_rows(rows, fmt, output, json_data={"speeches": rows, "skipped": skipped} if fmt is Format.json else None)
    typer.echo(f"{len(rows)} read, {len(skipped)} skipped", err=True)
