"""``speechkit analyze``: the main job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import EngineOption, ExtraStopwordsOption, StopwordsOption, UserDictOption


@app.command()
def analyze(
    path: Annotated[Optional[Path], typer.Argument(help="Folder or file; default: the bundled demo corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("speechkit-out"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    engine: EngineOption = "rjieba",
    userdict: UserDictOption = None,
    stopwords: StopwordsOption = None,
    add_stopwords: ExtraStopwordsOption = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Keywords per speech and per year.")] = 20,
    terms: Annotated[Optional[str], typer.Option("--terms", help="Comma-separated terms for the trend chart.")] = None,
    font: Annotated[Optional[Path], typer.Option("--font", help="A CJK font file for every picture.")] = None,
    no_speech_pictures: Annotated[
        bool, typer.Option("--no-speech-pictures", help="Skip each speech's word cloud and graphs (faster on large corpora).")
    ] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Recompute every speech.")] = False,
) -> None:
    """Run the complete analysis into OUT: tables, pictures, graphs and the report."""
    from ..pipeline.options import AnalysisOptions
    from ..pipeline.run import analyze as run
    from ..render.fonts import resolve_font
    from ..names import printable
    from .common import csv_is_safe, progress_bar

    options = AnalysisOptions(
        segmenter=engine,
        user_dicts=tuple(str(p) for p in userdict or ()),
        stopwords=str(stopwords) if stopwords else None,
        extra_stopwords=tuple(str(p) for p in add_stopwords or ()),
        top_keywords=top,
        trend_terms=tuple(t.strip() for t in terms.split(",") if t.strip()) if terms else (),
        font=str(resolve_font(font)),
        speech_pictures=not no_speech_pictures,
        use_cache=not no_cache,
        safe_csv=csv_is_safe(),
    )
    with progress_bar() as bar:

        def progress(label: str, total: int):
            task = bar.add_task(label, total=total)
            return lambda: bar.advance(task)

        summary = run(path, out, jobs=jobs, options=options, progress=progress)
    for skipped in summary.skipped:
        typer.echo(f"skipped {printable(skipped['path'])}: {skipped['reason']}", err=True)
    typer.echo(f"{summary.read} read, {len(summary.skipped)} skipped; {len(summary.outputs)} files in {summary.out}")
    typer.echo(f"report: {summary.report}")
