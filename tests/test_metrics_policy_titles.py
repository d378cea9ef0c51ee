"""A count of articles (条) of policies written between the package's topic and its head
noun is part of the package's title (民营经济32条政策), not a metric; a count right after
its verb (出台25条举措) counts the measures taken."""

from __future__ import annotations

import pytest

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech


def metric_at(text: str, raw: str):
    """The metric written ``raw`` in ``text`` (first match), or None."""
    start = text.index(raw)
    return next((m for m in extract_metrics(Speech(text)) if m.start == start), None)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("出台关爱新就业群体15条措施。", "15条"),
        ("落实鼓励数据产业发展十条政策。", "十条"),
        ("落实支持民营企业发展20条政策，", "20条"),
        ("实施新一轮稳外资12条改革举措。", "12条"),  # 举措, read as a verb, still ends the title
        ("出台促进消费八条政策措施，", "八条"),
        ("制定数据要素流通6条办法。", "6条"),
    ],
)
def test_a_count_inside_a_policy_title_is_no_metric(text, raw):
    assert metric_at(text, raw) is None


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("出台25条举措，梳理产业链清单。", "25条", "出台举措"),  # the count right after its verb
        ("新建改造城市道路12条，", "12条", "城市道路"),  # roads are no policy
        ("建成高速公路4条。", "4条", "高速公路"),
    ],
)
def test_counts_of_measures_taken_and_of_things_stay_metrics(text, raw, indicator):
    metric = metric_at(text, raw)
    assert metric is not None and metric.indicator is not None and metric.indicator.endswith(indicator)


@pytest.mark.parametrize(
    ("document", "context", "raw"),
    [
        ("govreport-zhejiang-2025.txt", "民营经济32条政策", "32条"),
        ("govreport-shanghai-2025.txt", "营商环境58条改革举措", "58条"),
        ("govreport-xinjiang-2025.txt", "产业发展九条政策措施", "九条"),
    ],
)
def test_tuning_reports_title_their_packages(provinces_dir, document, context, raw):
    text = (provinces_dir / document).read_text(encoding="utf-8")
    at = text.index(context) + context.index(raw)
    assert at not in {m.start for m in extract_metrics(Speech(text))}
