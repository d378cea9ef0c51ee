"""The main job: every per-speech result and corpus table of a folder, written to OUT.

Per-speech work (:func:`speechkit.pipeline.per_speech.speech_result`) is a pure function of the
speech and the options; it runs in a process pool (``jobs``) together with the
speech's pictures, and its JSON result is cached by content hash. Corpus tables are
then built from those results; the report comes last.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .cache import cache_key, cached
from .options import AnalysisOptions
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
    write_speech_files(speech, result, folder, options.safe_csv)
    if options.speech_pictures:
        draw_speech_pictures(speech, result, folder, options)
    return result


def run_per_speech(corpus, out: Path, options: AnalysisOptions, jobs: int = 1, on_done: Callable | None = None) -> list[dict]:
    """Per-speech results in corpus order, computed in ``jobs`` processes."""
    work = [(speech, options, out / "speeches" / speech.id) for speech in corpus]
    if jobs <= 1 or len(work) <= 1:
        results = []
        for item in work:
            results.append(_speech_work(item))
            if on_done:
                on_done()
        return results
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    results = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        for result in pool.map(_speech_work, work, chunksize=1):
            results.append(result)
            if on_done:
                on_done()
    return results


def analyze(
    path: str | Path | None = None,
    out: str | Path = "speechkit-out",
    jobs: int = 1,
    options: AnalysisOptions | None = None,
    progress: Callable[[str, int], Callable[[], None]] | None = None,
) -> Summary:
    """Analyse a folder of speeches (default: the bundled demo corpus) into ``out``.

    Parameters
    ----------
    path : str or Path, optional
        A folder or a file; ``None`` uses the bundled demo corpus.
    out : str or Path
        Output folder; created if missing, files in it are overwritten.
    jobs : int
        Worker processes for the per-speech work.
    options : AnalysisOptions, optional
        Segmentation and output options.
    progress : callable, optional
        ``progress(label, total)`` returns a function to call once per finished step.

    Returns
    -------
    Summary
        Counts of read and skipped files, the files written and the report.
    """
    from .corpus_tables import build_tables, draw_corpus_graphs, draw_corpus_pictures
    from .report import build_report

    options = options or AnalysisOptions()
    source = bundled_corpus() if path is None else Path(path)
    corpus = read_corpus(source)
    if not len(corpus):
        raise SpeechkitError(f"{source}: no readable speech found")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    steps = progress("corpus", 4) if progress else (lambda: None)
    tick = progress("speeches", len(corpus)) if progress else None
    results = run_per_speech(corpus, out, options, jobs, tick)
    tables = build_tables(corpus, results, options)
    tables.write(out / "tables", options.safe_csv)
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
            {"id": s.id, "file": s.file, "title": s.title, "year": s.year, "characters": len(s.text)} for s in corpus
        ],
        report=report,
    )
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    summary.outputs = sorted(files | {"summary.json"})
    write_json(summary.to_dict(), out / "summary.json")
    return summary
