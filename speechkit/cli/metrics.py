"""``speechkit metrics``: every quantity of a speech, or the indicator × year table."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

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
    frame_records,
    read_speeches,
    to_json,
)
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options(lexicon=True)
def metrics(
    path: PathArgument,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="The figures of a folder by the year they are for: the table indicators_by_year_wide of analyze.")] = False,
    targets: Annotated[bool, typer.Option("--targets", hidden=True, help="Deprecated: targets are rows of their own (kind target) of --by-year.")] = False,
    indicators: Annotated[Optional[Path], typer.Option("--indicators", help="With --by-year: a canonical indicator table replacing the bundled one (columns: id kind unit direction family names), as for analyze.")] = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Every number with its indicator, unit, change and period (redacted ones too).

    Metrics are found in the characters of the text, without the run's segmentation:
    the segmentation options are accepted (and their files checked) like everywhere;
    --lexicon names the formulations whose numerals (两个确立) are no metrics. With
    ``--by-year`` the figures are those of the speeches' results, as for ``analyze``.
    """
    from functools import partial

    from ..extract.metrics.metrics import extract_metrics
    from ..extract.slogans.lexicon import load_lexicon
    from ..render.tables import METRIC_COLUMNS

    lexicon = load_lexicon(segmentation.lexicon)
    if not by_year:
        emit_per_speech(partial(extract_metrics, lexicon=lexicon), path, fmt, output, METRIC_COLUMNS, where=where)
        return
    from ..analysis.by_group.metrics import indicators_by_year_wide
    from ..analysis.canonical import read_canonical
    from ..render.writers import spreadsheet_safe_frame

    if targets:
        typer.echo("warning: --targets is no longer needed: the targets are rows of their own (kind target)", err=True)
    canonical = read_canonical(indicators) if indicators is not None else None
    frame = indicators_by_year_wide(read_speeches(path, where).results(**segmentation.result_options()), canonical=canonical)
    keys = ["place", "indicator", "kind", "unit"]
    if fmt is Format.json:
        rows = [{**{key: row[key] for key in keys},
                 "values": {str(year): row[year] for year in frame.columns if year not in keys and row[year] is not None}}
                for row in frame_records(frame)]
        emit(to_json(rows), output)
    elif fmt is Format.csv:
        emit((spreadsheet_safe_frame(frame) if csv_is_safe() else frame).to_csv(index=False), output)
    else:
        emit(frame.to_string(index=False, na_rep="") if len(frame) else "no indicators", output)
