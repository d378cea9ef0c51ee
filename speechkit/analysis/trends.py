"""Trend terms: the terms of content whose rate rises or falls over the years of one series.

A trend is change over the years within a comparable series of documents: the same kind of
document of the same place (the national government work report of each year, a district's
reports). Pooled, a corpus's year is the vocabulary of whichever documents share it (a
logistics plan of 2022, a notice of 2020, a district's reports of 2016–2019), and the terms
that "rise" are those documents' own words. So the terms are ranked within one series, the
one spanning the most years (:func:`trend_series`), and the chart says which.

A speech's series is its ``series`` column when the metadata give one; else its ``kind``,
``level`` and ``place`` columns (those it has) with its name less the year
(``govreport-2013`` → ``govreport``, ``local-govreport-hailar-2016`` →
``local-govreport-hailar``), as folders of yearly documents are named; when no such name
recurs over two years, the names say nothing of series and the metadata alone decide.

Within the series a term is a trend when

- it is a term of content: a content term (nouns, verbs and verbal nouns, abbreviations:
  :mod:`speechkit.analysis.terms`), not an officialese word, not a word naming the
  speaker's own jurisdiction (全省, 我市, 全国: :func:`is_scope_word`) nor the series' own
  place (海拉尔 of 海拉尔区, from the metadata: :func:`names_a_place`), not a verb that says
  a figure was reached or changed (达到, 增加: :data:`MEASURE_VERBS`);
- it is spread: held by at least :data:`MIN_DOCUMENTS` documents in at least
  :data:`MIN_YEARS` years of the series (fewer only when the series has fewer), never one
  document's vocabulary;
- it changes: terms are ranked by the Cochran–Armitage test for a trend in a term's share
  of the words over the years (``|z|``, largest first; ties by term), so a term whose rate
  rises or falls steadily leads, and one that every year repeats alike does not.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus
    from ..results import Results
    from ..speech import Speech
    from .aggregates import Tally

MIN_DOCUMENTS = 3
MIN_YEARS = 3
# The columns that set a series apart, when the metadata give them (a ``series`` column decides alone).
SERIES_COLUMNS = ("kind", "level", "place")
RANKING_COLUMNS = ["term", "z", "direction", "documents", "years", "count"]
# Verbs saying a figure was reached or changed: every report says them of its own figures, so
# their rate follows how many figures a year's report gives, not what it is about.
MEASURE_VERBS = frozenset({"达到", "超过", "突破", "增加", "增长", "新增", "减少", "下降", "提高", "降低", "实现", "完成",
                           "累计"})
# A year in a file name (2013, 2024年): what a series' names differ by.
_YEAR = re.compile(r"(?:19|20)\d{2}年?")
_SEPARATORS = re.compile(r"[-_\s.]+")
# 全省, 全市, 我区, 本县, 全国 …: the speaker's own jurisdiction, said by every document of every place.
_SCOPE = re.compile(r"[全我本该][国省市区县州旗盟乡镇村]")


def is_scope_word(term: str) -> bool:
    """Whether ``term`` names the speaker's own jurisdiction (全省, 我市, 全国 …): a word
    of address, not of content."""
    return _SCOPE.fullmatch(term) is not None


def series_key(speech: Speech, *, by_name: bool = True) -> str:
    """The series of ``speech`` (see the module docstring): its ``series`` column, else
    its ``kind``, ``level`` and ``place`` with (``by_name``) its name less the year, joined
    by `` / `` (empty: nothing sets it apart)."""
    from ..corpus import group_key

    given = group_key(speech, "series")
    if given is not None:
        return str(given)
    parts = [str(value) for value in (group_key(speech, column) for column in SERIES_COLUMNS) if value is not None]
    name = _SEPARATORS.sub("-", _YEAR.sub("", speech.id)).strip("-") if by_name else ""
    return " / ".join(parts + ([name] if name else []))


def series_places(speeches: Iterable[Speech]) -> frozenset[str]:
    """The places of ``speeches`` as their metadata name them
    (:func:`~speechkit.extract.place.metadata_place`), the nation left out."""
    from ..extract.place import NATIONAL, metadata_place

    return frozenset(place for place in map(metadata_place, speeches) if place is not None and place != NATIONAL)


def names_a_place(term: str, places: Collection[str]) -> bool:
    """Whether ``term`` is one of ``places`` or part of its name (海拉尔 of 海拉尔区): each
    place's reports say its own name every year."""
    return any(term in place for place in places)


