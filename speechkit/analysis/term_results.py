"""Everything the term analyses say about one speech, as JSON-ready data.

:func:`speech_term_results` is what ``speechkit analyze`` computes (and caches) per
speech: TF-IDF and TextRank keywords, the co-occurrence graph and the topic model with
its graph. Graphs are node-link data; :func:`speechkit.analysis.graphs.graph_from_data`
turns them back into networkx graphs for the GEXF, GraphML, CSV and PNG writers.
"""

from __future__ import annotations

from typing import Any

from ..errors import SpeechkitError
from .graphs import cooccurrence_graph, graph_data
from .keywords import speech_keywords
from .topics import topic_graph, topic_model


def speech_term_results(speech, top: int = 20, topics: int | None = None, seed: int = 0, tokenizer=None) -> dict[str, Any]:
    """Keywords, co-occurrence graph and topics of one speech.

    Parameters
    ----------
    speech : Speech
    top : int
        Keywords per method.
    topics : int, optional
        Number of topics (default: chosen by coherence).
    seed : int
        Seed of communities and the topic model.
    tokenizer : Tokenizer, optional

    Returns
    -------
    dict
        ``keywords_tfidf`` and ``keywords_textrank`` (lists of ``{term, score,
        count}``), ``cooccurrence`` (node-link data), ``topics`` (see
        :meth:`~speechkit.analysis.topics.TopicModel.to_dict`) and ``topic_graph``
        (node-link data); the last two are None for a speech too short for a topic
        model, with the reason in ``topics_skipped``.
    """
    results: dict[str, Any] = {
        method_key: [k.to_dict() for k in speech_keywords(speech, method, top, tokenizer=tokenizer)]
        for method_key, method in (("keywords_tfidf", "tfidf"), ("keywords_textrank", "textrank"))
    }
    results["cooccurrence"] = graph_data(cooccurrence_graph(speech, seed=seed, tokenizer=tokenizer))
    try:
        model = topic_model(speech, k=topics, seed=seed, tokenizer=tokenizer)
    except SpeechkitError as exc:
        results.update(topics=None, topic_graph=None, topics_skipped=str(exc))
        return results
    results.update(topics=model.to_dict(), topic_graph=graph_data(topic_graph(model, seed=seed)), topics_skipped=None)
    return results
