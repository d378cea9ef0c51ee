"""Numbered formulations (两个确立, 三会一课, 十大园区产业集群): the shape rules.

A numbered formulation is a numeral (一 … 十, 百, 千, 万, or 双) with an optional
counter (个 大 项 条 种 支) and a head: 两个确立, 四风, 七通一平. What is *not* one is
decided by small closed grammatical sets, not by lists of formulations:

- a plain quantity: the numeral is followed by a measure word or time unit
  (三年, 两个月, 五年来, 十个百分点, 一百年);
- a congress or plenum number (二十大, 十九届);
- a lone 百, 千 or 万 meaning "many" (万众创新), unless a second numeral follows
  (万企兴万村);
- an enumerator or a function word built on 一 (一是, 一方面, 一起, 一体, 一把手 …);
- a word the segmenter's dictionary already knows as an idiom, set phrase or
  numeral word (一刀切, 一心一意, 一对一), or a phrase that opens with such a
  numeral word (一线总指挥, 一口办理) unless a second numeral follows (一户一案)
  or the word is a count of two or more with a measure word, which in a quote
  names a formula like 个 does (“两篇大文章”);
- a name: a numeral and one character that names a school, a river, a place
  (二中, 三河, 五四路).

Unquoted and not in the lexicon, a numeral with 大 or 项 is a formulation when the
noun phrase after it ends in a word that names a policy formula (四大专项行动,
六大重点工程, 两大战略支点, 十项重大工程): a closed set of heads, so that counts
of things (七大购物中心, 三项费用) stay quantities.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...segment import Tokenizer

from ...chars import HAN

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
# Grammatical words written with a numeral (stop patterns and their kin).
FUNCTION_WORDS = (
    "一体", "一把手", "一起", "一方面", "一些", "一直", "一定", "一样", "一致", "一般",
    "一旦", "一同", "一律", "一再", "一度", "一道", "一边", "一面", "一番", "一系列",
)  # fmt: skip
# Dictionary tags of ordinary words: idiom, set phrase, numeral, numeral-classifier,
# locality, adverb, pronoun, conjunction, distinguishing word.
ORDINARY_TAGS = frozenset({"i", "l", "m", "mq", "f", "d", "r", "c", "b"})
MAX_LENGTH = 12
# Single characters that make numeral + character a proper name, not a 提法.
NAME_SUFFIXES = "中小河山湖江村路街桥门"
# Heads of the policy formulae that numeral + 大/项 name when unquoted.
FORMULA_HEADS = (
    "工程", "行动", "战略", "攻坚战", "战役", "任务", "产业", "集群", "体系", "板块", "平台",
    "机制", "理念", "支点", "高地", "举措", "改革", "计划", "通道", "基地", "突破", "差距",
    "动力", "作风", "法宝", "规律", "考验", "危险", "规定", "纪律", "原则", "保障",
)  # fmt: skip
# Tags of the words a formula's phrase is made of: nouns, verbal nouns, abbreviations
# and adjectives (重大工程), not adverbs.
_PHRASE_TAGS = ("n", "vn", "j", "a")
_HEAD_LENGTH = 8
_QUANTITY_AFTER = (*UNITS, *COUNTERS)
_FORMULA_CANDIDATE = re.compile(rf"(?<![一二两三四五六七八九十百千万第])[两二三四五六七八九十]{{1,2}}[大项](?=[{HAN}])")

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


def has_numbered_shape(text: str) -> bool:
    """True when ``text`` has the shape of a numbered formulation by the closed rules.

    >>> [has_numbered_shape(t) for t in ("两个确立", "七通一平", "三年", "二十大", "一是")]
    [True, True, False, False, False]
    """
    if not 2 <= len(text) <= MAX_LENGTH or not _HAN.match(text):
        return False
    prefix = numeral_prefix(text)
    head = text[prefix:]
    if not prefix or not head or head.startswith(UNITS) or head.startswith("是"):
        return False
    run = prefix - (text[prefix - 1] in COUNTERS and not text.startswith(PAIRED))
    if run >= 2 and text[run] == "大":  # a congress number: 十九大, 二十大
        return False
    if run == prefix == 1 and text[0] in ROUND and not any(c in NUMERALS for c in head):
        return False  # 万众, 千家, 百姓: a lone round number means "many", not a count
    if len(text) == 2 and text[1] in NAME_SUFFIXES:
        return False  # 二中, 三河: a school's or a place's name
    return not text.startswith(FUNCTION_WORDS)


def is_numbered(text: str, tokenizer: Tokenizer) -> bool:
    """True when ``text`` is a numbered formulation: the shape rules plus the
    segmenter's dictionary (see the module docstring).

    Parameters
    ----------
    text : str
        A candidate, usually the content of a quote.
    tokenizer : speechkit.segment.Tokenizer
    """
    if not has_numbered_shape(text):
        return False
    tokens = tokenizer.tokenize(text)
    first = tokens[0]
    if len(tokens) == 1:
        return first.pos not in ORDINARY_TAGS
    if len(first.text) <= numeral_prefix(text) or first.pos not in ORDINARY_TAGS:
        return True
    if first.pos == "m" and len(first.text) == numeral_prefix(text) + 1 and text[0] not in "一" + ROUND:
        return True  # “两篇大文章”: in quotes a measure word counts like 个
    # 一户一案, 三山两河: an ordinary numeral word followed by a second numbered part.
    return any(char in NUMERALS or char == PAIRED for char in text[len(first.text) :])


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


def find_formula_phrases(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted numbered formulations of the shape
    numeral + 大/项 + noun phrase ending in a formula head (see the module docstring).

    Each candidate costs the segmentation of a few characters: linear in the text.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "实施四大专项行动，建成七大购物中心"
    >>> [text[s:e] for s, e in find_formula_phrases(text, get_tokenizer())]
    ['四大专项行动']
    """
    end = len(text) if end is None else end
    for candidate in _FORMULA_CANDIDATE.finditer(text, start, end):
        if text.startswith(_QUANTITY_AFTER, candidate.end()):
            continue  # 两大类工程, 三项次: a classifier after the counter makes a quantity
        phrase_end = _formula_end(text, candidate.end(), min(end, candidate.end() + _HEAD_LENGTH), tokenizer)
        if phrase_end is not None and has_numbered_shape(text[candidate.start() : phrase_end]):
            yield candidate.start(), phrase_end


def _formula_end(text: str, start: int, end: int, tokenizer) -> int | None:
    """End of the longest run of noun words from ``start`` that ends in a formula head;
    a numeral starts the next phrase (四大工程六大行动)."""
    found = None
    for token in tokenizer.tokenize(text[start:end], start):
        if not token.pos.startswith(_PHRASE_TAGS) or token.pos == "ad" or token.text[0] in NUMERALS:
            break
        if text[start : token.end].endswith(FORMULA_HEADS):
            found = token.end
    return found
