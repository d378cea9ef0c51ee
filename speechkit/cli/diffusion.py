"""``speechkit diffusion``: when each locality takes up the reference set's formulations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import Format, FormatOption, OutputOption, choose_table, draw_chart, emit_rows, frame_records, read_speeches
from .options import Segmentation, WhereOption, segmentation_options

TABLES = ("adoption", "formulations", "never", "local")


@app.command()
@segmentation_options
def diffusion(
    path: Annotated[Path, typer.Argument(help="A folder of local speeches.")],
    reference: Annotated[Path, typer.Option("--reference", help="A folder of reference (central) documents.")],
    by: Annotated[str, typer.Option("--by", help="Metadata variable naming the locality: org, speaker, a manifest column such as place.")] = "org",
    table: Annotated[str, typer.Option("--table", help=f"The table to print: {', '.join(TABLES)}.")] = "adoption",
    top: Annotated[int, typer.Option("--top", min=1, help="Formulations in the lag chart.")] = 30,
    chart: Annotated[Optional[Path], typer.Option("--chart", help="Draw the lag chart (formulations × localities) into this PNG.")] = None,
    timeline: Annotated[Optional[Path], typer.Option("--timeline", help="Draw the timeline of first uses (reference and each locality) into this PNG.")] = None,
    font: Annotated[Optional[Path], typer.Option("--font", help="A CJK font file for the chart.")] = None,
    core: Annotated[Optional[Path], typer.Option("--core", metavar="FILE", help="A core-formulation table replacing the bundled one (same columns; see speechkit/data/core_formulations.tsv).")] = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Diffusion of the core formulations and the references' own: first use, adoption lag
    (a bound, marked censored, when the locality's first document already uses it), rate
    and disappearance per locality."""
    from ..analysis.diffusion import trace_diffusion
    from ..extract.slogans.lexicon import load_core_formulations

    choose_table(table, TABLES)
    core_list = load_core_formulations(core)
    corpus = read_speeches(path, where)
    references = read_speeches(reference)
    results = corpus.results(**segmentation.result_options())
    result = trace_diffusion(results, references, locality=by, tokenizer=segmentation.tokenizer(), core=core_list)
    frames = {
        "adoption": result.adoption_frame,
        "formulations": result.formulation_frame,
        "never": result.never_adopted_frame,
        "local": result.local_only_frame,
    }
    frame = frames[table]()
    emit_rows(frame_records(frame), fmt, output, columns=list(frame.columns))
    from ..render import charts

    if chart is not None:
        draw_chart(charts.adoption_lag_chart, result.lag_matrix(top), chart, font, censored=result.censored_matrix(top))
    if timeline is not None:
        draw_chart(charts.diffusion_timeline_chart, result.adoption_frame(), timeline, font, by=by, top=top)
