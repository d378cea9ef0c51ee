"""Which paragraphs head sections: numbered markers, markers cut by a line break, and
unnumbered part titles.

A paragraph that opens with a numbering marker (see :mod:`speechkit.extract.outline.markers`)
is a heading candidate; a lone 第一， is none. A marker cut from its title by a line
break (一、 / 2025年工作回顾, （ / 三）…) is joined to it. Unnumbered title lines head parts
where the document's numbering shows them (see :func:`part_titles`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence

from ...chars import HAN, is_han
from ...model import TextUnit
from .markers import (
    ANNEX, ARABIC, CN, CN_NUMERAL, DECORATION_CLOSERS, GLOSSARY, NOTE, ORDINAL, PAREN_ARABIC, PAREN_CN, PART_TITLE,
    STYLE_RANK, HeadingMarker, match_heading, skip_decoration,
)
from .parts import is_salutation_line, opens_with_address

# An unnumbered part title: a short line without a stop, opening with a character or a quote,
# on one line or two.
_PART_TITLE_MAX = 40
_PART_TITLE_LINES = 2
_PART_TITLE_STOPS = frozenset("。！？；：!?;:")
# Besides a character: a quote, a book title, or the bracket some sources set a title in (【…】).
_TITLE_OPENERS = "“《【"
_YEAR_OPENING = re.compile(r"[0-9０-９]{4}[ \u3000]*年")
_SENTENCE_STOP = re.compile(r"[。！？!?]")
# A line that is only an opening bracket, and the rest of the marker it opens (三）…).
_MARKER_OPENERS = frozenset("（(")
_SPLIT_MARKER_REST = re.compile(rf"(?:[{CN_NUMERAL}]{{1,4}}|[0-9０-９]{{1,3}})[）)]")
# A line that is only a numbering marker (一、, （一）, 1., （1）).
_LONE_MARKER = re.compile(rf"[{CN_NUMERAL}]{{1,4}}[、．.]|[（(](?:[{CN_NUMERAL}]{{1,4}}|[0-9０-９]{{1,3}})[）)]|[0-9０-９]{{1,3}}[.．、]")
# Styles that number the levels below the top one in a standard document (not 第一，,
# which numbers a speech's top points as often as a report's second level).
_SUB_STYLES = frozenset({PAREN_CN, ARABIC, PAREN_ARABIC})
# Styles that stand apart from the body's numbering.
APART = frozenset({ANNEX, GLOSSARY})


_INDENT = " \u3000\u00a0\u2002\u2003\t"  # what a paragraph's indentation is written with
# A paragraph this long is text whose line breaks were lost (a web page's <br>, a PDF's
# blocks run together): the longest paragraph of the reports read is under 2,000 characters.
_RUN_ON = 3000
# Where a heading may begin inside such a paragraph: after a sentence's stop (any style), or
# after a colon (一、 only: （一） after a colon opens an inline enumeration).
_INNER_HEADING = re.compile(
    rf"(?<=[。！？!?])[{_INDENT}]*(?=[{CN_NUMERAL}（(0-9０-９第])|(?<=[：:])[{_INDENT}]*(?=[{CN_NUMERAL}]{{1,4}}[、．.])"
)
_INNER_STYLES = frozenset({CN, PAREN_CN, ARABIC, PAREN_ARABIC})


def split_run_on(text: str, paragraphs: Sequence[TextUnit]) -> list[TextUnit]:
    """The paragraphs, each run-on one (longer than any paragraph a report writes) cut
    before the heading markers that follow a stop inside it (…取得新成效。（二）…).

    Paragraphs of ordinary length are kept whole: a marker inside them numbers an inline
    enumeration, not a heading.
    """
    result: list[TextUnit] = []
    for para in paragraphs:
        if para.end - para.start < _RUN_ON:
            result.append(para)
            continue
        cuts = [para.start] + [
            match.end() for match in _INNER_HEADING.finditer(text, para.start, para.end)
            if (marker := match_heading(text, match.end(), para.end)) is not None
            and (marker.style in _INNER_STYLES or marker.style.startswith("part_"))
        ]
        result += [TextUnit(text[a:b], a, b) for a, b in zip(cuts, [*cuts[1:], para.end])]
    return result


# A title runs from a glued heading's marker to the end of its line: short, without a stop.
_GLUED_TITLE_MAX = 40
_LAST_STOP = re.compile(r"[。！？!?][^。！？!?]*$")


def split_glued_headings(text: str, paragraphs: Sequence[TextUnit]) -> list[TextUnit]:
    """The paragraphs, each cut before a heading glued to its end (…提出意见。一、2024年工作
    回顾: the line break before the heading was lost). Such a heading follows the paragraph's
    last stop and its title, short and without a stop, runs to the end of the line; a marker
    inside a paragraph's sentences numbers an inline enumeration, not a heading."""
    result: list[TextUnit] = []
    for para in paragraphs:
        last = _LAST_STOP.search(para.text)
        cut = para.start + last.start() + 1 if last else None
        while cut is not None and cut < para.end and text[cut] in _INDENT:
            cut += 1
        marker = match_heading(text, cut, para.end) if cut is not None and 0 < para.end - cut <= _GLUED_TITLE_MAX else None
        if marker is None or not (marker.style in _INNER_STYLES or marker.style.startswith("part_")) or marker.end >= para.end:
            result.append(para)
            continue
        result += [TextUnit(text[para.start : cut], para.start, cut), TextUnit(text[cut : para.end], cut, para.end)]
    return result


