"""The per-speech work of ``speechkit analyze``: the result (cached).

:func:`speech_result` is a pure function of the speech and the options, the map step of
the job: it segments the text once, extracts the outline once, runs each registered
extractor once (slogans, metrics, placeholders …: :mod:`speechkit.pipeline.extractors`),
counts categories with one compiled dictionary, and returns a
picklable :class:`~speechkit.result.SpeechResult`. Its pictures are drawn from that result
alone (:mod:`speechkit.pipeline.speech_pictures`), so a cached result needs no text.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, count
from operator import and_
from typing import TYPE_CHECKING

from ..collection import collection_paused
from ..result import SpeechResult, TermUnits

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np

    from ..extractors import Registry
    from ..speech import Speech
    from ..tokens import Tokens
    from .options import AnalysisOptions


def speech_result(speech: Speech, options: AnalysisOptions, *, extractors: Registry | None = None) -> SpeechResult:
    """Every per-speech result: counts, outline, the records of each of ``extractors``
    (default: :data:`~speechkit.pipeline.extractors.EXTRACTORS`), categories, keywords and
    the term counts of its paragraphs, sentences and sections.

    Parameters
    ----------
    speech : Speech
    options : AnalysisOptions
        The segmentation, the number of keywords and the trend terms counted.
    extractors : Registry, optional
        The per-speech extractors to run.

    Returns
    -------
    SpeechResult
        Plain data, the cache format (``to_dict()``).
    """
    # The work makes many objects and no reference cycle (see speechkit.collection).
    with collection_paused():
        return _speech_result(speech, options, extractors)


def _speech_result(speech: Speech, options: AnalysisOptions, extractors: Registry | None) -> SpeechResult:
    import numpy as np

    from ..analysis.categories import default_matcher, speech_categories
    from ..analysis.frequencies import ordered_counts
    from ..analysis.terms import DEFAULT_POS, content_mask, pos_matcher
    from ..extract.outline.structure import extract_outline
    from ..extract.phrases import term_counts
    from ..extract.slogans.lexicon import load_lexicon
    from ..segment import count_words
    from .extractors import EXTRACTORS

    tokenizer = options.tokenizer()
    tokens = speech.tokens(tokenizer)
    content = content_mask(tokens)
    outline = extract_outline(speech, tokens=tokens, content=content)
    inputs = {"speech": speech, "tokenizer": tokenizer, "tokens": tokens, "content": content, "outline": outline,
              "lexicon": load_lexicon(options.lexicon)}
    records = (EXTRACTORS if extractors is None else extractors).run(inputs)
    categories, by_section = speech_categories(speech, outline, tokens, default_matcher(tokenizer), content)
    positions = _term_positions(tokens, content, pos_matcher(DEFAULT_POS))
    # The content terms in text order, by their index in the sorted terms, and where each
    # starts: what the units and keywords count.
    words = list(map(tokens.texts.__getitem__, positions))
    word_starts = np.fromiter(map(tokens.starts.__getitem__, positions), dtype=np.int64, count=len(positions))
    terms = sorted(set(words))
    index = {term: i for i, term in enumerate(terms)}
    term_ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
    units = _term_units(speech, outline, term_ids, word_starts)
    return SpeechResult(
        characters=len(speech.text),
        words=count_words(tokens),
        frequencies=tuple(ordered_counts(Counter(compress(tokens.texts, content))).items()),
        outline=outline,
        records=records,
        categories=categories,
        categories_by_section=tuple(by_section),
        keywords=_keywords(speech, terms, term_ids, word_starts, options.top_keywords),
        terms=tuple(terms),
        **units,
        phrase_counts=term_counts(speech, options.trend_terms) if options.trend_terms else {},
    )


def _term_positions(tokens: Tokens, content: list[bool], keep: Callable[[str], bool]) -> list[int]:
    """Positions of the content tokens whose tag ``keep`` accepts (decided once per tag)."""
    kept = {tag: keep(tag) for tag in set(tokens.tags)}
    return list(compress(count(), map(and_, content, map(kept.__getitem__, tokens.tags))))


def _term_units(speech: Speech, outline, term_ids: np.ndarray, term_starts: np.ndarray) -> dict:
    """Section labels and the paragraph, sentence and section term units of the content
    terms given by their index ``term_ids`` (starting at ``term_starts``)."""
    from ..analysis.terms import section_label, section_spans

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


def _keywords(speech: Speech, terms: list[str], term_ids: np.ndarray, starts: np.ndarray, top: int) -> dict:
    """TF-IDF (jieba's IDF table) and TextRank keywords of the content terms given by their
    index ``term_ids`` into the sorted ``terms`` (in text order, starting at ``starts``)."""
    import numpy as np

    from ..analysis.idf import jieba_idf
    from ..analysis.keywords import ranked_by_index, textrank_by_index, tfidf_by_index

    if not terms:
        return {"tfidf": (), "textrank": ()}
    counts = np.bincount(term_ids, minlength=len(terms))
    # Terms in text order: the terms of a paragraph are one stretch, cut where it changes.
    paragraph = np.searchsorted([p.start for p in speech.paragraphs], starts, side="right")
    cuts = np.flatnonzero(np.diff(paragraph)) + 1
    lengths = np.diff(np.concatenate(([0], cuts, [len(term_ids)])))
    return {
        "tfidf": tuple(ranked_by_index(tfidf_by_index(counts, terms, jieba_idf()), terms, counts, top)),
        "textrank": tuple(ranked_by_index(textrank_by_index(term_ids, lengths, len(terms)), terms, counts, top)),
    }
