"""Category dictionaries: how much attention a speech gives each theme.

A category dictionary maps a category (党的建设, 营商环境 …) to the terms that signal it,
as KH Coder's coding rules and quanteda's dictionaries do. speechkit bundles a default
written for the genre (``speechkit/data/categories.yaml``); researchers load their own
YAML file of the same format::

    党的建设: [党建, 党组织, 从严治党]
    招商: [招商*, 签约, 落地]

Terms are matched against a speech's tokens. A term the segmenter splits into several
words is matched as that word sequence; spaces in a term spell the sequence out. A term
with ``*`` or ``?`` is a glob over single content words (``招商*`` matches 招商 and
招商引资). The share of a category is its number of matches divided by the number of
content tokens (:func:`speechkit.segment.is_content`); a word may count for several
categories, so shares need not add up to 1.
"""

from __future__ import annotations

from functools import lru_cache

import fnmatch
import re
from bisect import bisect_left
from itertools import compress, count
from operator import and_
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import SpeechkitError
from ..ingest.resources import data_path
from ..resource_files import read_text_file
from ..segment import get_tokenizer

DEFAULT_DICTIONARY = "categories.yaml"
_GLOB_CHARS = frozenset("*?")


@dataclass(frozen=True)
class CategoryDictionary:
    """An ordered mapping of category name to its terms.

    Attributes
    ----------
    categories : tuple of (str, tuple of str)
        Category names with their terms, in the order of the source file.
    source : str or None
        Where the dictionary was read from (for messages).
    """

    categories: tuple[tuple[str, tuple[str, ...]], ...]
    source: str | None = None

    @property
    def names(self) -> list[str]:
        """The category names, in dictionary order."""
        return [name for name, _ in self.categories]

    def terms(self, name: str) -> tuple[str, ...]:
        """The terms of category ``name``."""
        for category, terms in self.categories:
            if category == name:
                return terms
        raise KeyError(name)

    def extended(self, other: "CategoryDictionary") -> "CategoryDictionary":
        """This dictionary with ``other`` laid over it: a category of ``other`` replaces
        the one of the same name here, new categories come after the existing ones."""
        replaced = dict(other.categories)
        merged = [(name, replaced.pop(name, terms)) for name, terms in self.categories]
        merged += [(name, terms) for name, terms in other.categories if name in replaced]
        return CategoryDictionary(tuple(merged), other.source)

    def to_dict(self) -> dict[str, list[str]]:
        """JSON-ready ``{category: [terms]}``."""
        return {name: list(terms) for name, terms in self.categories}


# --- reading and validating ----------------------------------------------------------


def dictionary_from_mapping(data: Any, source: str = "<dictionary>") -> CategoryDictionary:
    """Validate a ``{category: [terms]}`` mapping and build a CategoryDictionary.

    Raises
    ------
    SpeechkitError
        If the mapping is empty, a name is not text, or a category's terms are not a
        non-empty list of non-empty strings (a glob must contain more than ``*``/``?``).
    """
    if not isinstance(data, Mapping) or not data:
        raise SpeechkitError(f"{source}: a category dictionary must be a non-empty mapping 'category: [terms]'")
    categories = []
    for name, terms in data.items():
        if not isinstance(name, str) or not name.strip():
            raise SpeechkitError(f"{source}: category name {name!r} is not a non-empty text")
        name = name.strip()
        if isinstance(terms, str) or not isinstance(terms, Sequence) or not terms:
            raise SpeechkitError(f"{source}: category {name!r} needs a non-empty list of terms, got {terms!r}")
        categories.append((name, _clean_terms(terms, name, source)))
    return CategoryDictionary(tuple(categories), source)


def _clean_terms(terms: Sequence, name: str, source: str) -> tuple[str, ...]:
    cleaned: dict[str, None] = {}
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise SpeechkitError(f"{source}: category {name!r} has a term {term!r} that is not a non-empty text")
        term = " ".join(term.split())
        if _is_glob(term):
            if " " in term:
                raise SpeechkitError(f"{source}: category {name!r}: glob term {term!r} cannot span several words")
            if not set(term) - _GLOB_CHARS:
                raise SpeechkitError(f"{source}: category {name!r}: glob term {term!r} would match every word")
        cleaned.setdefault(term, None)
    return tuple(cleaned)


def read_dictionary(path: str | Path) -> CategoryDictionary:
    """Read a category dictionary from a YAML file (``category: [terms]``).

    Raises
    ------
    SpeechkitError
        If the file is missing, not UTF-8, not valid YAML or not of that format.
    """
    import yaml

    text = read_text_file(path, what="category dictionary")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SpeechkitError(f"{path}: not valid YAML{where}") from None
    return dictionary_from_mapping(data, str(path))


@lru_cache(maxsize=1)
def default_dictionary() -> CategoryDictionary:
    """The bundled category dictionary (党的建设, 经济发展, 项目与投资 …); read once,
    it is immutable."""
    return read_dictionary(data_path(DEFAULT_DICTIONARY))


