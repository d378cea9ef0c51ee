"""Slogans across groups (years by default): which formulations a corpus uses when,
which are new, which dropped.

The timeline is a table with one row per slogan and one column per group (the number
of occurrences in that group's speeches), plus ``kind``, ``total``, ``first_year`` and
``last_year`` (the first and last group it occurs in). Besides the extracted slogans it
counts the core formulations (供给侧结构性改革, 新发展理念 …) as text, see
:mod:`speechkit.extract.phrases`. Speeches without a value for the grouping variable
are left out; their ids are in ``frame.attrs["ungrouped"]``. Redacted formulations
(“*”, “**”: a placeholder, not a slogan) and texts without a Chinese character are not
slogans of the timeline.

Groups differ in length (a congress report is twice a work report), so the timeline's
counts have rates beside them (:func:`timeline_rates`: per 10,000 characters of the
group's text), and the new and dropped slogans of a year say which year they are
compared with and whether it is the one before (a gap in the corpus's years makes a
"dropped" slogan one that may have been used in the missing years).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ...chars import HAN
from ...corpus import group_key, group_order, ungrouped
from ..grouping import tables_by_group
from ...extractors import Extractor
from ...extract.phrases import core_formulation_slogans
from ...extract.slogans.slogans import KINDS, check_kinds, extract_slogans
from ...model import Slogan

if TYPE_CHECKING:
    import pandas as pd

    from ...extract.slogans.lexicon import Lexicon
    from ...results import Results
    from ...segment import Tokenizer
    from ...speech import Speech

COLUMNS = ("kind", "total", "first_year", "last_year")
REDACTED = "redacted"
DOCUMENT = "document"  # a cited title in 《…》
CORE = "core"  # the kind of the core formulations counted as text
PER = 10_000  # rates are per this many characters
_HAN = re.compile(f"[{HAN}]")


def slogans_by_year(results: Results, *, by: str | None = None, pool: bool = False, over: str = "year",
                    kind: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Slogan × year counts of a corpus, with the years of first and last appearance: the
    table ``slogans_by_year`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`); their slogans include
        the core formulations counted as text.
    by, pool
        The grouping of ``analyze --group-by`` and ``--pool``, as for
        :func:`~speechkit.analysis.grouping.tables_by_group`.
    over : str
        The variable of the columns: ``year``, or ``speaker``, ``org``, a manifest column.
        Speeches without a value are left out; their ids are in ``frame.attrs["ungrouped"]``.
    kind : str or iterable of str, optional
        Keep only the slogans counted mostly under this kind (or these kinds):
        ``quoted``, ``numbered``, ``parallel``, ``document``, or ``core`` (the core
        formulations, counted as text: one the extractors also find is counted once, as
        ``core``).

    Returns
    -------
    pandas.DataFrame
        Index ``slogan``; columns ``kind``, one integer column per year (ascending),
        ``total``, ``first_year``, ``last_year``, rows by first year, then total count
        (descending), then text; with a grouping, the group's column first.

    Examples
    --------
    >>> table = slogans_by_year(read_corpus("corpus").results())   # doctest: +SKIP
    >>> table.loc["两个确立", ["first_year", "last_year"]]        # doctest: +SKIP
    """
    wanted = None if kind is None else {kind} if isinstance(kind, str) else set(kind)
    kinds = None if wanted is None else check_kinds(wanted - {CORE}) | (wanted & {CORE})
    frame = tables_by_group(results, lambda part: _timeline(part, over), by=by, pool=pool, over=over, index=True)
    if kinds is not None:
        frame = frame[frame["kind"].isin(kinds)]
    frame.attrs["ungrouped"] = ungrouped(results.corpus, over)
    return frame


def _timeline(results: Results, over: str) -> pd.DataFrame:
    """The timeline of one group's results, from their merged counts."""
    from ..aggregates import results_tally

    tally = results_tally(results, over)
    groups = {group_key(speech, over) for speech in results.corpus} - {None}
    return timeline_from_counts(tally.table("slogan"), tally.table("slogan_kind"), groups)


