"""Counting a speech's category matches: over the whole speech and over each outline section."""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ...model import CategoryCount, CategoryShares, SectionCategories, TermCount
from .dictionary import as_dictionary
from .matcher import CategoryMatcher, Match

if TYPE_CHECKING:
    from ...segment import Tokenizer
    from ...speech import Speech


class _Counted(NamedTuple):
    """Matches and content-token starts of one speech, for counting over any span."""

    matches: list[Match]
    content_starts: list[int]


def _count(tokens, matcher: CategoryMatcher, content: Sequence[bool] | None = None) -> _Counted:
    """Matches and content-token starts of column-wise tokens (``content``: their
    content flags, when already known)."""
    from ..terms import content_mask

    content = content_mask(tokens) if content is None else content
    content_starts = list(compress(tokens.starts, content))
    return _Counted(matcher.matches(tokens.texts, tokens.starts, content), content_starts)


def speech_categories(speech: Speech, outline, tokens, matcher: CategoryMatcher, content: Sequence[bool] | None = None):
    """Category shares of a whole speech and of its sections, from one count.

    Returns
    -------
    tuple of (CategoryShares, list of SectionCategories)
        The :func:`category_shares` result and the rows of
        :func:`~speechkit.analysis.categories.section_category_table`.
    """
    counted = _count(tokens, matcher, content)
    starts = [m.start for m in counted.matches]
    whole = _span_result(counted, matcher.names, 0, len(speech.text), starts)
    return whole, _section_rows(counted, matcher.names, outline.sections, starts, "share")


def _section_rows(counted: _Counted, names: list[str], sections, starts: list[int], value: str) -> list[SectionCategories]:
    """A row per section with ``value`` (``count`` or ``share``) per category: only the counts
    of each category in the section are needed, not its terms."""
    categories = [m.category for m in counted.matches]
    rows = []
    for path, section in _iter_sections(sections):
        lo, hi = bisect_left(starts, section.start), bisect_left(starts, section.end)
        tokens = _tokens_in(counted, section.start, section.end)
        counts = [0] * len(names)
        for category in categories[lo:hi]:
            counts[category] += 1
        values = counts if value == "count" else [_share(count, tokens) for count in counts]
        rows.append(SectionCategories(path, section.level, section.title, section.start, section.end, tokens,
                                      dict(zip(names, values))))
    return rows


def _tokens_in(counted: _Counted, start: int, end: int) -> int:
    """Content tokens starting in ``[start, end)``."""
    return bisect_left(counted.content_starts, end) - bisect_left(counted.content_starts, start)


def _share(count: int, tokens: int) -> float:
    return count / tokens if tokens else 0.0


def _span_result(counted: _Counted, names: list[str], start: int, end: int, match_starts: list[int]) -> CategoryShares:
    lo, hi = bisect_left(match_starts, start), bisect_left(match_starts, end)
    n_tokens = _tokens_in(counted, start, end)
    per_category: list[dict[str, int]] = [{} for _ in names]
    for match in counted.matches[lo:hi]:
        terms = per_category[match.category]
        terms[match.term] = terms.get(match.term, 0) + 1
    categories = []
    for name, terms in zip(names, per_category):
        count = sum(terms.values())
        ranked = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))
        categories.append(CategoryCount(name, count, _share(count, n_tokens),
                                        tuple(TermCount(term, n) for term, n in ranked)))
    return CategoryShares(n_tokens, tuple(categories))


def category_shares(speech: Speech, dictionary=None, *, tokenizer: Tokenizer | None = None, matcher: CategoryMatcher | None = None) -> CategoryShares:
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
    CategoryShares
        ``tokens`` is the number of content tokens; ``categories`` a
        :class:`~speechkit.model.CategoryCount` per category in dictionary order, its
        terms by count (most first). ``to_dict()`` gives ``{"tokens": N, "categories":
        [{"category", "count", "share", "terms": [{"term", "count"}, ...]}, ...]}``.

    Examples
    --------
    >>> from speechkit import Speech
    >>> result = category_shares(Speech("全力做好疫情防控，持续优化营商环境。"))
    >>> [(c.category, c.count) for c in result.categories if c.count][:2]
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


