"""Topic models (scikit-learn) over paragraphs or outline sections, and topic graphs.

A corpus model is fitted from the speeches' results (:class:`~speechkit.results.Results`:
:func:`topic_model`, its tables :func:`topic_tables`), as ``analyze`` fits it; a speech's
from its :class:`~speechkit.result.SpeechResult`'s units (:func:`topic_model_from_units`).

The model and its number of topics are chosen by topic coherence, checked on held-out
units. The measure (:data:`COHERENCE_MEASURE`): for each topic, the mean normalised
pointwise mutual information (NPMI) of every pair of its top terms (10 by default),
where a pair's probabilities are the shares of units (paragraphs or sections: each
unit is one co-occurrence window) containing one term, the other and both; a pair that
never co-occurs scores -1; the topics' scores are averaged. Every fifth unit (in corpus
order) is held out when there are enough of them (:data:`MIN_HELD_OUT`): each candidate
is fitted on the other units and scored on the held-out ones, so a topic that merely
memorises its training paragraphs does not score well.

By default (``method="auto"``) NMF on TF-IDF and LDA on term counts are both fitted for
every candidate ``k``, and the best held-out coherence wins (ties: the smaller ``k``,
then NMF). Both are seeded, so the same units give the same model.

Before fitting, the vocabulary loses what would make topics of boilerplate
(:func:`boilerplate_vocabulary`): terms in nearly every speech, the vocabulary of the
opening and closing formulas (found by where terms occur across speeches, see
:func:`frame_terms`) and terms of a single speech; :func:`without_terms` removes any
further list. Topics are labelled by their most exclusive frequent terms (FREX), and a
topic most of whose weight comes from one speech is flagged (``one_document``).

A corpus model never holds every unit's counts (:mod:`speechkit.analysis.topic_units`): its
vocabulary comes from statistics of every unit merged like the other partials of the map,
and it is fitted on at most :data:`~speechkit.analysis.topic_units.MODEL_UNITS` units, all
of a corpus that has no more, else a sample of that many stratified by year; every unit's
shares then come from the model, that many units at a time.

The topic graph links each topic to its top terms, topics to each other by the
cosine similarity of their term weights, and every outline section to its main topic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import SpeechkitError
from ..threads import one_thread
from .topic_units import (CLOSING_UNITS, MODEL_UNITS, OPENING_UNITS, UnitBlock, UnitLayout, UnitStatistics, blocks_tally,
                          chunks_of_units, count_unit_blocks, read_units, result_blocks, stratified_sample, unit_tally,
                          unit_vocabulary)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import IO

    from scipy.sparse import csr_matrix

    import networkx as nx
    import numpy as np
    import pandas as pd

    from ..result import SpeechResult
    from ..results import Results

# The models fitted; "auto" fits both and keeps the more coherent.
FITTED = ("nmf", "lda")
METHODS = ("auto", *FITTED)
DIGITS = 6
# Candidate numbers of topics of the corpus model (each fitted with NMF and with LDA).
CORPUS_TOPIC_K = range(4, 13, 2)
COHERENCE_MEASURE = ("mean NPMI of each topic's top-term pairs, counted over units (paragraphs or sections) as "
                     "co-occurrence windows; held-out units (every fifth) when there are enough, else the fitted units")
# Every HELD_OUT_EVERY-th unit is held out, when that gives at least MIN_HELD_OUT units.
HELD_OUT_EVERY = 5
MIN_HELD_OUT = 30
# Units a model of a given k is fitted on at most (an evenly spread sample beyond): NMF's
# cost grows with the units, its topics hardly change past a few thousand paragraphs.
FIT_UNITS = 4000
# Units each candidate is fitted on when several are compared (an evenly spread sample
# beyond). The candidate kept is the model: a refit on more units is another model, whose
# held-out coherence need not be the one that chose it.
SEARCH_UNITS = 1500
# Speeches a corpus needs before terms are judged by the share of speeches using them
# (nearly every speech, the formulas): among few speeches, sharing a term says little.
BOILERPLATE_MIN_SPEECHES = 10
# A term in at least this share of the speeches says nothing about any of them.
EVERYWHERE_SHARE = 0.9
# A formula term occurs in the opening or closing of at least FRAME_MIN_SHARE of the
# speeches (and of FRAME_MIN_SPEECHES), in at least FRAME_SHARE of the speeches that use
# it at all, and is FRAME_LIFT times likelier in an opening or closing unit than elsewhere.
FRAME_MIN_SHARE = 0.1
FRAME_MIN_SPEECHES = 5
FRAME_SHARE = 0.6
FRAME_LIFT = 5.0
# FREX: the weight of exclusivity against frequency in the harmonic mean of their ranks.
FREX_WEIGHT = 0.5
# A topic with more than this share of its weight from one speech is flagged.
ONE_DOCUMENT_SHARE = 0.5


@dataclass
class TopicModel:
    """A fitted topic model and its results.

    Attributes
    ----------
    method : str
        ``nmf`` or ``lda``: the model kept.
    k : int
        Number of topics.
    unit : str
        ``paragraph`` or ``section``: what a document of the model is.
    coherence : float
        The model's coherence (:data:`COHERENCE_MEASURE`), on the held-out units.
    coherence_by_k : dict of int to float
        The coherence of every ``k`` tried with ``method`` (only ``k`` when it was given).
    topics : list of dict
        ``{"topic", "label", "share", "terms": [{"term", "weight"}], "frex",
        "top_speech", "top_speech_share", "one_document"}``; ``weight`` is the term's
        share of the topic, ``share`` the topic's share of the units, ``label`` its
        three first FREX terms (``frex``: ten), ``top_speech`` the speech giving the
        largest share (``top_speech_share``) of its weight, ``one_document`` whether
        that share is above :data:`ONE_DOCUMENT_SHARE`.
    units : sequence of dict
        ``{"speech", "index", "section", "start", "end", "main_topic", "shares"}``
        (a :class:`UnitTopics`, which holds them as arrays); a unit none of whose terms is
        in the vocabulary (``min_df``/``max_df``) has all shares 0 and ``main_topic`` None.
    components : numpy.ndarray
        Topic-term weights (rows normalised to sum 1), aligned with ``vocabulary``.
    vocabulary : list of str
    selection : dict
        How the model was chosen: ``measure``, ``top_terms``, ``held_out_units``,
        ``fitted_units`` (each candidate's fit), ``sampled_units`` (the units the model was
        fitted on, when not every unit: see ``model_units`` of :func:`topic_model`), ``scores`` (method -> k -> held-out
        coherence), ``train_scores`` (on the units fitted) and ``train_coherence`` of
        the model kept.
    removed : dict of str to list of str
        The vocabulary left out before fitting, by reason (``everywhere``, ``frame``,
        ``single_document``, ``given``).
    """

    method: str
    k: int
    unit: str
    coherence: float
    coherence_by_k: dict[int, float]
    topics: list[dict[str, Any]]
    units: UnitTopics
    components: Any = field(repr=False)
    vocabulary: list[str] = field(repr=False)
    selection: dict[str, Any] = field(default_factory=dict)
    removed: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready results (without the full topic-term matrix).

        Returns
        -------
        dict
        """
        return {**self.described(), "units": list(self.units)}

    def described(self) -> dict[str, Any]:
        """:meth:`to_dict` but the units (which a corpus has hundreds of thousands of: a
        writer streams them after it, see ``graphs/topics_model.json``).

        Returns
        -------
        dict
        """
        return {
            "method": self.method,
            "k": self.k,
            "unit": self.unit,
            "coherence": self.coherence,
            "coherence_by_k": {str(k): v for k, v in self.coherence_by_k.items()},
            "selection": self.selection,
            "removed_vocabulary": self.removed,
            "topics": self.topics,
        }

    def topic_frame(self):
        """One row per topic and top term: ``topic, label, rank, term, weight``.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        rows = [
            {"topic": t["topic"], "label": t["label"], "rank": r, "term": term["term"], "weight": term["weight"]}
            for t in self.topics
            for r, term in enumerate(t["terms"], 1)
        ]
        return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])

    def label_frame(self):
        """One row per topic: ``topic, label, share, frex, terms, top_speech,
        top_speech_share, one_document`` (terms joined by spaces).

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        rows = [{"topic": t["topic"], "label": t["label"], "share": t["share"], "frex": " ".join(t["frex"]),
                 "terms": " ".join(term["term"] for term in t["terms"]), "top_speech": t["top_speech"],
                 "top_speech_share": t["top_speech_share"], "one_document": t["one_document"]} for t in self.topics]
        return pd.DataFrame(rows, columns=["topic", "label", "share", "frex", "terms", "top_speech",
                                           "top_speech_share", "one_document"])

    def unit_frame(self):
        """One row per unit with its main topic and one ``topic_<n>`` share column per topic.

        Returns
        -------
        pandas.DataFrame
        """
        return self.units.frame()