def slogan_rates_by_year(results: Results, *, by: str | None = None, pool: bool = False) -> pd.DataFrame:
    """The counts of :func:`slogans_by_year` as rates per 10,000 characters of each year's
    text (rounded to 3 places): the table ``slogan_rates_by_year`` of ``speechkit analyze``.

    Parameters
    ----------
    results, by, pool
        As for :func:`slogans_by_year`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`slogans_by_year`, the year columns as rates.
    """
    from ..aggregates import results_tally

    def rates(part: Results) -> pd.DataFrame:
        return timeline_rates(_timeline(part, "year"), results_tally(part).column("characters"))

    return tables_by_group(results, rates, by=by, pool=pool, index=True)


def slogans_new_and_dropped(results: Results, *, by: str | None = None, pool: bool = False) -> pd.DataFrame:
    """The slogans new each year and those dropped (last seen the year before), a row per
    slogan and change: the table ``slogans_new_and_dropped`` of ``speechkit analyze`` (its
    CSV and Parquet files; the JSON file keeps the form of :func:`new_and_dropped`).

    Parameters
    ----------
    results, by, pool
        As for :func:`slogans_by_year`.

    Returns
    -------
    pandas.DataFrame
        See :func:`new_and_dropped_frame`.
    """
    def changes(part: Results) -> pd.DataFrame:
        return new_and_dropped_frame(new_and_dropped(_timeline(part, "year")))

    return tables_by_group(results, changes, by=by, pool=pool)


def slogan_table(results: Results) -> pd.DataFrame:
    """Every slogan of every speech, a row each: the table ``slogans`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results

    Returns
    -------
    pandas.DataFrame
        Columns ``speech``, ``year`` and the slogan's fields (:attr:`Slogan.COLUMNS`;
        lists as JSON text), as :func:`~speechkit.analysis.records.records_table` gives
        every extractor's records.
    """
    from ..records import records_table

    return records_table(results, SLOGANS.name, SLOGANS.columns)


def speech_slogans(speech: Speech, *, tokenizer: Tokenizer | None = None, lexicon: Lexicon | None = None) -> list[Slogan]:
    """The slogans of one speech as ``speechkit analyze`` keeps them: those extracted (with
    ``tokenizer`` and ``lexicon``), and its core formulations (供给侧结构性改革 …) counted as
    text, whatever the segmentation (:func:`with_core_formulations`).

    Parameters
    ----------
    speech : Speech
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).
    lexicon : Lexicon, optional
        The formulation table (default: the bundled one).

    Returns
    -------
    list of Slogan
    """
    return with_core_formulations(extract_slogans(speech, tokenizer=tokenizer, lexicon=lexicon),
                                  core_formulation_slogans(speech))


# The slogans of each speech (speechkit analyze: slogans.json, tables/slogans).
SLOGANS = Extractor("slogans", Slogan, reads=("speech", "tokenizer", "lexicon"), extract=speech_slogans)


def with_core_formulations(slogans: Iterable[Slogan], core: Iterable[Slogan]) -> list[Slogan]:
    """A speech's extracted slogans with its core formulations added; a core formulation
    replaces an extracted slogan of the same text, so nothing is counted twice."""
    core = list(core)
    counted = {slogan.text for slogan in core}
    return [slogan for slogan in slogans if slogan.text not in counted] + core


def timeline_from_counts(counts: Mapping[str, Mapping[Any, int]], kinds: Mapping[str, Mapping[str, int]],
                         years: Iterable[Any]):
    """The timeline from slogan × group counts and slogan × kind counts (as merged from
    per-speech partials); ``years`` are every group of the corpus, with slogans or not."""
    import pandas as pd

    ordered_years = sorted(years, key=group_order)
    rows = []
    for text, by_year in counts.items():
        present = sorted((y for y, n in by_year.items() if n), key=group_order)
        if not present or not is_timeline_slogan(text, _main_kind(kinds[text])):
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
    rows.sort(key=lambda r: (group_order(r["first_year"]), -r["total"], r["slogan"]))
    columns = ["slogan", "kind", *ordered_years, "total", "first_year", "last_year"]
    frame = pd.DataFrame(rows, columns=columns).set_index("slogan")
    numeric = all(isinstance(group, int) for group in ordered_years)
    for column in [*ordered_years, "total", *(("first_year", "last_year") if numeric else ())]:
        frame[column] = frame[column].astype("int64")
    return frame


