"""Computing (or loading from the cache) the :class:`~speechkit.results.Results` of a corpus.

The map step runs on partitions of the corpus (in a process pool or on Dask workers): each
partition's speeches are computed (or found in the cache) and stored in the cache, and the
partition returns its partials, the counts the corpus tables share
(:func:`partition_partials`), which merge as a tree. For a large corpus (more than
:data:`HELD_AT_MOST` speeches) that is all it returns: the main process keeps the speeches'
metadata, their cache keys and the merged partials, and the :class:`Results` it returns loads
each result from the cache when a table reads it (:class:`CachedResults`), so its memory does
not grow with the results. A smaller corpus's results come back and are held in memory: the
corpus stage reads them some thirteen times (the tables with a row per speech once together,
:meth:`~speechkit.pipeline.corpus_tables.CorpusTables.write_speech_tables`), and a reading from
the cache costs 2–4 ms per result.
With the cache turned off (``use_cache=False``) the results are always held.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import cache_key, cached_result
from .executors import frozen_objects, map_reduce
from .options import AnalysisOptions
from ..collection import collection_paused
from ..analysis.aggregates import KeyedTallies, document_frequency, results_tally
from ..results import Results

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ..corpus import Corpus
    from ..result import SpeechResult
    from ..speech import Speech


# Above this many speeches the results are streamed from the cache rather than held (~0.5 MB each).
HELD_AT_MOST = 1000

def streams(speeches: int, options: AnalysisOptions, stream: bool | None = None) -> bool:
    """Whether the results of a corpus of ``speeches`` are loaded from the cache when read
    rather than held (see :func:`corpus_results`)."""
    return options.use_cache and (speeches > HELD_AT_MOST if stream is None else stream)


def corpus_results(corpus: Corpus, options: AnalysisOptions | None = None, *, jobs: int = 1, engine: str = "local",
                   scheduler: str | None = None, on_done: Callable | None = None, out: Path | None = None,
                   pictures: bool = False, stream: bool | None = None) -> Results:
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
    stream : bool, optional
        Load each result from the cache when a table reads it (``True``) or hold them all in
        memory (``False``); default: stream a corpus of more than :data:`HELD_AT_MOST` speeches.
        Without the cache (``options.use_cache`` false) the results are always held.

    Returns
    -------
    Results
    """
    options = options or AnalysisOptions()
    streamed = streams(len(corpus), options, stream)
    with frozen_objects():
        items, partials = run_per_speech(corpus, Path(out or "."), options, jobs, on_done, pictures=pictures,
                                         engine=engine, scheduler=scheduler, keep=not streamed)
    if streamed:
        results = Results(corpus, CachedResults.of(corpus, options))
    else:
        results = Results(corpus, tuple(items))
    for key, tally in partials.tallies.items():
        results.memo(key, lambda tally=tally: tally)
    return results


@dataclass(frozen=True)
class CachedResults:
    """The results of speeches in the cache, loaded when asked for (a
    :class:`~speechkit.results.ResultSource`). One the cache has lost since (pruned by
    another run) is computed again, and stored.

    Attributes
    ----------
    speeches : tuple of Speech
        The speeches, in order.
    keys : tuple of str
        Each speech's cache key.
    options : AnalysisOptions
        The options of the results.
    """

    speeches: tuple[Speech, ...]
    keys: tuple[str, ...]
    options: AnalysisOptions

    @classmethod
    def of(cls, corpus: Corpus, options: AnalysisOptions) -> "CachedResults":
        """The source of the results of ``corpus``'s speeches with ``options``, in the cache."""
        keys = options.key()
        return cls(tuple(corpus), tuple(cache_key(speech.digest, keys) for speech in corpus), options)

    def __len__(self) -> int:
        return len(self.keys)

    def load(self, positions: Sequence[int]) -> list[SpeechResult]:
        """The results at ``positions``, from the cache."""
        with collection_paused():
            # Read a chunk at a time and let go: each field decoded only if a table reads it.
            return [cached_result(self.keys[i], partial(_recomputed, self.speeches[i], self.options), lazy=True)
                    for i in positions]

    def take(self, positions: Sequence[int]) -> "CachedResults":
        """The source of the results at ``positions``."""
        return CachedResults(tuple(self.speeches[i] for i in positions), tuple(self.keys[i] for i in positions),
                             self.options)


def _recomputed(speech: Speech, options: AnalysisOptions) -> SpeechResult:
    from .per_speech import speech_result

    speech = speech.with_text()
    result = speech_result(speech, options)
    speech.forget_derived()
    return result


def speech_work(speech: Speech, options: AnalysisOptions, folder: Path, pictures: bool) -> SpeechResult:
    """The map step of one speech: its (cached) result, then, if asked, its separate files and pictures."""
    from ..render.tables import write_speech_files
    from .extractors import EXTRACTORS
    from .per_speech import speech_result
    from .speech_pictures import draw_speech_pictures

    key = cache_key(speech.digest, options.key())
    # A text set aside in a file is read once here, not at each of the extractors' readings.
    speech = speech.with_text()
    result = cached_result(key, lambda: speech_result(speech, options), options.use_cache)
    if options.speech_files:
        write_speech_files(result, folder, options.safe_csv, extractors=EXTRACTORS)
    if pictures:
        draw_speech_pictures(result, speech.id, speech.title or speech.id, folder, options)
    # In one process the speech stays in the corpus after its turn: keep its text only.
    speech.forget_derived()
    return result


def partition_partials(speeches: Sequence[Speech], results: Sequence[SpeechResult]) -> KeyedTallies:
    """The partial of a partition of the corpus: the counts every run's tables share (by year,
    :func:`~speechkit.analysis.aggregates.results_tally`; the document frequencies,
    :func:`~speechkit.analysis.aggregates.document_frequency`; the statistics of the topic
    model's paragraphs, :func:`~speechkit.analysis.topic_units.unit_tally`), each under the
    key of :meth:`Results.memo <speechkit.results.Results.memo>` it is kept under."""
    from ..analysis.topic_units import unit_tally
    from ..corpus import Corpus

    part = Results(Corpus(list(speeches)), tuple(results))
    results_tally(part, "year")
    document_frequency(part)
    unit_tally(part, "paragraph")
    return KeyedTallies(part.memos())


def partition_work(batch: Sequence[tuple[Speech, AnalysisOptions, Path, bool]], keep: bool = True
                   ) -> tuple[list[SpeechResult], KeyedTallies]:
    """The map step of one partition (what a worker runs): its speeches' results (none unless
    ``keep``: the main process then loads them from the cache) and its partial."""
    results = [speech_work(*item) for item in batch]
    partials = partition_partials([speech for speech, *_ in batch], results)
    return (results if keep else []), partials


def run_per_speech(
    corpus: Corpus,
    out: Path,
    options: AnalysisOptions,
    jobs: int = 1,
    on_done: Callable | None = None,
    pictures: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    keep: bool = True,
) -> tuple[list[SpeechResult], KeyedTallies]:
    """Per-speech results in corpus order (none unless ``keep``) and the merged partials
    of the partitions, mapped and reduced by the chosen executor engine (see
    :mod:`speechkit.pipeline.executors`)."""
    # Absolute: a Dask worker's working folder is not this process's.
    work = [(speech, options, out.absolute() / "speeches" / speech.id, pictures) for speech in corpus]
    return map_reduce(partial(partition_work, keep=keep), work, identity=KeyedTallies.identity(), engine=engine, jobs=jobs,
                      scheduler=scheduler, on_done=on_done)