def load_dictionary(path: str | Path | None = None, *, extend: bool = False) -> CategoryDictionary:
    """The dictionary to use: the bundled one, a user file, or a user file over the bundled one.

    Parameters
    ----------
    path : str or Path, optional
        A user YAML dictionary. Without it, the bundled default.
    extend : bool
        Lay the user dictionary over the bundled one (same-named categories are
        replaced, new ones added) instead of using it alone.
    """
    if path is None:
        return default_dictionary()
    user = read_dictionary(path)
    return default_dictionary().extended(user) if extend else user


def as_dictionary(dictionary: CategoryDictionary | Mapping | str | Path | None) -> CategoryDictionary:
    """Accept a CategoryDictionary, a plain ``{category: [terms]}`` mapping, a YAML path,
    or None (the bundled default)."""
    if dictionary is None:
        return default_dictionary()
    if isinstance(dictionary, CategoryDictionary):
        return dictionary
    if isinstance(dictionary, Mapping):
        return dictionary_from_mapping(dictionary)
    return read_dictionary(dictionary)


# --- matching ------------------------------------------------------------------------


class Match(NamedTuple):
    """One occurrence of a category term: where it starts, its category and its words."""

    start: int
    category: int
    term: str


def _is_glob(term: str) -> bool:
    return any(ch in _GLOB_CHARS for ch in term)


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
                if _is_glob(term):
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


# --- counting ------------------------------------------------------------------------


class _Counted(NamedTuple):
    """Matches and content-token starts of one speech, for counting over any span."""

    matches: list[Match]
    content_starts: list[int]


def _count(tokens, matcher: CategoryMatcher, content: Sequence[bool] | None = None) -> _Counted:
    """Matches and content-token starts of column-wise tokens (``content``: their
    content flags, when already known)."""
    from .terms import content_mask

    content = content_mask(tokens) if content is None else content
    content_starts = [start for start, flag in zip(tokens.starts, content) if flag]
    return _Counted(matcher.matches(tokens.texts, tokens.starts, content), content_starts)


@lru_cache(maxsize=8)
def default_matcher(tokenizer) -> CategoryMatcher:
    """The bundled dictionary compiled for ``tokenizer``, once per process."""
    return CategoryMatcher(default_dictionary(), tokenizer)


def speech_categories(speech, outline, tokens, matcher: CategoryMatcher, content: Sequence[bool] | None = None):
    """Category shares of a whole speech and the rows of its sections, from one count.

    Returns
    -------
    tuple of (dict, list of dict)
        The :func:`category_shares` result and the rows of :func:`section_category_table`.
    """
    counted = _count(tokens, matcher, content)
    starts = [m.start for m in counted.matches]
    whole = _span_result(counted, matcher.names, 0, len(speech.text), starts)
    return whole, _section_rows(counted, matcher.names, outline.sections, starts, "share")


def _section_rows(counted: _Counted, names: list[str], sections, starts: list[int], value: str) -> list[dict]:
    rows = []
    for path, section in _iter_sections(sections):
        result = _span_result(counted, names, section.start, section.end, starts)
        row = {"section": path, "level": section.level, "title": section.title,
               "start": section.start, "end": section.end, "tokens": result["tokens"]}
        row.update({c["category"]: c[value] for c in result["categories"]})
        rows.append(row)
    return rows


def _span_result(counted: _Counted, names: list[str], start: int, end: int, match_starts: list[int]) -> dict:
    lo, hi = bisect_left(match_starts, start), bisect_left(match_starts, end)
    n_tokens = bisect_left(counted.content_starts, end) - bisect_left(counted.content_starts, start)
    per_category: list[dict[str, int]] = [{} for _ in names]
    for match in counted.matches[lo:hi]:
        terms = per_category[match.category]
        terms[match.term] = terms.get(match.term, 0) + 1
    categories = []
    for name, terms in zip(names, per_category):
        count = sum(terms.values())
        categories.append(
            {
                "category": name,
                "count": count,
                "share": count / n_tokens if n_tokens else 0.0,
                "terms": [{"term": t, "count": c} for t, c in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))],
            }
        )
    return {"tokens": n_tokens, "categories": categories}


def category_shares(speech, dictionary=None, *, tokenizer=None, matcher: CategoryMatcher | None = None) -> dict:
    """Share of a speech's content tokens that match each category.

    Parameters
    ----------
    speech : Speech
    dictionary : CategoryDictionary, mapping, path or None
        The categories (None: the bundled default).
    tokenizer : Tokenizer, optional
        Segment with this tokenizer instead of the speech's default tokens.
    matcher : CategoryMatcher, optional
        A compiled dictionary to reuse across speeches (then ``dictionary`` is ignored).

    Returns
    -------
    dict
        JSON-ready ``{"tokens": N, "categories": [{"category", "count", "share",
        "terms": [{"term", "count"}, ...]}, ...]}``: ``tokens`` is the number of content
        tokens, categories are in dictionary order, terms by count (most first).

    Examples
    --------
    >>> from speechkit import Speech
    >>> result = category_shares(Speech("全力做好疫情防控，持续优化营商环境。"))
    >>> [(c["category"], c["count"]) for c in result["categories"] if c["count"]][:2]
    [('营商环境', 1), ('安全稳定', 1)]
    """
    matcher = matcher or CategoryMatcher(as_dictionary(dictionary), tokenizer)
    counted = _count(speech.tokens(tokenizer), matcher)
    starts = [m.start for m in counted.matches]
    return _span_result(counted, matcher.names, 0, len(speech.text), starts)


