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
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ...chars import HAN
from ...corpus import group_key, group_order, ungrouped
from ...extractors import Extractor
from ...extract.phrases import core_formulation_slogans
from ...extract.slogans.slogans import KINDS, check_kinds, extract_slogans
from ...model import Slogan

if TYPE_CHECKING:
    from ...corpus import Corpus
    from ...extract.slogans.lexicon import Lexicon
    from ...segment import Tokenizer
    from ...speech import Speech

COLUMNS = ("kind", "total", "first_year", "last_year")
REDACTED = "redacted"
PER = 10_000  # rates are per this many characters
_HAN = re.compile(f"[{HAN}]")


def slogan_timeline(corpus: Corpus | Iterable[Speech], kind: str | Iterable[str] | None = None, *, by: str = "year",
                    lexicon=None, tokenizer=None, core: Lexicon | None = None):
    """Slogan × group counts of a corpus, with the groups of first and last appearance.

    Parameters
    ----------
    corpus : Corpus or iterable of Speech
    kind : str or iterable of str, optional
        Keep only extracted slogans of this kind (or these kinds); the core
        formulations are counted only when no kind is given.
    by : str
        The grouping variable: ``year``, ``speaker``, ``org`` or a manifest column.
    lexicon, tokenizer : optional
        Passed to :func:`speechkit.extract.slogans.slogans.extract_slogans`.
    core : Lexicon, optional
        The core formulations counted as text (default: the bundled list).

    Returns
    -------
    pandas.DataFrame
        Index ``slogan``; columns ``kind``, one integer column per group (ascending),
        ``total``, ``first_year``, ``last_year``. Rows are ordered by first group, then
        by total count (descending), then by text.

    Examples
    --------
    >>> table = slogan_timeline(read_corpus("corpus"))          # doctest: +SKIP
    >>> table.loc["两个确立", ["first_year", "last_year"]]        # doctest: +SKIP
    """
    kinds = check_kinds(kind)
    speeches = list(corpus)

    def slogans_of(speech: Speech):
        extracted = extract_slogans(speech, kinds=kinds, lexicon=lexicon, tokenizer=tokenizer)
        return extracted if kind is not None else with_core_formulations(extracted, core_formulation_slogans(speech, core))

    frame = timeline_from_records((group_key(speech, by), slogans_of(speech)) for speech in speeches)
    frame.attrs["ungrouped"] = ungrouped(speeches, by)
    return frame


def with_core_formulations(slogans: Iterable[Any], core: Iterable[Any]) -> list:
    """A speech's extracted slogans with its core formulations (records or dicts)
    added; a core formulation replaces an extracted slogan of the same text, so
    nothing is counted twice."""
    core = list(core)
    counted = {_fields(slogan)[0] for slogan in core}
    return [slogan for slogan in slogans if _fields(slogan)[0] not in counted] + core


def speech_slogans(speech: Speech, *, tokenizer: Tokenizer | None = None) -> list[Slogan]:
    """The slogans of one speech as ``speechkit analyze`` keeps them: those extracted (with
    ``tokenizer``), and its core formulations (供给侧结构性改革 …) counted as text, whatever
    the segmentation (:func:`with_core_formulations`)."""
    return with_core_formulations(extract_slogans(speech, tokenizer=tokenizer), core_formulation_slogans(speech))


# The slogans of each speech (speechkit analyze: slogans.json, tables/slogans).
SLOGANS = Extractor("slogans", Slogan, reads=("speech", "tokenizer"), extract=speech_slogans)


def timeline_from_records(records: Iterable[tuple[int | None, Iterable[Any]]]):
    """Build the timeline from per-speech results already computed.

    Parameters
    ----------
    records : iterable of (group, slogans)
        ``slogans`` are Slogan records or their ``to_dict()`` form (as cached by
        ``speechkit analyze``); records without a group (None) are skipped.

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
        A table from :func:`slogan_timeline`.

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


def _fields(slogan: Any) -> tuple[str, str, int]:
    if isinstance(slogan, Mapping):
        return slogan["text"], slogan["kind"], int(slogan["count"])
    return slogan.text, slogan.kind, slogan.count


def _main_kind(kinds: Mapping[str, int]) -> str:
    """The kind a text is counted under most; ties go to the earlier kind of KINDS
    (``core``, from the curated list, before them)."""
    return min(kinds, key=lambda k: (-kinds[k], KINDS.index(k) if k in KINDS else -1))
