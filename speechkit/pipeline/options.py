"""The options of a run of ``speechkit analyze``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ..analysis.targets import TOLERANCE
from ..ingest.limits import DEFAULT_MAX_FILE_MB, ReadLimits
from ..render.writers import DEFAULT_TABLE_FORMATS

if TYPE_CHECKING:
    from ..analysis.canonical import CanonicalTable
    from ..segment import Segmentation, Tokenizer

# Per-speech pictures are drawn by default up to this many speeches; a larger corpus
# gets its corpus and year pictures at once and per-speech pictures on request.
SPEECH_PICTURES_UP_TO = 50


@dataclass(frozen=True)
class AnalysisOptions:
    """Options of a run. Those that change per-speech results are the cache key;
    ``speech_pictures`` draws each speech's word cloud and graphs (True), skips them
    (False) or, with None, draws them for corpora of at most
    :data:`SPEECH_PICTURES_UP_TO` speeches.

    ``segmenter`` is the segmentation engine (``rjieba`` or ``jieba``); ``safe_csv=False``
    writes CSV cells that look like spreadsheet formulas as they are
    (see :mod:`speechkit.render.writers`). ``reference`` names a folder of reference
    documents (national reports, say) for text reuse and the diffusion of formulations;
    ``locality`` is the metadata variable naming each speech's place (default ``org``).
    ``group_by`` names a metadata column (``kind``, ``level``, ``org`` …) that splits every
    table by year, the year charts and the report by its values (see
    :mod:`speechkit.analysis.grouping`); ``pool`` keeps a corpus that mixes kinds or levels
    pooled instead of grouping it by kind. ``weight`` ranks the keywords by year, the
    year word clouds and the co-occurrence graph's terms by
    ``keyness`` (G² against the rest of the corpus, or against the year
    ``reference_group``) or by ``frequency``; ``officialese`` names a word list replacing
    the bundled officialese function words (see :mod:`speechkit.analysis.officialese`). ``max_file_mb`` and
    ``follow_links`` are the limits of reading (see :class:`speechkit.ingest.limits.ReadLimits`). The speeches' results are one JSON Lines file,
    ``speeches.jsonl``; ``speech_files`` also writes each speech's separate files into
    ``speeches/ID/``. ``table_formats`` are those of the corpus tables (``csv``, ``json``,
    ``parquet``; see :func:`speechkit.render.writers.table_formats`). ``indicators`` names a
    canonical indicator table replacing the bundled one and ``tolerance`` how far an
    approximate target (左右) may be missed and be met within tolerance, for the figures and
    the targets ledger (see :mod:`speechkit.analysis.targets`).

    Attributes
    ----------
    segmenter : {"rjieba", "jieba"}
        The segmentation engine.
    user_dicts : tuple of str
        User dictionaries (jieba's format) added to the bundled one.
    stopwords : str, optional
        A stopword file replacing the bundled list.
    extra_stopwords : tuple of str
        Words added to the stopwords.
    top_keywords, graph_nodes : int
        Keywords per speech and year; terms of the co-occurrence graphs.
    trend_terms : tuple of str
        The terms of the trend and dispersion charts (default: the trend terms of the
        corpus, see :mod:`speechkit.analysis.trends`).
    font : str, optional
        A font file for the pictures instead of the bundled CJK font.
    speech_pictures : bool or None
        As above.
    use_cache : bool
        Read and write per-speech results in the cache.
    safe_csv, reference, locality, group_by, pool, weight, reference_group, officialese
        As above.
    max_file_mb, follow_links
        The limits of reading.
    speech_files, table_formats, indicators, tolerance
        As above.
    lexicon : str, optional
        A formulation table replacing the bundled one: the slogans it names, and the
        numerals inside them that are no metrics.
    """

    segmenter: str = "rjieba"
    user_dicts: tuple[str, ...] = ()
    stopwords: str | None = None
    extra_stopwords: tuple[str, ...] = ()
    top_keywords: int = 20
    graph_nodes: int = 60
    trend_terms: tuple[str, ...] = ()
    font: str | None = None
    speech_pictures: bool | None = None
    use_cache: bool = True
    safe_csv: bool = True
    reference: str | None = None
    locality: str = "org"
    group_by: str | None = None
    max_file_mb: float = DEFAULT_MAX_FILE_MB
    follow_links: bool = False
    pool: bool = False
    weight: str = "keyness"
    reference_group: str | None = None
    officialese: str | None = None
    speech_files: bool = False
    table_formats: tuple[str, ...] = DEFAULT_TABLE_FORMATS
    indicators: str | None = None
    tolerance: float = TOLERANCE
    # A formulation table replacing the bundled one (the slogans, and the numerals in them that are no
    # metrics; None: the bundled one).
    lexicon: str | None = None

    def officialese_words(self) -> frozenset[str]:
        """The words left out of keywords, clouds, trend terms and the co-occurrence graph.

        Returns
        -------
        frozenset of str
        """
        from ..analysis.officialese import load_officialese

        return load_officialese(self.officialese)

    def statement(self) -> dict[str, Any]:
        """Every option by name, as a run's summary records them; the lexicon only when one
        of one's own is given (runs with the bundled one state what they always did).

        Returns
        -------
        dict
        """
        data = asdict(self)
        if data["lexicon"] is None:
            data.pop("lexicon")
        return data

    def key(self) -> dict[str, Any]:
        """The options that change per-speech results, and the registered extractors;
        dictionary and stopword files by their contents, so a file edited in place gives
        another key.

        Returns
        -------
        dict
        """
        from ..paths import file_digest
        from .extractors import EXTRACTORS

        data = self.statement()
        for name in ("use_cache", "font", "graph_nodes", "speech_pictures", "safe_csv", "reference", "locality",
                     "group_by", "pool", "weight", "reference_group", "officialese",
                     "max_file_mb", "follow_links", "speech_files", "table_formats",
                     "indicators", "tolerance"):
            data.pop(name)
        for name in ("user_dicts", "extra_stopwords"):
            data[name] = [file_digest(path) for path in data[name]]
        if data["stopwords"] is not None:
            data["stopwords"] = file_digest(data["stopwords"])
        # Only a lexicon of one's own enters the key: results cached with the bundled one keep theirs.
        if "lexicon" in data:
            data["lexicon"] = file_digest(data["lexicon"])
        data["extractors"] = list(EXTRACTORS.names())
        return data

    def canonical(self) -> CanonicalTable:
        """The canonical indicator table of the run: ``indicators``, else the bundled one.

        Returns
        -------
        CanonicalTable
        """
        from ..analysis.canonical import default_canonical, read_canonical

        return read_canonical(self.indicators) if self.indicators else default_canonical()

    def read_limits(self) -> ReadLimits:
        """The limits every file of the run (and of the reference folder) is read within.

        Returns
        -------
        ReadLimits
        """
        return ReadLimits(max_file_mb=self.max_file_mb, follow_links=self.follow_links)

    def draws_speech_pictures(self, speeches: int) -> tuple[bool, str]:
        """Whether a run over ``speeches`` speeches draws per-speech pictures, and why.

        Parameters
        ----------
        speeches : int
            Speeches in the run.

        Returns
        -------
        (bool, str)
        """
        if self.speech_pictures is not None:
            return self.speech_pictures, "asked for" if self.speech_pictures else "turned off"
        if speeches <= SPEECH_PICTURES_UP_TO:
            return True, f"at most {SPEECH_PICTURES_UP_TO} speeches"
        return False, f"more than {SPEECH_PICTURES_UP_TO} speeches: ask with --speech-pictures"

    def segmentation(self) -> Segmentation:
        """The segmentation of the run and its formulation lexicon, handed to every
        extractor (the inverse of :meth:`Segmentation.result_options`).

        Returns
        -------
        Segmentation
        """
        from ..segment import Segmentation

        return Segmentation(self.segmenter, self.user_dicts, self.stopwords, self.extra_stopwords, lexicon=self.lexicon)

    def tokenizer(self) -> Tokenizer:
        """The process-wide tokenizer of :meth:`segmentation`.

        Returns
        -------
        Tokenizer
        """
        return self.segmentation().tokenizer()
