"""Two actions joined by a conjunction before the things they produced (新建和改造高标准农田):
the count is of what both actions produced, so the actions stay in its indicator."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech
from metric_probe import indicator_of


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        ("严守耕地红线，新建和改造高标准农田50万亩，粮食产量稳定。", "50万亩", "新建和改造高标准农田"),
        ("全年新建和改造农村公路1200公里。", "1200公里", "新建和改造农村公路"),
        ("建设和改造提升老旧管网300公里。", "300公里", "建设和改造提升老旧管网"),
        ("新建及改造城乡供水工程12处，", "12处", "新建及改造城乡供水工程"),
        ("新建和修缮校舍3万平方米。", "3万平方米", "新建和修缮校舍"),  # the second action read into the name
    ],
)
def test_coordinated_actions_stay_in_the_indicator(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # the conjunction joins two objects of one verb, not two actions
        ("完成城中村改造和城市危旧房改造3.5万套。", "3.5万套", "城市危旧房改造"),
        # one action: the things alone name the count, as before
        ("全年新建高标准农田71万亩。", "71万亩", "高标准农田"),
        # verbs of reaching say nothing of what was done
        ("完成和实现投资100亿元。", "100亿元", "实现投资"),
    ],
)
def test_other_conjunctions_and_single_actions_are_unchanged(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


# Actions the segmenter reads as verbs, and 新建, which it reads as a place: coordination
# joins like with like, so one verb of the pair is enough (整治 with 新建, both read as
# nouns, is not recognised).
_ACTIONS = ("新建", "改造", "建设", "修缮", "扩建")
_THINGS = ("高标准农田", "农村公路", "城市绿道", "供水管网", "老旧小区")
_UNITS = ("万亩", "公里", "个", "处")


@given(
    first=st.sampled_from(_ACTIONS),
    second=st.sampled_from(_ACTIONS),
    joiner=st.sampled_from("和及与"),
    thing=st.sampled_from(_THINGS),
    number=st.integers(min_value=2, max_value=9999),
    unit=st.sampled_from(_UNITS),
)
@example(first="新建", second="改造", joiner="和", thing="高标准农田", number=71, unit="万亩")
@example(first="新建", second="建设", joiner="和", thing="高标准农田", number=2, unit="万亩")
@example(first="新建", second="修缮", joiner="和", thing="高标准农田", number=2, unit="万亩")
def test_two_actions_open_the_name_of_what_they_counted(first, second, joiner, thing, number, unit):
    if first == second:
        return  # 新建和新建 is no sentence
    text = f"今年{first}{joiner}{second}{thing}{number}{unit}，"
    indicator = indicator_of(text, f"{number}{unit}")
    assert indicator is not None and indicator.endswith(thing) and indicator.startswith(f"{first}{joiner}{second}")


@pytest.mark.parametrize(
    ("document", "context", "raw"),
    [
        ("govreport-fujian-2026.txt", "新建和改造高标准农田71.21万亩", "71.21万亩"),
        ("govreport-jiangsu-2025.txt", "新建和改造高标准农田298万亩", "298万亩"),
        ("govreport-zhejiang-2025.txt", "新建和改造提升高标准农田78万亩", "78万亩"),
    ],
)
def test_tuning_reports_keep_both_actions(provinces_dir, document, context, raw):
    text = (provinces_dir / document).read_text(encoding="utf-8")
    at = text.index(context) + context.index(raw)
    metric = {m.start: m for m in extract_metrics(Speech(text))}[at]
    assert metric.indicator == context[: context.index(raw)]
