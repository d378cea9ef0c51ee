"""Indicators across years: one row per indicator, one column per year.

Indicator names are normalised so that the spellings of different years meet
(规模以上工业总产值 = 规上工业总产值, 全社会固定资产投资总额 = 全社会固定资产投资); a
change gets its own row (规上工业总产值增长); values are converted to the unit the
row uses most (28000万元 → 2.8亿元). A cell holds the value, or ``"redacted"`` when
the speech of that year gives the indicator only as a placeholder.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ...extract.metrics.indicators import IndicatorTable, default_indicators
from ...extract.metrics.metrics import extract_metrics
from ...extract.metrics.units import UnitTable, default_units

REDACTED = "redacted"
_LEADING_SCOPE = ("园区", "全园", "年度", "全年")
# A redacted change with no unit (增长*) is a growth rate in these speeches.
_CHANGE_UNIT = "%"


def indicator_table(corpus, include_targets: bool = False):
    """Indicator × year table of a corpus.

    Parameters
    ----------
    corpus : Corpus or iterable of Speech
        Speeches without a year are left out.
    include_targets : bool
        Also show targets (预期目标), as rows of their own marked 目标.

    Returns
    -------
    pandas.DataFrame
        Index ``(indicator, unit)``, one column per year; a cell is a number,
        ``"redacted"`` or missing.
    """
    per_speech = ((speech.year, [m.to_dict() for m in extract_metrics(speech)]) for speech in corpus)
    return indicator_table_from_metrics(per_speech, include_targets)


def indicator_table_from_metrics(
    per_speech: Iterable[tuple[int | None, list[dict[str, Any]]]],
    include_targets: bool = False,
    units: UnitTable | None = None,
    indicators: IndicatorTable | None = None,
):
    """The indicator × year table from metrics already extracted (JSON dicts per speech).

    ``per_speech`` yields ``(year, metrics)``; this is what ``speechkit analyze``
    has in its per-speech results.
    """
    import pandas as pd

    units = units or default_units()
    table = indicators or default_indicators()
    cells: dict[tuple[str, str], dict[int, list[tuple[float | None, str | None]]]] = defaultdict(lambda: defaultdict(list))
    for year, metrics in per_speech:
        if year is None:
            continue
        for metric in metrics:
            key = row_key(metric, table, units, include_targets)
            if key is not None:
                name, kind, unit = key
                cells[(name, kind)][year].append((metric["value"], unit))
    rows = {}
    for (name, kind), by_year in cells.items():
        unit = _display_unit(by_year)
        rows[(name, unit)] = {year: _cell(values, unit, units) for year, values in by_year.items()}
    years = sorted({year for row in rows.values() for year in row})
    order = sorted(rows, key=lambda key: (-sum(v is not None for v in rows[key].values()), key[0], key[1] or ""))
    frame = pd.DataFrame(
        [[rows[key].get(year) for year in years] for key in order],
        index=pd.MultiIndex.from_tuples(order, names=["indicator", "unit"]) if order else pd.MultiIndex.from_tuples([], names=["indicator", "unit"]),
        columns=years,
        dtype=object,
    )
    frame.columns.name = "year"
    return frame


def normalise_indicator(name: str, table: IndicatorTable | None = None) -> str:
    """The name an indicator spelling is compared under across years."""
    table = table or default_indicators()
    name = name.replace("规模以上", "规上")
    for scope in _LEADING_SCOPE:
        if name.startswith(scope) and len(name) - len(scope) >= 2:
            name = name[len(scope) :]
            break
    return table.normalise(name)


def row_key(metric: dict[str, Any], table: IndicatorTable, units: UnitTable, include_targets: bool):
    """``(row name, unit kind, unit)`` of a metric, or None when it has no place in the table."""
    if not metric.get("indicator"):
        return None
    role = metric.get("role")
    if role == "target" and not include_targets:
        return None
    name = normalise_indicator(metric["indicator"], table)
    change = metric.get("change")
    unit = metric.get("unit")
    if change and not change.endswith(("到", "至", "为")):
        name += change.rstrip("了")
        if unit is None and metric.get("placeholder"):
            unit = _CHANGE_UNIT
    if role == "target":
        name += "（目标）"
    found = units.get(unit) if unit else None
    return name, (found.kind if found is not None else unit or ""), unit


def _display_unit(by_year) -> str | None:
    counts = Counter(unit for values in by_year.values() for _value, unit in values if unit)
    return min(counts, key=lambda u: (-counts[u], u)) if counts else None


def _cell(values: list[tuple[float | None, str | None]], unit: str | None, units: UnitTable):
    """The first real value of a year in the row's unit, else ``redacted``."""
    for value, written in values:
        if value is None:
            continue
        if written != unit and written and unit:
            base, _ = units.to_base(value, written)
            one, _ = units.to_base(1.0, unit)
            value = base / one if base is not None and one else value
        return round(value, 6)
    return REDACTED
