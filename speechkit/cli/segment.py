"""``speechkit segment``: the tokens of one speech."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import Format, FormatOption, OutputOption, emit, emit_rows
from .options import Segmentation, segmentation_options


@app.command()
@segmentation_options
def segment(
    path: Annotated[Path, typer.Argument(help="A speech file (.txt, .md, .docx).")],
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Segment a speech into tokens (text: one token per line)."""
    from ..ingest.read import read_speech
    from .common import read_limits

    speech = read_speech(path, limits=read_limits())
    tokens = segmentation.tokenizer().tokenize(speech.text)
    if fmt is Format.text:
        lines = [f"{t.start}\t{t.end}\t{t.pos}\t{'stop' if t.is_stop else ''}\t{t.text!r}"[:-1].replace("\t'", "\t", 1) for t in tokens]
        emit("\n".join(lines), output)
    else:
        emit_rows([t.to_dict() for t in tokens], fmt, output, ["text", "start", "end", "pos", "is_stop"])
