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

METRIC_COLUMNS = ["indicator", "value", "raw", "unit", "qualifier", "change", "placeholder", "start", "end", "period", "role", "link"]


@app.command()
@segmentation_options(lexicon=True)
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

    Metrics are found in the characters of the text, without the run's segmentation:
    the segmentation options are accepted (and their files checked) like everywhere;
    --lexicon names the formulations whose numerals (两个确立) are no metrics.
    """
    from functools import partial

    from ..extract.metrics.metrics import extract_metrics
    from ..extract.slogans.lexicon import load_lexicon

    lexicon = load_lexicon(segmentation.lexicon)
    if not by_year:
        emit_per_speech(partial(extract_metrics, lexicon=lexicon), path, fmt, output, METRIC_COLUMNS, where=where)
        return
    from ..analysis.by_group.metrics import indicator_table
    from ..render.tables import spreadsheet_safe_frame

    frame = indicator_table(list(read_speeches(path, where)), include_targets=targets, lexicon=lexicon)
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
