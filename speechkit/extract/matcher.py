"""Find many fixed phrases in one pass: a trie compiled into a single regex.

A plain alternation of a few hundred phrases makes the regex engine try every
phrase at every position; the trie form shares prefixes, so each position costs
at most the length of the longest phrase, and the longest phrase wins. A clause
separator inside a phrase (、，；) matches any of them, so “政治判断力，政治领悟力”
finds the entry written with 、.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

SEPARATORS = "、，,；;"
_SEP = "\x00"  # trie key standing for "any separator"
_SEP_CLASS = "[" + re.escape(SEPARATORS) + "]"
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
        trie: dict = {}
        count = 0
        for phrase in phrases:
            if not phrase:
                continue
            node = trie
            for char in phrase:
                node = node.setdefault(_SEP if char in SEPARATORS else char, {})
            node[""] = True
            count += 1
        self._regex = re.compile(_trie_pattern(trie)) if count else None

    def spans(self, text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` of each match in ``text[start:end]``."""
        if self._regex is None:
            return
        end = len(text) if end is None else end
        for match in self._regex.finditer(text, start, end):
            yield match.span()


def _trie_pattern(node: dict) -> str:
    """Regex for the phrases below ``node``; optional tails make longer phrases win."""
    branches = []
    for char in sorted(key for key in node if key):
        head = _SEP_CLASS if char == _SEP else re.escape(char)
        branches.append(head + _trie_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
