"""Shapes of provincial reviews that hold across reports: the capacity that opens a plant's
name sizes the plant and a count opening a clause that goes on to a figure of the things
counted names their set (neither is a metric); a fund named right after an amount of money is what
the amount measures; a bare measure after 的 is named by the clause before it; those a measure reached are
counted with the verb of reach."""

from __future__ import annotations

import pytest

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech
from metric_probe import indicator_in_document


def metric_at(text: str, raw: str):
    """The metric written ``raw`` in ``text`` (first match), or None."""
    start = text.index(raw)
    return next((m for m in extract_metrics(Speech(text)) if m.start == start), None)


def metrics_of(text: str) -> list[tuple[str, float | None]]:
    return [(m.raw, m.indicator) for m in extract_metrics(Speech(text))]


# --- a capacity opening the name of a plant ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("全市最大的80万吨丙烯腈聚合物项目建成投产。", "80万吨"),
        ("60万吨EVA光伏材料示范项目一期开工。", "60万吨"),  # Latin letters open the name
        ("45万吨铝材升级改造项目开工建设。", "45万吨"),  # a verbal noun inside the name
        ("200万吨/年煤焦油深加工、500万吨/年煤炭分级利用项目启动建设。", "200万吨"),  # a list of plants
        ("建成首个年产百万吨国家级页岩气示范区。", "百万吨"),
        ("10万千瓦光热示范工程并网发电。", "10万千瓦"),
    ],
)
def test_a_capacity_opening_a_plant_name_is_no_metric(text, raw):
    assert metric_at(text, raw) is None


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("新增煤炭产能3095万吨/年，新建火力发电600万千瓦。", "3095万吨", "煤炭产能"),
        ("新增煤炭产能3095万吨/年，新建火力发电600万千瓦。", "600万千瓦", "火力发电"),
        ("完成2100万千瓦火电机组、2812万吨钢铁产能超低排放改造。", "2100万千瓦", "火电机组"),
        ("全年完成造林绿化60万亩，实施重点生态工程12个。", "60万亩", "造林绿化"),
    ],
)
def test_an_amount_reached_stays_a_metric(text, raw, indicator):
    metric = metric_at(text, raw)
    assert metric is not None and indicator in metric.indicator


def test_capacities_of_plants_in_a_tuning_review(provinces_dir):
    """Ningxia 2025: three plants named by their capacity are no metrics; the output of
    coal and the installed power of the same paragraph are."""
    text = (provinces_dir / "govreport-ningxia-2025.txt").read_text(encoding="utf-8")
    by_start = {m.start: m for m in extract_metrics(Speech(text))}
    for plant in ("25万吨煤基乙烯聚合物项目", "300万吨CCUS碳利用示范项目", "135万吨聚烯烃升级改造项目"):
        assert text.index(plant) not in by_start, plant
    assert by_start[text.index("7500万千瓦")].indicator == "电力总装机"
    assert by_start[text.index("1亿吨")].indicator == "煤炭产量"


# --- a fund named after the amount ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("下达8.5亿元就业补助资金。", "8.5亿元", "就业补助资金"),
        ("统筹用好中央6.4亿元衔接推进乡村振兴补助资金，支持产业发展。", "6.4亿元", "衔接推进乡村振兴补助资金"),
        ("消费市场持续回暖，3.2亿元以旧换新补贴拉动消费40亿元。", "3.2亿元", "以旧换新补贴"),
        ("全市12.6亿元惠企资金直达市场主体。", "12.6亿元", "惠企资金"),
        ("省级财政安排3亿元专项资金支持企业。", "3亿元", "专项资金"),  # as before
    ],
)
def test_a_fund_named_after_the_amount_is_measured(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("落实5亿元补贴政策，惠及企业。", "5亿元"),  # 补贴政策 names a policy
        ("筹措3亿元撬动新增贷款20亿元。", "3亿元"),  # the loans leveraged are another amount
        ("安排衔接资金3.9亿元实施产业奖补到户。", "3.9亿元"),  # what the money does
    ],
)
def test_no_fund_is_read_where_the_noun_goes_on_or_changes(text, raw):
    metric = metric_at(text, raw)
    assert metric is None or metric.indicator not in ("补贴", "新增贷款", "贷款", "实施产业奖补")


def test_funds_named_after_amounts_in_tuning_reviews(provinces_dir):
    """Xinjiang 2025 and Qinghai 2026 write a fund after its amount."""
    cases = {
        "govreport-xinjiang-2025.txt": ("149.2亿元", "乡村振兴补助资金"),
        "govreport-qinghai-2026.txt": ("20.3亿元", "以旧换新补贴"),
    }
    for name, (raw, indicator) in cases.items():
        text = (provinces_dir / name).read_text(encoding="utf-8")
        by_start = {m.start: m for m in extract_metrics(Speech(text))}
        assert indicator in by_start[text.index(raw)].indicator, name