def _iter_sections(sections, prefix: str = "") -> Iterable[tuple[str, Any]]:
    for index, section in enumerate(sections, 1):
        path = f"{prefix}{index}"
        yield path, section
        yield from _iter_sections(section.children, path + ".")


def section_category_table(speech, outline=None, dictionary=None, *, value: str = "share", tokenizer=None):
    """Category shares (or counts) in every section of a speech's outline.

    Parameters
    ----------
    speech : Speech
    outline : Outline or list of Section, optional
        The outline; by default :func:`speechkit.extract.outline.structure.extract_outline`.
    dictionary : CategoryDictionary, mapping, path or None
    value : {"share", "count"}
        What the category columns hold.

    Returns
    -------
    pandas.DataFrame
        One row per section in document order (a parent before its children), with
        columns ``section`` (position path such as ``2.3``), ``level``, ``title``,
        ``start``, ``end``, ``tokens`` (content tokens in the section) and one column
        per category. A parent's span includes its children.
    """
    import pandas as pd

    _check_value(value)
    dictionary = as_dictionary(dictionary)
    if outline is None:
        from ..extract.outline.structure import extract_outline

        outline = extract_outline(speech, keywords=0)
    sections = getattr(outline, "sections", outline)
    matcher = CategoryMatcher(dictionary, tokenizer)
    counted = _count(speech.tokens(tokenizer), matcher)
    rows = _section_rows(counted, matcher.names, sections, [m.start for m in counted.matches], value)
    columns = ["section", "level", "title", "start", "end", "tokens", *matcher.names]
    return pd.DataFrame(rows, columns=columns)


def category_table(corpus, dictionary=None, *, by: str = "speech", value: str = "share",
                   shares: Mapping[str, dict] | None = None, tokenizer=None):
    """Category shares (or counts) per speech, per year or per any metadata variable.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    dictionary : CategoryDictionary, mapping, path or None
    by : str
        ``"speech"`` for one row per speech, or a metadata variable (``"year"``,
        ``"speaker"``, a manifest column) to pool the speeches of each value.
    value : {"share", "count"}
        What the category columns hold. A group's share is its pooled count divided by
        its pooled content tokens (long speeches weigh more than short ones).
    shares : mapping of speech id to :func:`category_shares` result, optional
        Results computed earlier (e.g. cached by the pipeline); other speeches are
        computed here.

    Returns
    -------
    pandas.DataFrame
        Indexed by speech id (with ``year`` and ``title`` columns) or by the group value,
        with ``tokens`` and one column per category, in dictionary order.
    """
    import pandas as pd

    _check_value(value)
    dictionary = as_dictionary(dictionary)
    matcher = None
    results: dict[str, dict] = {}
    for speech in corpus:
        cached = (shares or {}).get(speech.id)
        if cached is None:
            matcher = matcher or CategoryMatcher(dictionary, tokenizer)
            cached = category_shares(speech, tokenizer=tokenizer, matcher=matcher)
        results[speech.id] = cached
    names = dictionary.names
    if by == "speech":
        rows = [_table_row({"speech": s.id, "year": s.year, "title": s.title}, [results[s.id]], names, value) for s in corpus]
        key = "speech"
    else:
        rows = [_table_row({by: group}, [results[s.id] for s in members], names, value)
                for group, members in _groups(corpus, by).items()]
        key = by
    frame = pd.DataFrame(rows, columns=[*rows[0]] if rows else [key, "tokens", *names])
    if by == "speech":
        frame["year"] = frame["year"].astype("Int64")
    return frame.set_index(key)


def _groups(corpus, by: str) -> dict:
    if hasattr(corpus, "groups"):
        return corpus.groups(by)
    from ..corpus import Corpus

    return Corpus(list(corpus)).groups(by)


def _table_row(row: dict, results: list[dict], names: list[str], value: str) -> dict:
    tokens = sum(r["tokens"] for r in results)
    counts = dict.fromkeys(names, 0)
    for result in results:
        for entry in result["categories"]:
            if entry["category"] in counts:
                counts[entry["category"]] += entry["count"]
    row["tokens"] = tokens
    for name in names:
        row[name] = counts[name] if value == "count" else (counts[name] / tokens if tokens else 0.0)
    return row


def _check_value(value: str) -> None:
    if value not in ("share", "count"):
        raise SpeechkitError(f"value must be 'share' or 'count', not {value!r}")
