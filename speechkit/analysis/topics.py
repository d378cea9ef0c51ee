"""Topic models (scikit-learn) over paragraphs or outline sections, and topic graphs.

NMF on TF-IDF is the default (fast, and stable on short official texts); LDA on term
counts is the alternative. Both are seeded. When the number of topics is not given,
each ``k`` of a range is fitted and the one with the best coherence kept: the mean
NPMI of each topic's top terms, counted over the same units (ties go to the smaller
``k``).

The topic graph links each topic to its top terms, topics to each other by the
cosine similarity of their term weights, and every outline section to its main topic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import SpeechkitError
from ..threads import one_thread
from .terms import DEFAULT_POS, TermUnit, corpus_units

if TYPE_CHECKING:
    from ..result import SpeechResult

METHODS = ("nmf", "lda")
DIGITS = 6
# Units a model is fitted on at most (an evenly spread sample beyond): NMF's cost grows
# with the units, its topics hardly change past a few thousand paragraphs.
FIT_UNITS = 4000
# Units each candidate k is fitted on while k is chosen (an evenly spread sample beyond):
# ten candidate fits on a smaller sample, then one fit of the chosen k on FIT_UNITS.
SEARCH_UNITS = 1500


@dataclass
class TopicModel:
    """A fitted topic model and its results.

    Attributes
    ----------
    method : str
        ``nmf`` or ``lda``.
    k : int
        Number of topics.
    unit : str
        ``paragraph`` or ``section``: what a document of the model is.
    coherence : float
        Mean NPMI of the topics' top terms.
    coherence_by_k : dict of int to float
        The coherence of every ``k`` tried (only ``k`` when it was given).
    topics : list of dict
        ``{"topic", "label", "share", "terms": [{"term", "weight"}]}``; ``weight`` is
        the term's share of the topic, ``share`` the topic's share of the units.
    units : list of dict
        ``{"speech", "index", "section", "start", "end", "main_topic", "shares"}``;
        a unit none of whose terms is in the vocabulary (``min_df``/``max_df``) has
        all shares 0 and ``main_topic`` None.
    components : numpy.ndarray
        Topic-term weights (rows normalised to sum 1), aligned with ``vocabulary``.
    vocabulary : list of str
    """

    method: str
    k: int
    unit: str
    coherence: float
    coherence_by_k: dict[int, float]
    topics: list[dict[str, Any]]
    units: list[dict[str, Any]]
    components: Any = field(repr=False)
    vocabulary: list[str] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready results (without the full topic-term matrix)."""
        return {
            "method": self.method,
            "k": self.k,
            "unit": self.unit,
            "coherence": self.coherence,
            "coherence_by_k": {str(k): v for k, v in self.coherence_by_k.items()},
            "topics": self.topics,
            "units": self.units,
        }

    def topic_frame(self):
        """One row per topic and top term: ``topic, label, rank, term, weight``."""
        import pandas as pd

        rows = [
            {"topic": t["topic"], "label": t["label"], "rank": r, "term": term["term"], "weight": term["weight"]}
            for t in self.topics
            for r, term in enumerate(t["terms"], 1)
        ]
        return pd.DataFrame(rows, columns=["topic", "label", "rank", "term", "weight"])

    def unit_frame(self):
        """One row per unit with its main topic and one ``topic_<n>`` share column per topic."""
        import pandas as pd

        rows = [
            {
                **{key: u[key] for key in ("speech", "index", "section", "start", "end", "main_topic")},
                **{f"topic_{i}": share for i, share in enumerate(u["shares"])},
            }
            for u in self.units
        ]
        columns = ["speech", "index", "section", "start", "end", "main_topic"] + [f"topic_{i}" for i in range(self.k)]
        return pd.DataFrame(rows, columns=columns)


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


def _count_unit(unit: TermUnit) -> CountUnit:
    counts: dict[str, int] = {}
    for word in unit.words:
        counts[word] = counts.get(word, 0) + 1
    return CountUnit(unit.speech, unit.index, unit.start, unit.end, unit.section, counts)


