"""Metrics: numbers with indicator, value, unit, change, period and target/actual links."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import real_speech
from speechkit.extract.slogans.lexicon import load_lexicon
from speechkit.extract.metrics.metrics import CONTEXT, extract_metrics, metrics_json
from speechkit.numerals import parse_chinese, parse_mixed
from speechkit.extract.metrics.placeholders import extract_placeholders
from speechkit.extract.metrics.quantities import find_quantities
from speechkit.extract.metrics.units import default_units
from speechkit.speech import Speech

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _eval_metrics import evaluate as evaluate_gold  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "metrics"


def metrics_of(text: str):
    return extract_metrics(Speech(text))


def at(metrics, text: str, needle: str, offset: int = 0):
    """The metric that starts at ``needle`` (+ offset) in ``text``."""
    start = text.index(needle) + offset
    found = [m for m in metrics if m.start == start]
    assert found, f"no metric at {needle!r}"
    return found[0]


# --- the seed -----------------------------------------------------------------------


def test_seed_must_show_indicators_with_units(seed):
    metrics = extract_metrics(seed)
    pairs = {(m.indicator, m.unit) for m in metrics}
    for pair in [("规上工业总产值", "亿元"), ("全社会固定资产投资总额", "亿元"), ("全口径税收", "亿元"), ("政府专项债", "万元"), ("收储土地", "亩")]:
        assert pair in pairs
    assert all(seed.text[m.start : m.end] == m.raw for m in metrics)


def test_seed_growth_attaches_to_the_indicator_of_the_previous_clause(seed):
    metrics = extract_metrics(seed)
    text = seed.text
    growth_investment = at(metrics, text, "总额*亿元，增长*", 8)
    growth_tax = at(metrics, text, "税收*亿元，增长*", 8)
    for metric, indicator in [(growth_investment, "全社会固定资产投资总额"), (growth_tax, "全口径税收")]:
        assert (metric.indicator, metric.change, metric.direction, metric.placeholder, metric.value) == (indicator, "增长", "up", True, None)


def test_seed_target_and_actual_are_linked(seed):
    metrics = extract_metrics(seed)
    text = seed.text
    target = at(metrics, text, "要实现规上工业总产值*亿元", 10)
    actual = at(metrics, text, "只有约*亿元", 3)
    assert (target.role, actual.role) == ("target", "actual")
    assert target.indicator == actual.indicator == "规上工业总产值"
    assert (target.link, actual.link) == (actual.start, target.start)
    assert actual.qualifier == "约" and target.year == 2022


def test_seed_real_values(seed):
    metrics = extract_metrics(seed)
    text = seed.text
    assert (at(metrics, text, "12项").value, at(metrics, text, "12项").unit) == (12.0, "项")
    assert at(metrics, text, "12项").indicator == "党建工作制度"
    assert (at(metrics, text, "15项").value, at(metrics, text, "15项").indicator) == (15.0, "整改任务")
    three = at(metrics, text, "3宗")
    assert (three.value, three.unit, three.placeholder) == (3.0, "宗", False)
    two = at(metrics, text, "两个政策性")
    assert (two.value, two.unit, two.indicator) == (2.0, "个", "政策性开发性金融工具项目")


def test_seed_indicator_after_the_number_and_period(seed):
    metrics = extract_metrics(seed)
    text = seed.text
    signed = at(metrics, text, "签约引进*个项目", 4)
    # 园区共签约引进*个项目: the bare head 项目 takes the subject and verb of its clause
    assert (signed.indicator, signed.unit, signed.period, signed.year) == ("园区签约引进项目", "个", "2022年", 2022)
    assert at(metrics, text, "新增收储土地*亩", 6).period == "2022年"
    assert at(metrics, text, "今年获政府专项债", 8).period == "今年"


def test_every_number_placeholder_of_the_seed_is_a_redacted_metric(seed):
    redacted = {m.start for m in extract_metrics(seed) if m.placeholder}
    numbers = {p.start for p in extract_placeholders(seed) if p.kind == "number"}
    assert redacted == numbers


# --- government work reports ----------------------------------------------------------

# Read in the reports themselves: (report, indicator, value, unit, change, role).
TRIPLES = [
    ("govreport-2024", "国内生产总值", 126.0, "万亿元", None, None),
    ("govreport-2024", "国内生产总值", 5.2, "%", "增长", None),
    ("govreport-2024", "城镇新增就业", 1244.0, "万人", None, None),
    ("govreport-2024", "城镇调查失业率", 5.2, "%", None, None),
    ("govreport-2024", "居民消费价格", 0.2, "%", "上涨", None),
    ("govreport-2024", "粮食产量", 1.39, "万亿斤", None, None),
    ("govreport-2024", "国内生产总值", 5.0, "%", "增长", "target"),
    ("govreport-2024", "赤字率", 3.0, "%", None, "target"),
    ("govreport-2022", "国内生产总值", 114.0, "万亿元", None, None),
    ("govreport-2022", "国内生产总值", 8.1, "%", "增长", None),
    ("govreport-2022", "城镇新增就业", 1269.0, "万人", None, None),
    ("govreport-2022", "居民消费价格", 0.9, "%", "上涨", None),
    ("govreport-2022", "赤字率", 2.8, "%", None, "target"),
    ("govreport-2018", "赤字率", 2.6, "%", None, "target"),
    ("govreport-2018", "国内生产总值", 6.5, "%", "增长", "target"),
    ("govreport-2018", "城镇登记失业率", 4.5, "%", None, "target"),
    ("party-congress-20", "国内生产总值", 114.0, "万亿元", "增长到", None),
    ("party-congress-20", "人均预期寿命", 78.2, "岁", "增长到", None),
    ("party-congress-20", "居民人均可支配收入", 35100.0, "元", "增加到", None),
]


@pytest.mark.parametrize("report, indicator, value, unit, change, role", TRIPLES)
def test_report_values(real_corpus, report, indicator, value, unit, change, role):
    metrics = extract_metrics(real_speech(real_corpus, report))
    found = [(m.indicator, m.value, m.unit, m.change, m.role) for m in metrics]
    assert (indicator, value, unit, change, role) in found


def test_year_period_of_a_local_report(real_corpus):
    speech = real_speech(real_corpus, "local-govreport-hailar-2016")
    text = speech.text
    metrics = extract_metrics(speech)
    before = at(metrics, text, "162.4亿元")
    after = at(metrics, text, "287.9亿元")
    assert (before.indicator, before.year, after.indicator, after.year) == ("地区生产总值", 2010, "地区生产总值", 2015)
    # 2×35万千瓦热电联产项目: the product is read (70万千瓦), and rates the plant, no amount reached
    at_capacity = text.index("2×35万千瓦")
    capacity = next(q for q in find_quantities(text, default_units(), []) if q.start == at_capacity)
    assert (capacity.value, capacity.unit.text) == (70.0, "万千瓦")
    assert not [m for m in metrics if m.start == at_capacity]
    own = extract_metrics(Speech("全年新增热电装机2×35万千瓦。"))[0]
    assert (own.value, own.unit) == (70.0, "万千瓦")


YEAR = re.compile(r"(?:1[89]|20)[0-9]{2}年|[〇○零一二三四五六七八九]{4}年")
DATE = re.compile(r"[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日")
SECTION = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[0-9]+[.．、]|[（(][0-9一二三四五六七八九十]+[)）])", re.MULTILINE)


def _overlaps(metrics, start: int, end: int) -> list:
    return [m for m in metrics if m.start < end and start < m.end]


def test_no_metric_from_a_year_date_section_number_or_formulation(real_corpus, seed, demo_corpus):
    lexicon = load_lexicon()
    checked = {"year": 0, "date": 0, "section": 0, "formulation": 0}
    for speech in [*real_corpus, seed, *demo_corpus]:
        metrics = extract_metrics(speech)
        spans = {
            "year": [m.span() for m in YEAR.finditer(speech.text)],
            "date": [m.span() for m in DATE.finditer(speech.text)],
            "section": [m.span() for m in SECTION.finditer(speech.text)],
            "formulation": [(s, e) for s, e, _ in lexicon.find(speech.text)],
        }
        for what, found in spans.items():
            checked[what] += len(found)
            for start, end in found:
                assert not _overlaps(metrics, start, end), (speech.id, what, speech.text[start:end])
    assert all(count > 20 for count in checked.values()), checked


@pytest.mark.parametrize(
    "text",
    [
        "深刻领悟“两个确立”的决定性意义，增强四个意识，坚决做到两个维护。",
        "2022年是极不平凡的一年。",
        "到二〇三五年基本实现社会主义现代化。",
        "一、2023年工作回顾\n（一）突出学习对标。\n1.理论武装持续深化。\n（1）抓好示范学。",
        "2024年3月5日在第十四届全国人民代表大会第二次会议上",
        "5G用户普及率提高，C919投入运营。",
        "“十二连增”，国办发〔2022〕17号，十九届四中全会，一批项目，千千万万个市场细胞",
        "华润雪花、三元乳业等企业，破除城乡二元结构",
    ],
)
def test_adversarial_non_metrics(text):
    assert metrics_of(text) == []


@pytest.mark.parametrize(
    "text, raw, value, unit, qualifier",
    [
        ("组织三千五百人次参加培训。", "三千五百人次", 3500.0, "人次", None),
        ("惠及两千余名被征地群众。", "两千余名", 2000.0, "名", "余"),
        ("城镇新增就业1.2万。", "1.2万", 12000.0, None, None),
        ("贫困发生率下降到百分之四以下。", "百分之四", 4.0, "%", "以下"),
        ("6600多万纳税人受益。", "6600多万", 66_000_000.0, None, "多"),
        ("出境旅游人次增加到1亿3千多万。", "1亿3千多万", 130_000_000.0, None, "多"),
        ("贫困人口从两亿五千多万减少。", "两亿五千多万", 250_000_000.0, None, "多"),
        ("总人口达到十三亿四千多万人。", "十三亿四千多万人", 1_340_000_000.0, "人", "多"),
        ("运营里程增加到2万5千公里。", "2万5千公里", 25_000.0, "公里", None),
        ("份额提高2个多百分点。", "2个多百分点", 2.0, "个百分点", "多"),
        ("城镇新增就业1,244万人。", "1,244万人", 1244.0, "万人", None),
        ("增长５．２％。", "５．２％", 5.2, "%", None),
    ],
)
def test_number_forms(text, raw, value, unit, qualifier):
    [metric] = metrics_of(text)
    assert (metric.raw, metric.value, metric.unit, metric.qualifier) == (raw, value, unit, qualifier)


@pytest.mark.parametrize(
    "text, raw, value, unit",
    [
        ("全年出栏生猪13.2万头。", "13.2万头", 13.2, "万头"),
        ("新增工业机器人7900万台套。", "7900万台套", 7900.0, "万台套"),
        ("改造农村危房4.5万栋。", "4.5万栋", 4.5, "万栋"),
        ("中欧班列累计开行超过3万列。", "3万列", 3.0, "万列"),
        ("海关查验进出境船舶1200艘次。", "1200艘次", 1200.0, "艘次"),
        ("全年发射卫星60颗。", "60颗", 60.0, "颗"),
    ],
)
def test_measure_words_of_the_reference_list_compose_with_magnitudes_and_occurrences(text, raw, value, unit):
    """The value is in the unit as written (13.2万头 is 13.2 of 万头)."""
    [metric] = metrics_of(text)
    assert (metric.raw, metric.value, metric.unit) == (raw, value, unit)


def test_measure_word_compounds_with_occurrences_respect_word_boundaries():
    from speechkit.extract.metrics.units import default_units

    units = default_units()
    assert units.get("架次") is not None and units.get("万艘次") is not None
    # 名次, 位次 and 座次 are words, not counts of occurrences.
    assert units.get("名次") is None and units.get("位次") is None and units.get("座次") is None


def test_a_space_between_number_and_unit_as_pdf_text_has_it():
    assert [(m.raw, m.value, m.unit) for m in metrics_of("全市新增企业12 家，引进280 多个项目。")] == [
        ("12 家", 12.0, "家"),
        ("280 多个", 280.0, "个"),
    ]
    # A year and an ordinal stay what they are.
    assert metrics_of("2020 年召开第 3 次会议。") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("三地森林面积分别为10.6万、3.8万、3.3万平方公里。", [(10.6, "万平方公里"), (3.8, "万平方公里"), (3.3, "万平方公里")]),
        ("两地粮食产量分别为120、85万吨。", [(120.0, "万吨"), (85.0, "万吨")]),
        ("增长率分别为5、6和7%。", [(5.0, "%"), (6.0, "%"), (7.0, "%")]),
        # A bare magnitude keeps its own reading when the unit does not start with it.
        ("全年新增就业1.2万、增长3%。", [(12_000.0, None), (3.0, "%")]),
        # Years are no list members.
        ("2019、2020年连续增长。", []),
    ],
)
def test_a_unit_written_once_after_a_list_holds_for_every_member(text, expected):
    assert [(m.value, m.unit) for m in metrics_of(text)] == expected


def test_chinese_numerals():
    assert [parse_chinese(t) for t in ("三千五百", "一千八百", "一百零一", "九百六十", "十", "二〇三五")] == [3500, 1800, 101, 960, 10, 2035]
    assert parse_chinese("七十八点二") == pytest.approx(78.2)
    assert parse_chinese("千千") is None and parse_chinese("二二十") is None
    assert parse_mixed("1万6千") == 16000 and parse_mixed("1亿3千万") == 130_000_000


def test_carry_over_and_change_direction():
    text = "全年完成规上工业总产值86.4亿元，增长9.8%，增速高于全市平均水平约2.3个百分点；全社会固定资产投资总额下降3.1%。"
    metrics = metrics_of(text)
    assert [(m.indicator, m.change, m.direction) for m in metrics] == [
        ("规上工业总产值", None, None),
        ("规上工业总产值", "增长", "up"),
        ("规上工业总产值增速", "高于", "up"),
        ("全社会固定资产投资总额", "下降", "down"),
    ]
    assert all(m.period == "全年" for m in metrics[:3])


# --- the demo corpus -------------------------------------------------------------------


def test_demo_2019_real_target_versus_actual(demo_corpus):
    speech = next(s for s in demo_corpus if s.year == 2019)
    metrics = extract_metrics(speech)
    target = at(metrics, speech.text, "突破100亿元的目标", 2)
    actual = at(metrics, speech.text, "实际完成97.2亿元", 4)
    assert (target.value, target.role, actual.value, actual.role) == (100.0, "target", 97.2, "actual")
    assert target.link == actual.start and actual.link == target.start
    assert target.indicator == actual.indicator == "规上工业总产值"


def test_demo_2022_redacted_target_versus_actual(demo_corpus):
    speech = next(s for s in demo_corpus if s.year == 2022)
    metrics = extract_metrics(speech)
    target = at(metrics, speech.text, "要实现规上工业总产值*亿元", 10)
    actual = at(metrics, speech.text, "只有约*亿元", 3)
    assert (target.placeholder, target.role, actual.placeholder, actual.role) == (True, "target", True, "actual")
    assert target.link == actual.start


def test_demo_targets_of_next_year(demo_corpus):
    speech = next(s for s in demo_corpus if s.year == 2023)
    targets = [(m.indicator, m.value, m.unit, m.qualifier) for m in extract_metrics(speech) if m.role == "target" and m.year == 2024]
    assert ("城镇新增就业", 2800.0, "人", "以上") in targets
    assert ("规上工业总产值", 10.0, "%", "以上") in targets


# --- the error classes of metric extraction, on short texts -----------------------------


def triples(text: str):
    return [(m.indicator, m.value, m.unit, m.change) for m in metrics_of(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "甲、乙产业增加值分别增长6.1%、4.3%。",
            [("甲产业增加值", 6.1, "%", "增长"), ("乙产业增加值", 4.3, "%", "增长")],
        ),
        ("X和Y分别减少12%和9%。", [("X", 12.0, "%", "减少"), ("Y", 9.0, "%", "减少")]),
        ("两项标准分别提高40元和10元。", [("两项标准", 40.0, "元", "提高"), ("两项标准", 10.0, "元", "提高")]),
        (
            "化学需氧量、二氧化硫排放总量分别下降15.7%和17.5%。",
            [("化学需氧量", 15.7, "%", "下降"), ("二氧化硫排放总量", 17.5, "%", "下降")],
        ),
        (
            "城乡居民人均可支配收入分别增长8.7%和8.6%。",
            [("城镇居民人均可支配收入", 8.7, "%", "增长"), ("农村居民人均可支配收入", 8.6, "%", "增长")],
        ),
        (
            "城镇和农村人均住房面积分别比上年增加2.8平方米和5.5平方米。",
            [("城镇人均住房面积", 2.8, "平方米", "增加"), ("农村人均住房面积", 5.5, "平方米", "增加")],
        ),
        (
            "男性职工、女性职工月平均工资分别为8600元、8100元。",
            [("男性职工月平均工资", 8600.0, "元", None), ("女性职工月平均工资", 8100.0, "元", None)],
        ),
        # 及 inside 普及率 joins nothing.
        (
            "农村自来水普及率、规模化供水工程覆盖率分别达98%和92%。",
            [("农村自来水普及率", 98.0, "%", None), ("规模化供水工程覆盖率", 92.0, "%", None)],
        ),
        # Without 分别: one indicator naming as many things as there are numbers.
        (
            "小麦和玉米种植面积120万亩、85万亩。",
            [("小麦种植面积", 120.0, "万亩", None), ("玉米种植面积", 85.0, "万亩", None)],
        ),
        # One name and two numbers: not a respective list.
        ("粮食产量620万吨、增长3%。", [("粮食产量", 620.0, "万吨", None), ("粮食产量", 3.0, "%", "增长")]),
    ],
)
def test_respectively_gives_each_number_its_indicator_and_the_change(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今年中央预算内投资拟安排7000亿元。", [("中央预算内投资", 7000.0, "亿元", None)]),
        ("一次性安排500亿元技术改造专项资金。", [("技术改造专项资金", 500.0, "亿元", None)]),
        ("前三季度GDP达到1860亿元、增长6.2%。", [("GDP", 1860.0, "亿元", None), ("GDP", 6.2, "%", "增长")]),
        ("CPI上涨2%左右。", [("CPI", 2.0, "%", "上涨")]),
        ("PM2.5平均浓度下降到30微克/立方米。", [("PM2.5平均浓度", 30.0, "微克/立方米", "下降到")]),
        ("R&D经费投入强度达到2.5%。", [("R&D经费投入强度", 2.5, "%", None)]),
        ("全社会研发投入年均增长11%。", [("全社会研发投入", 11.0, "%", "增长")]),
        ("棚户区住房改造2600多万套。", [("棚户区住房改造", 2600.0, "万套", None)]),
        ("支持“自审自发”项目2146个。", [("自审自发”项目", 2146.0, "个", None)]),
        ("各项贷款新增1.91万亿元。", [("各项贷款", 1.91, "万亿元", "新增")]),
    ],
)
def test_indicator_separated_from_the_number_by_a_verb_or_adverb(text, expected):
    got = triples(text)
    assert [(i.lstrip("“") if i else i, v, u, c) for i, v, u, c in got] == expected


@pytest.mark.parametrize(
    "text",
    [
        "砥砺奋进的五年，我们走过了不平凡的历程。",
        "三年来，我们坚持稳中求进。",
        "65岁以上老年人享受补贴。",
        "08年以来的十年间，园区连续9年排名第一，连续10次获评A级。",
        "要做到五个坚持、实现三种转变。",
        "我们经历了三件大事：一是建党百年。",
        "实现主要城市间1小时通达。",
        "整治10蒸吨及以下燃煤锅炉，建成投资额百亿元以上重大项目。",
        "支持年运量150万吨以上的大型企业建设铁路专用线。",
        "这两起案件性质极为恶劣，上述3项措施要抓紧落实。",
        "下面，我讲3个问题。我想再谈两点。",
        "规划分三个阶段推进，从五个方面作出部署。",
        "这8个字、两句话，要牢记在心。",
    ],
)
def test_durations_ages_years_streaks_formulations_and_thresholds_are_not_metrics(text):
    assert metrics_of(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全市有12家企业入选全国制造业单项冠军名单。", ("入选全国制造业单项冠军名单的企业", 12.0, "家")),
        ("共有12个项目获得省级奖励。", ("获得省级奖励的项目", 12.0, "个")),
        ("今年2000多万农民工返乡创业。", ("返乡创业的农民工", 20_000_000.0, None)),
        ("85%的村庄完成污水治理。", ("完成污水治理的村庄", 85.0, "%")),
        ("全年共有52名干部被立案审查。", ("被立案审查的干部", 52.0, "名")),
        ("我校3人当选中国科学院院士。", ("当选中国科学院院士", 3.0, "人")),
        # A verb that takes the count as its object: the counted thing is the indicator.
        ("新建12所学校。", ("学校", 12.0, "所")),
        # A list member is the object of the list's verb: its words after the count name it.
        ("完成2100万千瓦火电机组、395台燃煤锅炉超低排放改造。", ("燃煤锅炉超低排放改造", 395.0, "台")),
        # A modifier (省级) ends no noun phrase: no predicate starts after it.
        ("全年512项省级审批事项一窗受理服务。", ("省级审批事项一窗受理服务", 512.0, "项")),
        # A predicate cut by the next number is not read.
        ("全区建成3家国家级孵化器。", ("国家级孵化器", 3.0, "家")),
    ],
)
def test_a_count_followed_by_its_predicate_is_a_count_of_the_event(text, expected):
    assert [(m.indicator, m.value, m.unit) for m in metrics_of(text)][-1:] == [expected]


def test_members_listed_before_one_predicate_share_it():
    text = "调查显示，90.1%的教师、85.2%的家长对课后服务感到满意。"
    assert [(m.indicator, m.value) for m in metrics_of(text)] == [
        ("对课后服务感到满意的教师", 90.1),
        ("对课后服务感到满意的家长", 85.2),
    ]


def test_a_streak_is_never_the_indicator_and_a_ratio_names_both_sides():
    assert triples("高校毕业生留本地就业连续5年超过20万人。") == [("高校毕业生留本地就业", 20.0, "万人", None)]
    assert triples("全市研发经费与地区生产总值的比率提高到2.8%。") == [
        ("研发经费与地区生产总值的比率", 2.8, "%", "提高到")
    ]


def test_a_bare_head_cut_from_its_noun_by_a_verb_keeps_them():
    assert triples("全县重点项目完成投资320亿元。") == [("重点项目完成投资", 320.0, "亿元", None)]
    assert [m.indicator for m in metrics_of("新增省级企业技术中心12家、市级工程研究中心30家。")] == [
        "省级企业技术中心",
        "市级工程研究中心",
    ]
    # The things a count just before named are the subject: 重点项目完成投资.
    assert [m.indicator for m in metrics_of("全省1200个重点项目完成投资3000亿元。")] == ["重点项目", "重点项目完成投资"]
    # A subject still cuts: 全市 is where, not what.
    assert triples("全市投资增长5%。") == [("投资", 5.0, "%", "增长")]


def test_a_share_with_its_bound_before_what_it_is_of_is_a_metric():
    assert [(m.indicator, m.value, m.qualifier) for m in metrics_of("90%以上的矛盾纠纷化解在基层。")] == [
        ("化解在基层的矛盾纠纷", 90.0, "以上")
    ]


def test_a_count_with_its_bound_is_a_count():
    assert triples("新建公办幼儿园20所以上，组建3家以上省实验室。") == [
        ("公办幼儿园", 20.0, "所", None),
        ("省实验室", 3.0, "家", None),
    ]


def test_a_one_character_stop_word_inside_a_word_does_not_cut_the_counted_thing():
    assert [m.indicator for m in metrics_of("全年有效应对23次强降水过程。")] == ["强降水过程"]
    # 增 of 增加 does not cut 项目; the bare thing counted takes the verb that counts it
    assert [m.indicator for m in metrics_of("引进12个项目增加就业岗位。")] == ["引进项目"]


def test_a_figure_without_a_name_in_its_clause_is_of_the_sentence_subject():
    assert triples("城乡低保标准逐年提高，平均达到800元。") == [("城乡低保标准", 800.0, "元", None)]
    assert [m.indicator for m in metrics_of("全市客运总量稳步增长，全年超过3亿人次。")] == ["全市客运总量"]
    # A verb alone names what the subject of the clause before did.
    assert [m.indicator for m in metrics_of("中欧班列稳定运行，累计开行超过3万列。")] == ["中欧班列累计开行"]
    # A sentence whose subject is a pronoun gives none.
    assert [m.indicator for m in metrics_of("我们深化改革，完成120亿元。")] == [None]


def test_a_note_in_brackets_neither_cuts_nor_ends_the_indicator():
    assert triples("居民消费价格（CPI）上涨2%左右。") == [("居民消费价格", 2.0, "%", "上涨")]
    assert [m.indicator for m in metrics_of("建成乡镇（街道）养老服务中心120个。")] == ["乡镇（街道）养老服务中心"]


def test_a_count_said_once_is_still_a_count():
    assert triples("引进三个项目。") == [("引进项目", 3.0, "个", None)]


def test_average_growth_over_a_period_is_one_metric():
    assert triples("地区生产总值三年年均增长5.4%。") == [("地区生产总值", 5.4, "%", "增长")]
    assert [m.period for m in metrics_of("地区生产总值三年年均增长5.4%。")] == ["三年"]


@pytest.mark.parametrize(
    "text, raw, low, high, unit",
    [
        ("人均年收入3—5万元。", "3—5万元", 3.0, 5.0, "万元"),
        ("增速提高1至2个百分点。", "1至2个百分点", 1.0, 2.0, "个百分点"),
        ("增长3%-5%。", "3%-5%", 3.0, 5.0, "%"),
        ("人均补助三至五万元。", "三至五万元", 3.0, 5.0, "万元"),
    ],
)
def test_ranges_have_low_and_high(text, raw, low, high, unit):
    [metric] = metrics_of(text)
    assert (metric.raw, metric.value, metric.low, metric.high, metric.unit) == (raw, low, low, high, unit)


def test_years_and_codes_are_no_ranges():
    assert metrics_of("《规划（2021—2025年）》，电话0471-1234567。") == []


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("森林覆盖率超过95%。", "超过"),
        ("粮食产量不低于1.3万亿斤。", "不低于"),
        ("城镇新增就业1200万人以上。", "以上"),
        ("城镇调查失业率5.5%左右。", "左右"),
        ("外贸进出口总额力争达到100亿元。", "力争"),
    ],
)
def test_qualifiers(text, qualifier):
    [metric] = metrics_of(text)
    assert metric.qualifier == qualifier and metric.indicator is not None


def test_shares_written_as_fractions():
    assert [(m.indicator, round(m.value, 4), m.unit) for m in metrics_of("清洁能源消费占比达到四分之一。")] == [
        ("清洁能源消费占比", 0.25, None)
    ]
    assert [round(m.value, 4) for m in metrics_of("研发投入的三分之二来自企业。")] == [0.6667]
    # 百分之 and 千分之 stay units.
    assert [(m.value, m.unit) for m in metrics_of("贫困发生率降到百分之十。")] == [(10.0, "%")]


def test_unitless_ratios_and_ratio_series():
    assert triples("城乡居民收入倍差缩小到2.05。") == [("城乡居民收入倍差", 2.05, None, "缩小到")]
    assert triples("三次产业比重为4.0∶37.7∶58.3。") == [("三次产业比重", v, None, None) for v in (4.0, 37.7, 58.3)]
    assert metrics_of("会议于9:30开始。") == []


def test_each_number_takes_the_noun_phrase_that_names_it():
    text = "城镇调查失业率平均为5.2%。居民消费价格上涨0.2%，技术合同成交额增长28.6%，新能源汽车产销量占全球比重超过60%。"
    assert [m.indicator for m in metrics_of(text)] == ["城镇调查失业率", "居民消费价格", "技术合同成交额", "新能源汽车产销量占全球比重"]


def test_a_comparison_in_brackets_is_a_metric_of_its_place():
    assert triples("地区生产总值增长5.1%（全省增长4.6%）。") == [
        ("地区生产总值", 5.1, "%", "增长"),
        ("全省地区生产总值", 4.6, "%", "增长"),
    ]


def test_latin_units_but_not_latin_codes():
    assert triples("新能源电池产能达55GWh，算力规模突破160 Eflops，建成5G基站1万个。") == [
        ("新能源电池产能", 55.0, "GWh", None),
        ("算力规模", 160.0, "Eflops", None),
        ("5G基站", 1.0, "万个", None),
    ]


def test_gold_precision_and_recall_hold(real_dir, seed_path):
    """The hand-read gold of tests/gold/metrics that the rules were written on (the files
    read before the tuning/sealed split; read against the real documents and the seed,
    so skipped where they are absent): metric triples at 0.90 or better."""
    rows = {row["class"]: row for row in evaluate_gold(GOLD)}
    seen = rows["triples read before the split"]
    assert seen["tp"] > 250
    assert seen["precision"] >= 0.90 and seen["recall"] >= 0.90, seen


# --- bounded context ----------------------------------------------------------------------


def test_context_is_bounded_around_the_number():
    """A paragraph without sentence punctuation does not copy itself into every metric."""
    text = "园区完成投资12亿元增长5%" * 2000
    metrics = metrics_of(text)
    assert len(metrics) == 4000
    assert max(len(m.sentence) for m in metrics) <= 2 * CONTEXT + max(len(m.raw) for m in metrics)
    middle = metrics[2000]
    assert middle.raw in middle.sentence and middle.sentence in text


def test_context_is_the_whole_sentence_when_short():
    text = "前言。城镇新增就业1244万人，城镇调查失业率平均为5.2%。后记。"
    assert {m.sentence for m in metrics_of(text)} == {"城镇新增就业1244万人，城镇调查失业率平均为5.2%。"}


# --- properties and output -------------------------------------------------------------

ALPHABET = list("0123456789.,%％一二两三十百千万亿〇○零元亿个项人亩年月日多余约超增长下降比上年完成目标实际只有，。；：、“”（）*×X\n 的和—至分别岁全省∶:G")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=80))
def test_spans_slice_back_for_any_text(text):
    metrics = metrics_of(text)
    starts = [m.start for m in metrics]
    assert starts == sorted(starts)
    for metric in metrics:
        assert text[metric.start : metric.end] == metric.raw
        assert (metric.value is None) == metric.placeholder
        assert metric.link is None or metric.link in starts


def test_metrics_json_follows_the_contract(seed):
    data = metrics_json(seed)
    json.dumps(data, ensure_ascii=False)
    assert set(data) == {"metrics", "placeholders"}
    keys = {"indicator", "value", "raw", "unit", "qualifier", "change", "placeholder", "start", "end", "sentence"}
    assert all(keys <= set(m) for m in data["metrics"])
    assert len(data["placeholders"]) == 86


def test_cli_metrics_json_and_csv(seed_path):
    from typer.testing import CliRunner

    from speechkit.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["metrics", str(seed_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert any(m["indicator"] == "收储土地" and m["unit"] == "亩" and m["value"] is None for m in data)
    result = runner.invoke(app, ["metrics", str(seed_path), "-f", "csv"])
    assert result.exit_code == 0 and result.output.splitlines()[0].startswith("indicator,value,raw,unit")


def test_cli_metrics_missing_file_is_a_one_line_error(tmp_path):
    from typer.testing import CliRunner

    from speechkit.cli import app

    result = CliRunner().invoke(app, ["metrics", str(tmp_path / "absent.txt")])
    assert result.exit_code != 0


# --- indicator × year ------------------------------------------------------------------


def test_indicator_table_of_the_demo_corpus(demo_corpus):
    from speechkit.analysis.by_group.metrics import REDACTED, indicator_table

    results = demo_corpus.results()
    table = indicator_table(results)
    assert list(table.columns) == [2018, 2019, 2020, 2021, 2022, 2023]
    assert list(table.loc[("规上工业总产值", "亿元")]) == [86.4, 97.2, REDACTED, 121.5, REDACTED, 142.3]
    assert list(table.loc[("规上工业总产值增长", "%")]) == [9.8, 12.5, REDACTED, 16.7, REDACTED, 11.2]
    # 全社会固定资产投资总额 and 政府专项债 are compared under their canonical names.
    assert list(table.loc[("全社会固定资产投资", "亿元")]) == [52.3, 58.9, REDACTED, 66.4, REDACTED, 75.8]
    assert list(table.loc[("地方政府专项债券", "亿元")]) == [1.5, 2.8, REDACTED, 4.2, REDACTED, 6.1]
    assert list(table.loc[("城镇新增就业", "人")]) == [2100.0, 2350.0, REDACTED, 2600.0, REDACTED, 2800.0]
    assert ("城镇新增就业（目标）", "人") not in table.index
    with_targets = indicator_table(results, include_targets=True)
    assert with_targets.loc[("城镇新增就业（目标）", "人"), 2019] == 2300.0


def test_indicator_table_converts_units_and_skips_undated_speeches():
    from speechkit.analysis.by_group.metrics import indicator_table
    from speechkit.corpus import Corpus
    from speechkit.model import Metadata

    written = [("a", "全年发行政府专项债2.8亿元。", 2020), ("b", "全年发行地方政府专项债券35000万元。", 2021),
               ("c", "全年发行专项债4亿元，增长*。", 2022), ("undated", "全年发行专项债9.9亿元。", None)]
    speeches = [Speech(text, Metadata(year=year, title=f"{year or ''}年度工作总结"), name=name) for name, text, year in written]
    table = indicator_table(Corpus(speeches).results())
    assert list(table.columns) == [2020, 2021, 2022]
    assert list(table.loc[("地方政府专项债券", "亿元")]) == [2.8, 3.5, 4.0]
    assert table.loc[("地方政府专项债券增长", "%"), 2022] == "redacted"
    assert table.attrs["ungrouped"] == ["undated"]


def test_cli_metrics_by_year(tmp_path, demo_corpus):
    """``metrics --by-year`` prints the table analyze writes: the figures by the year they are for."""
    import pandas as pd
    from typer.testing import CliRunner

    from speechkit.analysis.by_group.metrics import indicators_by_year_wide
    from speechkit.cli import app

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    result = CliRunner().invoke(app, ["metrics", str(corpus), "--by-year", "-f", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    row = next(r for r in rows if r["indicator"] == "收储土地")
    assert row["unit"] == "亩" and row["kind"] == "outcome"
    assert row["values"] == {"2018": 1200.0, "2019": 850.0, "2020": "redacted", "2021": 1560.0, "2022": "redacted", "2023": 980.0}
    # Targets are rows of their own, under the year they are set for.
    target = next(r for r in rows if r["indicator"] == "fixed_investment_growth" and r["kind"] == "target")
    assert target["values"]["2019"] == 12.0
    wide = indicators_by_year_wide(demo_corpus.results())
    assert [(r["place"], r["indicator"], r["kind"], r["unit"]) for r in rows] == \
        list(wide[["place", "indicator", "kind", "unit"]].itertuples(index=False, name=None))
    written = CliRunner().invoke(app, ["metrics", str(corpus), "--by-year", "-f", "csv", "-o", str(tmp_path / "wide.csv")])
    assert written.exit_code == 0, written.output
    analyzed = pd.read_csv(tmp_path / "wide.csv", keep_default_na=False)
    assert list(analyzed.columns) == [str(c) for c in wide.columns] and len(analyzed) == len(wide)
