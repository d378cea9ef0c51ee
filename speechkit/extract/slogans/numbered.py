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
  (二中, 三河, 五四路), or a school's, a hospital's or a place's head (十一学校,
  三峡机场, 三门峡);
- a kind of person (两面人), a number of ten or more naming one thing (七十二变,
  十四冬), a number or a five-year plan's number written in numerals (一百, 十四五,
  “八五”普法), while numerals that make no number are one (“十百千万”, “五五”).

Unquoted and not in the lexicon, a numeral with a counter is a formulation by the
shape of what follows it (:func:`find_formula_phrases`; the heads are in
:mod:`speechkit.extract.slogans.heads`, read from the lexicon's own entries):

- 大 or 项 and a noun phrase ending in a programme head (四大专项行动, 十项重大工程,
  三大都市圈), or in any noun but a generic one when the numeral sums up as many
  items listed right before it (党的纪律检查和政府行政监察两项职能);
- 个 or 种 and a head counted so (两个维护, 四种危险, 两个积极性), 条 and a line not
  to be crossed (两条底线), or 个 and a short verb or adverb phrase ending the clause,
  a demand (两个确保, 四个更加注重);
- any counter when the numeral sums up as many quoted items (“强城”“兴村”“融合”三篇文章);
- 一X一Y, one X one Y (一企一策, 一县一业: :func:`find_one_by_one`).

Counts of things (七大购物中心, 三项费用, 三个县, 四个方面, 两种错误思想) stay quantities.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...segment import Tokenizer

from ...chars import HAN
from .heads import ABSTRACT_SUFFIXES, GENERIC_HEADS, FormulaHeads, formula_heads
from .listing import listed_before, numeral_value, quoted_before

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
# Heads that make numeral + words the name of a school, a hospital, a place (十一学校,
# 三峡机场, 三门峡).
NAME_HEADS = ("学校", "中学", "小学", "大学", "学院", "医院", "机场", "车站", "峡", "湾")
# Heads that name a kind of person (两面人, 店小二 aside): formulations name doctrines.
PERSON_HEADS = ("人", "者")
_DIGITS = "一二两三四五六七八九零"
_CLOSING_QUOTES = "”’」』\""
_PLACE_VALUES = "千百十"
_LARGE_UNITS = "万亿"
# A five-year plan's number: 十三五, 十四五 (a number of ten or more, then 五); a digit
# then 五 (七五, 八五) is one when a plan's word follows it (“八五”普法, “九五”规划).
_PLAN_NUMBER = re.compile("[一二三四五六七八九]?十[一二三四五六七八九]?五$")
_SHORT_PLAN_NUMBER = re.compile("[一二三四五六七八九]五$")
PLAN_WORDS = ("普法", "规划", "计划", "时期", "期间", "期末", "以来")
# Tags of the words a formula's phrase is made of: nouns, verbal nouns, abbreviations
# and adjectives (重大工程), not adverbs.
_PHRASE_TAGS = ("n", "vn", "j", "a")
# Verbs and distinguishing words modify a programme's head too (八大提升行动,
# 十大为民办实事工程, 十大国家级科技创新平台).
_MODIFIER_TAGS = frozenset({"v", "b"})
_HEAD_LENGTH = 10
_CLASSIFIER = "q"
# What 个 counts when it names demands (两个确保, 四个更加注重, 八个不得): verbs, adverbs and
# adjectives, at most two words of at most four characters.
_DEMAND_TAGS = frozenset({"v", "d", "ad", "vd", "a"})
_DEMAND_WORDS, _DEMAND_LENGTH = 2, 4
# Words before a count that make it the subject of a clause (还有三个没有完成, 这两个都要):
# what it counts was named before.
_POINTING_BACK = ("有", "这", "那", "此", "该", "上述", "其中")
# The shortest and longest noun phrase a numeral summing up a list names without a known
# head (两项职能), and what may follow it: the end of the clause, or 的.
_MIN_SUMMED_HEAD, _SUMMED_HEAD = 2, 4
_NAME_TAGS = frozenset({"ns", "nt", "nr", "nrt"})
_PHRASE_ENDS = frozenset("，,。；;：:、）)！？!?的和与及\n")
_QUANTITY_AFTER = (*UNITS, *COUNTERS)
_LONG_UNITS = tuple(unit for unit in UNITS if len(unit) > 1)
_UNIT_WINDOW = 4
_ONE_BY_ONE = re.compile(f"(?<![{NUMERALS}第])一([{HAN}])一([{HAN}])")
# 一对一: a pair, not a formula; idioms and set phrases of the dictionary.
_NOT_ONE_BY_ONE = "对"
_IDIOM_TAGS = frozenset({"i", "l"})
_FORMULA_CANDIDATE = re.compile(rf"(?<![一二两三四五六七八九十百千万第])([两二三四五六七八九十]{{1,2}})([{HAN}])(?=[{HAN}])")
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
# Tags of the word after a head counted with 个: a noun there makes the head a modifier or
# a verb with its object (两个维护党中央权威 is not the formulation's name).
_NOUN_TAGS = ("n", "vn", "j")

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
    if not prefix or not head or head.startswith(UNITS) or head.startswith("是") or head.endswith(PERSON_HEADS):
        return False
    run = prefix - (text[prefix - 1] in COUNTERS and not text.startswith(PAIRED))
    if run >= 2 and text[run] == "大":  # a congress number: 十九大, 二十大
        return False
    if run >= 2 and prefix == run and len(head) == 1:
        return False  # 七十二变, 十四冬: a number of ten or more naming one thing is a name or an idiom
    if run == prefix == 1 and text[0] in ROUND and not any(c in NUMERALS for c in head):
        return False  # 万众, 千家, 百姓: a lone round number means "many", not a count
    if len(text) == 2 and text[1] in NAME_SUFFIXES or text.endswith(NAME_HEADS):
        return False  # 二中, 三河, 十一学校: a school's or a place's name
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
    if all(char in NUMERALS + _LARGE_UNITS for char in text):
        return True  # numerals that make no number (十百千万): the dictionary reads them as one
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


def names_a_plan(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]``, a digit then 五, is a five-year plan's number: a
    plan's word follows it, after its closing quote if any (“八五”普法).

    >>> names_a_plan("实施“八五”普法规划", 3, 5), names_a_plan("实施“五五”工程", 3, 5)
    (True, False)
    """
    after = end + (text[end : end + 1] in _CLOSING_QUOTES)
    return bool(_SHORT_PLAN_NUMBER.match(text, start, end)) and text.startswith(PLAN_WORDS, after)


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


def find_formula_phrases(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None, *,
                         heads: FormulaHeads | None = None):
    """Yield ``(start, end)`` of unquoted numbered formulations by their shape.

    - numeral + 大/项 + a noun phrase ending in a programme head (四大专项行动), or in
      any noun but a generic one when the numeral sums up as many items listed right
      before it (党的纪律检查和政府行政监察两项职能);
    - numeral + 个/种/条 + a head counted so (两个维护, 四种危险, 两个积极性, 两条底线),
      the head ending the noun phrase, or numeral + 个 + a short verb or adverb phrase
      ending the clause (两个确保);
    - numeral + a counter or measure word but 个/种 + a short noun phrase ending the
      clause when the numeral sums up as many quoted items right before it
      (“强城”“兴村”“融合”三篇文章).

    Each candidate costs the segmentation of a few characters: linear in the text.

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
    start, end : int
        The part of ``text`` searched.
    heads : FormulaHeads, optional
        The heads (:func:`speechkit.extract.slogans.heads.formula_heads`); default the
        fixed programme heads only.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "实施四大专项行动，建成七大购物中心"
    >>> [text[s:e] for s, e in find_formula_phrases(text, get_tokenizer())]
    ['四大专项行动']
    """
    end = len(text) if end is None else end
    heads = heads if heads is not None else formula_heads(None, tokenizer)
    for candidate in _FORMULA_CANDIDATE.finditer(text, start, end):
        if _quantity_after(text, candidate.end(), tokenizer):
            continue  # 两大类工程, 三项次: a classifier after the counter makes a quantity
        stop = min(end, candidate.end() + _HEAD_LENGTH)
        phrase_end = None
        if candidate.group(2) in "个种条":
            phrase_end = _counted_end(text, candidate, stop, tokenizer, heads)
        elif candidate.group(2) in "大项":
            phrase_end = _programme_end(text, candidate, stop, tokenizer, heads)
        if (phrase_end is None and candidate.group(2) not in "个种"  # a generic classifier after a list counts things
                and quoted_before(text, candidate.start()) == numeral_value(candidate.group(1))):
            phrase_end = _noun_run_end(text, candidate.end(), stop, tokenizer)
        if phrase_end is not None and has_numbered_shape(text[candidate.start() : phrase_end]):
            yield candidate.start(), phrase_end


def find_one_by_one(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted formulations 一X一Y, "one X, one Y" (一企一策,
    一县一业, 一老一小): two different characters, neither a numeral, a counter nor a
    measure word (一年一度, 一对一), in a phrase the dictionary does not know as an
    idiom (一心一意, 一言一行), cut from the words around it.

    >>> from speechkit.segment import get_tokenizer
    >>> text = "推行一企一策，一心一意，一年一度，一茬一茬"
    >>> [text[s:e] for s, e in find_one_by_one(text, get_tokenizer())]
    ['一企一策']
    """
    end = len(text) if end is None else end
    for match in _ONE_BY_ONE.finditer(text, start, end):
        first, second = match.group(1), match.group(2)
        if first == second or any(c in NUMERALS or c in _QUANTITY_AFTER or c in _NOT_ONE_BY_ONE for c in (first, second)):
            continue
        words = tokenizer.tokenize(match.group())
        if len(words) == 1 and words[0].pos in _IDIOM_TAGS:
            continue
        if on_word_boundaries(text, match.start(), match.end(), tokenizer):
            yield match.start(), match.end()


def find_compounds(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted compounds of numbered parts (三高四新, 两江四岸,
    一核两翼多点, 三区一中心): two or more parts in a row, each a numeral (多 after the
    first) and one to three characters naming what it counts, cut from the words around
    it. Not one when a part is a quantity or an ordinal (一年, 三级, 二期, 一个又一个),
    a place counted (九市一区), an enumerator (七是), the sides of something (两岸双方),
    a phrase (一锤接着一锤), one thing said again (一步一步), or when the dictionary
    knows the whole as a word: an idiom, a name or a number (五湖四海, 三坊七巷, 一万二千).

    >>> from speechkit.segment import get_tokenizer
    >>> text = "推进两江四岸整治，构建一核两翼多点格局，汇聚五湖四海人才，覆盖九市一区"
    >>> [text[s:e] for s, e in find_compounds(text, get_tokenizer())]
    ['两江四岸', '一核两翼多点']
    """
    end = len(text) if end is None else end
    for match in _COMPOUND.finditer(text, start, end):
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
    if part in _NOT_PARTS or rest[0] in _NOT_PART_HEADS or rest.startswith(_QUANTITY_AFTER) or any(c in _FUNCTION_CHARS for c in rest):
        return True
    return len(rest) == 1 and rest in _PLACES_COUNTED


def _quantity_after(text: str, index: int, tokenizer) -> bool:
    """True when a unit or a classifier stands at ``index`` as a word of its own (两大|类,
    not 四大|支撑)."""
    if text.startswith(_LONG_UNITS, index):
        return True
    if text[index : index + 1] not in _QUANTITY_AFTER:
        return False
    words = tokenizer.tokenize(text[index : index + _UNIT_WINDOW], index)
    return len(words[0].text) == 1


def _programme_end(text: str, candidate: re.Match, end: int, tokenizer, heads: FormulaHeads) -> int | None:
    """End of the run of noun words after numeral + 大/项 that ends in a programme head:
    the longest such run (四大专项行动), but the shortest when the numeral sums up the
    items listed before it, which the first head names (汽车、钢铁、化工三大产业|转型攻坚战),
    and else the whole run when the list is there without a head (两项职能). A numeral
    starts the next phrase (四大工程六大行动)."""
    start, ends, predicate = candidate.end(), [], False
    previous_tag = ""
    for token in tokenizer.tokenize(text[start:end], start):
        if token.text[0] in NUMERALS:
            break
        phrase_word = token.pos.startswith(_PHRASE_TAGS) and token.pos != "ad" or token.pos in _MODIFIER_TAGS
        head = heads.ends_programme(text[start : token.end])
        if (phrase_word or token.pos == _CLASSIFIER) and head:
            ends.append(token.end)  # a head's end the segmenter takes for a classifier: 都市|圈
        if not phrase_word or predicate and not head:
            break
        # A verb after a noun modifies a head right after it (科技|创新|平台); followed by
        # anything else it is the predicate (两大乳企|推进|全球化战略).
        predicate = token.pos == "v" and previous_tag.startswith(("n", "j"))
        previous_tag = token.pos
    summing = listed_before(text, candidate.start()) == numeral_value(candidate.group(1))
    if ends:
        return ends[0] if summing else ends[-1]
    return _noun_run_end(text, start, end, tokenizer) if summing else None


def _noun_run_end(text: str, start: int, end: int, tokenizer) -> int | None:
    """End of the short noun phrase at ``start`` (文章, 大文章) naming what a numeral
    sums up, or None."""
    run_end = None
    for token in tokenizer.tokenize(text[start:end], start):
        if token.pos in _NAME_TAGS:
            return None  # places, organisations (北京、上海两大城市): a count of them
        if not token.pos.startswith(_PHRASE_TAGS) or token.pos == "ad" or token.text[0] in NUMERALS:
            break
        run_end = token.end
    if run_end is None or not _MIN_SUMMED_HEAD <= run_end - start <= _SUMMED_HEAD:
        return None
    if text[start:run_end].endswith(GENERIC_HEADS) or text[run_end : run_end + 1] not in _PHRASE_ENDS:
        return None  # a phrase going on (两大核心关切, 两大乳企推进…) counts things it goes on about
    return run_end


def _counted_end(text: str, candidate: re.Match, end: int, tokenizer, heads: FormulaHeads) -> int | None:
    """End of the head after numeral + 个/种/条: a head counted so that ends the noun phrase
    (两个维护，两条底线; not 两个维护党中央权威), or after 个 a short verb or adverb phrase ending
    the clause (两个确保，四个更加注重): what 个 counts there is no thing but a demand."""
    tokens = tokenizer.tokenize(text[candidate.end() : end + 2], candidate.end())
    if not tokens:
        return None
    # an abstract modifier may stand before the head (两个根本性|转变, 三个历史性|转变)
    counter = candidate.group(2)
    modified = len(tokens) > 1 and tokens[0].text.endswith(ABSTRACT_SUFFIXES[0]) and heads.is_counted(tokens[1].text, counter)
    head = 1 if modified else 0
    if heads.is_counted(tokens[head].text, counter):
        if len(tokens) > head + 1 and tokens[head + 1].pos.startswith(_NOUN_TAGS):
            return None
        return tokens[head].end
    if counter != "个" or text.endswith(_POINTING_BACK, 0, candidate.start()):
        return None
    phrase_end = None
    for token in tokens[:_DEMAND_WORDS]:
        if token.pos not in _DEMAND_TAGS or token.end - candidate.end() > _DEMAND_LENGTH:
            break
        phrase_end = token.end
    if phrase_end is None or phrase_end - candidate.end() < _MIN_SUMMED_HEAD:
        return None
    return phrase_end if text[phrase_end : phrase_end + 1] in _PHRASE_ENDS else None