def model_summary(data: Mapping[str, Any]) -> dict[str, Any]:
    """The choice of a model in brief, from its :meth:`TopicModel.to_dict` data: method,
    k, coherence and its measure, every candidate's held-out coherence, the topics'
    labels and those mostly from one speech (for a run's summary)."""
    return {
        "method": data["method"],
        "k": data["k"],
        "coherence": data["coherence"],
        "measure": data["selection"]["measure"],
        "scores": data["selection"]["scores"],
        "labels": [t["label"] for t in data["topics"]],
        "one_document": [t["topic"] for t in data["topics"] if t["one_document"]],
    }


@dataclass(frozen=True, slots=True)
class CountUnit:
    """A unit of a topic model: where it is and its term counts.

    ``index`` is its position among the units of its speech, ``section`` the heading of
    the top-level section it starts in (None outside every section).
    """

    speech: str
    index: int
    start: int
    end: int
    section: str | None
    counts: dict[str, int]


def result_units(results: Sequence[tuple[str, SpeechResult]], unit: str = "paragraph") -> list[CountUnit]:
    """The count units of the results of speeches given as ``(speech id, result)``."""
    units = []
    for speech, result in results:
        stored = result.units(unit)
        for i in range(len(stored)):
            counts = {result.terms[term]: count for term, count in stored.unit(i)}
            units.append(CountUnit(speech, stored.index[i], stored.starts[i], stored.ends[i],
                                   result.section_label(stored, i), counts))
    return units


def unit_statistics(units: Sequence[CountUnit], *, opening: int = OPENING_UNITS,
                    closing: int = CLOSING_UNITS) -> UnitStatistics:
    """The vocabulary statistics of count units (:func:`~speechkit.analysis.topic_units.block_tally`),
    a speech's frame being its first ``opening`` and last ``closing`` units."""
    return UnitStatistics(blocks_tally(count_unit_blocks(units), opening=opening, closing=closing))


