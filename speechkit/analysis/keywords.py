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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import SpeechkitError
from ..model import Record
from .cooccurrence import count_cooccurrence, window_units
from .idf import IdfTable, jieba_idf, tfidf_vectorizer
from .terms import DEFAULT_POS, as_speeches, content_terms, iter_term_units

METHODS = ("tfidf", "textrank")
DIGITS = 6


@dataclass(frozen=True, slots=True)
class Keyword(Record):
    """A keyword with its score and its number of occurrences."""

    term: str
    score: float
    count: int


def _ranked(scores: dict[str, float], counts: dict[str, int], top: int | None) -> list[Keyword]:
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if top is not None:
        ordered = ordered[:top]
    return [Keyword(term, round(score, DIGITS), counts.get(term, 0)) for term, score in ordered]


def tfidf_scores(counts: dict[str, int], idf: IdfTable) -> dict[str, float]:
    """TF-IDF of one document: relative frequency times IDF (jieba's formula)."""
    total = sum(counts.values()) or 1
    return {term: n / total * idf[term] for term, n in counts.items()}


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
    import networkx as nx

    windows = [w for unit in units for w in window_units(unit, window)]
    if not windows:
        return {}
    counts = count_cooccurrence(windows)
    graph = nx.Graph()
    graph.add_nodes_from(counts.vocabulary)
    graph.add_weighted_edges_from((counts.vocabulary[i], counts.vocabulary[j], n) for i, j, n in counts.iter_pairs())
    return nx.pagerank(graph, alpha=damping, weight="weight")


def _speech_idf(speech, idf, pos, tokenizer) -> IdfTable:
    if idf is None:
        return jieba_idf()
    if isinstance(idf, IdfTable):
        return idf
    if idf in ("section", "paragraph", "sentence"):
        return IdfTable.from_corpus(speech, unit=idf, pos=pos, tokenizer=tokenizer)
    raise SpeechkitError(f"idf: expected an IdfTable or one of section, paragraph, sentence; got {idf!r}")


