"""Computing (or loading from the cache) the :class:`~speechkit.results.Results` of a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cache_key, cached_result
from .executors import frozen_objects, map_items
from .options import AnalysisOptions
from ..results import Results

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..corpus import Corpus
    from ..result import SpeechResult
    from ..speech import Speech


def corpus_results(corpus: Corpus, options: AnalysisOptions | None = None, *, jobs: int = 1, engine: str = "local",
                   scheduler: str | None = None, on_done: Callable | None = None, out: Path | None = None,
                   pictures: bool = False) -> Results:
    """The per-speech results of ``corpus``, in corpus order, each from the cache when a
    run with the same text and options stored it, else computed.

    Parameters
    ----------
    corpus : Corpus
        The speeches.
    options : AnalysisOptions, optional
        The options that change per-speech results (segmenter, dictionaries, ``top_keywords``
        …); default: those of ``speechkit analyze`` without options.
    jobs : int
        Worker processes (``1``: in this process).
    engine : {"local", "dask"}
        The executor (see :mod:`speechkit.pipeline.executors`).
    scheduler : str, optional
        With ``engine="dask"``: ``local:N`` or ``tcp://HOST:PORT``.
    on_done : callable, optional
        Called once per finished speech (a progress bar).
    out : Path, optional
        The output folder of a run whose speeches' separate files and pictures are written
        into ``out/speeches/ID`` (``options.speech_files``, ``pictures``); nothing is written
        without them.
    pictures : bool
        Draw each speech's word cloud and graphs into its folder.

    Returns
    -------
    Results
    """
    options = options or AnalysisOptions()
    with frozen_objects():
        items = run_per_speech(corpus, Path(out or "."), options, jobs, on_done, pictures=pictures, engine=engine,
                               scheduler=scheduler)
    return Results(corpus, tuple(items))


def speech_work(speech: Speech, options: AnalysisOptions, folder: Path, pictures: bool) -> SpeechResult:
    """The map step of one speech: its (cached) result, then, if asked, its separate files and pictures."""
    from ..render.tables import write_speech_files
    from .extractors import EXTRACTORS
    from .per_speech import speech_result
    from .speech_pictures import draw_speech_pictures

    key = cache_key(speech.digest, options.key())
    result = cached_result(key, lambda: speech_result(speech, options), options.use_cache)
    if options.speech_files:
        write_speech_files(result, folder, options.safe_csv, extractors=EXTRACTORS)
    if pictures:
        draw_speech_pictures(result, speech.id, speech.title or speech.id, folder, options)
    # In one process the speech stays in the corpus after its turn: keep its text only.
    speech.forget_derived()
    return result


def _speech_work(args) -> SpeechResult:
    return speech_work(*args)


def run_per_speech(
    corpus: Corpus,
    out: Path,
    options: AnalysisOptions,
    jobs: int = 1,
    on_done: Callable | None = None,
    pictures: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
) -> list[SpeechResult]:
    """Per-speech results in corpus order, mapped by the chosen executor engine
    (see :mod:`speechkit.pipeline.executors`)."""
    # Absolute: a Dask worker's working folder is not this process's.
    work = [(speech, options, out.absolute() / "speeches" / speech.id, pictures) for speech in corpus]
    return map_items(_speech_work, work, engine=engine, jobs=jobs, scheduler=scheduler, on_done=on_done)
