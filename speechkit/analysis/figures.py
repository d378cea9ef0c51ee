"""Figures: a document's metrics with the year they are for, their place and their kind.

A metric knows the time expression that governs it (``refers``: 今年, 去年, 2019年, 过去五年 …)
and whether it stands in the review before the targets (``review``); with the document's
year these give the calendar year the figure is for:

- an explicit year (2019年) is that year; 今年/本年 the year the document was delivered (the
  year of its ``date``, else its year: a year-end speech on 2018 delivered in January 2019
  says 今年 of 2019); 去年/上年 the year before; 明年 the year after; 过去一年/一年来 the year
  the document reviews;
- a work report (政府工作报告; a report to 大会) delivered in year t reviews t−1; any other
  document its own year (:func:`reviewed_year_of_text`); a figure of the review without a time
  expression of its own is for the reviewed year;
- a target or plan after the review without a time expression is for the year after the
  reviewed one (广义货币预期增长14% in the 2012 report: 2012);
- a review of several years (过去五年, 五年来, “十二五”时期) is for the period: ``year`` its first
  year, ``year_to`` its last; an average or sum over years (年均, 累计) or 以来 without a
  length, and what has always been so (一直, 始终), leave both unknown.

Its kind: ``target`` or ``plan`` (拟安排) when it is for a year after the reviewed one or is
marked a target by its words, ``outcome`` otherwise. In a report that announces its targets
(主要预期目标是：…), a figure ahead of the review outside the announcement is an ``aim`` (a
section's own aim: 社会消费品零售总额增长7%左右 in the section on consumption) unless its own
sentence marks it: a target or plan word (预期, 拟), the year it is for (今年, 2025年), or a
plan figure (拟安排财政赤字…) earlier in its paragraph. A level or rate a multi-year review says
was reached (研发投入强度达3.38%) is the level of the period's last year. A growth indicator's
fall is its growth, negative; one stated in words (居民消费价格与上年持平) is 0. Its place is
the document's (see
:func:`speechkit.extract.place.document_place`), and its canonical indicator the one of the
canonical table (:mod:`speechkit.analysis.canonical`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..chars import DIGITS
from ..extract.place import document_place
from ..model import Record
from ..numerals import parse_chinese

if TYPE_CHECKING:
    from ..extract.place import Place
    from ..model import Metric
    from ..speech import Speech
    from .canonical import CanonicalTable

_WORK_REPORT = "政府工作报告"
# A work report addresses the congress: 向大会报告工作 / 向大会作政府工作报告.
_TO_CONGRESS = re.compile(r"向大会(?:报告|作)")
_OPENING = 600
_YEAR = re.compile(r"((?:1[89]|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})年")
_NUMBER = r"([一二三四五六七八九十两]+|[0-9]{1,2})"
_PAST_SPAN = re.compile(rf"(?:过去|这|近|前)的?{_NUMBER}年|{_NUMBER}年(?:来|以来|间|中|里|累计)")
_FUTURE_SPAN = re.compile(rf"(?:未来|今后|后){_NUMBER}年")
_PLAN_PERIOD = re.compile(r"十([一二三四五六七八九])五")
TARGET_ROLES = ("target", "plan")
_RELATIVE = {"今年": 0, "本年": 0, "当年": 0, "明年": 1, "去年": -1, "上年": -1, "前年": -2}
_REVIEWED = ("过去一年", "一年来", "这一年")
# Parts of a year are not the year's figure.
_PART_OF_YEAR = ("上半年", "下半年", "前三季度", "季度")
# “十一五” (the 11th five-year plan) ran 2006–2010; the plans written 十X五 follow every five years.
_ELEVENTH_PLAN_START = 2006
# An average or a sum over years in the figure's clause (进出口总额年均增长12.2%), or a
# statement of how it has always been (财政赤字率一直控制在3%以内).
_OVER_YEARS = re.compile(r"年均|累计|平均每年|一直|始终")
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?]")
# The announcement of a report's targets, its clauses, and the words of a target without a number.
_ANNOUNCEMENT = re.compile(r"主要预期目标(?:建议)?(?:是|为)[：:]?|主要预期目标[：:]|预期目标(?:是|为)[：:]?")
_CLAUSE = re.compile(r"[^，,；;。\n]+")
_LIST_ENDS = ("；", ";", "：", ":")
_DIGIT = re.compile(f"[{DIGITS}]")
# Changes words of a growth indicator's name, dropped to find the indicator named without them.
_CHANGE_WORDS = re.compile(r"(?:增长|下降|降低)$")
# A figure outside the announcement is a target when its own sentence marks it so.
_TARGET_YEAR = ("今年", "本年")
# A level a multi-year review says was reached (达3.38%, 提高到, 突破) is the level at the end.
_REACHED = re.compile(r"(?:达到?|提高到|提升到|升至|增至|突破)$")
# A change stated in words: no change (与上年持平, 基本持平).
_FLAT = re.compile(r"^(?P<name>.+?)(?:与上年|比上年|同比|与去年)?(?:基本)?持平$")
# Two names given one figure: X和Y(预期增长)均(为) …
_BOTH = re.compile(r"(?P<first>[^和、]{2,}?)和(?P<second>[^和、]{2,}?)(?P<tail>(?:预期)?(?:增长|增速|涨幅|下降)?)均$")


@dataclass(frozen=True, slots=True)
class Figure(Record):
    """A metric with its place, the year it is for and its kind (see the module docstring).

    ``reported_in`` is the document's year; ``year``/``year_to`` the period the figure is
    for (equal for one year); ``kind`` ``target``, ``plan``, ``aim`` or ``outcome``; ``canonical``
    the canonical indicator id or None; ``name`` the indicator's normalised name (its
    spelling, :func:`~speechkit.analysis.canonical.spelling`: 全口径税收, 规上工业总产值增长), which
    identifies an indicator the canonical table does not know.
    """

    speech: str
    place: str | None
    level: str | None
    reported_in: int | None
    year: int | None
    year_to: int | None
    kind: str
    canonical: str | None
    indicator: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None
    raw: str
    start: int
    end: int
    name: str | None = None


def delivered_year(speech: Speech) -> int | None:
    """The year a document was delivered: the year of its ``date`` (``2019-01-23``), else
    its ``year``."""
    found = re.match(r"\s*((?:1[89]|20)[0-9]{2})", str(speech.meta.date or ""))
    return int(found.group(1)) if found else speech.meta.year


def reviewed_year(speech: Speech) -> int | None:
    """The calendar year a document reports on, from its metadata alone: a government work
    report (its title, or a ``kind`` metadata value, says 政府工作报告 or ``gov-work-report``)
    of year t reviews t−1; any other document its own year (None without a year)."""
    year = speech.meta.year
    if year is None:
        return None
    return year - 1 if _described_as_work_report(speech) else year


def reviewed_year_of_text(speech: Speech) -> int | None:
    """:func:`reviewed_year`, a report whose opening addresses the congress (向大会报告工作,
    as a work report without a title does) counting as a work report too."""
    year = speech.meta.year
    if year is None:
        return None
    addressed = _TO_CONGRESS.search(speech.text, 0, _OPENING) is not None
    return year - 1 if addressed or _described_as_work_report(speech) else year


def _described_as_work_report(speech: Speech) -> bool:
    described = " ".join(str(v) for v in (speech.meta.title, speech.meta.get("kind")) if v)
    return _WORK_REPORT in described or "gov-work-report" in described


def figure_years(metric: Metric, report_year: int | None, reviewed: int | None) -> tuple[int | None, int | None]:
    """The first and last year a metric is for (see the module docstring)."""
    refers = metric.refers
    if _OVER_YEARS.search(clause_before(metric)):
        return None, None
    if not refers:
        if reviewed is None:
            return None, None
        if metric.review:
            return reviewed, reviewed
        # A target after the review with no time of its own is for the year after the review.
        if metric.role in ("target", "plan"):
            return reviewed + 1, reviewed + 1
        return None, None
    if any(part in refers for part in _PART_OF_YEAR):
        return None, None
    explicit = _YEAR.search(refers)
    if explicit:
        year = _parse_year(explicit.group(1))
        return year, year
    if report_year is None:
        return None, None
    for word, shift in _RELATIVE.items():
        if refers.startswith(word):
            return report_year + shift, report_year + shift
    if refers in _REVIEWED:
        return reviewed, reviewed
    plan = _PLAN_PERIOD.search(refers)
    if plan:
        first = _ELEVENTH_PLAN_START + 5 * (int(parse_chinese(plan.group(1))) - 1)
        return first, first + 4
    future = _FUTURE_SPAN.search(refers)
    if future:
        return report_year, report_year + _count(future.group(1)) - 1
    past = _PAST_SPAN.search(refers)
    if past and reviewed is not None:
        return reviewed - _count(past.group(1) or past.group(2)) + 1, reviewed
    return None, None


def clause_before(metric: Metric) -> str:
    """The words of the metric's clause before its figure (from its sentence)."""
    sentence, raw = metric.sentence or "", metric.raw or ""
    position = sentence.find(raw) if raw else -1
    if position < 0:
        return ""
    head = sentence[:position]
    ends = [m.end() for m in _CLAUSE_END.finditer(head)]
    return head[ends[-1] if ends else 0 :]


