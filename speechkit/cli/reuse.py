"""``speechkit reuse``: passages a folder's speeches share with reference documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import Format, FormatOption, OutputOption, choose_table, draw_chart, emit_rows, frame_records, read_speeches
from .options import Segmentation, WhereOption, segmentation_options

TABLES = ("speeches", "passages", "templates", "references", "sections", "groups")


@app.command()
@segmentation_options
def reuse(
    path: Annotated[Path, typer.Argument(help="A folder (or file) of speeches to examine.")],
    against: Annotated[
        Optional[Path], typer.Option("--against", help="Reference documents; without it, each speech is compared with earlier years of PATH.")
    ] = None,
    min_length: Annotated[int, typer.Option("--min-length", min=1, help="Shortest passage kept, in characters (letters and digits).")] = 15,
    table: Annotated[str, typer.Option("--table", help=f"The table to print: {', '.join(TABLES)}.")] = "speeches",
    by: Annotated[str, typer.Option("--by", help="Group variable of the groups table and chart: year, speaker, a manifest column.")] = "year",
    later: Annotated[bool, typer.Option("--later-references", help="Also compare with references dated after the speech.")] = False,
    boilerplate: Annotated[float, typer.Option("--boilerplate-share", min=0.0, max=1.0, help="A passage found in more than this share of the references is boilerplate, not borrowing.")] = 0.3,
    chart: Annotated[Optional[Path], typer.Option("--chart", help="Draw the mean borrowed share by group into this PNG.")] = None,
    font: Annotated[Optional[Path], typer.Option("--font", help="A CJK font file for the chart.")] = None,
    html: Annotated[
        Optional[Path], typer.Option("--html", help="Write pages of the passages side by side into this folder (index.html).")
    ] = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Text reuse: the passages each speech shares with the references (or with earlier
    years). Passages whose numbers differ are template matches (--table templates), stock
    phrases of many references are boilerplate; shares are given with and without it."""
    from ..analysis.reuse import find_reuse

    choose_table(table, TABLES)
    corpus = read_speeches(path, where)
    references = None
    if against is not None:
        references = read_speeches(against)
    results = corpus.results(**segmentation.result_options())
    result = find_reuse(results, references, min_length=min_length, later_references=later, boilerplate_share=boilerplate,
                        tokenizer=segmentation.tokenizer())
    frames = {
        "speeches": result.speech_frame,
        "passages": result.passage_frame,
        "templates": lambda: result.passage_frame(templates=True),
        "references": result.reference_frame,
        "sections": result.section_frame,
        "groups": lambda: result.group_frame(by),
    }
    frame = frames[table]()
    emit_rows(frame_records(frame), fmt, output, columns=list(frame.columns))
    if chart is not None:
        from ..render import charts

        draw_chart(charts.borrowed_share_chart, result.group_frame(by), chart, font, by=by)
    if html is not None:
        from ..render.reuse_pages import write_standalone_reuse_pages

        picture = None
        if chart is not None:
            import shutil

            html.mkdir(parents=True, exist_ok=True)
            picture = html / chart.name
            if picture.resolve() != chart.resolve():
                shutil.copyfile(chart, picture)
        write_standalone_reuse_pages(result, html, chart=picture)
