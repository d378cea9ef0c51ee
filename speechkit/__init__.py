"""speechkit: analyse Chinese official speeches and reports.

The public API::

    import speechkit as sk
    corpus = sk.read_corpus("speeches/")
    speech = sk.read_speech("speeches/2022.txt")
    tokens = speech.tokens()
    national = corpus.query("kind == 'govreport' and 2013 <= year <= 2018")
    matrix, vocabulary, docvars = national.dtm()
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from ._version import __version__
from .corpus import Corpus
from .errors import SpeechkitError
from .ingest.read import read_corpus, read_speech
from .model import Item, Keyword, Metadata, Metric, Outline, Placeholder, Section, Slogan, Span, Token
from .segment import Tokenizer, get_tokenizer
from .speech import Speech

# Imported on first use: the extractors, the corpus statistics, the drawing and the main
# job stay unloaded until a script calls them.
_EXPORTS = {
    "AnalysisOptions": ".pipeline.options",
    "Results": ".results",
    "SpeechResult": ".result",
    "Summary": ".pipeline.run",
    "Tokens": ".tokens",
    "category_table": ".analysis.categories",
    "collocations": ".analysis.collocations",
    "compare": ".analysis.by_group.compare",
    "cooccurrence_graph": ".analysis.graphs",
    "corpus_keywords": ".analysis.keywords",
    "dispersion": ".analysis.frequencies",
    "draw_wordcloud": ".render.wordcloud",
    "extract_metrics": ".extract",
    "extract_outline": ".extract",
    "extract_placeholders": ".extract",
    "extract_slogans": ".extract",
    "find_reuse": ".analysis.reuse",
    "font_path": ".render.fonts",
    "indicator_table": ".analysis.by_group.metrics",
    "keyness": ".analysis.keyness",
    "kwic": ".analysis.kwic",
    "slogans_by_year": ".analysis.by_group.slogans",
    "speech_keywords": ".analysis.keywords",
    "target_ledger": ".analysis.targets",
    "topic_graph": ".analysis.topics",
    "topic_model": ".analysis.topics",
    "trace_diffusion": ".analysis.diffusion",
    "use_cjk_font": ".render.fonts",
    "write_dtm": ".render.dtm",
    "write_graph": ".render.graph_export",
}

__all__ = sorted([
    "Corpus", "Item", "Keyword", "Metadata", "Metric", "Outline", "Placeholder", "Section", "Slogan", "Span",
    "Speech", "SpeechkitError", "Token", "Tokenizer", "__version__", "analyze", "get_tokenizer", "read_corpus",
    "read_speech", *_EXPORTS,
])  # fmt: skip
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:
    from .analysis.by_group.compare import compare
    from .analysis.by_group.metrics import indicator_table
    from .analysis.by_group.slogans import slogans_by_year
    from .analysis.categories import category_table
    from .analysis.collocations import collocations
    from .analysis.diffusion import trace_diffusion
    from .analysis.frequencies import dispersion
    from .analysis.graphs import cooccurrence_graph
    from .analysis.keyness import keyness
    from .analysis.keywords import corpus_keywords, speech_keywords
    from .analysis.kwic import kwic
    from .analysis.targets import target_ledger
    from .analysis.topics import topic_graph, topic_model
    from .extract import extract_metrics, extract_outline, extract_placeholders, extract_slogans
    from .pipeline.options import AnalysisOptions
    from .pipeline.run import Summary
    from .render.dtm import write_dtm
    from .render.fonts import font_path, use_cjk_font
    from .render.graph_export import write_graph
    from .render.wordcloud import draw_wordcloud
    from .result import SpeechResult
    from .results import Results
    from .tokens import Tokens


def analyze(path=None, out="speechkit-out", *, executor=None, jobs=1, scheduler=None, progress=None, engine=None,
            **options):
    """Run the complete analysis of a folder (or the bundled demo corpus) into ``out``.

    Parameters
    ----------
    path : str, Path or Corpus, optional
        A folder of speeches, one file, or a :class:`Corpus` already read; ``None``
        uses the bundled demo corpus.
    out : str or Path
        The output folder (tables, pictures, graphs, ``report/index.html``).
    executor : {"local", "dask"}, optional
        Where the per-speech work runs: a local process pool (``jobs`` workers, the
        default) or dask.distributed (``pip install 'speechkit[dask]'``).
    jobs : int
        Local worker processes (``1``: in this process); with ``executor="dask"`` and no
        ``scheduler``, the workers of the LocalCluster started for the run.
    scheduler : str, optional
        With ``executor="dask"``: ``"local:N"`` or ``"tcp://HOST:PORT"``.
    progress : bool or None
        Show progress bars (rich; they draw in Jupyter too): ``True``, ``False``, or
        ``None`` (default) to show them in Jupyter and in a terminal only.
    engine : str, optional
        Deprecated: an executor (``"local"``, ``"dask"``) as ``executor``, or a
        segmenter (``"rjieba"``, ``"jieba"``) as ``segmenter``.
    **options
        Fields of :class:`speechkit.pipeline.options.AnalysisOptions`: ``segmenter``,
        ``user_dicts``, ``stopwords``, ``extra_stopwords``, ``top_keywords``,
        ``graph_nodes``, ``trend_terms``, ``font``, ``speech_pictures``, ``use_cache``,
        ``group_by`` (a metadata column such as ``kind`` or ``level`` that splits the
        tables by year, the year charts and the report; a corpus mixing kinds or levels
        is split by them unless ``pool=True``), ``weight`` (``keyness``, the default, or
        ``frequency``: how keywords by year and word clouds are ranked),
        ``reference_group`` (a year every other is compared with), ``officialese``
        (a word list replacing the bundled officialese function words), ``max_file_mb`` and
        ``follow_links`` (the limits of reading, see :class:`speechkit.ingest.limits.ReadLimits`), ``speech_files`` (each speech's
        results as separate files besides ``speeches.jsonl``), ``table_formats`` (of
        ``"csv"``, ``"json"``, ``"parquet"``).

    Returns
    -------
    speechkit.pipeline.run.Summary
        What was read and skipped, the files written and the report's path.
    """
    from .pipeline.options import AnalysisOptions
    from .pipeline.progress import progress_bars
    from .pipeline.run import analyze as _analyze

    if engine is not None:
        executor = _executor_from_engine(engine, executor, options)
    with progress_bars(progress) as reporter:
        return _analyze(path, out, jobs=jobs, options=AnalysisOptions(**options), progress=reporter,
                        engine=executor or "local", scheduler=scheduler)


def _executor_from_engine(engine: str, executor: str | None, options: dict) -> str | None:
    """The executor after the deprecated ``engine=``: a segmenter's name goes to
    ``options["segmenter"]``, anything else is the executor; each must agree with what is given."""
    import warnings

    from .segment import ENGINES as SEGMENTERS

    if engine in SEGMENTERS:
        warnings.warn(f"analyze(engine={engine!r}) is deprecated; use segmenter={engine!r}", DeprecationWarning, stacklevel=3)
        if options.setdefault("segmenter", engine) != engine:
            raise SpeechkitError(f"engine={engine!r} names a segmenter, but segmenter={options['segmenter']!r}")
        return executor
    warnings.warn(f"analyze(engine={engine!r}) is deprecated; use executor={engine!r}", DeprecationWarning, stacklevel=3)
    if executor is not None and executor != engine:
        raise SpeechkitError(f"engine={engine!r} and executor={executor!r} disagree; give executor only")
    return engine
