"""A category dictionary compiled against a tokenizer, matching its terms in a speech's tokens."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, count
from operator import and_
from typing import TYPE_CHECKING, NamedTuple

from ...segment import get_tokenizer
from .dictionary import CategoryDictionary, default_dictionary, is_glob

if TYPE_CHECKING:
    from ...segment import Tokenizer


class Match(NamedTuple):
    """One occurrence of a category term: where it starts, its category and its words."""

    start: int
    category: int
    term: str


class CategoryMatcher:
    """A dictionary compiled against a tokenizer: phrases keyed by their first word,
    globs as regular expressions. Build it once and reuse it for many speeches."""

    def __init__(self, dictionary: CategoryDictionary, tokenizer=None):
        tokenizer = tokenizer or get_tokenizer()
        self.names = dictionary.names
        self._phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._globs: list[tuple[re.Pattern, int]] = []
        # Which globs a word matches, kept across speeches: the answer depends on the word only.
        self._glob_memo: dict[str, list[int]] = {}
        self._globbed: set[str] = set()  # the words of the memo some glob matches
        for index, (_, terms) in enumerate(dictionary.categories):
            for term in terms:
                if is_glob(term):
                    self._globs.append((re.compile(fnmatch.translate(term)), index))
                else:
                    words = _term_words(term, tokenizer)
                    self._phrases.setdefault(words[0], []).append((words, index))
        # Most terms are one word: a word that starts only such terms matches them all at once.
        self._one_word: dict[str, tuple[int, ...]] = {
            word: tuple(sorted({category for _, category in terms}))
            for word, terms in self._phrases.items()
            if all(len(words) == 1 for words, _ in terms)
        }

    def matches(self, texts: Sequence[str], starts: Sequence[int], content: Sequence[bool]) -> list[Match]:
        """All category matches in a token sequence, in text order.

        Parameters
        ----------
        texts, starts : sequence
            Token texts and start offsets.
        content : sequence of bool
            Which tokens are content tokens (globs match only those).

        Within one category, matches do not overlap: at each position the longest term
        wins and the words it covers are not matched again for that category.
        """
        found: list[Match] = []
        covered = [0] * len(self.names)
        glob_memo = self._glob_memo
        phrases, one_word = self._phrases, self._one_word
        for i in self._candidates(texts, content):
            text = texts[i]
            glob_hits = glob_memo.get(text, ()) if content[i] else ()
            categories = one_word.get(text)
            if categories is not None and not glob_hits:
                for category in categories:
                    if i >= covered[category]:
                        covered[category] = i + 1
                        found.append(Match(starts[i], category, text))
                continue
            candidates = phrases.get(text)
            best: dict[int, int] = {}
            for words, category in candidates or ():
                if len(words) > best.get(category, 0) and _words_at(texts, i, words):
                    best[category] = len(words)
            for category in glob_hits:
                best.setdefault(category, 1)
            for category in sorted(best):
                if i >= covered[category]:
                    length = best[category]
                    covered[category] = i + length
                    found.append(Match(starts[i], category, "".join(texts[i : i + length])))
        return found

    def _candidates(self, texts: Sequence[str], content: Sequence[bool]) -> list[int]:
        """Positions of the tokens that may start a match, ascending: a term's first word,
        or a content word some glob matches. Most tokens start none, and the test of each
        runs in compiled loops (set membership mapped over the texts), not in Python."""
        positions = compress(count(), map(self._phrases.__contains__, texts))
        if not self._globs:
            return list(positions)
        for word in set(texts).difference(self._glob_memo):
            self._glob_categories(word)
        glob_positions = compress(count(), map(and_, map(self._globbed.__contains__, texts), content))
        return sorted(set(positions).union(glob_positions))

    def _glob_categories(self, word: str) -> list[int]:
        """The categories whose globs match ``word``, remembered (they depend on the word only)."""
        hit = self._glob_memo[word] = sorted({category for pattern, category in self._globs if pattern.match(word)})
        if hit:
            self._globbed.add(word)
        return hit


def _term_words(term: str, tokenizer) -> tuple[str, ...]:
    return tuple(t.text for part in term.split(" ") for t in tokenizer.tokenize(part))


def _words_at(texts: Sequence[str], i: int, words: tuple[str, ...]) -> bool:
    # One slice compared at once (a slice cut short by the end of the text differs too).
    return tuple(texts[i : i + len(words)]) == words


@lru_cache(maxsize=8)
def default_matcher(tokenizer: Tokenizer) -> CategoryMatcher:
    """The bundled dictionary compiled for ``tokenizer``, once per process."""
    return CategoryMatcher(default_dictionary(), tokenizer)
