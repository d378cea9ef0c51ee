"""The per-speech work of ``speechkit analyze``: the result (cached) and its pictures.

:func:`speech_result` is a pure function of the speech and the options, the map step of
the job: it segments the text once, extracts the outline, slogans, metrics and
placeholders once, counts categories with one compiled dictionary, and returns a
picklable :class:`~speechkit.result.SpeechResult`. :func:`draw_speech_pictures` draws a
speech's word cloud and graphs from that result alone, so a cached result needs no text.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, count
from operator import and_
from pathlib import Path
from typing import TYPE_CHECKING

from ..result import SpeechResult, TermUnits

if TYPE_CHECKING:
    from collections.abc import Callable

    import networkx as nx

    from ..speech import Speech
    from ..tokens import Tokens
    from .options import AnalysisOptions

TOPIC_K_RANGE = range(3, 9)


def speech_result(speech: Speech, options: AnalysisOptions) -> SpeechResult:
    """Every per-speech result: counts, outline, slogans, metrics, placeholders,
    categories, keywords and the term counts of its paragraphs, sentences and sections.

    Parameters
    ----------
    speech : Speech
    options : AnalysisOptions
        The segmentation, the number of keywords and the trend terms counted.

    Returns
    -------
    SpeechResult
        Plain data, the cache format (``to_dict()``).
    """
    from ..analysis.categories import default_matcher, speech_categories
    from ..analysis.frequencies import ordered_counts
    from ..analysis.terms import DEFAULT_POS, content_mask, pos_matcher
    from ..extract.metrics.metrics import extract_metrics
    from ..extract.metrics.placeholders import extract_placeholders
    from ..analysis.by_group.slogans import with_core_formulations
    from ..extract.outline.structure import extract_outline
    from ..extract.phrases import core_formulation_slogans, term_counts
    from ..extract.slogans.slogans import extract_slogans
    from ..segment import count_words

    tokenizer = options.tokenizer()
    tokens = speech.tokens(tokenizer)
    content = content_mask(tokens)
    outline = extract_outline(speech, tokens=tokens, content=content)
    placeholders = extract_placeholders(speech)
    categories, by_section = speech_categories(speech, outline, tokens, default_matcher(tokenizer), content)
    positions = _term_positions(tokens, content, pos_matcher(DEFAULT_POS))
    terms = sorted({tokens.texts[i] for i in positions})
    units = _term_units(speech, outline, tokens, positions, terms)
    return SpeechResult(
        characters=len(speech.text),
        words=count_words(tokens),
        frequencies=tuple(ordered_counts(Counter(compress(tokens.texts, content))).items()),
        outline=outline,
        # Core formulations (供给侧结构性改革 …) are counted as text, whatever the segmentation.
        slogans=tuple(with_core_formulations(extract_slogans(speech, tokenizer=tokenizer), core_formulation_slogans(speech))),
        metrics=tuple(extract_metrics(speech, placeholders=placeholders)),
        placeholders=tuple(placeholders),
        categories=categories,
        categories_by_section=tuple(by_section),
        keywords=_keywords(speech, tokens, positions, options.top_keywords),
        terms=tuple(terms),
        **units,
        phrase_counts=term_counts(speech, options.trend_terms) if options.trend_terms else {},
    )


def _term_positions(tokens: Tokens, content: list[bool], keep: Callable[[str], bool]) -> list[int]:
    """Positions of the content tokens whose tag ``keep`` accepts (decided once per tag)."""
    kept = {tag: keep(tag) for tag in set(tokens.tags)}
    return list(compress(count(), map(and_, content, map(kept.__getitem__, tokens.tags))))


def _term_units(speech: Speech, outline, tokens: Tokens, positions: list[int], terms: list[str]) -> dict:
    """Section labels and the paragraph, sentence and section term units."""
    from ..analysis.terms import section_label, section_spans

    index = {term: i for i, term in enumerate(terms)}
    term_starts = [tokens.starts[i] for i in positions]
    term_ids = [index[tokens.texts[i]] for i in positions]
    spans = section_spans(speech.text, [(s.start, s.end, section_label(s)) for s in outline.sections])
    labels = [label for _, _, label in spans if label is not None]
    section_ids, labelled = [], 0
    for _, _, label in spans:
        section_ids.append(-1 if label is None else labelled)
        labelled += label is not None
    section_starts = [start for start, _, _ in spans]

    def units(unit_spans) -> TermUnits:
        return TermUnits.build(unit_spans, term_starts, term_ids, section_starts, section_ids)

    return {
        "section_labels": tuple(labels),
        "paragraphs": units([(p.start, p.end) for p in speech.paragraphs]),
        "sentences": units([(s.start, s.end) for s in speech.sentences]),
        "sections": units([(start, end) for start, end, _ in spans]),
    }


def _keywords(speech: Speech, tokens: Tokens, positions: list[int], top: int) -> dict:
    """TF-IDF (jieba's IDF table) and TextRank keywords from the content-term positions."""
    import numpy as np

    from ..analysis.idf import jieba_idf
    from ..analysis.keywords import ranked_keywords, textrank_scores, tfidf_scores

    words = [tokens.texts[i] for i in positions]
    counts = Counter(words)
    # Positions ascend, so the words of a paragraph are one stretch: cut where it changes.
    starts = np.fromiter((tokens.starts[i] for i in positions), dtype=np.int64, count=len(positions))
    paragraph = np.searchsorted([p.start for p in speech.paragraphs], starts, side="right")
    cuts = [0, *(np.flatnonzero(np.diff(paragraph)) + 1).tolist(), len(words)]
    by_paragraph = [words[begin:end] for begin, end in zip(cuts, cuts[1:]) if end > begin]
    return {
        "tfidf": tuple(ranked_keywords(tfidf_scores(counts, jieba_idf()), counts, top)),
        "textrank": tuple(ranked_keywords(textrank_scores(by_paragraph), counts, top)),
    }


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
