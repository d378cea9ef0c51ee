"""Canonical indicators: the many names reports use for one indicator of targets and outcomes.

The bundled table (``speechkit/data/canonical_indicators.tsv``, replaceable by a file of
the same columns) gives each indicator an id (``gdp_growth``), a kind (``growth``: a rate
of change in %; ``rate``: a share in %; ``level``: an amount; ``change``: an amount of
change), the kind of unit its value is in (``percent``, ``money``, ``people``, ``weight``
of ``units.tsv``), a direction (``floor``: more is better; ``ceiling``: less is better),
a family (indicators measuring one thing on different scopes) and its names.

A metric is matched by its *spelling*: its indicator without the scope in front (全国,
全省, 全社会, 全年 …), without 预期/目标, a trailing 拟定/均, the statistic it is given as (平均值)
and the verb that leads to the number (继续保持, 稳定在), followed by its change word when it
is a change (国内生产总值 + 增长). A fall of a growth indicator (固定资产投资下降3.3%) is its
growth, negative (−3.3). A level or rate must be a level (财政赤字增加2700亿元 is no deficit),
and the unit must be of the indicator's kind (粮食产量 in 万亿斤, not in %).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..extract.metrics.units import UnitTable, default_units
from ..resource_files import read_table
from ..resources import data_path

if TYPE_CHECKING:
    from ..model import Metric

COLUMNS = ["id", "kind", "unit", "direction", "family", "names"]
KINDS = frozenset({"growth", "rate", "level", "change"})
DIRECTIONS = frozenset({"floor", "ceiling"})
_SCOPES = re.compile(r"^(?:全国|全省|全区|全市|全县|全州|全社会|全年|年末|年底|今年|去年|上年|本年|当年)+")
_EXPECTED = re.compile(r"预期目标|预期|目标")
# Words a target's sentence puts between the name and the number (…增长目标拟定为, …增长均为).
_TARGET_TAIL = re.compile(r"(?:拟定|拟|均)$")
# The statistic a figure is given as, and the verb leading to its number, are no part of the
# name (城镇调查失业率平均值为5.0%, 粮食产量继续保持500亿斤以上).
_STATISTIC_TAIL = re.compile(r"(?:的)?(?:年?平均值|均值|平均水平)$")
_VERB_TAIL = re.compile(r"(?:继续|持续|力争|确保|努力)?(?:保持在?|稳定在?|达到?|实现|控制在?)$")
# The fall of a growth indicator: its growth, negative.
_FALLS = ("下降", "降低", "减少", "回落", "下滑")
_GROWTH = "增长"
# Change words written with an aspect mark or a degree keep their stem (上涨了 → 上涨).
_CHANGE_TAIL = re.compile(r"[了约近达]+$")


@dataclass(frozen=True, slots=True)
class CanonicalIndicator:
    """One indicator: ``id``, ``kind``, ``unit`` (a unit kind), ``direction``, ``family``, ``names``."""

    id: str
    kind: str
    unit: str
    direction: str
    family: str | None
    names: tuple[str, ...]


class CanonicalTable:
    """Canonical indicators looked up by spelling.

    Parameters
    ----------
    indicators : iterable of CanonicalIndicator
    units : UnitTable, optional
        Units and their kinds (default: the bundled ``units.tsv``).
    """

    def __init__(self, indicators: Iterable[CanonicalIndicator], units: UnitTable | None = None):
        self.indicators = {indicator.id: indicator for indicator in indicators}
        self.by_name = {name: indicator for indicator in self.indicators.values() for name in indicator.names}
        self.units = units or default_units()

    def __getitem__(self, indicator_id: str) -> CanonicalIndicator:
        return self.indicators[indicator_id]

    def match(self, metric: Metric) -> CanonicalIndicator | None:
        """The canonical indicator a metric gives a value of, or None."""
        found = self.lookup(metric)
        return found[0] if found else None

    def lookup(self, metric: Metric) -> tuple[CanonicalIndicator, int] | None:
        """The canonical indicator of a metric and the sign of its value in it: −1 for the
        fall of a growth indicator (固定资产投资下降3.3% → −3.3), else 1; None when none."""
        name = metric.indicator
        if not name or metric.value is None:
            return None
        measure = metric.measure or "level"
        change = metric.change
        found = self._accepted(self.by_name.get(spelling(name, change, measure)), metric, measure)
        if found is not None:
            return found, 1
        if measure == "change" and change and change.startswith(_FALLS):
            grown = self._accepted(self.by_name.get(spelling(name, _GROWTH, measure)), metric, measure)
            if grown is not None and grown.kind == "growth":
                return grown, -1
        return None

    def _accepted(self, found: CanonicalIndicator | None, metric: Metric,
                  measure: str) -> CanonicalIndicator | None:
        """``found`` when the metric's measure and unit fit its kind, else None."""
        if found is None:
            return None
        if found.kind in ("level", "rate") and measure != "level":
            return None
        if found.kind == "change" and measure != "change":
            return None
        unit = metric.unit
        known = self.units.get(unit) if unit else None
        if unit is None:
            return found if found.kind in ("level", "change") else None
        return found if known is not None and known.kind == found.unit else None


def without_scope(words: str) -> str:
    """Words without the scope in front (全省, 全社会, 今年 …)."""
    return _SCOPES.sub("", words) or words


def spelling(indicator: str, change: str | None, measure: str) -> str:
    """The name a metric is looked up under: see the module docstring."""
    name = _TARGET_TAIL.sub("", _EXPECTED.sub("", without_scope(indicator.strip()))) or indicator
    name = _VERB_TAIL.sub("", _STATISTIC_TAIL.sub("", name)) or name
    if measure == "change" and change and not name.endswith(change):
        name += _CHANGE_TAIL.sub("", change)
    return name


def read_canonical(path: str | Path) -> CanonicalTable:
    """Read a canonical indicator table (tab-separated, header ``id kind unit direction family names``).

    Raises
    ------
    SpeechkitError
        When the header, a kind or a direction is not one the table allows.
    """
    indicators = []
    for number, (identifier, kind, unit, direction, family, names) in read_table(path, COLUMNS, what="canonical indicator table",
                                                                                 exact=True):
        if kind not in KINDS or direction not in DIRECTIONS:
            raise SpeechkitError(f"{path}: line {number}: kind must be one of {sorted(KINDS)}, "
                                 f"direction one of {sorted(DIRECTIONS)}")
        indicators.append(CanonicalIndicator(identifier, kind, unit, direction, family or None,
                                             tuple(n.strip() for n in names.split("|") if n.strip())))
    return CanonicalTable(indicators)


@lru_cache(maxsize=1)
def default_canonical() -> CanonicalTable:
    """The bundled canonical indicator table, read once per process."""
    return read_canonical(data_path("canonical_indicators.tsv"))