def join_split_markers(text: str, paragraphs: Sequence[TextUnit]) -> list[TextUnit]:
    """The paragraphs, a line holding only a marker or the opening bracket of one joined
    to the line it opens (（ / 三）改革开放…, 一、 / 2025年工作回顾: a marker cut from its
    heading by a line break); a marker alone above another heading stays alone."""
    joined: list[TextUnit] = []
    for para in paragraphs:
        previous = joined[-1] if joined else None
        if previous is not None and (
            (previous.text in _MARKER_OPENERS and _SPLIT_MARKER_REST.match(para.text))
            or (_LONE_MARKER.fullmatch(previous.text) and _opens_title(text, para))
        ):
            joined[-1] = TextUnit(text[previous.start : para.end], previous.start, para.end)
            continue
        joined.append(para)
    return joined


# A page number set on a line of its own in text taken from a print layout: — 3 —, -3-, ·3·,
# 第3页, 第3页 共20页 (a bare 3 is not one: it numbers a 专栏 box written 专栏 / 3).
_PAGE_NUMBER = re.compile(
    r"[—－–\-·•]+[ \u3000]*[0-9０-９]{1,3}[ \u3000]*[—－–\-·•]+"
    r"|第[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页(?:[ \u3000，,/]*共[ \u3000]*[0-9０-９]{1,3}[ \u3000]*页)?"
)
# A short line written this many times or more is a page's running header (the report's title).
_RUNNING_HEADER_TIMES = 3


def without_page_furniture(paragraphs: Sequence[TextUnit]) -> list[TextUnit]:
    """The paragraphs without what a print layout sets on every page: page numbers
    (— 3 —, 第3页), and a running header (a title line written three times or more, after
    its first time). Set between a label and its title (附件2 / — 15 — / 名词解释) or
    between two headings, they would head or name a section."""
    written = Counter(p.text.strip() for p in paragraphs if len(p.text.strip()) <= _PART_TITLE_MAX)
    seen: set[str] = set()
    kept: list[TextUnit] = []
    for para in paragraphs:
        line = para.text.strip()
        if _PAGE_NUMBER.fullmatch(line):
            continue
        if written[line] >= _RUNNING_HEADER_TIMES and line in seen and is_title_line(line) and match_heading(line, 0, len(line)) is None:
            continue
        seen.add(line)
        kept.append(para)
    return kept


