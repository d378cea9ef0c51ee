"""speechkit: analyse Chinese official speeches and reports.

The public API::

    import speechkit as sk
    corpus = sk.read_corpus("speeches/")
    speech = sk.read_speech("speeches/2022.txt")
    tokens = speech.tokens()
"""

from .corpus import Corpus
from .errors import SpeechkitError
from .ingest import read_corpus, read_speech
from .segment import Tokenizer, get_tokenizer
from .speech import Speech

__version__ = "0.1.0"

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

    See :func:`speechkit.pipeline.analyze` for the parameters.
    """
    from .pipeline import analyze as _analyze

    return _analyze(path, out, jobs=jobs, **options)
