"""Unquoted numbered formulations made of several numbered parts: 一企一策, 两江四岸,
一核两翼多点, 三证合一, 两化融合 (:func:`find_compounds`, :func:`find_one_by_one`,
:func:`find_merged`, :func:`find_joined`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...chars import HAN
from ..scan import finditer
from .numbered import IDIOM_TAGS, NUMERALS, QUANTITY_WORDS, on_word_boundaries

if TYPE_CHECKING:
    from ...segment import Tokenizer

_ONE_BY_ONE = re.compile(f"(?<![{NUMERALS}第])一([{HAN}])一([{HAN}])")
# 一对一: a pair, not a formula; idioms and set phrases of the dictionary.
_NOT_ONE_BY_ONE = "对"
# Compounds of numbered parts (三高四新, 一核两翼多点): a numeral, then one to three
# characters with no numeral; 多 opens a part after the first.
_PART_NUMERALS = "一二两三四五六七八九十双"
_PART_CHAR = f"(?:(?![{NUMERALS}双多])[{HAN}])"
_COMPOUND = re.compile(
    f"(?<![{_PART_NUMERALS}{NUMERALS}第\\d])[{_PART_NUMERALS}]{_PART_CHAR}{{1,3}}(?:[{_PART_NUMERALS}多]{_PART_CHAR}{{1,3}})+"
)
_COMPOUND_PART = re.compile(f"[{_PART_NUMERALS}多][^{_PART_NUMERALS}{NUMERALS}多]+")
# Heads of parts that are enumerators, ordinals or parts of numbers (七是, 二期, 一号, 三分之一).
_NOT_PART_HEADS = "是期号分对"
# Numeral words that name the sides of something, not what is counted (两岸双方, 双边多边).
_NOT_PARTS = frozenset({"双方", "多方", "两岸", "双边", "多边", "两者", "三者"})
# 十点二, 三点五: a decimal read aloud (一点两地 is no number: decimals say 二, not 两).
_DECIMAL = re.compile("点[一二三四五六七八九]")
# A part naming only an administrative unit counts places (九市一区, 三省一区, 五州六县);
# 中 after a numeral is a plenum's or a school's (二中、三中全会), 维 and 轴 a machine's
# specification (三维五轴).
_PLACES_COUNTED = "省市县州盟旗乡镇村中维轴"
# Function words inside a part make it a clause (一锤接着一锤, 双边和多边, 一代又一代).
_FUNCTION_CHARS = "和与及或又也就那这的了着者甚并而"
# A part before the last is a numeral and one or two characters (两岸|直接 is no part).
_INNER_PART = 3
# N things made one (三证合一, 三网合一): a numbered part and 合一.
_MERGED = re.compile(f"(?<![{_PART_NUMERALS}{NUMERALS}第\\d])([{_PART_NUMERALS}]{_PART_CHAR}{{1,2}})合一")


# N things joined (两化融合, 三医联动, 五育并举): a numeral, one character abbreviating what
# it counts, and a verb of joining them.
_JOINING_VERBS = ("融合", "联动", "协同", "共融", "一体", "并举", "互动", "贯通", "统筹", "共治")
_JOINED = re.compile(f"(?<![{_PART_NUMERALS}{NUMERALS}第\\d])([{_PART_NUMERALS}]{_PART_CHAR})(?:{'|'.join(_JOINING_VERBS)})")


def find_one_by_one(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted formulations 一X一Y, "one X, one Y" (一企一策,
    一县一业, 一老一小): two different characters, neither a numeral, a counter nor a
    measure word (一年一度, 一对一), in a phrase the dictionary does not know as an
    idiom (一心一意, 一言一行), cut from the words around it.

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
        Cuts the words around a match.
    start, end : int
        The part of ``text`` searched.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "推行一企一策，一心一意，一年一度，一茬一茬"
    >>> [text[s:e] for s, e in find_one_by_one(text, get_tokenizer())]
    ['一企一策']
    """
    end = len(text) if end is None else end
    for match in finditer(_ONE_BY_ONE, text, start, end):
        first, second = match.group(1), match.group(2)
        if first == second or any(c in NUMERALS or c in QUANTITY_WORDS or c in _NOT_ONE_BY_ONE for c in (first, second)):
            continue
        words = tokenizer.tokenize(match.group())
        if len(words) == 1 and words[0].pos in IDIOM_TAGS:
            continue
        if on_word_boundaries(text, match.start(), match.end(), tokenizer):
            yield match.start(), match.end()


