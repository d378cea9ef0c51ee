"""Find many fixed phrases in one pass over the text: a character trie.

A regex alternation of many phrases makes the engine try every phrase that shares
the first character at every position, which grows with the number of phrases (a
speech quoting ten thousand distinct slogans); the trie costs each position at most
the length of the longest phrase, whatever their number, and the longest phrase
wins. A clause separator inside a phrase (、，；) matches any of them, so
“政治判断力，政治领悟力” finds the entry written with 、.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

SEPARATORS = "、，,；;"
_SEP = "\x00"  # trie key standing for "any separator"
_END = ""  # trie key marking the end of a phrase
_STRIP_SEPARATORS = str.maketrans("", "", SEPARATORS)


def phrase_key(text: str) -> str:
    """The lookup key of a phrase: its text without clause separators."""
    return text.translate(_STRIP_SEPARATORS)


class PhraseMatcher:
    """Leftmost-longest, non-overlapping matches of a fixed set of phrases.

    Parameters
    ----------
    phrases : iterable of str
        The phrases; empty strings are ignored.

    Examples
    --------
    >>> m = PhraseMatcher(["四风", "四个意识", "不敢腐、不能腐"])
    >>> [(s, e) for s, e in m.spans("增强四个意识，不敢腐，不能腐")]
    [(2, 6), (7, 14)]
    """

    def __init__(self, phrases: Iterable[str]):
        self._trie: dict = {}
        for phrase in phrases:
            if not phrase:
                continue
            node = self._trie
            for char in phrase:
                node = node.setdefault(_SEP if char in SEPARATORS else char, {})
            node[_END] = True
        first = "".join(SEPARATORS if key == _SEP else key for key in sorted(self._trie))
        # The characters that open a phrase, found by the regex engine between matches.
        self._openers = re.compile("[" + re.escape(first) + "]") if first else None

    def spans(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of each match in ``text[start:end]``."""
        if self._openers is None:
            return
        end = len(text) if end is None else end
        position = start
        while (opener := self._openers.search(text, position, end)) is not None:
            begin = opener.start()
            stop = self._longest(text, begin, end)
            if stop is None:
                position = begin + 1
            else:
                yield begin, stop
                position = stop

    def _longest(self, text: str, begin: int, end: int) -> int | None:
        """End of the longest phrase starting at ``begin``, or None."""
        node, best = self._trie, None
        for index in range(begin, end):
            char = text[index]
            node = node.get(_SEP if char in SEPARATORS else char)
            if node is None:
                break
            if _END in node:
                best = index + 1
        return best
