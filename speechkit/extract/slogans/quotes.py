"""Quoted text and cited document titles, found with balanced pairs per paragraph.

Quotes are “…” ‘…’ 「…」 『…』 and straight "…"; titles are 《…》. Pairs are matched
inside one paragraph with :func:`speechkit.text.balanced_pairs`, so an unbalanced
mark protects nothing and never swallows the rest of the speech, and nested quotes
(“学习‘两个确立’”) give one pair each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...chars import is_han
from ...text import balanced_pairs
from ..matcher import SEPARATORS

if TYPE_CHECKING:
    from ...segment import Tokenizer

QUOTE_OPENERS = frozenset("“‘「『\"")
TITLE_OPENER = "《"
# Redaction marks: a quote holding nothing else had its content removed (“*”, “**”).
PLACEHOLDER_CHARS = frozenset("*＊×✕XxＸｘ○〇□■")
# A quote longer than this, or holding a sentence end, is a quotation, not a 提法.
MAX_FORMULATION = 60
_SENTENCE_ENDS = frozenset("。！？!?")
# Parts of speech that name a thing (the head of a term such as “第一议题”).
_NOUN_TAGS = ("n", "vn", "j", "nz", "ns", "nt", "nr", "an")


@dataclass(frozen=True, slots=True)
class Enclosed:
    """The content of a quote or title: ``text[start:end]``, the marks excluded."""

    start: int
    end: int
    opener: str


def enclosed_spans(text: str, paragraphs) -> tuple[list[Enclosed], list[Enclosed]]:
    """Return the quotes and the titles (《…》) of ``text``, in text order.

    Parameters
    ----------
    text : str
    paragraphs : sequence of TextUnit
        The paragraphs of ``text`` (``Speech.paragraphs``); pairs never cross them.
    """
    quotes: list[Enclosed] = []
    titles: list[Enclosed] = []
    for para in paragraphs:
        for open_, close in balanced_pairs(text, para.start, para.end):
            mark = text[open_]
            if close == open_ + 1:
                continue
            if mark in QUOTE_OPENERS:
                quotes.append(Enclosed(open_ + 1, close, mark))
            elif mark == TITLE_OPENER:
                titles.append(Enclosed(open_ + 1, close, mark))
    return quotes, titles


def is_redacted(content: str) -> bool:
    """True when ``content`` is only redaction marks (“*”, “**”, “××”)."""
    stripped = content.strip()
    return bool(stripped) and all(char in PLACEHOLDER_CHARS for char in stripped)


def is_quotation(content: str) -> bool:
    """True for a quoted passage (a sentence or more), which is not a formulation."""
    return len(content) > MAX_FORMULATION or any(char in _SENTENCE_ENDS for char in content)


def clauses(content: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the separator-delimited clauses of ``content`` (relative)."""
    result, begin = [], 0
    for i, char in enumerate(content):
        if char in SEPARATORS:
            if i > begin:
                result.append((begin, i))
            begin = i + 1
    if len(content) > begin:
        result.append((begin, len(content)))
    return result


def quoted_subkind(content: str, tokenizer: Tokenizer) -> str:
    """Classify quoted text: ``emphasis`` (one or two characters, “提速”), ``term``
    (a name: no verb, ending in a noun, “第一议题”), or ``slogan`` (several clauses,
    or a phrase of four or more characters)."""
    if len(content) <= 2:
        return "emphasis"
    if len(clauses(content)) > 1:
        return "slogan"
    words = [t for t in tokenizer.tokenize(content) if not t.text.isspace()]
    has_verb = any(t.pos.startswith("v") and t.pos != "vn" for t in words)
    if words and not has_verb and words[-1].pos.startswith(_NOUN_TAGS):
        return "term"
    return "slogan" if len(content) >= 4 else "term"


def redaction_context(text: str, open_: int, close: int, tokenizer: Tokenizer, size: int = 4) -> str:
    """The redacted quote with the words that say what it was (“*”战略部署).

    The words are the Chinese text after the closing mark, at least ``size``
    characters up to the next punctuation and ending on a word boundary; when a
    punctuation mark follows at once, the words before the opening mark (倡导“*”).
    """
    quote = text[open_ : close + 1]
    after = _han_run(text, close + 1, +1)
    if after:
        return quote + "".join(_whole_words((t.text for t in tokenizer.tokenize(after)), size))
    before = _han_run(text, open_, -1)
    if before:
        words = [token.text for token in tokenizer.tokenize(before)]
        return "".join(reversed(_whole_words(reversed(words), size))) + quote
    return quote


def _han_run(text: str, index: int, step: int, limit: int = 12) -> str:
    """Up to ``limit`` Chinese characters from ``index`` forwards (+1) or before it (-1)."""
    if step > 0:
        end = index
        while end < len(text) and end - index < limit and is_han(text[end]):
            end += 1
        return text[index:end]
    start = index
    while start > 0 and index - start < limit and is_han(text[start - 1]):
        start -= 1
    return text[start:index]


def _whole_words(words, size: int) -> list[str]:
    """The leading words that make up at least ``size`` characters."""
    taken, length = [], 0
    for word in words:
        if length >= size:
            break
        taken.append(word)
        length += len(word)
    return taken