def figure_kind(metric: Metric, year: int | None, reviewed: int | None) -> str:
    """``target``/``plan`` for a figure ahead of the reviewed year or marked so, else ``outcome``."""
    role = metric.role
    ahead = year is not None and reviewed is not None and year > reviewed
    if role == "plan" and (ahead or year is None):
        return "plan"
    if ahead or role == "target":
        return "target"
    return "outcome"


def speech_figures(speech: Speech, metrics: Sequence[Metric], *, place: Place | None = None,
                   canonical: CanonicalTable | None = None) -> list[Figure]:
    """The figures of one document: every metric with a value or a name, dated and placed.

    Parameters
    ----------
    speech : Speech
    metrics : sequence of Metric
        The speech's metrics (``SpeechResult.metrics``).
    place : Place, optional
        The document's place (default: :func:`~speechkit.extract.place.document_place`).
    canonical : CanonicalTable, optional
        Canonical indicators (default: the bundled table).
    """
    from .canonical import default_canonical, spelling

    canonical = canonical or default_canonical()
    place = place if place is not None else document_place(speech)
    report_year, reviewed = speech.meta.year, reviewed_year_of_text(speech)
    delivered = delivered_year(speech)
    spans = announcement_spans(speech.text)
    plans = sorted(m.start for m in metrics if m.role == "plan")
    figures = []
    for metric in (member for found in metrics for member in shared_by_both(found)):
        if not metric.indicator:
            continue
        year, year_to = figure_years(metric, delivered, reviewed)
        kind = figure_kind(metric, year, reviewed)
        if kind == "target" and spans and not _announced(metric, spans, plans, speech.text, year):
            kind = "aim"
        found = canonical.lookup(metric)
        indicator, sign = found if found else (None, 1)
        if indicator is not None and indicator.kind in ("level", "rate") and year != year_to \
                and _REACHED.search(clause_before(metric)):
            year = year_to
        value, low, high = (None if v is None else sign * v
                            for v in (metric.value, metric.low, metric.high))
        if sign < 0 and low is not None:
            low, high = high, low
        figures.append(Figure(
            speech.id, place.name if place else None, place.level if place else None, report_year, year, year_to,
            kind, indicator.id if indicator else None, metric.indicator, value, low, high, metric.unit,
            metric.qualifier, metric.raw, metric.start, metric.end,
            spelling(metric.indicator, metric.change, metric.measure or "level"),
        ))
    return figures


