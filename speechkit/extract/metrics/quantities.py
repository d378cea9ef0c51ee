"""Quantities: a number (or a redacted number) with its unit, as written in the text.

A quantity is a real number followed by a unit of the unit table (12项, 1244万人,
5.2%, 百分之五, 三千五百人次, 2×35万千瓦), a number with a magnitude word and no unit
(6600多万 → 66,000,000), or a ``number`` placeholder with whatever unit follows it
(*亿元, 增长*). Not quantities: a year (2022年, 二〇三五年, 2019—2025), a date (3月5日),
a section or ordinal number (一、 1. （1） 第三), a lone 一 (一批, 一年来), a bare 百/千/万,
a number inside quotes or a book title (“十二连增”, 《规划（2021—2025年）》), a number
in a Latin code (5G, C919), and a formulation of the lexicon (两个确立, 四个意识).

A share is a quantity without unit: 四分之一 (0.25), 三分之二, 1/3.

A number without unit is a quantity when it is a member of a ratio (4.0∶37.7∶58.3)
or follows a word that names a unitless measure (收入倍差缩小到2.05, 基尼系数0.46).
A bare 百 or 千 counts as 100 or 1000 before a unit that starts with a magnitude
(千亿元, 百万人) or where a word announces it as a number (上千万家庭, 突破千项, 千余家),
never alone (千万不要, 千家万户). 一半 with its bound (一半以上) is the share 0.5; the
number of 翻一番, 翻两番 counts doublings (unit 番). Numerals of a numbered formulation
found by its shape (十项重大工程, see :mod:`speechkit.extract.slogans.numbered`) are none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...chars import is_han
from ...numerals import parse_arabic, parse_chinese, parse_mixed
from ...segment import get_tokenizer
from ...text import balanced_pairs
from ..scan import finditer
from ..slogans.lexicon import Lexicon, load_lexicon
from ..slogans.shapes import find_formula_phrases
from .numbers import CN_ZEROS, MAGNITUDES, MIXED_TAIL, NUMBER, is_year, numeral_before_magnitude
from .units import Unit, UnitTable

_EXCLUDING_OPENERS = frozenset("“‘「『\"《")
# 第三, 初五, 周一, 其二, 十四届四次会议; 第二个一百年, 十三个五年规划: a numeral
# after 个 is part of a name.
_ORDINAL_BEFORE = frozenset("第初周其个届")
_APPROXIMATE = "多余"
# Longer runs of digits are codes or noise, not quantities.
_LONGEST_NUMBER = 16
# Members of a written ratio: 4.0∶37.7∶58.3, 1:1.
_RATIO_MARKS = "∶:"
_CLOCK = re.compile(r"[0-9]{1,2}:[0-9]{2}(?![0-9.])")
# Words that name a unitless measure, read in the few characters before a bare number.
_UNITLESS_MEASURE = re.compile(r"倍差|比值|之比|收入比|系数|指数|比例为|比为")
_UNITLESS_LOOKBACK = 10
_BARE_MAGNITUDE = {"百": 100, "千": 1000}
_RANGE_MARKS = "—–-－～~至"
_TIME_KINDS = frozenset({"duration", "age"})
# Numbers of a list whose unit is written once, after the last: 120、85万吨.
_LIST_JOINERS = "、和与及"
_MAGNITUDE_WORDS = ("万亿", "亿", "万")
# 1/3, 1/10: a share written with a slash (not a date, a path or a longer code: 12/15/content).
_SLASHED = re.compile(r"(?P<part>[0-9]{1,3})[/／](?P<whole>[0-9]{1,4})(?![0-9/／])")
# A bare 百/千 is a number where a word of approximation or a bound announces it
# (上千万家庭, 突破千项, 近千家) or 余/多 follows it (百余家); alone it is part of a word
# or a figure of speech (千家万户, 千万不要). A lone 万 or 亿 is not read as a number.
# 成千上万: "thousands upon thousands", no number.
_MANY = "成千上"
_TEN_THOUSAND = "万"
_BARE_CUES = ("上", "近", "逾", "超", "超过", "突破", "达", "达到", "约", "将近", "接近")
# 一半 with its bound (一半以上, 一半左右) is a share; alone it is mostly a manner of
# speaking (一半用于…).
_HALF = "半"
_HALF_WRITTEN = "一半"
_HALVES = tuple(_HALF + bound for bound in ("以上", "以下", "左右", "多"))
# 翻一番, 翻了两番: the number of doublings.
_DOUBLINGS = "番"
_DOUBLE_VERBS = ("翻", "翻了")
# The kind of unit of a ratio to a base (倍, 番), which 一 counts too: 增长一倍.
_MULTIPLE = "multiple"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number and its unit: ``text[start:end]`` is ``raw``."""

    start: int
    end: int
    raw: str
    value: float | None
    unit: Unit | None
    placeholder: bool
    approximate: str | None = None
    low: float | None = None
    high: float | None = None


