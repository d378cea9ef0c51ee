"""Keywords of a speech and of a corpus: TF-IDF and TextRank.

- **TF-IDF over a corpus** (:func:`corpus_keywords`): scikit-learn's ``TfidfVectorizer``
  on our own content terms; documents are the speeches, or groups of them (``by``).
- **TF-IDF of one speech** (:func:`speech_keywords`): term frequency times an IDF
  table: jieba's bundled general-language table by default, a table built from the
  user's corpus (:class:`~speechkit.analysis.idf.IdfTable`), or one computed over the
  speech's own sections, paragraphs or sentences.
- **TextRank**: PageRank (networkx) on a graph of content terms linked when they share
  a sliding window of ``window`` consecutive terms inside a paragraph.

Every list is sorted best first, ties broken by the term, so output is reproducible.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import repeat
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..model import Keyword
from .cooccurrence import shared_counts
from .idf import IdfTable, jieba_idf
from .terms import DEFAULT_POS, as_speeches, content_terms, iter_term_units

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ..corpus import Corpus
    from ..results import Results
    from ..segment import Tokenizer
    from ..speech import Speech
    from .speech_tables import Chunk

METHODS = ("tfidf", "textrank")
# Ranked against the other documents of a corpus: keyness (G², the default) or counts.
CORPUS_METHODS = ("keyness", "frequency", *METHODS)
DIGITS = 6
NO_YEARS_TO_COMPARE = "no speeches of two years or more to compare"


def ranked_keywords(scores: dict[str, float], counts: dict[str, int], top: int | None) -> list[Keyword]:
    """The ``top`` terms by score (ties by term), scores rounded, with their counts."""
    order = lambda kv: (-kv[1], kv[0])  # noqa: E731
    ordered = sorted(scores.items(), key=order) if top is None else heapq.nsmallest(top, scores.items(), key=order)
    return [Keyword(term, round(score, DIGITS), counts.get(term, 0)) for term, score in ordered]


def ranked_by_index(scores: np.ndarray, terms: Sequence[str], counts: np.ndarray, top: int | None) -> list[Keyword]:
    """:func:`ranked_keywords` of scores and counts given as arrays over ``terms``, which are
    sorted: ties broken by index are ties broken by term."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")[:top]
    return [Keyword(terms[i], round(score, DIGITS), count)
            for i, score, count in zip(order.tolist(), scores[order].tolist(), counts[order].tolist())]


def tfidf_scores(counts: dict[str, int], idf: IdfTable) -> dict[str, float]:
    """TF-IDF of one document: relative frequency times IDF (jieba's formula)."""
    import numpy as np

    terms = list(counts)
    scores = tfidf_by_index(np.fromiter(counts.values(), dtype=np.int64, count=len(terms)), terms, idf)
    return dict(zip(terms, scores.tolist()))


def tfidf_by_index(counts: np.ndarray, terms: Sequence[str], idf: IdfTable) -> np.ndarray:
    """:func:`tfidf_scores` of the counts of ``terms``, as an array over them."""
    import numpy as np

    values = np.fromiter(map(idf.idf.get, terms, repeat(idf.default)), dtype=float, count=len(terms))
    return counts / (int(counts.sum()) or 1) * values


def textrank_scores(units: Sequence[Sequence[str]], window: int = 5, damping: float = 0.85) -> dict[str, float]:
    """TextRank: PageRank over terms linked by shared windows.

    Parameters
    ----------
    units : sequence of sequences of str
        Terms in text order, one sequence per paragraph (windows do not cross them).
    window : int
        Width of the sliding window, in content terms.
    damping : float
        PageRank damping factor.
    """
    vocabulary, incidence = window_incidence(units, window)
    if not vocabulary:
        return {}
    return dict(zip(vocabulary, _shared_window_pagerank(incidence, damping).tolist()))


