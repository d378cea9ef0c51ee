"""Co-occurrence graphs of content terms (networkx), as KH Coder draws them.

Nodes are the ``top_n`` most frequent content terms; two terms are linked when they
occur in the same context unit (sentence, paragraph, or sliding window of terms). An
edge carries ``weight``, the number of units the two share, and the association
measure (``jaccard``, ``dice``, ``cosine`` or ``pmi``) under its own name. Pruning keeps
edges shared by at least ``min_count`` units and, of those, the ``max_edges`` most
strongly associated; terms left without an edge are dropped.

Every node gets ``frequency``, ``tfidf``, ``degree``, ``betweenness``, ``pagerank`` and
``community`` (Louvain, seeded). PageRank and Louvain use ``weight``, as Gephi does;
betweenness counts hops. The graph is built in a fixed order, so the same input and
options give the same graph, attribute for attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from .cooccurrence import CONTEXTS, MEASURES, association, count_cooccurrence, window_units
from .keywords import term_tfidf
from .terms import DEFAULT_POS, as_speeches, iter_term_units, term_counts

if TYPE_CHECKING:
    import networkx as nx

    from ..corpus import Corpus
    from ..segment import Tokenizer
    from ..speech import Speech
    from ..result import SpeechResult

DIGITS = 6
# Betweenness is exact up to this many nodes, beyond it estimated from this many sources.
EXACT_BETWEENNESS_UP_TO = 500


def _context_units(speeches, context: str, window: int, pos, tokenizer) -> tuple[list[list[str]], dict[str, int]]:
    """The context units (lists of terms) of all speeches, and term frequencies."""
    if context not in CONTEXTS:
        raise SpeechkitError(f"unknown context {context!r}: choose one of {', '.join(CONTEXTS)}")
    unit = "paragraph" if context == "window" else context
    term_units = [u for s in speeches for u in iter_term_units(s, unit, pos, tokenizer)]
    if context == "window":
        contexts = [w for u in term_units for w in window_units(u.words, window)]
    else:
        contexts = [u.words for u in term_units]
    return contexts, term_counts(term_units)


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
    speeches: Speech | Corpus | Sequence[Speech],
    *,
    context: str = "sentence",
    measure: str = "jaccard",
    top_n: int | None = 60,
    min_count: int = 2,
    max_edges: int | None = 150,
    min_association: float | None = None,
    window: int = 5,
    pos: Sequence[str] | None = DEFAULT_POS,
    seed: int = 0,
    keep_isolates: bool = False,
    tokenizer: Tokenizer | None = None,
) -> nx.Graph:
    """The co-occurrence graph of the content terms of a speech or a corpus.

    Parameters
    ----------
    speeches : Speech, Corpus or sequence of Speech
    context : {"sentence", "paragraph", "window"}
        The unit within which two terms co-occur.
    measure : {"jaccard", "dice", "cosine", "pmi"}
        Association measure stored on edges and used to choose the ``max_edges``.
    top_n : int or None
        Keep the most frequent terms as nodes (None: all).
    min_count : int
        Minimum number of shared units for an edge.
    max_edges : int or None
        Keep only the most strongly associated edges (None: all).
    min_association : float, optional
        Minimum association for an edge.
    window : int
        Width of the sliding window in terms (``context="window"``).
    pos : sequence of str or None
        POS filter of the terms (see :mod:`speechkit.analysis.terms`).
    seed : int
        Seed of the Louvain communities.
    keep_isolates : bool
        Keep terms that end up without any edge.
    tokenizer : Tokenizer, optional

    Returns
    -------
    networkx.Graph
        Node attributes ``frequency, tfidf, degree, betweenness, pagerank, community``;
        edge attributes ``weight`` and the measure; graph attributes ``kind``,
        ``context``, ``measure``, ``units``.
    """
    if measure not in MEASURES:
        raise SpeechkitError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    speeches = as_speeches(speeches)
    contexts, frequency = _context_units(speeches, context, window, pos, tokenizer)
    terms = _top_terms(frequency, top_n)
    return graph_from_counts(count_cooccurrence(contexts, terms), frequency, term_tfidf(speeches, pos, tokenizer),
                             context=context, measure=measure, min_count=min_count, max_edges=max_edges,
                             min_association=min_association, seed=seed, keep_isolates=keep_isolates)


def graph_from_counts(counts, frequency: dict[str, int], tfidf: dict[str, float], *, context: str = "sentence",
                      measure: str = "jaccard", min_count: int = 2, max_edges: int | None = 150,
                      min_association: float | None = None, seed: int = 0, keep_isolates: bool = False):
    """The co-occurrence graph from counts already made (see :func:`cooccurrence_graph`).

    Parameters
    ----------
    counts : Cooccurrence
        Unit frequencies and pair counts of the node candidates (its vocabulary).
    frequency : dict of str to int
        Occurrences of each term (the ``frequency`` node attribute).
    tfidf : dict of str to float
        The ``tfidf`` node attribute.
    """
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


def speech_cooccurrence_graph(result: SpeechResult, top_n: int | None = 60, context: str = "sentence", **options):
    """The co-occurrence graph of one speech from its result's term units (no text needed).

    ``context`` is ``sentence`` or ``paragraph``; other options as in :func:`cooccurrence_graph`.
    """
    from .keywords import speech_tfidf

    frequency = result.term_counts(context)
    terms = _top_terms(frequency, top_n)
    contexts = [result.unit_words(context, i) for i in range(len(result.units(context)))]
    return graph_from_counts(count_cooccurrence(contexts, terms), frequency, speech_tfidf(frequency),
                             context=context, **options)


def graph_data(graph: nx.Graph) -> dict:
    """The graph as node-link data (networkx's JSON layout), ready for ``json.dumps``."""
    import networkx as nx

    return nx.node_link_data(graph, edges="edges")
