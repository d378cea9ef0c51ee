"""The place a document speaks for (全国, 广东省, 海拉尔区 …) and its administrative level.

The metadata decide when they say (``place``, and ``level`` if given); otherwise the
document's opening is read, where work reports name their place in a fixed way:

- the dateline: ``在第十二届全国人民代表大会第一次会议上`` → 全国; ``在福建省第十四届人民代表大会
  第三次会议上`` → 福建省; ``在呼伦贝尔市海拉尔区第十五届人民代表大会…`` → 海拉尔区 (the
  smallest unit named);
- the title: ``海拉尔区人民政府工作报告``, ``2025年福建省政府工作报告``, ``国务院政府工作报告``;
- the address to the delegates: ``我代表国务院`` → 全国, ``我代表海拉尔区人民政府`` → 海拉尔区;
- the organisation of the metadata (``海拉尔区人民政府``, ``国务院``).

Only the opening (:data:`HEAD` characters) is read: a report names many places in its
body. The level follows from the name: 全国 national; a province, an autonomous region
or one of the four municipalities provincial; another 市, 州 or 盟 city; 区 district;
县 or 旗 county.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..chars import HAN
from ..model import Record

if TYPE_CHECKING:
    from ..speech import Speech

NATIONAL = "全国"
HEAD = 1500
MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
# One administrative unit: Chinese characters (not 年, which ends a date before it; not
# starting with the word for a kind) ending in the word for its kind.
_UNIT = rf"(?![省市区县州旗盟])(?:(?!年)[{HAN}]){{1,12}}?(?:省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗)"
# A chain of units split so that the last one is as short as a whole unit can be
# (呼伦贝尔市|海拉尔区), never cut inside a name (贵州省 is not 贵州 + 省).
_CHAIN = re.compile(rf"((?:{_UNIT})*)({_UNIT})")
_DATELINE = re.compile(rf"在((?:{_UNIT})+)第[一二三四五六七八九十]+届人民代表大会")
_NATIONAL_DATELINE = re.compile(r"全国人民代表大会")
_TITLE = re.compile(rf"((?:{_UNIT})+)(?:人民)?政府工作报告")
_ADDRESS = re.compile(rf"我代表((?:{_UNIT})+)人民政府|我代表(国务院)")
_NATIONAL_NAMES = ("国务院", "全国", "中华人民共和国")
_LEVELS = (("自治区", "provincial"), ("省", "provincial"), ("自治州", "city"), ("州", "city"), ("盟", "city"),
           ("地区", "city"), ("市", "city"), ("区", "district"), ("自治县", "county"), ("县", "county"),
           ("旗", "county"))


@dataclass(frozen=True, slots=True)
class Place(Record):
    """Where a document speaks for: ``name`` (全国, 福建省 …), ``level`` (national,
    provincial, city, district, county) and ``source`` (``metadata``, ``dateline``,
    ``title``, ``address``, ``org``)."""

    name: str
    level: str | None
    source: str


def level_of(name: str) -> str | None:
    """The administrative level a place name says (None when it says none)."""
    if name == NATIONAL:
        return "national"
    if name in MUNICIPALITIES:
        return "provincial"
    return next((level for suffix, level in _LEVELS if name.endswith(suffix)), None)


def smallest_unit(names: str) -> str:
    """The last unit of a chain such as 呼伦贝尔市海拉尔区 (→ 海拉尔区)."""
    match = _CHAIN.fullmatch(names)
    return match.group(2) if match else names


def document_place(speech: Speech) -> Place | None:
    """The place of a document: from its metadata, else from its opening (see the module
    docstring); None when neither says."""
    given = speech.meta.get("place")
    if given:
        level = speech.meta.get("level")
        return Place(str(given), str(level) if level else level_of(str(given)), "metadata")
    head = speech.text[:HEAD]
    title = " ".join(str(t) for t in (speech.meta.title,) if t)
    found = _from_head(head, title) or _from_org(speech.meta.org)
    if found is None:
        return None
    name, source = found
    return Place(name, level_of(name), source)


def metadata_place(speech: Speech) -> str | None:
    """The place a document's metadata name, without reading its text: its ``place``, else
    the place of its ``org`` (海拉尔区人民政府 → 海拉尔区, 国务院 → 全国); None when they name none."""
    given = speech.meta.get("place")
    if given:
        return str(given)
    found = _from_org(speech.meta.org)
    return found[0] if found is not None else None


def _from_head(head: str, title: str) -> tuple[str, str] | None:
    match = _DATELINE.search(head)
    if match:
        return smallest_unit(match.group(1)), "dateline"
    if _NATIONAL_DATELINE.search(head):
        return NATIONAL, "dateline"
    for text in (title, head):
        if "国务院政府工作报告" in text:
            return NATIONAL, "title"
        match = _TITLE.search(text)
        if match:
            return smallest_unit(match.group(1)), "title"
    match = _ADDRESS.search(head)
    if match:
        return (smallest_unit(match.group(1)) if match.group(1) else NATIONAL), "address"
    return None


def _from_org(org: str | None) -> tuple[str, str] | None:
    if not org:
        return None
    if org.startswith(_NATIONAL_NAMES):
        return NATIONAL, "org"
    name = org.removesuffix("人民政府").removesuffix("政府")
    return (smallest_unit(name), "org") if _CHAIN.fullmatch(name) else None