def find_quantities(text: str, units: UnitTable, placeholders, *, lexicon: Lexicon | None = None) -> list[Quantity]:
    """All quantities of ``text`` in order, real numbers and ``number`` placeholders.

    A range (3—5万元, 1至2个百分点, 3%-5%) is one quantity whose ``value`` is its
    ``low`` bound and whose ``high`` is the other. Numerals inside a formulation of
    ``lexicon`` (default: the bundled one) are none.
    """
    excluded = excluded_mask(text, lexicon if lexicon is not None else load_lexicon())
    found: list[Quantity] = []
    bare: dict[int, tuple[int, float]] = {}  # end → (start, value) of numbers without unit
    for match in finditer(NUMBER, text):
        if found and match.start() < found[-1].end:
            continue  # inside the unit of the previous quantity (9万亿三个)
        quantity = _real(text, match, units, excluded)
        if quantity is None:
            value = _bare_value(text, match, excluded)
            if value is not None:
                bare[match.end()] = (match.start(), value)
            continue
        mark = quantity.start - 1
        if mark > 0 and text[mark] in _RANGE_MARKS and quantity.unit is not None:
            if found and found[-1].end == mark and found[-1].unit == quantity.unit and found[-1].low is None:
                first = found.pop()
                quantity = _range(text, first.start, first.value, quantity)
            elif mark in bare:
                quantity = _range(text, bare[mark][0], bare[mark][1], quantity)
        elif quantity.unit is not None:
            _unit_written_once(text, found, bare, quantity, units)
        found.append(quantity)
    found += [_redacted(text, p.start, p.end, units) for p in placeholders if p.kind == "number"]
    found.sort(key=lambda q: q.start)
    return found


def _unit_written_once(text: str, found: list[Quantity], bare: dict, last: Quantity, units: UnitTable) -> None:
    """10.6万、3.8万、3.3万平方公里, 120、85万吨: the members of a list of numbers before
    ``last`` that have no unit of their own take its unit (a bare magnitude must be the
    one the unit starts with). Members are replaced in, or added to, ``found``."""
    if last.start < 2 or text[last.start - 1] not in _LIST_JOINERS:
        return  # no list before it: spares indexing every quantity found so far
    by_end = {q.end: i for i, q in enumerate(found) if q.unit is None and q.low is None and not q.placeholder}
    members: list[Quantity] = []
    pos = last.start
    while pos > 1 and text[pos - 1] in _LIST_JOINERS:
        end = pos - 1
        if end in by_end:
            member = found[by_end[end]]
            magnitude = next((m for m in _MAGNITUDE_WORDS if member.raw.endswith(m)), None)
            if magnitude is None or not last.unit.text.startswith(magnitude):
                break
            value = member.value / units.get(magnitude).factor
            members.append(Quantity(member.start, member.end, member.raw, value, last.unit, False, member.approximate))
        elif end in bare:
            start, value = bare[end]
            members.append(Quantity(start, end, text[start:end], value, last.unit, False))
        else:
            break
        pos = members[-1].start
    if not members:
        return
    starts = {member.start for member in members}
    found[:] = [q for q in found if q.start not in starts] + members[::-1]


def _bare_value(text: str, match, excluded: bytearray) -> float | None:
    """The value of a number written without unit that may open a range (the 3 of 3—5万元)
    or a list whose unit is written once (the 120 of 120、85万吨)."""
    start, end = match.start(), match.end()
    if excluded[start] or (start and text[start - 1] in _ORDINAL_BEFORE) or end >= len(text):
        return None
    listed = text[end] in _LIST_JOINERS and match.group("arabic")
    if text[end] not in _RANGE_MARKS and not listed:
        return None
    if match.group("arabic") and not match.group("times"):
        number = match.group("arabic")
        if _in_latin_code(text, start, end) or is_year(text[end : end + 1], number):
            return None
        return parse_arabic(number)
    if match.group("chinese") and not is_year(text[end : end + 1], match.group("chinese")):
        return parse_chinese(match.group("chinese"))
    return None


def _range(text: str, start: int, low: float | None, upper: Quantity) -> Quantity:
    """The range from a low bound written at ``start`` to the quantity ``upper``."""
    if low is None or upper.value is None:
        return upper
    return Quantity(start, upper.end, text[start : upper.end], low, upper.unit, False, upper.approximate, low, upper.value)


