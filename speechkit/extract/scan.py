"""Regex scans that go straight to where a match can start.

Python's ``re`` skips ahead quickly only when a pattern opens with a literal or a
character class. A pattern that opens with an alternation of classes (``[*＊]+|[×✕]+|…``),
a lookbehind or an optional item is tried at every character of the text: tens of
thousands of tries per speech for a few dozen matches. :func:`finditer` reads once, from the
parsed pattern, the characters a match can start with, searches for those (one character
class, which ``re`` scans quickly) and tries the pattern only there. It yields the matches
``pattern.finditer`` yields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# The pattern is read with the standard library's own parser, which is private: where a
# Python has neither of its known homes, every scan is the plain ``Pattern.finditer``.
try:  # Python 3.11+
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10, or a parser moved again
    try:
        import sre_constants as _sre
        import sre_parse as _sre_parse
    except ImportError:
        _sre = _sre_parse = None

# Items that consume no character: a match runs on to what follows them.
_ZERO_WIDTH = {_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT} if _sre else set()
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)} if _sre else set()
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)


class _NoFirstCharacters(Exception):
    """The pattern can start with a character not listed (``.``, ``\\w``, a negated class …)
    or match nothing at all."""


def finditer(pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text, pos, endpos)``, found by trying ``pattern``
    only where one of the characters it can start with stands.

    Parameters
    ----------
    pattern : re.Pattern
    text : str
    pos, endpos : int
        As for :meth:`re.Pattern.finditer`.

    Yields
    ------
    re.Match
    """
    end = len(text) if endpos is None else endpos
    first = first_characters(pattern)
    if first is None:
        yield from pattern.finditer(text, pos, end)
        return
    search, match = first.search, pattern.match
    while (candidate := search(text, pos, end)) is not None:
        found = match(text, candidate.start(), end)
        if found is None:
            pos = candidate.start() + 1
            continue
        yield found
        pos = found.end()  # never empty: a pattern that can match nothing has no first characters


@lru_cache(maxsize=256)
def first_characters(pattern: re.Pattern) -> re.Pattern | None:
    """One character class holding every character a match of ``pattern`` can start with.

    Parameters
    ----------
    pattern : re.Pattern

    Returns
    -------
    re.Pattern or None
        None when the characters cannot be listed: case folded, any character, a class by
        category or negated, a back reference, or a pattern that matches the empty string.
    """
    if _sre_parse is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        items, nullable = _first(_sre_parse.parse(pattern.pattern, pattern.flags))
    except _NoFirstCharacters:
        return None
    if nullable or not items:
        return None
    return re.compile("[" + "".join(sorted(set(items))) + "]")


def _first(sequence) -> tuple[list[str], bool]:
    """The class items (escaped characters and ranges) that can open ``sequence`` (parsed
    items in order), and whether it can match the empty string."""
    items: list[str] = []
    for op, argument in sequence:
        opening, nullable = _first_of_item(op, argument)
        items += opening
        if not nullable:
            return items, False
    return items, True


def _first_of_item(op, argument) -> tuple[list[str], bool]:
    if op is _sre.LITERAL:
        return [re.escape(chr(argument))], False
    if op is _sre.IN:
        return _class_items(argument), False
    if op is _sre.BRANCH:
        branches = [_first(branch) for branch in argument[1]]
        return [item for opening, _ in branches for item in opening], any(nullable for _, nullable in branches)
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sequence = argument
        if add_flags & re.IGNORECASE:
            raise _NoFirstCharacters
        return _first(sequence)
    if op is _ATOMIC:
        return _first(argument)
    if op in _REPEATS:
        low, _high, sequence = argument
        opening, nullable = _first(sequence)
        return opening, nullable or low == 0
    if op in _ZERO_WIDTH:
        return [], True  # checked by the pattern itself where it is tried
    raise _NoFirstCharacters


def _class_items(argument) -> list[str]:
    items = []
    for op, value in argument:
        if op is _sre.LITERAL:
            items.append(re.escape(chr(value)))
        elif op is _sre.RANGE:
            low, high = value
            items.append(f"{re.escape(chr(low))}-{re.escape(chr(high))}")
        else:  # NEGATE, CATEGORY, …
            raise _NoFirstCharacters
    return items
