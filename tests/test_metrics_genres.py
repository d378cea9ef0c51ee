"""Metrics in the genres with few figures (party congress reports, speeches, plans):
Chinese numerals with a magnitude inside, counts that restate the list naming what
they count, and round sizes that rate a kind of plant or base.

Each rule is shown on sentences written for the test (what it drops or reads, and what
it must keep) and on tuning documents of the gold, by path."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.metrics.numbers import numeral_before_magnitude
from speechkit.speech import Speech

CN = "零一二三四五六七八九"


def metrics_of(text: str) -> dict[str, tuple]:
    """``raw -> (value, unit)`` of the metrics of ``text``."""
    return {m.raw: (m.value, m.unit) for m in extract_metrics(Speech(text))}


def chinese_below_hundred(n: int) -> str:
    """1–99 in Chinese numerals as reports write them (十四, 二十, 九十九)."""
    tens, units = divmod(n, 10)
    written = ("" if tens == 1 else CN[tens]) + "十" if tens else ""
    return written + (CN[units] if units else "")


def chinese_thousands(thousands: int, hundreds: int) -> str:
    """A number of thousands and hundreds (四千, 四千三百) in Chinese numerals."""
    return CN[thousands] + "千" + (CN[hundreds] + "百" if hundreds else "")


@pytest.mark.parametrize(
    ("written", "numeral"),
    [("一千三百万", "一千三百"), ("十四亿", "十四"), ("一万二千亿", "一万二千"), ("一百一十四万亿", "一百一十四"),
     ("十亿四千万", "十亿四千万"), ("两亿五千万", "两亿五千万"), ("三千五百", "三千五百")],
)
def test_magnitude_at_the_end_multiplies_the_number_unless_a_larger_one_is_inside(written, numeral):
    assert numeral_before_magnitude(written) == numeral


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("基本养老保险覆盖十亿四千万人。", "十亿四千万人", 1_040_000_000, "人"),
        ("全省常住人口两亿五千万人。", "两亿五千万人", 250_000_000, "人"),
        ("全年投入资金一亿二千万元。", "一亿二千万元", 120_000_000, "元"),
        # the magnitude alone at the end stays with the unit, as written
        ("城镇新增就业一千三百万人以上。", "一千三百万人", 1300, "万人"),
        ("粮食生产能力达到一万二千亿斤。", "一万二千亿斤", 12000, "亿斤"),
        ("我国有十四亿多人口。", "十四亿多", 1_400_000_000, None),
    ],
)
def test_chinese_numerals_with_a_magnitude_inside_keep_their_value(text, raw, value, unit):
    assert metrics_of(text)[raw] == (value, unit)


@given(st.integers(1, 99), st.integers(1, 9), st.integers(0, 9))
@example(10, 4, 0)  # 十亿四千万人: read (十亿四千)万人 before
def test_hundred_millions_and_ten_thousands_add_up(hundred_millions, thousands, hundreds):
    written = chinese_below_hundred(hundred_millions) + "亿" + chinese_thousands(thousands, hundreds) + "万"
    expected = hundred_millions * 100_000_000 + (thousands * 1000 + hundreds * 100) * 10_000
    assert metrics_of(f"参保人数达到{written}人。")[written + "人"] == (expected, "人")


def test_party_congress_figures_in_chinese_numerals(real_dir):
    text = (real_dir / "party-congress-20.txt").read_text(encoding="utf-8")
    found = metrics_of(text)
    assert found["十亿四千万人"] == (1_040_000_000, "人")
    assert found["十亿三千万人"] == (1_030_000_000, "人")
    assert found["九千六百多万名"] == (9600, "万名")


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        ("推翻帝国主义、封建主义、官僚资本主义三座大山，建成水库5座。", "三座", "5座"),
        ("经济总量连跨5万亿元、6万亿元两个台阶。", "两个", "6万亿元"),
        ("建成六盘山和贺兰山两个实验室，新增3个省级重点实验室。", "两个", "3个"),
    ],
)
def test_a_count_restating_the_list_that_names_its_members_is_no_metric(text, dropped, kept):
    found = metrics_of(text)
    assert dropped not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # as many things as the list names, but more things than one list: a count
        ("新建学校和医院三所。", "三所"),
        # things that did something are counted
        ("加快省和深圳前海两个区域股权交易市场扩容提质。", "两个"),
        # a list of what describes the things, before 的, names none of them
        ("投资近千亿元、全长1.3万公里的三个旅游公路项目建成。", "三个"),
        # statistics in Arabic digits count, whatever is listed before them
        ("南京、苏州2个城市入选。", "2个"),
    ],
)
def test_counts_that_do_not_restate_a_list_stay_metrics(text, kept):
    assert kept in metrics_of(text)


def test_party_congress_count_of_the_three_mountains_is_no_metric(real_dir):
    text = (real_dir / "party-congress-19.txt").read_text(encoding="utf-8")
    starts = {m.start for m in extract_metrics(Speech(text))}
    assert text.index("三座大山") not in starts
    assert text.index("一千五百多项") in starts


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        ("加快洛阳石化百万吨乙烯项目建设，全年原油产量达到1200万吨。", "百万吨", "1200万吨"),
        ("建设千亿立方米天然气生产基地，天然气产量增长8%。", "千亿立方米", "8%"),
    ],
)
def test_a_round_size_before_a_thing_rates_a_kind_of_plant(text, dropped, kept):
    found = metrics_of(text)
    assert dropped not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("南港工业区产值突破千亿元。", "千亿元"),  # a bound announces an amount reached
        ("年实际使用外资保持在千亿元以上。", "千亿元"),  # nothing rated after it
        ("纺织服装全产业链带动就业超百万人。", "百万人"),  # a count of people
    ],
)
def test_round_amounts_reached_stay_metrics(text, raw):
    assert raw in metrics_of(text)


def metric_at_raw(text: str, raw: str):
    return next(m for m in extract_metrics(Speech(text)) if m.raw == raw)


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        # the first character of a unit is no part of the numeral before it
        ("新增发电装机容量三亿五千万千瓦。", "三亿五千万千瓦", 350_000_000, "千瓦"),
        ("建成农村公路一千二百千米。", "一千二百千米", 1200, "千米"),
        # ... where the numeral is whole with it
        ("人均补助三万五千元。", "三万五千元", 35000, "元"),
        # 一 counts a multiple: the ratio of a doubling
        ("农民人均纯收入增长了一倍多。", "一倍", 1, "倍"),
        # hours of instruction are counted, they are no span of time
        ("每名教师每年参加人工智能培训不少于20学时。", "20学时", 20, "学时"),
    ],
)
def test_chinese_numerals_before_units_and_multiples(text, raw, value, unit):
    assert metrics_of(text)[raw] == (value, unit)


def test_a_lone_one_is_still_no_count():
    assert metrics_of("建成一批重点项目，新增一个园区。") == {}


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        # a count bounding the measure named before it, before 的: a class of things
        ("揭阳潮汕机场成为全省第4个吞吐量超千万人次的机场，旅客吞吐量增长9%。", "千万人次", "9%"),
        ("年接待游客超过500万人次的景区有12个。", "500万人次", "12个"),
        # the sessions of a body listed with their names are ordinals
        ("按照省委十三届五次全会、六次全会部署，新增就业5万人。", "六次", "5万人"),
    ],
)
def test_bounds_of_a_class_and_listed_sessions_are_no_metrics(text, dropped, kept):
    found = metrics_of(text)
    assert dropped not in found
    assert kept in found


@pytest.mark.parametrize(
    "text",
    [
        "全省常住人口超过1000万人。",  # no thing after: the count itself
        "选派超千名科技特派员服务企业。",  # the things counted follow the bound
        "惠及超100万人的政策全面落地。",  # a verb, not a measure, before the bound
    ],
)
def test_bounded_counts_of_people_stay_metrics(text):
    assert any(unit in ("万人", "名") for _, unit in metrics_of(text).values())


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        # a counter before a word the segmenter reads whole is a counter
        ("评选表彰100名优秀党员。", "100名", 100, "名"),
        ("要培养一千万名优秀教师。", "一千万名", 1000, "万名"),
        ("200名校长参加培训。", "200名", 200, "名"),
        ("新建8个体育公园。", "8个", 8, "个"),
    ],
)
def test_counters_before_a_word_of_their_own(text, raw, value, unit):
    assert metrics_of(text)[raw] == (value, unit)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("全国13亿人民团结奋斗。", "13亿人"),  # 人民: the counter runs into a word
        ("促进三次产业融合发展。", "三次"),  # not a counter of things: 次 keeps its list
        ("深入实施营商环境优化提升三年行动。", "三年"),
    ],
)
def test_units_inside_other_words_stay_out(text, absent):
    assert absent not in metrics_of(text)


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        ("加快建设120万吨乙烯项目，全年原油加工量达到1500万吨。", "120万吨", "1500万吨"),
        ("建成榆能西南70万千瓦热电项目，外送电量增长9%。", "70万千瓦", "9%"),
    ],
)
def test_the_capacity_of_a_project_is_a_specification(text, dropped, kept):
    found = metrics_of(text)
    assert dropped not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # amounts before nouns that are no project, done together: the number before its noun
        ("完成2100万千瓦火电机组、2812万吨钢铁产能超低排放改造。", "2812万吨"),
        # money before a project is left to the rules of bounds
        ("建设10亿元项目。", "10亿元"),
    ],
)
def test_amounts_before_other_nouns_stay_metrics(text, kept):
    assert kept in metrics_of(text)
