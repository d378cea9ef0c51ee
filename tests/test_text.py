"""Paragraphs and sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.text import SentenceIndex, balanced_pairs, paragraphs, sentences

CHINESE_TEXT = st.text(alphabet=st.sampled_from(list("我们要干好工作。！？；…“”（）《》\n　 ab1")), max_size=300)


def test_sentences_end_at_terminators_but_not_inside_quotes_or_brackets():
    text = "我们要“干。实干”好！然后（注：见。）再说……好的。问？是；"
    assert [s.text for s in sentences(text)] == ["我们要“干。实干”好！", "然后（注：见。）再说……", "好的。", "问？", "是；"]


def test_closing_quote_after_terminator_stays_with_sentence():
    assert [s.text for s in sentences("他说：“我们一定干好。”大家鼓掌。")] == ["他说：“我们一定干好。”大家鼓掌。"]
    assert [s.text for s in sentences("（一）突出学习。坚持用理论武装。")] == ["（一）突出学习。", "坚持用理论武装。"]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "“未闭合的引号。后面一句。再一句。"
    assert [s.text for s in sentences(text)] == ["“未闭合的引号。", "后面一句。", "再一句。"]


def test_sentences_do_not_cross_paragraphs():
    text = "第一段没有句号\n　　第二段。"
    assert [s.text for s in sentences(text)] == ["第一段没有句号", "第二段。"]


def test_paragraphs_trim_indent_and_skip_blank_lines():
    text = "标题\n\n　　正文第一段。 \n \n第二段"
    assert [(p.text, p.start) for p in paragraphs(text)] == [("标题", 0), ("正文第一段。", 6), ("第二段", 16)]


def test_balanced_pairs_ignore_unmatched_marks():
    assert balanced_pairs("a“b（c”d）e") == [(1, 5)]
    assert balanced_pairs("《关于“一把手”的意见》") == [(0, 11), (3, 7)]


def test_the_sentence_at_an_offset(seed):
    offset = seed.text.index("两个确立")
    sentence = SentenceIndex(sentences(seed.text)).at(offset)
    assert sentence.start <= offset < sentence.end
    assert "两个确立" in sentence.text


def test_seed_sentences_slice_back(seed):
    units = seed.sentences
    assert len(units) > 100
    assert all(seed.text[u.start : u.end] == u.text for u in units)


@settings(max_examples=300, deadline=None)
@given(CHINESE_TEXT)
def test_units_slice_back_are_ordered_and_never_overlap(text):
    for units in (paragraphs(text), sentences(text)):
        previous_end = 0
        for unit in units:
            assert text[unit.start : unit.end] == unit.text
            assert unit.text.strip() == unit.text and unit.text
            assert unit.start >= previous_end
            previous_end = unit.end


@settings(max_examples=200, deadline=None)
@given(CHINESE_TEXT)
def test_sentences_cover_every_visible_character(text):
    covered = set()
    for unit in sentences(text):
        covered.update(range(unit.start, unit.end))
    visible = {i for i, ch in enumerate(text) if not ch.isspace()}
    assert visible <= covered


def test_paragraphs_and_sentences_of_a_range_cover_whole_lines():
    from speechkit.text import iter_paragraphs, iter_sentences

    text = "第一段。\n　　第二段一句。第二句。\n第三段。"
    middle = text.index("一句")
    assert [p.text for p in iter_paragraphs(text, middle, middle + 1)] == ["第二段一句。第二句。"]
    line = text.index("第二段"), text.index("\n第三段")
    assert [s.text for s in iter_sentences(text, *line)] == ["第二段一句。", "第二句。"]