def announcement_spans(text: str) -> list[tuple[int, int]]:
    """Where a report announces its targets: from after each 主要预期目标是： to the end of
    its paragraph and of the list lines (ending in ；) after it."""
    return [(cue.end(), _announcement_end(text, cue.end())) for cue in _ANNOUNCEMENT.finditer(text)]


def _announced(metric: Metric, spans: Sequence[tuple[int, int]], plans: Sequence[int], text: str,
               year: int | None) -> bool:
    """True for a target inside an announcement of targets or marked so by its own sentence
    (see the module docstring)."""
    start = metric.start
    if any(first <= start < last for first, last in spans) or metric.role in TARGET_ROLES:
        return True
    period = metric.period or ""
    explicit = _YEAR.search(period)
    if period.startswith(_TARGET_YEAR) or (explicit and year is not None and _parse_year(explicit.group(1)) == year):
        return True
    paragraph = text.rfind("\n", 0, start) + 1
    return any(paragraph <= plan < start for plan in plans)


def qualitative_targets(speech: Speech, *, place: Place | None = None,
                        canonical: CanonicalTable | None = None) -> list[Figure]:
    """The targets a work report's announcement of targets states in words only.

    The announcement (:func:`announcement_spans`) is cut into clauses; a clause without a
    digit that begins (after a scope: 全省, 全社会) with the name of a canonical indicator
    (or, for a growth, the name without its change word: 进出口稳中向好,
    单位地区生产总值能耗完成国家考核目标) and says how it should go is a target of the year
    after the reviewed one, with no value; ``raw`` is the clause.
    """
    from .canonical import default_canonical, without_scope

    canonical = canonical or default_canonical()
    reviewed = reviewed_year_of_text(speech)
    if reviewed is None:
        return []
    place = place if place is not None else document_place(speech)
    text = speech.text
    figures = []
    for first, last in announcement_spans(text):
        for clause in _CLAUSE.finditer(text, first, last):
            words = clause.group().strip()
            if not words or _DIGIT.search(words):
                continue
            found = _named_indicator(without_scope(words), canonical)
            if found is None:
                continue
            start = clause.start() + clause.group().find(words)
            figures.append(Figure(
                speech.id, place.name if place else None, place.level if place else None, speech.meta.year,
                reviewed + 1, reviewed + 1, "target", found.id, words, None, None, None, None, None, words,
                start, start + len(words),
            ))
    return figures