def formulations_only(timeline: pd.DataFrame) -> pd.DataFrame:
    """The rows of a timeline (:func:`slogans_by_year`, :func:`slogan_rates_by_year`) that
    are formulations (提法): a cited document's title (《…》, kind ``document``) is none.

    Parameters
    ----------
    timeline : pandas.DataFrame
        A timeline with its ``kind`` column.

    Returns
    -------
    pandas.DataFrame
    """
    return timeline[timeline["kind"] != DOCUMENT]


def is_timeline_slogan(text: str, kind: str) -> bool:
    """Whether a formulation belongs on the timeline: not a redaction (“*”), and written
    with at least one Chinese character."""
    return kind != REDACTED and bool(_HAN.search(text))


def timeline_rates(timeline, characters: Mapping[Any, int]):
    """The timeline's counts as rates per 10,000 characters of each group's text
    (``characters``: by group), rounded to 3 places; the other columns as they are."""
    rates = timeline.copy()
    for year in year_columns(timeline):
        size = characters.get(year, 0)
        rates[year] = (timeline[year] * PER / size).round(3) if size else 0.0
    return rates


def new_and_dropped(timeline) -> dict[int, dict[str, Any]]:
    """The slogans that appear for the first time and those last seen the year before.

    Parameters
    ----------
    timeline : pandas.DataFrame
        A table from :func:`slogans_by_year`.

    Returns
    -------
    dict
        ``{year: {"new": [...], "dropped": [...], "previous": year, "adjacent": bool}}``
        for every year column. ``new`` lists slogans whose first year is this year;
        ``dropped`` those whose last year is ``previous``, the previous year of the table
        (so they are absent from this year on); ``adjacent`` is False when years lie
        between the two (a gap in the corpus), None when the groups are not years. The
        first year is the baseline and has empty lists. Lists are ordered by total
        count (descending), then text.
    """
    years = year_columns(timeline)
    ordered = timeline.assign(_text=timeline.index).sort_values(["total", "_text"], ascending=[False, True])
    result: dict[int, dict[str, list[str]]] = {}
    for position, year in enumerate(years):
        if position == 0:
            result[year] = {"new": [], "dropped": [], "previous": None, "adjacent": None}
            continue
        previous = years[position - 1]
        result[year] = {
            "new": list(ordered.index[ordered["first_year"] == year]),
            "dropped": list(ordered.index[ordered["last_year"] == previous]),
            "previous": previous,
            "adjacent": year - previous == 1 if _is_year(year) and _is_year(previous) else None,
        }
    return result


def _is_year(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def new_and_dropped_frame(changes: Mapping[Any, Mapping[str, list[str]]]):
    """The result of :func:`new_and_dropped` as a table: one row per slogan and change.

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (the group), ``previous_year`` (the group compared with),
        ``adjacent`` (False: years lie between them), ``change`` (``new`` or
        ``dropped``) and ``slogan``, in group order, new before dropped, each list in its order.
    """
    import pandas as pd

    rows = [
        {"year": group, "previous_year": lists.get("previous"), "adjacent": lists.get("adjacent"), "change": change,
         "slogan": slogan}
        for group, lists in changes.items()
        for change in ("new", "dropped")
        for slogan in lists[change]
    ]
    return pd.DataFrame(rows, columns=["year", "previous_year", "adjacent", "change", "slogan"])


def year_columns(timeline) -> list[int]:
    """The year columns of a timeline table, ascending."""
    return [c for c in timeline.columns if c not in COLUMNS]


def timeline_rows(timeline) -> list[dict]:
    """The timeline as JSON-ready rows (year columns keyed by the year as a string)."""
    rows = []
    for text, row in timeline.iterrows():
        record: dict[str, Any] = {"slogan": text, "kind": row["kind"]}
        record.update({str(year): int(row[year]) for year in year_columns(timeline)})
        record.update({c: row[c] if isinstance(row[c], str) else int(row[c]) for c in COLUMNS[1:]})
        rows.append(record)
    return rows


def _main_kind(kinds: Mapping[str, int]) -> str:
    """The kind a text is counted under most; ties go to the earlier kind of KINDS
    (``core``, from the curated list, before them)."""
    return min(kinds, key=lambda k: (-kinds[k], KINDS.index(k) if k in KINDS else -1))
