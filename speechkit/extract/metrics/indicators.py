"""The indicator of a number: the noun phrase it measures, read from its clause.

A metric's clause is read from the number leftwards: change words (增长, 下降到),
qualifiers (约, 超过), fillers (为, 实际上只有) and comparison bases (比上年, 高于全市
平均水平) are stripped from its end, then the phrase starts after the last verb,
subject, time expression or punctuation mark (园区实现|规上工业总产值); a change verb that
opens it is the change (再减少|农村贫困人口*万人), and the adverbs of the predicate over a
list (分别) are no part of it. A known indicator of the bundled table
(``speechkit/data/indicators.tsv``) is never cut inside, so 城镇新增就业 stays whole. Counted things may follow the number instead (签约引进*个项目
→ 项目). Only a bounded window before and after each number is read, so the work per
number is constant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...chars import HAN, has_han, is_han
from ...resource_files import read_table
from ...resources import data_path
from ..matcher import PhraseMatcher
from .words import tag_words

WINDOW = 40
AFTER_WINDOW = 14

UP = (
    "增长", "递增", "增加", "提高", "提升", "上涨", "上升", "上调", "扩大", "增至", "净增", "翻番", "增", "涨",
    "跃升", "攀升", "回升",
)  # fmt: skip
DOWN = ("下降", "递减", "降低", "减少", "回落", "下调", "缩小", "缩减", "压减", "压缩", "减轻", "下滑", "降至", "减至", "降", "减")
COMPARATIVES = {"高于": "up", "高出": "up", "快于": "up", "超出": "up", "好于": "up", "低于": "down", "慢于": "down"}
QUALIFIERS = (
    "约", "近", "超", "超过", "逾", "接近", "将近", "不到", "不足", "至少", "突破", "多达", "高达",
    "最高", "最多", "不少于", "不低于", "不超过", "力争",
)  # fmt: skip
QUALIFIERS_AFTER = ("及以上", "及以下", "以上", "以下", "以内", "左右", "上下", "有余", "之多")
_FILLERS = (
    "为", "是", "了", "到", "至", "在", "有", "共", "共计", "合计", "总计", "累计", "平均", "人均", "每", "达", "达到",
    "每人每年", "每人每月", "每年", "每月", "每人", "每天",
    "已", "已经", "全部", "再", "又", "还", "就", "将", "可", "可以", "预计", "控制在", "保持在", "稳定在",
    "按", "由", "从", "的", "占", "完成", "实现", "获", "获得", "争取", "新增", "分别", "实际", "实际上", "没有",
    "未", "首次", "再次", "一举", "成功", "顺利", "超额",
    "只有", "仅有", "仅", "才", "确保", "拟", "要", "等", "计", "其中", "同比", "环比", "年均",
    "一直", "始终",
    # 优良率保持100%, 粮食产量继续保持500亿斤: the predicate's adverbs and verb of state,
    # not the name (均 stays: the targets ledger reads 预期增长均为 as the name of a shared growth)
    "都", "保持", "继续", "持续",
    # 广义货币M2预期增长12%: 预期 before the change marks a target (as 拟 a plan), no name
    "预期",
)  # fmt: skip
# A verb of spending or issuing right before the number, after an adverb (拟安排, 先发行):
# the indicator is named before it (中央预算内投资拟安排7000亿元).
_ADVERBS = ("拟", "计划", "将", "再", "共", "累计", "已", "先", "要", "还", "又", "预计", "一次性")
_SPENDING = ("安排", "发行", "投入", "下达", "拨付", "筹集", "发放", "兑现", "争取")
# Change words that are also the start of an indicator's name (新增就业 is kept whole
# by the table): an increment, read as a change when it stands before the number.
INCREMENTS = ("新增",)
# Words after which an indicator starts: verbs that take it as object, subjects,
# connectives.
_BOUNDARIES = (
    "实现", "完成", "达到", "获得", "争取", "引进", "新增", "拥有", "共有", "现有", "组织", "开展", "推进",
    "建成", "新建", "改造", "实施", "安排", "发行", "增发", "投入", "落实", "申报", "储备", "培养", "转正",
    "召开", "研究", "部署", "举办", "带动", "吸引", "解决", "惠及", "帮助", "提出", "制定", "出台", "设立",
    "认定", "培育", "签订", "办理", "受理", "走访", "排查", "整改", "发放", "减免", "包含", "包括", "涉及",
    "用于", "支持", "我们", "我区", "我市", "我省", "我县", "我国", "全区", "全市", "全省", "全县", "全国",
    "全园", "其中", "同时", "此外", "另外", "以及", "通过", "根据", "按照", "面对", "围绕", "聚焦", "累计",
    "共计", "合计", "总计", "谋划", "策划", "创建", "争创", "确定",
)  # fmt: skip
_LEADING = (
    "其中", "同时", "此外", "另外", "以及", "并", "而", "但", "且", "还", "又", "再", "也", "已", "已经", "共",
    "累计", "全部", "分别", "都", "均", "要", "拟", "将", "可", "在", "对", "把", "从", "向", "和", "及", "与",
    "了", "获", "有", "园区", "我们", "全年", "今年", "年内", "同比", "是", "为", "即", "目前", "初步", "当前",
    "一批", "一些", "现在", "时期",
)  # fmt: skip
# A single-character leading word is kept when it starts one of these words.
_KEEP_BIGRAMS = frozenset(
    "有色 有机 有效 有线 共享 共建 共同 在建 在校 在线 在岗 在册 在途 再生 将来 对外 对口 向外 和谐 及时 均衡 "
    "都市 要素 已婚 全部 为民 可再 可支 可用 可再生 从业 并购 并网 还款 还贷 获批 即期".split()
)
_WHOLE_WORDS = ("人才", "英才", "拥有量", "保有量", "覆盖率", "达标率", "完成额", "实现率")
# Generic measures that name an aspect of the indicator carried over (增速 → X增速).
GENERIC = frozenset({"增速", "增幅", "增量", "总量", "规模", "比重", "占比", "完成率", "增长率", "降幅", "涨幅", "总额"})

# A measure of one thing against another reaches back over its 的 to both (社会物流总费用
# 与国内生产总值的比率, 经常项目顺差占国内生产总值的比重).
_RELATIONAL = GENERIC | {"比率", "比例", "比值"}
_RELATING = ("占", "与", "同")

_BRACKETS = {"）": "（", ")": "("}
# Inside a note in brackets these would end the clause: such a bracket is no note.
_CLAUSE_MARKS = frozenset("，,。；;！？!?")
_OPEN_QUOTES = "“‘「『"
_CLOSE_QUOTES = "”’」』"
# 套（间）, 乡镇（街道）, 县（市、区）: a gloss in brackets naming the alternative kinds (a
# word or two each) of the measure or noun before it belongs to that measure or noun.
_GLOSS_WORD = rf"(?:(?![一二三四五六七八九十])[{HAN}]){{1,2}}"
_GLOSS = re.compile(rf"（{_GLOSS_WORD}(?:、{_GLOSS_WORD})*）")
# An indicator written in Latin letters: GDP, CPI, PM2.5, R&D.
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9.&]*[A-Za-z0-9]")
_PUNCT = frozenset("，,。；;：:！!？?、（）()《》“”‘’「」『』【】〔〕—…·/\\|\"'- \t\u3000\n")
PERIOD = re.compile(
    r"(?<![比较])(?:(?P<year>(?:1[89]|20)[0-9]{2}|[〇○零一二三四五六七八九]{4})年(?:度|底|末|初|上半年|下半年|前三季度|第?[一二三四]季度)?"
    r"|(?:今年|去年|上年|当年|本年)(?:末|底|初)?|全年|明年|年内|一年来|过去一年|这一年|上半年|下半年|前三季度"
    r"|(?:[一二三四五六七八九十]|[0-9]{1,2})年(?:来|以来|累计|间|中|里|(?=年均|平均|累计))"
    r"|(?:过去|未来|今后|近|这|今明|前|后|以来的)的?(?:[一二三四五六七八九十]|[0-9]{1,2})年"
    r"|“?十[一二三四五六七八九]五”?(?:时期|期间))"
)
# 经营主体连续4年每年新增…: a streak before the number is a time, never the indicator.
_STREAK = re.compile(r"连续(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:年|个月|次|届|个季度)")
_STREAK_LONGEST = 8
_COMPARISON = re.compile(
    r"(?:同比|环比|(?:比|较)(?:上年同期|上年|去年同期|去年|前年|年初|上一年|同期|(?:1[89]|20)[0-9]{2}年|全[国省市区县园])"
    r"|高于|低于|快于|慢于|高出|超出|好于"
    # how the figure is computed: 按可比价计算, 按可比口径
    r"|按[^，,。；;]{0,6}?(?:口径|可比价|价格)(?:计算)?)"
)
_TARGET_CUES = re.compile(r"要实现|要达到|力争|确保|拟|计划实现|目标是|目标为|预期目标")
_ACTUAL_CUES = re.compile(r"实际|只有|仅有|仅为|仅")
# Words that let a number without an indicator of its own take the previous one.
_CARRY_CUES = re.compile(r"其中|分别|完成|实现|实际|只有|仅|力争|确保|达|增至|是|新增")
_AFTER_STOP_START = frozenset("的以和与及或比较是为在占其分共合已用之内后前来间次时至到即等就都均也还又再左上下多余")
# Words after a number that name no counted thing (突破10亿元大关).
_NOT_THINGS = ("大关", "台阶", "关口", "水平", "目标", "规模")
_AFTER_STOPS = (
    "列入", "参加", "受益", "支持", "用于", "开工", "建成", "投产", "完成", "实现", "获得", "达到",
    "通过", "纳入", "入驻", "签约", "开展", "参与", "享受", "提供", "覆盖", "正在", "得到", "进入", "加入",
    "荣获", "入选", "获批", "占", "获评", "已", "被", "的", "累计", "共", "合计", "分别", "同比", "比上年", "较上年",
    "实施", "全部", "均", "都", "拆迁", "搬迁", "关停", "落地", "落户",
    "比去年", "较去年", "和", "与", "及", "或", *UP, *DOWN,
)  # fmt: skip


def _by_length(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


_CHANGE_WORDS = {w + s: d for d, words in (("up", UP), ("down", DOWN)) for w in words for s in ("", "了", "到", "至", "为")}
_CHANGE_WORDS.update({w: "up" for w in INCREMENTS})
# Change verbs of two characters or more that may open a phrase as its verb (减少农村贫困人口);
# a one-character 增 or 降 opens names (增量, 降幅).
# 提升 before a thing is an upgrade of so much of it (提升农村公路2500公里), not a change of a level.
_OPENING_CHANGES = frozenset(w for w in (*UP, *DOWN) if len(w) > 1) - {"提升"}
# Adverbs that spread one predicate over the members of a list (分别, 都); 均 stays, as in
# _FILLERS (the targets ledger reads …预期增长均 as a figure shared by two indicators).
_DISTRIBUTIVES = ("分别", "都")


def _alternation(words, reverse: bool = False) -> re.Pattern:
    """A regex matching any of ``words``, longest first (written backwards with ``reverse``)."""
    return re.compile("|".join(re.escape(w[::-1] if reverse else w) for w in _by_length(words)))


# The tail is matched on the reversed window, so that the word ending at a position
# is found by one anchored match.
_TAIL_REVERSED = _alternation(
    [*_CHANGE_WORDS, *QUALIFIERS, *_FILLERS, *(a + v for a in _ADVERBS for v in _SPENDING)], reverse=True
)
_BOUNDARY = _alternation(_BOUNDARIES)
_BOUNDARIES_BY_LENGTH = _by_length(_BOUNDARIES)
# The longest stop word written at a place: alternatives are tried longest first.
_AFTER_STOP = _alternation(_AFTER_STOPS)
_MEASURES_BY_LENGTH = _by_length(GENERIC)
# A phrase this short is a bare head word (投资, 中心), no indicator on its own.
BARE_HEAD = 2
_LEADING_WORDS = _by_length(_LEADING)
_QUALIFIER_SET = frozenset(QUALIFIERS)


@dataclass(frozen=True, slots=True)
class Before:
    """What the clause before a number says about it."""

    indicator: str | None
    change: str | None
    direction: str | None
    qualifier: str | None
    carry: bool
    target: bool
    actual: bool


class IndicatorTable:
    """Known indicators: canonical names and their other spellings.

    Parameters
    ----------
    entries : iterable of (canonical, aliases)
    """

    def __init__(self, entries):
        self.canonical: dict[str, str] = {}
        for canonical, aliases in entries:
            for name in (canonical, *aliases):
                self.canonical.setdefault(name, canonical)
        # Generic measures and a few words ending in a filler are kept whole too:
        # 完成率 is not 完成 + 率, 人才 is not 人 + 才.
        self.matcher = PhraseMatcher([*self.canonical, *GENERIC, *_WHOLE_WORDS])

    def normalise(self, name: str) -> str:
        """The canonical name of an indicator spelling (the spelling itself if unknown)."""
        return self.canonical.get(name, name)


def read_indicators(path: str | Path) -> IndicatorTable:
    """Read an indicator table: ``canonical<TAB>alias|alias`` per line after a header."""
    entries = []
    for _, (canonical, aliases) in read_table(path, ["canonical", "aliases"], what="indicator table"):
        entries.append((canonical, tuple(a.strip() for a in aliases.split("|") if a.strip())))
    return IndicatorTable(entries)


@lru_cache(maxsize=1)
def default_indicators() -> IndicatorTable:
    """The bundled indicator table, read once per process."""
    return read_indicators(data_path("indicators.tsv"))


def read_before(text: str, start: int, end: int, table: IndicatorTable, object_after: bool = False) -> Before:
    """Read the clause window ``text[start:end]`` that ends where a number begins.

    ``object_after`` tells that a counted thing follows the number (安排*亿元专项资金):
    a verb right before the number then takes that thing as its object; without one,
    a verb-like word ending the phrase is its head noun (研发投入, 棚户区改造).
    """
    protected = bytearray(end - start)
    for s, e in table.matcher.spans(text, start, end):
        protected[s - start : e - start] = b"\x01" * (e - s)
    window = text[start:end]
    backwards = window[::-1]
    target = _TARGET_CUES.search(window) is not None
    actual = _ACTUAL_CUES.search(window) is not None
    change = direction = qualifier = None
    carry = False
    stop = len(window)
    for _ in range(2):  # strip, cut the comparison base, strip again
        stop, found = _strip_tail(window, backwards, stop, protected)
        for word in found:
            if word in _CHANGE_WORDS and change is None:
                change, direction = word, _CHANGE_WORDS[word]
            elif word in _QUALIFIER_SET and qualifier is None:
                qualifier = word
            carry = carry or word in _CHANGE_WORDS
        comparison = _last_comparison(window, stop)
        if comparison is None:
            break
        if change is None and comparison.group() in COMPARATIVES:
            change, direction = comparison.group(), COMPARATIVES[comparison.group()]
        carry = True
        stop = comparison.start()
    begin = _phrase_start(window, stop, protected, object_after)
    if window.startswith(INCREMENTS, max(0, begin - 2)) and change is None:
        change, direction = window[begin - 2 : begin], "up"  # 新增城市污水日处理能力*万吨
    begin = _over_verb_cut(window, begin, stop, protected)
    begin = _strip_leading(window, begin, stop, protected)
    while begin < stop and window[begin] == "、":
        begin += 1  # 新建、改扩建中小学: the boundary verb was the first member of a list
    phrase = _without_distributives(_unquoted(_without_trailing_note(window[begin:stop])))
    carry = carry or _CARRY_CUES.search(window) is not None
    if change is None and not object_after:
        # (with a counted thing after the number the phrase modifies it: 提高…标准等10项民生政策)
        opening_change, rest = _opening_change(phrase)
        if opening_change is not None:
            # 再减少农村贫困人口1000万人: the verb before the noun says how the figure changes it
            change, direction, phrase, carry = opening_change, _CHANGE_WORDS[opening_change], rest, True
    if len(phrase) < 2 or not (has_han(phrase) or _LATIN_NAME.fullmatch(phrase)):
        phrase = None
    return Before(phrase, change, direction, qualifier, carry, target, actual)


def _without_distributives(phrase: str) -> str:
    """A phrase without the adverbs that spread its predicate over a list (民营企业、外资企业
    出口分别占全省: 分别 belongs to the predicate, not to the name), where the segmenter reads
    them as adverbs."""
    if not any(word in phrase for word in _DISTRIBUTIVES):
        return phrase
    tokens = tag_words(phrase)
    return "".join(w for w, t in zip(tokens.texts, tokens.tags) if not (w in _DISTRIBUTIVES and t == "d"))


def _opening_change(phrase: str) -> tuple[str | None, str]:
    """The change verb that opens a phrase as a verb of its own for the segmenter, after
    adverbs and the words of a plan or target only (力争|增加, 计划|降低), and takes the noun
    phrase after it as object (减少|农村贫困人口, 增加|深松土地), and that noun phrase;
    ``(None, phrase)`` otherwise (增加值 is one noun; 新增 is read as an increment)."""
    tokens = tag_words(phrase)
    for i, (word, tag) in enumerate(zip(tokens.texts, tokens.tags)):
        if tag == "v" and word in _OPENING_CHANGES:
            rest = phrase[tokens.starts[i] + len(word) :]
            nominal = any(t.startswith("n") for t in tokens.tags[i + 1 :])
            return (word, rest) if nominal and len(rest) > BARE_HEAD else (None, phrase)
        if not (tag == "d" or word in _ADVERBS or _TARGET_CUES.fullmatch(word)):
            break
    return None, phrase


def _without_trailing_note(phrase: str) -> str:
    """A phrase without the note in brackets that ends it (居民消费价格（CPI） → 居民消费价格)."""
    if phrase and phrase[-1] in _BRACKETS:
        opening = phrase.rfind(_BRACKETS[phrase[-1]])
        if opening > 0:
            return phrase[:opening]
    return phrase


def _unquoted(phrase: str) -> str:
    """A phrase that is one quoted name (“粤车南下”) without its quotes."""
    if len(phrase) > 2 and phrase[0] in _OPEN_QUOTES and phrase[-1] in _CLOSE_QUOTES and phrase.count(phrase[0]) == 1:
        return phrase[1:-1]
    return phrase


def gloss_end(text: str, pos: int) -> int:
    """Where a gloss in brackets written at ``pos`` ends (套（间）: the alternative measure),
    or ``pos`` when none is written there."""
    gloss = _GLOSS.match(text, pos)
    return gloss.end() if gloss is not None else pos


def read_after(text: str, start: int, end: int, action: bool = False) -> str | None:
    """The counted thing written right after a number and its unit (*个项目 → 项目).

    With ``action`` the counted thing may be what was done (两次降低存款准备金率). A stop
    word of one character (降, 增) stops the thing only where the segmenter reads it as a
    word: 23次强降水 counts 强降水.
    """
    clause_end, end = end, min(end, start + AFTER_WINDOW)
    if start >= end or not (is_han(text[start]) or text[start] in _OPEN_QUOTES):
        return None
    if text[start] in _AFTER_STOP_START and text[start : start + 2] not in _KEEP_BIGRAMS:  # 在建项目 is a thing
        return None
    words = _WordStarts(text, start, end)
    not_thing = next((word for word in _NOT_THINGS if text.startswith(word, start)), None)
    if not_thing is not None and words.is_word_start(start + len(not_thing)):
        return None  # 突破10亿元大关; 规模以上工业企业 is one word of the segmenter, a thing
    if not action and text[start] != "被" and _stops_at(text, start, words):
        return None
    stop = start
    while stop < end and (is_han(text[stop]) or text[stop] in _OPEN_QUOTES or text[stop] in _CLOSE_QUOTES):
        if stop > start and _stops_at(text, stop, words):
            break
        stop += 1
        glossed = gloss_end(text, stop) if stop < end else stop
        if stop < glossed <= clause_end:
            # 乡镇（街道）应急消防管理站: the gloss is part of the noun, and takes no room of it;
            # a verb after it (离岸科创园（中心）|投入运营) ends the noun
            end, stop = min(clause_end, end + glossed - stop), glossed
            if stop < end and tag_words(text[stop:end]).tags[0] == "v":
                break
    phrase = text[start:stop]
    if any(phrase.endswith(word) and len(phrase) - len(word) <= 1 for word in _NOT_THINGS):
        return None  # 迈上4万亿元新台阶: one character before (新, 大) makes it no thing either
    return phrase if has_han(phrase) else None


class _WordStarts:
    """The words of ``text[start:end]`` as the segmenter reads them, tokenized on first use."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self._lone: frozenset[int] | None = None
        self._starts: frozenset[int] = frozenset()

    def is_lone_character(self, pos: int) -> bool:
        """True when the character at ``pos`` is a word of its own."""
        self._tokenize()
        return pos in self._lone

    def is_word_start(self, pos: int) -> bool:
        """True when a word begins at ``pos`` (or the stretch ends there)."""
        self._tokenize()
        return pos >= self.end or pos in self._starts

    def _tokenize(self) -> None:
        if self._lone is None:
            tokens = tag_words(self.text[self.start : self.end], self.start)
            self._starts = frozenset(tokens.starts)
            self._lone = frozenset(s for s, t in zip(tokens.starts, tokens.texts) if len(t) == 1)


