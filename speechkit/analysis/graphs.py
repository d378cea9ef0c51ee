"""Co-occurrence graphs of content terms (networkx), as KH Coder draws them.

Built from the speeches' results (:class:`~speechkit.results.Results`; one speech's
from its :class:`~speechkit.result.SpeechResult`): the corpus graph's nodes are the terms
that best set the years apart (:func:`cooccurrence_graph`), a speech's its most frequent
content terms. Two terms are linked when they occur in the same context unit (sentence,
paragraph or top-level section). An edge carries ``weight``, the number of units the two
share, and the association measure (``npmi``, ``jaccard``, ``dice``, ``cosine`` or
``pmi``) under its own name. Pruning keeps
edges shared by at least ``min_count`` units and, of those, the ``max_edges`` most
strongly associated; terms left without an edge are dropped.

Every node gets ``frequency``, ``tfidf``, ``degree``, ``betweenness``, ``pagerank`` and
``community`` (Louvain, seeded). PageRank and Louvain use ``weight``, as Gephi does;
betweenness counts hops. The graph is built in a fixed order, so the same input and
options give the same graph, attribute for attribute.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from .cooccurrence import MEASURES, association, unit_cooccurrence

if TYPE_CHECKING:
    import networkx as nx

    from ..result import SpeechResult
    from ..results import Results

DIGITS = 6
# Node candidates of the corpus graph.
CORPUS_GRAPH_NODES = 80
# Betweenness is exact up to this many nodes, beyond it estimated from this many sources.
EXACT_BETWEENNESS_UP_TO = 500


def _top_terms(frequency: dict[str, int], top_n: int | None) -> list[str]:
    ranked = sorted(frequency, key=lambda t: (-frequency[t], t))
    return ranked if top_n is None else ranked[:top_n]


def annotate(graph: nx.Graph, seed: int = 0, weight: str = "weight") -> None:
    """Add ``degree``, ``betweenness``, ``pagerank`` and ``community`` to every node.

    Communities are Louvain's (seeded), numbered from the largest; ties are ordered
    by the community's first node in graph order. Betweenness is exact up to
    :data:`EXACT_BETWEENNESS_UP_TO` nodes; beyond, it is estimated from that many source
    nodes drawn with ``seed`` (Brandes' sampling, as networkx's ``k``), and the graph's
    ``betweenness`` attribute says so.
    """
    import networkx as nx

    if not graph.number_of_nodes():
        return
    order = {node: i for i, node in enumerate(graph.nodes)}
    pagerank = nx.pagerank(graph, weight=weight) if graph.number_of_edges() else dict.fromkeys(graph, 1 / len(graph))
    sample = EXACT_BETWEENNESS_UP_TO if len(graph) > EXACT_BETWEENNESS_UP_TO else None
    betweenness = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=seed)
    if sample is not None:
        graph.graph["betweenness"] = f"estimated from {sample} sources"
    communities = nx.community.louvain_communities(graph, weight=weight, seed=seed)
    communities = sorted(communities, key=lambda c: (-len(c), min(order[n] for n in c)))
    community = {node: i for i, members in enumerate(communities) for node in members}
    for node, data in graph.nodes(data=True):
        data["degree"] = graph.degree(node)
        data["betweenness"] = round(betweenness[node], DIGITS)
        data["pagerank"] = round(pagerank[node], DIGITS)
        data["community"] = community[node]


def cooccurrence_graph(
    results: Results,
    *,
    top_n: int = CORPUS_GRAPH_NODES,
    weight: str = "keyness",
    exclude: Collection[str] | None = None,
    context: str = "sentence",
    measure: str = "npmi",
    min_count: int = 2,
    max_edges: int | None = 150,
    min_association: float | None = None,
    seed: int = 0,
    keep_isolates: bool = False,
    by: str | None = None,
    pool: bool = False,
) -> nx.Graph:
    """The co-occurrence graph of a corpus (``graphs/cooccurrence.*`` of ``analyze``), its
    counts and pair counts reduced from the speeches' results (no text is read).

    The nodes are the ``top_n`` terms that best set the periods apart
    (:func:`~speechkit.analysis.keyness.distinctive_vocabulary`; a period is a speech's
    year within its group of the grouping of ``by`` and ``pool``, undated speeches left
    out; the speeches themselves when fewer than two periods are known), then, if they are
    fewer, the most frequent others; never a term of ``exclude``.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    top_n : int
        Number of node candidates.
    weight : {"keyness", "frequency"}
        What ranks each period's terms (``analyze --weight``).
    exclude : collection of str, optional
        Terms never nodes; default: the bundled officialese function words.
    context : {"sentence", "paragraph", "section"}
        The unit within which two terms co-occur.
    measure : {"npmi", "jaccard", "dice", "cosine", "pmi"}
        Association measure stored on edges and used to choose the ``max_edges``.
    min_count : int
        Minimum number of shared units for an edge.
    max_edges : int or None
        Keep only the most strongly associated edges (None: all).
    min_association : float, optional
        Minimum association for an edge.
    seed : int
        Seed of the Louvain communities.
    keep_isolates : bool
        Keep terms that end up without any edge.
    by : str, optional
        The grouping column (``analyze --group-by``): a congress report's year is not a
        work report's.
    pool : bool
        Keep a corpus that mixes kinds of document pooled (``analyze --pool``).

    Returns
    -------
    networkx.Graph
        Node attributes ``label, frequency, tfidf, degree, betweenness, pagerank,
        community``; edge attributes ``weight`` (the shared units) and the measure; graph
        attributes ``kind``, ``context``, ``measure``, ``units``.
    """
    from .aggregates import REDUCE_CHUNK, reduce_partials
    from .cooccurrence import Cooccurrence
    from .keyness import distinctive_vocabulary
    from .officialese import load_officialese

    _check_options(context, measure)
    exclude = load_officialese() if exclude is None else frozenset(exclude)
    periods = _periods(results, by=by, pool=pool)
    tallied = _tallied_weights(results, periods)
    tfidf_mean = _TfidfMean(results)
    if tallied is None:
        frequency, groups = _term_weights(results, periods, tfidf_mean)
    else:
        frequency, groups = tallied
    terms = distinctive_vocabulary(groups, top_n, weight=weight, exclude=exclude)
    # Too few distinctive terms (years much alike): the most frequent others fill the graph.
    chosen = set(terms)
    terms += [t for t in _top_terms(frequency, None) if t not in chosen and t not in exclude][:top_n - len(terms)]
    # The TF-IDF is summed in this reading when the counts came from the map's tally: each result is read once.
    partials = _unit_counts(results, terms, context, None if tallied is None else tfidf_mean)
    counts = reduce_partials(partials, Cooccurrence.empty(terms), chunk=REDUCE_CHUNK)
    return _graph_from_counts(counts, dict(frequency), tfidf_mean.scores(), context=context,
                              measure=measure, min_count=min_count, max_edges=max_edges,
                              min_association=min_association, seed=seed, keep_isolates=keep_isolates)


def _unit_counts(results: Results, terms: list[str], context: str, tfidf_mean: _TfidfMean | None):
    """The co-occurrence partial of each speech (:func:`unit_cooccurrence`), in order, the
    results read a chunk at a time; each chunk's term counts added to ``tfidf_mean`` if given."""
    for chunk in results.chunks():
        if tfidf_mean is not None:
            tfidf_mean.add([result.term_counts() for _, result in chunk])
        for _, result in chunk:
            yield unit_cooccurrence(result, terms, context)