def textrank_by_index(term_ids: np.ndarray, unit_lengths: np.ndarray, terms: int, *, window: int = 5,
                      damping: float = 0.85) -> np.ndarray:
    """:func:`textrank_scores` of units given as term indices: ``term_ids`` (below ``terms``,
    each occurring) in text order, cut into units of ``unit_lengths`` (none empty).

    Returns
    -------
    numpy.ndarray
        The score of each term index.
    """
    _check_window(window)
    return _shared_window_pagerank(_incidence(term_ids, unit_lengths, terms, window), damping)


def _shared_window_pagerank(incidence, damping: float):
    """PageRank of the terms linked by the number of windows they share."""
    return pagerank(shared_counts(incidence), damping)


def window_incidence(units: Sequence[Sequence[str]], window: int = 5):
    """The sorted vocabulary and the windows × terms incidence matrix (1 where a window
    holds a term) of the sliding windows of ``units`` (see
    :func:`~speechkit.analysis.cooccurrence.window_units`), built in a few array operations
    for all units at once: no loop per unit or per window."""
    import numpy as np

    _check_window(window)
    vocabulary = sorted({w for unit in units for w in unit})
    if not vocabulary:
        return [], None
    index = {w: i for i, w in enumerate(vocabulary)}
    lengths = np.array([len(unit) for unit in units if unit], dtype=np.int64)
    ids = np.fromiter((index[w] for unit in units for w in unit), dtype=np.int64, count=int(lengths.sum()))
    return vocabulary, _incidence(ids, lengths, len(vocabulary), window)


def _check_window(window: int) -> None:
    if window < 2:
        raise ValueError("window must be at least 2")


