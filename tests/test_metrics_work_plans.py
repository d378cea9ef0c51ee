"""Shapes of the targets and work plans of provincial reports that hold across reports:
verbs joined by 和 share the object they name (新建和改造高标准农田); a count of articles
written inside a policy's title (民营经济32条政策) is no metric; computing power is written
in P, the short form of Pflops (算力规模突破4000P)."""

from __future__ import annotations

import pytest

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech
from metric_probe import indicator_of, indicator_in_document


# --- verbs joined by 和 share their object ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("全省新建和改造高标准农田80万亩。", "80万亩", "新建和改造高标准农田"),
        ("今年新建及改造农村公路1200公里。", "1200公里", "新建及改造农村公路"),
        ("改造和新建公厕30座，新增停车位2000个。", "30座", "改造和新建公厕"),
        # a verb of the plan after the pair stays in the name
        ("新建和改造提升高标准农田78万亩以上。", "78万亩", "新建和改造提升高标准农田"),
    ],
)
def test_verbs_joined_by_he_stay_with_their_object(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # nouns joined by 和 are no verbs: each member names its own figure
        ("城镇和农村低保标准分别提高8%和10%。", "8%", "城镇低保标准"),
        # a subject joined by 和 before the verb is no part of the object
        ("企业和高校新建实验室12个。", "12个", "实验室"),
        # one verb alone still cuts the phrase
        ("新建高标准农田80万亩。", "80万亩", "高标准农田"),
    ],
)
def test_other_words_before_a_verb_are_left_out(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("name", "context", "raw", "indicator"),
    [
        ("govreport-fujian-2026.txt", "新建和改造高标准农田71.21万亩", "71.21万亩", "新建和改造高标准农田"),
        ("govreport-jiangsu-2025.txt", "新建和改造高标准农田298万亩", "298万亩", "新建和改造高标准农田"),
        ("govreport-zhejiang-2025.txt", "新建和改造提升高标准农田78万亩", "78万亩", "新建和改造提升高标准农田"),
        ("govreport-qinghai-2025.txt", "新建和改造农村户厕2万座", "2万座", "新建和改造农村户厕"),
    ],
)
def test_verbs_joined_by_he_in_tuning_reports(provinces_dir, name, context, raw, indicator):
    assert indicator_in_document(provinces_dir / name, context, raw) == indicator


# --- a count of articles inside a policy's title ---------------------------------------------


def metric_raws(text: str) -> list[str]:
    return [m.raw for m in extract_metrics(Speech(text))]


@pytest.mark.parametrize(
    "text",
    [
        "出台关爱新就业群体15条措施。",
        "落实鼓励数据产业发展十条政策。",
        "实施新一轮优化营商环境58条改革举措。",
        "制定促进民营经济发展壮大20条意见。",
        "落实落细民营经济32条政策。",  # adverbial verbs tagged as adjectives open the clause
    ],
)
def test_a_count_of_articles_in_a_policy_title_is_no_metric(text):
    assert metric_raws(text) == []


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # right after the verb that issues them: the measures are counted
        ("出台25条举措，梳理明确164条县域重点产业链。", "25条", "出台举措"),
        # a subject before the verb is no topic of the policy
        ("省级层面发布45条融合举措。", "45条", "融合举措"),
        # a list member opens after 、: what stands before it is another member
        ("成立外经贸发展指挥部、出台20条举措。", "20条", "出台举措"),
        ("相继出台43条、16条具体举措。", "16条", "具体举措"),
        # 条 of things that are no documents
        ("新建城市道路12条，开通公交线路8条。", "12条", "城市道路"),
        ("开通国际货运航线12条。", "12条", "开通国际货运航线"),
    ],
)
def test_other_counts_of_tiao_stay_metrics(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("name", "context"),
    [
        ("govreport-fujian-2026.txt", "赋能应用10条措施"),
        ("govreport-shanghai-2025.txt", "优化营商环境58条改革举措"),
        ("govreport-xinjiang-2025.txt", "奶产业发展九条政策措施"),
        ("govreport-zhejiang-2025.txt", "民营经济32条政策"),
    ],
)
def test_policy_titles_in_tuning_reports_are_no_metrics(provinces_dir, name, context):
    text = (provinces_dir / name).read_text(encoding="utf-8")
    at = text.index(context)
    assert not [m for m in extract_metrics(Speech(text)) if at <= m.start < at + len(context)]


# --- computing power in P ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw", "value", "unit"),
    [
        ("建成智能算力规模24000P，新建数据中心2个。", "24000P", 24000.0, "P"),
        ("算力总规模达到9.4万P，其中智算占比过半。", "9.4万P", 9.4, "万P"),
        ("新增存储能力3PB。", "3PB", 3.0, "PB"),  # a longer unit of the table wins
    ],
)
def test_computing_power_in_p_is_a_metric(text, raw, value, unit):
    metric = next(m for m in extract_metrics(Speech(text)) if m.raw == raw)
    assert (metric.value, metric.unit) == (value, unit)


def test_a_p_inside_a_latin_word_is_no_unit():
    found = [(m.raw, m.unit) for m in extract_metrics(Speech("推广AI PC 5万台，开展P2P网贷整治，PM2.5浓度下降5%。"))]
    assert found == [("5万台", "万台"), ("5%", "%")]


@pytest.mark.parametrize(
    ("name", "context", "raw", "indicator"),
    [
        ("govreport-xinjiang-2025.txt", "智能算力规模24000P", "24000P", "智能算力规模"),
        ("govreport-yunnan-2026.txt", "算力规模突破4000P", "4000P", "算力规模"),
        ("govreport-qinghai-2026.txt", "算力总规模突破4万P", "4万P", "算力总规模"),
    ],
)
def test_computing_power_in_tuning_reports(provinces_dir, name, context, raw, indicator):
    assert indicator_in_document(provinces_dir / name, context, raw) == indicator
