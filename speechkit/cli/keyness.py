"""``speechkit keyness``: key terms of a target group against a reference."""

from __future__ import annotations

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
    PosOption,
    emit_rows,
    frame_records,
    pos_tags,
    read_speeches,
)
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options
def keyness(
    folder: Annotated[Path, typer.Argument(help="A folder of speeches.")],
    target: Annotated[str, typer.Option("--target", help="The value of --by whose speeches are the target group.")],
    by: Annotated[str, typer.Option("--by", help="The metadata variable that defines the groups.")] = "year",
    reference: Annotated[Optional[str], typer.Option("--reference", help="The reference value (default: all other speeches).")] = None,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="Show the N key terms of each side.")] = None,
    p: Annotated[float, typer.Option("--p", min=0.0, max=1.0, help="Significance threshold.")] = 0.05,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Minimum count over both groups.")] = 3,
    correction: Annotated[str, typer.Option("--correction", help="williams, yates or none.")] = "williams",
    pos: PosOption = DEFAULT_POS_TEXT,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Key terms of a target group against a reference (G², log ratio, p; as quanteda's
    textstat_keyness). Positive G²: the target's terms; negative: the reference's."""
    from ..analysis.keyness import COLUMNS, split_groups
    from ..analysis.keyness import keyness as measure

    if not folder.is_dir():
        raise SpeechkitError(f"{folder}: keyness compares groups of a folder; give a folder")
    target_group, reference_group = split_groups(read_speeches(folder, where), by, target, reference)
    tokenizer = segmentation.tokenizer()
    frame = measure(target_group, reference_group, pos=pos_tags(pos), tokenizer=tokenizer, correction=correction, p_threshold=p,
                    min_count=min_count)
    if top is not None:
        import pandas as pd

        frame = pd.concat([frame[frame["g2"] > 0].head(top), frame[frame["g2"] < 0].tail(top)])
    emit_rows(frame_records(frame), fmt, output, COLUMNS)
