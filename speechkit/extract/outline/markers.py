"""Numbering markers of official documents: Chinese numerals, heading markers, list markers.

Headings follow the levels of GB/T 9704 (一、 （一） 1. （1）) plus 第一部分/第一章/第一节/
第一篇/第一条, paragraph-leading 第一，, 专栏 boxes, 附件 (附表, 附录, 附：) annexes and the note
numbers (［1］) of a glossary's entries. Full-width and half-width brackets, digits and
stops are the same style, and so are the one-character numbers of word processors (㈠ is
（一）, ⑴ is （1）, ⒈ is 1.; ① numbers a level below （1））; a space inside a marker
(（ 一 ）, 一 、) and markdown opening a heading line (## 一、, **（一）…**) are no part of
its style. Inline list markers are 一是, 一要, 一不…, 第一，/第一步，/第一点，/第一个方面，/
第一是/其一，, 首先/其次/再次/最后, 一方面/另一方面
(also after their subject: 我们一方面…), in-paragraph （1）/（一），leading —— and a numeral
with a one-character verb opening a clause (一抓…二抓…), or right after a lead-in word or the
actions' subject (今后一是…, 我们一抓…).

Every pattern here is a plain alternation of bounded character classes: matching is
linear in the text whatever the input.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from ...chars import DIGITS, HAN, is_han
from ...numerals import parse_whole_number
from ..scan import finditer

CN_NUMERAL = "一二三四五六七八九十百零〇两"
_CN = f"[{CN_NUMERAL}]{{1,4}}"
_AR = f"[{DIGITS}]{{1,3}}"
_OPEN = "[（(]"
# A heading's bracket may be followed by a line break where the marker was cut over two
# lines (（ / 三）改革…; the outline joins such lines into one paragraph), and text taken
# from a PDF or a web page may hold spaces inside a heading's marker (（ 一 ）, 一 、).
_MARKER_SPACE = "[ \u3000]?"
_OPEN_HEADING = _OPEN + "(?:[\\n\\r]+[ \u3000\t\u00a0\u2002\u2003]*)?" + _MARKER_SPACE  # the next line may be indented
_CLOSE = "[）)]"
_CLOSE_HEADING = _MARKER_SPACE + _CLOSE




# --- Headings: matched at the start of a paragraph ---------------------------------------

# Style names: each is one numbering style whatever its width (（一） and (一) are one style).
CN = "cn"  # 一、
PAREN_CN = "paren_cn"  # （一）
ARABIC = "arabic"  # 1.  1、  1．
PAREN_ARABIC = "paren_arabic"  # （1）
ORDINAL = "ordinal"  # 第一， at the start of a paragraph
BOX = "box"  # 专栏
ANNEX = "annex"  # 附件
GLOSSARY = "glossary"  # 名词解释, 注释, 说明 on a line of their own: a tree of its own, like an annex
PART_TITLE = "part_title"  # an unnumbered title line above a numbering that restarts at 1
NOTE = "note"  # ［1］ opening an entry of a glossary (a footnote's number in running text)

_HEADING = re.compile(
    rf"(?P<cn>(?P<cn_n>{_CN}){_MARKER_SPACE}[、．.])"
    rf"|(?P<paren_cn>{_OPEN_HEADING}(?P<paren_cn_n>{_CN}){_CLOSE_HEADING})"
    rf"|(?P<arabic>(?P<arabic_n>{_AR})[.．、](?![{DIGITS}]))"
    rf"|(?P<paren_arabic>{_OPEN_HEADING}(?P<paren_arabic_n>{_AR}){_CLOSE_HEADING})"
    rf"|(?P<part>第(?P<part_n>{_CN})(?P<part_unit>部分|章|节|篇|条))"
    rf"|(?P<ordinal>第(?P<ordinal_n>{_CN})[，,、：:])"
    rf"|(?P<note>[［\[【](?P<note_n>{_AR})[］\]】])"
)
# 一、二季度 and 一、二、三产业 list numerals, they do not number a heading.
_NUMERAL_RUN = re.compile(rf"[{CN_NUMERAL}]+(?:[、，,]|季度|月|产业|产|等)")
_BOX = re.compile(rf"专栏[ \u3000]*(?:(?P<n>[{DIGITS}]{{1,3}})|(?P<c>{_CN})(?=[ \u3000：:]|$))?[ \u3000：:]*")
# 附件, 附表 (an annexed table), 附录 (an appendix) and 附： label what follows the body.
_ANNEX_LABEL = "附(?:[件表录]|(?=[：:]))"
_ANNEX = re.compile(rf"{_ANNEX_LABEL}[ \u3000]*(?P<n>[{DIGITS}]{{1,3}}|{_CN})?[ \u3000]*[：:]?[ \u3000]*$")
# 附件2 名词解释, 附件1：十件民生实事: the label and a short title without a stop on one line.
ANNEX_SEPARATORS = " \u3000：:"  # between an annex label and its title
_ANNEX_TITLED = re.compile(
    rf"{_ANNEX_LABEL}[ \u3000]*(?:(?P<n>[{DIGITS}]{{1,3}}|{_CN})[ \u3000]*[：:]|(?P<m>[{DIGITS}]{{1,3}}|{_CN})[ \u3000]+|[：:])[ \u3000]*"
    r"(?=[^。！？；!?;\n]{1,40}$)"
)
_LONE_NUMBER = re.compile(rf"[{DIGITS}]{{1,3}}$")
# The label may say whose terms it explains (本报告名词解释) and stand in brackets (【名词解释】);
# notes on the figures after the end (说明, 有关说明, 数据说明) stand apart the same way.
_GLOSSARY = re.compile(
    rf"[【〔［\[]?[{HAN}]{{0,6}}?(?:名词解释|名词注释|名词解读|术语解释|注释|注解|释义|说明)[】〕］\]]?[ \u3000]*[：:]?[ \u3000]*$"
)
_GLOSSARY_MAX = 16  # characters of a glossary label's line
_SPACES = " \u3000\t\u00a0"


# Markdown written around a heading line (## 一、…, **一、…**): not part of the marker.
_DECORATION = re.compile(r"#{1,6}[ \t\u3000]*(?:\*\*|__)?|\*\*|__")
DECORATION_CLOSERS = "*_"


def skip_decoration(text: str, start: int, end: int) -> int:
    """Where a paragraph's text begins after the markdown that opens a heading line
    (``##``, ``**``), or ``start``."""
    match = _DECORATION.match(text, start, end)
    return match.end() if match else start


@dataclass(frozen=True, slots=True)
class HeadingMarker:
    """A heading marker at ``start``: its style, value, and where the marker ends."""

    style: str
    number: int
    start: int
    end: int
    label_only: bool = False  # 专栏/附件/第一条 written on a line of their own


def match_heading(text: str, start: int, end: int) -> HeadingMarker | None:
    """The heading marker that opens the paragraph ``text[start:end]``, if any.

    Numbered markers need text after them (except 第…条/章/节/部分/篇, which may stand
    alone); ``1.5亿元`` and ``2022年`` are not markers, nor is 一、 before another
    numeral (一、二季度).
    """
    start = skip_decoration(text, start, end)
    if start >= end:
        return None
    first = text[start]
    if first == "专":
        return _match_box(text, start, end)
    if end - start <= _GLOSSARY_MAX and _GLOSSARY.match(text, start, end):
        return HeadingMarker(GLOSSARY, 1, start, start)  # unnumbered: the label is its title
    if first == "附":
        match = _ANNEX.match(text, start, end)
        if match:
            number = parse_whole_number(match.group("n")) if match.group("n") else 1
            return HeadingMarker(ANNEX, number or 1, start, match.end(), label_only=True)
        match = _ANNEX_TITLED.match(text, start, end)
        if match:
            numeral = match.group("n") or match.group("m")
            number = parse_whole_number(numeral) if numeral else 1
            label_end = start + len(text[start : match.end()].rstrip(ANNEX_SEPARATORS))
            return HeadingMarker(ANNEX, number or 1, start, label_end)
        return None
    if first in _ENCLOSED:
        return _match_enclosed(text, start, end)
    match = _HEADING.match(text, start, end)
    if match is None:
        return None
    kind = match.lastgroup
    style, number_group = _STYLE_OF_GROUP[kind]
    number = parse_whole_number(match.group(number_group))
    if number is None:
        return None
    marker_end = match.end()
    rest = marker_end
    while rest < end and text[rest] in _SPACES:
        rest += 1
    if kind == "part":
        return HeadingMarker(f"part_{match.group('part_unit')}", number, start, marker_end, label_only=rest >= end)
    if rest >= end:
        return None
    if kind == "cn" and _NUMERAL_RUN.match(text, rest, end):
        return None
    return HeadingMarker(style, number, start, marker_end)


# Numbers enclosed in one character, as word processors write list numbering: ㈠ is （一）,
# ⑴ is （1）, ⒈ is 1.; ① (circled) numbers a level of its own, below （1）.
CIRCLED = "circled"
_ENCLOSED = {
    **{chr(0x3220 + i): (PAREN_CN, i + 1) for i in range(10)},  # ㈠…㈩
    **{chr(0x2474 + i): (PAREN_ARABIC, i + 1) for i in range(20)},  # ⑴…⒇
    **{chr(0x2488 + i): (ARABIC, i + 1) for i in range(20)},  # ⒈…⒛
    **{chr(0x2460 + i): (CIRCLED, i + 1) for i in range(20)},  # ①…⑳
}


def _match_enclosed(text: str, start: int, end: int) -> HeadingMarker | None:
    """㈠标题, ⑴标题, ⒈标题, ①标题: a one-character marker with text after it."""
    style, number = _ENCLOSED[text[start]]
    rest = start + 1
    while rest < end and text[rest] in _SPACES + "、．.":
        rest += 1
    return HeadingMarker(style, number, start, start + 1) if rest < end else None


# The conventional rank of the standard numbering styles (GB/T 9704: 一、 （一） 1. （1）).
STYLE_RANK = {CN: 1, PAREN_CN: 2, ARABIC: 3, PAREN_ARABIC: 4, CIRCLED: 5}


_STYLE_OF_GROUP = {
    "cn": (CN, "cn_n"),
    "paren_cn": (PAREN_CN, "paren_cn_n"),
    "arabic": (ARABIC, "arabic_n"),
    "paren_arabic": (PAREN_ARABIC, "paren_arabic_n"),
    "part": ("part", "part_n"),
    "ordinal": (ORDINAL, "ordinal_n"),
    "note": (NOTE, "note_n"),
}


def _match_box(text: str, start: int, end: int) -> HeadingMarker | None:
    """专栏 boxes: ``专栏`` alone, ``专栏3``, ``专栏一`` or ``专栏 3 标题`` (a lone number may follow on the next line)."""
    match = _BOX.match(text, start, end)
    if match is None:
        return None
    numeral = match.group("n") or match.group("c")
    number = parse_whole_number(numeral) if numeral else None
    label_only = match.end() >= end
    if not label_only and number is None:
        return None  # 专栏报道… : the word in running text
    if label_only and number is None:
        number = _number_on_next_line(text, end)
    return HeadingMarker(BOX, number or 0, start, match.end(), label_only=label_only)


def _number_on_next_line(text: str, end: int) -> int | None:
    line_start = text.find("\n", end)
    if line_start < 0:
        return None
    line_end = text.find("\n", line_start + 1)
    line = text[line_start + 1 : len(text) if line_end < 0 else line_end].strip(_SPACES)
    return int(line) if _LONE_NUMBER.match(line) else None


# --- Inline list markers -------------------------------------------------------------------

SHI = "shi"  # 一是…二是
YAO = "yao"  # 一要…二要
BU = "bu"  # 一不怕苦…二不怕难
ORDINAL_ITEM = "ordinal"  # 第一，…第二，
SEQUENCE = "sequence"  # 首先…其次…最后
ASPECT = "aspect"  # 一方面…另一方面
NUMBERED = "numbered"  # （1）…（2）… inside a paragraph
DASH = "dash"  # ——… at the start of paragraphs
VERB = "verb"  # 一抓…二抓…三抓: a numeral and the same one-character verb, each opening a clause
# Lists of these kinds are clauses of one paragraph; the others may run over paragraphs.
SAME_PARAGRAPH_KINDS = frozenset({BU, NUMBERED})
# These go on in another paragraph only where a member opens it: the paragraph right after
# the last member's (一方面，… / 另一方面，…), or any when the first member opened one too
# (首先，… / 其次，… / 最后，…, a speech's points).
PARAGRAPH_OPENING_KINDS = frozenset({SEQUENCE, ASPECT})

_SMALL_CN = "[一二三四五六七八九十]{1,3}"
# A marker must not continue a word: 唯一是, 第一要务, 统一不… are words, not markers;
# but a lead-in word may run on into the first marker (今后一是要…, 其中一是…).
_NOT_AFTER_WORD = rf"(?<![{HAN}A-Za-z{DIGITS}])"
_LEAD_IN_WORDS = ("今后", "其中", "为此", "下一步", "具体", "重点", "主要")
# The subject of the actions listed may stand right before the first marker (我们一抓项目，
# 二抓招商…; 全市一是…): the personal pronouns, and 我/全 with an administrative unit.
_LEAD_IN_SUBJECTS = "我们|咱们|你们|他们|大家|各地|各级|[我全][省市区县州盟旗镇乡村]"
_MARKER = (
    rf"(?:(?P<shi>(?P<shi_n>{_SMALL_CN})是)"
    rf"|(?P<yao>(?P<yao_n>{_SMALL_CN})要)"
    rf"|(?P<bu>(?P<bu_n>{_SMALL_CN})不)"
    rf"|(?P<ordinal>第(?P<ordinal_n>{_SMALL_CN})(?:步|点|条|个?方面)?(?=[，,、：:])|第(?P<ordinal_v>{_SMALL_CN})[是要]|其(?P<ordinal_q>{_SMALL_CN})(?=[，,、：:]))"
    r"|(?P<sequence>首先|其次|再次|最后)"
    r"|(?P<aspect>另一方面|一方面)"
    rf"|(?P<numbered>{_OPEN}(?P<numbered_n>[{DIGITS}]{{1,2}}|{_SMALL_CN}){_CLOSE})"
    r"|(?P<dash>——(?!—))"
    # Last: any other character after a numeral is a candidate verb (一抓); the list rules
    # keep only runs of the same verb numbered in sequence, each member a clause.
    rf"|(?P<verb>(?P<verb_n>{_SMALL_CN})[{HAN}]))"
)
_ITEM = re.compile(_NOT_AFTER_WORD + _MARKER)
# Two scans, not one pattern with the lead-ins as look-behinds, keep the fast first-character search.
_ITEM_AFTER_LEAD_IN = re.compile("(?:" + "|".join(_LEAD_IN_WORDS) + "|" + _LEAD_IN_SUBJECTS + ")" + _MARKER)
# 一方面 may follow its subject (我们一方面要…，另一方面要…), unless a word makes it a noun
# phrase (这一方面, 某一方面, 唯一方面 …); its list needs 另一方面 in the same paragraph.
_ASPECT = re.compile(r"(?P<aspect>另一方面|一方面)")
_ASPECT_NOUN_PHRASE = frozenset("这那某每哪何同单统唯第另")
_SEQUENCE_NUMBERS = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}  # 最后 closes whatever came before
_ASPECT_NUMBERS = {"一方面": 1, "另一方面": 2}
_TRAILING_NUMERAL = re.compile(rf"{_SMALL_CN}[，,、；;。]")
# Characters after a numeral that are no verb of a 一抓 list: numerals and the other kinds' words.
_NOT_VERBS = frozenset(CN_NUMERAL + "是要不方")
# A 一抓 member opens a clause: it follows a stop, a line break or a lead-in word
# (not a quote, 、 or a bracket: “一带一路”, 一产、二产 and （三农） are no members).
_CLAUSE_OPENERS = frozenset("，,；;。：:！!？?\n\r \u3000\t")


