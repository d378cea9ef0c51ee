"""Metrics: every quantity of a speech with its indicator, unit, change, period and role.

``extract_metrics`` finds the quantities (:mod:`.quantities`), reads the indicator
from the clause (:mod:`.indicators`) or, for a count followed by its noun and
predicate, from the clause's structure (:mod:`.structure`: 4个园区入围百强 → 入围百强的
园区), completes a bare head (two characters, or a verb alone) from the clause's
structure (党中央召开七次全会 → 党中央召开全会, …累计开行超过3万列 → 中欧班列累计开行,
开工390个、竣工437个 → …竣工, 粮食生产再获丰收，总产… → 粮食总产), names the class
after a list of examples (甲、乙等丙 → 丙), carries an indicator over to a number that has
none of its own when the clause says so (…总额*亿元，增长* → the growth of 总额; 占全国*%
→ a share of what the figure before measured), else takes the subject of the clause
before (…标准逐年提高，平均达到2000元), gives each member of a list its own name (分别,
or one name naming as many things as there are numbers), takes
the period from the sentence (2022年, 全年, 一年来) and links a target to the actual
figure that answers it (要实现规上工业总产值*亿元，但实际上只有约*亿元). Money without a
name of its own is named by its purpose (筹措7亿元实施就业惠民工程) or by the project it
modifies (投资4500万元的…道路工程); the members of a list share what the list says once
(…等落后产能, 太阳能电池、工业机器人产量, 生产安全事故起数、死亡人数).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...chars import HAN, is_han
from ...extractors import Extractor
from ...model import Metric
from ...numerals import parse_chinese
from ..abstract_nouns import abstract_nouns_of
from ...text import SentenceIndex
from ..scan import finditer
from .dimensions import MONEY_KINDS, RATIO_KINDS, head_kinds, measure_head, suits
from .indicators import (
    BARE_HEAD, COMPARATIVES, GENERIC, INCREMENTS, PERIOD, QUALIFIERS_AFTER, WINDOW, IndicatorTable, default_indicators, gloss_end,
    read_after, read_before,
)
from .beneficiaries import benefit_named
from .funds import fund_named_after
from .placeholders import extract_placeholders
from .relatives import named_by_relative_clause
from .quantities import Quantity, find_quantities
from .roles import not_a_metric
from .structure import (
    after_first_verb, clause_subject, coordinated_parts, distinguishing_word, ends_with_verb, first_word, is_lone_verb,
    is_nominal, is_noun_phrase, is_verbal, leading_adverbs, leading_words, measure_tail, named_class, names_an_action, names_nothing,
    noun_part, only_modifiers, opening_subject, opening_verb, read_event, strip_between, verb_at_start, verb_before,
    event_of_phrase, opens_clause,
)
from .topics import topic_before
from .units import COUNTED_KINDS, UnitTable, default_units
from .words import tag_words

if TYPE_CHECKING:
    from ...speech import Speech
    from ..slogans.lexicon import Lexicon

_CLAUSE_ENDS = re.compile(r"[，,；;：:。！？!?\n]")
_SENTENCE_ENDS = re.compile(r"[。！？!?\n]")
# A sentence that announces targets: 主要预期目标是：…
_TARGET_SCOPE = re.compile(r"(?:预期目标|主要目标|目标任务)\s*(?:是|为)?\s*[：:]|目标\s*(?:是|为)")
_TARGET_AFTER = ("的目标", "的预期目标", "的年度目标", "目标")
_JOINERS = frozenset("和、与及或－-—～~至到，, ∶:")
# Characters of context kept on each side of a metric: a sentence without
# punctuation must not be copied whole into each of its metrics.
CONTEXT = 80
# How many earlier metrics an actual figure looks back through for its target.
_PAIR_LOOKBACK = 20
# Units whose number counts things that may be named after it (*个项目).
_COUNTED = COUNTED_KINDS
# Unit kinds of people (a head of the dimension inventory stated so: 人口, 人员).
_PEOPLE_KINDS = frozenset({"people"})
# Units that count things (projects, enterprises), not people or occurrences.
_THINGS = frozenset({"count", "organisations"})
# 分别: the members of a list of numbers, joined by these, share the cue.
_MEMBER_JOINERS = frozenset("、和与及 ")
# What may end a member's figure before the joiner: a time or other base (元/月) and a
# qualifier (以上, 左右).
_FIGURE_TAIL = re.compile(f"(?:[/／][{HAN}]{{1,2}})?(?:" + "|".join(QUALIFIERS_AFTER) + ")?")
# The longest noun of a list member that shares the predicate after the list.
_MEMBER_NOUN = 12
# Characters that end the name of a measure (零售额, 总花费, 起数): a list member ending so
# has a measure of its own.
_MEASURE_ENDINGS = tuple("额费量数率值价款")
# 城乡X分别…: the collective 城乡 names the urban and the rural X.
_URBAN_RURAL = ("城乡", ("城镇", "农村"))
# Other compounds of two coordinate words that a 分别 pair spreads over (一般公共预算收支,
# 本外币存贷款余额, 进出口): each number is of one of the words.
_COORDINATE_COMPOUNDS = (("收支", ("收入", "支出")), ("存贷款", ("存款", "贷款")), ("进出口", ("进口", "出口")))
# The longest measure a 分别 member lacking one takes from the last member (治理率, 限上零售额).
_MEASURE_TAIL = 5
# A list member this short is a modifier that shares the head of the last member
# (城镇和农村人均住房面积 → 城镇人均住房面积).
_MODIFIER_LENGTH = 2
# A place alone before a number names where the indicator of the sentence is measured:
# 增长5.1%（全省增长4.6%） compares with the province.
_PLACE = re.compile(r"全(?:国|省|市|区|县|州|盟|旗|自治区)")
_CLAUSE_PUNCT = frozenset("，,；;：:。！？!?、\n")
# Marks that may open a clause before its first word.
_OPENING_MARKS = " \u3000\n“‘（("
# The comma that joins the clauses of one sentence about one subject.
_CLAUSE_JOINER = "，"
# Marks that open the clause of a count read as an event (a list member's 、 is not one:
# the list's verb takes its members).
_EVENT_CLAUSE_MARKS = "".join(sorted(_CLAUSE_PUNCT - {"、"}))
# The longest stretch between a figure and the verb of the next list member (、实施再开发).
_MEMBER_GAP = 4
_OPENING_QUOTES = "“‘「『"
_CLOSING_QUOTES = "”’」』"
# 甲、乙等丙: the examples of a class end with this particle.
_EXAMPLES_END = "等"
# …亿元(资金)用于援企稳岗: verbs after an amount of money that say what it is for; the
# longest purpose read as its name.
_FUNDS = "资金"
_PURPOSE_VERBS = ("用于", "实施", "支持", "投向")
_PURPOSE_LONGEST = 16
# 投资1.2亿元完成了…改造: verbs of spending that name what an amount invested paid for.
_SPENDING_VERBS = ("完成", "建设")
# Shares named by what they are of, written before 的 (财政用于民生的比例).
_SHARE_MEASURES = frozenset({"比例", "比重", "占比", "比率"})
_PERFECTIVE = "了"
# Conjunctions that join two actions before the things they produced (新建和改造).
_ACTION_JOINERS = frozenset({"和", "及", "与"})
_VERB_TAGS = frozenset({"v", "vn"})
# The verb whose object is a piece of work (完成…公里的…改造, 完成…户的…任务).
_COMPLETING = "完成"
# Cilin classes of the abstract-noun inventory that name work and tasks (工作; 任务, 职责).
_WORK_CLASSES = ("Di19A01", "Di22A03")
# Tags of words that a predicate or a circumstance holds (adverbs, prepositions, locatives:
# …的情况下增长), not the name of a piece of work.
_PREDICATE_ONLY_TAGS = frozenset({"d", "ad", "p", "f"})
# 年均增速: an averaged generic measure is still of the indicator carried over.
_AVERAGED = ("年均", "平均")
# 占世界60%: a share of what the figure before measured.
_SHARE_OF = "占"
# Marks of a list: a subject or a modifier holding one is not completed with.
_LIST_MARKS = "、和与及"
# Verbs whose object is the action itself (开展8轮巡视: what was done is 巡视).
_LIGHT_VERBS = frozenset({"开展", "进行", "实施", "组织", "加以", "给予", "予以", "作出", "做出"})
# Verbs that say a count was reached or held, not what was done (完成309万亩造林 counts 造林).
_REACHING_VERBS = frozenset({"完成", "实现", "达到", "获得", "拥有", "累计", "共有", "现有"})
# How far back a figure's paragraph is searched for the time expression that governs it,
# so that a text without line breaks stays linear.
LOOK_BACK = 2000
# How far back, and how near a line's start, a time expression that opens a paragraph is looked for.
OPENER_LOOK_BACK = 8000
_OPENER_WINDOW = 12
# Time expressions that say nothing about which year (全年 opens a review and a plan alike).
_NEUTRAL_PERIODS = frozenset({"全年", "年内", "这一年"})
# 从去年的2.1%提高到2.3%: 去年 dates the start of the range, not the figure after 到.
_RANGE_OPENERS = ("从", "由")
_RANGE_TO = re.compile(r"到|至|为")
# 今年拟安排财政赤字…, 赤字率拟按3%安排: a plan figure; 广义货币预期增长14%: a target.
_PLAN = "拟"
# 预期 right before a change or the number (人均预期寿命 is a name; 与预期目标还有差距 looks back).
_EXPECTED = re.compile(r"预期(?=增|涨|降|为|[0-9]|$)")
# A paragraph that ends so announces a list whose items (lines ending in ；) share its time:
# 今年经济社会发展的主要预期目标是：⏎国内生产总值增长7.5%；⏎…
_LIST_OPENERS = frozenset("：:；;")
# A change verb ending so gives the new level (提高到2.3%, 增至), not a difference.
_TO_LEVEL = ("到", "至", "为", "达")
# 比去年多100万人: a difference from a base.
_MORE_OR_LESS = re.compile(r"(?:比|较)[^，,。；;：:]{0,10}?(?:多|少)$")


@dataclass(frozen=True, slots=True)
class _Bounds:
    """Sorted offsets of clause and sentence ends, period expressions and target cues."""

    length: int
    clause_ends: list[int]
    sentence_ends: list[int]
    periods: list[Any]
    period_ends: list[int]
    target_cues: list[int]

    @classmethod
    def of(cls, text: str) -> "_Bounds":
        periods = list(finditer(PERIOD, text))
        return cls(
            len(text),
            [m.start() for m in _CLAUSE_ENDS.finditer(text)],
            [m.start() for m in _SENTENCE_ENDS.finditer(text)],
            periods,
            [m.end() for m in periods],
            [m.start() for m in finditer(_TARGET_SCOPE, text)],
        )

    def _around(self, ends: list[int], pos: int) -> tuple[int, int]:
        i = bisect_left(ends, pos)
        start = ends[i - 1] + 1 if i else 0
        return start, ends[i] if i < len(ends) else self.length

    def clause(self, pos: int) -> tuple[int, int]:
        """``[start, end)`` of the clause around ``pos`` (ends at ，；：。！？ or a newline)."""
        return self._around(self.clause_ends, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        """``[start, end)`` of the full sentence around ``pos`` (；does not end it)."""
        return self._around(self.sentence_ends, pos)

    def period_before(self, start: int, pos: int):
        """The last period expression inside ``[start, pos)``, or None."""
        i = bisect_right(self.period_ends, pos)
        if i and self.periods[i - 1].start() >= start:
            return self.periods[i - 1]
        return None

    def in_period(self, pos: int) -> bool:
        """True when ``pos`` lies inside a period expression (过去5年, 五年来)."""
        i = bisect_right(self.period_ends, pos)
        return i < len(self.periods) and self.periods[i].start() <= pos

    def _last_period(self, floor: int, pos: int, accepts):
        """The last time expression in ``[floor, pos)`` that ``accepts``, or None."""
        i = bisect_right(self.period_ends, pos)
        while i:
            i -= 1
            match = self.periods[i]
            if match.start() < floor:
                return None
            if match.group() not in _NEUTRAL_PERIODS and accepts(match):
                return match
        return None

    def governing_period(self, text: str, floor: int, pos: int):
        """The last time expression in ``[floor, pos)`` that dates a figure at ``pos``, or None.

        全年 and the like are passed over; so is the year opening a range (从去年的…)
        when the figure comes after the range's 到."""
        return self._last_period(floor, pos, lambda match: not (
            text.endswith(_RANGE_OPENERS, 0, match.start()) and _RANGE_TO.search(text, match.end(), pos)))

    def opening_period(self, text: str, floor: int, pos: int):
        """The last time expression in ``[floor, pos)`` that opens its paragraph (within
        ``_OPENER_WINDOW`` characters of the line's start: 一、“十四五”时期…, 各位代表，刚刚过去的2025年…)."""
        return self._last_period(floor, pos, lambda match: (
            match.start() - (text.rfind("\n", 0, match.start()) + 1) <= _OPENER_WINDOW))

    def before_targets(self, pos: int) -> bool:
        """True when ``pos`` comes before the first announcement of targets (or there is none)."""
        return not self.target_cues or pos < self.target_cues[0]

    def target_scope(self, start: int, pos: int) -> bool:
        """True when a target cue (预期目标是：…) opens inside ``[start, pos)``."""
        i = bisect_left(self.target_cues, start)
        return i < len(self.target_cues) and self.target_cues[i] < pos