# Dot leaders and the page number after an entry of a table of contents (一、回顾……3).
_CONTENTS_PAGE = re.compile(r"[ \u3000]*(?:[.…·．]{2,}|[ \u3000])[ \u3000]*[0-9０-９]{1,3}$")
_CONTENTS_ENTRY_MAX = 60
# A table of contents begins among a text's first paragraphs (title, front lines, a note).
_CONTENTS_SEARCH = 40


def table_of_contents(paragraphs: Sequence[TextUnit], markers: Sequence[HeadingMarker | None]) -> frozenset[int]:
    """The paragraphs of a table of contents above the text: a run of two or more short
    lines without a stop (but a heading's final one), headings or title lines, above the
    body's first heading, each written again further on (without its dot leaders and page
    number) after the whole run, at the start of a heading or as the same title line, and
    not all one after the other there. They list the headings, they head nothing."""
    def entry(index: int) -> str:
        line = _CONTENTS_PAGE.sub("", paragraphs[index].text.strip())
        if markers[index] is not None:
            line = line.rstrip("。")  # (a heading's title may end with a stop)
        return line if len(line) <= _CONTENTS_ENTRY_MAX and not any(char in _PART_TITLE_STOPS for char in line) else ""

    def written_again(line: str, k: int) -> bool:
        # As a heading, which may run on into its text, or as the same title line.
        later = paragraphs[k].text.strip()
        return later.startswith(line) if markers[k] is not None else later == line and is_title_line(later)

    def heads_later(index: int, after: int) -> bool:
        line = entry(index)
        return bool(line) and (markers[index] is not None or is_title_line(line)) and any(written_again(line, k) for k in range(after, len(paragraphs)))

    # The contents stand at the top, above the body's first heading (the first not written again).
    top = min(len(paragraphs), _CONTENTS_SEARCH)
    body = next((i for i in range(top) if markers[i] is not None and not heads_later(i, i + 1)), top)
    first = next((i for i in range(body) if heads_later(i, i + 1)), body)
    run_end = first
    while run_end < body and heads_later(run_end, run_end + 1):
        run_end += 1
    if run_end - first < 2 or not all(heads_later(i, run_end) for i in range(first, run_end)):
        return frozenset()
    # The headings listed stand apart in the text; written again one after the other, the
    # lines are a text's first headings, its next text's too.
    again = [next(k for k in range(run_end, len(paragraphs)) if written_again(entry(i), k)) for i in range(first, run_end)]
    if again[-1] - again[0] == run_end - first - 1:
        return frozenset()
    return frozenset(range(first, run_end))


def _opens_title(text: str, paragraph: TextUnit) -> bool:
    """True when ``paragraph`` may be the title below a marker written alone: no heading
    itself, it opens with a character, a quote or a figure (2025年工作回顾)."""
    first = text[paragraph.start]
    return (is_han(first) or first in "“《" or first.isdigit()) and match_heading(text, paragraph.start, paragraph.end) is None


def plausible_headings(markers: Sequence[HeadingMarker | None], first: int, text_titles: Sequence[int] = ()) -> list[int]:
    """Indices of heading paragraphs from ``first`` on.

    A paragraph-leading 第一， is a heading only beside a neighbour number (第二，) of the
    same text (the texts on a page part at ``text_titles``, see :func:`next_text_titles`):
    alone it opens a sentence, and may still start an inline list. A glossary label
    under an 附件 label (附件2 / 名词解释) is that annex's title, not a heading. A note
    number (［1］ …) heads an entry only in an annex or glossary.
    """
    def text_of(index: int) -> int:
        return bisect_right(text_titles, index)

    ordinals = {(text_of(i), m.number) for i, m in enumerate(markers) if i >= first and m is not None and m.style == ORDINAL}
    in_body = _glossary_labels_in_body(markers, first)
    apart = next((i for i in range(first, len(markers)) if markers[i] is not None and markers[i].style in APART and i not in in_body), len(markers))
    return [
        i
        for i in range(first, len(markers))
        if markers[i] is not None
        and i not in in_body
        and (markers[i].style != ORDINAL or {(text_of(i), markers[i].number - 1), (text_of(i), markers[i].number + 1)} & ordinals)
        and (markers[i].style != NOTE or i > apart)
        and not (markers[i].style == GLOSSARY and i > 0 and markers[i - 1] is not None and markers[i - 1].style == ANNEX and markers[i - 1].label_only)
    ]