@dataclass(frozen=True)
class TrendSeries:
    """The series the trend terms are ranked within: its ``label`` (None when the dated
    speeches are one series), the ``positions`` of its speeches in the corpus, its ``years``
    and how many series the dated speeches form (``series``)."""

    label: str | None
    positions: tuple[int, ...]
    years: tuple[int, ...]
    series: int


def trend_series(corpus: Corpus) -> TrendSeries | None:
    """The series of the dated speeches of ``corpus`` (:func:`series_key`) that spans the
    most years (then: has the most speeches; then: its key); None without a dated speech.
    Names that never recur over two years form no series: the speeches are then told
    apart by their metadata alone.

    Parameters
    ----------
    corpus : Corpus

    Returns
    -------
    TrendSeries or None
    """
    dated = [position for position, speech in enumerate(corpus) if speech.year is not None]
    if not dated:
        return None
    found = _longest_series(corpus, dated, by_name=True)
    return found if len(found.years) > 1 else _longest_series(corpus, dated, by_name=False)


def _longest_series(corpus: Corpus, dated: Sequence[int], *, by_name: bool) -> TrendSeries:
    members: dict[str, list[int]] = {}
    for position in dated:
        members.setdefault(series_key(corpus[position], by_name=by_name), []).append(position)

    def years(positions: list[int]) -> tuple[int, ...]:
        return tuple(sorted({corpus[i].year for i in positions}))

    key = min(members, key=lambda k: (-len(years(members[k])), -len(members[k]), k))
    return TrendSeries(key if len(members) > 1 else None, tuple(members[key]), years(members[key]), len(members))


def series_tally(results: Results) -> Tally:
    """The counts of ``results`` by year that the trend ranking reads: the content terms
    (``terms``), the speeches holding each (``documents``), the words (``words``) and the
    speeches (``speeches``), merged
    from one partial per speech (speeches without a year left out).

    Parameters
    ----------
    results : Results

    Returns
    -------
    Tally
    """
    from dataclasses import replace

    import numpy as np

    from .aggregates import REDUCE_CHUNK, CountTable, Tally, reduce_partials, speech_tally

    def partial(speech, result) -> Tally:
        counted = speech_tally(result, speech.year).tables
        tables = {"words": counted["words"], "speeches": CountTable.row(None, (speech.year,), [1])}
        terms = counted.get("terms")
        if terms is not None:
            # The speech holds each of its terms once: its counts of terms, each set to 1.
            tables.update(terms=terms, documents=replace(terms, counts=np.ones_like(terms.counts)))
        return Tally(tables)

    dated = (partial(speech, result) for speech, result in results.pairs() if speech.year is not None)
    return reduce_partials(dated, Tally.identity(), chunk=REDUCE_CHUNK)


@dataclass(frozen=True)
class TermTrends:
    """The trend terms of a corpus: the ``series`` they are ranked within, the ``ranking``
    (:func:`trend_ranking`) and the ``rates`` of its terms per 10,000 words in each year of
    the series (index the years, a column per ranked term, in rank order)."""

    series: TrendSeries
    ranking: pd.DataFrame
    rates: pd.DataFrame

    def terms(self, top: int) -> list[str]:
        """The ``top`` trend terms: the best rising and the best falling in turn (the
        strongest first), the rest of one direction when the other runs out, so a chart
        shows what rose and what fell."""
        from itertools import chain, zip_longest

        rising, falling = (self.ranking.loc[self.ranking["direction"] == way, "term"].tolist()
                           for way in ("rising", "falling"))
        first, second = (rising, falling) if not falling or (rising and rising[0] == self.ranking["term"].iat[0]) \
            else (falling, rising)
        turns = chain.from_iterable(zip_longest(first, second))
        return [term for term in turns if term is not None][:top]


def term_trends(results: Results, *, exclude: frozenset[str] = frozenset()) -> TermTrends | None:
    """The trend terms of ``results``: ranked (:func:`trend_ranking`) within the series
    spanning the most years (:func:`trend_series`), whose results alone are read, once,
    the names of its places (:func:`series_places`) left out.

    Parameters
    ----------
    results : Results
    exclude : frozenset of str
        Words never ranked (the officialese words).

    Returns
    -------
    TermTrends or None
        None without a dated speech.
    """
    series = trend_series(results.corpus)
    if series is None:
        return None
    part = results.take(series.positions)
    ranking, rates = trend_ranking(series_tally(part), exclude=exclude, places=series_places(part.speeches))
    return TermTrends(series, ranking, rates)