def _stops_at(text: str, pos: int, words: _WordStarts) -> bool:
    """True when a stop word of ``_AFTER_STOPS`` is written at ``pos`` (see ``read_after``)."""
    stop = _AFTER_STOP.match(text, pos)
    if stop is None:
        return False
    if len(stop.group()) == 1 and text.startswith(_MEASURES_BY_LENGTH, pos):
        return False  # 企业占比: a measure (占比, 增速) names what is counted, whatever the segmenter cuts
    return len(stop.group()) > 1 or words.is_lone_character(pos)


def _strip_tail(window: str, backwards: str, stop: int, protected: bytearray) -> tuple[int, list[str]]:
    """Strip change words, qualifiers and fillers from the end of ``window[:stop]``.

    ``backwards`` is ``window`` reversed.
    """
    found = []
    while stop > 0:
        if window[stop - 1] in _PUNCT and window[stop - 1] not in "”）)》":
            stop -= 1
            continue
        period = _period_ending_at(window, stop)
        if period is None:
            period = _streak_ending_at(window, stop)
        if period is not None:
            stop = period
            continue
        match = None if protected[stop - 1] else _TAIL_REVERSED.match(backwards, len(window) - stop)
        if match is None:
            break
        found.append(match.group()[::-1])
        stop -= len(match.group())
    return stop, found


