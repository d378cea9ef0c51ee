"""The verb that opens a 、-series of counts holds for each member: the increment of 新增
for members that open with their count (新增1个甲、8家乙), the verb of the first member's
name for a member that is a bare noun and its count (出让矿业权558个、收益290亿元 → 出让收益)."""

from __future__ import annotations

import pytest

from metric_probe import indicator_in_document, indicator_of
from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech


def _metric(text: str, raw: str):
    start = text.index(raw)
    return next(m for m in extract_metrics(Speech(text)) if m.start == start)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("新增3个国家级创新平台、12家省级重点实验室。", "12家"),
        ("全年新增2所本科高校、1所职业院校，", "1所"),
    ],
)
def test_a_member_opening_with_its_count_shares_the_increment(text, raw):
    metric = _metric(text, raw)
    assert metric.change == "新增" and metric.direction == "up"


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("全区出让矿业权300个、收益120亿元。", "120亿元", "出让收益"),
        # the verb of the first member's name does not act on its noun: a modifier stays its own
        ("净增经营主体3.6万家、企业1.4万家，", "1.4万家", "企业"),
        # a bare member that is an action of its own takes no verb
        ("建设风电光伏装机200万千瓦、治沙50万亩，", "50万亩", "治沙"),
        # a light verb says nothing of what was done
        ("开展活动200场、讲座30场。", "30场", "讲座"),
    ],
)
def test_a_bare_member_takes_the_verb_of_the_member_before(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("path", "context", "raw", "change"),
    [
        ("provinces/govreport-shaanxi-2025.txt", "8家以上农业产业化重点龙头企业", "8家", "新增"),
        ("provinces/govreport-shanxi-2025.txt", "8个公共服务平台", "8个", "新增"),
    ],
)
def test_tuning_reports_share_the_increment(real_dir, path, context, raw, change):
    text = (real_dir.parent / path).read_text(encoding="utf-8")
    at = text.index(context) + context.index(raw)
    assert {m.start: m for m in extract_metrics(Speech(text))}[at].change == change


def test_a_tuning_report_names_the_proceeds_by_the_sale(provinces_dir):
    path = provinces_dir / "govreport-xinjiang-2025.txt"
    assert indicator_in_document(path, "收益290亿元", "290亿元") == "出让收益"