def extract_metrics(
    speech: Speech, *, units: UnitTable | None = None, indicators: IndicatorTable | None = None, placeholders=None,
    lexicon: Lexicon | None = None,
) -> list[Metric]:
    """Every quantity of a speech as a Metric, in text order.

    Parameters
    ----------
    speech : Speech
    units : UnitTable, optional
        Units and counters (default: the bundled ``units.tsv``).
    indicators : IndicatorTable, optional
        Known indicators kept whole (default: the bundled ``indicators.tsv``).
    placeholders : list of Placeholder, optional
        The speech's placeholders when already extracted.
    lexicon : Lexicon, optional
        Known formulations, whose numerals (两个确立) are no metrics (default: the
        bundled lexicon).

    Returns
    -------
    list of Metric
        ``speech.text[m.start:m.end] == m.raw``; ``value`` is None for a redacted
        number; ``link`` is the ``start`` of the paired target or actual;
        ``sentence`` is the sentence around the number cut to ``CONTEXT`` characters
        on each side, so the output stays linear in the text.
    """
    text = speech.text
    units = units or default_units()
    table = indicators or default_indicators()
    if placeholders is None:
        placeholders = extract_placeholders(speech, units=units)
    quantities = find_quantities(text, units, placeholders, lexicon=lexicon)
    bounds = _Bounds.of(text)
    sentences = SentenceIndex(speech.sentences)
    metrics: list[Metric] = []
    consumed = 0  # end of what the previous quantity used (its unit, or the thing counted)
    # start, base indicator and whether it counted things, of the last metric
    previous: tuple[int, str | None, bool] | None = None
    for index, quantity in enumerate(quantities):
        if bounds.in_period(quantity.start):
            continue
        clause_start, clause_end = bounds.clause(quantity.start)
        if index + 1 < len(quantities):
            clause_end = min(clause_end, quantities[index + 1].start)
        sentence_start, _ = bounds.sentence(quantity.start)
        window_start = min(quantity.start, max(clause_start, consumed, quantity.start - WINDOW))
        carried = previous[1] if previous is not None and previous[0] >= sentence_start else None
        counted_before = carried is not None and previous[2]
        following = quantities[index + 1] if index + 1 < len(quantities) else None
        metric, used, base = _metric(
            text, quantity, window_start, clause_end, table, carried, consumed, sentence_start, counted_before=counted_before,
            following=following,
        )
        if not quantity.placeholder and not_a_metric(text, quantity, metric, clause_end, bounds.sentence(quantity.start)):
            continue
        sentence = sentences.at(quantity.start)
        period = bounds.period_before(sentence.start if sentence else quantity.start, quantity.start)
        if period is not None:
            metric.period = period.group()
            metric.year = _year(period.group("year"))
        metric.sentence = _context(text, sentence, quantity.start, quantity.end)
        if metric.role is None and bounds.target_scope(sentence_start, quantity.start):
            metric.role = "target"
        before = text[max(sentence_start, window_start - WINDOW) : quantity.start]
        if metric.role is None and _PLAN in before:
            metric.role = "plan"
        elif metric.role is None and _EXPECTED.search(before):
            metric.role = "target"
        governing = _governing_period(text, bounds, quantity.start)
        metric.refers = governing.group() if governing is not None else None
        metric.review = bounds.before_targets(quantity.start)
        metric.measure = _measure(text, metric, window_start)
        metrics.append(metric)
        consumed = used
        previous = (metric.start, base, quantity.unit is not None and quantity.unit.kind in _THINGS)
    _distribute_respectively(text, metrics, bounds)
    _distribute_shared_predicate(text, metrics)
    _distribute_shared_head(text, metrics)
    _distribute_measured_class(text, metrics)
    _distribute_increments(text, metrics)
    _distribute_opening_verb(text, metrics)
    _distribute_changes_over_levels(text, metrics, bounds)
    _link_targets(metrics, bounds)
    return metrics