@dataclass(frozen=True, slots=True)
class ItemMarker:
    """A candidate list marker: kind, number (0 for 最后: "the last one"), span."""

    kind: str
    number: int
    start: int
    end: int


def iter_item_markers(text: str, start: int = 0, end: int | None = None):
    """Yield candidate list markers in ``text[start:end]`` in text order.

    Candidates are only markers by their look; :mod:`speechkit.extract.outline.enumerations` decides
    which of them form lists.
    """
    end = len(text) if end is None else end
    matches = heapq.merge(
        finditer(_ITEM, text, start, end),
        finditer(_ITEM_AFTER_LEAD_IN, text, start, end),
        _aspects_after_subject(text, start, end),
        key=lambda match: match.start(match.lastgroup),
    )
    previous = -1
    for match in matches:
        kind = match.lastgroup
        marker_start, marker_end = match.span(kind)
        if marker_start == previous:
            continue  # found by two scans (其中一方面)
        number = _marker_number(match, kind)
        if kind == VERB and (
            text[marker_end - 1] in _NOT_VERBS
            or (match.start() == marker_start and marker_start > 0 and text[marker_start - 1] not in _CLAUSE_OPENERS)
        ):
            continue
        if kind == SHI and _TRAILING_NUMERAL.match(text, marker_end) and text.startswith(match.group(f"{kind}_n"), marker_end):
            continue  # 一是一、二是二: an idiom, not a list
        if number is None:
            continue
        previous = marker_start
        yield ItemMarker(kind, number, marker_start, marker_end)


def _aspects_after_subject(text: str, start: int, end: int):
    """一方面/另一方面 right after a character that is no noun-phrase word (我们一方面…);
    a plain search and a look at the character before keep the scan fast."""
    for match in _ASPECT.finditer(text, start, end):
        before = text[match.start() - 1] if match.start() > 0 else ""
        if before and is_han(before) and before not in _ASPECT_NOUN_PHRASE:
            yield match


def _marker_number(match: re.Match, kind: str) -> int | None:
    """The number a list marker gives its member (0 for 最后: "the last one")."""
    if kind == SEQUENCE:
        return _SEQUENCE_NUMBERS[match.group(kind)]
    if kind == ASPECT:
        return _ASPECT_NUMBERS[match.group(kind)]
    if kind == ORDINAL_ITEM:
        return parse_whole_number(match.group("ordinal_n") or match.group("ordinal_v") or match.group("ordinal_q"))
    if kind in (SHI, YAO, BU, NUMBERED, VERB):
        return parse_whole_number(match.group(f"{kind}_n"))
    return 1