# --- a bare measure named by the clause before its 的 -------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("但各级财政用于教育的比例达到18%。", "18%", "财政用于教育的比例"),  # 但, 各级 open it
        ("争取专项债券、国债等用于投资的资金超800亿元。", "800亿元", "用于投资的资金"),
        ("今年新增的产值达到30亿元。", "30亿元", "新增的产值"),  # the time word is no part of it
        ("我们的目标是增长5%。", "5%", "目标"),  # a pronoun names nothing
        ("全省符合条件的企业数量达到300家。", "300家", "企业数量"),  # not bare: as before
    ],
)
def test_a_bare_measure_is_named_by_its_relative_clause(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


def test_relative_clauses_in_tuning_reports(real_dir, provinces_dir):
    """The national report 2015 and Guangxi 2025 name a share and a fund by a clause."""
    cases = {
        real_dir / "govreport-2015.txt": ("财政用于民生的比例达到70%", "70%", "财政用于民生的比例"),
        provinces_dir / "govreport-guangxi-2025.txt": ("用于投资的资金超1200亿元", "1200亿元", "用于投资的资金"),
    }
    for path, (context, raw, indicator) in cases.items():
        assert indicator_in_document(path, context, raw) == indicator, path.name


# --- those reached, counted with the verb of reach -----------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("新增贷款稳步增长，惠及经营主体3.6万户。", "3.6万户", "惠及经营主体"),
        ("惠及超12万户家庭。", "12万户", "惠及家庭"),
        ("减税降费政策落地，200多万户企业受益。", "200多万户", "受益企业"),
        ("免费体检使80万个家庭受益。", "80万个", "受益家庭"),
        ("带动上下游企业300余家。", "300余家", "带动上下游企业"),
        ("新增城镇就业岗位3.1万个。", "3.1万个", "新增城镇就业岗位"),  # no verb of reach: as before
    ],
)
def test_those_reached_are_counted_with_the_verb(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


def test_those_reached_in_tuning_reports(real_dir, provinces_dir):
    """The national report 2014 and Guangxi 2025 count enterprises, families and market
    entities reached."""
    cases = {
        real_dir / "govreport-2014.txt": ("600多万户企业受益", "600多万户", "受益企业"),
        provinces_dir / "govreport-guangxi-2025.txt": ("惠及经营主体10.4万户", "10.4万户", "惠及经营主体"),
    }
    for path, (context, raw, indicator) in cases.items():
        assert indicator_in_document(path, context, raw) == indicator, path.name


# --- a lone 万 announced as a number ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("中欧班列年开行突破万列。", "万列", 1.0, "万列"),
        ("“乐购”促消费活动超万场。", "万场", 1.0, "万场"),
        ("旅游综合收入突破万亿元。", "万亿元", 1.0, "万亿元"),
        ("汇聚上万家生态伙伴。", "万家", 1.0, "万家"),
    ],
)
def test_a_lone_ten_thousand_announced_is_one_of_it(text, raw, value, unit):
    metric = metric_at(text, raw)
    assert (metric.value, metric.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    ["成千上万的群众参与志愿服务。", "万众一心，走进千家万户。", "上亿群众喜迁新居。"],
)
def test_no_number_is_read_in_idioms_or_a_vague_yi(text):
    assert not extract_metrics(Speech(text))


def test_a_lone_ten_thousand_in_a_tuning_review(provinces_dir):
    """Guangxi 2025 counts the trains of a corridor as 突破万列."""
    text = (provinces_dir / "govreport-guangxi-2025.txt").read_text(encoding="utf-8")
    at = text.index("突破万列") + len("突破")
    metric = next(m for m in extract_metrics(Speech(text)) if m.start == at)
    assert (metric.value, metric.unit, metric.indicator) == (1.0, "万列", "西部陆海新通道海铁联运班列年开行")


# --- a measure opening the clause after a figure -------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("棉花增产12万吨，总产560万吨。", "560万吨", "棉花总产"),
        ("粮食生产再获丰收，总产达到557亿斤。", "557亿斤", "粮食总产"),  # no figure before: as before
    ],
)
def test_a_measure_opening_a_clause_is_of_the_things_named_before(text, raw, indicator):
    assert metric_at(text, raw).indicator == indicator


def test_a_measure_after_a_figure_in_a_tuning_review(provinces_dir):
    """Xinjiang 2025: 粮食增产42.2亿斤，总产466亿斤."""
    text = (provinces_dir / "govreport-xinjiang-2025.txt").read_text(encoding="utf-8")
    at = text.index("总产466亿斤") + len("总产")
    assert next(m for m in extract_metrics(Speech(text)) if m.start == at).indicator == "粮食总产"