def _metric(
    text, quantity: Quantity, window_start, clause_end, table, carried: str | None, consumed: int, sentence_start: int, *,
    counted_before: bool = False, following: Quantity | None = None,
):
    """The Metric of one quantity, the offset up to which it read, and its base indicator.

    ``carried`` is the base indicator of the previous metric of the sentence: the
    indicator a generic measure (增速, 完成率) belongs to; ``counted_before`` tells that
    that metric counted things; ``following`` is the next quantity of the text.
    """
    unit = quantity.unit
    trailing = next((q for q in QUALIFIERS_AFTER if text.startswith(q, quantity.end)), None)
    after_start = quantity.end + len(trailing or "")
    counted = unit is None or unit.kind in _COUNTED
    if counted and not trailing:
        after_start = gloss_end(text, after_start)  # 7万套（间）|保障性租赁住房
    after = read_after(text, after_start, clause_end, action=unit is not None and unit.kind == "times")
    if after is None and counted and _counts_the_same(following, after_start):
        # 12类45件民生实事: two counts of one thing in a row, the thing named after the second
        after = read_after(text, following.end, _clause_end(text, following.end))
    # 中央149.2亿元乡村振兴补助资金: a fund named right after the amount is what it measures
    fund = fund_named_after(text, after_start, clause_end) if unit is not None and unit.kind in MONEY_KINDS else None
    after = fund or after
    before = read_before(text, window_start, quantity.start, table, object_after=after is not None)
    event = _event(text, quantity, window_start, after_start, clause_end, counted, before.indicator)
    # A counted thing named after the number wins (*个项目); so does any named thing
    # when all the clause gives before it is a two-character verb (征收*亩土地).
    # 试点扩大到1000个县: a change to a new level says the level of what it changed, named before
    new_level = before.change is not None and before.change.endswith(_TO_LEVEL) and len(before.indicator or "") > BARE_HEAD
    if event is not None:
        indicator = event
    elif new_level:
        indicator = before.indicator
    elif after and (
        fund is not None or counted or before.indicator is None or len(before.indicator) <= 2 or names_nothing(before.indicator)
        or (len(after) > BARE_HEAD and ends_with_verb(before.indicator))
    ):
        # 继续安排|300亿元|财政资金: a verb before the number names nothing, its object after
        # does; so does a subject and its verb (国家已设立|400亿元|…引导基金)
        indicator = after
    else:
        indicator = before.indicator
    if event is None and counted and indicator is not None and indicator == after:
        # 1071个|征收安置问题项目整改交付。: a count no verb takes, then a noun and its predicate
        indicator = _event_of_clause(text, after, window_start, quantity.start, after_start) or indicator
    joined = carried is not None and consumed > 0 and all(ch in _JOINERS for ch in text[max(consumed, window_start) : quantity.start])
    if indicator in _SHARE_MEASURES and indicator == before.indicator:
        # 财政用于民生的|比例达到70%: the share is of what the clause names before 的
        indicator = named_by_relative_clause(text, indicator, window_start, quantity.start) or indicator
    base = indicator
    if indicator is None and carried is not None and suits(carried, unit) and (before.carry or before.actual or joined or before.change):
        indicator = base = carried
    elif _subject_is_counted_before(text, indicator, carried, consumed, window_start, quantity.start):
        # 1596个重大项目完成投资1.5万亿元: the things counted just before did the verb
        indicator = base = carried + text[consumed : text.index(indicator, consumed) + len(indicator)]
    elif (
        counted_before and unit is not None and unit.kind in MONEY_KINDS
        and _counted_things_did(text, indicator, consumed, quantity.start)
    ):
        # 实施省重点项目1000个，完成投资1万亿元: the things counted in the member before did the verb
        nouns = noun_part(carried)
        indicator = base = nouns + text[consumed + 1 : quantity.start] if nouns else indicator
    elif _is_share_of(indicator) and carried is not None:
        # 高速铁路超过1.9万公里，占世界60%以上: the share is of the thing named before
        indicator = base = carried + indicator
    elif (_is_generic(indicator) or _PLACE.fullmatch(indicator or "")) and carried is not None:
        # 增速 of the carried indicator; 全省 in （全省增长4.6%）: the same indicator elsewhere
        indicator, base = (indicator + carried, carried) if _PLACE.fullmatch(indicator) else (carried + indicator, carried)
    if counted and indicator is not None and indicator in (after, before.indicator):
        # 惠及|经营主体|10.4万户, 600多万户|企业|受益: those reached are counted with the verb of reach
        indicator = base = benefit_named(text, indicator, quantity.start, after_start) or indicator
    if indicator is not None and indicator in (after, before.indicator) and _is_bare(indicator):
        indicator = base = _completed_head(
            text, indicator, after_number=indicator != before.indicator, changed=before.change is not None, start=quantity.start,
            window_start=window_start, sentence_start=sentence_start, consumed=consumed, carried=carried,
            modifier=before.indicator, occurrences=unit is not None and unit.kind == "times", counted=counted,
        )
    indicator = _money_measure_without_verb(indicator, unit) if text.startswith("的", after_start) else indicator
    if indicator is not None and indicator == before.indicator and _is_bare(indicator):
        # 财政用于民生的|比例|达到70%: a bare measure named by the clause before its 的
        indicator = base = named_by_relative_clause(text, indicator, window_start, quantity.start) or indicator
    if _is_bare_money_measure(indicator, unit) and text.startswith("的", after_start):
        # 投资5642万元的|污泥焚烧厂土建工程开工建设: the amount is of the thing it modifies
        owner = _modified_after(text, after_start + 1)
        indicator = base = owner + indicator if owner is not None else indicator
    elif _is_bare_money_measure(indicator, unit) and indicator == before.indicator:
        # 投资3.06亿元，实施了…等供热工程: an amount invested is named by what it was spent on
        indicator = base = _investment_purpose(text, after_start) or indicator
    if _is_bare_measure(indicator, unit) and indicator == before.indicator:
        # 教育基础设施投入不断加大。投资6349万元: a bare measure opening its clause is of
        # the topic named by the clause before, which states no figure
        topic = topic_before(text, indicator, text.rfind(indicator, window_start, quantity.start), after_start)
        indicator = base = topic + indicator if topic is not None else indicator
    if (
        unit is not None and unit.kind not in MONEY_KINDS and unit.kind not in RATIO_KINDS
        and (indicator is None or indicator == before.indicator and not measure_head(indicator))
        and text.startswith("的", after_start) and _COMPLETING in text[window_start : quantity.start]
    ):
        # 完成|9.2公里的|城区供水主管网改造: an amount of work is named by the work after 的
        # (money before 的 is of the project it modifies: 总投资7亿元的…项目开工建设; a
        # share or a measure named before it keeps its name; what is achieved is no work:
        # 实现183万人次的历史性突破)
        indicator = base = _work_named_after(text, after_start + 1, clause_end) or indicator
    unnamed = indicator is None or names_nothing(indicator) or _is_fragment(indicator)
    purpose = _purpose(text, after_start) if unnamed and unit is not None and unit.kind in MONEY_KINDS else None
    if purpose is not None:
        # 筹措7亿元|实施|就业惠民工程, 统筹9.8亿元|用于|援企稳岗: money named by what it is for
        indicator = base = purpose
    elif not suits(indicator, unit) or indicator in _LIGHT_VERBS:
        # 14个|重点产业产值: a name the unit cannot measure; 分两批进行: a light verb names
        # nothing done. The clause named something else, so nothing is taken from elsewhere.
        indicator = base = None
    elif indicator is None:
        # No name in the clause: the figure ending its clause is of what its verb took as
        # object earlier in the sentence (发行超长期特别国债，…，今年先发行1万亿元), else of the sentence's subject
        # (社区干部生活补贴标准逐年提高，平均达到2000元), else of the figure before it.
        elided = not text[after_start:clause_end].strip()  # 先发行1万亿元。: nothing follows
        earlier = _earlier_object(text, sentence_start, window_start, quantity.start) if elided else None
        indicator = earlier or _sentence_subject(text, sentence_start, window_start, carried)
        indicator = indicator if suits(indicator, unit) else None
    if unit is None and indicator is not None and indicator in (after, event):
        # 解决|6000万|农村人口饮水安全问题: a bare count of people followed by what concerns them
        verb = verb_before(text, window_start, quantity.start) if indicator == after else None
        verb = None if verb == before.change else verb  # 新增 is said by the change
        indicator = base = _people_concerned(indicator, verb) or indicator
    if indicator is not None and indicator == before.indicator:
        # 新建和改造|高标准农田|71万亩: the things counted are those of both actions
        indicator = base = _with_coordinated_actions(text, indicator, window_start, quantity.start)
    # 甲、乙等丙: the class named after the examples is what is measured
    indicator, base = (named_class(name) if name is not None else None for name in (indicator, base))
    qualifier = before.qualifier or quantity.approximate or trailing
    metric = Metric(
        indicator=indicator,
        value=quantity.value,
        raw=quantity.raw,
        unit=unicodedata.normalize("NFKC", unit.text) if unit is not None else None,
        qualifier=qualifier,
        change=before.change,
        placeholder=quantity.placeholder,
        start=quantity.start,
        end=quantity.end,
        sentence="",
        direction=before.direction,
        low=quantity.low,
        high=quantity.high,
    )
    if before.target and not before.actual or text.startswith(_TARGET_AFTER, after_start):
        metric.role = "target"
    elif before.actual:
        metric.role = "actual"
    used = after_start + (len(after) if after and indicator is not None and (indicator.endswith(after) or event) else 0)
    return metric, used, base