def speech_frequency(units: Sequence[CountUnit]) -> Counter:
    """The number of speeches each term occurs in."""
    return unit_statistics(units).speech_frequency


def everywhere_terms(units: Sequence[CountUnit], *, share: float = EVERYWHERE_SHARE) -> list[str]:
    """The terms in at least ``share`` of the speeches of ``units`` (发展, 建设 …), sorted."""
    return _everywhere(unit_statistics(units), share)


def _everywhere(statistics: UnitStatistics, share: float = EVERYWHERE_SHARE) -> list[str]:
    speeches = statistics.size("speeches")
    return sorted(term for term, count in statistics.speech_frequency.items() if count >= share * speeches)


def single_document_terms(units: Sequence[CountUnit]) -> list[str]:
    """The terms of one speech only, sorted: a topic of them is a speech, not a theme."""
    return _single_document(unit_statistics(units))


def _single_document(statistics: UnitStatistics) -> list[str]:
    return sorted(term for term, count in statistics.speech_frequency.items() if count == 1)


def frame_terms(
    units: Sequence[CountUnit],
    *,
    opening: int = OPENING_UNITS,
    closing: int = CLOSING_UNITS,
    min_share: float = FRAME_MIN_SHARE,
    min_speeches: int = FRAME_MIN_SPEECHES,
    share: float = FRAME_SHARE,
    lift: float = FRAME_LIFT,
) -> list[str]:
    """The vocabulary of the speeches' opening and closing formulas, found by document
    frequency, sorted.

    A speech's frame is its first ``opening`` and last ``closing`` units. A term is a
    formula term when it is in the frame of at least ``min_share`` of the speeches (and
    ``min_speeches``), in the frame of at least ``share`` of the speeches that use it at
    all, and its share of frame units is at least ``lift`` times its share of the other
    units: 政府工作报告, 审议, 请予, 大会 of "向大会报告政府工作，请予审议", not 九二共识
    of the report's closing sections, which the body uses too.
    """
    return _frame(unit_statistics(units, opening=opening, closing=closing), min_share=min_share,
                  min_speeches=min_speeches, share=share, lift=lift)


def _frame(statistics: UnitStatistics, *, min_share: float = FRAME_MIN_SHARE, min_speeches: int = FRAME_MIN_SPEECHES,
           share: float = FRAME_SHARE, lift: float = FRAME_LIFT) -> list[str]:
    """:func:`frame_terms` from the units' statistics."""
    framed, body = statistics.size("frame"), statistics.size("body")
    frame_units, body_units, used = statistics.frame_units, statistics.body_units, statistics.speech_frequency
    least = max(min_speeches, min_share * statistics.size("speeches"))
    return sorted(
        term for term, count in statistics.frame_speeches.items()
        if count >= least and count >= share * used[term]
        # Add-one in the body, so a term never used there is not infinitely likelier.
        and frame_units[term] / framed >= lift * (body_units[term] + 1) / max(body, 1)
    )


def boilerplate_vocabulary(units: Sequence[CountUnit], *,
                           min_speeches: int = BOILERPLATE_MIN_SPEECHES) -> dict[str, list[str]]:
    """The vocabulary a topic model of ``units`` leaves out, by reason.

    ``everywhere`` (:func:`everywhere_terms`) and ``frame`` (:func:`frame_terms`) when the
    units come from at least ``min_speeches`` speeches; ``single_document``
    (:func:`single_document_terms`) when they come from more than one.
    """
    return _boilerplate(unit_statistics(units), min_speeches)


def _boilerplate(statistics: UnitStatistics, min_speeches: int = BOILERPLATE_MIN_SPEECHES) -> dict[str, list[str]]:
    speeches = statistics.size("speeches")
    removed = {}
    if speeches >= min_speeches:
        removed["everywhere"] = _everywhere(statistics)
        removed["frame"] = _frame(statistics)
    if speeches > 1:
        removed["single_document"] = _single_document(statistics)
    return removed


def without_terms(units: Sequence[CountUnit], terms: Collection[str]) -> list[CountUnit]:
    """``units`` without the occurrences of ``terms`` (a stop list, boilerplate)."""
    drop = set(terms)
    if not drop:
        return list(units)
    return [replace(unit, counts={t: c for t, c in unit.counts.items() if t not in drop}) for unit in units]


def _model_matrix(counts, method: str, fitted_rows):
    """What ``method`` is fitted on: TF-IDF (its IDF from ``fitted_rows`` alone) for NMF,
    the counts for LDA."""
    return _weighting(counts, method, fitted_rows)(counts)


def _weighting(counts, method: str, fitted_rows) -> Callable:
    """The weighting of ``method`` learnt from the ``fitted_rows`` of ``counts``: a function
    of any rows' counts (row by row, so rows weighted apart are weighted alike)."""
    if method == "lda":
        return _as_float
    from sklearn.feature_extraction.text import TfidfTransformer

    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts[fitted_rows])
    return lambda rows: tfidf.transform(rows).tocsr()


def _as_float(counts):
    return counts.astype(float)


def held_out_rows(n: int, *, every: int = HELD_OUT_EVERY, least: int = MIN_HELD_OUT):
    """The held-out and fitted rows of ``n`` units: every ``every``-th unit is held out
    when that makes at least ``least`` units; else none is, and all are fitted."""
    import numpy as np

    rows = np.arange(n)
    held = rows[rows % every == every - 1]
    if len(held) < least:
        return rows[:0], rows
    return held, rows[rows % every != every - 1]