def excluded_mask(text: str, lexicon: Lexicon) -> bytearray:
    """1 at each character inside quotes, a book title, a formulation of ``lexicon`` or a
    numbered formulation by its shape (numeral + 大/项 + a formula's head: 十项重大工程)."""
    mask = bytearray(len(text))
    for open_, close in balanced_pairs(text):
        if text[open_] in _EXCLUDING_OPENERS:
            mask[open_ + 1 : close] = b"\x01" * (close - open_ - 1)
    for start, end, _entry in lexicon.find(text):
        mask[start:end] = b"\x01" * (end - start)
    # 十项重大工程, 四项基本原则: numbered formulations by their shape, known or not
    for start, end in find_formula_phrases(text, get_tokenizer()):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _real(text: str, match, units: UnitTable, excluded: bytearray) -> Quantity | None:
    start = match.start()
    if excluded[start] or _after_ordinal(text, start) or match.end() - start > _LONGEST_NUMBER:
        return None
    if match.group("share_of"):
        return _share(text, match)
    if match.group("fraction"):
        number = match.group("fraction_number")
        value = parse_arabic(number) if number[0].isdigit() else parse_chinese(number)
        unit = units.get("%" if match.group("fraction") == "百分之" else "‰")
        return None if value is None else Quantity(start, match.end(), match.group(), value, unit, False)
    if match.group("arabic"):
        number, end = match.group("arabic"), match.end()
        slashed = _SLASHED.match(text, start)
        if slashed is not None and not match.group("times"):
            share = _slashed_share(text, slashed, units)
            if share is not None:
                return share
        if (_in_latin_code(text, start, end) and not _latin_unit(text, start, end, units)) or is_year(
            text[end : end + 1], number
        ):
            return None
        value, end, approximate = _mixed(text, number, end, units)
        magnitude = any(ch in MAGNITUDES for ch in text[match.end() : end])
        value *= int(match.group("times") or 1)
        quantity = _with_unit(text, start, end, value, units, approximate=approximate, magnitude=magnitude)
        return quantity if quantity is not None or match.group("times") else _unitless(text, start, end, value)
    else:
        written = _numeral_before_unit(text, start, match.group("chinese"), units)
        number = numeral_before_magnitude(written)
        end = start + len(number)
        if number == "一" and text.startswith(_HALVES, end):
            return Quantity(start, end + len(_HALF), _HALF_WRITTEN, 0.5, None, False)
        if number in _BARE_MAGNITUDE:
            quantity = _bare_magnitude(text, start, end, number, units)
            if quantity is None and is_cued(text, start, start + len(written)):
                quantity = _cued_bare_number(text, start, written, units)
            return quantity
        if not number and _lone_magnitude_cued(text, start, written):
            # 突破万列, 超万亿元, 近万家: a lone magnitude announced as a number counts one of it
            return _with_unit(text, start, start, 1.0, units, magnitude=True)
        if not number or number[0] in MAGNITUDES or set(number) <= CN_ZEROS:
            return None
        if is_year(text[end : end + 1], number):
            return None
        value = parse_chinese(number)
        if value is None:
            return None
        split = _chinese_split_magnitude(text, number, end)
        if split is not None:
            # 两亿五千多万: the 万 belongs to the part after 亿, not to the whole number.
            value, approximate = split
            return _with_unit(text, start, end + 2, value, units, approximate=approximate, magnitude=True)
    quantity = _with_unit(
        text, start, end, value, units, lone_one=number == "一" and not _doubled(text, start, end),
        magnitude=number[-1] in MAGNITUDES,  # 十亿四千万: a magnitude kept inside the number
    )
    if (
        quantity is not None
        and len(number) == 1
        and quantity.unit is not None
        and quantity.unit.kind.startswith("money")
        and not quantity.unit.text.startswith(tuple(MAGNITUDES))
    ):
        return None  # 三元乳业, 城乡二元结构: a name, not an amount (一亿元 is an amount)
    return quantity


def _after_ordinal(text: str, start: int) -> bool:
    """True after 第, 初, 周 … (第三, 第 3 个): the number is an ordinal or part of a name."""
    before = start - 1
    if before > 0 and text[before] in " \u3000":
        before -= 1
    return before >= 0 and text[before] in _ORDINAL_BEFORE


def _share(text: str, match) -> Quantity | None:
    """四分之一 → 0.25, 三分之二多: a unitless share, with its approximation."""
    whole, part = parse_chinese(match.group("share_of")), parse_chinese(match.group("share"))
    if not whole or part is None or part > whole:
        return None
    value = part / whole
    approximate, end = _approximate(text, match.end())
    return Quantity(match.start(), end, text[match.start() : end], value, None, False, approximate)


