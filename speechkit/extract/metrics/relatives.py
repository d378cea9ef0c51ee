"""A bare measure named by the clause that modifies it (财政用于民生的比例达到70%, 国债等用于投资的
资金超1200亿元): the head alone (比例, 资金) names no indicator; the clause before its 的 says
which one, and is read back to the start of its clause or list member."""

from __future__ import annotations

from ...chars import is_han
from .words import tag_words

_LINK = "的"
# Where the modifying clause starts: a clause mark, a list mark, or 等 closing examples.
_BOUNDARIES = frozenset("，,；;。：:！？!?、（(\n等")
_SHORTEST, _LONGEST = 2, 28
# Words opening a clause that are no part of a name: conjunctions, adverbs, prepositions,
# pronouns and times (但, 也, 我们, 今年).
_OPENING_TAGS = ("c", "d", "p", "r", "t")
_QUOTES = frozenset("“”‘’")


def named_by_relative_clause(text: str, head: str, floor: int, start: int) -> str | None:
    """The name of a bare measure ``head`` written before ``start`` (not before ``floor``)
    right after a 的: the modifying clause, 的 and the head, or None when no such clause is
    written (no 的, a number or a mark inside, too short or too long)."""
    written = text.rfind(head, floor, start)
    if written <= floor or text[written - 1] != _LINK:
        return None
    link = written - 1
    begin = max((text.rfind(mark, floor, link) for mark in _BOUNDARIES), default=-1) + 1
    clause = _without_opening_words(text[max(begin, floor) : link])
    if not _SHORTEST <= len(clause) <= _LONGEST or not all(is_han(ch) or ch in _QUOTES for ch in clause):
        return None
    return clause + _LINK + head


def _without_opening_words(clause: str) -> str:
    tokens = tag_words(clause)
    for word, tag in zip(tokens.texts, tokens.tags):
        if not tag.startswith(_OPENING_TAGS):
            break
        clause = clause[len(word) :]
    return clause
