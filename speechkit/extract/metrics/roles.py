"""Which quantities are metrics at all: the numbers that read as a measured quantity but
are none (the gold's ``not_a_metric`` classes, ``tests/gold/metrics/README.md``).

Not metrics: a period or a duration (五年来, 连续9年, 持续提升的五年, 再延长30年的政策),
an age bound (65岁以上老年人), a streak, a count pointed back at (这两起案件); an ordinal
written as a count (二轮延包, 省委十三届七次、八次全会) or a rank bound (排名前1%); the
numeral of a formulation (五个坚持、三种转变, 五个“必须统筹”, 四个自信); a count that
structures the text or is a figure of speech (我讲4个问题, 五个方面, 三件大事：…, a few
abstract things summing up a list: 发展和生态两条底线, 车之两轮, 没有两片…, 动辄几百万,
有的…占地上百亩, a count in Chinese numerals restating the list that names its members:
官僚资本主义三座大山); a specification, a size or threshold that defines a kind of thing
(26兆瓦级, 全球最大…机组, 10蒸吨及以下燃煤锅炉, 超亿元项目, 74个重点城市…浓度下降9.1%,
百万吨乙烯, 120万吨乙烯项目, 吞吐量超千万人次的机场); the count of articles in a policy's
title (民营经济32条政策).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...chars import HAN, is_han
from ..abstract_nouns import abstract_nouns
from .dimensions import MONEY_KINDS
from .indicators import DOWN, INCREMENTS, UP, WINDOW, read_after
from .numbers import NUMBER
from .quantities import is_cued
from .units import COUNTED_KINDS
from .words import tag_words

if TYPE_CHECKING:
    from ...model import Metric
    from .quantities import Quantity

# N条 before a kind of normative document titles a policy by its number of articles
# (民营经济32条政策); the kinds are those of China's normative documents.
_ARTICLES = "条"
_POLICY_DOCUMENTS = ("措施", "举措", "政策", "意见", "规定", "办法", "条例", "细则")
# Tags of the words that open a clause issuing a policy where the segmenter finds no verb:
# adverbs and adjectives (落实落细).
_ISSUING_TAGS = frozenset({"v", "vd", "d", "a", "ad"})
# A duration or an age is a metric only when its indicator measures time (审批时间压缩到
# 20个工作日, 人均预期寿命76.7岁); otherwise it is a period (五年来, 砥砺奋进的五年)
# or an age bound (65岁以上老年人).
_TIME_MEASURES = re.compile(r"时间|时长|时限|用时|年限|期限|周期|工期|寿命|年龄|天数|办结|缩短|压缩|延长")
# 以上十四条，构成…: 以上 opening a clause points back at the items just written.
_ABOVE = "以上"
# 连续9年全国第一, 连续10次获评: a streak, not a quantity.
_STREAK = "连续"
# 这两起案件, 上述3项措施: a demonstrative points back at things already counted.
_DEMONSTRATIVES = ("这", "那", "此", "该", "上述", "前述")
# 五个坚持, 三种转变: a single Chinese digit counting a two-character word that ends
# its clause names a formulation, not a count of things.
_FORMULATION_COUNT = re.compile(rf"[一二两三四五六七八九十][个种][{HAN}]{{2}}(?=[、，,。；;：:”）)]|$)")
# Counts that structure a text rather than measure anything: the speaker announcing
# his points (我讲4个问题, 我想谈三点), the parts of a whole (两个阶段, 五个方面, 三个部分)
# and the units of a text (这4句话、12个字).
_ANNOUNCING = re.compile(r"我[^，,。；;：:！？!?]{0,6}?(?:讲|谈|说)(?:一下|以下)?$")
_ANNOUNCER_WINDOW = 10
_PARTS_OF_A_WHOLE = ("方面", "部分", "阶段", "层面", "维度")
_UNITS_OF_TEXT = ("字", "句话", "句")
# A count of abstract things (see ``abstract_nouns.tsv``) that structures the text rather
# than measures it: few (one holds them in mind), with a generic counter, and either
# summing up the list just written (发展和生态两条底线, “投什么、谁来投”两个问题), owned
# by what it describes (纪委的3项主要任务和5项经常性工作), or announcing the list that
# follows (四项原则，即…).
_FEW = 10
_GENERIC_COUNTERS = frozenset({"个", "项", "条", "件", "类", "种"})
_LIST_MARKS = frozenset({"、", "和", "与", "及", "以及"})
_CLAUSE_MARKS = "，,；;。：:！？!?\n"
# Marks that open a clause or a list member (…指挥部、出台20条举措).
_MEMBER_MARKS = _CLAUSE_MARKS + "、"
_CLOSE_QUOTES = "”’」』"
_OWNED = re.compile(
    r"的(?:(?:[0-9]+|[一二两三四五六七八九十]+)[个项条件类种][^，,；;。：:、和与及]{1,8}[和与及、])*$"
)
_OWNED_LOOKBACK = 40
_LIST_FOLLOWS = ("即", "，即", "包括", "，包括", "，就是", "，概括起来", "，归结起来")
_LIST_VERBS = frozenset({"是", "即", "包括", "为"})
_PREDICATE_WINDOW = 24
# The owner before 的: a noun, an abbreviation or a pronoun (纪委的, 我们的).
_OWNER_TAGS = ("n", "j", "r")
_OWNER_LONGEST = 8
# 五个“必须统筹”, 两个“毫不动摇”: a count in Chinese numerals of a quoted phrase names a
# formulation; statistics are written in Arabic digits (10个“二线口岸”正式启用).
_CHINESE_COUNT = re.compile(r"[一二两三四五六七八九十]+$")
_OPEN_QUOTES = "“‘「『"
_QUOTE_LONGEST = 24
# 进入ESI全球排名前1%, 包揽前六名: a rank bound, not a quantity (5年前1.5个百分点 is a time).
_RANK_BEFORE = "前"
_NOT_RANK_BEFORE = "年月日天之提目当此以从"
_RANK_UNITS = frozenset({"%", "％", "‰", "‱", "千分之", "名", "位"})
# 超亿元项目, 营业收入超千亿元的集群, 出生人口超百万的省份: a bound written before an amount
# that the thing after it has (a count with its bound is a count: 选派超千名科技特派员).
_BOUND_BEFORE = ("超", "超过", "过")
_MEASURE_NOUN_TAGS = frozenset({"n", "nz"})
# 有的…甚至占地上百亩、耗资几个亿: figures of a generic subject illustrate, they measure nothing.
_GENERIC_SUBJECTS = ("有的", "有些", "有人")
_PART_ENDS = "；;"
# How far back the start of a part or a clause is looked for: linear in a text without
# punctuation.
_GENERIC_LOOKBACK = 120
_LIST_LOOKBACK = 60
# Ordinals written as counts: 二 before a measure word (二轮延包, 二次招商: a count of two is
# written 两), the session of a body (省委十三届七次、八次全会, 市六届人大二次会议: the
# session number follows 届 or the body; 召开七次全会 counts sessions).
_SECOND = "二"
_SESSION_AFTER = re.compile(r"(?:、[一二三四五六七八九十]+次)*(?:全会|会议|全体会议|中全会)")
_SESSION_BEFORE = re.compile(r"(?:届|人大|政协|委)(?:[一二三四五六七八九十]+次(?:全会|会议|全体会议|中全会)?、)*$")
_SESSION_LOOKBACK = 24
# 车之两轮, 鸟之两翼: a count after 之 is a figure of the classical register.
_CLASSICAL = "之"
# 四个自信, 两个维护, 四个相统一, 两个务必: 个 counting a verb, an adjective or an adverb
# (a stance, not a thing) in Chinese numerals names a formulation.
_STANCE_TAGS = frozenset({"v", "a", "ad", "d", "l", "i"})
_STANCE_WINDOW = 8
_STANCE_ENDS = frozenset({"的", "、", "和", "与"})
# The first item of a list opening the next sentence (…三项举措。一是…, …：（一）…).
_LIST_OPENS = re.compile(r"[。：:]\s*(?:一是|第一|首先|一、|（一）|\(一\))")
_EXPLAINED = re.compile(rf"[{HAN}]{{1,6}}?(?:作|做|加以)(?:些|一些|一下|一点)?说明")
# 没有完全相同的两片树叶, 就像两条腿走路: a count denied or in a simile measures nothing.
_FIGURATIVE = re.compile(r"(?:没有|就像|好比|如同|犹如|宛如|好像)[^，,；;。：:！？!?\n]*$")
_FIGURATIVE_LOOKBACK = 16
# 几百万, 数十亿: "several" before a round numeral gives a vague size.
_VAGUE = ("几", "数")
_VAGUE_TENS = tuple("十百千万亿")
_SPECIFYING = ("以上", "以下", "及以上", "及以下")
_SHARES = frozenset({"percent", "permille", "tenths"})
# 26兆瓦级机组, 30万吨级航道: a grade (…级) rates a kind of thing, it is no amount.
_GRADE = "级"
# 120万吨乙烯项目: a capacity before the nouns of a project.
_PROJECT = "项目"
# 日处理3万吨水厂, 年产60万吨油料项目, 2×66万千瓦煤电一体化: a rated capacity (an output per
# day or year, or a number of units times the size of each) before the plant it rates;
# 日处理能力, 年产值, 年产量 name a measure instead.
_RATE = re.compile(rf"[日年](?:处理|加工|产|供)(?![值量能])[{HAN}]{{0,4}}$")
_RATE_LOOKBACK = 8
_TIMES = "×"
# 每10万人, 每1000户: the base of a rate written with digits (每万人 holds no number).
_PER = "每"
# 25万吨煤基乙烯聚合物项目, 135万吨聚烯烃升级改造项目, 1500万吨/年煤炭分质分级利用项目,
# 年产百万吨国家级页岩油示范区: a capacity (per year or day or not) that opens the name of a
# plant, the name running without a break to the plant's head.
_AREA = "area"
_PER_TIME = ("/年", "／年", "/日", "／日")
# The name may run over a list of plants sized alike (…煤制油、1500万吨/年…项目).
_PLANT_NAME = re.compile(rf"(?:[{HAN}A-Za-z“”‘’]|、(?=[0-9])|[0-9.]|[/／]){{1,32}}?(?:项目|工程|生产线|示范区|装置)")
# 百万吨乙烯, 千亿立方米天然气生产基地: a round size before a thing.
_ROUND_SIZES = ("百", "千")
# 全球最大26兆瓦…机组, 首台…: a superlative or a first names one thing by its size.
_SUPERLATIVE = re.compile(r"(?:最[大长高深宽快强重]|首[台座个款条架艘套部])$")
# A count of things before an intensive measure taken over them (74个重点城市细颗粒物年均
# 浓度下降9.1%): the count names the set the share, rate or concentration is measured on
# (the measure is the next number: not 1299个重大项目完成投资1.4万亿元、投资完成率129.6%).
_INTENSIVE_NAME = re.compile(r"(?:率|比重|比例|占比|浓度|强度|密度|指数)[^，,；;。：:！？!?、\n]{0,6}$")
_INTENSIVE_LONGEST = 32
# The things counted and the name of the measure taken over them, in one clause.
_SCOPED = re.compile(rf"[{HAN}“”]{{4,24}}")
_GRADED = re.compile(r"[0-9.]+[^，,；;。、]{0,6}?级")
_ALTERNATIVE = "或"
_COUNT = re.compile(r"[0-9.]+[多余]?[个项家所只条座处台件名户]")
# The predicate of a measure taken over the set: a change or a level reached (减少26%,
# 达到100%); a verb of doing (完成, 实施, 发行) makes the things counted its agents.
_SCOPE_PREDICATES = frozenset({*UP, *DOWN, *INCREMENTS, "达到", "达", "突破", "超过", "为", "是"})


def not_a_metric(text: str, quantity: Quantity, metric: Metric, clause_end: int, sentence: tuple[int, int]) -> bool:
    """True for a number that reads as a metric but is none: a time span or age bound, a
    streak or a count pointed back at, the numeral of a formulation, a count that
    structures the text, or a specification (see the module constants).

    Parameters
    ----------
    text : str
    quantity : Quantity
    metric : Metric
        The metric read for ``quantity`` (its indicator and change).
    clause_end : int
        Where the clause of the quantity ends (or the next quantity starts).
    sentence : tuple of int
        ``[start, end)`` of the sentence around the quantity.
    """
    kind = quantity.unit.kind if quantity.unit is not None else None
    if kind in ("duration", "age") and not _measures_time(text, quantity, metric, clause_end, kind):
        return True
    if text.endswith((_STREAK, *_DEMONSTRATIVES), 0, quantity.start) or _points_back(text, quantity.start):
        return True
    if _ordinal(text, quantity):
        return True
    if text.endswith(_PER, 0, quantity.start):
        return True  # 每10万人刑事案件数: the base a rate is taken on, part of the next figure's name
    return (
        _formulation_numeral(text, quantity, clause_end, sentence)
        or _structures_text(text, quantity, clause_end)
        or _counts_abstract_things(text, quantity, clause_end)
        or _sums_up_named_members(text, quantity)
        or _illustrates(text, quantity, sentence)
        or _rank(text, quantity)
        or _titles_a_policy(text, quantity, clause_end)
        or _specification(text, quantity, clause_end, kind)
    )


def _titles_a_policy(text: str, quantity: Quantity, clause_end: int) -> bool:
    """True for a count of articles that is part of a policy's title (赋能应用10条措施,
    优化营商环境58条改革举措, 民营经济32条政策): N条 before a kind of normative document,
    with the policy's topic written in its clause or list member between the verb that
    issues the policy and the number. A count right after that verb (出台25条举措,
    省级层面发布45条融合举措) counts the measures."""
    unit = quantity.unit
    if unit is None or unit.text != _ARTICLES:
        return False
    document = read_after(text, quantity.end, clause_end)
    if document is None or not document.endswith(_POLICY_DOCUMENTS):
        return False
    floor = max(0, quantity.start - WINDOW)
    opening = max(text.rfind(mark, floor, quantity.start) + 1 for mark in _MEMBER_MARKS)
    tags = list(tag_words(text[max(floor, opening) : quantity.start]).tags)
    if "v" in tags:
        topic = tags[tags.index("v") + 1 :]  # 省级层面发布|45条: the words after the verb that issues it
    else:
        topic = tags
        while topic and topic[0] in _ISSUING_TAGS:
            topic.pop(0)  # 落实落细|民营经济: verbs the segmenter tags as adjectives
    return any(tag.startswith(("n", "j")) or tag == "vn" for tag in topic)


def _measures_time(text: str, quantity: Quantity, metric: Metric, clause_end: int, kind: str) -> bool:
    """True for a duration or an age that is a metric: its indicator measures time, or a
    duration changes (审批时间压缩到20个工作日); not one that qualifies a noun after it
    (再延长30年的政策, 再延长30年试点: the term of the policy), nor the head of a noun
    phrase after 的 whose indicator measures no time (持续提升的五年)."""
    linked = text.startswith("的", quantity.end)
    if _noun_after(text, quantity.end + linked, clause_end):
        return False  # 再延长30年的政策, 延长30年整省试点: the term of a policy
    measures = _TIME_MEASURES.search(metric.indicator or "") is not None
    if text.endswith("的", 0, quantity.start) and not measures:
        return False  # 经济实力持续提升的五年: the span a text looks back on
    return measures or (kind == "duration" and metric.change is not None)


def _formulation_numeral(text: str, quantity: Quantity, clause_end: int, sentence: tuple[int, int]) -> bool:
    """True for the numeral of formulations written in parallel (做到五个坚持、实现三种转变)
    or of a quoted formulation counted in Chinese numerals (五个“必须统筹”); one count
    alone (引进三个项目) is a count."""
    if _counted_quote(text, quantity) or _counts_a_stance(text, quantity, clause_end):
        return True
    if _FORMULATION_COUNT.match(text, quantity.start, clause_end + 1) is None:
        return False
    start, end = sentence
    start, end = max(start, quantity.start - WINDOW), min(end + 1, quantity.end + WINDOW)
    return len(_FORMULATION_COUNT.findall(text, start, end)) >= 2


def _structures_text(text: str, quantity: Quantity, clause_end: int) -> bool:
    """True for a count that structures the text: the speaker announcing his points, the
    parts of a whole, the units of a text, the size of a list that follows."""
    if _ANNOUNCING.search(text, max(0, quantity.start - _ANNOUNCER_WINDOW), quantity.start):
        return True
    if text.endswith(_CLASSICAL, 0, quantity.start) and _CHINESE_COUNT.match(quantity.raw[:1]):
        return True
    if _FIGURATIVE.search(text, max(0, quantity.start - _FIGURATIVE_LOOKBACK), quantity.start) is not None:
        return True
    if text.endswith(_VAGUE, 0, quantity.start) and quantity.raw.startswith(_VAGUE_TENS):
        return True  # 动辄几百万, 涵盖数十亿实体: a vague size, no measure
    if text.startswith((*_PARTS_OF_A_WHOLE, *_UNITS_OF_TEXT), quantity.end):
        return True
    if _EXPLAINED.match(text, quantity.end) is not None:
        return True  # 对两个目标加以说明: what the speaker is about to explain
    thing = read_after(text, quantity.end, clause_end)
    if thing is None:
        return False
    after = quantity.end + len(thing)
    # 两项标准分别提高…, 三件大事：一是…, 采取三项举措。一是…: the size of the list that follows
    return text.startswith(("分别", "：", ":"), after) or _LIST_OPENS.match(text, after) is not None


def _specification(text: str, quantity: Quantity, clause_end: int, kind: str | None) -> bool:
    """True for a size or a threshold that defines a kind of thing rather than measures an
    amount: a grade (26兆瓦级), a superlative's size (全球最大…), the count of the set an
    intensive measure is taken over (74个重点城市…浓度下降9.1%), a bound followed by the
    thing it bounds (投资额百亿元以上重大工业项目, 10蒸吨及以下燃煤锅炉, 年运量150万吨以上的
    企业; but a count with its bound is a count: 实施200项以上工业项目)."""
    if text.startswith(_GRADE, quantity.end):
        return True
    if _bounds_a_kind(text, quantity, clause_end, kind):
        return True
    if _SUPERLATIVE.search(text, max(0, quantity.start - 2), quantity.start) and read_after(text, quantity.end, clause_end):
        return True
    if kind in COUNTED_KINDS and (_counts_set_measured(text, quantity, clause_end) or _scopes_next_figure(text, quantity, clause_end)):
        return True
    if _round_size_of_a_thing(text, quantity, clause_end, kind) or _size_of_a_project(text, quantity, clause_end, kind):
        return True
    if _rated_capacity(text, quantity, clause_end, kind) or _capacity_of_a_plant(text, quantity, kind):
        return True
    if text.startswith("的有", quantity.end):
        return True  # 占比超过10%的有44种: the bound of a class that is counted next
    bound = next((q for q in _SPECIFYING if text.startswith(q, quantity.end)), None)
    if bound is None or kind in COUNTED_KINDS:
        return False  # 实施200项以上工业项目, 3家以上实验室: a count with its qualifier
    thing_at = quantity.end + len(bound)
    if text.startswith("的", thing_at):
        if kind in _SHARES or _is_share(quantity):
            return False  # 90%以上的矛盾纠纷化解在基层: a share of the things named next
        thing_at += 1  # 年运量150万吨以上的大型企业
    return read_after(text, thing_at, clause_end) is not None


def _round_size_of_a_thing(text: str, quantity: Quantity, clause_end: int, kind: str | None) -> bool:
    """True for a round 百 or 千 of an amount written right before a thing (百万吨乙烯,
    千亿立方米天然气生产基地): the size of a kind of plant or base, not an amount reached,
    which a verb or a bound announces (突破千亿元, 上千万元: see ``is_cued``)."""
    if kind is None or kind in COUNTED_KINDS or kind in _SHARES or not quantity.raw.startswith(_ROUND_SIZES):
        return False
    if is_cued(text, quantity.start, quantity.end):
        return False
    thing = read_after(text, quantity.end, clause_end)
    return thing is not None and tag_words(thing).tags[0].startswith("n")


def _sizes_a_plant(kind: str | None) -> bool:
    """True for a unit that can size a plant (a capacity, an output, a power): counts,
    shares and money are read by the other rules."""
    return kind is not None and kind not in COUNTED_KINDS and kind not in _SHARES and kind not in MONEY_KINDS


def _rated_capacity(text: str, quantity: Quantity, clause_end: int, kind: str | None) -> bool:
    """True for a rated capacity written right before the plant it rates (日处理3万吨水厂,
    海乳维久日处理鲜奶500吨生产加工项目, 2×66万千瓦热电联产项目): the size of a kind of plant,
    no amount reached. An output per day or year with no plant after it is one (年产粮食500万吨)."""
    if not _sizes_a_plant(kind):
        return False
    rated = _TIMES in quantity.raw or _RATE.search(text, max(0, quantity.start - _RATE_LOOKBACK), quantity.start) is not None
    return rated and read_after(text, quantity.end + text.startswith("的", quantity.end), clause_end) is not None


def _size_of_a_project(text: str, quantity: Quantity, clause_end: int, kind: str | None) -> bool:
    """True for a capacity written right before the nouns of a project (120万吨乙烯项目,
    年产50万辆新能源汽车项目): the size of the plant, no amount reached. Counts, shares
    and money (投资10亿元项目 is read elsewhere) are left to the other rules."""
    if not _sizes_a_plant(kind):
        return False
    thing = read_after(text, quantity.end, clause_end)
    if thing is None or _PROJECT not in thing:
        return False
    tokens = tag_words(thing[: thing.index(_PROJECT)])
    return bool(tokens.tags) and all(tag.startswith("n") for tag in tokens.tags)


def _capacity_of_a_plant(text: str, quantity: Quantity, kind: str | None) -> bool:
    """True for a capacity that opens the name of a plant (300万吨CCUS碳利用示范项目,
    400万吨/年煤制油、1500万吨/年煤炭分质分级利用项目): the name runs from the number to a
    plant's head (项目, 工程, 生产线, 示范区, 装置) with no break (but a 、 before the
    next plant's capacity), no 的 and no verb opening it, so the number sizes the plant and measures no amount reached. Counts, shares and
    money are read by the other rules."""
    if not _sizes_a_plant(kind) or kind == _AREA:
        return False  # 建设1500万亩小麦高产示范区, 完成3万亩退耕还林工程: an area is the work done
    start = quantity.end + next((len(rate) for rate in _PER_TIME if text.startswith(rate, quantity.end)), 0)
    name = _PLANT_NAME.match(text, start)
    if name is None or "的" in name.group():
        return False
    tags = tag_words(name.group()).tags
    return not tags[0].startswith("v") or tags[0] == "vn"


def _counts_set_measured(text: str, quantity: Quantity, clause_end: int) -> bool:
    """True when the clause goes on from a count, through the thing counted, to an
    intensive measure whose figure is the next number (``clause_end`` is where it starts)."""
    if clause_end - quantity.end > _INTENSIVE_LONGEST or read_after(text, quantity.end, clause_end) is None:
        return False
    return _INTENSIVE_NAME.search(text, quantity.end, clause_end) is not None and NUMBER.match(text, clause_end) is not None


def _scopes_next_figure(text: str, quantity: Quantity, clause_end: int) -> bool:
    """True for a count of things that opens a clause going on, without a break, to the
    figure of a measure taken over them (31个省份本级公务接待费减少26%, 63个…园区新改扩建产业
    载体2150万平方米): the count names the set the next figure is of. The things and the
    measure are nouns of one clause, its predicate (if any) a change or a level reached; a
    list (、和与及或), a grade (千万千瓦级), a second count of the things or a verb of doing
    (300个重点项目完成投资5200亿元) make no such clause."""
    between = text[quantity.end : clause_end]
    if not _SCOPED.fullmatch(between) or any(mark in between for mark in (*_LIST_MARKS, _ALTERNATIVE)):
        return False
    if not text[clause_end : clause_end + 1].isdigit() or _GRADED.match(text, clause_end) or _COUNT.match(text, clause_end):
        return False  # 15所高职院校21个专业群: two counts of one set, both metrics
    tokens = tag_words(between)
    verbs = [word for word, tag in zip(tokens.texts, tokens.tags) if tag == "v"]
    if verbs and verbs[-1] not in _SCOPE_PREDICATES:
        return False  # 300个重点项目完成年度投资5200亿元: the things counted did what the figure measures
    return sum(tag.startswith("n") for tag in tokens.tags) >= 2


def _counted_quote(text: str, quantity: Quantity) -> bool:
    """True for a count in Chinese numerals of a quoted phrase (五个“必须统筹”) that is the
    subject of no predicate (三个“1小时交通圈”基本建成 counts what was built)."""
    unit = quantity.unit
    if (
        unit is None
        or unit.text not in _GENERIC_COUNTERS
        or not text.startswith(tuple(_OPEN_QUOTES), quantity.end)
        or _CHINESE_COUNT.search(text, quantity.start, quantity.end - len(unit.text)) is None
    ):
        return False
    close = text.find(_CLOSE_QUOTES[_OPEN_QUOTES.index(text[quantity.end])], quantity.end + 1, quantity.end + _QUOTE_LONGEST)
    if close < 0 or _noun_after(text, close + 1, close + 1 + _PREDICATE_WINDOW):
        return False  # 三个“国家级”基地: the quote qualifies the things counted
    # …”的重要要求: the quote qualifies a noun after 的, whatever the words of that noun
    return text.startswith("的", close + 1) or not _predicate_follows(text, close + 1, noun_seen=True)


def _rank(text: str, quantity: Quantity) -> bool:
    """True for a rank bound after 前 (排名前1%, 前六名), not a time before it (5年前)."""
    unit = quantity.unit
    if unit is None or unit.text not in _RANK_UNITS or quantity.start < 2:
        return False
    return text[quantity.start - 1] == _RANK_BEFORE and text[quantity.start - 2] not in _NOT_RANK_BEFORE


def _counts_abstract_things(text: str, quantity: Quantity, clause_end: int) -> bool:
    """True for a few abstract things counted to structure the text (see ``_FEW``)."""
    unit = quantity.unit
    if unit is None or unit.text not in _GENERIC_COUNTERS or quantity.value is None or quantity.value > _FEW:
        return False
    thing = read_after(text, quantity.end, clause_end)
    if thing is None or counted_noun(thing) not in abstract_nouns():
        return False
    after = quantity.end + len(thing)
    if text.startswith(_LIST_FOLLOWS, after):
        return True
    if _predicate_follows(text, quantity.end):
        return False  # 5项科技成果获国家科学技术奖: things that did something are counted
    return _owned(text, quantity.start) or _sums_up_list(text, quantity)


def _predicate_follows(text: str, start: int, *, noun_seen: bool = False) -> bool:
    """True when, in the clause from ``start``, a verb follows a noun: the things counted
    before it are the subject of a predicate (科技成果获…奖, “…交通圈”基本建成)."""
    stop = min((i for i in (text.find(mark, start, start + _PREDICATE_WINDOW) for mark in _CLAUSE_MARKS) if i >= 0),
               default=min(len(text), start + _PREDICATE_WINDOW))
    tokens = tag_words(text[start:stop])
    previous = ""
    for word, tag in zip(tokens.texts, tokens.tags):
        # after 的 comes the head of a noun phrase, whatever its tag (…”的要求)
        if tag.startswith("v") and tag != "vn" and noun_seen and word not in _LIST_VERBS and previous != "的":
            return True
        noun_seen = noun_seen or tag.startswith(("n", "vn", "j"))
        previous = word
    return False


def _owned(text: str, start: int) -> bool:
    """True for a count after 的 whose owner is a noun (纪委的3项主要任务, and the count
    coordinated with it: 和5项经常性工作), not a relative clause (促进增长的十项措施)."""
    owned = _OWNED.search(text, max(0, start - _OWNED_LOOKBACK), start)
    if owned is None:
        return False
    tokens = tag_words(text[max(0, owned.start() - _OWNER_LONGEST) : owned.start()])
    return bool(tokens.tags) and tokens.tags[-1].startswith(_OWNER_TAGS)


def counted_noun(thing: str) -> str:
    """The noun a count counts in the words written after it: the last noun of the words
    before the first verb (主要任务 → 任务, 控制线划定工作 → 控制线), or the longest end of
    it that is an abstract noun (重大问题 written as one word → 问题)."""
    tokens = tag_words(thing)
    head = ""
    for word, tag in zip(tokens.texts, tokens.tags):
        if tag.startswith("v") and tag != "vn" and head:
            break
        if tag.startswith(("n", "vn")):
            head = word
    known = abstract_nouns()
    return next((head[i:] for i in range(len(head) - 1) if head[i:] in known), head)


def _sums_up_list(text: str, quantity: Quantity) -> bool:
    """True when the count follows, in its clause, a list of as many members as it counts
    (纪律检查和政府行政监察两项职能, “投什么、谁来投、怎么投、如何管”四个问题)."""
    start = quantity.start
    if start == 0 or not (is_han(text[start - 1]) or text[start - 1] in _CLOSE_QUOTES):
        return False
    floor = max(0, start - _LIST_LOOKBACK)
    clause_start = max(floor, max(text.rfind(mark, floor, start) for mark in _CLAUSE_MARKS) + 1)
    tokens = tag_words(text[clause_start:start])
    # a conjunction may be glued to the word before it by the segmenter (检查和)
    members = 1 + sum(word in _LIST_MARKS or (len(word) > 1 and word[-1] in _LIST_MARKS) for word in tokens.texts)
    return members >= 2 and members == quantity.value


def _sums_up_named_members(text: str, quantity: Quantity) -> bool:
    """True for a few things counted in Chinese numerals right after the list that names
    them, as many as it counts, and the subject of no predicate (官僚资本主义三座大山,
    连跨5万亿元、6万亿元两个台阶, 六盘山和贺兰山两个实验室、…): the count restates the
    list, it measures nothing. Things that did something are counted (城东、城西、城南
    三个“十分钟生活圈”基本建成)."""
    unit = quantity.unit
    if unit is None or unit.kind not in COUNTED_KINDS or quantity.value is None or quantity.value > _FEW:
        return False
    numeral = quantity.raw[: len(quantity.raw) - len(unit.text)]
    if _CHINESE_COUNT.fullmatch(numeral) is None or text.endswith("的", 0, quantity.start):
        return False  # 投资近千亿元、全长1.3万公里的三个…公路: the list describes, it names nothing
    return _sums_up_list(text, quantity) and not _predicate_follows(text, quantity.end)



def _is_share(quantity: Quantity) -> bool:
    """True for a share written without unit (一半, 四分之一: a fraction of one)."""
    return quantity.unit is None and quantity.value is not None and 0 < quantity.value < 1


def _bounds_a_kind(text: str, quantity: Quantity, clause_end: int, kind: str | None) -> bool:
    """True for an amount bounded by 超/超过/过 and followed (after 的 or not) by the thing
    that has it (超亿元项目, 超千亿元的先进制造业集群), not a count nor a share, nor an
    abstract thing the amount describes, nor a thing the amount is of, written without 的
    before its predicate. A count is such a bound after the noun of what it measures and
    before 的 (吞吐量超千万人次的机场, 常住人口超过1000万人的城市), not after a verb (惠及超
    100万人的政策) nor before the things counted (选派超千名科技特派员)."""
    if kind in _SHARES or _is_share(quantity) or not text.endswith(_BOUND_BEFORE, 0, quantity.start):
        return False
    linked = text.startswith("的", quantity.end)
    if kind in COUNTED_KINDS and not (linked and _measure_named_before_bound(text, quantity.start)):
        return False
    thing = read_after(text, quantity.end + linked, clause_end)
    if thing is None or counted_noun(thing) in abstract_nouns():
        return False  # 经济总量超过60万亿元的高基数: the amount is described, no kind bounded
    if tag_words(thing).tags[0] == "vn":
        return False  # 完成超5000亿元投资: the amount of the activity itself
    # 超10亿元补贴直达消费者: the amount of the thing that did something
    return linked or not _predicate_follows(text, quantity.end)


def _measure_named_before_bound(text: str, start: int) -> bool:
    """True when the word before the bound (超, 超过, 过) ending at ``start`` is a common
    noun (吞吐量, 常住人口), not a name the segmenter guessed (惠及 read as a place)."""
    bound = next(b for b in sorted(_BOUND_BEFORE, key=len, reverse=True) if text.endswith(b, 0, start))
    before = start - len(bound)
    tokens = tag_words(text[max(0, before - _OWNER_LONGEST) : before])
    return bool(tokens.tags) and tokens.tags[-1] in _MEASURE_NOUN_TAGS


def _illustrates(text: str, quantity: Quantity, sentence: tuple[int, int]) -> bool:
    """True for a figure in a sentence (or a part of it after ；) about a generic subject
    (有的…, 有些…): it illustrates a kind of conduct, it measures nothing."""
    floor = max(sentence[0], quantity.start - _GENERIC_LOOKBACK)
    start = max(floor, max(text.rfind(mark, floor, quantity.start) for mark in _PART_ENDS) + 1)
    if start == floor and floor > sentence[0]:
        return False  # the part is longer than a generic subject's reach
    while start < quantity.start and text[start] in " \u3000":
        start += 1
    return text.startswith(_GENERIC_SUBJECTS, start)


def _ordinal(text: str, quantity: Quantity) -> bool:
    """True for an ordinal written as a count: 二 before a measure word, or the number of a
    session of a body (see ``_SESSION_BEFORE``)."""
    unit = quantity.unit
    if unit is None or unit.kind not in COUNTED_KINDS:
        return False
    numeral = quantity.raw[: len(quantity.raw) - len(unit.text)]
    if numeral == _SECOND:
        return True
    return (
        unit.text == "次"
        and _CHINESE_COUNT.search(numeral) is not None
        and _SESSION_AFTER.match(text, quantity.end) is not None
        and _SESSION_BEFORE.search(text, max(0, quantity.start - _SESSION_LOOKBACK), quantity.start) is not None
    )


def _counts_a_stance(text: str, quantity: Quantity, clause_end: int) -> bool:
    """True for 个 in Chinese numerals counting a verb, an adjective or an adverb (see
    ``_STANCE_TAGS``): 四个自信, 两个维护."""
    unit = quantity.unit
    if unit is None or unit.text != "个" or _CHINESE_COUNT.search(quantity.raw[: -len(unit.text)]) is None:
        return False
    tokens = tag_words(text[quantity.end : min(clause_end, quantity.end + _STANCE_WINDOW)])
    if not tokens.tags or tokens.tags[0] not in _STANCE_TAGS:
        return False
    # a noun after the word makes it a modifier of a thing (三个老旧小区)
    for word, tag in zip(tokens.texts[1:], tokens.tags[1:]):
        if word in _STANCE_ENDS or not is_han(word[0]):
            break
        if tag.startswith("n"):
            return False
    return True


def _noun_after(text: str, start: int, end: int) -> bool:
    """True when a noun is written at ``start`` (政策, 整省试点), not a verb (缩短到)."""
    thing = read_after(text, start, end)
    if thing is None:
        return False
    tags = tag_words(thing).tags
    return bool(tags) and tags[0].startswith(("n", "j"))


def _points_back(text: str, start: int) -> bool:
    """True for a count right after 以上 opening its clause (以上十四条: the items above)."""
    opens = start - len(_ABOVE)
    return text.endswith(_ABOVE, 0, start) and (opens <= 0 or text[opens - 1] in _CLAUSE_MARKS or text[opens - 1].isspace())
