"""The main job: every per-speech result and corpus table of a folder, written to OUT.

Per-speech work (:func:`speechkit.pipeline.per_speech.speech_result`) is a pure function of the
speech and the options; it runs with the speech's pictures through the executor seam
(:mod:`speechkit.pipeline.executors`: a local process pool or Dask), and its JSON result is
cached by content hash inside the mapped function, so every worker uses the cache. Corpus
tables are then built from those results; the report comes last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .cache import cache_key, cached
from .executors import check_engine, map_items
from .options import AnalysisOptions
from ..corpus import Corpus
from ..errors import SpeechkitError
from ..ingest.read import read_corpus
from ..render.tables import write_json


@dataclass
class Summary:
    """What a run read, skipped and wrote."""

    out: Path
    read: int
    skipped: list[dict[str, str]]
    speeches: list[dict[str, Any]]
    outputs: list[str] = field(default_factory=list)
    report: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "read": self.read,
            "skipped": self.skipped,
            "speeches": self.speeches,
            "report": str(self.report) if self.report else None,
            "outputs": self.outputs,
        }


def bundled_corpus() -> Path:
    """The demo corpus shipped in the source tree (``corpus/``)."""
    path = Path(__file__).resolve().parents[2] / "corpus"
    if not path.is_dir():
        raise SpeechkitError("the bundled demo corpus is not installed here: give a PATH to analyse")
    return path


def _speech_work(args) -> dict[str, Any]:
    """Worker: the speech's (cached) result, then its per-speech files and pictures."""
    from ..render.tables import write_speech_files
    from .per_speech import draw_speech_pictures, speech_result

    speech, options, folder = args
    key = cache_key(speech.digest, options.key())
    result = cached(key, lambda: speech_result(speech, options), options.use_cache)
    write_speech_files(speech, result, folder)
    if options.speech_pictures:
        draw_speech_pictures(speech, result, folder, options)
    return result


def run_per_speech(
    corpus,
    out: Path,
    options: AnalysisOptions,
    jobs: int = 1,
    on_done: Callable | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> list[dict]:
    """Per-speech results in corpus order, mapped by the chosen executor engine
    (see :mod:`speechkit.pipeline.executors`)."""
    work = [(speech, options, out / "speeches" / speech.id) for speech in corpus]
    return map_items(_speech_work, work, engine=engine, jobs=jobs, scheduler=scheduler, on_done=on_done)


def analyze(
    path: str | Path | Corpus | None = None,
    out: str | Path = "speechkit-out",
    jobs: int = 1,
    options: AnalysisOptions | None = None,
    progress: Callable[[str, int], Callable[[], None]] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Summary:
    """Analyse a folder of speeches (default: the bundled demo corpus) into ``out``.

    Parameters
    ----------
    path : str, Path or Corpus, optional
        A folder, a file or a corpus already read; ``None`` uses the bundled demo corpus.
    out : str or Path
        Output folder; created if missing, files in it are overwritten.
    jobs : int
        Worker processes for the per-speech work.
    options : AnalysisOptions, optional
        Segmentation and output options.
    progress : callable, optional
        ``progress(label, total)`` returns a function to call once per finished step.
    engine : {"local", "dask"}
        Where the per-speech work runs: a local process pool of ``jobs`` workers, or
        dask.distributed (the ``dask`` extra).
    scheduler : str, optional
        With ``engine="dask"``: ``local:N`` (a LocalCluster for the run; default
        ``local:JOBS``) or ``tcp://HOST:PORT`` (a running scheduler).

    Returns
    -------
    Summary
        Counts of read and skipped files, the files written and the report.
    """
    from .corpus_tables import build_tables, draw_corpus_graphs, draw_corpus_pictures
    from .report import build_report

    options = options or AnalysisOptions()
    check_engine(engine, jobs, scheduler)
    if isinstance(path, Corpus):
        corpus, source = path, path.root or "corpus"
    else:
        source = bundled_corpus() if path is None else Path(path)
        corpus = read_corpus(source)
    if not len(corpus):
        raise SpeechkitError(f"{source}: no readable speech found")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    steps = progress("corpus", 4) if progress else (lambda: None)
    tick = progress("speeches", len(corpus)) if progress else None
    results = run_per_speech(corpus, out, options, jobs, tick, engine, scheduler)
    tables = build_tables(corpus, results, options)
    tables.write(out / "tables")
    steps()
    draw_corpus_graphs(corpus, out / "graphs", options)
    steps()
    pictures = draw_corpus_pictures(corpus, results, tables, out, options)
    steps()
    report = build_report(corpus, results, tables, pictures, out, options)
    steps()
    summary = Summary(
        out=out,
        read=len(corpus),
        skipped=[s.to_dict() for s in corpus.skipped],
        speeches=[
            {"id": s.id, "file": str(s.path), "title": s.title, "year": s.year, "characters": len(s.text)} for s in corpus
        ],
        report=report,
    )
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    summary.outputs = sorted(files | {"summary.json"})
    write_json(summary.to_dict(), out / "summary.json")
    return summary
