"""``speechkit metrics``: every quantity of a speech, or the indicator × year table."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import (
    Format,
    FormatOption,
    csv_is_safe,
    OutputOption,
    PathArgument,
    emit,
    emit_per_speech,
    read_speeches,
    to_json,
)
from .options import Segmentation, WhereOption, segmentation_options

@app.command()
@segmentation_options
def metrics(
    path: PathArgument,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="The indicator × year table of a folder.")] = False,
    targets: Annotated[bool, typer.Option("--targets", help="With --by-year: show targets as rows of their own.")] = False,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Every number with its indicator, unit, change and period (redacted ones too).

    Metrics are found in the characters of the text, without segmentation; the
    segmentation options are accepted (and their files checked) like everywhere.
    """
    from ..extract.metrics.metrics import extract_metrics
    from ..render.tables import METRIC_COLUMNS

    if not by_year:
        emit_per_speech(extract_metrics, path, fmt, output, METRIC_COLUMNS, where=where)
        return
    from ..analysis.by_group.metrics import indicator_table
    from ..render.writers import spreadsheet_safe_frame

    frame = indicator_table(list(read_speeches(path, where)), include_targets=targets)
    if fmt is Format.json:
        rows = [
            {"indicator": name, "unit": unit, "values": {str(y): v for y, v in row.items() if v is not None}}
            for (name, unit), row in frame.iterrows()
        ]
        emit(to_json(rows), output)
    elif fmt is Format.csv:
        emit((spreadsheet_safe_frame(frame) if csv_is_safe() else frame).to_csv(), output)
    else:
        emit(frame.to_string(na_rep="") if len(frame) else "no indicators", output)