@dataclass(frozen=True)
class _Fit:
    """One candidate: the fitted model, the topic weights of the units it was fitted on,
    its topic-term weights and coherences."""

    method: str
    k: int
    model: Any
    doc_topic: Any
    components: Any
    coherence: float
    train_coherence: float


def _coherences(components, held_incidence, train_incidence, top_terms: int) -> tuple[float, float]:
    """The coherence of the topics on the held-out units (on the fitted ones when none is
    held out), and on the fitted units."""
    top = _top_indices(components, top_terms)
    train = round(npmi_coherence(train_incidence, top), DIGITS)
    held = round(npmi_coherence(held_incidence, top), DIGITS) if held_incidence.shape[0] else train
    return held, train


def _search(counts, candidates: Sequence[tuple[str, int]], fitted, held, seed: int, top_terms: int) -> list[_Fit]:
    """Fit every ``(method, k)`` candidate on the ``fitted`` rows and score it on the
    ``held`` rows (or on the fitted ones when none is held out)."""
    held_incidence, train_incidence = counts[held].tocsc(), counts[fitted].tocsc()
    fits = []
    for method in dict.fromkeys(m for m, _ in candidates):
        matrix = _model_matrix(counts, method, fitted)
        for k in (k for m, k in candidates if m == method):
            model, doc_topic = _fit(matrix[fitted], k, method, seed)
            components = _components(model)
            coherence, train = _coherences(components, held_incidence, train_incidence, top_terms)
            fits.append(_Fit(method, k, model, doc_topic, components, coherence, train))
    return fits


def _best(fits: Sequence[_Fit]) -> _Fit:
    """The most coherent fit; ties go to the smaller ``k``, then to the method listed first."""
    order = {method: i for i, method in enumerate(FITTED)}
    return max(fits, key=lambda f: (f.coherence, -f.k, -order[f.method]))


def _sample_rows(rows, limit: int):
    """At most ``limit`` evenly spread of ``rows`` (all of them when fewer)."""
    import numpy as np

    if len(rows) <= limit:
        return rows
    return rows[np.unique(np.linspace(0, len(rows) - 1, limit).round().astype(int))]


def _fit(matrix, k: int, method: str, seed: int):
    """A ``k``-topic model fitted on ``matrix``, and the topic weights of its rows."""
    if method == "nmf":
        from sklearn.decomposition import NMF

        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=2000)
    else:
        from sklearn.decomposition import LatentDirichletAllocation

        model = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch")
    return model, model.fit_transform(matrix)


def _shares(doc_topic, matrix):
    """Unit-topic shares: rows sum to 1, or are 0 for a unit without a term of the
    vocabulary (LDA would spread it evenly over the topics)."""
    import numpy as np

    doc_topic = doc_topic.copy()
    doc_topic[np.asarray(matrix.sum(axis=1)).ravel() == 0] = 0
    sums = doc_topic.sum(axis=1, keepdims=True)
    return np.divide(doc_topic, sums, out=np.zeros_like(doc_topic), where=sums > 0)


def _components(model):
    """Topic-term weights, each topic's summing to 1."""
    import numpy as np

    components = model.components_
    return components / np.maximum(components.sum(axis=1, keepdims=True), 1e-12)


def _top_indices(components, top: int) -> list[list[int]]:
    import numpy as np

    # A stable sort on the negated weights keeps ties in vocabulary (term) order.
    return [[int(j) for j in np.argsort(-row, kind="stable")[:top] if row[j] > 0] for row in components]


def npmi_coherence(incidence, topics: Sequence[Sequence[int]]) -> float:
    """Mean NPMI of the term pairs of each topic, averaged over topics.

    Parameters
    ----------
    incidence : scipy.sparse matrix
        Units × terms, nonzero where the unit contains the term.
    topics : sequence of sequences of int
        The top term indices of each topic.
    """
    n = incidence.shape[0]
    scores = []
    for top in topics:
        if len(top) < 2:
            continue
        sub = (incidence[:, top] > 0).astype(float)
        joint = (sub.T @ sub).toarray()
        pairs = []
        for a in range(len(top)):
            for b in range(a + 1, len(top)):
                p_ab = joint[a, b] / n
                if p_ab == 0:
                    pairs.append(-1.0)
                elif p_ab == 1:
                    pairs.append(1.0)
                else:
                    p_a, p_b = joint[a, a] / n, joint[b, b] / n
                    pairs.append(math.log(p_ab / (p_a * p_b)) / -math.log(p_ab))
        scores.append(sum(pairs) / len(pairs))
    return sum(scores) / len(scores) if scores else -1.0


def _check(method: str, unit: str) -> None:
    if method not in METHODS:
        raise SpeechkitError(f"unknown topic method {method!r}: choose one of {', '.join(METHODS)}")
    if unit not in ("paragraph", "section"):
        raise SpeechkitError(f"topic units must be paragraph or section, not {unit!r}")