def _matrix(units: Sequence[CountUnit], method: str, min_df, max_df):
    """The units × terms matrix (TF-IDF for NMF, counts for LDA) over the terms whose
    document frequency passes ``min_df``/``max_df`` (as scikit-learn's vectorizers)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfTransformer

    vocabulary = sorted({term for unit in units for term in unit.counts})
    index = {term: i for i, term in enumerate(vocabulary)}
    indptr, indices, data = [0], [], []
    for unit in units:
        for term, count in sorted(unit.counts.items()):
            indices.append(index[term])
            data.append(count)
        indptr.append(len(indices))
    counts = csr_matrix((np.array(data, dtype=np.int64), indices, indptr), shape=(len(units), len(vocabulary)))
    n = len(units)
    df = np.bincount(counts.indices, minlength=len(vocabulary))
    low = min_df if isinstance(min_df, int) else min_df * n
    high = max_df if isinstance(max_df, int) else max_df * n
    keep = np.flatnonzero((df >= low) & (df <= high))
    if not len(keep):
        raise SpeechkitError("topic model: too few terms left after min_df/max_df; use larger units or more text")
    counts = counts[:, keep]
    matrix = TfidfTransformer(sublinear_tf=True).fit_transform(counts) if method == "nmf" else counts.astype(float)
    return matrix.tocsr(), [vocabulary[j] for j in keep]


def _best_fit(matrix, candidates: Sequence[int], method: str, seed: int, top_terms: int):
    """Fit every candidate ``k``; keep the most coherent (ties: the smaller ``k``)."""
    incidence = matrix.tocsc()
    best = None
    coherence_by_k: dict[int, float] = {}
    for candidate in candidates:
        shares, components = _fit(matrix, candidate, method, seed)
        coherence = round(npmi_coherence(incidence, _top_indices(components, top_terms)), DIGITS)
        coherence_by_k[candidate] = coherence
        if best is None or coherence > best[0]:
            best = (coherence, candidate, shares, components)
    coherence, k, shares, components = best
    return coherence, k, coherence_by_k, shares, components


def _sample_rows(n: int, limit: int):
    """At most ``limit`` evenly spread row indices of ``n`` (all rows when fewer)."""
    import numpy as np

    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(int))


def _fit(matrix, k: int, method: str, seed: int, everything=None):
    """Unit-topic shares (rows sum to 1, or 0 for an empty unit) and topic-term weights.

    The model is fitted on ``matrix``; the shares are those of ``everything`` (all units,
    when the fit saw a sample) or of ``matrix``.
    """
    import numpy as np

    if method == "nmf":
        from sklearn.decomposition import NMF

        model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=2000)
        doc_topic = model.fit_transform(matrix)
    else:
        from sklearn.decomposition import LatentDirichletAllocation

        model = LatentDirichletAllocation(n_components=k, random_state=seed, learning_method="batch")
        doc_topic = model.fit_transform(matrix)
    if everything is not None:
        doc_topic = model.transform(everything)
    sums = doc_topic.sum(axis=1, keepdims=True)
    shares = np.divide(doc_topic, sums, out=np.zeros_like(doc_topic), where=sums > 0)
    components = model.components_
    components = components / np.maximum(components.sum(axis=1, keepdims=True), 1e-12)
    return shares, components


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
    speeches,
    k: int | None = None,
    method: str = "nmf",
    unit: str = "paragraph",
    top_terms: int = 10,
    k_range: Sequence[int] = range(3, 13),
    seed: int = 0,
    min_df: int | float = 2,
    max_df: float = 0.9,
    pos: Sequence[str] | None = DEFAULT_POS,
    tokenizer=None,
) -> TopicModel:
    """Fit a topic model over the paragraphs or outline sections of speeches.

    Parameters
    ----------
    speeches : Speech, Corpus or sequence of Speech
    k : int, optional
        Number of topics; default: the best of ``k_range`` by coherence.
    method : {"nmf", "lda"}
    unit : {"paragraph", "section"}
        The documents of the model.
    top_terms : int
        Terms listed per topic (and used for coherence).
    k_range : sequence of int
        Candidate numbers of topics when ``k`` is None.
    seed : int
        Random state of the model.
    min_df, max_df : int or float
        Vocabulary limits, as in scikit-learn's vectorizers.
    pos, tokenizer
        Which content terms are counted (see :mod:`speechkit.analysis.terms`).

    Returns
    -------
    TopicModel
    """
    _check(method, unit)
    units = [_count_unit(u) for u in corpus_units(speeches, unit, pos, tokenizer, with_sections=True)]
    return topic_model_from_units(units, k, method, unit, top_terms, k_range, seed, min_df, max_df)


def topic_model_from_units(
    units: Sequence[CountUnit],
    k: int | None = None,
    method: str = "nmf",
    unit: str = "paragraph",
    top_terms: int = 10,
    k_range: Sequence[int] = range(3, 13),
    seed: int = 0,
    min_df: int | float = 2,
    max_df: float = 0.9,
    fit_units: int = FIT_UNITS,
    search_units: int = SEARCH_UNITS,
) -> TopicModel:
    """Fit a topic model over count units (see :func:`topic_model` for the parameters).

    On more than ``fit_units`` units, the model is fitted on an evenly spread sample of
    that many units, and every unit's shares come from the fitted model; with several
    candidate ``k``, each is tried on an even sample of at most ``search_units`` units
    and the most coherent is fitted as above: the cost stays bounded on large corpora.
    """
    _check(method, unit)
    if len(units) < 3:
        raise SpeechkitError(f"topic model: only {len(units)} {unit}(s) with content terms; need at least 3")
    matrix, vocabulary = _matrix(units, method, min_df, max_df)
    if k is not None:
        if not 1 <= k < len(units):
            raise SpeechkitError(f"topic model: k must be between 1 and {len(units) - 1} for {len(units)} units")
        candidates = [k]
    else:
        candidates = sorted({c for c in k_range if 2 <= c < len(units)}) or [min(2, len(units) - 1)]
    rows = _sample_rows(len(units), fit_units)
    sample = matrix[rows] if len(rows) < len(units) else matrix
    search = _sample_rows(len(units), search_units) if len(candidates) > 1 else rows
    with one_thread():
        coherence, k, coherence_by_k, shares, components = _best_fit(matrix[search], candidates, method, seed, top_terms)
        if len(search) < len(units):
            shares, components = _fit(sample, k, method, seed, matrix)
    return TopicModel(
        method=method,
        k=k,
        unit=unit,
        coherence=coherence,
        coherence_by_k=coherence_by_k,
        topics=_topics(components, shares, vocabulary, top_terms),
        units=_unit_rows(units, shares),
        components=components,
        vocabulary=vocabulary,
    )


def _topics(components, shares, vocabulary, top_terms: int) -> list[dict[str, Any]]:
    # Units whose terms all fell outside the vocabulary have no shares: leave them out.
    placed = int((shares.sum(axis=1) > 0).sum())
    totals = shares.sum(axis=0) / max(placed, 1)
    topics = []
    for i, top in enumerate(_top_indices(components, top_terms)):
        terms = [{"term": vocabulary[j], "weight": round(float(components[i, j]), DIGITS)} for j in top]
        topics.append(
            {
                "topic": i,
                "label": "·".join(t["term"] for t in terms[:3]),
                "share": round(float(totals[i]), DIGITS),
                "terms": terms,
            }
        )
    return topics


def _unit_rows(units: Sequence[CountUnit], shares) -> list[dict[str, Any]]:
    rows = []
    for unit, row in zip(units, shares):
        rows.append(
            {
                "speech": unit.speech,
                "index": unit.index,
                "section": unit.section,
                "start": unit.start,
                "end": unit.end,
                "main_topic": int(row.argmax()) if row.sum() > 0 else None,
                "shares": [round(float(v), DIGITS) for v in row],
            }
        )
    return rows


@one_thread()
def topic_graph(model: TopicModel, min_similarity: float = 0.05, documents: str | None = None, seed: int = 0):
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
