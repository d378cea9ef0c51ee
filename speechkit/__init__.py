"""speechkit: analyse Chinese official speeches and reports.

The public API::

    import speechkit as sk
    corpus = sk.read_corpus("speeches/")
    speech = sk.read_speech("speeches/2022.txt")
    tokens = speech.tokens()
"""

from ._version import __version__
from .corpus import Corpus
from .errors import SpeechkitError
from .ingest.read import read_corpus, read_speech
from .segment import Tokenizer, get_tokenizer
from .speech import Speech


__all__ = [
    "Corpus",
    "Speech",
    "SpeechkitError",
    "Tokenizer",
    "__version__",
    "analyze",
    "get_tokenizer",
    "read_corpus",
    "read_speech",
]


def analyze(path=None, out="speechkit-out", *, engine="local", jobs=1, scheduler=None, **options):
    """Run the complete analysis of a folder (or the bundled demo corpus) into ``out``.

    Parameters
    ----------
    path : str, Path or Corpus, optional
        A folder of speeches, one file, or a :class:`Corpus` already read; ``None``
        uses the bundled demo corpus.
    out : str or Path
        The output folder (tables, pictures, graphs, ``report/index.html``).
    engine : {"local", "dask"}
        Where the per-speech work runs: a local process pool (``jobs`` workers) or
        dask.distributed (``pip install 'speechkit[dask]'``). For compatibility,
        ``"rjieba"`` or ``"jieba"`` names the segmenter and runs locally.
    jobs : int
        Local worker processes (``1``: in this process); with ``engine="dask"`` and no
        ``scheduler``, the workers of the LocalCluster started for the run.
    scheduler : str, optional
        With ``engine="dask"``: ``"local:N"`` or ``"tcp://HOST:PORT"``.
    **options
        Fields of :class:`speechkit.pipeline.options.AnalysisOptions`: ``segmenter``,
        ``user_dicts``, ``stopwords``, ``extra_stopwords``, ``top_keywords``,
        ``graph_nodes``, ``trend_terms``, ``font``, ``speech_pictures``, ``use_cache``,
        ``group_by`` (a metadata column such as ``kind`` or ``level`` that splits the
        tables by year, the year charts and the report), ``speech_files`` (each speech's
        results as separate files besides ``speeches.jsonl``), ``table_formats`` (of
        ``"csv"``, ``"json"``, ``"parquet"``).

    Returns
    -------
    speechkit.pipeline.run.Summary
        What was read and skipped, the files written and the report's path.
    """
    from .pipeline.options import AnalysisOptions
    from .pipeline.run import analyze as _analyze
    from .segment import ENGINES as SEGMENTERS

    if engine in SEGMENTERS:
        if options.setdefault("segmenter", engine) != engine:
            raise SpeechkitError(f"engine={engine!r} names a segmenter, but segmenter={options['segmenter']!r}")
        engine = "local"
    return _analyze(path, out, jobs=jobs, options=AnalysisOptions(**options), engine=engine, scheduler=scheduler)
