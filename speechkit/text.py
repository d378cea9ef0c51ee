"""Paragraphs and sentences with offsets into the speech text.

A paragraph is a line with visible text (leading and trailing space excluded from its
span). A sentence ends at 。！？； (and their half-width forms) or at an ellipsis
……, never inside balanced quotes “…” ‘…’ 「…」 『…』 or brackets （…） (…) 【…】 《…》; closing
quotes and brackets that follow a terminator stay with the sentence they close. An
unbalanced quote or bracket protects nothing, so it cannot swallow a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from .model import TextUnit

_LINE = re.compile(r"[^\n]+")
PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "《": "》"}
_CLOSERS = {close: open_ for open_, close in PAIRS.items()}
_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(_CLOSERS) + '"') + "]")
_BREAK = re.compile("[。！？；!?;]|……+")
_TRAILING = re.compile("[" + re.escape("。！？；!?;" + "".join(_CLOSERS) + "\"'") + "]*")
_SPACE = " \t\r\f\v\u3000\u00a0\u2002\u2003\ufeff"


def iter_paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[TextUnit]:
    """Yield the paragraphs of ``text`` (those on the lines that ``[start, end)``
    touches): lines with visible text, space trimmed."""
    first = text.rfind("\n", 0, start) + 1
    last = len(text) if end is None else text.find("\n", end)
    for line in _LINE.finditer(text, first, len(text) if last < 0 else last):
        yield from _trimmed(text, *line.span())


def paragraphs(text: str) -> list[TextUnit]:
    """Return the paragraphs of ``text`` as a list (see :func:`iter_paragraphs`)."""
    return list(iter_paragraphs(text))


def balanced_pairs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(open, close)`` offsets of balanced quote and bracket pairs.

    Pairs are matched with a stack in one pass; a closer that does not match the
    innermost opener is ignored, and openers left at the end are dropped, so an
    unbalanced mark never pairs with text far away. Straight double quotes pair
    alternately. Offsets are absolute; ``close`` is the index of the closing mark.
    """
    end = len(text) if end is None else end
    stack: list[tuple[str, int]] = []
    open_counts = dict.fromkeys(PAIRS, 0)
    pairs: list[tuple[int, int]] = []
    straight_open: int | None = None
    for match in _MARKS.finditer(text, start, end):
        ch, i = match.group(), match.start()
        if ch in PAIRS:
            stack.append((ch, i))
            open_counts[ch] += 1
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                pairs.append((straight_open, i))
                straight_open = None
        elif open_counts[_CLOSERS[ch]]:
            # Openers above the matching one were unbalanced: drop them. Each opener is
            # dropped once, so the scan stays linear overall.
            while True:
                opener, index = stack.pop()
                open_counts[opener] -= 1
                if opener == _CLOSERS[ch]:
                    pairs.append((index, i))
                    break
    pairs.sort()
    return pairs


def _protected_mask(text: str, start: int, end: int) -> bytearray:
    """Mark characters inside balanced pairs of ``text[start:end]`` (relative index)."""
    mask = bytearray(end - start)
    for open_, close in balanced_pairs(text, start, end):
        mask[open_ - start + 1 : close - start] = b"\x01" * (close - open_ - 1)
    return mask


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    mask = None
    resume = start
    for match in _BREAK.finditer(text, start, end):
        if match.start() < resume:
            continue
        if mask is None:
            mask = _protected_mask(text, start, end)
        if mask[match.start() - start]:
            continue
        # Further terminators and closing quotes or brackets stay with the sentence.
        cut = _TRAILING.match(text, match.end(), end).end()
        yield cut
        resume = cut


def iter_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[TextUnit]:
    """Yield the sentences of ``text`` (or of the paragraphs in ``[start, end)``)."""
    end = len(text) if end is None else end
    for para in iter_paragraphs(text, start, end):
        if para.end <= start or para.start >= end:
            continue
        p_start, p_end = max(para.start, start), min(para.end, end)
        begin = p_start
        for cut in _sentence_ends(text, p_start, p_end):
            yield from _trimmed(text, begin, cut)
            begin = cut
        yield from _trimmed(text, begin, p_end)


def _trimmed(text: str, start: int, end: int) -> Iterator[TextUnit]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if start < end:
        yield TextUnit(text[start:end], start, end)


def sentences(text: str) -> list[TextUnit]:
    """Return the sentences of ``text`` as a list (see :func:`iter_sentences`)."""
    return list(iter_sentences(text))


class SentenceIndex:
    """Find, by bisection, the sentence of a list of sentences that holds an offset."""

    def __init__(self, units: Sequence[TextUnit]):
        self.sentences = list(units)
        self._starts = [unit.start for unit in self.sentences]

    def index_at(self, offset: int) -> int:
        """Index of the last sentence starting at or before ``offset`` (0 before the first)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def at(self, offset: int) -> TextUnit | None:
        """The sentence containing ``offset``, or None when it falls between sentences."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None
