"""The pictures of one speech in ``speechkit analyze``: its word cloud, co-occurrence graph
and topic graph, drawn from its :class:`~speechkit.result.SpeechResult` alone (no text, no
tokenizer), so a cached result is enough; and the graph files every graph is written as.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from ..result import SpeechResult
    from .options import AnalysisOptions

TOPIC_K_RANGE = range(3, 9)


def draw_speech_pictures(result: SpeechResult, speech_id: str, title: str, folder: Path, options: AnalysisOptions) -> list[Path]:
    """Word cloud, co-occurrence graph and topic graph of one speech, into ``folder``.

    Everything is drawn from the result (no text, no tokenizer). A speech too short for
    a graph or a topic model simply gets none; what was written is returned.
    """
    from ..analysis.graphs import speech_cooccurrence_graph
    from ..analysis.officialese import without_officialese
    from ..render.wordcloud import draw_wordcloud

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    frequencies = without_officialese(dict(result.frequencies), options.officialese_words())
    if frequencies:
        written.append(draw_wordcloud(frequencies, folder / "wordcloud.png", font=options.font))
    graph = speech_cooccurrence_graph(result, top_n=options.graph_nodes)
    if graph.number_of_edges():
        written += write_graph_files(graph, folder / "cooccurrence", title=f"{title}：共现网络", font=options.font)
    topic = speech_topic_graph(result, speech_id)
    if topic is not None:
        written += write_graph_files(topic, folder / "topics", title=f"{title}：主题图", font=options.font)
    return written


def speech_topic_graph(result: SpeechResult, speech_id: str):
    """The topic graph of one speech over its paragraphs, or None if it is too short."""
    from ..analysis.topics import result_units, topic_graph, topic_model_from_units
    from ..errors import SpeechkitError

    try:
        model = topic_model_from_units(result_units([(speech_id, result)], "paragraph"), method="nmf", k_range=TOPIC_K_RANGE)
    except (SpeechkitError, ValueError):
        return None
    return topic_graph(model)


def write_graph_files(graph: nx.Graph, stem: Path, **png_options) -> list[Path]:
    """A graph as GEXF, GraphML, node-link JSON, CSV edge list and PNG beside ``stem``."""
    from ..render.graph_export import write_graph

    paths = [write_graph(graph, stem.with_suffix(suffix)) for suffix in (".gexf", ".graphml", ".json")]
    paths.append(write_graph(graph, stem.parent / f"{stem.name}_edges.csv"))
    paths.append(write_graph(graph, stem.with_suffix(".png"), **png_options))
    return paths