def _incidence(ids: np.ndarray, lengths: np.ndarray, terms: int, window: int):
    """The windows × terms incidence matrix of units given as term indices ``ids`` cut
    into units of ``lengths`` (see :func:`window_incidence`)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    # A unit of length L has L - window + 1 windows of `window` terms, or one window of all
    # its terms when L <= window.
    windows_per_unit = np.maximum(lengths - window + 1, 1)
    widths = np.repeat(np.minimum(lengths, window), windows_per_unit)
    first_window = np.cumsum(windows_per_unit) - windows_per_unit
    unit_start = np.cumsum(lengths) - lengths
    starts = np.repeat(unit_start - first_window, windows_per_unit) + np.arange(len(widths))
    rows = np.repeat(np.arange(len(widths)), widths)
    entry_start = np.cumsum(widths) - widths
    positions = np.arange(int(widths.sum())) - np.repeat(entry_start - starts, widths)
    incidence = csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, ids[positions])), shape=(len(widths), terms))
    incidence.data[:] = 1  # a term repeated inside a window counts once
    return incidence


def pagerank(weights, damping: float = 0.85, tol: float = 1e-6, max_iter: int = 100):
    """PageRank of a weighted undirected graph given as a symmetric sparse matrix.

    The power iteration of networkx's ``pagerank`` (uniform start and teleport, the rank
    of nodes without edges spread evenly), on the matrix itself: no graph object.
    """
    import numpy as np
    import scipy.sparse as sp

    n = weights.shape[0]
    out = np.asarray(weights.sum(axis=1)).ravel().astype(float)
    inverse = np.divide(1.0, out, out=np.zeros_like(out), where=out != 0)
    transition = sp.diags(inverse) @ weights
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = x
        x = damping * (x @ transition + previous[dangling].sum() / n) + (1 - damping) / n
        if np.abs(x - previous).sum() < n * tol:
            break
    return x


def _speech_idf(speech, idf, pos, tokenizer) -> IdfTable:
    if idf is None:
        return jieba_idf()
    if isinstance(idf, IdfTable):
        return idf
    if idf in ("section", "paragraph", "sentence"):
        return IdfTable.from_corpus(speech, unit=idf, pos=pos, tokenizer=tokenizer)
    raise SpeechkitError(f"idf: expected an IdfTable or one of section, paragraph, sentence; got {idf!r}")


def speech_keywords(
    speech: Speech,
    method: str = "tfidf",
    *,
    top: int | None = 20,
    idf: IdfTable | str | None = None,
    pos: Sequence[str] | None = DEFAULT_POS,
    window: int = 5,
    tokenizer: Tokenizer | None = None,
) -> list[Keyword]:
    """Keywords of one speech, best first.

    Parameters
    ----------
    speech : Speech
    method : {"tfidf", "textrank"}
    top : int or None
        How many keywords (None: all).
    idf : IdfTable or {"section", "paragraph", "sentence"}, optional
        TF-IDF only: the IDF table (default: jieba's bundled table), or the unit of
        the speech over which to compute IDF.
    pos : sequence of str or None
        POS filter of the content terms (see :mod:`speechkit.analysis.terms`).
    window : int
        TextRank only: window width in content terms.
    tokenizer : Tokenizer, optional

    Returns
    -------
    list of Keyword
    """
    _check_method(method)
    if method == "tfidf":
        counts = Counter(t.text for t in content_terms(speech, pos, tokenizer))
        scores = tfidf_scores(counts, _speech_idf(speech, idf, pos, tokenizer))
    else:
        paragraphs = list(iter_term_units(speech, "paragraph", pos, tokenizer))
        counts = Counter(w for unit in paragraphs for w in unit.words)
        scores = textrank_scores([u.words for u in paragraphs], window)
    return ranked_keywords(scores, counts, top)


def _check_method(method: str, methods: Sequence[str] = METHODS) -> None:
    if method not in methods:
        raise SpeechkitError(f"unknown keyword method {method!r}: choose one of {', '.join(methods)}")


def _documents(speeches, by: str | None, ids, pos, tokenizer) -> list[tuple[dict, list[list[str]]]]:
    """Each document's leading columns and the terms of its paragraphs; a document is a
    speech (in corpus order), or with ``by`` the group of speeches sharing a value (in
    group order; speeches without a value left out, as from every table by group)."""
    from ..corpus import group_key, group_order

    documents: dict[object, tuple[dict, list[list[str]]]] = {}
    for index, speech in enumerate(speeches):
        if by is None:
            key, prefix = index, {"speech": ids[index] if ids is not None else speech.id, "year": speech.year}
        else:
            key = group_key(speech, by)
            if key is None:
                continue
            prefix = {by: key}
        paragraphs = documents.setdefault(key, (prefix, []))[1]
        paragraphs.extend(u.words for u in iter_term_units(speech, "paragraph", pos, tokenizer))
    return [documents[key] for key in (documents if by is None else sorted(documents, key=group_order))]


def corpus_keywords(
    corpus: Corpus | Sequence[Speech],
    method: str = "keyness",
    *,
    top: int | None = 20,
    by: str | None = None,
    pos: Sequence[str] | None = DEFAULT_POS,
    window: int = 5,
    tokenizer: Tokenizer | None = None,
    sublinear_tf: bool = True,
    idf: IdfTable | None = None,
    ids: Sequence[str] | None = None,
    reference=None,
    officialese: frozenset[str] | None = None,
):
    """Keywords of every speech (or every group of speeches) of a corpus.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    method : {"keyness", "frequency", "tfidf", "textrank"}
        ``keyness`` ranks each document's terms by G² against the rest of the corpus
        (:func:`~speechkit.analysis.keyness.group_rankings`): the terms that set it apart,
        not those every document repeats; ``frequency`` by count; ``tfidf`` weighs each
        document's terms against the other documents of the corpus; ``textrank`` ranks
        each document on its own.
    top : int or None
        Keywords per document.
    by : str, optional
        A metadata variable (``year``, ``speaker`` ...): documents are then the groups
        of speeches sharing a value, in group order, and the first column is that
        variable; speeches without a value are left out. With the bundled POS filter and
        segmenter, ``method="keyness", by="year"`` gives :func:`keywords_by_year` and
        ``method="tfidf"`` :func:`keywords_tfidf` (from the speeches' results).
    pos, window, tokenizer
        As in :func:`speech_keywords`.
    sublinear_tf : bool
        TF-IDF only: use ``1 + ln(tf)``: without it the few terms every official text
        repeats (发展, 建设) head every document's list.
    idf : IdfTable, optional
        TF-IDF only: score each document against this table (a saved table of the
        user's corpus, say) instead of the IDF of the documents given.
    ids : sequence of str, optional
        Names of the speeches in the ``speech`` column (default: ``speech.id``; give
        unique names when two files share a stem).
    reference : optional
        ``keyness`` only: a value of ``by`` whose group every other is compared with
        (default: the rest of the corpus).
    officialese : frozenset of str, optional
        ``keyness`` and ``frequency``: words never ranked (default: the bundled
        :func:`~speechkit.analysis.officialese.load_officialese` list; an empty set keeps all).

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year, rank, term, score, count`` (with ``by``: the
        variable instead of ``speech, year``), documents in corpus order; ``keyness``
        and ``frequency`` add ``weight``, what each document was ranked by.
    """
    _check_method(method, CORPUS_METHODS)
    speeches = as_speeches(corpus)
    if ids is not None and len(ids) != len(speeches):
        raise SpeechkitError(f"ids: {len(ids)} given for {len(speeches)} speeches")
    documents = _documents(speeches, by, ids, pos, tokenizer)
    words = [[w for paragraph in paragraphs for w in paragraph] for _, paragraphs in documents]
    counts = [Counter(w) for w in words]
    if method in ("keyness", "frequency"):
        return keyness_keyword_frame([(prefix, c) for (prefix, _), c in zip(documents, counts)], top, by,
                                     weight=method, reference=reference, officialese=officialese)
    rankings: list[list[Keyword]]
    if method == "tfidf" and idf is not None:
        rankings = [ranked_keywords(tfidf_scores(c, idf), c, top) for c in counts]
    elif method == "tfidf":
        rankings = _tfidf_rankings(counts, top, sublinear_tf)
    else:
        rankings = [ranked_keywords(textrank_scores(paragraphs, window), c, top) for (_, paragraphs), c in zip(documents, counts)]
    return _keyword_frame([prefix for prefix, _ in documents], rankings, by)


def tfidf_keyword_frame(documents: Sequence[tuple[dict, Mapping[str, int]]], top: int | None = 20,
                        by: str | None = None, sublinear_tf: bool = True):
    """Corpus TF-IDF keywords of documents given as term counts (the pipeline's
    results), as :func:`corpus_keywords` gives them.

    Parameters
    ----------
    documents : sequence of (dict, mapping of str to int)
        Each document's leading columns (``speech``, ``year`` or the ``by`` variable)
        and its term counts.
    """
    rankings = _tfidf_rankings([counts for _, counts in documents], top, sublinear_tf)
    return _keyword_frame([prefix for prefix, _ in documents], rankings, by)


def keyness_keyword_frame(documents: Sequence[tuple[dict, Mapping[str, int]]], top: int | None = 20,
                          by: str | None = None, *, weight: str = "keyness", reference=None,
                          officialese: frozenset[str] | None = None):
    """Keywords of documents given as term counts, each ranked by keyness against the
    others (or the ``reference`` document) or by frequency, without the officialese words.

    Parameters
    ----------
    documents : sequence of (dict, mapping of str to int)
        As in :func:`tfidf_keyword_frame`.
    weight : {"keyness", "frequency"}
    reference : optional
        The value of ``by`` of the reference document (see
        :func:`~speechkit.analysis.keyness.group_rankings`).
    officialese : frozenset of str, optional
        Default: the bundled list.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`corpus_keywords` and ``weight``.
    """
    from .keyness import group_rankings
    from .officialese import load_officialese

    exclude = load_officialese() if officialese is None else officialese
    keyed = dict(enumerate(counts for _, counts in documents))
    if reference is not None:
        # The reference names a document by its value of ``by``: find its position.
        values = {str(prefix.get(by if by else "speech")): i for i, (prefix, _) in enumerate(documents)}
        if str(reference) not in values:
            raise SpeechkitError(f"--reference-group: no {by or 'speech'} {reference} (have: {', '.join(values)})")
        reference = values[str(reference)]
    rankings = group_rankings(keyed, weight=weight, reference=reference, top=top, exclude=exclude)
    weights = [rankings[i][0] for i in keyed]
    return _keyword_frame([prefix for prefix, _ in documents], [rankings[i][1] for i in keyed], by, weights)


def _keyword_frame(prefixes: list[dict], rankings: list[list[Keyword]], by: str | None, weights: list[str] | None = None):
    import pandas as pd

    rows = []
    for index, (prefix, ranking) in enumerate(zip(prefixes, rankings)):
        extra = {} if weights is None else {"weight": weights[index]}
        rows += [{**prefix, "rank": r, **kw.to_dict(), **extra} for r, kw in enumerate(ranking, 1)]
    columns = (["speech", "year"] if by is None else [by]) + ["rank", "term", "score", "count"]
    columns += [] if weights is None else ["weight"]
    frame = pd.DataFrame(rows, columns=columns)
    if by is None or by == "year":
        frame["year"] = frame["year"].astype("Int64")
    return frame


def tfidf_matrix(counts: Sequence[Mapping[str, int]], sublinear_tf: bool = True):
    """The TF-IDF matrix (scikit-learn's smoothed IDF, l2-normalised rows) of documents
    given as term counts, and its sorted vocabulary."""
    from sklearn.feature_extraction.text import TfidfTransformer

    matrix, vocabulary = count_matrix(counts)
    return TfidfTransformer(sublinear_tf=sublinear_tf).fit_transform(matrix).tocsr(), vocabulary


def tfidf_rows(matrix, idf, sublinear_tf: bool = True):
    """The TF-IDF rows of a count matrix (CSR) with a given ``idf``: the steps of
    scikit-learn's ``TfidfTransformer.transform``, row by row, so a part of a corpus gets
    the numbers its rows have in the whole."""
    import numpy as np
    from sklearn.preprocessing import normalize

    matrix = matrix.copy()
    if sublinear_tf:
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
    matrix.data *= idf[matrix.indices]
    return normalize(matrix, norm="l2", copy=False)


def count_matrix(counts: Sequence[Mapping[str, int]], vocabulary: Sequence[str] | None = None):
    """Documents given as term counts as a sparse matrix (rows: documents; columns: the
    sorted vocabulary, returned beside it): what scikit-learn's ``DictVectorizer(sort=True)``
    makes, built directly (its per-item Python loop costs seconds on a large corpus).
    ``vocabulary`` (sorted, holding every term of ``counts``) gives the columns of a part
    of a larger corpus."""
    import numpy as np
    from scipy.sparse import csr_matrix

    if vocabulary is None:
        vocabulary = sorted({str(term) for document in counts for term in document})
    column = {term: j for j, term in enumerate(vocabulary)}
    indices: list[int] = []
    data: list[float] = []
    indptr = [0]
    for document in counts:
        indices += [column[str(term)] for term in document]
        data += document.values()
        indptr.append(len(indices))
    matrix = csr_matrix((np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                        shape=(len(counts), len(vocabulary)))
    matrix.sort_indices()
    return matrix, vocabulary


def _tfidf_rankings(counts: list[Mapping[str, int]], top: int | None, sublinear_tf: bool, *,
                    vocabulary: Sequence[str] | None = None, idf=None) -> list[list[Keyword]]:
    """Each document's ``top`` terms by corpus TF-IDF; with ``vocabulary`` and ``idf`` (of
    the whole corpus) ``counts`` are a part of it, scored row by row as the whole would be."""
    if not any(counts):
        return [[] for _ in counts]
    if idf is None:
        matrix, vocabulary = tfidf_matrix(counts, sublinear_tf)
    else:
        matrix = tfidf_rows(count_matrix(counts, vocabulary)[0], idf, sublinear_tf)
    rankings = []
    for row, document in enumerate(counts):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        scores = {vocabulary[j]: float(v) for j, v in zip(matrix.indices[start:end], matrix.data[start:end])}
        rankings.append(ranked_keywords(scores, document, top))
    return rankings


def mean_tfidf(counts: Sequence[Mapping[str, int]]) -> dict[str, float]:
    """The mean over documents (given as term counts) of their corpus TF-IDF, per term."""
    if not any(counts):
        return {}
    matrix, vocabulary = tfidf_matrix(counts)
    means = matrix.mean(axis=0).A1
    return {term: round(float(v), DIGITS) for term, v in zip(vocabulary, means)}


def speech_tfidf(counts: Mapping[str, int]) -> dict[str, float]:
    """TF-IDF of one speech's term counts against jieba's IDF table, rounded."""
    return {t: round(v, DIGITS) for t, v in tfidf_scores(counts, jieba_idf()).items()}


def term_tfidf(speeches: Speech | Corpus | Sequence[Speech], pos: Sequence[str] | None = DEFAULT_POS, tokenizer: Tokenizer | None = None) -> dict[str, float]:
    """A TF-IDF weight for every content term of one speech or of a corpus.

    One speech: its TF-IDF against jieba's IDF table. Several: the mean over the
    speeches of their corpus TF-IDF (used as a node attribute of term graphs).
    """
    counts = [Counter(t.text for t in content_terms(s, pos, tokenizer)) for s in as_speeches(speeches)]
    return speech_tfidf(counts[0]) if len(counts) == 1 else mean_tfidf(counts)


def keywords_tfidf(results: Results, *, top: int | None = 20, sublinear_tf: bool = True) -> pd.DataFrame:
    """Each speech's keywords by TF-IDF against the other speeches of the corpus: the table
    ``keywords_tfidf`` of ``speechkit analyze`` (written for a corpus of two speeches or more).

    Parameters
    ----------
    results : Results
        The speeches' results (their content-term counts).
    top : int or None
        Keywords per speech (``analyze --top``).
    sublinear_tf : bool
        Use ``1 + ln(tf)`` (see :func:`corpus_tfidf`).

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year, rank, term, score, count``, speeches in corpus order.
    """
    from .passes import read_once

    return read_once(results, [TfidfKeywords(results, top=top, sublinear_tf=sublinear_tf)])[0]


class TfidfKeywords:
    """The table of :func:`keywords_tfidf` as a consumer of one reading of the results
    (:func:`~speechkit.analysis.passes.read_once`): the corpus's document frequencies, merged
    where the results were made, then the speeches' rows a chunk at a time, never every
    speech's counts at once.

    Parameters
    ----------
    results : Results
        The speeches' results (only their merged document frequencies are read here).
    top, sublinear_tf
        As for :func:`keywords_tfidf`.
    """

    def __init__(self, results: Results, *, top: int | None = 20, sublinear_tf: bool = True):
        self.vocabulary, self.idf = corpus_idf(results)
        self.top, self.sublinear_tf = top, sublinear_tf
        self.prefixes: list[dict] = []
        self.rankings: list[list[Keyword]] = []

    def add(self, chunk: Chunk) -> None:
        counts = [result.term_counts() for _, result in chunk]
        self.prefixes += [{"speech": speech.id, "year": speech.year} for speech, _ in chunk]
        self.rankings += _tfidf_rankings(counts, self.top, self.sublinear_tf, vocabulary=self.vocabulary, idf=self.idf)

    def finish(self) -> pd.DataFrame:
        return _keyword_frame(self.prefixes, self.rankings, None)


def corpus_idf(results: Results):
    """The sorted vocabulary of the content terms of ``results`` and its smoothed IDF
    (:func:`smoothed_idf`), from the document frequencies merged once per results."""
    from .aggregates import document_frequency

    frequency = document_frequency(results)
    return list(frequency), smoothed_idf(list(frequency.values()), len(results))


def smoothed_idf(document_frequency: Sequence[int], documents: int):
    """scikit-learn's smoothed IDF, ``ln((1 + n) / (1 + df)) + 1``, computed as
    ``TfidfTransformer.fit`` does it (the same floating-point steps, so the same numbers)."""
    import numpy as np

    df = np.asarray(document_frequency, dtype=np.float64) + 1.0
    idf = np.full_like(df, fill_value=documents + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def keywords_by_year(results: Results, *, by: str | None = None, pool: bool = False, top: int | None = 20,
                     weight: str = "keyness", reference_group: str | int | None = None,
                     officialese: frozenset[str] | None = None) -> pd.DataFrame:
    """Each year's keywords, ranked by keyness (G²) against the other years (or the year
    ``reference_group``) or by frequency, without the officialese words: the table
    ``keywords_by_year`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (their content-term counts).
    by, pool
        The grouping of ``analyze --group-by`` and ``--pool``, as for
        :func:`~speechkit.analysis.grouping.tables_by_group`.
    top : int or None
        Keywords per year (``analyze --top``).
    weight : {"keyness", "frequency"}
        What ranks them (``analyze --weight``).
    reference_group : str or int, optional
        The year every other year is compared with (``analyze --reference-group``); a
        group without that year compares each year with the rest.
    officialese : frozenset of str, optional
        Words never ranked (default: the bundled list).

    Returns
    -------
    pandas.DataFrame
        Columns ``year, rank, term, score, count, weight``; with a grouping, the group's
        column first (groups with fewer than two years have none).

    Raises
    ------
    SpeechkitError
        When no table has two years to compare.
    """
    from .grouping import tables_by_group
    from .keyness import reference_year

    def ranked(part: Results) -> pd.DataFrame | None:
        if len(part.years()) < 2:
            return None
        by_terms = _terms_by_year(part)
        return keyness_keyword_frame([({"year": year}, counts) for year, counts in by_terms.items()], top, by="year",
                                     weight=weight, reference=reference_year(reference_group, part.years()),
                                     officialese=officialese)

    return tables_by_group(results, ranked, by=by, pool=pool, missing=NO_YEARS_TO_COMPARE)


def keyness_by_year(results: Results, *, by: str | None = None, pool: bool = False,
                    reference_group: str | int | None = None, officialese: frozenset[str] | None = None) -> pd.DataFrame:
    """Keyness (G², log ratio) of every term of each year against the other years (or the
    year ``reference_group``): the table ``keyness_by_year`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (their content-term counts).
    by, pool, reference_group
        As in :func:`keywords_by_year`.
    officialese : frozenset of str, optional
        Words left out before the test (default: the bundled list).

    Returns
    -------
    pandas.DataFrame
        Column ``year`` followed by those of :func:`~speechkit.analysis.keyness.keyness`;
        with a grouping, the group's column first.

    Raises
    ------
    SpeechkitError
        When no table has two years to compare.
    """
    from .grouping import tables_by_group
    from .keyness import grouped_keyness, reference_year
    from .officialese import load_officialese

    exclude = load_officialese() if officialese is None else officialese

    def keyness(part: Results) -> pd.DataFrame | None:
        if len(part.years()) < 2:
            return None
        return grouped_keyness(_terms_by_year(part), by="year", reference=reference_year(reference_group, part.years()),
                               exclude=exclude)

    return tables_by_group(results, keyness, by=by, pool=pool, missing=NO_YEARS_TO_COMPARE)


def _terms_by_year(results: Results) -> dict:
    from .aggregates import results_tally

    return {year: counts for year, counts in results_tally(results).table("terms").items() if year is not None}
