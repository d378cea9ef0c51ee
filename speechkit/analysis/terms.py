"""Content terms: the tokens every analysis counts.

One rule decides what a term is, for keywords, keyness, graphs and topics alike: a
token that :func:`speechkit.segment.is_content` accepts (a Chinese word of two or more
characters, not a stopword, number, placeholder, function word or punctuation) and
whose part-of-speech tag passes a configurable filter.

The default filter keeps nouns (``n*``: n, nr, ns, nt, nz, ng ...), verbs (``v``),
verbal nouns (``vn``) and abbreviations (``j``). Abbreviations are kept because in
official language they are nominal and central (党建, 两会, 国企); without them 党建 is
never counted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Token
from ..segment import get_tokenizer, is_content

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..segment import Tokenizer
    from ..speech import Speech

DEFAULT_POS: tuple[str, ...] = ("n*", "v", "vn", "j")
UNITS = ("speech", "section", "paragraph", "sentence")


@dataclass(frozen=True, slots=True)
class TermUnit:
    """A stretch of one speech (the whole speech, a section, a paragraph or a
    sentence) with the content terms inside it.

    Attributes
    ----------
    speech : str
        Id of the speech.
    index : int
        Position of the unit within its speech (0-based).
    start, end : int
        Offsets of the unit in the speech text.
    section : str or None
        Heading of the top-level outline section the unit starts in, if any.
    terms : list of Token
        The content-term tokens of the unit, in text order.
    """

    speech: str
    index: int
    start: int
    end: int
    section: str | None
    terms: list[Token]

    @property
    def words(self) -> list[str]:
        """The term texts, in text order."""
        return [t.text for t in self.terms]


def pos_matcher(pos: Sequence[str] | None = DEFAULT_POS) -> Callable[[str], bool]:
    """Return a predicate over POS tags.

    Parameters
    ----------
    pos : sequence of str or None
        Tags to keep; a tag ending in ``*`` keeps every tag with that prefix
        (``n*`` keeps n, nr, ns, nz ...). ``None`` keeps every tag.
    """
    if pos is None:
        return lambda tag: True
    exact = frozenset(p for p in pos if not p.endswith("*"))
    prefixes = tuple(p[:-1] for p in pos if p.endswith("*"))
    return lambda tag: tag in exact or tag.startswith(prefixes)


def speech_tokens(speech: Speech, tokenizer: Tokenizer | None = None) -> list[Token]:
    """Tokens of ``speech``, reusing the speech's cached tokens for the default tokenizer."""
    if tokenizer is None or tokenizer is get_tokenizer():
        return speech.tokens()
    return speech.tokens(tokenizer)


def content_terms(speech: Speech, pos: Sequence[str] | None = DEFAULT_POS, tokenizer: Tokenizer | None = None) -> list[Token]:
    """The content-term tokens of a speech, in text order.

    Parameters
    ----------
    speech : Speech
    pos : sequence of str or None
        POS filter (see :func:`pos_matcher`).
    tokenizer : Tokenizer, optional
        Segmentation to use; default: the process-wide tokenizer.
    """
    keep = pos_matcher(pos)
    tokens = speech_tokens(speech, tokenizer)
    if not hasattr(tokens, "texts"):
        return [t for t in tokens if keep(t.pos) and is_content(t)]
    # Column-wise tokens: make Token records only for the few that can pass.
    return [
        token
        for i, (text, tag) in enumerate(zip(tokens.texts, tokens.tags))
        if len(text) >= 2 and keep(tag) and is_content(token := tokens[i])
    ]


def as_speeches(speeches: Speech | Corpus | Sequence[Speech]) -> list:
    """A single Speech, a Corpus or any iterable of speeches, as a list of speeches."""
    if hasattr(speeches, "text") and hasattr(speeches, "tokens"):
        return [speeches]
    return list(speeches)


def section_label(section) -> str:
    """How a section is named in tables: its marker followed by its title."""
    return f"{section.marker}{section.title}".strip()


