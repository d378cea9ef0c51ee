"""The outline holds whatever layout a report is published in (issue 24).

The same report is published in layouts that differ: top headings written without 一、
(bare title lines, 第一部分, or only some of them numbered), sub-headings written (一),
1., 1、, （1） or with full-width digits, headings with or without a final 。, a heading
and its first sentence on one line, blank lines doubled, Windows line ends, a page's
running header and page numbers, a paragraph cut by a page break, an annex, a glossary
(①… or 1.…) or a 说明 after the end, a table of contents at the top, the front lines
(date line, source, speaker) in another order, top headings glued to the end of the
paragraph before them. Each test takes tuning provincial reports by path, rewrites them
the way such a layout does, and checks that the outline of the rewritten text has the same
headings, titles and levels in the same order as the outline of the report as read, and
the same inline lists; text added after the end (an annex, a glossary) is a tree of its
own after them. The rewriting is ours; the reports are read from ../shared/data.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from test_structure import check_invariants

from speechkit import Speech, read_speech
from speechkit.extract.outline.structure import extract_outline, iter_sections
from speechkit.numerals import parse_whole_number

# Tuning provincial reports of several layouts (split.tsv): 一、 over （一）, parts without
# sections, an unnumbered last part, a glossary (Hainan 2026), annexes (Guangdong 2026),
# headings that run on into their text and headings on lines of their own.
REPORTS = (
    ("provinces", "govreport-shaanxi-2025.txt"),
    ("provinces", "govreport-hubei-2026.txt"),
    ("provinces", "govreport-hunan-2026.txt"),
    ("provinces", "govreport-jiangsu-2025.txt"),
    ("provinces", "govreport-chongqing-2026.txt"),
    ("provinces", "govreport-hainan-2026.txt"),
    ("provinces", "govreport-fujian-2026.txt"),
    ("provinces", "govreport-ningxia-2025.txt"),
    ("provinces", "govreport-liaoning-2025.txt"),
    ("provinces", "govreport-tianjin-2025.txt"),
    ("real", "provincial-govreport-guangdong-2026.txt"),
)

_INDENT = "[ \u3000\u2003\u00a0]*"
_CN = "[一二三四五六七八九十]{1,3}"
_TOP = re.compile(rf"(?m)^({_INDENT})({_CN})、")
_SUB = re.compile(rf"(?m)^({_INDENT})[（(]({_CN})[）)]")
_HEADING_LINE = rf"(?m)^{_INDENT}(?:{_CN}、|[（(]{_CN}[）)])"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _body_and_annexes(text: str) -> tuple[str, str]:
    at = text.find("\n附件")
    return (text, "") if at < 0 else (text[:at], text[at:])


def _on_body(rewrite):
    def apply(text: str) -> str:
        body, annexes = _body_and_annexes(text)
        return rewrite(body) + annexes

    return apply


def _number(numeral: str) -> int:
    return parse_whole_number(numeral)


def _without_one_top_marker(which: int):
    def rewrite(body: str) -> str:
        match = list(_TOP.finditer(body))[which]
        return body[: match.start(2)] + body[match.end() :]

    return _on_body(rewrite)


def _joined_with_first_sentence(text: str) -> str:
    # 一、2024年工作回顾 / 过去一年… → 一、2024年工作回顾。过去一年…
    return re.sub(rf"(?m)^({_INDENT}{_CN}、[^\n。！？；：]*)\n{_INDENT}(?=[^\n]*。)", r"\1。", text)


def _with_stops_toggled(text: str) -> str:
    # A heading line without a stop gets one; one that is a title and its 。 alone loses it.
    def toggle(match: re.Match) -> str:
        line = match.group(0)
        return line[:-1] if line.endswith("。") and line.count("。") == 1 else (line if re.search("[。！？；]", line) else line + "。")

    return re.sub(_HEADING_LINE + "[^\n]*$", toggle, text)


def _with_running_headers(text: str) -> str:
    lines = text.split("\n")
    title = lines[0].strip()
    out: list[str] = []
    for index, line in enumerate(lines):
        out.append(line)
        if index > 3 and index % 12 == 0:
            out += [f"— {index // 12} —", title]
    return "\n".join(out)


def _with_page_breaks_inside_paragraphs(text: str) -> str:
    # A page break cuts a long paragraph: its page number stands between the two pieces.
    out: list[str] = []
    page = 1
    for index, line in enumerate(text.split("\n")):
        if index > 3 and len(line) > 200 and index % 3 == 0:
            page += 1
            out += [line[:120], f"-{page}-", line[120:]]
        else:
            out.append(line)
    return "\n".join(out)


def _with_contents(*, pages: bool):
    def rewrite(text: str) -> str:
        lines = text.split("\n")
        entries = [line.strip() for line in _body_and_annexes(text)[0].split("\n") if _TOP.match(line)]
        if pages:
            entries = [f"{entry}……{3 + 4 * i}" for i, entry in enumerate(entries)]
        return "\n".join([lines[0], "目　录", *entries, *lines[1:]])

    return rewrite


def _front_lines_reversed(text: str) -> str:
    # The date, source and speaker lines between the title and the address, in the other order.
    lines = text.split("\n")
    end = next(i for i, line in enumerate(lines) if re.fullmatch("[^，。]{2,12}[：:]", line.strip()))  # 各位代表：
    return "\n".join([lines[0], *reversed(lines[1:end]), *lines[end:]])


LAYOUTS = {
    "top headings as bare title lines": _on_body(lambda body: _TOP.sub(r"\1", body)),
    "top headings as 第一部分": _on_body(lambda body: _TOP.sub(lambda m: f"{m[1]}第{m[2]}部分\u3000", body)),
    "第一部分 on a line of its own": _on_body(lambda body: _TOP.sub(lambda m: f"{m[1]}第{m[2]}部分\n{m[1]}", body)),
    "first top heading without 一、": _without_one_top_marker(0),
    "last top heading without its number": _without_one_top_marker(-1),
    "sub-headings in the other bracket width": lambda text: _SUB.sub(lambda m: m[1] + ("(%s)" if "（" in m[0] else "（%s）") % m[2], text),
    "sub-headings as 1.": lambda text: _SUB.sub(lambda m: f"{m[1]}{_number(m[2])}.", text),
    "sub-headings as 1、": lambda text: _SUB.sub(lambda m: f"{m[1]}{_number(m[2])}、", text),
    "sub-headings as （1）": lambda text: _SUB.sub(lambda m: f"{m[1]}（{_number(m[2])}）", text),
    "sub-headings in full-width digits": lambda text: _SUB.sub(lambda m: f"{m[1]}{str(_number(m[2])).translate(_FULL_WIDTH)}．", text),
    "headings with and without a final stop": _with_stops_toggled,
    "top heading and first sentence on one line": _joined_with_first_sentence,
    "blank lines between paragraphs": lambda text: text.replace("\n", "\n\n"),
    "Windows line ends": lambda text: text.replace("\n", "\r\n"),
    "running headers and page numbers": _with_running_headers,
    "page breaks inside paragraphs": _with_page_breaks_inside_paragraphs,
    "a table of contents": _with_contents(pages=False),
    "a table of contents with page numbers": _with_contents(pages=True),
    "front lines in another order": _front_lines_reversed,
    "an editor's note above the title": lambda text: "编者按：1月27日，省人民代表大会开幕，省长作政府工作报告。现将报告全文刊发如下。\n" + text,
    "a photo caption above the address": lambda text: re.sub("\n(各位代表：)", "\n图为会议现场。记者 摄\n\\1", text, count=1),
    "headings indented otherwise": lambda text: re.sub(
        r"(?m)^([ \u3000\u2003]*)(?=[（(一二三四五六七八九十])", lambda m: "\u2003\u2003" if m[1] == "\u3000\u3000" else "\u3000\u3000", text
    ),
    "top headings ending with a colon": _on_body(lambda body: re.sub(rf"(?m)^({_INDENT}{_CN}、[^\n。！？；：]*)$", r"\1：", body)),
    "top headings numbered 一．": _on_body(lambda body: _TOP.sub(lambda m: f"{m[1]}{m[2]}．", body)),
    # …提出意见。一、2024年工作回顾 / 过去一年…: the line break before each top heading lost.
    "top headings glued to the paragraph before": _on_body(lambda body: re.sub(rf"\n({_INDENT}{_CN}、)", r"\1", body)),
}

# Text added after the end: a tree of its own after the report's outline.
APPENDED = {
    "an annex": "附件\n2025年民生实事项目\n1.实施就业帮扶行动。新增就业岗位。\n2.提升养老服务能力。新建社区养老服务站。\n",
    "a glossary numbered ①②": "名词解释\n①“两重”：国家重大战略实施和重点领域安全能力建设。\n②“两新”：大规模设备更新和消费品以旧换新。\n",
    "a glossary numbered 1. 2.": "注释\n1.“两重”：国家重大战略实施和重点领域安全能力建设。\n2.“两新”：大规模设备更新和消费品以旧换新。\n",
    "a 说明 after the end": "说明\n1.本报告中地区生产总值等数据为初步统计数。\n2.增长速度按可比价格计算。\n",
    "an annexed table": "附表\n2026年主要预期目标\n1.地区生产总值增长5%左右。\n2.城镇新增就业50万人以上。\n",
}


def _shape(outline) -> list[tuple[int, str]]:
    return [(section.level, section.title) for section in iter_sections(outline.sections)]


def _lists(outline) -> list[tuple[str, str]]:
    """The inline list members of every section and of the speech, marker and first words."""
    items = [item for section in iter_sections(outline.sections) for item in section.items] + list(outline.items)
    return [(item.marker, item.text[:8]) for item in items]


def _outline_of_file(path, text: str):
    """The text as read from a file (line ends made \\n) and its outline."""
    path.write_bytes(text.encode("utf-8"))
    speech = read_speech(path)
    return speech.text, extract_outline(speech, keywords=0)


@pytest.fixture(scope="module")
def as_read(request):
    """The outline of each report as read, computed once."""
    cache: dict = {}

    def outline(folder: str, name: str):
        if (folder, name) not in cache:
            speech = read_speech(request.getfixturevalue(f"{folder}_dir") / name)
            cache[folder, name] = (speech.text, extract_outline(speech, keywords=0))
        return cache[folder, name]

    return outline


# A top heading without its number right after a top heading with no sections, above the
# first sub-numbering (二、总体要求 / 正文… / 2025年重点工作 / （一）…): read as 二、's
# sections, not a part of their own; nothing in the numbering tells the two apart.
_NOT_YET = {
    (name, "last top heading without its number"): "the sections after a part without sections go to it"
    for name in ("govreport-jiangsu-2025.txt", "provincial-govreport-guangdong-2026.txt")
}


def _cases():
    for folder, name in REPORTS:
        for layout in LAYOUTS:
            reason = _NOT_YET.get((name, layout))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(folder, name, layout, marks=marks, id=f"{name}-{layout}")


@pytest.mark.parametrize(("folder", "name", "layout"), list(_cases()))
def test_a_report_in_another_layout_has_the_same_outline(folder, name, layout, as_read, tmp_path):
    text, outline = as_read(folder, name)
    rewritten = LAYOUTS[layout](text)
    assert rewritten != text, layout
    read, found = _outline_of_file(tmp_path / name, rewritten)
    assert _shape(found) == _shape(outline)
    assert _lists(found) == _lists(outline)
    check_invariants(read, found)


@pytest.mark.parametrize("appended", list(APPENDED))
@pytest.mark.parametrize(("folder", "name"), REPORTS, ids=[name for _, name in REPORTS])
def test_text_after_the_end_is_a_tree_of_its_own(folder, name, appended, as_read, tmp_path):
    text, outline = as_read(folder, name)
    rewritten = text.rstrip("\n") + "\n" + APPENDED[appended]
    read, found = _outline_of_file(tmp_path / name, rewritten)
    shape = _shape(outline)
    assert _shape(found)[: len(shape)] == shape
    last = found.sections[-1]
    assert len(found.sections) == len(outline.sections) + 1 and last.kind == "annex"
    assert [child.level for child in last.children] == [2, 2]
    check_invariants(read, found)


# --- Parts numbered and unnumbered, speakers and announced points: text of our own --------------

_PART = "（一）经济。内容。\n（二）民生。内容。\n"


@given(st.lists(st.booleans(), min_size=2, max_size=5), st.booleans())
@example([True, False], False)
@example([False, True, True], True)
def test_any_top_heading_may_lose_its_number(numbered, last_without_sections):
    # 一、…二、… with any of them written as a bare title line: the same parts, the same
    # sections beneath them (a last part without sections too, when text follows its title).
    numerals = "一二三四五"
    titles = [f"{year}年工作{kind}" for year, kind in zip(range(2021, 2026), "回顾安排要求部署重点")]
    lines = ["各位代表：", "现在报告工作。"]
    for index, (title, with_number) in enumerate(zip(titles, numbered)):
        lines.append(f"{numerals[index]}、{title}" if with_number else title)
        lines.append(f"{title}的内容。" if last_without_sections and index == len(numbered) - 1 else _PART.rstrip("\n"))
    lines.append("各位代表！让我们团结奋斗。")
    text = "\n".join(lines) + "\n"
    outline = extract_outline(Speech(text), keywords=0)
    if not any(numbered):
        return  # no 一、 at all: title lines are parts only where a numbering shows them (test_outline_rules)
    assert [s.title for s in outline.sections] == titles[: len(numbered)]
    assert [len(s.children) for s in outline.sections] == [
        0 if last_without_sections and index == len(numbered) - 1 else 2 for index in range(len(numbered))
    ]
    check_invariants(text, outline)


def test_a_speaker_line_of_office_and_name_starts_the_next_text():
    speech = "一、认清形势\n（一）成绩。内容。\n（二）问题。内容。\n二、突出重点\n（一）抓项目。内容。\n"
    for points, markers in ((speech, ["一、", "二、"]), ("（一）统一思想。内容。\n（二）狠抓落实。内容。\n", ["（一）", "（二）"])):
        text = "在全市经济工作会议上的讲话\n市委书记 张三\n同志们：\n" + speech + "市长 李四\n" + points
        outline = extract_outline(Speech(text), keywords=0)
        assert [(s.level, s.marker) for s in outline.sections] == [(1, "一、"), (1, "二、")] + [(1, marker) for marker in markers]
        assert outline.sections[1].end <= text.index("市长 李四")
        check_invariants(text, outline)
    # Not a sentence that names an office, nor a line naming a speech in general.
    text = speech + "市长李四同志出席会议并讲话。\n（二）抓招商。内容。\n"
    assert [c.marker for c in extract_outline(Speech(text), keywords=0).sections[-1].children] == ["（一）", "（二）"]


def test_points_announced_after_a_section_number_again_as_the_speeches_own():
    # 下面，我讲三点意见。: the points after it restart the numbering; they are no children
    # of the section before the announcement.
    text = (
        "同志们：\n今天开会。\n一、回顾\n（一）成绩。内容。\n（二）问题。内容。\n"
        "下面，我再讲三点意见。\n（一）统一思想。内容。\n（二）狠抓落实。内容。\n（三）加强领导。内容。\n"
    )
    outline = extract_outline(Speech(text), keywords=0)
    assert [(s.level, s.marker, len(s.children)) for s in outline.sections] == [(1, "一、", 2), (1, "（一）", 0), (1, "（二）", 0), (1, "（三）", 0)]
    check_invariants(text, outline)
    # Without the announcement, a restart under an open section nests as before.
    plain = text.replace("下面，我再讲三点意见。\n", "")
    assert [len(s.children) for s in extract_outline(Speech(plain), keywords=0).sections] == [5]
    # A sentence that only speaks of points (讲了三点) announces nothing.
    told = text.replace("下面，我再讲三点意见。", "刚才大家讲了三点体会，很好。")
    assert [len(s.children) for s in extract_outline(Speech(told), keywords=0).sections] == [5]


def test_a_heading_glued_to_the_end_of_a_paragraph_opens_there():
    text = "各位代表：\n现在报告工作，请予审议。一、2025年工作回顾\n过去一年成绩显著。\n（一）经济。内容。\n"
    outline = extract_outline(Speech(text), keywords=0)
    assert [(s.marker, s.title, s.start) for s in outline.sections] == [("一、", "2025年工作回顾", text.index("一、"))]
    check_invariants(text, outline)
    # A marker among the paragraph's sentences, a title that ends with a stop, or a numeral
    # run (一、二季度) heads nothing.
    for paragraph in ("我们抓了三件事：（一）稳增长。（二）促改革。（三）惠民生。", "成绩显著。一、二季度增长较快", "成绩显著。二、推进改革。"):
        inline = f"一、回顾\n{paragraph}\n二、安排\n内容。\n"
        assert [s.marker for s in extract_outline(Speech(inline), keywords=0).sections] == ["一、", "二、"], paragraph


def test_headings_wrapped_at_a_fixed_width_keep_their_whole_titles():
    headings = ["一、2025年和“十四五”时期工作回顾", "（一）着力推进向新向优发展，产业转型升级步伐加快", "（二）着力推动“两创”深度融合，科技支撑作用明显增强"]
    wrapped = [heading[:13] + "\n" + heading[13:] for heading in headings]  # (each rest fits in the width)
    text = "各位代表：\n{}\n过去一年成绩显著。\n{}\n内容。\n{}\n内容。\n二、主要目标\n内容。\n".format(*wrapped)
    outline = extract_outline(Speech(text), keywords=0)
    assert [s.title for s in iter_sections(outline.sections)] == [heading[heading.index("、" if i == 0 else "）") + 1 :] for i, heading in enumerate(headings)] + ["主要目标"]
    check_invariants(text, outline)
    # A heading line above a short line, where other headings are longer: a title and its
    # subtitle, each kept as written.
    single = "各位代表：\n一、2025年工作回顾\n主要成绩\n过去一年成绩显著。\n二、2026年工作安排\n总体要求\n内容。\n三、全面加强政府自身建设\n内容。\n"
    assert [s.title for s in extract_outline(Speech(single), keywords=0).sections] == ["2025年工作回顾", "2026年工作安排", "全面加强政府自身建设"]


def test_parallel_headings_of_one_length_keep_their_titles(provinces_dir):
    # Shaanxi 2025 writes the （一）… of its plan in lines of one or two lengths, each followed
    # by its text, whose first sentence is short: nothing of the text joins the title.
    speech = read_speech(provinces_dir / "govreport-shaanxi-2025.txt")
    outline = extract_outline(speech, keywords=0)
    plan = outline.sections[1].children
    assert len(plan) >= 5
    lines = speech.text.split("\n")
    for section in plan:
        line = next(line.strip() for line in lines if line.strip().startswith(section.marker + section.title[:4]))
        assert section.title == line[len(section.marker) :].rstrip("。")


def test_a_table_of_contents_heads_nothing():
    # Entries as title lines or headings, with a final stop or dot leaders and a page number.
    text = (
        "2025年某省政府工作报告\n目　录\n2024年工作回顾……1\n二、2025年工作安排。……5\n各位代表：\n现在报告工作。\n"
        "2024年工作回顾\n（一）经济。内容。\n（二）民生。内容。\n二、2025年工作安排。\n（一）改革。内容。\n"
    )
    outline = extract_outline(Speech(text), keywords=0)
    assert [(s.marker, s.title, s.start, len(s.children)) for s in outline.sections] == [
        ("", "2024年工作回顾", text.index("2024年工作回顾\n（"), 2),
        ("二、", "2025年工作安排", text.index("二、2025年工作安排。\n"), 1),
    ]
    check_invariants(text, outline)
    # An editor's note above the title and its contents.
    noted = "编者按：报告全文如下。\n" + text
    assert [(s.marker, s.title, len(s.children)) for s in extract_outline(Speech(noted), keywords=0).sections] == [
        ("", "2024年工作回顾", 2), ("二、", "2025年工作安排", 1),
    ]
    # Headings written once, or written again without a run of two: no contents.
    once = "各位代表：\n一、回顾\n（一）经济\n内容。\n二、安排\n（一）改革。内容。\n"
    assert [len(s.children) for s in extract_outline(Speech(once), keywords=0).sections] == [1, 1]


# Layouts that touch different parts of a report, so that any of them may follow any other.
_COMPOSABLE = [
    "sub-headings in the other bracket width", "sub-headings as 1、", "blank lines between paragraphs",
    "running headers and page numbers", "page breaks inside paragraphs", "front lines in another order",
    "an editor's note above the title", "a photo caption above the address", "headings indented otherwise",
    "a table of contents with page numbers", "top headings as bare title lines", "top headings glued to the paragraph before",
]


@given(st.sampled_from(REPORTS), st.lists(st.sampled_from(_COMPOSABLE), min_size=2, max_size=4, unique=True))
@example(("provinces", "govreport-hainan-2026.txt"), ["a table of contents with page numbers", "running headers and page numbers", "headings indented otherwise"])
def test_layouts_one_after_another_keep_the_outline(as_read, report, layouts):
    text, _ = as_read(*report)
    rewritten = text
    for layout in layouts:
        rewritten = LAYOUTS[layout](rewritten)
    outline = extract_outline(Speech(rewritten), keywords=0)
    assert _shape(outline) == _shape(extract_outline(Speech(text), keywords=0)), layouts
    check_invariants(rewritten, outline)