def _glossary_labels_in_body(markers: Sequence[HeadingMarker | None], first: int) -> frozenset[int]:
    """Glossary labels (名词解释, 说明) the body's top numbering goes on after (二、 / 说明 /
    三、): a line of the body, not the glossary after it."""
    top = next((m.style for m in markers[first:] if m is not None and m.style not in APART), None)
    found: set[int] = set()
    last_top = 0
    for i in range(first, len(markers)):
        marker = markers[i]
        if marker is None:
            continue
        if marker.style == top:
            last_top = marker.number
        elif marker.style == GLOSSARY:
            following = next((m for m in markers[i + 1 :] if m is not None), None)
            if following is not None and following.style == top and last_top and following.number == last_top + 1:
                found.add(i)
    return frozenset(found)


def _title_lines(
    paragraphs: Sequence[TextUnit], markers: Sequence[HeadingMarker | None], first: int, stop: int,
) -> tuple[dict[int, int], list[int]]:
    """The title lines of the body ``paragraphs[first:stop]`` that may head a part: each
    short line's run (line -> the first line of its run), and the runs' first lines."""
    full, continued = wrapped_lines(paragraphs)
    lines = [
        i for i in range(first, stop)
        if markers[i] is None and len(paragraphs[i].text) <= _PART_TITLE_MAX + 8 and i not in full and i not in continued
        and _is_part_title(paragraphs, markers, i)
    ]  # (the length first: most paragraphs are long; markdown may add a few marks)
    lines = _without_document_titles(paragraphs, lines)
    runs: dict[int, int] = {}  # line -> the first line of its run, the title
    for i in lines:
        runs[i] = runs.get(i - 1, i)
    lengths = Counter(runs.values())
    # A part has a body: the body's last line (a source line, 《人民日报》…) heads none. A title
    # takes a line or two (持续提升政府 / 治理效能和服务水平); three short lines or more in a
    # row are words set one a line (a page's menu: 下载 / 打印 / 全屏), no title.
    return runs, sorted({title for title in runs.values() if title < stop - 1 and lengths[title] <= _PART_TITLE_LINES})


