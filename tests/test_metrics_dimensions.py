"""The unit's dimension must suit the indicator (a count of people is no output, an area no
investment), and the indicator is a name, not a piece of the predicate: adverbs and verbs of
state (都, 保持, 继续) left out, a verb alone giving way to the thing after
the number, a list of figures read across their qualifiers and time bases (分别 …以上、…左右)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import SHARED, _need
from speechkit.extract.metrics.dimensions import RATIO_KINDS, head_kinds, suits
from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.metrics.units import default_units
from speechkit.speech import Speech


def triples(text: str) -> list[tuple[str, str | None]]:
    return [(m.raw, m.indicator) for m in extract_metrics(Speech(text))]


# --- the unit → dimension inventory ---------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "unit", "expected"),
    [
        ("粮食总产量", "万人", False),
        ("粮食总产量", "万吨", True),
        ("生猪产量", "万头", True),
        ("固定资产投资", "万亩", False),
        ("固定资产投资", "亿元", True),
        ("固定资产投资", "%", True),  # a rate of change suits every quantity
        ("常住人口城镇化率", "%", True),
        ("常住人口城镇化率", "万人", False),
        ("全员劳动生产率", "万元", True),  # a rate in money per head, not a share
        ("播种面积", "万亩", True),
        ("播种面积", "万吨", False),
        ("涉案人员", "名", True),
        ("农村贫困人口", "户", True),  # people are counted by household too
        ("降低存款准备金率", "次", True),  # how often an action happened suits every name
        ("骨干水源工程", "个", True),  # a head the inventory does not list asks for nothing
    ],
)
def test_a_unit_suits_an_indicator_by_the_dimension_of_its_head(indicator, unit, expected):
    assert suits(indicator, default_units().get(unit)) is expected


@given(st.text(alphabet="产量投资面积率人口收入工程项目企业", min_size=1, max_size=8), st.sampled_from(sorted(RATIO_KINDS)))
@example("城镇化率", "percent")
def test_a_ratio_suits_every_listed_head_and_a_missing_name_or_unit_suits_all(indicator, kind):
    kinds = head_kinds(indicator)
    assert kinds is None or kind in kinds
    assert suits(indicator, None) and suits(None, default_units().get("万人"))


def test_a_count_of_people_does_not_take_the_output_named_before():
    text = "谷物总产量稳居世界首位，十四亿多人的粮食安全得到有效保障。"
    assert dict(triples(text))["十四亿多人"] is None


def test_a_name_the_unit_cannot_measure_is_not_replaced_by_another_from_the_sentence():
    text = "农业龙头企业实现全覆盖，14个重点产业产值占农林牧渔业总产值的80%以上。"
    # 14个 names the set the share is of (no metric), and takes no name from the clause before
    assert dict(triples(text)).get("14个") is None


def test_a_figure_carried_over_keeps_an_indicator_it_can_measure():
    text = "粮食总产量达到557亿斤，增长1.6%。"
    assert triples(text) == [("557亿斤", "粮食总产量"), ("1.6%", "粮食总产量")]


# --- the name without the predicate's words ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主要河流出境断面水质优良率保持100%。", [("100%", "主要河流出境断面水质优良率")]),
        ("粮食产量继续保持500亿斤以上。", [("500亿斤", "粮食产量")]),
    ],
)
def test_adverbs_and_verbs_of_state_are_no_part_of_the_name(text, expected):
    assert triples(text) == expected



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("继续安排300亿元财政资金。", [("300亿元", "财政资金")]),
        ("加快42个在建普通国道项目建设。", [("42个", "在建普通国道项目建设")]),
        ("省级统筹实施1000公里普通国道低等级路段升级改造。", [("1000公里", "普通国道低等级路段升级改造")]),
    ],
)
def test_a_verb_alone_before_the_number_gives_way_to_the_thing_after_it(text, expected):
    assert triples(text) == expected


# --- lists of figures across their qualifiers and time bases -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("城乡低保平均标准分别提高至778元/月、6818元/年。", [("778元", "城镇低保平均标准"), ("6818元", "农村低保平均标准")]),
        (
            "城镇和农村居民人均可支配收入分别增长5%左右、7%左右。",
            [("5%", "城镇居民人均可支配收入"), ("7%", "农村居民人均可支配收入")],
        ),
        (
            "集中养育和社会散居孤儿最低养育标准分别提高至1900元/月、1400元/月。",
            [("1900元", "集中养育孤儿最低养育标准"), ("1400元", "社会散居孤儿最低养育标准")],
        ),
        (
            "第一、第二产业增加值分别增长3.5%以上、7%以上。",
            [("3.5%", "第一产业增加值"), ("7%", "第二产业增加值")],
        ),
    ],
)
def test_a_respective_list_is_read_across_qualifiers_and_time_bases(text, expected):
    assert triples(text) == expected


def test_figures_of_a_provincial_report_take_names_they_can_measure():
    """On a provincial report outside the gold: no figure named by a head noun whose
    dimension its unit cannot measure, and no indicator left ending in 保持."""
    path = _need(SHARED / "provinces" / "govreport-guizhou-2025.txt")
    units = default_units()
    metrics = extract_metrics(Speech(path.read_text(encoding="utf-8")))
    assert len(metrics) > 200
    assert all(suits(m.indicator, units.get(m.unit)) for m in metrics if m.unit)
    assert not [m.indicator for m in metrics if m.indicator and m.indicator.endswith("保持")]


# --- a verb and its object around the count ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("出台25条举措，梳理明确164条县域重点产业链。", "25条", "出台举措"),
        ("制定12份文件。", "12份", "制定文件"),
        ("召开七次全会。", "七次", "全会"),  # occurrences: the event names itself
        ("完成309万亩造林、480万亩种草改良。", "309万亩", "造林"),  # a verb of reaching adds nothing
        ("开展8轮巡视。", "8轮", "巡视"),  # a light verb says nothing of what was done
    ],
)
def test_a_bare_thing_counted_after_the_number_takes_its_verb(text, raw, expected):
    assert dict(triples(text))[raw] == expected


def test_a_list_member_after_a_light_verb_takes_the_things_of_the_member_before():
    text = "推动低效用地上图入库27.8万亩、实施再开发5.6万亩。"
    assert dict(triples(text))["5.6万亩"] == "低效用地再开发"


# --- measures of the same things listed together -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("粮食播种面积4157万亩、产量1146.1万吨。", [("4157万亩", "粮食播种面积"), ("1146.1万吨", "粮食产量")]),
        ("规上工业增加值增长5%、利润3%。", [("5%", "规上工业增加值"), ("3%", "规上工业利润")]),
        # things, not measures: each names itself
        ("建成碧道7960公里、碧带330公里。", [("7960公里", "碧道"), ("330公里", "碧带")]),
    ],
)
def test_a_measure_listed_after_a_measure_is_of_the_same_things(text, expected):
    assert triples(text) == expected


def test_changes_listed_after_as_many_levels_are_their_changes_in_order():
    text = "全区接待游客2.73亿人次、实现收入4140亿元，增长18.6%和23.4%。"
    found = [(m.raw, m.indicator, m.change) for m in extract_metrics(Speech(text))]
    assert found[2:] == [("18.6%", "接待游客", "增长"), ("23.4%", "收入", "增长")]


@pytest.mark.parametrize(
    "text",
    [
        "粮食产量500万吨，增长2%、3%。",  # one level: nothing to distribute
        "地区生产总值5000亿元、财政收入300亿元；增长5%和6%。",  # another clause of the list
    ],
)
def test_changes_are_not_distributed_without_as_many_levels_in_the_clause_before(text):
    changes = [m for m in extract_metrics(Speech(text)) if m.unit == "%"]
    assert len({m.indicator for m in changes}) == 1


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("对全部477名涉案人员严肃处理。", "477名", "严肃处理的涉案人员"),
        ("全年36名违纪干部依法查处。", "36名", "依法查处的违纪干部"),
        # a two-character verb after the noun may be cut from the name: no event reading
        ("20种蔬菜获得绿色食品标志认证。", "20种", "获得绿色食品标志认证的蔬菜"),
        ("已有24台天文望远镜投入观测。", "24台", "投入观测的天文望远镜"),
        ("十件民生实事全部如期完成。", "十件", "如期完成的民生实事"),
        # an adverbial before the verb: the words before it are no noun phrase
        ("13个设区市经济总量都不同程度有所增加。", "13个", "设区市经济总量"),
    ],
)
def test_a_count_whose_noun_ends_with_one_long_verb_counts_the_event(text, raw, expected):
    assert dict(triples(text))[raw] == expected


def test_a_light_verb_alone_is_no_indicator():
    text = "从今年下半年开始自上而下分两批进行，明年7月基本完成。"
    assert dict(triples(text))["两批"] is None


def test_a_volume_in_kilolitres_composes_with_a_magnitude():
    found = extract_metrics(Speech("新增优质白酒产能5万千升。"))
    assert [(m.indicator, m.value, m.unit) for m in found] == [("优质白酒产能", 5.0, "万千升")]
    assert default_units().to_base(5.0, "万千升") == (50000.0, "立方米")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市建成区绿地率达41.2%。", [("41.2%", "建成区绿地率")]),
        ("高校毕业生初次毕业去向落实率85%。", [("85%", "高校毕业生初次毕业去向落实率")]),
        ("园区实现规上工业总产值500亿元。", [("500亿元", "规上工业总产值")]),  # a boundary word of its own still cuts
    ],
)
def test_a_boundary_read_inside_a_longer_word_does_not_cut_the_name(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("完成1200户规模以上工业企业数字化改造。", [("1200户", "规模以上工业企业数字化改造")]),
        ("地区生产总值突破10亿元大关。", [("10亿元", "地区生产总值")]),  # 大关 names no thing
    ],
)
def test_a_word_naming_no_thing_stops_the_thing_only_as_a_word_of_its_own(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "raw", "expected"),
    [
        ("实施省重点项目1000个，完成投资1万亿元。", "1万亿元", "省重点项目完成投资"),
        ("推进2000个省级重点项目、完成投资9800亿元以上。", "9800亿元", "省级重点项目完成投资"),
        ("地区生产总值5000亿元，实现收入300亿元。", "300亿元", "收入"),  # no things counted before
    ],
)
def test_a_bare_investment_after_a_count_of_things_is_theirs(text, raw, expected):
    assert dict(triples(text))[raw] == expected


def test_an_averaged_generic_measure_is_of_the_indicator_carried_over():
    text = "社会物流总额2020年超过300万亿元，年均增速达5.6%。"
    assert triples(text) == [("300万亿元", "社会物流总额"), ("5.6%", "社会物流总额年均增速")]