def topic_model(
    results: Results,
    *,
    k: int | None = None,
    method: str = "auto",
    unit: str = "paragraph",
    top_terms: int = 10,
    k_range: Sequence[int] = CORPUS_TOPIC_K,
    seed: int = 0,
    min_df: int | float = 2,
    max_df: float = 0.9,
    remove: Collection[str] | None = None,
    boilerplate: bool = True,
    model_units: int = MODEL_UNITS,
) -> TopicModel:
    """The topic model of a corpus (``graphs/topics_model.json`` of ``analyze``) over the
    paragraphs or outline sections of the speeches, from their results (no text is read).

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    k : int, optional
        Number of topics; default: the best of ``k_range`` by coherence.
    method : {"auto", "nmf", "lda"}
        ``auto``: both, the more coherent kept.
    unit : {"paragraph", "section"}
        The documents of the model.
    top_terms : int
        Terms listed per topic (and used for coherence).
    k_range : sequence of int
        Candidate numbers of topics when ``k`` is None (default :data:`CORPUS_TOPIC_K`).
    seed : int
        Random state of the model.
    min_df, max_df : int or float
        Vocabulary limits over the units, as in scikit-learn's vectorizers.
    remove : collection of str, optional
        Terms left out of the vocabulary; default: the bundled officialese function words
        (``()`` keeps them).
    boilerplate : bool
        Leave out :func:`boilerplate_vocabulary` too.
    model_units : int
        The units the model is fitted on at most: every unit of a corpus that has no more,
        else a sample of this many, stratified by year
        (:func:`~speechkit.analysis.topic_units.stratified_sample`); every unit's shares then
        come from the model, this many units at a time. The memory of the fit is bounded by
        it, whatever the size of the corpus.

    Returns
    -------
    TopicModel
    """
    from .officialese import load_officialese

    _check(method, unit)
    statistics = UnitStatistics(unit_tally(results, unit))
    sizes = [statistics.units_of(speech.id) for speech in results.corpus]
    return _fitted_model(result_blocks(results, unit), statistics,
                         stratified_sample(sizes, [speech.year for speech in results.corpus], limit=model_units),
                         k=k, method=method, unit=unit, top_terms=top_terms, k_range=k_range, seed=seed, min_df=min_df,
                         max_df=max_df, fit_units=FIT_UNITS, search_units=SEARCH_UNITS, model_units=model_units,
                         boilerplate=boilerplate, remove=load_officialese() if remove is None else remove)


def topic_model_from_units(
    units: Sequence[CountUnit],
    *,
    k: int | None = None,
    method: str = "auto",
    unit: str = "paragraph",
    top_terms: int = 10,
    k_range: Sequence[int] = range(3, 13),
    seed: int = 0,
    min_df: int | float = 2,
    max_df: float = 0.9,
    fit_units: int = FIT_UNITS,
    search_units: int = SEARCH_UNITS,
    model_units: int = MODEL_UNITS,
    remove: Collection[str] = (),
    boilerplate: bool = True,
) -> TopicModel:
    """Fit a topic model over count units (a speech's, say; :func:`topic_model` describes
    the parameters). A speech's units are consecutive in ``units``.
    """
    _check(method, unit)
    blocks = count_unit_blocks(units)
    statistics = UnitStatistics(blocks_tally(blocks))
    sample = stratified_sample([len(block.units) for block in blocks], [None] * len(blocks), limit=model_units)
    return _fitted_model(blocks, statistics, sample, k=k, method=method, unit=unit, top_terms=top_terms,
                         k_range=k_range, seed=seed, min_df=min_df, max_df=max_df, fit_units=fit_units,
                         search_units=search_units, model_units=model_units, remove=remove, boilerplate=boilerplate)


def _fitted_model(blocks: Iterable[UnitBlock], statistics: UnitStatistics, sample: np.ndarray, *,
                  k: int | None, method: str, unit: str, top_terms: int, k_range: Sequence[int], seed: int,
                  min_df: int | float, max_df: int | float, fit_units: int, search_units: int, model_units: int,
                  remove: Collection[str], boilerplate: bool) -> TopicModel:
    """The step every model shares, from its units' ``statistics`` and the units of
    ``blocks``, read once.

    The vocabulary comes from the statistics of every unit. The model is fitted on the
    ``sample`` units (positions; all of them unless there are more than ``model_units``):
    its candidates on those not held out (:func:`held_out_rows`), on an even sample of at
    most ``search_units`` of them when there are several (else ``fit_units``); the most
    coherent on the held-out units is the model, and every unit's shares come from it,
    ``model_units`` at a time: time and memory stay bounded on large corpora. Where the model
    is fitted on a sample, every unit's counts are kept in a temporary file from the one
    reading of the blocks until their shares are taken (:func:`_sample_and_spill`).
    """
    import tempfile

    n = statistics.units
    if n < 3:
        raise SpeechkitError(f"topic model: only {n} {unit}(s) with content terms; need at least 3")
    removed = _boilerplate(statistics) if boilerplate else {}
    if remove:
        removed["given"] = sorted(set(remove))
    vocabulary = unit_vocabulary(statistics, {t for terms in removed.values() for t in terms}, min_df=min_df,
                                 max_df=max_df)
    if k is not None:
        if not 1 <= k < n:
            raise SpeechkitError(f"topic model: k must be between 1 and {n - 1} for {n} units")
        ks = [k]
    else:
        ks = sorted({c for c in k_range if 2 <= c < n}) or [min(2, n - 1)]
    methods = FITTED if method == "auto" else (method,)
    candidates = [(m, c) for m in methods for c in ks]
    sampled = len(sample) < n
    with tempfile.TemporaryFile() as spill:
        if sampled:
            counts = _sample_and_spill(blocks, vocabulary, sample, model_units, spill)
        else:
            counts, layout = read_units(blocks, vocabulary)
        held, fitted = held_out_rows(counts.shape[0])
        search = _sample_rows(fitted, search_units) if len(candidates) > 1 else _sample_rows(fitted, fit_units)
        with one_thread():
            fits = _search(counts, candidates, search, held, seed, top_terms)
            best = _best(fits)
            if sampled:
                shares, layout = _shares_by_chunk(_spilled(spill), _weighting(counts, best.method, search), best.model)
            else:
                shares = _all_shares(counts, best, search)
    selection = {
        "measure": COHERENCE_MEASURE,
        "top_terms": top_terms,
        "held_out_units": len(held),
        "fitted_units": len(search),
        "scores": {m: {str(f.k): f.coherence for f in fits if f.method == m} for m in methods},
        "train_scores": {m: {str(f.k): f.train_coherence for f in fits if f.method == m} for m in methods},
        "train_coherence": best.train_coherence,
    }
    if sampled:
        selection["sampled_units"] = len(sample)
    return TopicModel(
        method=best.method,
        k=best.k,
        unit=unit,
        coherence=best.coherence,
        coherence_by_k={f.k: f.coherence for f in fits if f.method == best.method},
        topics=_topics(best.components, shares, vocabulary, top_terms, layout),
        units=UnitTopics(layout, shares),
        components=best.components,
        vocabulary=vocabulary,
        selection=selection,
        removed=removed,
    )


