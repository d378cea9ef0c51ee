"""The main job: every per-speech result and corpus table of a folder, written to OUT.

Per-speech work (:func:`speech_result`) is a pure function of the speech and the
options; it runs in a process pool (``jobs``) and its JSON result is cached by content
hash. Corpus tables are then built from those results, never from all tokens at once.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from .cache import cache_key, cached
from .errors import SpeechkitError
from .ingest import read_corpus


@dataclass(frozen=True)
class AnalysisOptions:
    """Options of a run; they are part of the cache key."""

    engine: str = "rjieba"
    user_dicts: tuple[str, ...] = ()
    stopwords: str | None = None
    extra_stopwords: tuple[str, ...] = ()
    use_cache: bool = True

    def key(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("use_cache")
        return data

    def tokenizer(self):
        from .segment import get_tokenizer

        return get_tokenizer(self.engine, self.user_dicts, self.stopwords, self.extra_stopwords)


@dataclass
class Summary:
    """What a run read, skipped and wrote."""

    out: Path
    read: int
    skipped: list[dict[str, str]]
    speeches: list[dict[str, Any]]
    outputs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "read": self.read,
            "skipped": self.skipped,
            "speeches": self.speeches,
            "outputs": self.outputs,
        }


def bundled_corpus() -> Path:
    """The demo corpus shipped in the source tree (``corpus/``)."""
    path = Path(__file__).resolve().parent.parent / "corpus"
    if not path.is_dir():
        raise SpeechkitError("the bundled demo corpus is not installed here: give a PATH to analyse")
    return path


def speech_result(speech, options: AnalysisOptions) -> dict[str, Any]:
    """All per-speech results of one speech, as JSON-ready data."""
    from .segment import is_content

    tokens = speech.tokens(options.tokenizer())
    counts = Counter(t.text for t in tokens if is_content(t))
    return {
        "tokens": sum(1 for t in tokens if not t.text.isspace()),
        "frequencies": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
    }


def _cached_result(args) -> dict[str, Any]:
    speech, options = args
    key = cache_key(speech.digest, options.key())
    return cached(key, lambda: speech_result(speech, options), options.use_cache)


def compute_results(speeches, options: AnalysisOptions, jobs: int = 1, on_done: Callable | None = None) -> list[dict]:
    """Per-speech results in corpus order, computed in ``jobs`` processes."""
    work = [(speech, options) for speech in speeches]
    results = []
    if jobs <= 1 or len(work) <= 1:
        for item in work:
            results.append(_cached_result(item))
            if on_done:
                on_done()
        return results
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context(method)) as pool:
        for result in pool.map(_cached_result, work, chunksize=1):
            results.append(result)
            if on_done:
                on_done()
    return results


def unique_ids(corpus) -> list[str]:
    """A file-name-safe id per speech; same-named files in subfolders get their path."""
    ids = [s.id for s in corpus]
    counts = Counter(ids)
    if all(c == 1 for c in counts.values()):
        return ids
    root = corpus.root
    return [
        (s.path.relative_to(root).with_suffix("").as_posix().replace("/", "__") if counts[s.id] > 1 and root else s.id)
        for s in corpus
    ]


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
        Segmentation options.
    progress : callable, optional
        ``progress(label, total)`` returns a function to call once per finished step.

    Returns
    -------
    Summary
        Counts of read and skipped files and the list of files written.
    """
    from .outputs import write_outputs

    options = options or AnalysisOptions()
    corpus = read_corpus(bundled_corpus() if path is None else Path(path))
    if not len(corpus):
        raise SpeechkitError(f"{path}: no readable speech found")
    tick = progress("analysing", len(corpus)) if progress else None
    results = compute_results(corpus.speeches, options, jobs, tick)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = write_outputs(corpus, unique_ids(corpus), results, out, options)
    summary = Summary(
        out=out,
        read=len(corpus),
        skipped=[s.to_dict() for s in corpus.skipped],
        speeches=[
            {"id": sid, "file": str(s.path), "title": s.title, "year": s.year, "characters": len(s.text)}
            for sid, s in zip(unique_ids(corpus), corpus)
        ],
        outputs=sorted(p.relative_to(out).as_posix() for p in written),
    )
    (out / "summary.json").write_text(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary
