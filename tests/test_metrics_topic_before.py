"""A bare measure that opens its clause (投资, 投入, 产值) is of the topic named by the
clause before it, when that clause states no figure: its subject, else its verb's object
(教育基础设施投入不断加大。投资6349万元 → 教育基础设施投资)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from metric_probe import indicator_in_document, indicator_of
from speechkit.extract.metrics.topics import topic_before


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # the subject of the sentence before
        ("文化设施投入不断加大。投资2800万元，新建社区书屋12个。", "2800万元", "文化设施投资"),
        ("（三）农村公路建设明显加快。全年投入3.2亿元，", "3.2亿元", "农村公路投入"),
        # the object of the verb of the clause before, in the same sentence
        ("推进城区排水管网工程，全年完成投资1.5亿元。", "1.5亿元", "城区排水管网工程投资"),
        # a verbal noun ending the object names the activity, not the thing
        ("全力推进茶叶全产业链发展，产值超过300亿元，", "300亿元", "茶叶全产业链产值"),
    ],
)
def test_a_bare_measure_is_of_the_topic_of_the_clause_before(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # the clause before states a figure: it is no topic
        ("新建农村公路120公里，投资3亿元。", "3亿元", "投资"),
        # a list of examples names several things, none the topic
        ("建设学校、医院等公共设施。投资5亿元。", "5亿元", "投资"),
        # a level is no topic that money is spent on (abstract noun)
        ("公共服务水平持续提升。投资2756万元，", "2756万元", "投资"),
        # the figure does not end its clause: what follows says what the money paid for
        ("城市形象持续提升。投资1.2亿元完成了广场改造。", "1.2亿元", "广场改造"),
        # a paragraph's first clause has no clause before it
        ("城市形象持续提升。\n投资4亿元，", "4亿元", "投资"),
    ],
)
def test_no_topic_is_taken_where_the_clause_before_names_none(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("name", "context", "raw", "indicator"),
    [
        ("local-govreport-hailar-2017.txt", "教育基础设施投入不断加大。投资6349万元", "6349万元", "教育基础设施投资"),
        ("local-govreport-hailar-2017.txt", "民生社会事业达到新水平。全年投入14.5亿元", "14.5亿元", "民生社会事业投入"),
        ("local-govreport-hailar-2017.txt", "实施市区道路畅通工程。投资4.7亿元", "4.7亿元", "市区道路畅通工程投资"),
    ],
)
def test_a_tuning_report_names_its_investments_by_their_topic(real_dir, name, context, raw, indicator):
    assert indicator_in_document(real_dir / name, context, raw) == indicator


def test_a_tuning_report_names_an_industry_output_by_its_topic(provinces_dir):
    path = provinces_dir / "govreport-xinjiang-2025.txt"
    assert indicator_in_document(path, "产值超2200亿元", "2200亿元") == "棉花和纺织服装全产业链产值"


_CLAUSES = ["文化设施投入不断加大", "推进城区排水管网工程", "建设学校、医院等公共设施", "新建公路120公里", "公共服务水平持续提升", ""]
_OPENERS = ["", "全年", "全年完成", "累计"]


@given(
    clause=st.sampled_from(_CLAUSES),
    mark=st.sampled_from("，。\n"),
    opener=st.sampled_from(_OPENERS),
    head=st.sampled_from(["投资", "投入", "产值"]),
    after=st.sampled_from(["，", "。", "实施改造。"]),
)
@example(clause="推进城区排水管网工程", mark="，", opener="全年完成", head="投资", after="。")
def test_a_topic_is_written_in_the_clause_before_the_measure(clause, mark, opener, head, after):
    text = f"{clause}{mark}{opener}{head}3亿元{after}"
    written = len(clause) + 1 + len(opener)
    topic = topic_before(text, head, written, written + len(head) + len("3亿元"))
    assert topic is None or (topic in clause and after[0] in "，。" and mark != "\n")
