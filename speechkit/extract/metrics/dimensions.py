"""Whether a unit suits an indicator: the dimension its head noun measures.

Every unit has a kind (``units.tsv``: money, area, people, weight …). The head noun that ends
an indicator asks for some of them: an output (产量) is weighed, measured or counted, never a
number of people; an area (面积) is in 亩 or 平方公里; an investment or an income (投资,
收入) is money; a share (比重, 率) is a ratio. A ratio (%, 个百分点, 倍) suits every head
whose quantity may change by it; a count of occurrences (两次降低存款准备金率) and a figure
without a unit suit every head. A head the inventory does not list asks for nothing.

The rule keeps an indicator from being carried to a figure it cannot measure (粮食总产量…，
十四亿多人的粮食安全: a count of people is no output).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .units import Unit

# Kinds of unit that state a ratio or a rate of change.
RATIO_KINDS = frozenset({"percent", "permille", "points", "multiple", "tenths"})
MONEY_KINDS = frozenset({"money", "money_usd"})
# People are counted by head or by household (贫困人口96户).
_PEOPLE = frozenset({"people", "person_times", "households"})
# Counts of occurrences (两次降低存款准备金率, 8轮巡视): how often the named action happened
# suits every name, as a ratio does.
_OCCURRENCES = "times"
_OUTPUT = frozenset({"weight", "volume", "energy", "power", "count", "boiler"})
# Head nouns and the kinds of unit (besides the ratios) their quantity is stated in. A
# share or a rate (ending in 率) is a ratio only; a rate stated in money per head (劳动生产率)
# and power (功率) are listed before it, so that the longest head decides.
_HEADS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("比重", "占比", "比例", "比率", "率"), frozenset()),
    **dict.fromkeys(("生产率",), MONEY_KINDS),
    **dict.fromkeys(("功率",), frozenset({"power"})),
    **dict.fromkeys(("产量", "总产", "产能"), _OUTPUT),
    **dict.fromkeys(("面积",), frozenset({"area"})),
    **dict.fromkeys(
        ("投资", "资金", "收入", "支出", "产值", "增加值", "总值", "总额", "金额", "利润", "税收", "经费", "费用", "贷款", "余额"),
        MONEY_KINDS,
    ),
    **dict.fromkeys(("人数", "人口", "人员", "人才", "劳动力", "人次"), _PEOPLE),
    **dict.fromkeys(("里程", "长度"), frozenset({"length"})),
    **dict.fromkeys(("装机", "装机容量"), frozenset({"power"})),
    **dict.fromkeys(("发电量", "用电量"), frozenset({"energy"})),
}
_LONGEST = max(map(len, _HEADS))


def measure_head(indicator: str) -> str:
    """The longest head noun of the inventory that ends ``indicator`` (粮食播种面积 →
    面积), or ``""``."""
    for length in range(min(_LONGEST, len(indicator)), 0, -1):
        if indicator[-length:] in _HEADS:
            return indicator[-length:]
    return ""


def head_kinds(indicator: str) -> frozenset[str] | None:
    """The kinds of unit the head noun ending ``indicator`` is stated in (the ratios
    included), or None when the inventory lists no head it ends with."""
    head = measure_head(indicator)
    return _HEADS[head] | RATIO_KINDS if head else None


def suits(indicator: str | None, unit: Unit | None) -> bool:
    """True when a figure in ``unit`` may measure ``indicator`` (see the module docstring).

    Parameters
    ----------
    indicator : str or None
        The name read for the figure; None suits every unit.
    unit : Unit or None
        The figure's unit; None (a bare count or ratio) suits every indicator.
    """
    if indicator is None or unit is None or unit.is_magnitude or unit.kind == _OCCURRENCES:
        return True
    kinds = head_kinds(indicator)
    return kinds is None or unit.kind in kinds
