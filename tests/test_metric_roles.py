"""Which numbers are metrics at all (speechkit.extract.metrics.roles): specifications,
time spans that qualify a noun, counts that structure the text, numerals of formulations.

Each rule is shown on sentences written for the test (a positive case the rule drops and
a negative case it must keep) and on tuning documents of the gold by path."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech


def raws(text: str) -> list[str]:
    return [m.raw for m in extract_metrics(Speech(text))]


def metric_at(path: Path, needle: str, offset: int = 0):
    """The metric starting at ``needle`` (+ offset) of the document at ``path``, or None."""
    text = path.read_text(encoding="utf-8")
    start = text.index(needle) + offset
    return next((m for m in extract_metrics(Speech(text)) if m.start == start), None)


@pytest.mark.parametrize(
    ("text", "dropped", "kept"),
    [
        # a grade rates a kind of thing
        ("全球最大的一台20兆瓦级风电机组下线，新增装机容量300万千瓦。", "20兆瓦", "300万千瓦"),
        ("推进某港30万吨级航道建设，港口吞吐量达到5亿吨。", "30万吨", "5亿吨"),
        # a superlative names one thing by its size
        ("世界首台12兆瓦海上机组并网，全年发电量增长8%。", "12兆瓦", "8%"),
        # a count naming the set an intensive measure is taken over
        ("56个地级城市空气质量优良天数比例达到90%。", "56个", "90%"),
        # a term qualifying a noun after 的
        ("落实承包期再延长20年的政策，土地流转面积增加20万亩。", "20年", "20万亩"),
    ],
)
def test_specifications_and_qualifying_terms_are_not_metrics(text, dropped, kept):
    found = raws(text)
    assert dropped not in found
    assert kept in found


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # an amount, not a grade: nothing rates the thing after it
        ("新增风电装机容量300万千瓦，完成投资15亿元。", "300万千瓦"),
        # a superlative bounding an amount, with no thing after it
        ("每户补贴最高5000元。", "5000元"),
        # a count before an extensive figure of the same things stays a count
        ("18个重大项目完成投资90亿元、投资完成率110%。", "18个"),
        # a duration that is measured
        ("审批时间压缩到20个工作日。", "20个工作日"),
    ],
)
def test_amounts_that_resemble_specifications_stay_metrics(text, kept):
    assert kept in raws(text)


def test_tuning_documents_specifications(real_dir, provinces_dir):
    # 74个重点城市…年均浓度下降9.1%: the count is the set the concentration is measured on
    assert metric_at(real_dir / "govreport-2017.txt", "74个重点城市") is None
    # the 9.1% stays a metric
    assert metric_at(real_dir / "govreport-2017.txt", "下降9.1%", 2).value == 9.1
    # 全球最大26兆瓦级海上风力发电机组: the rating of the machine
    assert metric_at(provinces_dir / "govreport-fujian-2025.txt", "26兆瓦级") is None
    # 再延长30年的政策: the term of the policy
    assert metric_at(real_dir / "policy-rural-revitalization-2018.txt", "30年的政策") is None
