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


class Weight(str, Enum):
    keyness = "keyness"
    frequency = "frequency"


TopOption = Annotated[int, typer.Option("--top", "-n", min=1, help="How many terms.")]
WeightOption = Annotated[Weight, typer.Option(
    "--weight", help="Rank each speech or group's terms by keyness (G² against the rest of the folder) or by frequency.")]
ReferenceGroupOption = Annotated[Optional[str], typer.Option(
    "--reference-group", metavar="VALUE", help="With --weight keyness: compare every group with this one (a value of --by) instead of the rest.")]
OfficialeseOption = Annotated[Optional[Path], typer.Option(
    "--officialese", metavar="FILE", help="A word list replacing the bundled officialese function words left out (an empty file keeps every word).")]


def officialese_words(path: Path | None) -> frozenset[str]:
    """The officialese words of ``--officialese`` (default: the bundled list)."""
    from ..analysis.officialese import load_officialese

    return load_officialese(path)


@app.command()
@segmentation_options
def keywords(
    path: PathArgument,
    method: Annotated[Optional[Method], typer.Option("--method", "-m", help="tfidf or textrank instead of --weight (default for one speech: tfidf).")] = None,
    top: TopOption = 20,
    by: Annotated[Optional[str], typer.Option("--by", help="Folder: keywords per group (year, speaker …) instead of per speech.")] = None,
    weight: WeightOption = Weight.keyness,
    reference_group: ReferenceGroupOption = None,
    officialese: OfficialeseOption = None,
    idf: Annotated[Optional[Path], typer.Option("--idf", help="An IDF table saved by 'speechkit idf' (default for one speech: jieba's).")] = None,
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Keywords of a speech, or of every speech (or group) of a folder, best first: in a
    folder, by default, the terms that set each speech (or group) apart from the rest
    (keyness), without the officialese function words."""
    from ..analysis.idf import IdfTable
    from ..analysis.keywords import corpus_keywords, speech_keywords

    tokenizer = segmentation.tokenizer()
    table = IdfTable.load(idf) if idf else None
    if path.is_dir():
        chosen = method.value if method is not None else weight.value
        frame = corpus_keywords(read_speeches(path, where), chosen, top=top, by=by, pos=pos_tags(pos), tokenizer=tokenizer, idf=table,
                                reference=reference_group, officialese=officialese_words(officialese))
        emit_rows(frame_records(frame), fmt, output)
        return
    if by:
        raise SpeechkitError(f"--by: {path} is not a folder")
    speech = read_speeches(path, where)[0]
    chosen = method.value if method is not None else Method.tfidf.value
    rows = [k.to_dict() for k in speech_keywords(speech, chosen, top=top, idf=table, pos=pos_tags(pos), tokenizer=tokenizer)]
    emit_rows(rows, fmt, output, ["term", "score", "count"])
