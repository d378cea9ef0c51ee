"""A count that opens its clause, then a noun and its predicate to the clause's end, is of
the things that did what the predicate says, named predicate first (1071个征收安置问题项目整改交付
→ 整改交付的征收安置问题项目), also where the segmenter's tags open the noun phrase with verbs,
put it in quotation marks or tag the predicate's verb as a name."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from metric_probe import indicator_in_document, indicator_of
from speechkit.extract.metrics.structure import event_of_phrase


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # verbs that modify the noun open the noun phrase
        ("改造任务全面完成，320个征收安置问题项目整改交付。", "320个", "整改交付的征收安置问题项目"),
        # the noun phrase in quotation marks, the predicate opened by an adverb
        ("准备工作全部完成，6个“二线口岸”正式启用。", "6个", "正式启用的“二线口岸”"),
        # an adjective and a preposition open the predicate; a qualifier before the count
        ("力争8个学科稳定在世界一流水平。", "8个", "稳定在世界一流水平的学科"),
        # a verb the segmenter tags as a name opens the predicate
        ("上万户受灾群众乔迁新居。", "万户", "乔迁新居的受灾群众"),
    ],
)
def test_a_count_opening_its_clause_is_of_the_things_that_did_the_predicate(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("text", "raw", "indicator"),
    [
        # a verbal noun before the count takes it as its object: the words after name the things
        ("布局建设10家概念验证中心，", "10家", "概念验证中心"),
        ("培育10个省级品牌消费集聚区，", "10个", "省级品牌消费集聚区"),
        # a time inside what follows the noun: no noun-and-predicate reading
        ("7处险工险段汛前全面改造完工。", "7处", "险工险段汛前全面改造完工"),
    ],
)
def test_counts_taken_by_a_verb_or_without_a_clean_predicate_keep_their_name(text, raw, indicator):
    assert indicator_of(text, raw) == indicator


@pytest.mark.parametrize(
    ("path", "context", "raw", "indicator"),
    [
        ("provinces/govreport-henan-2025.txt", "1071个征收安置问题项目整改交付", "1071个", "整改交付的征收安置问题项目"),
        ("provinces/govreport-hainan-2026.txt", "10个“二线口岸”正式启用", "10个", "正式启用的“二线口岸”"),
        ("provinces/govreport-liaoning-2025.txt", "10个学科稳定在世界一流水平", "10个", "稳定在世界一流水平的学科"),
        ("real/govreport-2014.txt", "千万住房困难群众乔迁新居", "千万", "乔迁新居的住房困难群众"),
    ],
)
def test_tuning_reports_name_their_events(real_dir, path, context, raw, indicator):
    assert indicator_in_document(real_dir.parent / path, context, raw) == indicator


_NOUNS = ["征收安置问题项目", "“二线口岸”", "受灾群众", "学科", "险工险段汛前"]
_PREDICATES = ["整改交付", "正式启用", "住进新居", "稳定在世界一流水平", "全面改造完工", "成为城镇居民"]


@given(noun=st.sampled_from(_NOUNS), predicate=st.sampled_from(_PREDICATES))
@example(noun="险工险段汛前", predicate="全面改造完工")
def test_an_event_keeps_the_words_of_its_phrase(noun, predicate):
    # the reading splits the phrase once and puts its predicate first: no word is lost or added
    phrase = noun + predicate
    event = event_of_phrase(phrase)
    if event is not None:
        said, _, named = event.rpartition("的")
        assert named + said == phrase and named and said
