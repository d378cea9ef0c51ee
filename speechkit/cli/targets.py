"""``speechkit targets``: targets set in each report and whether the next report met them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import Format, FormatOption, OutputOption, choose_table, draw_chart, emit_rows, frame_records, read_speeches
from .options import Segmentation, WhereOption, segmentation_options

TABLES = ("ledger", "targets", "outcomes")


@app.command()
@segmentation_options
def targets(
    path: Annotated[Path, typer.Argument(help="A folder of reports of consecutive years (of one place or several).")],
    by: Annotated[Optional[str], typer.Option("--by", help="Also keep one ledger per value of this variable (org, kind …), as analyze --group-by does; places are always kept apart.")] = None,
    pool: Annotated[bool, typer.Option("--pool", help="Keep a corpus that mixes kinds of document together, as analyze --pool does (the levels stay apart).")] = False,
    table: Annotated[str, typer.Option("--table", help=f"The table to print: {', '.join(TABLES)}.")] = "ledger",
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="How far an approximate target (左右) may be missed and be 'met within tolerance', in its unit (percentage points for %).")] = 0.1,
    indicators: Annotated[Optional[Path], typer.Option("--indicators", help="A canonical indicator table replacing the bundled one (columns: id kind unit direction family names).")] = None,
    chart: Annotated[Optional[Path], typer.Option("--chart", help="Draw target against outcome per place and indicator into this PNG.")] = None,
    font: Annotated[Optional[Path], typer.Option("--font", help="A CJK font file for the chart.")] = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Targets and outcomes: each target of year t against the outcome reported in year t+1,
    place by place; the tables of ``analyze`` grouped as ``analyze --group-by BY`` groups them."""
    from ..analysis.canonical import read_canonical
    from ..analysis.targets import target_ledgers

    choose_table(table, TABLES)
    canonical = read_canonical(indicators) if indicators is not None else None
    results = read_speeches(path, where).results(**segmentation.result_options())
    ledgers = target_ledgers(results, by=by, pool=pool, canonical=canonical, tolerance=tolerance)
    for warning in ledgers.warnings:
        typer.echo(f"warning: {warning}", err=True)
    frame = {"ledger": ledgers.ledger, "targets": ledgers.target_frame, "outcomes": ledgers.outcome_frame}[table]()
    emit_rows(frame_records(frame), fmt, output, columns=list(frame.columns))
    if chart is not None:
        from ..render import charts

        draw_chart(charts.target_outcome_chart, ledgers.ledger(), chart, font)
