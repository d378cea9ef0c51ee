"""Numbered formulations (两个确立, 三会一课, 十大园区产业集群): the shape rules.

A numbered formulation is a numeral (一 … 十, 百, 千, 万, or 双) with an optional
counter (个 大 项 条 种 支) and a head: 两个确立, 四风, 七通一平. What is *not* one is
decided by small closed grammatical sets, not by lists of formulations:

- a plain quantity: the numeral is followed by a measure word or time unit
  (三年, 两个月, 五年来, 十个百分点, 一百年);
- a congress or plenum number (二十大, 十九届);
- a lone 百, 千 or 万, or a round number of them (百万), meaning "many" (万众创新,
  百万职工), unless a second numeral follows (万企兴万村);
- an enumerator or a function word built on 一 (一是, 一方面, 一起, 一体, 一把手 …);
- a word the segmenter's dictionary already knows as an idiom, set phrase or
  numeral word (一刀切, 一心一意, 一对一; not one its HMM made up, “三量”, “四乱”,
  whatever tag it guesses), or a phrase that opens with such a
  numeral word (一线总指挥, 一口办理) unless a second numeral follows (一户一案)
  or the word is a count of two or more with a measure word, which in a quote
  names a formula like 个 does (“两篇大文章”), as 一 with an object's classifier does
  (“一件事”, “一张网”; not the figure of speech “两张皮”);
- a name: a numeral and one character that names a school, a river, a place or an
  organ (二中, 三河, 五四路, 两院, 两会), or a school's, a hospital's or a place's head (十一学校,
  三峡机场, 三门峡), or a name opening with a place's name (八闽英才, 三晋绿色生活);
- a list item's marker: a numeral opening a clause with 要 or 是 (一要进一步…，二要…),
  or with the word the next or the previous numeral opens a clause of the same
  paragraph with (一抓落实，二抓服务);
- a streak of results, a number and 连 with one character (九连增, 六连冠, 二十一连丰),
  places on a ranking (十个全国第一, “双首个”), the edition of a census (“四普”,
  五经普), and a name closed by a serial number (三江源一号);
- a kind of person (两面人), a number of ten or more naming one thing (七十二变,
  十四冬), a number or a five-year plan's number written in numerals (一百, 十四五,
  “八五”普法), while numerals that make no number are one (“十百千万”, “五五”).

Unquoted and not in the lexicon, a numeral with a counter is a formulation by the
shape of what follows it (:mod:`speechkit.extract.slogans.shapes`; the heads are in
:mod:`speechkit.extract.slogans.heads`, read from the lexicon's own entries):

- 大 or 项 and a noun phrase ending in a programme head (四大专项行动, 十项重大工程,
  三大都市圈), 大 and an abstract noun (六大能力), or in any noun but a generic one
  when the numeral sums up as many items listed right before it (党的纪律检查和政府行政监察
  两项职能);
- 个 or 种 and a head counted so (两个维护, 四种危险, 两个积极性), 条 and a line not
  to be crossed (两条底线), or 个 and a short verb or adverb phrase ending the clause,
  a demand (两个确保, 四个更加注重);
- any counter when the numeral sums up as many quoted items (“强城”“兴村”“融合”三篇文章);
- and compounds of numbered parts (一企一策, 两江四岸, 一核两翼多点, 三证合一, 两化融合:
  :mod:`speechkit.extract.slogans.compounds`).

A measure word followed by a second numeral names a scheme's tiers and kinds (“四级三类”),
and a numeral word of the dictionary that measures nothing abbreviates what it counts
(“五重”, “双百”, “双优计划”).

In quotes, a numeral of two or more may follow 新 or 老, the version of a formula
(“新三样”), or a two-character word naming a field (“发展六仗”, “平急两用”).

Counts of things (七大购物中心, 三项费用, 三个县, 四个方面, 两种错误思想) stay quantities, and so
do places on an honour list or a ranking (入选年度十大突破:
:func:`speechkit.extract.slogans.listing.on_an_honour_list`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...segment import Tokenizer

from ...chars import HAN
from .listing import RANKING_SCOPES

NUMERALS = "一二两三四五六七八九十百千万"
PAIRED = "双"
ROUND = "百千万"
COUNTERS = "个大项条种支"
# Measure words and time units: numeral + one of these is a quantity, not a 提法.
# Longer units first so that 百分点 is seen before 百 could be taken as a numeral.
UNITS = (
    "百分点", "小时", "分钟", "公里", "公顷", "平方", "年", "月", "日", "天", "周",
    "季", "岁", "倍", "次", "届", "名", "位", "人", "家", "元", "吨", "亩", "米",
    "成", "号", "批", "件", "份", "张", "把", "片", "层", "级", "类", "处", "套",
    "辆", "座", "所", "间", "轮", "场", "节", "遍", "回", "声", "些", "切",
)  # fmt: skip
TIME_UNITS = "年月日天周季岁"
# A numeral followed by one of these is a quantity (三年, 两个) unless a head follows the counter.
QUANTITY_WORDS = (*UNITS, *COUNTERS)
# Grammatical words written with a numeral (stop patterns and their kin), and the words in
# which 双 qualifies rather than counts: both sides, two-way, double, win-win (双向奔赴,
# 双重预防机制, 双赢多赢共赢 name no two things).
FUNCTION_WORDS = (
    "一体", "一把手", "一起", "一方面", "一些", "一直", "一定", "一样", "一致", "一般",
    "一旦", "一同", "一律", "一再", "一度", "一道", "一边", "一面", "一番", "一系列",
    "两岸", "双方", "双边", "多边", "双向", "双重", "双赢",
)  # fmt: skip
# Classifiers of objects: in quotes numeral + one of them + a noun names a formula as 个
# does (“一件事”, “三张清单”, “八场硬仗”); the other units count or measure.
OBJECT_CLASSIFIERS = "件张本类场份套片间轮节"
_NAME_TAG = "nz"
# Dictionary tags of ordinary words: idiom, set phrase, numeral, numeral-classifier (mq,
# or q as the segmenter tags some: 一泓, a quantity of what follows), locality, adverb,
# pronoun, conjunction, distinguishing word.
ORDINARY_TAGS = frozenset({"i", "l", "m", "mq", "q", "f", "d", "r", "c", "b"})
MAX_LENGTH = 12
# A numeral word of the dictionary (五重, 双百, 三度 mq, 双优 b): its length and tags, and the
# tags of the nouns that may follow it in a formula's name (双优|计划).
NUMERAL_WORD = 2
NUMERAL_WORD_TAGS = frozenset({"m", "mq", "b"})
_NOUN_WORD_TAGS = ("n", "vn")
# Counters after which a numeral names a field's set (碳达峰十大行动, 三项机制).
SET_COUNTERS = "大项"
# 新 or 老 before a numbered formulation names its new or old version (“新三样”, “老三样”).
VERSION_MARKS = "新老"
# Numerals of two or more: 一 after a word makes a figure of speech (先人一步, 只进一门).
SEVERAL = "二两三四五六七八九十双"
# A field's word, a numeral and one character (“发展六仗”): its length, and the dictionary's
# tags of idioms and set phrases of that shape (约法三章).
FIELD_FORMULA = 4
IDIOM_TAGS = frozenset({"i", "l"})
VERBAL_NOUN = "vn"
# Single characters that make numeral + character a proper name, not a 提法: a school's,
# a river's, a place's, or an organ's (两院 the two academies, 两会 the two sessions, 两办
# the two general offices: 院, 会, 委, 办, 局, 厅, 署 head the names of organs).
NAME_SUFFIXES = "中小河山湖江村路街桥门院会委办局厅署"
# Heads that make numeral + words the name of a school, a hospital, a place (十一学校,
# 三峡机场, 三门峡).
NAME_HEADS = ("学校", "中学", "小学", "大学", "学院", "医院", "机场", "车站", "峡", "湾")
# Place names that open with a numeral, where the numeral counts nothing: the classical
# names of provinces (八闽 Fujian, 三秦 Shaanxi, 三晋 Shanxi, 三湘 Hunan, 八桂 Guangxi) and
# cities and counties (三亚, 十堰, 六盘水 …). What opens with one is a name (八闽英才).
PLACE_NAMES = (
    "八闽", "三秦", "三晋", "三湘", "八桂", "三楚", "九州", "三亚", "三沙", "三明", "十堰", "六盘水",
    "六安", "七台河", "四平", "双鸭山", "五家渠", "九江", "五指山", "二连浩特", "双辽", "四会",
)  # fmt: skip
# Heads that name a kind of person (两面人, 店小二 aside): formulations name doctrines.
PERSON_HEADS = ("人", "者")
PERSON = "人"
_DIGITS = "一二两三四五六七八九零"
_CLOSING_QUOTES = "”’」』\""
_PLACE_VALUES = "千百十"
_LARGE_UNITS = "万亿"
# A five-year plan's number: 十三五, 十四五 (a number of ten or more, then 五); a digit
# then 五 (七五, 八五) is one when a plan's word follows it (“八五”普法, “九五”规划).
_PLAN_NUMBER = re.compile("[一二三四五六七八九]?十[一二三四五六七八九]?五$")
_SHORT_PLAN_NUMBER = re.compile("[一二三四五六七八九]五$")
# A number and 连 with one character: a streak of results (九连增, 六连冠, 二十一连丰), a count
# of years in a row, not a policy's name.
_STREAK = re.compile(f"[{NUMERALS}]+连[{HAN}]$")
# An ordinal or a first in the head (十个全国第一, “双第一”, “双首个”): places on a ranking,
# not the name of a doctrine or a programme.
_RANKED = re.compile(f"第[{NUMERALS}]|首[个批家位次]")
# 普 abbreviating 普查, a census, with at most one character naming what it counts (经普):
# the numeral is the census's edition (四普, 七普, 五经普).
CENSUS, CENSUS_HEAD = "普", 2
# A serial number closing a name (三江源一号, 天问一号): a satellite's, a ship's, a document's.
_SERIAL_NAME = re.compile(f"[{NUMERALS}]+号$")
PLAN_WORDS = ("普法", "规划", "计划", "时期", "期间", "期末", "以来")
# A numeral opening a clause with one of these words marks a list's item (一要…，二要…;
# 一是…), whatever follows; with another word it does when the list goes on (一抓…，二抓…).
LIST_MARKER_WORDS = "要是"
ORDINALS = "一二三四五六七八九十"
CLAUSE_OPENERS = frozenset("，,；;。：:！!？?\n\r \u3000\t")
_HAN = re.compile(f"[{HAN}]+$")


def numeral_prefix(text: str) -> int:
    """Length of the leading numeral of ``text`` with its counter, if any (0: none).

    >>> numeral_prefix("两个确立"), numeral_prefix("七通一平"), numeral_prefix("双报到")
    (2, 1, 1)
    """
    if text.startswith(PAIRED):
        return 1
    run = 0
    while run < len(text) and text[run] in NUMERALS:
        run += 1
    if run and text[run : run + 1] in tuple(COUNTERS):
        return run + 1
    return run


def is_cardinal(numerals: str) -> bool:
    """True when a run of Chinese numerals reads as one number (一百, 二十五, 千万),
    not as tiers (十百千万, 千百亿) or a repeated digit (五五).

    >>> [is_cardinal(t) for t in ("一百", "二十五", "千万", "万亿", "三千五百", "十百千万", "千百亿", "五五")]
    [True, True, True, True, True, False, False, False]
    """
    body = numerals.rstrip(_LARGE_UNITS)  # 万, 亿, 万亿 after the number multiply it
    last_place, previous = -1, None
    for index, char in enumerate(body):
        if char in _PLACE_VALUES:
            place = _PLACE_VALUES.index(char)
            if place <= last_place or (index and (previous is None or previous not in _DIGITS)):
                return False  # places must fall (千 > 百 > 十), each after a digit but the first
            last_place = place
        elif char not in _DIGITS or (previous is not None and previous in _DIGITS):
            return False  # two digits in a row, or a large unit inside
        previous = char
    return True


def _round_number(numerals: str) -> bool:
    """True for a number of round numerals alone (百, 万, 百万, 千万), not tiers (百千)."""
    return all(char in ROUND for char in numerals) and is_cardinal(numerals)


def has_numbered_shape(text: str) -> bool:
    """True when ``text`` has the shape of a numbered formulation by the closed rules.

    >>> [has_numbered_shape(t) for t in ("两个确立", "七通一平", "三年", "二十大", "一是")]
    [True, True, False, False, False]
    """
    if not 2 <= len(text) <= MAX_LENGTH or not _HAN.match(text):
        return False
    prefix = numeral_prefix(text)
    head = text[prefix:]
    if all(char in NUMERALS + _LARGE_UNITS for char in text):
        # “十百千万”, “五五”: numerals that make neither a number nor a plan's (十四五)
        return not is_cardinal(text) and not _PLAN_NUMBER.match(text)
    # people counted before a second numbered part are the programme's own (一人一策, 万人助万企)
    persons = head.startswith(PERSON) and any(char in NUMERALS for char in head[1:])
    # a measure word then a second numeral names a scheme's tiers and kinds (“四级三类”), not
    # a quantity; a time unit so is a schedule (一年一次)
    tiered = len(head) > 1 and head[0] in UNITS and head[0] not in TIME_UNITS and head[1] in NUMERALS + PAIRED
    measured = head.startswith(UNITS) and head[0] not in OBJECT_CLASSIFIERS and not persons and not tiered
    if not prefix or not head or measured or head.startswith("是") or head.endswith(PERSON_HEADS):
        return False
    run = prefix - (text[prefix - 1] in COUNTERS and not text.startswith(PAIRED))
    if run >= 2 and text[run] == "大":  # a congress number: 十九大, 二十大
        return False
    if run >= 2 and prefix == run and len(head) == 1:
        return False  # 七十二变, 十四冬: a number of ten or more naming one thing is a name or an idiom
    if run == prefix and _round_number(text[:run]) and not any(c in NUMERALS for c in head):
        return False  # 万众, 千家, 百万职工: a lone round number means "many", not a count
    if len(text) == 2 and text[1] in NAME_SUFFIXES or text.endswith(NAME_HEADS) or _SERIAL_NAME.search(text):
        return False  # 二中, 三河, 十一学校, 三江源一号: a school's, a place's or a craft's name
    if text.startswith(PLACE_NAMES):
        return False  # 八闽英才, 三晋绿色生活: named after a place
    if _STREAK.match(text):
        return False  # 九连增, 六连冠: years in a row
    if _RANKED.search(head):
        return False  # 十个全国第一, 双首个: a ranking's places
    if head.endswith(CENSUS) and len(head) <= CENSUS_HEAD:
        return False  # 四普, 五经普: the fourth census (第四次全国文物普查), an edition, not a count
    return not text.startswith(FUNCTION_WORDS)


def names_a_version(text: str) -> bool:
    """True when ``text`` is 新 or 老 and a numbered formulation of two or more: the new or
    the old version of a formula (“新三样”, “新两翼”; not 新一代).

    >>> names_a_version("新三样"), names_a_version("新一代"), names_a_version("新三年")
    (True, False, False)
    """
    return text[:1] in VERSION_MARKS and text[1:2] in SEVERAL and has_numbered_shape(text[1:])


def names_a_field_formula(text: str, tokenizer: Tokenizer) -> bool:
    """True when ``text`` is a two-character word naming a field, a numeral of two or more
    and one character (“发展六仗”, “开局八好”, “平急两用”): the numeral abbreviates what the
    field takes. Not an idiom of the dictionary (约法三章, 一举两得), nor a verb and what it
    does to a count (做强三产, 打赢三仗), nor 一 there, a figure of speech (先人一步), nor a
    numeral making a place's name or a quantity (技兴三湘).

    Parameters
    ----------
    text : str
        A candidate, usually the content of a quote.
    tokenizer : speechkit.segment.Tokenizer
    """
    if len(text) != FIELD_FORMULA or not _HAN.match(text) or text[2] not in SEVERAL:
        return False
    if any(char in NUMERALS or char == PAIRED for char in text[:2]) or not has_numbered_shape(text[2:]):
        return False
    words = tokenizer.tokenize(text)
    if len(words) == 1:
        return words[0].pos not in IDIOM_TAGS
    # the field is a noun or a verbal noun (发展, 开局), not a verb taking the count (做强|三产)
    return words[0].text == text[:2] and (not words[0].pos.startswith("v") or words[0].pos == VERBAL_NOUN)


def counted_thing(text: str) -> str:
    """The character a leading numeral of ``text`` counts, or "" where none opens it, it
    measures (三年, 两个, 百亿) or makes a function word (一起): 村 of 千村示范引领 and of
    万村共富共美, a pair of programmes.

    >>> counted_thing("千村示范引领"), counted_thing("一村一业"), counted_thing("三年行动"), counted_thing("陆海统筹")
    ('村', '村', '', '')
    """
    run = 0
    while run < len(text) and (text[run] in NUMERALS or text[run] == PAIRED):
        run += 1
    thing = text[run : run + 1]
    if text.startswith(FUNCTION_WORDS) or not run or not _HAN.match(thing) or thing in QUANTITY_WORDS or thing in NUMERALS + _LARGE_UNITS:
        return ""
    return thing


def names_a_fields_set(text: str, tokenizer: Tokenizer) -> bool:
    """True when ``text`` is a field named by nouns, then a numeral of two or more with 大 or
    项 and a head (“碳达峰十大行动”, “支点建设七大战略”): the set is the field's, named whole.
    Not a verb and what it takes (推进三大行动), nor a ranking's places (全国十大…), nor a
    count of another measure after what it is about (“综合监管一件事”, whose formulation is
    一件事).

    Parameters
    ----------
    text : str
        A quote's content.
    tokenizer : speechkit.segment.Tokenizer
    """
    if not _HAN.match(text):
        return False
    words = tokenizer.tokenize(text)
    opening = next((index for index, word in enumerate(words) if word.text[0] in SEVERAL), None)
    if not opening:  # no numeral, or one opening the text (is_numbered's case)
        return False
    field, tail = words[:opening], text[words[opening].start :]
    if not all(word.pos.startswith(_NOUN_WORD_TAGS) for word in field) or text.startswith(RANKING_SCOPES):
        return False  # a verb's object, or a ranking's places (“全国十大考古新发现”)
    counter = numeral_prefix(tail)
    return tail[counter - 1 : counter] in SET_COUNTERS and has_numbered_shape(tail)


def is_numbered(text: str, tokenizer: Tokenizer) -> bool:
    """True when ``text`` is a numbered formulation: the shape rules plus the
    segmenter's dictionary (see the module docstring).

    Parameters
    ----------
    text : str
        A candidate, usually the content of a quote.
    tokenizer : speechkit.segment.Tokenizer
    """
    if names_a_version(text) or names_a_field_formula(text, tokenizer):
        return True
    if not has_numbered_shape(text):
        return False
    if opens_with_numeral_word(text, tokenizer):
        return True
    if all(char in NUMERALS + _LARGE_UNITS for char in text):
        return True  # numerals that make no number (十百千万): the dictionary reads them as one
    tokens = tokenizer.tokenize(text)
    first = tokens[0]
    if len(tokens) == 1:
        # with an object's classifier a word of the dictionary is a figure of speech
        # (两张皮), but for the names it lists (一件事一次办)
        classified = text[numeral_prefix(text) : numeral_prefix(text) + 1] in OBJECT_CLASSIFIERS
        # a word the dictionary does not know is an abbreviation (“三量”, “四乱”), whatever
        # tag the segmenter guesses for it
        ordinary = first.pos in ORDINARY_TAGS and tokenizer.knows(text)
        return not ordinary and (not classified or first.pos == _NAME_TAG)
    if len(first.text) <= numeral_prefix(text) or first.pos not in ORDINARY_TAGS and not is_common_word(first.text, tokenizer):
        return True  # not a phrase opening with a common word either (一键|即达)
    if first.pos == "m" and len(first.text) == numeral_prefix(text) + 1 and "的" not in text:
        # “两篇大文章”, “一件事”: in quotes a measure word counts like 个; a count of two or
        # more of one character is a figure of speech (“两张皮”), one of it a formula (“一张网”)
        if first.text[-1] in OBJECT_CLASSIFIERS if text[0] == "一" else text[0] not in ROUND and len(text) - len(first.text) > 1:
            return True
    # 一户一案, 三山两河: an ordinary numeral word followed by a second numbered part.
    return any(char in NUMERALS or char == PAIRED for char in text[len(first.text) :])


def opens_with_numeral_word(text: str, tokenizer: Tokenizer) -> bool:
    """True when ``text`` is, or opens with before nouns, a word the dictionary knows as a
    numeral word made of a numeral of two or more and one character that is no measure word
    (“五重”, “双百”, “三度”, “双优计划”): written as a formula's name, such a word abbreviates
    what it counts, where 三年, 两级 or 二次 measure (a shape :func:`has_numbered_shape` is
    asked for first, which leaves out names such as 两会).

    Parameters
    ----------
    text : str
        A candidate, usually the content of a quote.
    tokenizer : speechkit.segment.Tokenizer
    """
    words = tokenizer.tokenize(text)
    word = words[0].text
    if len(word) != NUMERAL_WORD or word[0] not in SEVERAL or words[0].pos not in NUMERAL_WORD_TAGS:
        return False
    if word[1] in QUANTITY_WORDS or word[1] in NUMERALS and word[0] != PAIRED:
        return False  # 三级, 两个: a quantity; 三百: a number (双百 pairs two hundreds)
    return all(other.pos.startswith(_NOUN_WORD_TAGS) for other in words[1:])


def is_common_word(text: str, tokenizer: Tokenizer) -> bool:
    """True when ``text`` is one word of the dictionary opening with 一 and holding no second
    numeral: a common word (一卡通, 一盘棋, 一键), not an abbreviation, unless the lexicon
    lists it (一网通办), which is asked first.

    Parameters
    ----------
    text : str
        A quote's content.
    tokenizer : speechkit.segment.Tokenizer
    """
    if not text.startswith("一") or any(char in NUMERALS or char == PAIRED for char in text[1:]):
        return False
    return tokenizer.knows(text) and len(tokenizer.tokenize(text)) == 1


def names_a_plan(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]``, a digit then 五, is a five-year plan's number: a
    plan's word follows it, after its closing quote if any (“八五”普法).

    >>> names_a_plan("实施“八五”普法规划", 3, 5), names_a_plan("实施“五五”工程", 3, 5)
    (True, False)
    """
    after = end + (text[end : end + 1] in _CLOSING_QUOTES)
    return bool(_SHORT_PLAN_NUMBER.match(text, start, end)) and text.startswith(PLAN_WORDS, after)