def trend_ranking(tally: Tally, *, exclude: frozenset[str] = frozenset(), places: Collection[str] = (),
                  min_documents: int = MIN_DOCUMENTS, min_years: int = MIN_YEARS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The trend terms of one series' counts (:func:`series_tally`), best first, and their rates.

    Parameters
    ----------
    tally : Tally
        The ``terms``, ``documents``, ``words`` and ``speeches`` of the series by year.
    exclude : frozenset of str
        Words never ranked (the officialese words).
    places : collection of str
        The series' own places (:func:`series_places`), whose names are never ranked.
    min_documents, min_years : int
        The speeches and years a term must be held by (at most those of the series, at
        least two).

    Returns
    -------
    ranking : pandas.DataFrame
        ``term, z, direction, documents, years, count``: the Cochran–Armitage statistic
        (positive: rising), ``rising`` or ``falling``, the speeches and years holding the term
        and its occurrences; by ``|z|`` (largest first), then term. Empty when the series
        has fewer than two years.
    rates : pandas.DataFrame
        Each ranked term's occurrences per 10,000 words in each year: index the years, a
        column per term, in rank order.
    """
    import numpy as np
    import pandas as pd

    from .by_group.compare import RATE_BASE

    counts = tally.table("terms")
    held = tally.table("documents")
    words = tally.column("words")
    years = [year for year in words if year is not None]
    needed_documents = max(2, min(min_documents, sum(tally.column("speeches").values())))
    needed_years = max(2, min(min_years, len(years)))
    terms = sorted({term for year in years for term in counts.get(year, {})
                    if term not in exclude and term not in MEASURE_VERBS and not is_scope_word(term)
                    and not (places and names_a_place(term, places))})
    index = {term: i for i, term in enumerate(terms)}
    occurrences = _matrix(counts, years, index)
    documents = _matrix(held, years, index).sum(axis=1).astype(int)
    spread = (occurrences > 0).sum(axis=1)
    kept = (documents >= needed_documents) & (spread >= needed_years) & (len(years) > 1)
    totals = np.array([words[year] for year in years], dtype=float)
    chosen = [term for term, keep in zip(terms, kept) if keep]
    occurrences = occurrences[kept]
    z = _armitage_z(occurrences, totals, np.array(years, dtype=float))
    order = sorted(range(len(chosen)), key=lambda i: (-abs(z[i]), chosen[i]))
    ranking = pd.DataFrame({
        "term": [chosen[i] for i in order],
        "z": np.round(z[order], 3),
        "direction": np.where(z[order] >= 0, "rising", "falling"),
        "documents": documents[kept][order],
        "years": spread[kept][order],
        "count": occurrences[order].sum(axis=1).astype(int),
    }, columns=RANKING_COLUMNS)
    rates = pd.DataFrame(np.round(occurrences[order].T * RATE_BASE / np.maximum(totals, 1)[:, None], 3),
                         index=pd.Index(years, name="year"), columns=ranking["term"])
    return ranking, rates


def _matrix(nested: dict, years: Sequence[Hashable], index: dict[str, int]):
    """Terms × years of ``nested`` (``{year: {term: n}}``) over the terms of ``index``."""
    import numpy as np

    matrix = np.zeros((len(index), len(years)), dtype=float)
    for column, year in enumerate(years):
        for term, n in nested.get(year, {}).items():
            row = index.get(term)
            if row is not None:
                matrix[row, column] = n
    return matrix


def _armitage_z(occurrences, words, years):
    """The Cochran–Armitage trend statistic of each row of ``occurrences`` (terms × years)
    out of ``words`` per year, the years scored by their number: positive when the term's
    share of the words rises."""
    import numpy as np

    total = words.sum()
    share = occurrences.sum(axis=1) / total
    centred = years - (words * years).sum() / total
    statistic = occurrences @ centred
    variance = share * (1 - share) * (words * centred**2).sum()
    return np.divide(statistic, np.sqrt(variance), out=np.zeros_like(statistic), where=variance > 0)