def _tallied_weights(results: Results, periods: list) -> tuple[Counter, dict] | None:
    """The corpus's term counts and those of each period from the content-term counts by year
    the map merged (:func:`~speechkit.analysis.aggregates.results_tally`), when the periods
    are the years themselves (no grouping splits them) and at least two are dated; else None
    (the counts are then read from the results, :func:`_term_weights`)."""
    from .aggregates import results_tally

    years = {period[1] for period in periods if period is not None}
    if len(years) < 2 or any(period is not None and period[0] is not None for period in periods):
        return None
    by_year = results_tally(results).table("terms")
    frequency: Counter = Counter()
    for counts in by_year.values():
        frequency.update(counts)
    return frequency, {(None, year): Counter(counts) for year, counts in by_year.items() if year is not None}


class _TfidfMean:
    """Each term's TF-IDF over the speeches of ``results``
    (:func:`~speechkit.analysis.keywords.mean_tfidf` of their term counts; one speech's
    against jieba's table), their counts added a chunk at a time (:meth:`add`, in corpus
    order): the rows are summed as they come, never kept."""

    def __init__(self, results: Results):
        import numpy as np

        from .keywords import corpus_idf

        self.vocabulary, self.idf = corpus_idf(results) if len(results) > 1 else ([], None)
        # The mean as scipy's mean of the whole matrix takes it: each entry times 1 / rows,
        # added up column by column in row order, so the same sums to the last bit.
        self.sums, self.share = np.zeros(len(self.vocabulary)), 1.0 / max(1, len(results))
        self.one, self.single = len(results) == 1, {}

    def add(self, counts: list[dict[str, int]]) -> None:
        """Add the term counts of the next speeches."""
        import numpy as np

        from .keywords import count_matrix, speech_tfidf, tfidf_rows

        if self.vocabulary:
            rows = tfidf_rows(count_matrix(counts, self.vocabulary)[0], self.idf)
            np.add.at(self.sums, rows.indices, rows.data * self.share)
        elif self.one:
            self.single = speech_tfidf(counts[0])

    def scores(self) -> dict[str, float]:
        """Each term's mean TF-IDF, rounded."""
        from .keywords import DIGITS as KEYWORD_DIGITS

        if not self.vocabulary:
            return self.single
        return {term: round(float(v), KEYWORD_DIGITS) for term, v in zip(self.vocabulary, self.sums)}


