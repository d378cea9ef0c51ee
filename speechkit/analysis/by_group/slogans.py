"""Slogans across years: which formulations a corpus uses when, which are new, which dropped.

The timeline is a table with one row per slogan and one column per year (the number
of occurrences in that year's speeches), plus ``kind``, ``total``, ``first_year`` and
``last_year``. Speeches without a year are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ...extract.slogans.slogans import KINDS, check_kinds, extract_slogans

COLUMNS = ("kind", "total", "first_year", "last_year")


def slogan_timeline(corpus, kind: str | Iterable[str] | None = None, *, lexicon=None, tokenizer=None):
    """Slogan × year counts of a corpus, with the years of first and last appearance.

    Parameters
    ----------
    corpus : Corpus or iterable of Speech
    kind : str or iterable of str, optional
        Keep only slogans of this kind (or these kinds).
    lexicon, tokenizer : optional
        Passed to :func:`speechkit.extract.slogans.slogans.extract_slogans`.

    Returns
    -------
    pandas.DataFrame
        Index ``slogan``; columns ``kind``, one integer column per year (ascending),
        ``total``, ``first_year``, ``last_year``. Rows are ordered by first year, then
        by total count (descending), then by text.

    Examples
    --------
    >>> table = slogan_timeline(read_corpus("corpus"))          # doctest: +SKIP
    >>> table.loc["两个确立", ["first_year", "last_year"]]        # doctest: +SKIP
    """
    kinds = check_kinds(kind)
    records = (
        (speech.year, extract_slogans(speech, kinds=kinds, lexicon=lexicon, tokenizer=tokenizer))
        for speech in corpus
    )
    return timeline_from_records(records)


def timeline_from_records(records: Iterable[tuple[int | None, Iterable[Any]]]):
    """Build the timeline from per-speech results already computed.

    Parameters
    ----------
    records : iterable of (year, slogans)
        ``slogans`` are Slogan records or their ``to_dict()`` form (as cached by
        ``speechkit analyze``); records without a year are skipped.

    Returns
    -------
    pandas.DataFrame
        See :func:`slogan_timeline`.
    """
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    kind_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    years: set[int] = set()
    for year, slogans in records:
        if year is None:
            continue
        years.add(year)
        for slogan in slogans:
            text, kind, count = _fields(slogan)
            counts[text][year] += count
            kind_counts[text][kind] += count
    return timeline_from_counts(counts, kind_counts, years)


def timeline_from_counts(counts: Mapping[str, Mapping[int, int]], kinds: Mapping[str, Mapping[str, int]],
                         years: Iterable[int]):
    """The timeline from slogan × year counts and slogan × kind counts (as merged from
    per-speech partials); ``years`` are every year of the corpus, with slogans or not."""
    import pandas as pd

    ordered_years = sorted(years)
    rows = []
    for text, by_year in counts.items():
        present = sorted(y for y, n in by_year.items() if n)
        if not present:
            continue
        rows.append(
            {
                "slogan": text,
                "kind": _main_kind(kinds[text]),
                **{year: by_year.get(year, 0) for year in ordered_years},
                "total": sum(by_year.values()),
                "first_year": present[0],
                "last_year": present[-1],
            }
        )
    rows.sort(key=lambda r: (r["first_year"], -r["total"], r["slogan"]))
    columns = ["slogan", "kind", *ordered_years, "total", "first_year", "last_year"]
    frame = pd.DataFrame(rows, columns=columns).set_index("slogan")
    for column in [*ordered_years, "total", "first_year", "last_year"]:
        frame[column] = frame[column].astype("int64")
    return frame


def new_and_dropped(timeline) -> dict[int, dict[str, list[str]]]:
    """The slogans that appear for the first time and those last seen the year before.

    Parameters
    ----------
    timeline : pandas.DataFrame
        A table from :func:`slogan_timeline`.

    Returns
    -------
    dict
        ``{year: {"new": [...], "dropped": [...]}}`` for every year column. ``new``
        lists slogans whose first year is this year; ``dropped`` those whose last year
        is the previous year of the table (so they are absent from this year on). The
        first year is the baseline and has empty lists. Lists are ordered by total
        count (descending), then text.
    """
    years = year_columns(timeline)
    ordered = timeline.assign(_text=timeline.index).sort_values(["total", "_text"], ascending=[False, True])
    result: dict[int, dict[str, list[str]]] = {}
    for position, year in enumerate(years):
        if position == 0:
            result[year] = {"new": [], "dropped": []}
            continue
        previous = years[position - 1]
        result[year] = {
            "new": list(ordered.index[ordered["first_year"] == year]),
            "dropped": list(ordered.index[ordered["last_year"] == previous]),
        }
    return result


def year_columns(timeline) -> list[int]:
    """The year columns of a timeline table, ascending."""
    return [c for c in timeline.columns if c not in COLUMNS]


def timeline_rows(timeline) -> list[dict]:
    """The timeline as JSON-ready rows (year columns keyed by the year as a string)."""
    rows = []
    for text, row in timeline.iterrows():
        record: dict[str, Any] = {"slogan": text, "kind": row["kind"]}
        record.update({str(year): int(row[year]) for year in year_columns(timeline)})
        record.update({c: int(row[c]) for c in COLUMNS[1:]})
        rows.append(record)
    return rows


def _fields(slogan: Any) -> tuple[str, str, int]:
    if isinstance(slogan, Mapping):
        return slogan["text"], slogan["kind"], int(slogan["count"])
    return slogan.text, slogan.kind, slogan.count


def _main_kind(kinds: Mapping[str, int]) -> str:
    """The kind a text is counted under most; ties go to the earlier kind of KINDS."""
    return min(kinds, key=lambda k: (-kinds[k], KINDS.index(k)))
