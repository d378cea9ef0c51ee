"""A category dictionary compiled against a tokenizer, matching its terms in a speech's tokens."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress, count
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
        phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._globs: list[tuple[re.Pattern, int]] = []
        # Which globs a word matches, kept across speeches: the answer depends on the word only.
        # Tuples of ints, which the garbage collector stops walking (a list per word it walks
        # at every full collection).
        self._glob_memo: dict[str, tuple[int, ...]] = {}
        self._globbed: set[str] = set()  # the words of the memo some glob matches
        for index, (_, terms) in enumerate(dictionary.categories):
            for term in terms:
                if is_glob(term):
                    self._globs.append((re.compile(fnmatch.translate(term)), index))
                else:
                    words = _term_words(term, tokenizer)
                    phrases.setdefault(words[0], []).append((words, index))
        # Most terms are one word, matched by the word alone: the categories of each first
        # word's one-word terms, and apart, its longer terms, longest first (the first of a
        # category that matches is its longest).
        self._one_word: dict[str, tuple[int, ...]] = {
            word: tuple(sorted({category for words, category in terms if len(words) == 1}))
            for word, terms in phrases.items()
        }
        self._longer: dict[str, list[tuple[list[str], int, int]]] = {
            word: sorted(((list(words), len(words), category) for words, category in terms if len(words) > 1),
                         key=lambda term: -term[1])
            for word, terms in phrases.items()
            if any(len(words) > 1 for words, _ in terms)
        }

    def matches(self, texts: Sequence[str], starts: Sequence[int], content: Sequence[bool]) -> list[Match]:
        """All category matches in a token sequence, in text order.

        Parameters
        ----------
        texts : sequence of str
            Token texts (any other sequence than a list is copied into one: a term's words are
            compared with a slice of it).
        starts : sequence of int
            Token start offsets.
        content : sequence of bool
            Which tokens are content tokens (globs match only those).

        Within one category, matches do not overlap: at each position the longest term
        wins and the words it covers are not matched again for that category.
        """
        texts = texts if isinstance(texts, list) else list(texts)
        found: list[Match] = []
        covered = [0] * len(self.names)
        glob_memo, one_word, longer_terms = self._glob_memo, self._one_word, self._longer
        for i in self._candidates(texts):
            text = texts[i]
            glob_hits = glob_memo.get(text, ()) if content[i] else ()
            longer = longer_terms.get(text)
            if longer is None and not glob_hits:
                for category in one_word.get(text, ()):
                    if i >= covered[category]:
                        covered[category] = i + 1
                        found.append(Match(starts[i], category, text))
                continue
            best: dict[int, int] = {}
            for words, length, category in longer or ():
                # One slice compared at once (a slice cut short by the end of the text differs too).
                if category not in best and texts[i : i + length] == words:
                    best[category] = length
            for category in (*one_word.get(text, ()), *glob_hits):
                best.setdefault(category, 1)
            for category in sorted(best):
                if i >= covered[category]:
                    length = best[category]
                    covered[category] = i + length
                    found.append(Match(starts[i], category, "".join(texts[i : i + length])))
        return found

    def _candidates(self, texts: Sequence[str]) -> Iterator[int]:
        """Positions of the tokens that may start a match, ascending: a term's first word,
        or a word some glob matches (a match only where it is a content word). Most tokens
        start none: the words that may are found among the speech's distinct words, and
        each token tested in a compiled loop (set membership mapped over the texts)."""
        words = set(texts)
        starting = self._one_word.keys() & words
        if self._globs:
            for word in words.difference(self._glob_memo):
                self._glob_categories(word)
            starting |= words & self._globbed
        return compress(count(), map(starting.__contains__, texts))

    def _glob_categories(self, word: str) -> tuple[int, ...]:
        """The categories whose globs match ``word``, remembered (they depend on the word only)."""
        hit = self._glob_memo[word] = tuple(sorted({category for pattern, category in self._globs if pattern.match(word)}))
        if hit:
            self._globbed.add(word)
        return hit


def _term_words(term: str, tokenizer) -> tuple[str, ...]:
    return tuple(t.text for part in term.split(" ") for t in tokenizer.tokenize(part))


@lru_cache(maxsize=8)
def default_matcher(tokenizer: Tokenizer) -> CategoryMatcher:
    """The bundled dictionary compiled for ``tokenizer``, once per process."""
    return CategoryMatcher(default_dictionary(), tokenizer)
