"""``speechkit idf``: an IDF table of the user's own corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import SpeechkitError
from . import app
from .common import DEFAULT_POS_TEXT, PosOption, pos_tags, read_speeches
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options
def idf(
    folder: Annotated[Path, typer.Argument(help="A folder of speeches: the user's own corpus.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The IDF table to write (jieba format).")],
    unit: Annotated[str, typer.Option("--unit", help="Documents of the table: speech, section, paragraph or sentence.")] = "speech",
    pos: PosOption = DEFAULT_POS_TEXT,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Build an IDF table from a corpus and save it, for 'speechkit keywords --idf'."""
    from ..analysis.idf import IdfTable

    if unit not in ("speech", "section", "paragraph", "sentence"):
        raise SpeechkitError(f"--unit: expected speech, section, paragraph or sentence, got {unit!r}")
    tokenizer = segmentation.tokenizer()
    table = IdfTable.from_corpus(read_speeches(folder, where), unit, pos_tags(pos), tokenizer)
    table.save(output)
    typer.echo(f"{output}: {len(table)} terms from {table.documents} documents", err=True)
    if table.warning:
        typer.echo(table.warning, err=True)