def find_merged(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted formulations "N things made one" (三证合一, 三网合一):
    a numeral, one or two characters naming what is counted, and 合一, cut from the words
    around it; not when the counted part is a quantity (两年合一), nor "many" (多规合一).

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
        Cuts the words around a match.
    start, end : int
        The part of ``text`` searched.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "全面实施三证合一，推进多规合一，实现知行合一"
    >>> [text[s:e] for s, e in find_merged(text, get_tokenizer())]
    ['三证合一']
    """
    end = len(text) if end is None else end
    for match in finditer(_MERGED, text, start, end):
        if _not_a_part(match.group(1)) or not on_word_boundaries(text, match.start(), match.end(), tokenizer):
            continue
        yield match.start(), match.end()


def find_joined(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted formulations "N things joined" (两化融合, 三医联动,
    五育并举, 四算一体): a numeral and one character the dictionary does not know as a word
    with it, so an abbreviation of the things counted (两化, 三医; not 两岸, 三级, 双向, 长三角),
    then a verb of joining them, cut from the words around it. Not when the counted part is
    a quantity or places (三年联动, 三省合作).

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
        Knows the words and cuts the words around a match.
    start, end : int
        The part of ``text`` searched.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "推进两化融合，深化三医联动，促进两岸融合，实现三级贯通"
    >>> [text[s:e] for s, e in find_joined(text, get_tokenizer())]
    ['两化融合', '三医联动']
    """
    end = len(text) if end is None else end
    for match in finditer(_JOINED, text, start, end):
        counted = match.group(1)
        if _not_a_part(counted) or tokenizer.knows(counted):
            continue
        if on_word_boundaries(text, match.start(), match.end(), tokenizer):
            yield match.start(), match.end()


def find_compounds(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted compounds of numbered parts (四区一高地, 两江四岸,
    一核两翼多点, 三区一中心): two or more parts in a row, each a numeral (多 after the
    first) and one to three characters naming what it counts, cut from the words around
    it. Not one when a part is a quantity or an ordinal (一年, 三级, 二期, 一个又一个),
    a place counted (九市一区), an enumerator (七是), the sides of something (两岸双方),
    a phrase (一锤接着一锤), one thing said again (一步一步), or when the dictionary
    knows the whole as a word: an idiom, a name or a number (五湖四海, 三坊七巷, 一万二千).

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
        Cuts the words around a match.
    start, end : int
        The part of ``text`` searched.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "推进两江四岸整治，构建一核两翼多点格局，汇聚五湖四海人才，覆盖九市一区"
    >>> [text[s:e] for s, e in find_compounds(text, get_tokenizer())]
    ['两江四岸', '一核两翼多点']
    """
    end = len(text) if end is None else end
    for match in finditer(_COMPOUND, text, start, end):
        found = _compound_end(text, match, tokenizer)
        if found is not None:
            yield match.start(), found


def _compound_end(text: str, match: re.Match, tokenizer) -> int | None:
    """The end of the compound at ``match`` on a word boundary, trying its last part from
    the shortest up (三高四新|战略), or None."""
    parts = _COMPOUND_PART.findall(match.group())
    if any(_not_a_part(part) or len(part) > _INNER_PART for part in parts[:-1]) or _DECIMAL.search(match.group()):
        return None
    last_start = match.end() - len(parts[-1])
    for stop in range(last_start + 2, match.end() + 1):
        if _not_a_part(text[last_start:stop]) or not on_word_boundaries(text, match.start(), stop, tokenizer):
            continue
        if len({part[1:] for part in (*parts[:-1], text[last_start:stop])}) == 1:
            return None  # 一步一步, 两难多难: one thing said again
        if len(tokenizer.tokenize(text[match.start() : stop])) == 1:
            return None  # a word of the dictionary: an idiom (五湖四海, 九牛一毛), a name, a number
        return stop
    return None


def _not_a_part(part: str) -> bool:
    """A quantity, an ordinal, a place counted or an enumerator (一年, 二期, 九市, 七是)."""
    rest = part[1:]
    if part in _NOT_PARTS or rest[0] in _NOT_PART_HEADS or rest.startswith(QUANTITY_WORDS) or any(c in _FUNCTION_CHARS for c in rest):
        return True
    return len(rest) == 1 and rest in _PLACES_COUNTED