def unnumbered_top_headings(
    paragraphs: Sequence[TextUnit], markers: Sequence[HeadingMarker | None], headings: list[int], first: int,
) -> dict[int, HeadingMarker]:
    """Title lines that stand where the body's top numbering 一、 has a heading written
    without its number: ``paragraph index -> marker`` of that style, numbered as the place
    it stands in.

    Such a line stands above a sub-numbering that starts at 1 with no parent of the top
    style (2024年工作回顾 / （一）…（六） / 二、…: the first part; …（十） / 加强政府自身建设 /
    （一）…: a later one), with only paragraphs of text between it and that 1; in the place
    of a number the top numbering skips (2024年工作回顾 / 一年来…。 / 二、…: the first title
    line after the heading before); or after the body's last heading, before a paragraph of
    text that is no address to the audience (三、… / 加强政府自身建设 / 新征程…。, not
    … / 关于…的释义 / 各位代表！…: the closing is no part's text).
    """
    stop = next((i for i in headings if markers[i].style in APART), len(markers))
    body = [i for i in headings if i < stop and markers[i].style in STYLE_RANK]
    top = CN
    if not any(markers[i].style == top for i in body):
        return {}  # (no 一、: unnumbered top headings are part titles, see part_titles)
    _, titles = _title_lines(paragraphs, markers, first, stop)
    found: dict[int, HeadingMarker] = {}

    def stand_in(after: int, before: int, number: int, *, last: bool = True) -> bool:
        lines = [i for i in titles if after < i < before]
        if lines:
            line = lines[-1] if last else lines[0]
            start = skip_decoration(paragraphs[line].text, 0, len(paragraphs[line].text)) + paragraphs[line].start
            found[line] = HeadingMarker(top, number, start, start)
        return bool(lines)

    top_number = 0
    for position, index in enumerate(body):
        marker = markers[index]
        if marker.style == top:
            if marker.number == top_number + 2:
                # One number skipped (二、 first, or 三、 after 一、): its heading is the first
                # title line after the last heading before it, if any.
                stand_in(body[position - 1] if position else first - 1, index, top_number + 1, last=False)
            top_number = marker.number
            continue
        if marker.number != 1 or STYLE_RANK[marker.style] <= STYLE_RANK[top]:
            continue
        # The heading of a rank as high or higher before this 1: its own style again (a
        # restart with no parent between), or none at all with the top style coming later.
        above = next((markers[i] for i in reversed(body[:position]) if STYLE_RANK[markers[i].style] <= STYLE_RANK[marker.style]), None)
        orphan = above.style == marker.style if above is not None else any(markers[i].style == top for i in body[position:])
        if orphan:
            stand_in(body[position - 1] if position else first - 1, index, top_number + 1)
            top_number += 1
    if body and top_number:
        last = body[-1]
        after_last = [i for i in titles if i > last]
        text_after = paragraphs[after_last[-1] + 1] if after_last and after_last[-1] + 1 < stop else None
        if text_after is not None and _SENTENCE_STOP.search(text_after.text) and not opens_with_address(text_after):
            stand_in(last, stop, top_number + 1)
    return found


def part_titles(
    paragraphs: Sequence[TextUnit], markers: Sequence[HeadingMarker | None], headings: list[int], first: int,
    text_titles: Sequence[int] = (),
) -> dict[int, HeadingMarker]:
    """Unnumbered title lines of the body (from paragraph ``first``) that head parts:
    ``paragraph index -> marker``.

    The document's top numbering is the style of its first heading; a part title is a
    short line without a stop in the body (before the first annex or glossary), not
    the title of a label written alone (附件1 / 十件民生实事) nor a line cut out of a
    sentence (…发展的 / 主要目标 / 是：…); of two title lines in a row the first is the
    title (持续提升政府 / 治理效能和服务水平). Title lines are parts

    - when the top numbering restarts and a title line stands between every two of its
      1s (过去一年工作回顾 / 一年来… / （一）…（九） / 今年工作安排 / 总体要求… /
      （一）…), or when the top numbering is a sub-level style (（一）, 1., （1）) and
      the body holds two or more title lines: then every title line from the body's
      first sentence on heads a part (and the last one above the first heading
      whatever comes before it), those of parts without numbering too (加强政府自身建设);
    - else when a title line stands right above a heading that numbers the top style
      from 1: parts when there are two or more, or when the one stands above a
      restart (not above the first heading).

    A numbering that starts again below the title of the next text on the page
    (``text_titles``, see :func:`next_text_titles`) is that text's, no restart.
    """
    top = markers[headings[0]].style if headings else None
    stop = next((i for i in headings if markers[i].style in APART), len(markers))
    tops = [i for i in headings if i < stop and markers[i].style == top]
    new_texts = {b for a, b in zip(tops, tops[1:]) if bisect_left(text_titles, b) > bisect_right(text_titles, a)}
    restarts = [i for i in tops if markers[i].number == 1 and i not in new_texts]
    if not restarts:
        return {}
    runs, titles = _title_lines(paragraphs, markers, first, stop)
    restarted = len(restarts) >= 2 and all(
        bisect_left(titles, b) > bisect_right(titles, a) for a, b in zip(restarts, restarts[1:])
    )
    if restarted or (top in _SUB_STYLES and len(titles) >= 2):
        opening = next((i for i in range(first, headings[0]) if _SENTENCE_STOP.search(paragraphs[i].text)), headings[0])
        candidates = [i for i in titles if i > opening]
        if not any(i < headings[0] for i in candidates):
            candidates = sorted({*[i for i in titles if i < headings[0]][-1:], *candidates})
    else:
        above = [runs[i - 1] for i in restarts if i - 1 in runs]
        if len(above) == 1 and above[0] < headings[0]:
            return {}
        candidates = above
    starts = {index: skip_decoration(paragraphs[index].text, 0, len(paragraphs[index].text)) + paragraphs[index].start for index in candidates}
    return {index: HeadingMarker(PART_TITLE, number, starts[index], starts[index]) for number, index in enumerate(candidates, start=1)}