def _counts_the_same(following: Quantity | None, at: int) -> bool:
    """True when a count of things starts right at ``at``, after another count (12类|45件)."""
    return following is not None and following.start == at and following.unit is not None and following.unit.kind in _COUNTED


def _is_generic(indicator: str | None) -> bool:
    """True for a generic measure (增速), alone or averaged (年均增速, 平均增幅)."""
    return indicator is not None and (indicator in GENERIC or indicator.startswith(_AVERAGED) and indicator[2:] in GENERIC)


def _earlier_object(text: str, sentence_start: int, window_start: int, start: int) -> str | None:
    """The object the verb right before a number took where the sentence wrote it with
    one (拟发行超长期特别国债，…，今年先发行1万亿元 → 超长期特别国债), or None."""
    verb = verb_before(text, window_start, start)
    if verb is None:
        return None
    written = text.rfind(verb, sentence_start, window_start)
    while written >= 0:
        after = written + len(verb)
        thing = read_after(text, after, _clause_end(text, after))
        if thing is not None and len(thing) > BARE_HEAD:
            return thing
        written = text.rfind(verb, sentence_start, written)
    return None


def _clause_end(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` ends (its next mark of ``_CLAUSE_PUNCT``)."""
    match = _CLAUSE_ENDS.search(text, pos)
    return match.start() if match is not None else len(text)


def _is_share_of(indicator: str | None) -> bool:
    """True for a phrase opening with the verb 占 (占世界), not with a measure (占比)."""
    return (
        indicator is not None
        and indicator.startswith(_SHARE_OF)  # the first word opens the phrase: others are not segmented
        and first_word(indicator) == _SHARE_OF
        and not any(indicator.startswith(measure) for measure in GENERIC)
    )


def _sentence_subject(text: str, sentence_start: int, window_start: int, carried: str | None) -> str | None:
    """The subject of the clauses before ``window_start``, or the indicator of the figure
    before when there is none or when that indicator completes the subject (粮食生产再获丰收，
    总产达到557亿斤，连续12年稳定在500亿斤以上: 粮食总产, not 粮食生产)."""
    subject = clause_subject(text, sentence_start, window_start)
    if subject is None or carried is None:
        return subject or carried
    nouns = noun_part(subject)
    return carried if nouns is not None and nouns != subject and carried.startswith(nouns) else subject


def _people_concerned(name: str, verb: str | None) -> str | None:
    """For a bare count whose name opens with people (a head of the dimension inventory:
    农村人口) and goes on to what concerns them, that name with the people as its head:
    农村人口饮水安全问题 after 解决 → 解决饮水安全问题的农村人口; an event 得到解决的农村人口饮水
    安全问题 → 饮水安全问题得到解决的农村人口. None when the name opens with no people."""
    predicate, mark, noun = name.rpartition("的")
    for end in range(BARE_HEAD + 1, len(noun) - BARE_HEAD):
        people, concern = noun[:end], noun[end:]
        if measure_head(people) and head_kinds(people) & _PEOPLE_KINDS and len(concern) > BARE_HEAD and is_noun_phrase(concern):
            return f"{concern}{predicate}的{people}" if mark else f"{verb or ''}{concern}的{people}"
    return None


def _is_bare_money_measure(indicator: str | None, unit) -> bool:
    """True for a bare head of the dimension inventory stated in money (投资, 资金)."""
    return (
        indicator is not None and len(indicator) <= BARE_HEAD and measure_head(indicator) == indicator
        and unit is not None and unit.kind in MONEY_KINDS
    )


def _is_bare_measure(indicator: str | None, unit) -> bool:
    """True for a bare head that measures (产值, 产量: a head of the dimension inventory)
    or one stated in money (投入)."""
    return (
        indicator is not None and _is_bare(indicator)
        and (measure_head(indicator) == indicator or unit is not None and unit.kind in MONEY_KINDS)
    )


def _modified_after(text: str, start: int) -> str | None:
    """The noun phrase an amount modifies through 的 (…万元的|伊敏河景观带改造工程投入使用 →
    伊敏河景观带改造工程): the noun of an event reading there, else the thing read there."""
    end = _clause_end(text, start)
    event = read_event(text, start, end)
    noun = event.rpartition("的")[2] if event is not None else read_after(text, start, end)
    if noun is None or len(noun) <= BARE_HEAD or not is_noun_phrase(noun):
        return None
    # the words as segmented in their clause: a noun read up to a window may end inside a word (项目成|功)
    return noun if noun == text[start:end] or start + len(noun) in tag_words(text[start:end], start).starts else None


def _purpose(text: str, at: int) -> str | None:
    """What an amount of money written at ``at`` is for, when a verb of purpose follows it
    (…亿元用于援企稳岗, …亿元资金支持稳增长): the rest of its clause, if short and plain."""
    at += len(_FUNDS) if text.startswith(_FUNDS, at) else 0
    verb = next((v for v in _PURPOSE_VERBS if text.startswith(v, at)), None)
    if verb is None:
        return None
    start = at + len(verb)
    phrase = text[start : _clause_end(text, start)]
    plain = all(is_han(ch) or ch in _OPENING_QUOTES or ch in _CLOSING_QUOTES for ch in phrase)
    return phrase if plain and BARE_HEAD < len(phrase) <= _PURPOSE_LONGEST and "的" not in phrase else None


def _money_measure_without_verb(indicator: str | None, unit) -> str | None:
    """A name made of verbs and a bare money measure after them (确保投资, 启动投资 before
    …万元的工程) as that measure alone: the verb says what is done with the thing the
    amount modifies, the amount is of that thing."""
    if indicator is None or unit is None or unit.kind not in MONEY_KINDS:
        return indicator
    for end in range(1, BARE_HEAD + 1):
        head, verbs = indicator[-end:], indicator[:-end]
        if verbs and _is_bare_money_measure(head, unit) and _only_verbs(verbs):
            return head
    return indicator


def _only_verbs(words: str) -> bool:
    """True when every word of ``words`` is a verb or a verbal noun for the segmenter
    (确保, 启动; not 总 of 总投资)."""
    tags = tag_words(words).tags
    return bool(tags) and all(tag in ("v", "vn") for tag in tags)


def _investment_purpose(text: str, at: int) -> str | None:
    """What an amount invested (投资 right before it) was spent on, when its clause or the
    next one opens with a verb of purpose or of completion (投资2亿元实施|…工程, 投资5600万元，
    完成了|…搬迁): that verb's object up to the next figure, the class after examples
    (甲、乙等丙工程 → 丙工程), if short and plain; else None."""
    at += text.startswith(_CLAUSE_JOINER, at) or text.startswith(",", at)
    verb = next((v for v in (*_PURPOSE_VERBS, *_SPENDING_VERBS) if text.startswith(v, at)), None)
    if verb is None:
        return None
    start = at + len(verb)
    start += text.startswith(_PERFECTIVE, start)
    phrase = named_class(re.split(r"[0-9０-９]", text[start : _clause_end(text, start)], maxsplit=1)[0])
    plain = all(is_han(ch) or ch in _OPENING_QUOTES or ch in _CLOSING_QUOTES for ch in phrase)
    return phrase if plain and BARE_HEAD < len(phrase) <= _PURPOSE_LONGEST and "的" not in phrase else None


def _with_coordinated_actions(text: str, indicator: str, window_start: int, start: int) -> str:
    """``indicator`` with the actions joined by a conjunction that open its clause before
    it (新建和改造|高标准农田, 新建和|修缮高标准农田): a count of what two actions produced is
    not a count of the things alone. Coordination joins like with like, so two words
    joined are actions when the segmenter reads either as a verb (新建, read as a place,
    joined to 改造); a verb of reaching or a light verb says nothing of what was done.
    Returns ``indicator`` unchanged otherwise."""
    written = text.rfind(indicator, window_start, start)
    if written < 0 or strip_between(text[written + len(indicator) : start]):
        return indicator
    lead_start = _member_start(text, written)
    tokens = tag_words(text[lead_start : written + len(indicator)])
    words, tags, starts = tokens.texts, tokens.tags, tokens.starts
    lead = written - lead_start
    joined = next((i for i in range(1, len(words) - 1) if words[i] in _ACTION_JOINERS and starts[i] < lead), None)
    if joined is None:
        return indicator
    first, second = joined - 1, joined + 1
    actions = [words[first], words[second], *(w for w, at in zip(words[second + 1 :], starts[second + 1 :]) if at < lead)]
    verbal = [tags[first] in _VERB_TAGS, tags[second] in _VERB_TAGS]
    if (
        min(len(words[first]), len(words[second])) < 2 or not any(verbal)
        or any(tag not in _VERB_TAGS for tag, at in zip(tags[second + 1 :], starts[second + 1 :]) if at < lead)
        or any(w in _LIGHT_VERBS or w in _REACHING_VERBS for w in actions)
        or any(tag in _VERB_TAGS for tag in tags[:first])  # 完成城中村改造和…: objects of one verb
    ):
        return indicator
    return text[lead_start + starts[first] : written] + indicator


def _work_named_after(text: str, start: int, clause_end: int) -> str | None:
    """The work an amount written before 的 measures, read from ``start`` to the end of its
    clause (完成9.2公里的|城区供水主管网改造, 1.8万户的|征拆和安置任务): a plain phrase of
    several words that ends with the action (a verb or verbal noun) or with a noun of work
    or task of the reference inventory (绿化任务, not 生活水平). None otherwise."""
    phrase = text[start:clause_end]
    if not BARE_HEAD < len(phrase) <= _PURPOSE_LONGEST or not all(is_han(ch) or ch in _LIST_MARKS for ch in phrase):
        return None
    tokens = tag_words(phrase)
    words, tags = tokens.texts, tokens.tags
    if len(words) < 2 or "的" in words or any(tag in _PREDICATE_ONLY_TAGS for tag in tags):
        return None
    end = len(words) - (words[-1] in abstract_nouns_of(*_WORK_CLASSES))
    if end == len(words) and tags[-1] not in _VERB_TAGS:
        return None
    # the actions end the phrase (征拆和安置|任务); a verb before them makes it a predicate
    # (十四亿多人的|粮食安全得到有效保障), not the name of a piece of work
    while end > 0 and (tags[end - 1] in _VERB_TAGS or words[end - 1] in _ACTION_JOINERS):
        end -= 1
    return None if "v" in tags[:end] else phrase


def _is_fragment(indicator: str) -> bool:
    """True for a name that is one verb (筹措): no thing is named, only what was done; a
    measure of the dimension inventory stays, whatever its tag (收入, 支出)."""
    return is_lone_verb(indicator) and not measure_head(indicator)


def _is_bare(indicator: str) -> bool:
    """True for a head that names no indicator alone: two characters (举措, 总产) or a verb (开行)."""
    return len(indicator) <= BARE_HEAD or is_lone_verb(indicator)


def _completed_head(
    text: str, head: str, *, after_number: bool, changed: bool, start: int, window_start: int, sentence_start: int,
    consumed: int, carried: str | None, modifier: str | None = None, occurrences: bool = False, counted: bool = False,
) -> str:
    """A bare head completed by what its clause or sentence names, or the head as it is.

    - a thing counted after the number takes the subject and the verb of its clause:
      党中央召开|七次|全会 → 党中央召开全会, 中欧班列通达欧洲|20多个|国家 → 中欧班列通达欧洲国家
      (a light verb before an action is left out: 中央巡视组开展8轮巡视 → 中央巡视组巡视);
    - else a thing counted after the number takes the phrase that modifies it before the
      number (出台关爱新就业群体15条措施 → 关爱新就业群体措施: the number stands inside the
      noun phrase), else the verb that takes the count (出台25条举措 → 出台举措), unless
      the count is of occurrences (召开七次全会: the event names itself);
    - a verb alone (no change word after it) takes the subject of its clause, or of the
      clause before (中欧班列…，累计开行超过3万列 → 中欧班列累计开行), or, in a list member
      joined to the figure before, the nouns of that figure (实施老旧小区改造项目120个、
      完工98个 → 老旧小区改造项目完工);
    - a measure (产量, 收入: a head of the dimension inventory) listed with 、 right after
      the measure of a figure takes the nouns that open that figure's name (粮食播种面积…、
      产量 → 粮食产量);
    - a noun opening its clause takes the nouns of the subject of the clause before, when
      that clause states no figure (粮食生产再获丰收，总产达到557亿斤 → 粮食总产), or the
      nouns of the name of the figure it states (粮食增产42.2亿斤，总产466亿斤 → 粮食总产).
    """
    if after_number:
        return (
            _subject_verb_object(text, head, start, sentence_start) or _modified(text, head, modifier, start)
            or (None if occurrences else _verb_object(text, head, window_start, start)) or head
        )
    written = text.rfind(head, window_start, start)
    if written < 0:
        return head
    if is_verbal(head):
        if changed:
            return head  # 出口增长5.3%: what changes is a noun, the subject of the change
        verb = leading_adverbs(text[window_start:written]) + head
        verb_start = written - len(verb) + len(head)
        if carried is not None and _next_member(text, consumed, verb_start):
            subject = noun_part(carried)
        elif only_modifiers(text[max(sentence_start, _member_start(text, verb_start)) : verb_start]):
            subject = clause_subject(text, sentence_start, window_start)
        else:
            return head  # 带动消费, 完成投资: the object of a verb before it, a noun
        return head if subject is None else subject + verb
    if carried is not None and text[consumed:written] == "、" and measure_head(head) and measure_head(carried):
        # 粮食播种面积4157万亩、产量1146.1万吨: a measure listed after the measure of a figure
        # is of the same things, the nouns that open that figure's name
        nouns = noun_part(carried[: -len(measure_head(carried))])
        return head if nouns is None else nouns + head
    if counted and not changed and _opens_member_with_verb(text, head, written, sentence_start):
        # 、改造项目5.6万个, 支持项目684个: things counted are named by what was done to them
        return text[_member_start(text, written) : written].strip(_OPENING_MARKS) + head
    if text[window_start:written].strip(_OPENING_MARKS) or window_start <= sentence_start:
        return head  # 新增用海29.2万亩: a head after its verb is named by it
    if not text.endswith(_CLAUSE_JOINER, sentence_start, window_start):
        return head  # 主要预期目标是：经济增长5%: a list opens, its items name themselves
    previous = text[max(sentence_start, text.rfind(_CLAUSE_JOINER, sentence_start, window_start - 1) + 1) : window_start]
    if any(ch.isdigit() for ch in previous):
        # 粮食增产42.2亿斤，总产466亿斤: a measure opening the clause after a figure is of the
        # things that figure's name opens with
        nouns = noun_part(carried) if carried is not None and measure_head(head) == head else None
        return head if nouns is None or nouns == carried else nouns + head
    subject = clause_subject(previous, 0, len(previous))
    nouns = _subject_nouns(subject) if subject is not None else None
    return head if nouns is None else nouns + head


def _subject_nouns(subject: str) -> str | None:
    """The nouns of a subject that a bare measure after it takes (粮食生产 → 粮食); of a list
    of measures, the nouns that open its first member (粮食面积、总产、单产 → 粮食)."""
    members = coordinated_parts(subject)
    if len(members) < 2:
        return noun_part(subject)
    head = measure_head(members[0])
    return noun_part(members[0][: -len(head)]) if head and len(members[0]) > len(head) else None


def _opens_member_with_verb(text: str, head: str, written: int, sentence_start: int) -> bool:
    """True when a noun ``head`` written at ``written`` follows the one verb that opens its
    clause or list member (、改造|项目), a verb that says what was done to the things (not a
    light verb nor one of reaching: 开展, 完成)."""
    member = text[max(sentence_start, _member_start(text, written)) : written].strip(_OPENING_MARKS)
    return (
        is_lone_verb(member) and member not in _LIGHT_VERBS and member not in _REACHING_VERBS
        and first_word(head) == head and not is_verbal(head)
    )


def _next_member(text: str, consumed: int, verb_start: int) -> bool:
    """True when a verb at ``verb_start`` follows the figure before it (read up to
    ``consumed``) with nothing but 、 and aspect words between: the next event of the same
    things (开工390个、竣工437个; 86个重大项目已开工74个). A verb after another verb is that
    verb's object (实现收入, 完成投资), not an event of its own."""
    if consumed <= 0 or verb_start < consumed or verb_start - consumed > _MEMBER_GAP:
        return False
    gap = text[consumed:verb_start]
    if leading_words(gap.replace("、", "")) not in ("", *_LIGHT_VERBS):
        return False  # 、实施再开发: a light verb says nothing of what was done
    if "、" not in gap:
        return True  # 86个重大项目已开工74个: the things just counted did it
    # 实施改造项目120个、完工98个: both members tell what was done to the same things,
    # the one before opening with its verb (医疗旅游人次86.5万、收入: two measures of one thing)
    return verb_at_start(text[_member_start(text, consumed) : consumed])


def _member_start(text: str, end: int) -> int:
    """Where the clause or list member ending at ``end`` begins: after the last mark of
    ``_CLAUSE_PUNCT`` outside quotation marks (“千村引领、万村提升”工程 is one name)."""
    depth = 0
    for i in range(end - 1, max(-1, end - 1 - WINDOW), -1):
        ch = text[i]
        if ch in _CLOSING_QUOTES:
            depth += 1
        elif ch in _OPENING_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _CLAUSE_PUNCT:
            return i + 1
    return max(0, end - WINDOW)


def _modified(text: str, noun: str, modifier: str | None, start: int) -> str | None:
    """``modifier`` + ``noun`` when the phrase read before the number ends at it (or at a
    qualifier before it) and is a verb with its object or a noun phrase, not a verb alone
    (整体提升|100所学校) nor a list."""
    if modifier is None or len(modifier) <= BARE_HEAD or len(noun) < BARE_HEAD or not all(map(is_han, modifier)):
        return None
    written = text.rfind(modifier, max(0, start - WINDOW), start)
    if written < 0 or strip_between(text[written + len(modifier) : start]) or any(m in modifier for m in _LIST_MARKS):
        return None
    return None if ends_with_verb(modifier) else modifier + noun


def _subject_verb_object(text: str, noun: str, start: int, sentence_start: int) -> str | None:
    """Subject, verb and the thing counted after the number, when the clause opens with a
    subject and the verb (and its object's modifiers) lead to the number with no other
    figure between; see ``_completed_head``."""
    # 、 is no clause mark here: A、B、C惠及3万多家庭 has a list for its subject
    clause_start = max((text.rfind(mark, sentence_start, start) for mark in _CLAUSE_PUNCT if mark != "、"), default=-1) + 1
    piece = text[max(clause_start, sentence_start) : start]
    subject, at = opening_subject(piece, shortest=BARE_HEAD)  # 市委召开…: an organ of two characters
    if subject is None or len(noun) < BARE_HEAD or any(mark in subject for mark in _LIST_MARKS):
        return None
    predicate = strip_between(piece[at:])
    if not all(map(is_han, predicate)):
        # 中欧班列通达欧洲20多个国家的|90多个|城市: the verb alone, its other object counted apart
        if not piece.endswith("的"):
            return None
        predicate = opening_verb(predicate)
        if not predicate:
            return None
    if not predicate or predicate in _LIGHT_VERBS and is_verbal(noun):
        return subject + noun
    return subject + predicate + noun


def _verb_object(text: str, noun: str, window_start: int, start: int) -> str | None:
    """The verb that takes the count and the thing counted after it, when its clause names
    no subject (出台|25条|举措 → 出台举措): a bare noun names no indicator alone. A light verb
    (开展8轮巡视) says nothing of what was done, nor does a verb of reaching (完成309万亩造林)."""
    verb = verb_before(text, window_start, start)
    if verb is None or verb in _LIGHT_VERBS or verb in _REACHING_VERBS:
        return None
    return verb + noun


def _subject_is_counted_before(text: str, indicator, carried, consumed: int, window_start: int, start: int) -> bool:
    """True when a bare head (投资) follows, through a verb, the things a count just
    before named: 1596个重大项目|完成投资|1.5万亿元, whose indicator is 重大项目完成投资."""
    if indicator is None or carried is None or len(indicator) > BARE_HEAD or consumed <= 0 or window_start != consumed:
        return False
    between = text[consumed:start]
    return indicator in between and not any(ch in _CLAUSE_PUNCT for ch in between) and verb_at_start(between)


def _counted_things_did(text: str, indicator: str | None, consumed: int, start: int) -> bool:
    """True when a bare head (投资) after a verb (完成投资), stated in money, opens the list
    member or clause right after a count of things (推进2000个省级重点项目、完成投资9800亿元; 实施项目2113个，
    完成投资354亿元): what was invested is that of the things counted."""
    if indicator is None or len(indicator) > BARE_HEAD or consumed <= 0 or text[consumed : consumed + 1] not in ("、", "，"):
        return False
    member = text[consumed + 1 : start]
    return member.endswith(indicator) and len(member) > len(indicator) and verb_at_start(member) and not any(
        ch in _CLAUSE_PUNCT for ch in member
    )


def _event(text, quantity: Quantity, window_start: int, after_start: int, clause_end: int, counted: bool, before: str | None):
    """The event a count measures (4个园区入围百强 → 入围百强的园区; see :mod:`.structure`):
    for a count that no verb takes as its object, or a percentage of things (80%的中小学
    纳入教联体) that opens its clause or list member, or has no indicator before it."""
    unit = quantity.unit
    if counted:
        people = unit is not None and unit.kind == "people"
        if text.endswith("、", 0, quantity.start):
            # 完成2100万千瓦火电机组、395台燃煤锅炉超低排放改造: a list member is the object
            # of the list's verb, and its words after the count are its name
            return None
        verb = verb_before(text, window_start, quantity.start)
        if verb is None:
            event = read_event(text, after_start, clause_end, people=people)
            if event is not None and not people and _object_of_verbal_noun(text, window_start, quantity.start, event):
                return None
            return event
        # 带动1.2万人就业: people a verb makes do something count the whole event
        event = read_event(text, after_start, clause_end, people=True) if people else None
        return verb + event if event is not None and "的" not in event else None
    opens = before is None or (quantity.start > 0 and text[quantity.start - 1] in _CLAUSE_PUNCT)
    if unit is not None and unit.kind == "percent" and opens and text.startswith("的", after_start):
        return read_event(text, after_start + 1, clause_end)
    return None


def _event_of_clause(text: str, after: str, window_start: int, start: int, after_start: int) -> str | None:
    """The event a count measures when its tags kept ``_event`` from reading it: the count
    opens its clause (nothing before it that could take it as an object: see
    ``opens_clause``) and the words after it, to the clause's end, are a noun and its
    predicate (see ``event_of_phrase``)."""
    mark = max(text.rfind(mark, max(0, start - WINDOW), start) for mark in _EVENT_CLAUSE_MARKS)
    if mark < 0 and start > WINDOW:
        return None  # a clause longer than the window before the count
    if verb_before(text, window_start, start) is not None or not opens_clause(text[mark + 1 : start]):
        return None
    if not text.startswith(after, after_start) or after_start + len(after) != _clause_end(text, after_start):
        return None
    return event_of_phrase(after)


def _object_of_verbal_noun(text: str, window_start: int, start: int, event: str) -> bool:
    """True when a verbal noun right before a count takes it as its object and the event
    read after the count ends with a noun, not a verb (布局建设|10家|概念验证中心: the words
    after the count name the things built; 调整|316项|职权由市县实施 is an event)."""
    predicate = event.rpartition("的")[0]
    return verb_before(text, window_start, start, verbal_nouns=True) is not None and not ends_with_verb(predicate)


def _governing_period(text: str, bounds: _Bounds, pos: int):
    """The time expression governing a figure at ``pos``: the last one of its paragraph
    before it, else of the paragraphs before that announce it as a list item (see
    ``_LIST_OPENERS``), within ``LOOK_BACK`` characters; else the last one that opens a
    paragraph before it (过去五年，… governs the paragraphs of a five-year review until
    刚刚过去的2025年… opens the next), within ``OPENER_LOOK_BACK``."""
    floor = max(0, pos - LOOK_BACK)
    end = pos
    while True:
        start = max(text.rfind("\n", floor, end) + 1, floor)
        found = bounds.governing_period(text, start, end)
        if found is not None:
            return found
        previous = text[floor : start - 1].rstrip()
        if start <= floor or not previous or previous[-1] not in _LIST_OPENERS:
            return bounds.opening_period(text, max(0, pos - OPENER_LOOK_BACK), start)
        end = floor + len(previous)


def _measure(text: str, metric: Metric, window_start: int) -> str:
    """``change`` for a difference or a rate of change (增长6.9%, 比去年增加2700亿元,
    比去年多100万人), ``level`` for a figure at a point (提高到2.3% gives the new level)."""
    if metric.change and not metric.change.endswith(_TO_LEVEL) and metric.change not in COMPARATIVES:
        return "change"
    if _MORE_OR_LESS.search(text, window_start, metric.start):
        return "change"
    return "level"


def _context(text: str, sentence, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, cut to ``CONTEXT`` characters on each side."""
    if sentence is None:
        return ""
    return text[max(sentence.start, start - CONTEXT) : min(sentence.end, end + CONTEXT)]


def _distribute_respectively(text: str, metrics: list[Metric], bounds: _Bounds) -> None:
    """Give each number of a 分别 list its own indicator and the shared change.

    甲、乙产业增加值分别增长6.1%、4.3% → (甲产业增加值, 6.1) and (乙产业增加值, 4.3):
    the numbers after 分别 joined only by 、/和 are the members; the indicator read
    before 分别 is split at 、/和/与/及 when that gives one name per member. Without
    分别 a list is respective too when its members share one indicator that names as
    many things as there are numbers (城镇和农村人均住房面积32.9平方米、37.1平方米).
    """
    i = 0
    while i < len(metrics):
        first = metrics[i]
        clause_start, _ = bounds.clause(first.start)
        cue = text.rfind("分别", max(clause_start, first.start - WINDOW), first.start)
        j = i + 1
        while j < len(metrics) and _joins_members(text[metrics[j - 1].end : metrics[j].start]):
            j += 1
        group = metrics[i:j]
        i = j
        if len(group) < 2:
            continue
        names = _respective_names(first.indicator, len(group), spread=cue >= 0)
        implicit = len(names) == len(group) and all(member.indicator == first.indicator for member in group)
        if cue < 0 and not implicit:
            continue
        for k, member in enumerate(group):
            if len(names) == len(group):
                member.indicator = names[k]
            elif member.indicator != first.indicator and first.indicator is not None:
                member.indicator = first.indicator
            if member.change is None:
                member.change, member.direction = first.change, first.direction


def _joins_members(between: str) -> bool:
    """True when ``between`` joins two numbers of one list: 、 or 和 after what ends the
    first member's figure, a time base or a qualifier (778元/月、6818元/年, 3.5%以上、7%左右)."""
    rest = between[_FIGURE_TAIL.match(between).end() :]
    return all(ch in _MEMBER_JOINERS for ch in rest)


def _distribute_shared_predicate(text: str, metrics: list[Metric]) -> None:
    """93.7%的领导干部、92.8%的普通干部对反腐败表示有信心: the members listed with 、 before
    the last one share the predicate of its event reading (对反腐败表示有信心的普通干部)."""
    end = len(metrics) - 1
    while end > 0:
        last = metrics[end]
        predicate, noun = _event_parts(text, last)
        start = end
        while predicate is not None and start > 0:
            member = _member_noun(text, metrics[start - 1].end, metrics[start].start)
            if member is None:
                break
            start -= 1
            metrics[start].indicator = predicate + "的" + member
        end = start - 1 if start < end else end - 1


def _distribute_shared_head(text: str, metrics: list[Metric]) -> None:
    """A member counting a level alone (国家级) shares the head of the member beside it,
    named after a level of its own: 新增5个国家级、12个省级专精特新企业 (the head after),
    新增国家级专精特新企业5个、省级12个 (the head before)."""
    for i in range(len(metrics) - 2, -1, -1):
        member, following = metrics[i], metrics[i + 1]
        between = text[member.end : following.start]
        if _is_level(member.indicator) and between == member.indicator + "、":
            member.indicator = _with_level(member.indicator, following.indicator) or member.indicator
    for member, following in zip(metrics, metrics[1:]):
        between = text[member.end : following.start]
        if _is_level(following.indicator) and between.endswith("、" + following.indicator):
            following.indicator = _with_level(following.indicator, member.indicator) or following.indicator


def _distribute_measured_class(text: str, metrics: list[Metric]) -> None:
    """淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱等落后产能: the members of a list
    of figures closed by 等 and a class whose head is a measure of the dimension inventory
    (产能, 产量, 投资) are examples of that class; a member whose name holds no measure of
    its own (钢铁, 水泥) is measured by it (水泥落后产能). A class naming no measure (…等新型
    基础设施) leaves the members' names as they are."""
    i = 0
    while i < len(metrics):
        j = i + 1
        while j < len(metrics) and _named_member_follows(text[metrics[j - 1].end : metrics[j].start]):
            j += 1
        group, i = metrics[i:j], j
        last = group[-1]
        examples_end = _FIGURE_TAIL.match(text, last.end).end()
        if len(group) < 2 or not text.startswith(_EXAMPLES_END, examples_end):
            continue
        after = examples_end + len(_EXAMPLES_END)
        named = read_after(text, after, _clause_end(text, after))
        if named is None or not measure_head(named):
            continue
        for member in group:
            if member.indicator is not None and not measure_head(member.indicator) and not member.indicator.endswith(named):
                member.indicator = member.indicator + named


def _named_member_follows(between: str) -> bool:
    """True when ``between`` (after a figure) opens the next member of a 、 list with its
    own name and no other mark (、水泥)."""
    rest = between[_FIGURE_TAIL.match(between).end() :]
    return rest.startswith("、") and len(rest) <= _MEMBER_NOUN + 1 and not any(ch in _CLAUSE_PUNCT for ch in rest[1:])


def _is_level(name: str | None) -> bool:
    return bool(name) and distinguishing_word(name) == name


def _with_level(level: str, name: str | None) -> str | None:
    """``name`` with its own level (省级) replaced by ``level``, or None when it has none."""
    own = distinguishing_word(name or "")
    return level + name[len(own) :] if own and len(name) > len(own) else None


def _event_parts(text: str, metric: Metric) -> tuple[str | None, str | None]:
    """The predicate and noun of an event indicator read right after ``metric`` (see
    :mod:`.structure`), or ``(None, None)``."""
    predicate, mark, noun = (metric.indicator or "").rpartition("的")
    after = metric.end + (1 if text.startswith("的", metric.end) else 0)
    if not mark or not predicate or not noun or not text.startswith(noun + predicate, after):
        return None, None
    return predicate, noun


def _member_noun(text: str, start: int, end: int) -> str | None:
    """The noun of a list member written between two numbers (的普通干部、), or None.

    Only the form with 的 is read: after a bare count (22个试点、8个…) the noun may be
    the whole member, with no predicate to share."""
    between = text[start:end]
    if not (between.startswith("的") and between.endswith("、")):
        return None
    noun = between[1:-1]
    return noun if 2 <= len(noun) <= _MEMBER_NOUN and all(map(is_han, noun)) else None


def _respective_names(shared: str | None, count: int, *, spread: bool = False) -> list[str]:
    """The names a 分别 list gives to its ``count`` numbers, or ``[shared]`` when unclear;
    ``spread`` tells that 分别 is written (进出口总额突破8万亿元、9万亿元 is one series)."""
    if shared is None:
        return []
    names = [shared]
    if count > 1:
        split = coordinated_parts(shared)
        if len(split) == count:
            names = split
    if len(names) == 1 and count == 2 and shared.startswith(_URBAN_RURAL[0]):
        names = [place + shared[len(_URBAN_RURAL[0]) :] for place in _URBAN_RURAL[1]]
    compound = next((c for c in _COORDINATE_COMPOUNDS if shared.count(c[0]) == 1), None)
    if spread and len(names) == 1 and count == 2 and compound is not None:
        names = [shared.replace(compound[0], word) for word in compound[1]]
    if len(names) == count:
        head = names[-1]
        level = distinguishing_word(head)
        tail = measure_tail(head)
        acted_on = after_first_verb(head)
        shared = _shared_measure(head)
        owner = _opening_nouns_of(names[0])
        names = [
            n + head[len(level) :] if level and distinguishing_word(n) == n  # 国家级、省级专精特新企业
            else n + head[len(n) :] if _is_modifier_of(n, head)
            else n + tail if _lacks_measure(n, tail)  # 生活垃圾和污水治理率
            else n + shared if shared and k < count - 1 and _names_a_thing_only(n)  # 水果、蔬菜、茶叶产量
            else owner + n if owner and k > 0 and _measures_nothing_named(n)  # 生产安全事故起数、死亡人数
            else n + acted_on if acted_on and n != head and names_an_action(n)  # 集中养育和社会散居孤儿…标准
            else n
            for k, n in enumerate(names)
        ]
    return names


def _shared_measure(head: str) -> str:
    """The measure of the dimension inventory that ends the last member of a list after the
    things it measures (茶叶|产量, 工业机器人|产量), which members naming things alone share;
    ``""`` for a ratio (率, 比重: the full name of a rate is its own) or a measure after
    words naming nothing (死亡|人数)."""
    measure = measure_head(head)
    if not measure or measure == head or head_kinds(measure) == RATIO_KINDS or names_nothing(head[: -len(measure)]):
        return ""
    return measure


def _names_a_thing_only(name: str) -> bool:
    """True for a noun phrase with no measure of its own (茶叶; not 零售额, 一般公共预算收入)."""
    return not measure_head(name) and not name.endswith(_MEASURE_ENDINGS) and is_noun_phrase(name)


def _opening_nouns_of(name: str) -> str:
    """The nouns that open a list's first member before its last word, the measure
    (生产安全事故|起数 → 生产安全事故), or ``""``."""
    last = tag_words(name).texts[-1] if name else ""
    nouns = name[: len(name) - len(last)]
    return nouns if len(nouns) > BARE_HEAD and is_noun_phrase(nouns) else ""


def _measures_nothing_named(name: str) -> bool:
    """True for a measure of the dimension inventory after words that name no thing
    (死亡|人数): a member that takes the things of the first member."""
    head = measure_head(name)
    return bool(head) and len(name) > len(head) and names_nothing(name[: -len(head)])


def _lacks_measure(name: str, tail: str) -> bool:
    """True when a list member is a noun without the short measure that ends the last
    member after its own noun (生活垃圾 of 生活垃圾和污水治理率: 治理率); a member ending as
    the measure does (普及率) has its own, and a long tail (占…比重) is no measure word."""
    return bool(tail) and len(tail) <= _MEASURE_TAIL and name[-1] != tail[-1] and is_nominal(name)


def _is_modifier_of(name: str, head: str) -> bool:
    """True when a list member is a modifier that shares the head of the last member:
    a short one (城镇 of 城镇和农村人均住房面积), or one parallel to the start of the last
    member, ending as it does (城镇居民 of 城镇居民、农村居民人均可支配收入)."""
    if len(name) >= len(head):
        return False
    return len(name) <= _MODIFIER_LENGTH or (name != head[: len(name)] and name[-1] == head[len(name) - 1])


def _distribute_changes_over_levels(text: str, metrics: list[Metric], bounds: _Bounds) -> None:
    """接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%: changes listed together right
    after as many levels of one sentence are the changes of those levels, in order."""
    i = 0
    while i < len(metrics):
        j = i + 1
        while j < len(metrics) and _joins_members(text[metrics[j - 1].end : metrics[j].start]):
            j += 1
        group, levels = metrics[i:j], metrics[max(0, i - (j - i)) : i]
        i = j
        if len(group) < 2 or len(levels) < len(group) or group[0].measure != "change":
            continue
        names = [level.indicator for level in levels]
        sentence_start, _ = bounds.sentence(group[0].start)
        if (
            levels[0].start < sentence_start
            or any(level.measure != "level" or level.unit == group[0].unit for level in levels)
            or None in names or len(set(names)) < len(names)
            or any(member.indicator not in names or member.change not in (None, group[0].change) for member in group)
            or any(ch in "；;" for ch in text[levels[-1].end : group[0].start])
        ):
            continue
        for member, name in zip(group, names):
            member.indicator = name
            member.change, member.direction, member.measure = group[0].change, group[0].direction, group[0].measure


def _distribute_increments(text: str, metrics: list[Metric]) -> None:
    """新增X*家、Y*家: the increment said once holds for each member of the 、 series."""
    for previous, metric in zip(metrics, metrics[1:]):
        between = text[previous.end : metric.start]
        if (
            metric.change is None
            and previous.change in INCREMENTS
            and between.startswith("、")
            and not any(ch in _CLAUSE_PUNCT for ch in between[1:])
        ):
            metric.change, metric.direction = previous.change, previous.direction


def _distribute_opening_verb(text: str, metrics: list[Metric]) -> None:
    """The verb that opens a 、-series of counts holds for each member.

    A member opening with its count takes the increment of the member before (新增1个甲、8家乙:
    乙 is new as well); a member that is a bare noun and its count takes the verb that opens
    the name of the member before (出让矿业权558个、收益290亿元 → 出让收益), unless that verb is
    light or says only that a count was reached (实施, 完成)."""
    for previous, metric in zip(metrics, metrics[1:]):
        between = text[previous.end : metric.start]
        if between.count("、") != 1 or any(ch in _CLAUSE_PUNCT for ch in between.replace("、", "")):
            continue
        if between.endswith("、") and metric.change is None and previous.change in INCREMENTS:
            metric.change, metric.direction = previous.change, previous.direction
        elif metric.indicator is not None and between == "、" + metric.indicator and len(metric.indicator) <= BARE_HEAD:
            # a verb that takes the name's noun (出让|矿业权), not a modifier of it (经营|主体); the
            # bare member a thing, not an action of its own (建设…装机、治沙)
            verb = opening_verb(previous.indicator or "")
            acts = verb and verb != previous.indicator and verb != previous.change and not is_verbal(metric.indicator)
            if acts and verb not in _LIGHT_VERBS and verb not in _REACHING_VERBS:
                metric.indicator = verb + metric.indicator


def _link_targets(metrics: list[Metric], bounds: _Bounds) -> None:
    """Pair each actual figure with the latest unpaired target for its indicator in its sentence."""
    for i, metric in enumerate(metrics):
        if metric.role != "actual":
            continue
        sentence_start, _ = bounds.sentence(metric.start)
        target = None
        for j in range(i - 1, max(-1, i - 1 - _PAIR_LOOKBACK), -1):
            earlier = metrics[j]
            if earlier.start < sentence_start:
                break
            if earlier.role == "target" and earlier.link is None and earlier.indicator == metric.indicator:
                target = earlier
                break
        if target is None or metric.indicator is None:
            metric.role = None
            continue
        target.link, metric.link = metric.start, target.start


def _year(written: str | None) -> int | None:
    if not written:
        return None
    value = int(written) if written.isdigit() else parse_chinese(written)
    return int(value) if value is not None else None


def metrics_json(speech: Speech) -> dict[str, list[dict[str, Any]]]:
    """Metrics and placeholders of one speech as JSON-ready data (the CLI's contract).

    Parameters
    ----------
    speech : Speech

    Returns
    -------
    dict
        ``{"metrics": [...], "placeholders": [...]}``, each record as ``to_dict()``.
    """
    placeholders = extract_placeholders(speech)
    return {
        "metrics": [m.to_dict() for m in extract_metrics(speech, placeholders=placeholders)],
        "placeholders": [p.to_dict() for p in placeholders],
    }


# The quantities of each speech, read around its placeholders (speechkit analyze: metrics.json, tables/metrics).
METRICS = Extractor("metrics", Metric, reads=("speech", "placeholders", "lexicon"), extract=extract_metrics)