def _period_ending_at(window: str, stop: int) -> int | None:
    # A little past ``stop``, so that a lookahead (三年|年均) can see what follows.
    for match in PERIOD.finditer(window, max(0, stop - 12), min(len(window), stop + 3)):
        if match.end() == stop:
            return match.start()
    return None


def _streak_ending_at(window: str, stop: int) -> int | None:
    """Where a streak (连续12年, 连续3次) ending at ``stop`` begins: it says how long, not what."""
    match = _STREAK.search(window, max(0, stop - _STREAK_LONGEST), stop)
    return match.start() if match is not None and match.end() == stop else None


def _last_comparison(window: str, stop: int):
    last = None
    for match in _COMPARISON.finditer(window, 0, stop):
        last = match
    return last


def _phrase_start(window: str, stop: int, protected: bytearray, object_after: bool = False) -> int:
    """Where the indicator begins: after the last boundary before ``stop``.

    A quoted name inside the phrase is part of it (支持“自审自发”项目), and so is a
    list joined by 、 (参加养老、失业、工伤保险*万人次: the number counts them all); a
    relational measure after 的 reaches back over its 占…的 or 与…的 (经常项目顺差占国内生产总值的比重,
    社会物流总费用与国内生产总值的比率).
    """
    begin = 0
    i = stop - 1
    while i >= 0:
        ch = window[i]
        if protected[i]:
            i -= 1
            continue
        if ch in _CLOSE_QUOTES:
            opening = max(window.rfind(q, 0, i) for q in _OPEN_QUOTES)
            if opening >= 0:
                i = opening - 1
                continue
        if ch in _BRACKETS:
            opening = window.rfind(_BRACKETS[ch], 0, i)
            if opening > 0 and not any(c in _CLAUSE_MARKS for c in window[opening:i]):
                i = opening - 1  # 中欧班列（成渝）累计开行: a note inside the name
                continue
        if ch == "的" and window[i + 1 : stop] in _RELATIONAL and any(w in window[:i] for w in _RELATING):
            i -= 1
            continue
        if ch == "、" and 0 < i < stop - 1 and (is_han(window[i - 1]) or window[i - 1] in _CLOSE_QUOTES):
            i -= 1
            continue
        if ch in _PUNCT or ch == "的":
            begin = i + 1
            break
        word = _BOUNDARY.match(window, i, stop)
        if word is not None and i > 0 and window[i - 1] == "占":
            word = None  # 占全省比重: the place is the object of 占, inside the indicator
        if word is not None and word.end() < stop and word.end() not in _word_starts(window):
            word = None  # 建成区绿地率: a boundary inside a longer word of the segmenter cuts nothing
        if word is not None and not (word.end() == stop and not object_after and i > 0):
            begin = word.end()
            break
        i -= 1
    for match in PERIOD.finditer(window, begin, stop):
        begin = max(begin, match.end())
    return begin


