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


def analyze(path=None, out="speechkit-out", jobs=1, **options):
    """Run the complete analysis of a folder (or the bundled demo corpus) into ``out``.

    Parameters
    ----------
    path : str or Path, optional
        A folder of speeches or one file; ``None`` uses the bundled demo corpus.
    out : str or Path
        The output folder (tables, pictures, graphs, ``report/index.html``).
    jobs : int
        Worker processes for the per-speech work.
    **options
        Fields of :class:`speechkit.pipeline.options.AnalysisOptions`: ``segmenter``,
        ``user_dicts``, ``stopwords``, ``extra_stopwords``, ``top_keywords``,
        ``graph_nodes``, ``trend_terms``, ``font``, ``speech_pictures``, ``use_cache``.

    Returns
    -------
    speechkit.pipeline.run.Summary
        What was read and skipped, the files written and the report's path.
    """
    from .pipeline.options import AnalysisOptions
    from .pipeline.run import analyze as _analyze

    return _analyze(path, out, jobs=jobs, options=AnalysisOptions(**options))