def _all_shares(counts, best: _Fit, fitted):
    """The shares of every unit under the model kept, which was fitted on the ``fitted``
    rows (the units' matrix as the fit saw it, transformed, unless those were all)."""
    matrix = _model_matrix(counts, best.method, fitted)
    doc_topic = best.doc_topic if len(fitted) == matrix.shape[0] else best.model.transform(matrix)
    return _shares(doc_topic, matrix)


def _sample_and_spill(blocks: Iterable[UnitBlock], vocabulary: Sequence[str], sample: np.ndarray, size: int,
                      spill: IO[bytes]) -> csr_matrix:
    """The counts of the ``sample`` units (ascending positions) over ``vocabulary``, from one
    reading of ``blocks`` in runs of at least ``size`` units, each run's counts and layout
    written to ``spill`` as it is read (:func:`_spilled` gives them back): the shares of
    every unit are then taken from the file, not from a second reading of the results."""
    import pickle

    import numpy as np
    from scipy.sparse import vstack

    parts, offset = [], 0
    for run in chunks_of_units(blocks, size):
        counts, layout = read_units(run, vocabulary)
        pickle.dump((counts, layout), spill, protocol=pickle.HIGHEST_PROTOCOL)
        lo, hi = np.searchsorted(sample, [offset, offset + counts.shape[0]])
        parts.append(counts[sample[lo:hi] - offset])
        offset += counts.shape[0]
    return vstack(parts, format="csr")


def _spilled(spill: IO[bytes]) -> Iterator[tuple[csr_matrix, UnitLayout]]:
    """The runs :func:`_sample_and_spill` wrote to ``spill``, in order."""
    import pickle

    spill.seek(0)
    while True:
        try:
            yield pickle.load(spill)
        except EOFError:
            return


def _shares_by_chunk(runs: Iterable[tuple[csr_matrix, UnitLayout]], weighting: Callable, model
                     ) -> tuple[np.ndarray, UnitLayout]:
    """The shares of every unit of ``runs`` (counts and layout of consecutive units) under
    ``model`` (their counts weighted as the fit's were), a run at a time, and where the units are."""
    import numpy as np

    shares, layouts = [], []
    for counts, layout in runs:
        matrix = weighting(counts)
        shares.append(_shares(model.transform(matrix), matrix))
        layouts.append(layout)
    return np.vstack(shares), UnitLayout.joined(layouts)


def frex_scores(components, *, weight: float = FREX_WEIGHT):
    """FREX of every topic and term: the weighted harmonic mean of the term's rank
    (empirical CDF within the topic) by frequency (its weight in the topic) and by
    exclusivity (its weight in the topic over its weights in all topics).

    Parameters
    ----------
    components : numpy.ndarray
        Topics × terms, rows summing to 1.
    weight : float
        The weight of exclusivity (1 - weight: of frequency).
    """
    import numpy as np
    from scipy.stats import rankdata

    exclusivity = components / np.maximum(components.sum(axis=0, keepdims=True), 1e-12)
    n = components.shape[1]
    frequency_rank = rankdata(components, axis=1) / n
    exclusivity_rank = rankdata(exclusivity, axis=1) / n
    return 1.0 / (weight / exclusivity_rank + (1 - weight) / frequency_rank)


def _top_speeches(shares, layout: UnitLayout) -> list[tuple[str, float]]:
    """Per topic: the speech giving the largest share of its weight, and that share."""
    import numpy as np

    by_speech = np.zeros((len(layout.names), shares.shape[1]))
    np.add.at(by_speech, layout.speech, shares)
    totals = np.maximum(by_speech.sum(axis=0), 1e-12)
    best = by_speech.argmax(axis=0)
    return [(layout.names[best[t]], float(by_speech[best[t], t] / totals[t])) for t in range(shares.shape[1])]