def _term_weights(results: Results, periods: list, tfidf_mean: _TfidfMean) -> tuple[Counter, dict]:
    """From one reading of the results, a chunk at a time: the corpus's term counts and those
    of each period (of each speech when fewer than two periods are dated), each chunk's
    counts added to ``tfidf_mean``. Never every speech's counts at once."""
    frequency: Counter = Counter()
    groups: dict = {}
    dated = len(set(periods) - {None}) > 1
    position = 0
    for chunk in results.chunks():
        counts = [result.term_counts() for _, result in chunk]
        for speech_counts in counts:
            frequency.update(speech_counts)
            if not dated or periods[position] is not None:
                groups.setdefault(periods[position] if dated else position, Counter()).update(speech_counts)
            position += 1
        tfidf_mean.add(counts)
    return frequency, groups


def _periods(results: Results, *, by: str | None = None, pool: bool = False) -> list:
    """The period of each speech whose distinctive terms make the corpus graph, ``(group,
    year)``: its year within its group of the grouping of ``by`` and ``pool``
    (:func:`~speechkit.analysis.grouping.resolve_grouping`; group None when it splits
    nothing), None when undated."""
    from .grouping import resolve_grouping

    grouping = resolve_grouping(results.corpus, by, pool=pool)
    label = {position: group for group, positions in grouping.groups.items() for position in positions}
    return [None if s.year is None else (label.get(i) if grouping.by is not None else None, s.year)
            for i, s in enumerate(results.corpus)]


def _check_options(context: str, measure: str) -> None:
    from ..result import UNIT_KINDS

    if measure not in MEASURES:
        raise SpeechkitError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    if context not in UNIT_KINDS:
        raise SpeechkitError(f"unknown context {context!r}: choose one of {', '.join(UNIT_KINDS)}")


def _graph_from_counts(counts, frequency: dict[str, int], tfidf: dict[str, float], *, context: str = "sentence",
                       measure: str = "jaccard", min_count: int = 2, max_edges: int | None = 150,
                       min_association: float | None = None, seed: int = 0, keep_isolates: bool = False) -> nx.Graph:
    """The co-occurrence graph from counts already made (see :func:`cooccurrence_graph`):
    ``counts`` (a :class:`~speechkit.analysis.cooccurrence.Cooccurrence`) of the node
    candidates, the ``frequency`` and ``tfidf`` node attributes of each term."""
    import networkx as nx

    vocab, unit_frequency = counts.vocabulary, counts.unit_frequency
    edges = []
    for i, j, n in counts.iter_pairs(min_count):
        value = association(measure, n, int(unit_frequency[i]), int(unit_frequency[j]), counts.units)
        if min_association is None or value >= min_association:
            edges.append((vocab[i], vocab[j], n, round(value, DIGITS)))
    edges.sort(key=lambda e: (-e[3], -e[2], e[0], e[1]))
    if max_edges is not None:
        edges = edges[:max_edges]
    graph = nx.Graph(kind="cooccurrence", context=context, measure=measure, units=counts.units)
    linked = {t for e in edges for t in e[:2]}
    for term in _top_terms({t: frequency[t] for t in vocab}, None):
        if keep_isolates or term in linked:
            graph.add_node(term, label=term, frequency=frequency[term], tfidf=tfidf.get(term, 0.0))
    for a, b, n, value in sorted(edges, key=lambda e: (e[0], e[1])):
        graph.add_edge(a, b, weight=n, **{measure: value})
    annotate(graph, seed)
    return graph


def speech_cooccurrence_graph(result: SpeechResult, *, top_n: int | None = 60, context: str = "sentence",
                              **options) -> nx.Graph:
    """The co-occurrence graph of one speech from its result's term units (no text needed).

    ``context`` is ``sentence`` or ``paragraph``; other options as in :func:`cooccurrence_graph`.
    """
    from .keywords import speech_tfidf

    frequency = result.term_counts(context)
    terms = _top_terms(frequency, top_n)
    return _graph_from_counts(unit_cooccurrence(result, terms, context), frequency, speech_tfidf(frequency),
                              context=context, **options)


def graph_data(graph: nx.Graph) -> dict:
    """The graph as node-link data (networkx's JSON layout), ready for ``json.dumps``."""
    import networkx as nx

    return nx.node_link_data(graph, edges="edges")