def _slashed_share(text: str, match, units: UnitTable) -> Quantity | None:
    """1/3 → 0.333…, 1/10以上: a unitless share written with a slash, smaller than one, not
    inside a code or a path (2022-12/15/content) nor a pair of figures of one unit
    (350/250公里)."""
    start = match.start()
    before = text[start - 1] if start else ""
    part, whole = int(match.group("part")), int(match.group("whole"))
    if (before.isascii() and (before.isalnum() or before in "/-.:_")) or not 0 < part < whole:
        return None
    if units.match(text, match.end()) is not None:
        return None
    approximate, end = _approximate(text, match.end())
    return Quantity(start, end, text[start:end], part / whole, None, False, approximate)


def _numeral_before_unit(text: str, start: int, written: str, units: UnitTable) -> str:
    """The Chinese numeral written at ``start`` without the first character of a unit
    it ran into (三亿五千万千瓦: 千 of 千瓦), when only so it is a number."""
    last = start + len(written) - 1
    if len(written) < 2 or parse_chinese(written) is not None or units.match(text, last) is None:
        return written
    return written[:-1] if parse_chinese(written[:-1]) is not None else written


def _chinese_split_magnitude(text: str, number: str, end: int) -> tuple[float, str] | None:
    """The value and approximation of a Chinese number with 亿 whose part after 亿 takes a
    written 多万/余万 (两亿五千多万 → 250,000,000, 多), else None."""
    high, _, low = number.rpartition("亿")
    if not high or not low or "万" in low or text[end : end + 1] not in _APPROXIMATE or not text.startswith("万", end + 1):
        return None
    high_value, low_value = parse_chinese(high), parse_chinese(low)
    if high_value is None or low_value is None:
        return None
    return high_value * 100_000_000 + low_value * 10_000, text[end]


def _bare_magnitude(text: str, start: int, end: int, number: str, units: UnitTable) -> Quantity | None:
    """千亿元, 百万人: a bare 百/千 before a unit that starts with 万 or 亿."""
    unit = units.match(text, end)
    if unit is None or unit.is_magnitude or not unit.text.startswith(tuple(MAGNITUDES)):
        return None
    return _with_unit(text, start, end, float(_BARE_MAGNITUDE[number]), units)