def _announcement_end(text: str, start: int) -> int:
    """The end of an announcement's paragraph, and of the list lines (ending in ；) after it."""
    end = text.find("\n", start)
    while end >= 0 and text[:end].rstrip().endswith(_LIST_ENDS):
        following = text.find("\n", end + 1)
        if following < 0:
            return len(text)
        end = following
    return len(text) if end < 0 else end


def flat_outcomes(speech: Speech, *, place: Place | None = None,
                  canonical: CanonicalTable | None = None) -> list[Figure]:
    """The outcomes a review states as no change in words (居民消费价格与上年持平): a clause
    without a digit before the announcement of targets that begins with the name of a
    growth indicator and ends in 持平 is a 0 for the reviewed year."""
    from .canonical import default_canonical, spelling

    canonical = canonical or default_canonical()
    reviewed = reviewed_year_of_text(speech)
    spans = announcement_spans(speech.text)
    if reviewed is None or not spans:
        return []
    place = place if place is not None else document_place(speech)
    figures = []
    for clause in _CLAUSE.finditer(speech.text, 0, spans[0][0]):
        words = clause.group().strip()
        flat = _FLAT.match(words)
        if flat is None or _DIGIT.search(words):
            continue
        found = _named_indicator(spelling(flat["name"], None, "level"), canonical, whole=True)
        if found is None or found.kind != "growth":
            continue
        start = clause.start() + clause.group().find(words)
        figures.append(Figure(
            speech.id, place.name if place else None, place.level if place else None, speech.meta.year,
            reviewed, reviewed, "outcome", found.id, flat["name"], 0.0, None, None, "%", None, words,
            start, start + len(words),
        ))
    return figures


def _named_indicator(words: str, canonical: CanonicalTable, *, whole: bool = False):
    """The canonical indicator a clause begins with (its longest name), or None; with
    ``whole``, the one the words are a name of."""
    best = None
    for indicator in canonical.indicators.values():
        for name in indicator.names:
            stems = (name, _CHANGE_WORDS.sub("", name)) if indicator.kind == "growth" else (name,)
            for stem in stems:
                named = words == stem if whole else len(words) > len(stem) and words.startswith(stem)
                if len(stem) >= 2 and named and (best is None or len(stem) > best[0]):
                    best = (len(stem), indicator)
    return best[1] if best else None


def shared_by_both(metric: Metric) -> list[Metric]:
    """A figure said of two indicators at once (广义货币M2和社会融资规模余额预期增长均为12%) as
    one figure of each, the words after the second name shared; any other figure as it is."""
    match = _BOTH.match(metric.indicator or "")
    if match is None:
        return [metric]
    return [replace(metric, indicator=name + match["tail"]) for name in (match["first"], match["second"])]


def _parse_year(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    value = parse_chinese(written)
    return int(value) if value is not None else None


def _count(written: str) -> int:
    return int(written) if written.isdigit() else int(parse_chinese(written) or 1)