@lru_cache(maxsize=4096)
def _word_starts(window: str) -> frozenset[int]:
    """The offsets in ``window`` where the segmenter starts a word."""
    return frozenset(tag_words(window).starts)


def _over_verb_cut(window: str, begin: int, stop: int, protected: bytearray) -> int:
    """Where a phrase of two characters cut from its noun by a verb begins once the noun
    and the verb are kept (重大项目完成|投资 → 重大项目完成投资, 省级工程研究|中心 →
    省级工程研究中心): a bare head names no indicator. The boundary must be a verb or a
    verbal noun for the segmenter; a subject (我们, 全市) still cuts."""
    if stop - begin > BARE_HEAD or begin == 0:
        return begin
    word = next((w for w in _BOUNDARIES_BY_LENGTH if window.endswith(w, 0, begin)), None)
    if word is None or not _is_verb(word):
        return begin
    start = begin - len(word)
    earlier = _phrase_start(window, start, protected)
    return earlier if earlier < start else begin


@lru_cache(maxsize=None)
def _is_verb(word: str) -> bool:
    tokens = tag_words(word)
    return len(tokens.texts) == 1 and tokens.tags[0].startswith("v")


def _by_first_character(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their first character, each group in the order of ``words``."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word)
    return {first: tuple(group) for first, group in groups.items()}


# A position is tried only against the leading words that open with its character.
_LEADING_BY_FIRST = _by_first_character(_LEADING_WORDS)


def _strip_leading(window: str, begin: int, stop: int, protected: bytearray) -> int:
    while begin < stop and not protected[begin]:
        for word in _LEADING_BY_FIRST.get(window[begin], ()):
            if not window.startswith(word, begin) or begin + len(word) > stop:
                continue
            if len(word) == 1 and (window[begin : begin + 2] in _KEEP_BIGRAMS or stop - begin <= 2):
                continue
            if len(word) == 1 and len(tag_words(window[begin:stop]).texts[0]) > 1:
                continue  # 和美乡村覆盖率: the character opens a longer word of the segmenter
            begin += len(word)
            break
        else:
            break
    return begin


