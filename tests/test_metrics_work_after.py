"""An amount of work written before 的 is named by the work after it (完成9.2公里的城区供水
主管网改造, 16.9万平方米的绿化任务); money before 的 stays the measure of the project it
modifies."""

from __future__ import annotations

import pytest

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech
from metric_probe import indicator_of


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("今年完成12公里的老旧供热管网改造。", "12公里", "老旧供热管网改造"),
        ("年内完成3万平方米的绿化任务。", "3万平方米", "绿化任务"),
        ("全面完成800户的征收和安置任务，", "800户", "征收和安置任务"),
        ("完成5万平方米的公园景观、步道、广场建设。", "5万平方米", "公园景观、步道、广场建设"),
    ],
)
def test_an_amount_of_work_is_named_by_the_work_after_de(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # money before 的 is of the project it modifies, whatever the project then does
        ("园区商业综合体总投资7亿元的项目开工建设。", "7亿元", "总投资"),
        # a thing after 的, not work: nothing is read there
        ("建成5万平方米的标准厂房，", "5万平方米", None),
    ],
)
def test_money_and_things_after_de_are_not_work(text, raw, indicator):
    found = indicator_of(text, raw)
    assert found == indicator if indicator is None else found is not None and found.endswith(indicator)


def test_an_abstract_noun_that_is_no_work_names_nothing_after_de():
    # 水平 is abstract but no work or task of the inventory: the people are not its measure
    assert indicator_of("进一步提高低保边缘群体2600人的生活水平，", "2600人") != "生活水平"


@pytest.mark.parametrize(
    ("context", "raw", "indicator"),
    [
        ("完成9.2公里的城区供水主管网改造", "9.2公里", "城区供水主管网改造"),
        ("完成21万平方米的中央公园景观、道路、活动广场建设", "21万平方米", "中央公园景观、道路、活动广场建设"),
    ],
)
def test_a_tuning_report_names_its_work(real_dir, context, raw, indicator):
    text = (real_dir / "local-govreport-hailar-2017.txt").read_text(encoding="utf-8")
    at = text.index(context) + context.index(raw)
    assert {m.start: m for m in extract_metrics(Speech(text))}[at].indicator == indicator


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # what is achieved is no work: the measure named before keeps the amount
        ("空港旅客吞吐量实现183万人次的历史性突破，", "183万人次", "空港旅客吞吐量"),
        # a share is no amount of work; a clause of circumstance (…的情况下) names nothing
        ("外贸进出口在对美贸易下降超3成的情况下增长12%。", "3成", "外贸进出口在对美贸易"),
    ],
)
def test_achievements_shares_and_circumstances_after_de_are_not_work(text, raw, indicator):
    assert indicator_of(text, raw) == indicator

