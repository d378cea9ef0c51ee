"""Outline and list rules that hold on documents no rule was written for (issue 24):
第一步… lists, 一抓…N抓 lists, glossaries after the body, part titles without a number
above restarting 一、 or away from it, restarts of the top numbering, new speakers, the
closing of a speech, markers cut by a line break or written in markdown or in one
character, and the rank of the standard styles.

Real documents are read by path from ../shared/data (tuning documents and reports
outside the split, some rewritten in the test: top markers taken off, headings in bold);
the other texts are our own.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st
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


def test_lists_right_after_the_subject_of_their_actions():
    # 我们一抓…, 全市一是…: a pronoun or 我/全 + an administrative unit leads in the first member.
    for text, found in (
        ("一、安排\n我们一抓项目建设，二抓招商引资，三抓营商环境。\n", [("一抓", "三抓", 3, "verb")]),
        ("一、安排\n全市一是稳增长，二是促改革。\n", [("一是", "二是", 2, "shi")]),
        ("一、安排\n我区一要讲政治，二要重实干。\n", [("一要", "二要", 2, "yao")]),
    ):
        assert lists_of(outline_of(text).sections[0]) == found, text
    # Not after a verb (坚持一抓到底), nor counts after the subject (我市一批…二批…).
    for text in ("一、安排\n我们坚持一抓到底，二抓不放。\n", "一、安排\n我市一批项目建成，二批开工。\n"):
        assert _every_list(outline_of(text)) == [], text


def test_verb_lists_need_the_same_verb_and_clauses():
    # Different verbs, members joined by 、 only, a verb run in the middle of a sentence.
    for text in (
        "一、安排\n一抓党建，促进发展；二靠项目，增强后劲。\n",
        "一、安排\n一产做优、二产做大、三产做强。\n",
        "一、安排\n我们坚持一抓到底，二抓不放。\n",
        "一、安排\n一抓党建，促进发展；“二抓项目，增强后劲”。\n",
    ):
        assert _every_list(outline_of(text)) == [], text


def test_verb_lists_need_a_verb_by_the_segmenters_tags():
    # 一强/一促 (an adjective and a verb) number actions; 一期, 一批, 一轮 (a noun, measure
    # words) count phases and rounds.
    for verb in ("抓", "强", "促"):
        text = f"一、安排\n今年，一{verb}项目，扩大投资；二{verb}产业，培育集群；三{verb}民生，办好实事。\n"
        assert lists_of(outline_of(text).sections[0]) == [(f"一{verb}", f"三{verb}", 3, "verb")], verb
    for noun in ("期", "批", "轮"):
        text = f"一、安排\n项目有序推进。一{noun}建成投产，二{noun}开工建设，三{noun}完成规划。\n"
        assert _every_list(outline_of(text)) == [], noun


def test_no_verb_list_in_real_text_that_looks_like_one(real_dir, provinces_dir):
    # 一产做优、二产做大、三产做强 (Hailar 2016), 做优一产、做强二产 (Guangxi 2026),
    # 一抓到底 and 一产稳、二产优 (Fujian 2025), 稳住一产、挺住二产 (Liaoning 2025), 一产、二产、
    # 三产增加值 (Ningxia 2025); tuning documents and reports outside the split only.
    for path in (
        real_dir / "local-govreport-hailar-2016.txt",
        provinces_dir / "govreport-guangxi-2026.txt",
        provinces_dir / "govreport-fujian-2025.txt",
        provinces_dir / "govreport-liaoning-2025.txt",
        provinces_dir / "govreport-ningxia-2025.txt",
    ):
        _, outline = _outline(path)
        assert [lst for lst in _every_list(outline) if lst[3] == "verb"] == [], path.name


# --- Glossaries -----------------------------------------------------------------------------


def test_glossary_after_the_body_is_a_tree_of_its_own():
    text = "一、回顾\n（一）成绩。\n二、安排\n（一）项目。\n各位代表！\n让我们奋斗。\n注释\n［1］两新：设备更新和以旧换新。\n［2］两重：重大战略和重点领域。\n"
    outline = outline_of(text)
    glossary = outline.sections[-1]
    assert (glossary.kind, glossary.marker, glossary.title, glossary.level) == ("annex", "", "注释", 1)
    assert text[glossary.start :].startswith("注释") and glossary.end == len(text.rstrip())
    assert outline.sections[1].end <= outline.closing.start < outline.closing.end <= glossary.start
    assert outline.warnings == []
    check_invariants(text, outline)


def test_glossary_label_under_an_annex_label_is_its_title():
    text = "一、回顾\n内容。\n附件\n名词解释\n1.两新：设备更新。\n2.两重：重大战略。\n"
    outline = outline_of(text)
    annex = outline.sections[-1]
    assert (annex.marker, annex.title, [c.marker for c in annex.children]) == ("附件", "名词解释", ["1.", "2."])


def test_glossary_labels_in_brackets_or_naming_whose_terms():
    body = "各位代表：\n一、回顾\n（一）经济。内容。\n二、安排\n（一）项目。内容。\n各位代表！让我们团结奋斗。\n"
    for label in ("【名词解释】", "〔注释〕", "本报告名词解释", "有关名词解释：", "[注释]"):
        text = body + label + "\n1.两新：设备更新和以旧换新。\n2.两重：重大战略和重点领域。\n"
        outline = outline_of(text)
        glossary = outline.sections[-1]
        assert (glossary.kind, glossary.level, glossary.title, [c.marker for c in glossary.children]) == ("annex", 1, label.rstrip("："), ["1.", "2."]), label
        assert outline.sections[1].children[0].children == []
        check_invariants(text, outline)
    # A longer line ending with the word is a sentence's piece, not a label.
    text = body.replace("各位代表！", "关于政策执行中若干问题的释义\n各位代表！")
    assert [s.kind for s in outline_of(text).sections] == ["section", "section"]


def test_the_notes_of_hainan_2026_close_the_body(provinces_dir):
    text, outline = _outline(provinces_dir / "govreport-hainan-2026.txt")
    notes = outline.sections[-1]
    assert (notes.kind, notes.title, notes.start) == ("annex", "注释", text.index("\n注释\n") + 1)
    assert [s.marker for s in outline.sections] == ["一、", "二、", "三、", "四、", ""]
    assert outline.sections[3].end <= outline.closing.start < outline.closing.end <= notes.start


# --- Parts and restarts ---------------------------------------------------------------------

PARTS = (
    "各位代表：\n"
    "“十四五”时期发展成就和2025年工作回顾\n一、成就\n（一）经济。\n二、回顾\n（一）民生。\n"
    "“十五五”时期主要目标和2026年重点工作\n一、目标\n（一）增长。\n二、工作\n（一）项目。\n"
)


def test_untitled_numbering_restarts_under_part_titles():
    outline = outline_of(PARTS)
    assert [(s.marker, s.title, s.level) for s in outline.sections] == [
        ("", "“十四五”时期发展成就和2025年工作回顾", 1),
        ("", "“十五五”时期主要目标和2026年重点工作", 1),
    ]
    assert [[c.marker for c in s.children] for s in outline.sections] == [["一、", "二、"], ["一、", "二、"]]
    assert all(c.children[0].level == 3 for s in outline.sections for c in s.children)
    assert outline.warnings == []
    check_invariants(PARTS, outline)


def test_part_titles_set_in_brackets_or_markdown():
    for opening, closing in (("【", "】"), ("**", "**"), ("## ", "")):
        text = PARTS.replace("“十四五”时期", f"{opening}“十四五”时期").replace("“十五五”时期", f"{opening}“十五五”时期")
        text = text.replace("工作回顾\n", f"工作回顾{closing}\n").replace("重点工作\n", f"重点工作{closing}\n")
        outline = outline_of(text)
        assert [(s.marker, s.level, [c.marker for c in s.children]) for s in outline.sections] == [("", 1, ["一、", "二、"])] * 2, text
        check_invariants(text, outline)


def test_one_title_line_above_a_restart_is_a_part():
    text = "一、回顾\n二、安排\n预算安排如下：\n一、收入\n二、支出\n"
    assert [s.marker for s in outline_of(text).sections] == ["一、", "二、", "一、", "二、"]  # a stop: no title line
    text = text.replace("预算安排如下：", "关于预算的说明")
    outline = outline_of(text)
    assert [s.marker for s in outline.sections] == ["一、", "二、", ""]
    assert [c.marker for c in outline.sections[-1].children] == ["一、", "二、"]


def test_lead_in_lines_above_sub_numberings_are_no_parts():
    # Lines above （一） (not the top numbering) and one line above the first 一、.
    text = "各位代表：\n过去一年的工作\n一、回顾\n主要做了以下工作\n（一）经济。\n二、安排\n重点抓好以下工作\n（一）项目。\n"
    outline = outline_of(text)
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("一、", ["（一）"]), ("二、", ["（一）"])]


SPEECH = "一、认清形势\n（一）成绩。内容。\n（二）问题。内容。\n二、突出重点\n（一）抓项目。内容。\n三、强化保障\n内容。\n"


def test_stray_title_lines_of_a_speech_numbered_by_ordinals_head_no_part():
    # 第一，… numbers a speech's top points: short lines between them (a slogan, a
    # sentence set apart) are no parts above the points after them.
    text = (
        "同志们：\n今天，我们在这里召开座谈会。\n第一，要坚定理想信念。内容。\n第二，要有道德情操。内容。\n"
        "做党和人民满意的好老师\n第三，要有扎实学识。内容。\n第四，要有仁爱之心。内容。\n教育是民族振兴的基石\n"
        "同志们，让我们共同努力！\n"
    )
    outline = outline_of(text)
    assert [(s.marker, s.level) for s in outline.sections] == [("第一，", 1), ("第二，", 1), ("第三，", 1), ("第四，", 1)]


def test_a_next_speech_under_its_title_and_date_or_without_an_address_is_no_part():
    # The title, date and speaker above the next address, or a title that names a speech
    # (在…上的讲话) where no address follows: the next speech's numbering, not a part's.
    for front in ("在全市工作会议上的总结讲话\n（2024年1月6日）\n李四\n同志们：\n", "在全市工作会议上的总结讲话\n李四\n"):
        text = "在全市工作会议上的讲话\n张三\n" + SPEECH + front + SPEECH
        outline = outline_of(text)
        assert [(s.marker, s.level, len(s.children)) for s in outline.sections] == [("一、", 1, 2), ("二、", 1, 1), ("三、", 1, 0)] * 2, front
        if "同志们" in front:  # the address closes the speech before it, above its title
            assert outline.sections[2].end <= text.index("在全市工作会议上的总结讲话")
        check_invariants(text, outline)
    # A title line that names no speech still heads its part.
    text = "各位代表：\n过去五年工作回顾\n" + SPEECH + "今后五年目标任务\n" + SPEECH
    assert [(s.marker, s.level) for s in outline_of(text).sections] == [("", 1), ("", 1)]


def test_a_new_speaker_starts_a_new_tree():
    text = "同志们：\n一、形势\n（一）成绩。\n（二）问题。\n同志们：\n（一）要求。\n（二）措施。\n"
    outline = outline_of(text)
    assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("（一）", 1), ("（二）", 1)]
    assert [c.marker for c in outline.sections[0].children] == ["（一）", "（二）"]
    assert outline.sections[0].end < text.rindex("同志们：")
    check_invariants(text, outline)


def test_the_title_of_the_next_speech_starts_a_new_tree_without_an_address():
    # Two speeches on one page, the second under its title (led by its speaker or not,
    # with its speaker's line above or below it) and numbered by a style open in the first.
    for front in (
        "在全市工作会议上的总结讲话\n李四\n",
        "李四同志在全市工作会议上的总结讲话\n",
        "李四\n在全市工作会议上的总结讲话（摘要）\n",
        "李四：在全市工作会议上的总结讲话\n",
    ):
        for points in ("（一）统一思想。内容。\n（二）狠抓落实。内容。\n", "1.统一思想。内容。\n2.狠抓落实。内容。\n"):
            text = "在全市工作会议上的讲话\n张三\n" + SPEECH + front + points
            outline = outline_of(text)
            marker = points[: points.index("统")]
            assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("二、", 1), ("三、", 1), (marker, 1), (marker.replace("一", "二").replace("1", "2"), 1)], (front, points)
            assert outline.sections[2].end < text.index(front)
            check_invariants(text, outline)
    # A speaker's label is such a title; a line naming a leader's speech in general is none:
    # it heads the part its （一） restarts under, a top heading without its number.
    for label, nests in (("李四同志讲话\n", False), ("市委副书记、市长李四讲话要点\n", False), ("【李四同志的讲话】\n", False), ("学习贯彻总书记重要讲话\n", True)):
        text = SPEECH.replace("三、强化保障\n内容。\n", "") + label + "（一）统一思想。内容。\n"
        outline = outline_of(text)
        assert [(s.marker, s.title) for s in outline.sections[2:]] == ([("", label.strip())] if nests else [("（一）", "统一思想")]), label
        assert [c.marker for c in outline.sections[-1].children] == (["（一）"] if nests else []), label
    # A sentence that names a speech is no title: the numbering goes on in its section.
    text = SPEECH + "习近平总书记在全市工作会议上的讲话，为我们指明了方向。\n（一）深入学习。内容。\n"
    assert [c.marker for c in outline_of(text).sections[-1].children] == ["（一）"]


def test_two_speeches_or_reports_on_one_page_keep_their_own_outlines(genres_dir, provinces_dir, real_dir):
    # The second text's title (在…上的讲话, 2026年湖南省政府工作报告) and the date, speaker and
    # source lines under it head no part, and its numbering nests in nothing of the first's.
    def shape(sections, offset):
        return [(s.start + offset, s.level, [c.start + offset for c in s.children]) for s in sections]

    for first, second in (
        (genres_dir / "speech-national-ccdi-plenary-2016.txt", genres_dir / "speech-national-massline-mobilization-2013.txt"),
        (provinces_dir / "govreport-hubei-2026.txt", provinces_dir / "govreport-hunan-2026.txt"),
        (provinces_dir / "govreport-jiangsu-2025.txt", provinces_dir / "govreport-qinghai-2026.txt"),
        # the first ends with a part whose title a line break cut; or with notes (注释, an annex)
        (provinces_dir / "govreport-chongqing-2025.txt", provinces_dir / "govreport-fujian-2025.txt"),
        (provinces_dir / "govreport-hainan-2026.txt", provinces_dir / "govreport-hubei-2026.txt"),
        # a plan, then an official document under its title (中共中央 国务院关于…的意见)
        (genres_dir / "plan-national-new-generation-ai-2017.txt", real_dir / "policy-rural-revitalization-2018.txt"),
        # a notice with the plan it issues (its signature and the plan's title lines), then a report
        (real_dir / "policy-logistics-14th-fyp-2022.txt", real_dir / "govreport-2013.txt"),
        # titles spaced out (政 府 工 作 报 告) or run on into the dateline (政府工作报告——2024年…)
        (real_dir / "govreport-2013.txt", real_dir / "local-govreport-hailar-2016.txt"),
        (real_dir / "local-govreport-hailar-2018.txt", real_dir / "govreport-2024.txt"),
        # a page's menu above the title (下载 / 打印 / 全屏 / 收藏)
        (provinces_dir / "govreport-hubei-2026.txt", real_dir / "provincial-govreport-zhejiang-2026.txt"),
    ):
        head, tail = (read_speech(path).text for path in (first, second))
        page = head.rstrip("\n") + "\n"
        text = page + tail
        outline = outline_of(text)
        alone = [extract_outline(read_speech(path), keywords=0) for path in (first, second)]
        assert shape(outline.sections, 0) == shape(alone[0].sections, 0) + shape(alone[1].sections, len(page)), second.name
        check_invariants(text, outline)


def test_a_title_after_an_annex_starts_the_next_text_and_a_running_header_nothing():
    annex = "一、回顾\n（一）经济。内容。\n附件\n2026年十件民生实事\n一、提高低保。内容。\n二、建设养老设施。内容。\n"
    text = annex + "在全市工作会议上的讲话\n张三\n一、形势\n（一）成绩。内容。\n二、任务\n"
    outline = outline_of(text)
    assert [(s.marker, s.kind, [c.marker for c in s.children]) for s in outline.sections] == [
        ("一、", "section", ["（一）"]), ("附件", "annex", ["一、", "二、"]), ("一、", "section", ["（一）"]), ("二、", "section", []),
    ]
    check_invariants(text, outline)
    # The title of the annex itself, under its label, is the annex's.
    text = "一、回顾\n内容。\n附件\n关于2025年预算执行情况的报告\n一、收入。内容。\n二、支出。内容。\n"
    assert [(s.marker, [c.marker for c in s.children]) for s in outline_of(text).sections] == [("一、", []), ("附件", ["一、", "二、"])]
    # A title repeated on every page (a running header) starts nothing.
    header = "2025年政府工作报告\n"
    text = header + "一、回顾\n（一）经济。内容。\n" + header + "（二）民生。内容。\n" + header + "二、安排\n（一）项目。内容。\n"
    outline = outline_of(text)
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("一、", ["（一）", "（二）"]), ("二、", ["（一）"])]


_CN_DIGITS = "一二三四五六七八九"
# A text of our own: its top headings (一、, （一）, 第一，, 1.), each with 0-3 sub-headings of another style.
_STYLES = [("一、", "（一）"), ("（一）", "1."), ("第一，", "（一）"), ("1.", "（1）"), ("一、", "1.")]
_TEXTS = st.tuples(st.sampled_from(_STYLES), st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=4))
_FRONTS = st.sampled_from([
    "在全市工作会议上的总结讲话\n李四\n", "李四同志讲话\n", "在全市工作会议上的讲话\n（2026年1月6日）\n李四\n同志们：\n",
    "2026年某市政府工作报告\n——2026年1月6日在某市人民代表大会上\n", "中共某市委 某市人民政府关于加强某某工作的意见\n（2026年1月6日）\n",
])


def _numbered(style: str, n: int) -> str:
    return style.replace("一", _CN_DIGITS[n - 1]) if "一" in style else style.replace("1", str(n))  # 第一， → 第二，


def _own_text(shape) -> str:
    # Lines of many lengths: a text most of whose lines share one length reads as wrapped.
    (top, sub), counts = shape
    lines = []
    for i, count in enumerate(counts, start=1):
        lines.append(f"{_numbered(top, i)}第{i}部分{'工作' * i}\n{'内容' * i}。\n")
        lines += [f"{_numbered(sub, j)}{'要点' * j}。{'内容' * (i + j)}。\n" for j in range(1, count + 1)]
    return "".join(lines)


@given(_TEXTS, _TEXTS, _FRONTS)
@example((("一、", "（一）"), [2]), (("（一）", "1."), [1]), "李四同志讲话\n")
@example((("第一，", "（一）"), [3, 1]), (("第一，", "（一）"), [2]), "2026年某市政府工作报告\n——2026年1月6日在某市人民代表大会上\n")
@example((("第一，", "（一）"), [1]), (("第一，", "（一）"), [2, 0]), "李四同志讲话\n")
def test_a_second_text_under_its_title_keeps_the_outline_it_has_alone(first, second, front):
    # Whatever the two texts number and however the second is titled, the page's outline
    # is the first's followed by the second's.
    def shape(sections, offset):
        return [(s.start + offset, s.level, shape(s.children, offset)) for s in sections]

    head, tail = _own_text(first), front + _own_text(second)
    text = head + tail
    assert shape(outline_of(text).sections, 0) == shape(outline_of(head).sections, 0) + shape(outline_of(tail).sections, len(head))


_PAIRS = [("一、", "（一）"), ("一、", "1."), ("（一）", "1."), ("第一，", "（一）"), ("1.", "（1）"), ("一、", "第一，")]


def _speech_of_our_own(rng) -> tuple[str, set, set]:
    """A speech or report made at random (styles, lead paragraphs, 一是 lists, the last
    points after an address, 谢谢大家, an annex) and the (start, parent) of its level-1 and
    level-2 headings as it was made."""
    parts: list[str] = []
    level1: set = set()
    level2: set = set()

    def add(line: str) -> int:
        parts.append(line)
        return sum(map(len, parts)) - len(line)

    spoken = rng.random() < 0.6
    add("同志们：\n" if spoken else "各位代表：\n")
    if rng.random() < 0.5:
        add("今天我讲几点意见。" + "内容" * rng.randint(1, 5) + "。\n")
    top, sub = rng.choice(_PAIRS)
    for i in range(1, rng.randint(2, 4) + 1):
        title = f"{'工作' * i}要点" + ("。内容\n" if top.startswith("第") else "\n")
        section = add(_numbered(top, i) + title)
        level1.add((section, None))
        if rng.random() < 0.5:
            add("内容" * (i + 2) + "。\n")
        # (a lone 第一， opens a sentence, no heading: two or none)
        for j in range(1, rng.choice([0, 2, 3] if sub.startswith("第") else [0, 1, 2, 3]) + 1):
            level2.add((add(f"{_numbered(sub, j)}{'要点' * j}。{'内容' * (i + j)}。\n"), section))
            if rng.random() < 0.3:
                add("一是" + "内容" * j + "，二是" + "内容" * i + "。\n")
    if spoken and rng.random() < 0.5:  # the last points of a speech: no child of the last section
        add(rng.choice(["同志们，最后我再强调两点。\n", "最后，我再讲两点要求。\n"]))
        style = rng.choice([sub, "（1）" if sub == "1." else "1."])
        level1 |= {(add(f"{_numbered(style, k)}{'落实' * k}。内容。\n"), None) for k in (1, 2)}
    if spoken:
        add("谢谢大家！\n")
    if rng.random() < 0.3:
        annex = add("附件\n")
        level1.add((annex, None))
        add("重点项目清单\n")
        level2 |= {(add(f"{_numbered('一、', k)}{'项目' * k}。内容。\n"), annex) for k in (1, 2)}
    return "".join(parts), level1, level2


@given(st.randoms(use_true_random=False))
def test_speeches_of_our_own_have_the_outline_they_were_made_with(rng):
    text, level1, level2 = _speech_of_our_own(rng)
    outline = outline_of(text)
    assert {(s.start, None) for s in outline.sections} == level1
    assert {(c.start, s.start) for s in outline.sections for c in s.children} == level2
    check_invariants(text, outline)


def test_dated_and_source_lines_head_no_part():
    for line in ("《 人民日报 》（ 2016年05月03日 02 版）", "（2024年1月6日）"):
        text = SPEECH + line + "\n" + SPEECH
        assert [s.marker for s in outline_of(text).sections] == ["一、", "二、", "三、"] * 2, line


def test_points_announced_as_the_last_ones_are_no_child_of_the_last_section():
    # 最后，我再强调两点。 turns from the last section to the speech's own points, as an
    # address does: they restart an open style, or number a new one before 谢谢大家.
    head = "同志们：\n一、认清形势\n（一）成绩。内容。\n二、突出重点\n（一）抓项目。内容。\n（二）抓改革。内容。\n"
    restart = head + "最后，我再强调两点。\n（一）讲政治。内容。\n（二）重实干。内容。\n"
    outline = outline_of(restart)
    assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("二、", 1), ("（一）", 1), ("（二）", 1)]
    assert outline.sections[1].end < restart.index("最后，")
    check_invariants(restart, outline)
    # The last section's own numbering stopped at 1: (一) after it is a restart too.
    text = "同志们：\n一、认清形势\n（一）成绩。内容。\n二、突出重点\n（一）抓项目。内容。\n最后，我再讲两点要求。\n（一）讲政治。内容。\n（二）重实干。内容。\n谢谢大家！\n"
    outline = outline_of(text)
    assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("二、", 1), ("（一）", 1), ("（二）", 1)]
    check_invariants(text, outline)
    new_style = "同志们：\n" + SPEECH + "最后，讲几点要求。\n1.讲政治。内容。\n2.重实干。内容。\n谢谢大家！\n"
    outline = outline_of(new_style)
    assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("二、", 1), ("三、", 1), ("1.", 1), ("2.", 1)]
    check_invariants(new_style, outline)
    # 最后 closing a 首先… list, or a report's last remarks without a closing formula: as written.
    text = "同志们：\n" + SPEECH + "首先，要加强领导。\n最后，要强化督查，抓好三个方面。\n1.督查。内容。\n2.问责。内容。\n"
    assert [c.marker for c in outline_of(text).sections[-1].children] == ["1.", "2."]
    text = "各位代表：\n" + SPEECH + "最后，我再说明两点。\n1.关于预算。内容。\n2.关于债务。内容。\n"
    assert [c.marker for c in outline_of(text).sections[-1].children] == ["1.", "2."]


# --- The closing without a formula ----------------------------------------------------------


def test_closing_list_without_a_formula_belongs_to_the_closing():
    text = "一、回顾\n（一）成绩。\n二、安排\n（一）项目。抓好项目。\n同志们，新的一年，我提三点要求：一要讲政治，二要重实干，三要守纪律。\n"
    outline = outline_of(text)
    assert text[outline.closing.start :].startswith("同志们，新的一年")
    assert all_lists(outline) == []
    assert lists_of_items(outline.items) == [("一要", "三要", 3, "yao")]
    check_invariants(text, outline)


def test_closing_list_announced_as_the_last_points_belongs_to_the_closing():
    head = "同志们：\n一、形势\n（一）成绩。内容。\n二、保障\n（一）加强领导。内容。\n（二）压实责任。内容。\n"
    for closing in (
        "最后，我提三点要求：一要讲政治，二要重实干，三要守纪律。谢谢大家！\n",
        "最后，我提三点要求：一要讲政治，二要重实干，三要守纪律。\n谢谢大家！\n",
        "最后，我再讲几点要求。\n一要讲政治，坚定方向。\n二要重实干，狠抓落实。\n三要守纪律，清正廉洁。\n谢谢大家！\n",
    ):
        text = head + closing
        outline = outline_of(text)
        assert text[outline.closing.start :].startswith("最后，我"), closing
        assert all_lists(outline) == [] and lists_of_items(outline.items) == [("一要", "三要", 3, "yao")], closing
        check_invariants(text, outline)
    # 最后 closing a 首先… list of the last section, no announcement: the list stays whole there.
    text = head + "首先，要加强领导。\n其次，要压实责任。\n最后，要强化督查，抓好三个方面。\n谢谢大家！\n"
    outline = outline_of(text)
    assert all_lists(outline) == [("首先", "最后", 3, "sequence")] and outline.items == []


def test_last_paragraphs_without_an_address_are_no_closing():
    outline = outline_of("同志们：\n一、回顾\n内容。\n我们要继续努力。\n")
    assert outline.closing is None


def test_closing_address_of_a_speech_and_a_report(genres_dir, real_dir):
    text, outline = _outline(genres_dir / "speech-national-massline-mobilization-2013.txt")
    assert text[outline.closing.start :].startswith("同志们，这次教育实践活动意义重大")
    assert outline.sections[-1].end <= outline.closing.start
    text, outline = _outline(real_dir / "govreport-2024.txt")
    assert text[outline.closing.start :].startswith("各位代表！\n")
    assert outline.sections[-1].end <= outline.closing.start


def test_points_after_an_address_that_restart_do_not_nest_in_the_last_section():
    text = (
        "一、形势\n（一）成绩。内容。\n（二）问题。内容。\n二、任务\n（一）改革。内容。\n（二）发展。内容。\n"
        "同志们，最后我再强调两点。\n（一）加强领导。内容。\n（二）狠抓落实。内容。\n谢谢大家！"
    )
    outline = outline_of(text)
    assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("二、", 1), ("（一）", 1), ("（二）", 1)]
    assert [c.title for c in outline.sections[1].children] == ["改革", "发展"]
    assert outline.sections[1].end < text.index("同志们，最后")
    check_invariants(text, outline)


def test_an_address_before_the_next_sub_heading_keeps_it_in_its_section():
    # （二） goes on from （一）: no restart, the address is part of the section.
    text = "一、形势\n（一）成绩。内容。\n同志们，我们还要看到问题。\n（二）问题。内容。\n二、任务\n同志们，今年的任务很重。\n（一）改革。内容。\n"
    outline = outline_of(text)
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("一、", ["（一）", "（二）"]), ("二、", ["（一）"])]


def test_top_headings_without_numbers_over_bracketed_numbering():
    text = "各位代表：\n过去一年工作回顾\n（一）经济。内容。\n（二）民生。内容。\n今年工作安排\n（一）改革。内容。\n（二）开放。内容。\n"
    outline = outline_of(text)
    assert [(s.title, [c.marker for c in s.children]) for s in outline.sections] == [
        ("过去一年工作回顾", ["（一）", "（二）"]),
        ("今年工作安排", ["（一）", "（二）"]),
    ]


def test_annex_label_and_title_on_one_line():
    text = "一、回顾\n内容。\n附件1：2025年十件民生实事\n一、提高低保标准。内容。\n二、建设养老设施。内容。\n附件2 名词解释\n1.两新：设备更新。\n2.两重：重大战略。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, s.kind, [c.marker for c in s.children]) for s in outline.sections] == [
        ("一、", "回顾", "section", []),
        ("附件1", "2025年十件民生实事", "annex", ["一、", "二、"]),
        ("附件2", "名词解释", "annex", ["1.", "2."]),
    ]
    assert outline.warnings == []
    check_invariants(text, outline)
    # Running text that begins with the word is no annex.
    assert [s.marker for s in outline_of("一、回顾\n附件1所列项目要抓紧实施。\n").sections] == ["一、"]


def test_the_title_of_an_annex_label_is_no_part():
    text = "一、回顾\n内容。\n二、安排\n内容。\n附件1\n十件民生实事\n一、提高低保。内容。\n二、养老。内容。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, [c.marker for c in s.children]) for s in outline.sections] == [
        ("一、", "回顾", []), ("二、", "安排", []), ("附件1", "十件民生实事", ["一、", "二、"]),
    ]
    # The same title line with no label above it heads a part: its 一、 restarts the numbering.
    outline = outline_of(text.replace("附件1\n", ""))
    assert [(s.marker, s.title) for s in outline.sections] == [("一、", "回顾"), ("二、", "安排"), ("", "十件民生实事")]


# --- Part titles away from the numbering they head ------------------------------------------

UNNUMBERED_PARTS = (
    "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
    "2025年工作回顾\n过去一年，经济稳中有进。\n一年来，主要做了以下工作。\n（一）稳增长。内容。\n（二）促改革。内容。\n"
    "2026年工作安排\n今年是开局之年。\n重点抓好以下工作：\n（一）扩内需。内容。\n（二）强产业。内容。\n"
    "加强政府自身建设\n我们要坚持依法行政。\n各位代表！让我们团结奋斗。\n"
)


def test_part_titles_above_lead_in_paragraphs_head_their_numbering():
    outline = outline_of(UNNUMBERED_PARTS)
    assert [(s.marker, s.title, s.level, [c.marker for c in s.children]) for s in outline.sections] == [
        ("", "2025年工作回顾", 1, ["（一）", "（二）"]),
        ("", "2026年工作安排", 1, ["（一）", "（二）"]),
        ("", "加强政府自身建设", 1, []),
    ]
    assert outline.warnings == []
    check_invariants(UNNUMBERED_PARTS, outline)


def test_lines_cut_out_of_a_sentence_are_no_parts():
    # …发展的 / 主要目标 / 是：… is one sentence written over three lines.
    text = UNNUMBERED_PARTS.replace("今年是开局之年。\n", "今年经济社会发展的\n主要预期目标\n是：增长5%左右。\n")
    assert [s.title for s in outline_of(text).sections] == ["2025年工作回顾", "2026年工作安排", "加强政府自身建设"]
    # Of two title lines in a row, the second goes on with the first.
    text = UNNUMBERED_PARTS.replace("加强政府自身建设\n", "持续提升政府\n治理效能和服务水平\n")
    assert [s.title for s in outline_of(text).sections][-1].startswith("持续提升政府")
    assert len(outline_of(text).sections) == 3


def test_title_lines_without_a_restart_of_the_top_numbering_are_no_parts():
    # Under 一、 (the top style, numbered once through) short lines stay body text,
    # and a document under （一） needs two title lines to have parts.
    text = "各位代表：\n一、回顾\n国家物流枢纽建设工程\n内容。\n二、安排\n现代供应链体系建设工程\n内容。\n"
    assert [(s.marker, s.title) for s in outline_of(text).sections] == [("一、", "回顾"), ("二、", "安排")]
    text = "同志们：\n今天讲三点意见。\n（一）统一思想。内容。\n不忘初心\n（二）狠抓落实。内容。\n"
    assert [s.marker for s in outline_of(text).sections] == ["（一）", "（二）"]


def _without_top_markers(text):
    return re.sub(r"^([ \u3000]*)[一二三四五六七八九十]+、", r"\1", text, flags=re.M)


def test_reports_whose_top_headings_lose_their_numbers_keep_their_parts(provinces_dir, tmp_path):
    # The same reports with 一、二、三、 taken off their top headings: the unnumbered
    # lines head the parts, with their （一）… beneath (Chongqing 2025: lead-in
    # paragraphs between the title and （一）; Qinghai 2025: first and last part without
    # numbering; Henan 2025: a title written 2024 年).
    for name in ("govreport-chongqing-2025.txt", "govreport-qinghai-2025.txt", "govreport-henan-2025.txt", "govreport-neimenggu-2025.txt"):
        speech = read_speech(provinces_dir / name)
        numbered = extract_outline(speech, keywords=0)
        text = _without_top_markers(speech.text)
        (tmp_path / name).write_text(text, encoding="utf-8")
        stripped = extract_outline(read_speech(tmp_path / name), keywords=0)
        assert [(s.level, s.title[:8], len(s.children)) for s in stripped.sections] == [
            (s.level, s.title[:8], len(s.children)) for s in numbered.sections
        ], name
        check_invariants(text, stripped)


def test_a_source_line_after_the_body_heads_no_part(genres_dir, tmp_path):
    # The 2016 plenary speech ends with its source line (《 人民日报 》（ 2016年05月03日 02
    # 版）), which heads no part when the top headings lose their numbers: nothing follows it.
    for path in (genres_dir / "speech-national-ccdi-plenary-2016.txt",):
        speech = read_speech(path)
        numbered = extract_outline(speech, keywords=0)
        text = _without_top_markers(speech.text)
        (tmp_path / path.name).write_text(text, encoding="utf-8")
        stripped = extract_outline(read_speech(tmp_path / path.name), keywords=0)
        assert [(s.level, s.title[:8], len(s.children)) for s in stripped.sections] == [
            (s.level, s.title[:8], len(s.children)) for s in numbered.sections
        ], path.name
        check_invariants(text, stripped)


# --- Spaces inside a marker -----------------------------------------------------------------


def test_spaces_inside_markers_keep_the_headings(provinces_dir):
    # Text taken from a PDF or a web page writes （ 一 ） and 一 、: the same headings.
    text = "一 、回顾\n（ 一 ）经济。内容。\n( 二 )产业。内容。\n（ 1 ）农业。内容。\n二 、安排\n（一 ）项目。内容。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, [c.marker for c in s.children]) for s in outline.sections] == [
        ("一 、", "回顾", ["（ 一 ）", "( 二 )"]),
        ("二 、", "安排", ["（一 ）"]),
    ]
    assert [c.marker for c in outline.sections[0].children[1].children] == ["（ 1 ）"] and outline.warnings == []
    check_invariants(text, outline)
    # Shaanxi 2025 with spaces put inside every marker has the outline it has as written.
    speech = read_speech(provinces_dir / "govreport-shaanxi-2025.txt")
    spaced = re.sub(r"（([一二三四五六七八九十]{1,3})）", r"（ \1 ）", re.sub(r"(?m)^([一二三四五六七八九十]{1,3})、", r"\1 、", speech.text))
    assert spaced != speech.text

    def shape(outline):
        return [(s.level, s.number, s.title) for s in iter_sections(outline.sections)]

    assert shape(outline_of(spaced)) == shape(extract_outline(speech, keywords=0))
    # A numeral run is still no heading: 一 、二季度.
    assert outline_of("一 、二季度经济增长较快。\n").sections == []


# --- Text wrapped at a fixed width -----------------------------------------------------------


def _wrapped(text: str, width: int) -> str:
    return "\n".join(line[i : i + width] for line in text.split("\n") for i in range(0, max(len(line), 1), width))


def test_a_report_wrapped_at_a_fixed_width_keeps_its_outline(real_dir, provinces_dir):
    # Lines cut out of a paragraph head no part (…以习近平同 / 志为核心…), and one that
    # goes on with the sentence before it opens no heading (…坚持质量第 / 一、效益优先).
    for path, width in ((real_dir / "govreport-2024.txt", 38), (real_dir / "govreport-2024.txt", 40), (provinces_dir / "govreport-shaanxi-2025.txt", 20)):
        speech = read_speech(path)
        wrapped = _wrapped(speech.text, width)
        assert wrapped != speech.text

        def shape(outline):
            return [(s.level, s.number, s.marker) for s in iter_sections(outline.sections)]

        outline = outline_of(wrapped)
        assert shape(outline) == shape(extract_outline(speech, keywords=0)), (path.name, width)
        check_invariants(wrapped, outline)


def test_text_written_a_paragraph_a_line_is_not_wrapped():
    from speechkit import Speech
    from speechkit.extract.outline.headings import wrapped_lines

    text = "一、回顾\n" + "".join(f"第{n}段内容，" + "发展" * n + "。\n" for n in range(1, 30))
    assert wrapped_lines(Speech(text).paragraphs) == (frozenset(), frozenset())
    full, continued = wrapped_lines(Speech(_wrapped(text, 12)).paragraphs)
    assert full and continued and continued <= {i + 1 for i in full}


# --- Text whose line breaks were lost --------------------------------------------------------


def test_parallel_headings_of_one_length_are_no_wrapped_text():
    # Ten headings of one length, most of the text's lines: headings, not a text cut at
    # their width, so none of them is taken for the rest of the line above it.
    text = "会议讲话摘录\n" + "".join(f"{n}、第{n}部分工作\n" + ("内容。\n" if i % 3 == 0 else "") for i, n in enumerate("一二三四五六七八九十"))
    outline = outline_of(text)
    assert [s.marker for s in outline.sections] == [f"{n}、" for n in "一二三四五六七八九十"]


def test_a_report_run_on_into_one_paragraph_keeps_its_headings(provinces_dir):
    # Liaoning 2025 with its line breaks taken out (indented with em spaces): the headings
    # that follow a stop inside the run-on paragraph are found where they stand.
    speech = read_speech(provinces_dir / "govreport-liaoning-2025.txt")
    run_on = re.sub(r"\n[ \u3000]*", "", speech.text)
    outline = outline_of(run_on)

    def shape(outline):
        return [(s.level, s.number, s.marker) for s in iter_sections(outline.sections)]

    assert shape(outline) == shape(extract_outline(speech, keywords=0))
    check_invariants(run_on, outline)


_PIECES = st.lists(st.sampled_from(["。", "！", "：", "（二）", "二、", "3.", "一、二季度", "内容", "扩大投资，", "\u3000"]), max_size=40)


@given(_PIECES, st.integers(min_value=0, max_value=4000))
@example(["。", "（二）", "内容"], 3000)
def test_a_run_on_paragraph_is_cut_into_pieces_that_tile_it(pieces, padding):
    from speechkit import Speech
    from speechkit.extract.outline.headings import split_run_on

    text = "开头" + "".join(pieces) + "发" * padding + "".join(pieces) + "。"
    paragraphs = Speech(text).paragraphs
    cut = split_run_on(text, paragraphs)
    assert cut[0].start == paragraphs[0].start and cut[-1].end == paragraphs[-1].end
    assert all(a.end == b.start for a, b in zip(cut, cut[1:])) and all(text[p.start : p.end] == p.text for p in cut)
    if len(text) < 3000:
        assert cut == paragraphs


def test_markers_inside_a_paragraph_of_ordinary_length_stay_inline():
    text = "一、安排\n今年重点做好三项工作。（一）稳增长。扩大投资。（二）调结构。发展产业。\n"
    outline = outline_of(text)
    assert [c.marker for c in outline.sections[0].children] == []
    # The same paragraph run on past any paragraph a report writes is cut at its markers.
    long_text = text.replace("扩大投资。", "扩大投资。" * 700)
    assert [c.marker for c in outline_of(long_text).sections[0].children] == ["（一）", "（二）"]


# --- A marker cut over two lines ------------------------------------------------------------


def test_a_bracket_alone_on_its_line_opens_the_heading_below():
    text = "一、回顾\n（一）经济。内容。\n（二）产业。内容。\n（\n三）改革。内容。\n（四）民生。内容。\n"
    outline = outline_of(text)
    children = outline.sections[0].children
    assert [(c.marker, c.title) for c in children] == [("（一）", "经济"), ("（二）", "产业"), ("（三）", "改革"), ("（四）", "民生")]
    assert children[2].start == text.index("（\n三）") and outline.warnings == []
    check_invariants(text, outline)
    # Every line indented, the marker's rest too.
    indented = "".join(f"\u3000\u3000{line}\n" for line in text.splitlines())
    outline = outline_of(indented)
    assert [(c.marker, c.title) for c in outline.sections[0].children][2] == ("（三）", "改革")
    check_invariants(indented, outline)
    # A bracket alone before a line that is no marker's rest stays a line of its own.
    outline = outline_of("一、回顾\n（一）经济。内容。\n（\n注：数据为初步统计）\n（二）产业。内容。\n")
    assert [c.marker for c in outline.sections[0].children] == ["（一）", "（二）"]


def test_a_marker_alone_on_its_line_heads_the_title_below():
    text = "各位代表：\n一、\n2024年工作回顾\n（一）\n经济平稳。内容。\n（二）民生。内容。\n二、\n2025年工作安排\n内容。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, s.start, [(c.marker, c.title) for c in s.children]) for s in outline.sections] == [
        ("一、", "2024年工作回顾", text.index("一、"), [("（一）", "经济平稳"), ("（二）", "民生")]),
        ("二、", "2025年工作安排", text.index("二、"), []),
    ]
    check_invariants(text, outline)
    # A marker alone above another heading, or above a line that opens with a mark, stays alone.
    outline = outline_of("一、回顾\n1.\n（一）经济。内容。\n2.\n——内容。\n")
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("一、", ["（一）"])]


def test_a_report_with_its_markers_on_lines_of_their_own(provinces_dir, tmp_path):
    speech = read_speech(provinces_dir / "govreport-guangxi-2026.txt")
    cut = re.sub(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", "\\1\n", speech.text, flags=re.M)
    assert cut.count("、\n") >= 3
    (tmp_path / "report.txt").write_text(cut, encoding="utf-8")
    shape = lambda outline: [(s.level, s.marker, s.title[:10]) for s in iter_sections(outline.sections)]  # noqa: E731
    assert shape(extract_outline(read_speech(tmp_path / "report.txt"), keywords=0)) == shape(extract_outline(speech, keywords=0))


def test_the_cut_marker_of_yunnan_2026(provinces_dir):
    text, outline = _outline(provinces_dir / "govreport-yunnan-2026.txt")
    review = outline.sections[0]
    assert [c.number for c in review.children] == [1, 2, 3, 4, 5, 6, 7]
    assert review.children[2].title.startswith("改革开放持续深化") and outline.warnings == []
    check_invariants(text, outline)


# --- Headings written in markdown -----------------------------------------------------------


def test_markdown_around_heading_lines_is_no_part_of_marker_or_title():
    text = "## 一、回顾\n**（一）经济。**内容。\n**（二）民生**\n内容。\n## 二、安排\n**2026年重点工作**\n内容。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, s.start, [(c.marker, c.title) for c in s.children]) for s in outline.sections] == [
        ("一、", "回顾", text.index("一、"), [("（一）", "经济"), ("（二）", "民生")]),
        ("二、", "安排", text.index("二、"), []),
    ]
    assert outline.sections[0].children[0].start == text.index("（一）")
    check_invariants(text, outline)
    # Part titles in bold over a restarting numbering.
    parts = "各位代表：\n**过去一年工作回顾**\n**（一）经济。**内容。\n**今年工作安排**\n**（一）改革。**内容。\n"
    outline = outline_of(parts)
    assert [(s.title, s.start, [c.marker for c in s.children]) for s in outline.sections] == [
        ("过去一年工作回顾", parts.index("过去"), ["（一）"]),
        ("今年工作安排", parts.index("今年"), ["（一）"]),
    ]


def test_redaction_stars_opening_a_paragraph_make_no_heading():
    text = "一、回顾\n**公司完成产值**亿元。\n**1.5亿元用于改造。\n（一）项目。内容。\n"
    outline = outline_of(text)
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("一、", ["（一）"])]


def test_a_report_with_bold_headings_has_the_outline_of_the_plain_one(provinces_dir, tmp_path):
    speech = read_speech(provinces_dir / "govreport-chongqing-2026.txt")
    # Each heading's marker and first sentence in bold (**（一）标题。**正文…).
    bold = re.sub(r"^((?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^\n。]*。?)", r"**\1**", speech.text, flags=re.M)
    assert bold.count("**") >= 20
    (tmp_path / "report.md").write_text(bold, encoding="utf-8")
    plain = extract_outline(speech, keywords=0)
    marked = extract_outline(read_speech(tmp_path / "report.md"), keywords=0)
    shape = lambda outline: [(s.level, s.marker, s.title) for s in iter_sections(outline.sections)]  # noqa: E731
    assert shape(marked) == shape(plain)
    check_invariants(bold, marked)


# --- The conventional rank of the numbering styles -------------------------------------------


def test_a_style_ranked_between_the_open_ones_closes_the_lower():
    # Target points numbered 1. 2. before the part's （一）（二）: these are the part's
    # sections, not children of the last target point.
    text = "一、回顾\n（一）经济。内容。\n二、安排\n主要预期目标：\n1.增长5%左右。\n2.新增就业50万人。\n（一）扩内需。内容。\n（二）强产业。内容。\n"
    outline = outline_of(text)
    plan = outline.sections[1]
    assert [(c.marker, c.level) for c in plan.children] == [("1.", 2), ("2.", 2), ("（一）", 2), ("（二）", 2)]
    assert plan.children[1].end < text.index("（一）扩内需") and outline.warnings == []
    check_invariants(text, outline)


def test_a_lower_style_and_a_document_without_a_higher_one_nest_as_written():
    # （1） under 2. nests (it ranks below); （一） under a top 1. nests (no 一、 is open).
    text = "一、安排\n（一）项目。\n1.工业。内容。\n2.农业。内容。\n（1）粮食。内容。\n（二）民生。\n"
    outline = outline_of(text)
    first = outline.sections[0].children[0]
    assert [c.marker for c in first.children] == ["1.", "2."] and [c.marker for c in first.children[1].children] == ["（1）"]
    assert [c.marker for c in outline.sections[0].children] == ["（一）", "（二）"]
    outline = outline_of("1.总体要求\n（一）指导思想。内容。\n（二）基本原则。内容。\n2.主要任务\n（一）改革。内容。\n")
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("1.", ["（一）", "（二）"]), ("2.", ["（一）"])]


# --- 一方面 after its subject, 第一点 / 第一是 ---------------------------------------------


def test_aspect_list_after_its_subject():
    for text in ("一、总体\n我们一方面要稳增长，另一方面要防风险。\n", "一、总体\n我们一方面要稳增长，而另一方面要防风险。\n"):
        assert lists_of(outline_of(text).sections[0]) == [("一方面", "另一方面", 2, "aspect")], text
    # A noun phrase (这一方面), or a lone 一方面, is no list.
    for text in ("一、总体\n这一方面做得好，另一方面做得差。\n", "一、总体\n我区一方面缺水，水资源紧张。\n"):
        assert _every_list(outline_of(text)) == [], text
    # 另 may be left out: 一方面…，一方面… names two sides as well.
    text = "一、总体\n我区一方面缺水，一方面用水方式粗放。\n"
    assert lists_of(outline_of(text).sections[0]) == [("一方面", "一方面", 2, "aspect")]


def test_sequence_and_aspect_lists_whose_members_open_paragraphs():
    # A speech's points, each opening a paragraph, and 另一方面 opening the paragraph after 一方面's.
    text = "一、要求\n我讲三点。\n首先，要提高认识，统一思想。\n其次，要突出重点。\n加强督查，狠抓落实。\n最后，要加强领导。\n"
    assert lists_of(outline_of(text).sections[0]) == [("首先", "最后", 3, "sequence")]
    text = "一、形势\n困难不少。一方面，投资增长放缓，项目储备不足。\n另一方面，消费需求不足。\n"
    assert lists_of(outline_of(text).sections[0]) == [("一方面", "另一方面", 2, "aspect")]
    # Not when the later marker is inside its paragraph, nor when a 首先 inside a sentence is
    # followed paragraphs later by a paragraph opening 最后.
    for text in (
        "一、形势\n一方面，投资增长放缓。\n消费方面，另一方面的问题是需求不足。\n",
        "一、要求\n强化监督，首先要把机关管好，这是关键。\n加强队伍建设。\n最后，要加强领导，压实责任。\n",
        "一、形势\n困难不少，一方面投资增长放缓。\n项目储备不足。\n另一方面，消费需求不足。\n",
    ):
        assert _every_list(outline_of(text)) == [], text


def test_ordinal_lists_with_a_counter_or_a_copula():
    text = "一、总体\n讲两点：第一点，稳增长；第二点，促改革。抓好三件事：第一是稳增长；第二是促改革；第三是惠民生。\n"
    assert lists_of(outline_of(text).sections[0]) == [("第一点", "第二点", 2, "ordinal"), ("第一是", "第三是", 3, "ordinal")]
    text = "一、总体\n原因有二：其一，需求不足；其二，预期偏弱。\n"
    assert lists_of(outline_of(text).sections[0]) == [("其一", "其二", 2, "ordinal")]
    # 第一要务, 安全第一 and 必居其一 are words.
    assert _every_list(outline_of("一、总体\n发展是第一要务，安全第一是底线，两者必居其一，不可偏废。\n")) == []


def test_points_between_the_closing_address_and_its_formula_are_the_closing_s():
    head = "同志们：\n一、形势\n（一）成绩。内容。\n二、任务\n（一）改革。内容。\n同志们，做好今年工作，我提几点要求。\n"
    points = "一要讲政治，坚定方向。\n二要重实干，狠抓落实。\n三要守纪律，清正廉洁。\n四要强本领，勇于担当。\n"
    for end in ("同志们，让我们团结奋斗。谢谢大家！\n", "谢谢大家！\n"):
        text = head + points + end
        outline = outline_of(text)
        assert text[outline.closing.start :].startswith("同志们，做好今年工作"), end
        assert all_lists(outline) == [] and lists_of_items(outline.items) == [("一要", "四要", 4, "yao")]
        assert outline.sections[-1].end < outline.closing.start
        check_invariants(text, outline)
    # Without the address above them, the points stay in the last section.
    outline = outline_of(head.replace("同志们，做好今年工作，我提几点要求。\n", "做好今年工作，要做到：\n") + points + "谢谢大家！\n")
    assert all_lists(outline) == [("一要", "四要", 4, "yao")]


def test_the_title_and_speaker_of_the_next_speech_head_no_part():
    text = (
        "在全市工作会议上的讲话\n张三\n同志们：\n一、形势\n（一）成绩。内容。\n二、任务\n（一）改革。内容。\n"
        "在全市工作会议上的总结讲话\n李四\n同志们：\n一、统一思想\n（一）认识。内容。\n二、狠抓落实\n（一）落实。内容。\n"
    )
    outline = outline_of(text)
    assert [(s.marker, s.title, s.level) for s in outline.sections] == [("一、", "形势", 1), ("二、", "任务", 1), ("一、", "统一思想", 1), ("二、", "狠抓落实", 1)]
    assert outline.sections[1].end < text.index("在全市工作会议上的总结讲话")
    check_invariants(text, outline)


def test_an_annex_labelled_fu_with_a_colon():
    text = "一、回顾\n内容。\n二、安排\n内容。\n附：2026年十件民生实事\n一、提高低保。内容。\n二、建设养老设施。内容。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, s.kind, [c.marker for c in s.children]) for s in outline.sections] == [
        ("一、", "回顾", "section", []), ("二、", "安排", "section", []), ("附", "2026年十件民生实事", "annex", ["一、", "二、"]),
    ]
    check_invariants(text, outline)
    # A note that runs on as a sentence labels nothing.
    assert [s.marker for s in outline_of("一、回顾\n附：各市数据见下表。\n二、安排\n").sections] == ["一、", "二、"]


def test_appendices_tables_and_boxes_numbered_in_characters():
    text = "一、回顾\n内容。\n专栏一：重大工程\n1.交通工程。内容。\n附表：2026年主要预期目标\n一、增长。内容。\n附录\n名词解释\n1.两新：设备更新。\n2.两重：重大战略。\n"
    outline = outline_of(text)
    assert [(s.marker, s.title, s.kind, [c.marker for c in s.children]) for s in outline.sections] == [
        ("一、", "回顾", "section", ["专栏一：", "1."]),
        ("附表", "2026年主要预期目标", "annex", ["一、"]),
        ("附录", "名词解释", "annex", ["1.", "2."]),
    ]
    box = outline.sections[0].children[0]
    assert (box.kind, box.number, box.title) == ("box", 1, "重大工程")
    check_invariants(text, outline)
    # The words in running text are no labels.
    outline = outline_of("一、回顾\n附表所列项目要抓紧实施。\n专栏一览表见后。\n")
    assert [(s.marker, s.children) for s in outline.sections] == [("一、", [])]


def test_points_after_the_last_section_of_a_speech_are_no_child_of_it():
    text = (
        "同志们：\n一、形势\n（一）成绩。内容。\n二、任务\n（一）改革。内容。\n（二）发展。内容。\n"
        "同志们，最后讲几点要求。\n1.讲政治。内容。\n2.重实干。内容。\n谢谢大家！\n"
    )
    outline = outline_of(text)
    assert [(s.marker, s.level) for s in outline.sections] == [("一、", 1), ("二、", 1), ("1.", 1), ("2.", 1)]
    assert outline.sections[1].end < text.index("同志们，最后")
    check_invariants(text, outline)
    # Points followed by a section of an open style, or a report without a closing
    # formula (各位代表！…十方面民生实事。/ 1. / 2.), keep them in their section.
    inside = text.replace("谢谢大家！\n", "（三）开放。内容。\n谢谢大家！\n")
    assert [c.marker for c in outline_of(inside).sections[1].children] == ["（一）", "（二）", "（三）"]
    report = text.replace("同志们", "各位代表").replace("谢谢大家！\n", "各位代表！让我们团结奋斗！\n")
    assert [c.marker for c in outline_of(report).sections[1].children[-1].children] == ["1.", "2."]


def test_note_numbers_head_the_entries_of_a_glossary_only(provinces_dir):
    text = "一、回顾\n［1］见附注。内容。\n二、安排\n内容。\n各位代表！\n让我们奋斗。\n注释\n［1］两新：\n设备更新和以旧换新。\n［2］两重：\n重大战略和重点领域。\n"
    outline = outline_of(text)
    assert [(s.marker, [c.marker for c in s.children]) for s in outline.sections] == [("一、", []), ("二、", []), ("", ["［1］", "［2］"])]
    assert [c.title for c in outline.sections[-1].children] == ["两新", "两重"] and outline.warnings == []
    check_invariants(text, outline)
    text, outline = _outline(provinces_dir / "govreport-hainan-2026.txt")
    notes = outline.sections[-1]
    assert (notes.title, len(notes.children), notes.children[0].title, notes.children[-1].marker) == ("注释", 28, "一降三减", "［28］")


def test_numbers_enclosed_in_one_character_are_the_standard_styles():
    text = "一、回顾\n㈠经济。内容。\n⒈工业。内容。\n⑴制造。内容。\n①汽车。内容。\n②电子。内容。\n⑵能源。内容。\n㈡民生。内容。\n二、安排\n"
    outline = outline_of(text)
    review = outline.sections[0]
    assert [(c.marker, c.number) for c in review.children] == [("㈠", 1), ("㈡", 2)]
    industry = review.children[0].children[0]
    assert (industry.marker, [(c.marker, c.level) for c in industry.children]) == ("⒈", [("⑴", 4), ("⑵", 4)])
    assert [(c.marker, c.title, c.level) for c in industry.children[0].children] == [("①", "汽车", 5), ("②", "电子", 5)]
    assert outline.warnings == []
    check_invariants(text, outline)
    # Mixed with the written styles: ㈡ goes on from （一）.
    outline = outline_of("一、回顾\n（一）经济。内容。\n㈡民生。内容。\n")
    assert [(c.marker, c.level) for c in outline.sections[0].children] == [("（一）", 2), ("㈡", 2)] and outline.warnings == []