def _topics(components, shares, vocabulary, top_terms: int, layout: UnitLayout) -> list[dict[str, Any]]:
    import numpy as np

    # Units whose terms all fell outside the vocabulary have no shares: leave them out.
    placed = int((shares.sum(axis=1) > 0).sum())
    totals = shares.sum(axis=0) / max(placed, 1)
    frex = frex_scores(components)
    dominant = _top_speeches(shares, layout)
    topics = []
    for i, top in enumerate(_top_indices(components, top_terms)):
        terms = [{"term": vocabulary[j], "weight": round(float(components[i, j]), DIGITS)} for j in top]
        exclusive = [vocabulary[j] for j in np.argsort(-frex[i], kind="stable")[:top_terms]]
        speech, share = dominant[i]
        topics.append(
            {
                "topic": i,
                "label": "·".join(exclusive[:3]),
                "share": round(float(totals[i]), DIGITS),
                "terms": terms,
                "frex": exclusive,
                "top_speech": speech,
                "top_speech_share": round(share, DIGITS),
                "one_document": share > ONE_DOCUMENT_SHARE,
            }
        )
    return topics


class UnitTopics(Sequence):
    """The units of a model with their topic shares, held as arrays (a corpus has hundreds
    of thousands of units); each unit reads as a dict ``{"speech", "index", "section",
    "start", "end", "main_topic", "shares"}`` (see :attr:`TopicModel.units`).

    Parameters
    ----------
    layout : UnitLayout
        Where the units are.
    shares : numpy.ndarray
        Units × topics.
    """

    def __init__(self, layout: UnitLayout, shares: np.ndarray) -> None:
        self.layout = layout
        self.shares = shares

    def __len__(self) -> int:
        return len(self.layout)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return next(self._rows(range(len(self))[index], 1))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._rows(0, len(self))

    def frame(self) -> pd.DataFrame:
        """One row per unit: ``speech, index, section, start, end, main_topic`` and a
        ``topic_<n>`` column of each topic's shares (as :meth:`TopicModel.unit_frame`),
        built a column at a time, with the values of the units' dicts.

        Returns
        -------
        pandas.DataFrame
        """
        import numpy as np
        import pandas as pd

        layout = self.layout
        placed = (self.shares.sum(axis=1) > 0).tolist()
        columns = {
            "speech": [layout.names[s] for s in layout.speech.tolist()],
            "index": layout.index.astype(np.int64),
            "section": list(layout.sections),
            "start": layout.start.astype(np.int64),
            "end": layout.end.astype(np.int64),
            "main_topic": [int(t) if p else None for t, p in zip(self.shares.argmax(axis=1).tolist(), placed)],
        }
        for i in range(self.shares.shape[1]):
            columns[f"topic_{i}"] = np.array([round(v, DIGITS) for v in self.shares[:, i].tolist()], dtype=float)
        return pd.DataFrame(columns)

    def __repr__(self) -> str:
        return f"UnitTopics({len(self)} units, {self.shares.shape[1]} topics)"

    def _rows(self, start: int, count: int) -> Iterator[dict[str, Any]]:
        layout = self.layout
        stop = start + count
        for speech, index, section, begin, end, row in zip(
            layout.speech[start:stop].tolist(), layout.index[start:stop].tolist(), layout.sections[start:stop],
            layout.start[start:stop].tolist(), layout.end[start:stop].tolist(), self.shares[start:stop],
        ):
            yield {
                "speech": layout.names[speech],
                "index": index,
                "section": section,
                "start": begin,
                "end": end,
                "main_topic": int(row.argmax()) if row.sum() > 0 else None,
                "shares": [round(float(v), DIGITS) for v in row],
            }


def topics_by_speech(model: TopicModel) -> pd.DataFrame:
    """Speech × topic proportions: the mean shares of each speech's units that have a
    topic (rows sum to 1); columns ``speech`` and ``topic_<n>``, speeches in model order."""
    frame = model.unit_frame()
    frame = frame[frame["main_topic"].notna()]
    columns = [f"topic_{i}" for i in range(model.k)]
    means = frame.groupby("speech", sort=False)[columns].mean()
    means = means.div(means.sum(axis=1), axis=0).round(DIGITS)
    return means.reset_index()


def topic_prevalence(by_speech: pd.DataFrame, groups: Mapping[str, Any], column: str,
                     order=None) -> pd.DataFrame:
    """Group × topic proportions: the mean proportions of each group's speeches (each
    speech counts once, whatever its length; rows sum to 1).

    Parameters
    ----------
    by_speech : pandas.DataFrame
        :func:`topics_by_speech`.
    groups : mapping of str to value
        The group (a year, a kind …) of each speech; a speech without one is left out.
    column : str
        The name of the group column.
    order : callable, optional
        Sort key of the groups (default: their natural order).
    """
    topics = [c for c in by_speech.columns if c.startswith("topic_")]
    frame = by_speech.assign(**{column: by_speech["speech"].map(groups)}).dropna(subset=[column])
    means = frame.groupby(column, sort=False)[topics].mean()
    means = means.loc[sorted(means.index, key=order)] if order else means.sort_index()
    return means.div(means.sum(axis=1), axis=0).round(DIGITS).reset_index()


