"""Targets and outcomes: the targets a report sets and whether the next report met them.

Studies of target setting link the growth target in year t's work report to the
outcome reported in year t+1. From the metrics of each report (see
:mod:`speechkit.extract.metrics`):

- **Targets** are the metrics the extractor marks as targets (预期目标, 力争, 控制在 …).
  A target is for its own year when the text gives one, else for the report's year.
  Its **bound** comes from the qualifier: ``at_least`` (以上, 不低于, 超过, 力争),
  ``at_most`` (以内, 低于, 不超过, 控制在), ``about`` (左右, or none). It is **binding**
  when its sentence says 约束性, **expected** when it says 预期 (or is in the list of
  主要预期目标), otherwise not stated.
- **Outcomes** are the other metrics for the year before the report: those dated that
  year (2013年, 去年, 过去一年 …), and undated ones in the review before the report's
  first target. Multi-year figures (五年来, 年均) are not outcomes of one year.
- **The ledger** links the target of year t to the first outcome for year t in the
  report of year t+1 with the same indicator (names compared without 涨幅, 增速 and
  the like) and unit. The verdict: for an ``at_least`` target, and an ``about`` target
  of an indicator where more is better, ``exceeded`` above it, ``met`` at it and
  ``missed`` below; for an ``at_most`` target, and an ``about`` target of an indicator
  where less is better (prices, unemployment, energy use, emissions, deficits), ``met``
  at or below it and ``missed`` above. ``difference`` is outcome − target, in the unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Record

if TYPE_CHECKING:
    from ..model import Metric
    from ..speech import Speech

AT_LEAST = ("以上", "不低于", "不少于", "超过", "力争", "高于")
AT_MOST = ("以内", "以下", "低于", "不超过", "不高于", "控制在")
LESS_IS_BETTER = re.compile(r"价格|物价|CPI|失业率|能耗|排放|赤字|PM2\.5|贫困")
_SUFFIXES = re.compile(r"(涨幅|增幅|增速|增长率|增长|总额|总量)$")
_PREFIXES = re.compile(r"^(全年|今年|年末|年底|全国|全区|全市|全省)")
_LAST_YEAR = ("去年", "上年", "过去一年", "一年来", "全年")
_MANY_YEARS = re.compile(r"[二三四五六七八九十两\d]+年(来|间)?|以来|年均|期间|规划期")
# The time expressions that open a stretch of a review: the last one before a figure
# says which period the figure is for.
_TIME = re.compile(r"过去一年|一年来|去年|上年|过去[二三四五六七八九十两]+年|[二三四五六七八九十两]+年来|以来|年均|\d{4}年")
_CEILING_VERBS = ("控制在", "不超过", "低于")
# How far back a figure's paragraph is searched for the time expression that opens it.
_LOOK_BACK = 2000


@dataclass(frozen=True, slots=True)
class Target(Record):
    """A target a report sets: indicator, value or range, bound, and where it stands."""

    speech: str
    report_year: int | None
    year: int | None
    indicator: str
    value: float | None
    unit: str | None
    qualifier: str | None
    bound: str
    binding: str | None
    start: int
    end: int
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Outcome(Record):
    """A figure a report gives for a past year."""

    speech: str
    report_year: int | None
    year: int
    indicator: str
    value: float
    unit: str | None
    start: int
    end: int


def indicator_key(indicator: str) -> str:
    """The name under which targets and outcomes are compared: without 全年/全国 … in
    front and 涨幅/增速/增长 … at the end."""
    return _SUFFIXES.sub("", _PREFIXES.sub("", indicator.strip()))


def bound_of(qualifier: str | None) -> str:
    """``at_least``, ``at_most`` or ``about`` (左右, none, anything else) from a qualifier."""
    text = qualifier or ""
    if any(word in text for word in AT_MOST):
        return "at_most"
    if any(word in text for word in AT_LEAST):
        return "at_least"
    return "about"


def _binding(sentence: str) -> str | None:
    if "约束性" in sentence:
        return "binding"
    if "预期" in sentence:
        return "expected"
    return None


def speech_targets(speech: Speech, metrics: Sequence[Metric] | None = None) -> tuple[list[Target], list[Outcome]]:
    """The targets and the past-year outcomes of one report.

    Parameters
    ----------
    speech : Speech
    metrics : sequence of Metric, optional
        The speech's metrics (default: extracted here).
    """
    from ..extract.metrics.metrics import extract_metrics

    metrics = list(extract_metrics(speech)) if metrics is None else list(metrics)
    year = speech.year
    named = [m for m in metrics if m.indicator and m.value is not None]
    targets = [
        Target(speech.id, year, m.year or year, m.indicator, m.value, m.unit, m.qualifier,
               _bound(speech.text, m), _binding(m.sentence), m.start, m.end,
               getattr(m, "low", None), getattr(m, "high", None))
        for m in named if m.role == "target"
    ]
    first_target = min((t.start for t in targets), default=len(speech.text))
    outcomes = []
    for m in named:
        if m.role == "target" or year is None:
            continue
        when = _outcome_year(speech.text, m, year, first_target)
        if when is not None:
            outcomes.append(Outcome(speech.id, year, when, m.indicator, m.value, m.unit, m.start, m.end))
    return targets, outcomes


def _outcome_year(text: str, metric: Metric, report_year: int, first_target: int) -> int | None:
    """The year a non-target figure reports on, or None when it is not one past year's.

    Without a period of its own, a figure takes the last time expression before it
    in its paragraph (过去五年 … opens a five-year review; 过去一年 … a one-year one)."""
    period = metric.period or ""
    if metric.year is not None:
        return metric.year if metric.year < report_year else None
    if period in _LAST_YEAR:
        return report_year - 1
    if period and _MANY_YEARS.search(period):
        return None
    # The paragraph's opening, looked for within a bounded stretch so that a text without
    # line breaks stays linear.
    floor = max(0, metric.start - _LOOK_BACK)
    paragraph = max(text.rfind("\n", floor, metric.start) + 1, floor)
    opened = [m.group() for m in _TIME.finditer(text, paragraph, metric.start)]
    if opened:
        last = opened[-1]
        if last in _LAST_YEAR or last == "过去一年":
            return report_year - 1
        if last.endswith("年") and last[:-1].isdigit():
            return int(last[:-1]) if int(last[:-1]) < report_year else None
        return None
    if not period and metric.start < first_target:
        return report_year - 1
    return None


def _bound(text: str, metric: Metric) -> str:
    """The target's bound from its qualifier, or from a verb just before the number
    (控制在3.5%左右 is a ceiling, though its qualifier is 左右)."""
    before = text[max(0, metric.start - 6) : metric.start]
    if any(verb in before for verb in _CEILING_VERBS):
        return "at_most"
    return bound_of(metric.qualifier)


@dataclass
class TargetLedger:
    """Targets, outcomes and their links over a set of reports."""

    targets: list[Target]
    outcomes: list[Outcome]

    def __repr__(self) -> str:
        from ..display import text_summary

        return text_summary(self._headline(), {"ledger": self.ledger()})

    def _repr_html_(self) -> str:
        from ..display import html_summary

        return html_summary(self._headline(), {"ledger": self.ledger()})

    def _headline(self) -> str:
        return f"TargetLedger({len(self.targets)} targets, {len(self.outcomes)} outcomes; .ledger(), .target_frame(), .outcome_frame())"

    def target_frame(self):
        """Every target: report, year it is for, indicator, value, unit, qualifier, bound, binding."""
        import pandas as pd

        frame = pd.DataFrame([t.to_dict() for t in self.targets], columns=list(Target.__dataclass_fields__))
        return _ints(frame, ("report_year", "year"))

    def outcome_frame(self):
        """Every past-year figure: report, year, indicator, value, unit."""
        import pandas as pd

        frame = pd.DataFrame([o.to_dict() for o in self.outcomes], columns=list(Outcome.__dataclass_fields__))
        return _ints(frame, ("report_year", "year"))

    def ledger(self):
        """One row per target: the outcome for its year reported later, the verdict and
        the difference (see the module docstring); no outcome found: verdict None."""
        import pandas as pd

        outcomes: dict[tuple[str, str | None, int], Outcome] = {}
        for outcome in sorted(self.outcomes, key=lambda o: (o.report_year or 0, o.start)):
            if outcome.report_year is not None and outcome.report_year > outcome.year:
                outcomes.setdefault((indicator_key(outcome.indicator), outcome.unit, outcome.year), outcome)
        rows, seen = [], set()
        for target in sorted(self.targets, key=lambda t: (t.year or 0, t.report_year or 0, t.start)):
            key = (indicator_key(target.indicator), target.unit, target.year)
            if target.year is None or key in seen:
                continue
            seen.add(key)
            outcome = outcomes.get(key)
            verdict, difference = judge(target, outcome.value) if outcome else (None, None)
            rows.append({
                "indicator": target.indicator, "year": target.year, "target": target.value, "unit": target.unit,
                "qualifier": target.qualifier, "bound": target.bound, "binding": target.binding,
                "target_speech": target.speech, "target_start": target.start, "target_end": target.end,
                "outcome": outcome.value if outcome else None, "outcome_indicator": outcome.indicator if outcome else None,
                "outcome_speech": outcome.speech if outcome else None,
                "outcome_start": outcome.start if outcome else None, "outcome_end": outcome.end if outcome else None,
                "verdict": verdict, "difference": difference,
            })
        columns = ["indicator", "year", "target", "unit", "qualifier", "bound", "binding", "target_speech", "target_start",
                   "target_end", "outcome", "outcome_indicator", "outcome_speech", "outcome_start", "outcome_end", "verdict",
                   "difference"]
        return _ints(pd.DataFrame(rows, columns=columns), ("year", "outcome_start", "outcome_end"))


def judge(target: Target, outcome: float) -> tuple[str, float]:
    """The verdict on a target given the outcome, and outcome − target (see the module
    docstring); a range target (6.5%－7%) is met inside it, exceeded above, missed below."""
    if target.low is not None and target.high is not None:
        if outcome > target.high:
            return "exceeded", round(outcome - target.high, 6)
        if outcome < target.low:
            return "missed", round(outcome - target.low, 6)
        return "met", 0.0
    difference = round(outcome - target.value, 6)
    ceiling = target.bound == "at_most" or (target.bound == "about" and bool(LESS_IS_BETTER.search(target.indicator)))
    if ceiling:
        return ("met" if difference <= 0 else "missed"), difference
    if difference > 0:
        return "exceeded", difference
    return ("met" if difference == 0 else "missed"), difference


def _ints(frame, columns):
    for column in columns:
        frame[column] = frame[column].astype("Int64")
    return frame


def target_ledger(speeches: Sequence[Speech], metrics: dict[str, Sequence[Metric]] | None = None) -> TargetLedger:
    """Targets and outcomes of every report, ready to link (see :class:`TargetLedger`).

    Parameters
    ----------
    speeches : sequence of Speech
        Reports of consecutive years (a Corpus works); group them by level or place
        before calling, so a district's outcomes are not taken for the nation's.
    metrics : dict of str to sequence of Metric, optional
        Metrics by speech id, when already extracted.
    """
    targets: list[Target] = []
    outcomes: list[Outcome] = []
    for speech in speeches:
        found, reported = speech_targets(speech, None if metrics is None else metrics.get(speech.id))
        targets += found
        outcomes += reported
    return TargetLedger(targets, outcomes)


def ledger_by(speeches: Sequence[Speech], by: str | None = None) -> dict[Any, TargetLedger]:
    """One ledger per value of a metadata variable (org, level, place …)."""
    groups: dict[Any, list] = {}
    for speech in speeches:
        groups.setdefault(speech.meta.get(by) if by else None, []).append(speech)
    return {key: target_ledger(members) for key, members in sorted(groups.items(), key=lambda kv: (kv[0] is None, str(kv[0])))}
