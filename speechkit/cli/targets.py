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
    path: Annotated[Path, typer.Argument(help="A folder of reports of consecutive years.")],
    by: Annotated[Optional[str], typer.Option("--by", help="Keep one ledger per value of this variable (org, level, place …).")] = None,
    table: Annotated[str, typer.Option("--table", help=f"The table to print: {', '.join(TABLES)}.")] = "ledger",
    chart: Annotated[Optional[Path], typer.Option("--chart", help="Draw target against outcome per indicator into this PNG.")] = None,
    font: Annotated[Optional[Path], typer.Option("--font", help="A CJK font file for the chart.")] = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Targets and outcomes: each target of year t against the outcome reported in year t+1."""
    import pandas as pd

    from ..analysis.targets import ledger_by

    choose_table(table, TABLES)
    corpus = read_speeches(path, where)
    frames = []
    for group, ledger in ledger_by(corpus, by).items():
        frame = {"ledger": ledger.ledger, "targets": ledger.target_frame, "outcomes": ledger.outcome_frame}[table]()
        frames.append(frame.assign(**{by: group}) if by else frame)
    frame = pd.concat(frames, ignore_index=True)
    if by:
        frame = frame[[by, *[c for c in frame.columns if c != by]]]
    emit_rows(frame_records(frame), fmt, output, columns=list(frame.columns))
    if chart is not None:
        from ..render import charts

        ledgers = [ledger.ledger() for ledger in ledger_by(corpus, by).values()]
        draw_chart(charts.target_outcome_chart, pd.concat(ledgers, ignore_index=True), chart, font)