def topic_tables(results: Results, *, model: TopicModel | None = None, by: str | None = None,
                 pool: bool = False) -> dict[str, pd.DataFrame]:
    """The topic tables of ``analyze`` by name.

    ``topics`` (labels, terms, the one-document flag), ``topics_by_speech``,
    ``topics_by_year`` (each speech counts once; speeches without a year left out) and,
    when the grouping of ``by`` and ``pool`` splits the corpus, ``topics_by_<column>`` and a
    ``topics_by_year`` of a row per group and year (the group in the first column).

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    model : TopicModel, optional
        The model of these results; default: :func:`topic_model` of them.
    by : str, optional
        The grouping column (``analyze --group-by``).
    pool : bool
        Keep a corpus that mixes kinds of document pooled (``analyze --pool``).

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    import pandas as pd

    from ..corpus import group_key, group_order
    from .grouping import resolve_grouping

    model = topic_model(results) if model is None else model
    grouping = resolve_grouping(results.corpus, by, pool=pool)
    by_speech = topics_by_speech(model)
    years = {s.id: group_key(s, "year") for s in results.corpus}
    tables = {"topics": model.label_frame(), "topics_by_speech": by_speech}
    if grouping.by is None:
        tables["topics_by_year"] = topic_prevalence(by_speech, years, "year", group_order)
        return tables
    labels = {results.corpus[position].id: label for label, positions in grouping.groups.items() for position in positions}
    order = list(grouping.groups)
    tables[f"topics_by_{grouping.by}"] = topic_prevalence(by_speech, labels, grouping.by, order.index)
    per_group = []
    for label in order:
        frame = topic_prevalence(by_speech[by_speech["speech"].map(labels) == label], years, "year", group_order)
        frame.insert(0, grouping.by, label)
        per_group.append(frame)
    tables["topics_by_year"] = pd.concat(per_group, ignore_index=True)
    return tables


@one_thread()
def topic_graph(model: TopicModel, *, min_similarity: float = 0.05, documents: str | None = None, seed: int = 0) -> nx.Graph:
    """The topic graph of a fitted model.

    Parameters
    ----------
    model : TopicModel
    min_similarity : float
        Link two topics when the cosine similarity of their term weights reaches it.
    documents : {"section", "speech", "none"}, optional
        What to link to its main topic: outline sections (default for a model of one
        speech) or whole speeches (default for a corpus, where a hundred section
        headings would bury the topics).
    seed : int
        Seed of the centrality computations' community step (topics colour nodes).

    Returns
    -------
    networkx.Graph
        Nodes have a ``kind``: ``topic`` (``topic:<n>``, weight = share of the units),
        ``term`` (``term:<text>``, weight = its largest weight in a topic),
        ``section`` (``section:<speech>:<heading>``) or ``speech`` (``speech:<id>``),
        weight = share of its main topic. Edges (``kind``): ``term`` (weight = the
        term's weight in the topic), ``similarity`` (weight = cosine similarity),
        ``section``/``speech`` (weight = share of the main topic). Every node also has
        ``community`` (its topic), ``degree``, ``betweenness`` and ``pagerank``.
    """
    import networkx as nx
    import numpy as np

    from .graphs import annotate

    graph = nx.Graph(kind="topic", method=model.method, unit=model.unit, k=model.k)
    for topic in model.topics:
        graph.add_node(f"topic:{topic['topic']}", kind="topic", label=topic["label"], weight=topic["share"], community=topic["topic"])
    _add_terms(graph, model)
    norms = np.linalg.norm(model.components, axis=1)
    for i in range(model.k):
        for j in range(i + 1, model.k):
            similarity = float(model.components[i] @ model.components[j] / max(norms[i] * norms[j], 1e-12))
            if similarity >= min_similarity:
                graph.add_edge(f"topic:{i}", f"topic:{j}", kind="similarity", weight=round(similarity, DIGITS))
    if documents is None:
        documents = "section" if len({u["speech"] for u in model.units}) == 1 else "speech"
    if documents not in ("section", "speech", "none"):
        raise SpeechkitError(f"topic graph: documents must be section, speech or none, not {documents!r}")
    if documents != "none":
        _add_documents(graph, model, documents)
    communities = {node: data["community"] for node, data in graph.nodes(data=True)}
    annotate(graph, seed)
    # Colour by topic, not by Louvain: a topic graph's groups are its topics.
    nx.set_node_attributes(graph, communities, "community")
    return graph


def _add_terms(graph, model: TopicModel) -> None:
    best: dict[str, tuple[float, int]] = {}
    edges = []
    for topic in model.topics:
        for term in topic["terms"]:
            edges.append((f"topic:{topic['topic']}", f"term:{term['term']}", term["weight"]))
            if term["term"] not in best or term["weight"] > best[term["term"]][0]:
                best[term["term"]] = (term["weight"], topic["topic"])
    for term, (weight, topic) in best.items():
        graph.add_node(f"term:{term}", kind="term", label=term, weight=weight, community=topic)
    for a, b, weight in edges:
        graph.add_edge(a, b, kind="term", weight=weight)


def _add_documents(graph, model: TopicModel, documents: str) -> None:
    """Link each section (or speech) to the topic with the largest summed share."""
    import numpy as np

    totals: dict[tuple[str, str], Any] = {}
    for unit in model.units:
        if unit["main_topic"] is None or (documents == "section" and unit["section"] is None):
            continue
        key = (unit["speech"], unit["section"] if documents == "section" else unit["speech"])
        totals[key] = totals.get(key, 0) + np.asarray(unit["shares"])
    for (speech, label), total in totals.items():
        topic = int(np.argmax(total))
        share = round(float(total[topic] / total.sum()), DIGITS)
        node = f"section:{speech}:{label}" if documents == "section" else f"speech:{speech}"
        graph.add_node(node, kind=documents, label=label, speech=speech, weight=share, community=topic)
        graph.add_edge(node, f"topic:{topic}", kind=documents, weight=share)