def opens_list_item(text: str, start: int) -> bool:
    """True when the numeral at ``start`` opens a clause as a list item's marker: with 要 or
    是 (一要进一步…), or with a word the next or the previous numeral opens a clause of the
    same paragraph with (一抓落实，二抓服务); not a formulation opening a clause (三抓三促).

    >>> opens_list_item("一要进一步解放思想", 0), opens_list_item("一抓落实，二抓服务", 0)
    (True, True)
    >>> opens_list_item("坚持三抓三促", 2), opens_list_item("一企一策，两业融合", 0)
    (False, False)
    """
    numeral, word = text[start : start + 1], text[start + 1 : start + 2]
    if not numeral or numeral not in ORDINALS or not word or start and text[start - 1] not in CLAUSE_OPENERS:
        return False
    if word in LIST_MARKER_WORDS:
        return True
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", start)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    index = ORDINALS.index(numeral)
    neighbours = [ORDINALS[i] for i in (index - 1, index + 1) if 0 <= i < len(ORDINALS)]
    return any(
        _opens_clause(text, at, paragraph_start)
        for other in neighbours
        for at in _all_at(text, other + word, paragraph_start, paragraph_end)
    )


def _all_at(text: str, word: str, start: int, end: int):
    at = text.find(word, start, end)
    while at >= 0:
        yield at
        at = text.find(word, at + 1, end)


def _opens_clause(text: str, at: int, paragraph_start: int) -> bool:
    return at == paragraph_start or text[at - 1] in CLAUSE_OPENERS


def continues_number(text: str, start: int) -> bool:
    """True when the character before ``start`` makes a match there part of a longer
    number or an ordinal (十|四个坚持, 第|一议题)."""
    return start > 0 and (text[start - 1] in NUMERALS or text[start - 1] == "第")


def on_word_boundaries(text: str, start: int, end: int, tokenizer: Tokenizer, margin: int = 4) -> bool:
    """True when the segmenter, reading a few characters either side, cuts ``text`` at
    ``start`` and at ``end``: a short formulation inside a longer word (三保 in
    实现三保障) is not one."""
    left, right = max(0, start - margin), min(len(text), end + margin)
    cuts = {token.start for token in tokenizer.tokenize(text[left:right], left)}
    return start in cuts and (end in cuts or end == right)
