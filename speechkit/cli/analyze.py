"""``speechkit analyze``: the main job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .options import Segmentation, WhereOption, segmentation_options

EXECUTORS = ("local", "dask")


@app.command()
@segmentation_options(executors=EXECUTORS)
def analyze(
    path: Annotated[Optional[Path], typer.Argument(help="Folder or file; default: the bundled demo corpus.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("speechkit-out"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Local worker processes for the per-speech work and the corpus stage (with --executor dask: the default N of local:N, whose N the corpus stage then uses).")] = 1,
    scheduler: Annotated[
        Optional[str], typer.Option("--scheduler", metavar="local:N|tcp://HOST:PORT", help="With --executor dask: local:N (a cluster for this run) or tcp://HOST:PORT.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Keywords per speech and per year.")] = 20,
    terms: Annotated[Optional[str], typer.Option("--terms", help="Comma-separated terms for the trend chart.")] = None,
    font: Annotated[Optional[Path], typer.Option("--font", help="A CJK font file for every picture.")] = None,
    speech_pictures: Annotated[
        Optional[bool],
        typer.Option("--speech-pictures/--no-speech-pictures",
                     help="Draw (or skip) each speech's word cloud and graphs; default: only for up to 50 speeches."),
    ] = None,
    speech_files: Annotated[
        bool,
        typer.Option("--speech-files/--no-speech-files",
                     help="Also write each speech's results as separate files in speeches/ID/ (outline, slogans, metrics … as JSON, "
                          "CSV and Markdown); by default they are one line per speech of speeches.jsonl."),
    ] = False,
    table_format: Annotated[
        str,
        typer.Option("--table-format", metavar="csv,json,parquet",
                     help="Formats of the corpus tables in tables/, comma-separated (parquet needs pyarrow: the parquet extra)."),
    ] = "csv,json",
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Recompute every speech and rebuild every file (no cached results or runs).")] = False,
    reference: Annotated[
        Optional[Path],
        typer.Option("--reference", metavar="FOLDER", help="Reference documents (national reports, say): text reuse and the diffusion of formulations."),
    ] = None,
    locality: Annotated[str, typer.Option("--locality", help="The metadata variable naming each speech's place, for diffusion (org, place …).")] = "org",
    group_by: Annotated[
        Optional[str],
        typer.Option("--group-by", metavar="COLUMN",
                     help="Split every table by year, the year charts and the report by this metadata column (kind, level, org …); "
                          "speeches without a value form the group (none)."),
    ] = None,
    pool: Annotated[bool, typer.Option("--pool", help="Keep a corpus that mixes kinds or levels pooled in the tables by year (default: grouped by kind).")] = False,
    weight: Annotated[str, typer.Option("--weight", metavar="keyness|frequency", help="Rank keywords by year and word clouds by keyness against the rest of the corpus (default) or by frequency.")] = "keyness",
    reference_group: Annotated[Optional[str], typer.Option("--reference-group", metavar="YEAR", help="With --weight keyness: compare every year with this year instead of with the rest of the corpus.")] = None,
    officialese: Annotated[Optional[Path], typer.Option("--officialese", metavar="FILE", help="A word list replacing the bundled officialese function words left out of keywords and clouds (an empty file keeps every word).")] = None,
    indicators: Annotated[Optional[Path], typer.Option("--indicators", help="A canonical indicator table replacing the bundled one (columns: id kind unit direction family names), for indicators_by_year and the targets ledger.")] = None,
    tolerance: Annotated[float, typer.Option("--tolerance", min=0.0, help="How far an approximate target (左右) may be missed and be 'met within tolerance', in its unit (percentage points for %).")] = 0.1,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
    executor: str,
) -> None:
    """Run the complete analysis into OUT: tables, pictures, graphs and the report."""
    from ..pipeline.options import AnalysisOptions
    from ..pipeline.run import analyze as run
    from ..render.fonts import resolve_font
    from ..render.writers import WRITE_ERRORS, table_formats, writing
    from ..names import printable
    from .common import csv_is_safe, progress_bar, read_limits

    if indicators is not None:
        from ..analysis.canonical import read_canonical

        read_canonical(indicators)  # a table that cannot be read stops the run before it starts
    options = AnalysisOptions(
        segmenter=segmentation.segmenter,
        # Absolute paths: Dask workers read these files from a working folder of their own.
        user_dicts=tuple(str(p.absolute()) for p in segmentation.user_dicts),
        stopwords=str(segmentation.stopwords.absolute()) if segmentation.stopwords else None,
        extra_stopwords=tuple(str(p.absolute()) for p in segmentation.extra_stopwords),
        top_keywords=top,
        trend_terms=tuple(t.strip() for t in terms.split(",") if t.strip()) if terms else (),
        font=str(resolve_font(font).absolute()),
        speech_pictures=speech_pictures,
        use_cache=not no_cache,
        reference=str(reference) if reference else None,
        locality=locality,
        group_by=group_by,
        pool=pool,
        weight=checked_weight(weight),
        reference_group=reference_group,
        officialese=str(officialese) if officialese else None,
        safe_csv=csv_is_safe(),
        max_file_mb=read_limits().max_file_mb,
        follow_links=read_limits().follow_links,
        speech_files=speech_files,
        table_formats=table_formats(table_format.split(",")),
        indicators=str(indicators.absolute()) if indicators else None,
        tolerance=tolerance,
    )
    output_folder(out)
    if where is not None:
        path = where_corpus(path, where)
    with progress_bar() as bar:

        def progress(label: str, total: int):
            task = bar.add_task(label, total=total)
            return lambda: bar.advance(task)

        # A write the disk refuses anywhere in the run (a picture, a page) is one line naming the file.
        with writing(out, only=WRITE_ERRORS):
            summary = run(path, out, jobs=jobs, options=options, progress=progress, engine=executor, scheduler=scheduler)
    for skipped in summary.skipped:
        typer.echo(f"skipped {printable(skipped['path'])}: {skipped['reason']}", err=True)
    for warning in summary.warnings:
        typer.echo(warning, err=True)
    if summary.reused:
        typer.echo("same texts, metadata and options as an earlier run: its files copied from the cache (--no-cache rebuilds)", err=True)
    typer.echo(f"{summary.read} read, {len(summary.skipped)} skipped; {len(summary.outputs)} files in {summary.out}")
    typer.echo(f"report: {summary.report}")


def checked_weight(weight: str) -> str:
    """``--weight`` if it is one the analysis knows, else a one-line error."""
    from ..analysis.keyness import WEIGHTS

    if weight not in WEIGHTS:
        raise SpeechkitError(f"--weight: choose one of {', '.join(WEIGHTS)}, not {weight!r}")
    return weight


def output_folder(out: Path) -> None:
    """Create the output folder, or say in one line why it cannot be one."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise SpeechkitError(f"-o {out}: a file of that name exists; give a folder") from None
    except NotADirectoryError:
        raise SpeechkitError(f"-o {out}: part of the path is a file, not a folder") from None
    except OSError as exc:
        raise SpeechkitError(f"-o {out}: cannot create the folder ({exc.strerror})") from None


def where_corpus(path: Path | None, where: str):
    """The speeches of PATH (default: the demo corpus) that satisfy ``--where``."""
    from ..ingest.read import read_corpus
    from ..pipeline.run import bundled_corpus
    from .common import filtered

    source = bundled_corpus() if path is None else path
    return filtered(read_corpus(source), where, source)
