"""``speechkit corpus``: the speeches of a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import Format, FormatOption, OutputOption, emit_rows, load_corpus
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options
def corpus(
    path: Annotated[Path, typer.Argument(help="A folder of speeches (or one file).")],
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """List the speeches of a folder: file, title, year, characters, paragraphs, tokens."""
    from ..names import readable

    found = load_corpus(path, where=where)
    tokenizer = segmentation.tokenizer()
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
