"""The words of a stretch of text as the metrics read them (their offsets and tags).

The metrics read parts of speech with the bundled dictionaries only, so the figures of a
speech do not change with a run's user dictionaries or stopwords.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...segment import get_tokenizer

if TYPE_CHECKING:
    from ...tokens import Tokens

# Characters read on each side of an offset to tell whether a word ends there: enough for
# the number before a measure word and the word after it (一千万名|优秀教师, 2000|个体|工商户).
_BOUNDARY_CONTEXT = 4


def tag_words(text: str, offset: int = 0) -> Tokens:
    """The words of ``text`` with the bundled segmentation's offsets and tags."""
    return get_tokenizer().tokenize(text, offset)


def word_ends_at(text: str, pos: int) -> bool:
    """True when the bundled segmentation of the few characters around ``pos`` ends a word
    at ``pos`` (500名|优秀教师), False when a word runs across it (名优|产品, 人民)."""
    start = max(0, pos - _BOUNDARY_CONTEXT)
    tokens = tag_words(text[start : pos + _BOUNDARY_CONTEXT], start)
    return any(begin + len(word) == pos for begin, word in zip(tokens.starts, tokens.texts))
