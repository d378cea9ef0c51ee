"""``speechkit keywords``: keywords of a speech, of every speech of a folder, or of each group."""

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
    OutputOption,
    PathArgument,
    PosOption,
    emit_rows,
    frame_records,
    pos_tags,
    read_speeches,
)
from .options import Segmentation, WhereOption, segmentation_options


class Method(str, Enum):
    tfidf = "tfidf"
    textrank = "textrank"


TopOption = Annotated[int, typer.Option("--top", "-n", min=1, help="How many terms.")]


@app.command()
@segmentation_options
def keywords(
    path: PathArgument,
    method: Annotated[Method, typer.Option("--method", "-m", help="tfidf or textrank.")] = Method.tfidf,
    top: TopOption = 20,
    by: Annotated[Optional[str], typer.Option("--by", help="Folder: keywords per group (year, speaker …) instead of per speech.")] = None,
    idf: Annotated[Optional[Path], typer.Option("--idf", help="An IDF table saved by 'speechkit idf' (default for one speech: jieba's).")] = None,
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Keywords of a speech, or of every speech (or group) of a folder, best first."""
    from ..analysis.idf import IdfTable
    from ..analysis.keywords import corpus_keywords, speech_keywords

    tokenizer = segmentation.tokenizer()
    table = IdfTable.load(idf) if idf else None
    if path.is_dir():
        frame = corpus_keywords(read_speeches(path, where), method.value, top, by, pos_tags(pos), tokenizer=tokenizer, idf=table)
        emit_rows(frame_records(frame), fmt, output)
        return
    if by:
        raise SpeechkitError(f"--by: {path} is not a folder")
    speech = read_speeches(path, where)[0]
    rows = [k.to_dict() for k in speech_keywords(speech, method.value, top, table, pos_tags(pos), tokenizer=tokenizer)]
    emit_rows(rows, fmt, output, ["term", "score", "count"])