# A text wrapped at a fixed width (copied from a PDF or a terminal) holds many lines of
# that one length: at least this many, and this share of its lines (most of its
# paragraphs run over several lines; parallel headings of one length are far fewer).
_WRAPPED_LINES = 8
_WRAPPED_SHARE = 0.5
# Marks a wrapped line may end a sentence or a clause with: the next line is no piece of it.
_LINE_ENDS = frozenset("。！？；：!?;:…”）)")


def wrapped_lines(paragraphs: Sequence[TextUnit]) -> tuple[frozenset[int], frozenset[int]]:
    """The lines of a text cut at a fixed width (copied from a PDF or a terminal): those
    of that width, and those that go on with a sentence the line before cut (…坚持质量第
    / 一、效益优先…: no heading however they open).

    In a wrapped text most lines have exactly one length; a text written a paragraph a
    line has lines of every length (its parallel headings may share one, but they are
    few), and both sets are empty; so are they when most lines of the one length open
    with a heading marker (short parallel headings, 一、第一部分 / 二、第二部分 …, not pieces
    of sentences). A full line is no title, though a heading may open it.
    """
    lengths = Counter(len(p.text.strip()) for p in paragraphs)
    lengths.pop(0, None)
    if not lengths:
        return frozenset(), frozenset()
    width, count = lengths.most_common(1)[0]
    if count < max(_WRAPPED_LINES, _WRAPPED_SHARE * len(paragraphs)):
        return frozenset(), frozenset()
    full = frozenset(i for i, p in enumerate(paragraphs) if len(p.text.strip()) == width)
    if 2 * sum(match_heading(paragraphs[i].text, 0, len(paragraphs[i].text)) is not None for i in full) > len(full):
        return frozenset(), frozenset()
    continued = frozenset(i + 1 for i in full if i + 1 < len(paragraphs) and paragraphs[i].text.strip()[-1] not in _LINE_ENDS)
    return full, continued


def _without_document_titles(paragraphs: Sequence[TextUnit], lines: list[int]) -> list[int]:
    """``lines`` without the title lines of a speech: the runs right above an opening
    address (在…会议上的讲话 / （2024年1月6日） / 李四 / 同志们：), those that name a
    speech (在…上的讲话, 致辞, 发言), and the date and speaker lines below such a title
    (在…上的讲话 / （2013年6月18日） / 习近平): the title and speaker of the next speech, no part."""
    below_title = _below_document_titles(paragraphs, lines)
    kept: list[int] = []
    run: list[int] = []
    for index in [*lines, None]:
        if run and (index is None or index != run[-1] + 1):
            after = run[-1] + 1
            while after < len(paragraphs) and is_front_line(paragraphs[after].text) and not is_salutation_line(paragraphs[after]):
                after += 1  # a date line between the title and the address
            above_address = after < len(paragraphs) and is_salutation_line(paragraphs[after])
            if not above_address and not any(is_document_title(paragraphs[i].text) or i in below_title for i in run):
                kept.extend(run)
            run = []
        if index is not None:
            run.append(index)
    return kept


