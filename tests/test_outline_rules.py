"""Outline and list rules that hold on documents no rule was written for (issue 24):
第一步… lists, 一抓…N抓 lists, glossaries after the body, part titles without a number
above restarting 一、, restarts of the top numbering, and the closing of a speech.

Real documents are read by path from ../shared/data; the other texts are our own.
"""

from __future__ import annotations

from test_structure import all_lists, check_invariants, lists_of, lists_of_items, outline_of

from speechkit import read_speech
from speechkit.extract.outline.structure import extract_outline, iter_sections


def _outline(path):
    speech = read_speech(path)
    return speech.text, extract_outline(speech, keywords=0)


def _every_list(outline):
    return all_lists(outline) + lists_of_items(outline.items)


# --- 第一步，… ------------------------------------------------------------------------------


def test_steps_are_an_ordinal_list_over_paragraphs():
    text = "一、目标\n分三步走：\n第一步，到2020年同步。\n——内容。\n第二步，到2025年突破。\n第三步，到2030年领先。\n"
    outline = outline_of(text)
    assert lists_of(outline.sections[0]) == [("第一步", "第三步", 3, "ordinal")]
    check_invariants(text, outline)


def test_the_three_steps_of_the_ai_plan(genres_dir):
    text, outline = _outline(genres_dir / "plan-national-new-generation-ai-2017.txt")
    steps = [lst for lst in _every_list(outline) if lst[0] == "第一步"]
    assert steps == [("第一步", "第三步", 3, "ordinal")]
    section = next(s for s in iter_sections(outline.sections) if s.title == "战略目标")
    assert lists_of(section) == steps


# --- 一抓…N抓 ------------------------------------------------------------------------------


def test_numeral_and_verb_list_in_a_paragraph():
    text = "一、安排\n（一）党建。今年重点做到三抓：一抓党建，促进发展；二抓项目，增强后劲；三抓民生，补齐短板。\n"
    outline = outline_of(text)
    assert lists_of(outline.sections[0].children[0]) == [("一抓", "三抓", 3, "verb")]
    check_invariants(text, outline)


def test_numeral_and_verb_list_over_paragraphs():
    text = "一、安排\n重点是：\n一抓党建。内容很多。\n二抓项目。内容。\n三抓民生，补齐短板。\n"
    outline = outline_of(text)
    assert lists_of(outline.sections[0]) == [("一抓", "三抓", 3, "verb")]


def test_verb_lists_need_the_same_verb_and_clauses():
    # Different verbs, members joined by 、 only, a verb run in the middle of a sentence.
    for text in (
        "一、安排\n一抓党建，促进发展；二靠项目，增强后劲。\n",
        "一、安排\n一产做优、二产做大、三产做强。\n",
        "一、安排\n我们坚持一抓到底，二抓不放。\n",
        "一、安排\n一抓党建，促进发展；“二抓项目，增强后劲”。\n",
    ):
        assert _every_list(outline_of(text)) == [], text


def test_no_verb_list_in_real_text_that_looks_like_one(real_dir, provinces_dir):
    # 一产做优、二产做大、三产做强 (Hailar 2016), “一线”放开、“二线”管住 (Guangdong 2025),
    # 一抓到底 (Fujian 2025), 一产、二产、三产增加值 (Ningxia 2026).
    for path in (
        real_dir / "local-govreport-hailar-2016.txt",
        provinces_dir / "govreport-guangdong-2025.txt",
        provinces_dir / "govreport-fujian-2025.txt",
        provinces_dir / "govreport-ningxia-2026.txt",
    ):
        _, outline = _outline(path)
        assert [lst for lst in _every_list(outline) if lst[3] == "verb"] == [], path.name