def speech_keywords(
    speech,
    method: str = "tfidf",
    top: int | None = 20,
    idf: IdfTable | str | None = None,
    pos: Sequence[str] | None = DEFAULT_POS,
    window: int = 5,
    tokenizer=None,
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
    return _ranked(scores, counts, top)


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise SpeechkitError(f"unknown keyword method {method!r}: choose one of {', '.join(METHODS)}")


def _documents(speeches, by: str | None, ids, pos, tokenizer) -> list[tuple[dict, list[list[str]]]]:
    """Each document's leading columns and the terms of its paragraphs, in order; a
    document is a speech, or with ``by`` the group of speeches sharing a value."""
    documents: dict[object, tuple[dict, list[list[str]]]] = {}
    for index, speech in enumerate(speeches):
        if by is None:
            key, prefix = index, {"speech": ids[index] if ids is not None else speech.id, "year": speech.year}
        else:
            key = speech.meta.get(by)
            prefix = {by: key}
        paragraphs = documents.setdefault(key, (prefix, []))[1]
        paragraphs.extend(u.words for u in iter_term_units(speech, "paragraph", pos, tokenizer))
    return list(documents.values())


def corpus_tfidf(documents: Sequence[Sequence[str]], sublinear_tf: bool = True):
    """The TF-IDF matrix (scikit-learn, l2-normalised rows) of documents given as term
    lists, and its vocabulary.

    With ``sublinear_tf`` the term frequency is ``1 + ln(tf)``: without it the few
    terms every official text repeats (发展, 建设) head every document's list.
    """
    vectorizer = tfidf_vectorizer(sublinear_tf=sublinear_tf)
    matrix = vectorizer.fit_transform(documents)
    return matrix.tocsr(), [str(t) for t in vectorizer.get_feature_names_out()]


def corpus_keywords(
    corpus,
    method: str = "tfidf",
    top: int | None = 20,
    by: str | None = None,
    pos: Sequence[str] | None = DEFAULT_POS,
    window: int = 5,
    tokenizer=None,
    sublinear_tf: bool = True,
    idf: IdfTable | None = None,
    ids: Sequence[str] | None = None,
):
    """Keywords of every speech (or every group of speeches) of a corpus.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    method : {"tfidf", "textrank"}
        ``tfidf`` weighs each document's terms against the other documents of the
        corpus; ``textrank`` ranks each document on its own.
    top : int or None
        Keywords per document.
    by : str, optional
        A metadata variable (``year``, ``speaker`` ...): documents are then the groups
        of speeches sharing a value, and the first column is that variable.
    pos, window, tokenizer
        As in :func:`speech_keywords`.
    sublinear_tf : bool
        TF-IDF only: use ``1 + ln(tf)`` (see :func:`corpus_tfidf`).
    idf : IdfTable, optional
        TF-IDF only: score each document against this table (a saved table of the
        user's corpus, say) instead of the IDF of the documents given.
    ids : sequence of str, optional
        Names of the speeches in the ``speech`` column (default: ``speech.id``; give
        unique names when two files share a stem).

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year, rank, term, score, count`` (with ``by``: the
        variable instead of ``speech, year``), documents in corpus order.
    """
    import pandas as pd

    _check_method(method)
    speeches = as_speeches(corpus)
    if ids is not None and len(ids) != len(speeches):
        raise SpeechkitError(f"ids: {len(ids)} given for {len(speeches)} speeches")
    documents = _documents(speeches, by, ids, pos, tokenizer)
    words = [[w for paragraph in paragraphs for w in paragraph] for _, paragraphs in documents]
    rankings: list[list[Keyword]]
    if method == "tfidf" and idf is not None:
        rankings = [_ranked(tfidf_scores(Counter(w), idf), Counter(w), top) for w in words]
    elif method == "tfidf":
        rankings = _tfidf_rankings(words, top, sublinear_tf)
    else:
        rankings = [_ranked(textrank_scores(paragraphs, window), Counter(w), top) for (_, paragraphs), w in zip(documents, words)]
    rows = []
    for (prefix, _), ranking in zip(documents, rankings):
        rows += [{**prefix, "rank": r, **kw.to_dict()} for r, kw in enumerate(ranking, 1)]
    columns = (["speech", "year"] if by is None else [by]) + ["rank", "term", "score", "count"]
    frame = pd.DataFrame(rows, columns=columns)
    if by is None or by == "year":
        frame["year"] = frame["year"].astype("Int64")
    return frame


def _tfidf_rankings(words: list[list[str]], top: int | None, sublinear_tf: bool) -> list[list[Keyword]]:
    if not any(words):
        return [[] for _ in words]
    matrix, vocabulary = corpus_tfidf(words, sublinear_tf)
    rankings = []
    for row, document in enumerate(words):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        scores = {vocabulary[j]: float(v) for j, v in zip(matrix.indices[start:end], matrix.data[start:end])}
        rankings.append(_ranked(scores, Counter(document), top))
    return rankings


def term_tfidf(speeches, pos: Sequence[str] | None = DEFAULT_POS, tokenizer=None) -> dict[str, float]:
    """A TF-IDF weight for every content term of one speech or of a corpus.

    One speech: its TF-IDF against jieba's IDF table. Several: the mean over the
    speeches of their corpus TF-IDF (used as a node attribute of term graphs).
    """
    speeches = as_speeches(speeches)
    if len(speeches) == 1:
        counts = Counter(t.text for t in content_terms(speeches[0], pos, tokenizer))
        return {t: round(v, DIGITS) for t, v in tfidf_scores(counts, jieba_idf()).items()}
    words = [[t.text for t in content_terms(s, pos, tokenizer)] for s in speeches]
    if not any(words):
        return {}
    matrix, vocabulary = corpus_tfidf(words)
    means = matrix.mean(axis=0).A1
    return {term: round(float(v), DIGITS) for term, v in zip(vocabulary, means)}