def _unitless(text: str, start: int, end: int, value: float) -> Quantity | None:
    """A number without unit that is a ratio member or names a unitless measure."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    ratio = (before in _RATIO_MARKS and text[start - 2 : start - 1].isdigit()) or (
        after in _RATIO_MARKS and text[end + 1 : end + 2].isdigit()
    )
    if ratio and any(m.start() <= start < m.end() for m in _CLOCK.finditer(text, max(0, start - 3), end + 3)):
        return None  # 3:00 is a time of day
    if ratio or _UNITLESS_MEASURE.search(text, max(0, start - _UNITLESS_LOOKBACK), start):
        return Quantity(start, end, text[start:end], value, None, False)
    return None


def _mixed(text: str, number: str, end: int, units: UnitTable) -> tuple[float, int, str | None]:
    """An Arabic number with Chinese magnitudes written inside it (5千, 2万5千, 1亿3千多万)."""
    if end < len(text) and text[end] in "千百" and units.match(text, end) is None:
        return parse_arabic(number) * (1000 if text[end] == "千" else 100), end + 1, None
    tail = MIXED_TAIL.match(text, end)
    if tail is None:
        return parse_arabic(number), end, None
    written, end = number + tail.group(), tail.end()
    approximate, after = _approximate(text, end)
    if tail.group().startswith("亿") and "万" not in tail.group() and text.startswith("万", after):
        # 1亿3千多万: the 万 belongs to the part after 亿, not to the whole number.
        written, end = written + "万", after + 1
    else:
        approximate = None
    value = parse_mixed(written)
    if value is None:
        return parse_arabic(number), tail.start(), None
    return value, end, approximate


def _with_unit(
    text: str,
    start: int,
    end: int,
    value: float,
    units: UnitTable,
    lone_one: bool = False,
    approximate: str | None = None,
    magnitude: bool = False,
) -> Quantity | None:
    """The quantity of a number ending at ``end``: its unit, or a magnitude (1.2万)."""
    if approximate is None:
        approximate, pos = _approximate(text, _over_space(text, end, units))
    else:
        pos = end
    unit = units.match(text, pos)
    if unit is None and text.startswith(" ", pos) and _is_latin_unit(units.match(text, pos + 1)):
        pos, unit = pos + 1, units.match(text, pos + 1)  # 160 Eflops
    if unit is not None and unit.text == "个" and text.startswith(("多百分点", "余百分点"), pos + 1):
        # 2个多百分点: the approximation is written inside the unit.
        approximate, unit = text[pos + 1], units.get("个百分点")
        end = pos + 5
        return Quantity(start, end, text[start:end], value, unit, False, approximate)
    if unit is not None and unit.is_magnitude:
        value *= unit.factor
        pos += len(unit.text)
        magnitude = True
        if approximate is None:
            approximate, pos = _approximate(text, pos)
        unit = units.match(text, pos)
        if unit is not None and unit.is_magnitude:
            unit = None
    if unit is None and not magnitude:
        return None
    if unit is not None and unit.text == _DOUBLINGS and not _doubled(text, start, pos):
        return None  # 三番五次: 番 counts doublings only after 翻
    if lone_one and not magnitude and not unit.text.startswith(tuple(MAGNITUDES)) and unit.kind != _MULTIPLE:
        return None  # 一批, 一个, 一年: the article, not a count (增长一倍 is a ratio)
    end = pos + (len(unit.text) if unit is not None else 0)
    return Quantity(start, end, text[start:end], value, unit, False, approximate)


def _over_space(text: str, pos: int, units: UnitTable) -> int:
    """``pos`` past one space between a number and its Chinese unit (280 多个, 12 家: text
    taken from a PDF), else ``pos``. Not before a time unit: 2020 年 stays a year."""
    if not text.startswith((" ", "\u3000"), pos):
        return pos
    after = pos + 1 + (1 if text[pos + 1 : pos + 2] in _APPROXIMATE else 0)
    unit = units.match(text, after)
    if unit is None or not is_han(unit.text[0]) or unit.kind in _TIME_KINDS:
        return pos
    return pos + 1


def _redacted(text: str, start: int, end: int, units: UnitTable) -> Quantity:
    approximate, pos = _approximate(text, end)
    unit = units.match(text, pos)
    if unit is None:
        approximate, pos = None, end
    else:
        pos += len(unit.text)
    return Quantity(start, pos, text[start:pos], None, unit, True, approximate)


def _approximate(text: str, pos: int) -> tuple[str | None, int]:
    if pos < len(text) and text[pos] in _APPROXIMATE:
        return text[pos], pos + 1
    return None, pos


def _is_latin_unit(unit: Unit | None) -> bool:
    return unit is not None and unit.text[0].isascii() and unit.text[0].isalpha()


def _latin_unit(text: str, start: int, end: int, units: UnitTable) -> bool:
    """True for a number written before a Latin unit of the table (55GWh, 160 Eflops), not in a code (5G)."""
    gap = 1 if text.startswith(" ", end) else 0
    unit = units.match(text, end + gap)
    if not _is_latin_unit(unit):
        return False
    before = text[start - 1] if start else ""
    stop = end + gap + len(unit.text)
    after = text[stop] if stop < len(text) else ""
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _in_latin_code(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return any(ch.isascii() and (ch.isalpha() or ch == "_") for ch in (before, after) if ch)


def _lone_magnitude_cued(text: str, start: int, written: str) -> bool:
    """True for 万 or 万亿 written alone after a cue of a number (突破万亿元, 上万支), not in
    the idiom 成千上万. 亿 alone (上亿群众, 近亿人次) is left out: it reads as a vague size,
    hundreds of millions, more often than as one 亿."""
    return (
        written.startswith(_TEN_THOUSAND) and set(written) <= MAGNITUDES
        and text.endswith(_BARE_CUES, 0, start) and not text.endswith(_MANY, 0, start)
    )


def is_cued(text: str, start: int, end: int) -> bool:
    """True when a bare magnitude at ``text[start:end]`` is announced as a number (see ``_BARE_CUES``)."""
    return text.endswith(_BARE_CUES, 0, start) or text[end : end + 1] in _APPROXIMATE


def _cued_bare_number(text: str, start: int, written: str, units: UnitTable) -> Quantity | None:
    """上千万家庭 (10,000,000, no unit), 突破千项 (1000 项), 百余家: a bare 百 or 千
    announced as a number, with the unit after it; without a unit only when 万 or 亿
    follows it."""
    value = parse_chinese(written)
    if not value:
        return None
    large = any(ch in MAGNITUDES for ch in written)
    return _with_unit(text, start, start + len(written), value, units, magnitude=large)


def _doubled(text: str, start: int, end: int) -> bool:
    """True for the number of 翻一番, 翻了两番 (番 written at ``end``)."""
    return text.startswith(_DOUBLINGS, end) and text.endswith(_DOUBLE_VERBS, 0, start)