def _below_document_titles(paragraphs: Sequence[TextUnit], lines: list[int]) -> frozenset[int]:
    """The front lines (a date, a speaker) right below a speech's title, for the title
    lines among ``lines`` that stand there."""
    below: set[int] = set()
    for index in lines:
        above = index - 1
        while above >= 0 and is_meta_line(paragraphs[above]) and not is_document_title(paragraphs[above].text):
            above -= 1  # up over the date and source lines between the title and the speaker
        if above >= 0 and is_document_title(paragraphs[above].text):
            below.add(index)
    return frozenset(below)


# The title of a text: of a speech, 在…会议上的讲话, ——在…时的致辞, led by its speaker
# (张三同志在…, 李四：在…); of a work report, a speech to a congress (2025年江苏省政府工作报告);
# of an official document, its issuer's 关于…的 and one of the kinds of document the
# regulations on official documents name (党政机关公文处理工作条例, 2012: 决议, 决定, 命令,
# 公报, 公告, 通告, 意见, 通知, 通报, 报告, 请示, 批复, 议案, 函, 纪要). A note in brackets
# may follow (（摘要）, （2024年1月6日）). A speaker's label is the title of a speech too:
# a comrade or an office and a name, then 讲话 (李四同志讲话, 市长李四讲话要点, 【李四同志讲话】),
# not 总书记重要讲话.
_OFFICES = "书记|主席|市长|省长|州长|县长|区长|主任|部长|厅长|局长|院长|校长|总理|委员长|秘书长|理事长|董事长"
_DOCUMENT_TITLE = re.compile(
    r"(?:(?:[^\s，,。！？；：:]{1,12}[：:]?)?(?:——)?在.{2,40}(?:上|时|之际)的(?:[^\s]{0,4}讲话|致辞|发言|报告)"
    rf"|【?(?:[^\s，,。！？；：:【]{{0,16}}(?:{_OFFICES})(?!重要)[{HAN}]{{2,3}}|[^\s，,。！？；：:【]{{1,16}}同志)"
    r"(?:的|在会上的)?(?:总结)?(?:讲话|致辞|发言)(?:要点|摘要|提纲)?】?"
    r"|[^\s，,。！？；：:“”]{0,24}工作报告"
    r"|[^，,。！？；：:]{0,30}关于[^。！？；;\n]{1,50}的(?:决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要))"
    r"(?:[（(][^）)]{1,16}[）)])?"
    r"(?:——[^。！？!?]{4,60})?"  # the dateline run on (政府工作报告——2024年3月5日在…上)
)
# A speaker's line: an office and a name set apart by a space (市长 李四, 广东省省长 孟凡利,
# 自治区主席 韦 韬), on a line of its own.
_SPEAKER_LINE = re.compile(rf"[^\s，,。！？；：:]{{0,20}}(?:{_OFFICES})[ \u3000\u00a0]+[{HAN}](?:[ \u3000]?[{HAN}]){{1,3}}")
# A line of a page's metadata under a title: 来源：湖南日报, 时间：2026-02-24.
_META_LINE = re.compile(rf"[{HAN}]{{2,6}}[：:][^。！？!?]{{1,30}}")


def is_document_title(line: str) -> bool:
    """True when ``line`` is the title of a speech, a work report or an official document
    (在…会议上的讲话, 张三同志在…上的总结讲话, 2025年湖南省政府工作报告, 中共中央 国务院关于…的
    意见), or a speaker's line (市长 李四): after a body has begun, the next text begins there."""
    line = _plain_line(line)
    # (spaces between its characters aside: 政 府 工 作 报 告)
    return _DOCUMENT_TITLE.fullmatch(re.sub(r"[ \u3000]+", "", line)) is not None or _SPEAKER_LINE.fullmatch(line) is not None