def top_sections(speech: Speech) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the top-level outline sections of a speech."""
    from ..extract.outline.structure import extract_outline

    return [(s.start, s.end, section_label(s)) for s in extract_outline(speech, keywords=0).sections]


def section_spans(text: str, sections: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """Top-level sections ``(start, end, label)`` plus the stretches between them
    (opening, closing, label None), so that section units cover the whole text."""
    spans: list[tuple[int, int, str | None]] = []
    cursor = 0
    for start, end, label in sections:
        if start > cursor and text[cursor:start].strip():
            spans.append((cursor, start, None))
        spans.append((start, end, label))
        cursor = max(cursor, end)
    if cursor < len(text) and text[cursor:].strip():
        spans.append((cursor, len(text), None))
    return spans


def _section_spans(speech) -> list[tuple[int, int, str | None]]:
    return section_spans(speech.text, top_sections(speech))


def content_mask(tokens) -> list[bool]:
    """Which tokens of a column-wise :class:`~speechkit.tokens.Tokens` are content tokens
    (:func:`speechkit.segment.is_content`), without making a record per token."""
    from operator import and_

    from ..segment import is_content_tag, is_content_text

    stop = tokens.stopwords
    # A speech repeats its words and tags: decide each distinct one once, then look the
    # flags up token by token in compiled loops (map), not in a Python loop.
    by_text = {text: text not in stop and is_content_text(text) for text in set(tokens.texts)}
    by_tag = {tag: is_content_tag(tag) for tag in set(tokens.tags)}
    return list(map(and_, map(by_text.__getitem__, tokens.texts), map(by_tag.__getitem__, tokens.tags)))


def _unit_spans(speech, unit: str) -> list[tuple[int, int]]:
    if unit == "speech":
        return [(0, len(speech.text))]
    if unit == "section":
        return [(start, end) for start, end, _ in _section_spans(speech)]
    if unit == "paragraph":
        return [(p.start, p.end) for p in speech.paragraphs]
    if unit == "sentence":
        return [(s.start, s.end) for s in speech.sentences]
    raise ValueError(f"unknown unit {unit!r}: choose one of {', '.join(UNITS)}")


def iter_term_units(
    speech: Speech,
    unit: str = "speech",
    pos: Sequence[str] | None = DEFAULT_POS,
    tokenizer: Tokenizer | None = None,
    with_sections: bool = False,
    keep_empty: bool = False,
) -> Iterator[TermUnit]:
    """Yield the units of a speech with their content terms.

    Parameters
    ----------
    speech : Speech
    unit : {"speech", "section", "paragraph", "sentence"}
        ``section`` units are the top-level outline sections, plus the opening and
        closing text outside them (``section`` None).
    pos : sequence of str or None
        POS filter (see :func:`pos_matcher`).
    tokenizer : Tokenizer, optional
    with_sections : bool
        Label every unit with the top-level section it starts in (needs the outline;
        always done for ``section`` units).
    keep_empty : bool
        Also yield units without any term.
    """
    terms = content_terms(speech, pos, tokenizer)
    if unit == "section":
        section_spans = _section_spans(speech)
        spans = [(s, e) for s, e, _ in section_spans]
    else:
        spans = _unit_spans(speech, unit)
        section_spans = [(s, e, label) for s, e, label in _section_spans(speech)] if with_sections else []
    section_starts = [s for s, _, _ in section_spans]
    starts = [s for s, _ in spans]
    buckets: list[list[Token]] = [[] for _ in spans]
    for token in terms:
        i = bisect_right(starts, token.start) - 1
        if i >= 0 and token.start < spans[i][1]:
            buckets[i].append(token)
    for index, ((start, end), bucket) in enumerate(zip(spans, buckets)):
        if not bucket and not keep_empty:
            continue
        label = None
        if section_spans:
            j = bisect_right(section_starts, start) - 1
            label = section_spans[j][2] if j >= 0 else None
        yield TermUnit(speech.id, index, start, end, label, bucket)


def corpus_units(
    speeches: Speech | Corpus | Sequence[Speech],
    unit: str = "speech",
    pos: Sequence[str] | None = DEFAULT_POS,
    tokenizer: Tokenizer | None = None,
    with_sections: bool = False,
) -> list[TermUnit]:
    """The non-empty term units of every speech, in corpus order."""
    units: list[TermUnit] = []
    for speech in as_speeches(speeches):
        units.extend(iter_term_units(speech, unit, pos, tokenizer, with_sections))
    return units


def term_counts(units: Iterable[TermUnit]) -> dict[str, int]:
    """Occurrences of each term over ``units``."""
    counts: dict[str, int] = {}
    for unit in units:
        for token in unit.terms:
            counts[token.text] = counts.get(token.text, 0) + 1
    return counts
