"""The per-speech work of ``speechkit analyze``: results (cached) and pictures.

:func:`speech_result` is a pure function of the speech and the options and returns
JSON-ready data, so it can be cached by content hash and run in worker processes.
:func:`draw_speech_pictures` writes the speech's word cloud and graphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TOPIC_K_RANGE = range(3, 9)


def speech_result(speech, options) -> dict[str, Any]:
    """Every per-speech result: counts, outline, slogans, metrics, placeholders,
    categories and keywords, as JSON-ready data."""
    from ..analysis.categories import category_shares, section_category_table
    from ..analysis.frequencies import speech_frequencies
    from ..analysis.keywords import speech_keywords
    from ..extract.metrics.metrics import metrics_json
    from ..extract.slogans.slogans import slogans_json
    from ..extract.outline.structure import outline_from_dict, outline_json
    from ..segment import count_words

    tokenizer = options.tokenizer()
    tokens = speech.tokens(tokenizer)
    outline = outline_json(speech, tokens=tokens)
    by_section = section_category_table(speech, outline_from_dict(outline), tokenizer=tokenizer)
    keywords = {
        method: [k.to_dict() for k in speech_keywords(speech, method, options.top_keywords, tokenizer=tokenizer)]
        for method in ("tfidf", "textrank")
    }
    return {
        "words": count_words(tokens),
        "frequencies": list(speech_frequencies(speech, tokenizer).items()),
        "outline": outline,
        "slogans": slogans_json(speech, tokenizer=tokenizer),
        **metrics_json(speech),
        "categories": category_shares(speech, tokenizer=tokenizer),
        "categories_by_section": by_section.to_dict("records"),
        "keywords": keywords,
    }


def draw_speech_pictures(speech, result: dict, folder: Path, options) -> list[Path]:
    """Word cloud, co-occurrence graph and topic graph of one speech, into ``folder``.

    A speech too short for a graph or a topic model simply gets none; what was
    written is returned.
    """
    from ..analysis.graphs import cooccurrence_graph
    from ..render.wordcloud import draw_wordcloud

    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = options.tokenizer()
    written: list[Path] = []
    frequencies = dict(result["frequencies"])
    if frequencies:
        written.append(draw_wordcloud(frequencies, folder / "wordcloud.png", font=options.font))
    graph = cooccurrence_graph(speech, top_n=options.graph_nodes, tokenizer=tokenizer)
    if graph.number_of_edges():
        written += write_graph_files(graph, folder / "cooccurrence", title=f"{speech.title or speech.id}：共现网络", font=options.font)
    topic = speech_topic_graph(speech, tokenizer)
    if topic is not None:
        written += write_graph_files(topic, folder / "topics", title=f"{speech.title or speech.id}：主题图", font=options.font)
    return written


def speech_topic_graph(speech, tokenizer):
    """The topic graph of one speech over its paragraphs, or None if it is too short."""
    from ..analysis.topics import topic_graph, topic_model
    from ..errors import SpeechkitError

    try:
        model = topic_model(speech, unit="paragraph", k_range=TOPIC_K_RANGE, tokenizer=tokenizer)
    except (SpeechkitError, ValueError):
        return None
    return topic_graph(model)


def write_graph_files(graph, stem: Path, **png_options) -> list[Path]:
    """A graph as GEXF, GraphML, node-link JSON, CSV edge list and PNG beside ``stem``."""
    from ..render.graph_export import write_graph

    paths = [write_graph(graph, stem.with_suffix(suffix)) for suffix in (".gexf", ".graphml", ".json")]
    paths.append(write_graph(graph, stem.parent / f"{stem.name}_edges.csv"))
    paths.append(write_graph(graph, stem.with_suffix(".png"), **png_options))
    return paths