# The longest line a text's title is looked for in (titles run to some 80 characters).
_DOCUMENT_TITLE_MAX = 100


def next_text_titles(paragraphs: Sequence[TextUnit], first_heading: int) -> list[int]:
    """Indices of the paragraphs after ``first_heading`` that are the title of the next
    text on the page (see :func:`is_document_title`): a title written more than once is
    a page's running header, no new text."""
    lines = [i for i, para in enumerate(paragraphs) if len(para.text) <= _DOCUMENT_TITLE_MAX]
    written = Counter(paragraphs[i].text.strip() for i in lines)
    return [i for i in lines if i > first_heading and written[paragraphs[i].text.strip()] == 1 and is_document_title(paragraphs[i].text)]


def is_meta_line(paragraph: TextUnit) -> bool:
    """A short line between a title and the text: a date, a speaker, a source (来源：…)."""
    return is_front_line(paragraph.text) or (_META_LINE.fullmatch(paragraph.text.strip()) is not None and not is_salutation_line(paragraph))


def is_front_line(line: str) -> bool:
    """A short line without a stop: a title, a speaker's name or a date line ((2024年1月6日))
    that stand above a speech's address."""
    line = _plain_line(line)
    return 0 < len(line) <= _PART_TITLE_MAX and not any(char in _PART_TITLE_STOPS for char in line)


# A line ending in a function word, or followed by one opening with 是 or a mark, is a
# piece of a sentence cut by a line break, not a title.
_CUT_ENDINGS = frozenset("的和与及或在对把将为是了")
_CUT_CONTINUATIONS = frozenset("是，,、；;：:。）)”")


# A date in brackets (（2016年05月03日 02 版）, （2024年1月6日）): a date or source line.
_BRACKETED_DATE = re.compile(r"[（(][^）)]*[0-9０-９]{4}[ \u3000]*年[ \u3000]*[0-9０-９]{1,2}[ \u3000]*月[^）)]*[）)]")


def _is_part_title(paragraphs: Sequence[TextUnit], markers: Sequence[HeadingMarker | None], index: int) -> bool:
    """True when paragraph ``index`` has the shape of a part title where it stands: no
    piece of a sentence, no title of a label, no line that dates a text or names its source."""
    line = _plain_line(paragraphs[index].text)
    if not is_title_line(line) or line[-1] in _CUT_ENDINGS or _BRACKETED_DATE.search(line):
        return False
    if index > 0:
        previous = paragraphs[index - 1].text.strip()
        label = markers[index - 1] if markers[index - 1] is not None else (markers[index - 2] if index > 1 and previous.isdigit() else None)
        if (label is not None and label.label_only) or previous[-1] in _CUT_ENDINGS:
            return False
        if (
            markers[index - 1] is not None and not any(char in _PART_TITLE_STOPS for char in previous)
            and index + 1 < len(markers) and markers[index + 1] is None
        ):
            return False  # between a heading's title and its text: the rest of that title (三、持续提升政府 / 治理效能…)
    following = paragraphs[index + 1].text.strip() if index + 1 < len(paragraphs) else ""
    return not following or following[0] not in _CUT_CONTINUATIONS


def _plain_line(line: str) -> str:
    """A paragraph's text without the markdown around it (**标题**, ## 标题)."""
    return line[skip_decoration(line, 0, len(line)) :].strip().rstrip(DECORATION_CLOSERS)


def is_title_line(line: str) -> bool:
    """A short line without a stop that opens with a character, a quote, a bracket (【…】)
    or a year (2025年工作安排), markdown around it (**…**) aside."""
    line = _plain_line(line)
    return (
        0 < len(line) <= _PART_TITLE_MAX
        and (is_han(line[0]) or line[0] in _TITLE_OPENERS or _YEAR_OPENING.match(line) is not None)
        and not any(char in _PART_TITLE_STOPS for char in line)
    )
