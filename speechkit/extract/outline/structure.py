"""The numbered outline of a speech: sections, inline enumerations and speech parts.

Headings are paragraphs that open with a numbering marker (see
:mod:`speechkit.extract.outline.markers`), and part titles without one (see
:mod:`speechkit.extract.outline.headings`). Their level is decided by the document, not by a fixed
table: a marker style that is already open on the path from the root closes the
sections below it (a sibling), any other style opens a child. A report that puts
（一） directly under its title, or 第一， between 一、 and （一）, nests correctly; a
standard style ranked between two open ones (一、 / 1. 2. / （一）) closes the lower. 附件
annexes and glossaries (名词解释, 注释 on a line of their own) are top-level sections of
their own; 专栏 boxes are children of the section they stand in and end at the next
heading.

A numbering that restarts starts a new tree instead of nesting in the one before:
unnumbered title lines, each right above the document's top numbering restarting at
1 (“十四五”时期发展成就… / 一、… / “十五五”时期主要目标… / 一、…), are level-1 parts
with that numbering beneath them, and so are the title lines of a body whose top
numbering restarts below a title line each time, or begins at a sub-level style
(2025年工作回顾 / 一年来… / （一）… / 2026年工作安排 / …: top headings written without
一、), lines cut out of a sentence excepted; an opening address on a line of its own after the
body has begun (同志们：, a new speaker's) closes every open section, and so does a
paragraph opening with an address (同志们，…) when the heading after it numbers an open
style from 1 again (（一）…（三） / 同志们，… / （一）: points after the last section,
or the next speaker's, do not nest in the section before them), or, in a speech that
closes with a formula (谢谢大家), numbers a new style from 1 with no open style after it
(同志们，最后讲几点要求。/ 1. / 2. / 谢谢大家！); a paragraph announcing the last points
(最后，我再强调两点。) counts as such an address. The title of the next text on the page
(在…上的总结讲话, 2026年湖南省政府工作报告, 中共中央 国务院关于…的意见) closes every open
section, an annex too, unless it is the title of an annex written under its label; a title
written more than once is a page's running header and closes nothing. The title, date and
speaker lines above a new speaker's address head no part, nor do title lines that name a
speech, the date, speaker and source lines below such a title, or a line that dates a text
in brackets (《人民日报》（2016年05月03日 02 版）).

A section runs from its marker to the next heading of the same or a higher level, or
to the closing (谢谢大家！) or the next annex. Numbering irregularities (一、 then 三、)
are kept and reported as warnings. A title cut by a line break where its siblings
write theirs as a sentence (（一）标题。正文…) is made one title again, and a marker
cut from its title or after its opening bracket (一、 / 标题, （ / 三）标题) one heading.
In a text wrapped at a fixed width (copied from a PDF), a line that goes on with the
sentence the line before cut opens no heading, and no line cut out of a paragraph heads
a part; in a text whose line breaks were lost (a paragraph longer than any a report
writes), a heading marker after a sentence's stop opens a heading where it stands.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import compress
from typing import TYPE_CHECKING

from ...chars import is_han
from ...model import Outline, OutlineWarning, Section, Span, TermCount, TextUnit
from ...text import iter_sentences
from .enumerations import find_item_lists
from .headings import (
    APART, is_front_line, join_split_markers, next_text_titles, part_titles, plausible_headings, split_glued_headings, split_run_on, table_of_contents,
    unnumbered_top_headings, without_page_furniture, wrapped_lines,
)
from .markers import ANNEX, ANNEX_SEPARATORS, BOX, DECORATION_CLOSERS, GLOSSARY, PART_TITLE, STYLE_RANK, HeadingMarker, iter_item_markers, match_heading
from .tree import SectionIndex, iter_sections, outline_from_dict, section_at
from .parts import announces_points, find_closing, find_salutation, find_title, has_closing_formula, is_salutation_line, opens_with_address

if TYPE_CHECKING:
    from ...speech import Speech

__all__ = [
    "extract_outline",
    "iter_sections",
    "outline_from_dict",
    "outline_json",
    "section_at",
]

# The title line is looked for among the first paragraphs before the first heading.
_TITLE_SEARCH = 12
# A label-only heading (专栏, 附件1) takes the next paragraph as title when it is this short.
_LABEL_TITLE_MAX = 40
_TERMINATOR = re.compile(r"[。！？；!?;]|……")
_OPENERS = frozenset("“‘「『（(【《\"")
_TITLE_STRIP = "。！？；!?;：: \u3000\t"
_LINE_BREAK = re.compile(r"[ \u3000\t\r]*\n\s*")
_RANK = STYLE_RANK


def extract_outline(speech: Speech, *, keywords: int = 5, tokens=None, content=None) -> Outline:
    """Return the outline of a speech.

    Parameters
    ----------
    speech : Speech
        The speech; every offset in the result refers to ``speech.text``.
    keywords : int
        How many top content words to give each section (0: none, and no
        segmentation is needed).
    tokens : Tokens, optional
        The speech's tokens, when already computed; by default ``speech.tokens()``
        is used (only when ``keywords`` > 0).
    content : sequence of bool, optional
        Which of ``tokens`` are content tokens, when already known.

    Returns
    -------
    Outline
        Top-level sections with their children and inline enumerations, the title
        line, salutation and closing, items outside every section, and numbering
        warnings.

    Examples
    --------
    >>> from speechkit import Speech
    >>> outline = extract_outline(Speech("一、回顾\\n（一）成绩。一是稳，二是进。\\n二、安排"), keywords=0)
    >>> [(s.marker, s.title, [c.title for c in s.children]) for s in outline.sections]
    [('一、', '回顾', ['成绩']), ('二、', '安排', [])]
    >>> [i.marker for i in outline.sections[0].children[0].items]
    ['一是', '二是']
    """
    text = speech.text
    paragraphs = join_split_markers(text, without_page_furniture(split_glued_headings(text, split_run_on(text, speech.paragraphs))))
    _, continued = wrapped_lines(paragraphs)
    markers = [None if i in continued else match_heading(text, p.start, p.end) for i, p in enumerate(paragraphs)]
    for index in table_of_contents(paragraphs, markers):
        markers[index] = None
    first_marker = next((i for i, m in enumerate(markers) if m is not None), len(paragraphs))
    title = find_title(paragraphs, speech.meta.title, min(first_marker, _TITLE_SEARCH))
    after_title = title[0] + 1 if title else 0
    salutation = find_salutation(paragraphs, after_title, first_marker)
    body_first = salutation[0] + 1 if salutation else after_title
    # The title of the next text on the page (在…上的总结讲话, …关于…的意见): its numbering is a tree of its own.
    document_titles = next_text_titles(paragraphs, first_marker)
    headings = plausible_headings(markers, body_first, document_titles)
    for index, marker in unnumbered_top_headings(paragraphs, markers, headings, body_first).items():
        markers[index] = marker
    headings = sorted({*headings, *(i for i, m in enumerate(markers) if m is not None and m.start == m.end and m.style in STYLE_RANK)})
    for index, marker in part_titles(paragraphs, markers, headings, body_first, document_titles).items():
        markers[index] = marker
    headings = sorted({*headings, *(i for i, m in enumerate(markers) if m is not None and m.style == PART_TITLE)})

    annex_indices = [i for i in headings if markers[i].style in APART]
    main_stop = annex_indices[0] if annex_indices else len(paragraphs)
    main_headings = [i for i in headings if i < main_stop]
    closing_first = main_headings[-1] + 1 if main_headings else body_first
    closing = find_closing(text, paragraphs, closing_first, main_stop) if closing_first < main_stop else None

    builder = _TreeBuilder(text, paragraphs)
    main_end = closing[1].start if closing else (paragraphs[main_stop].start if main_stop < len(paragraphs) else len(text))
    addresses = [
        i for i in range(headings[0] + 1, main_stop) if opens_with_address(paragraphs[i]) or announces_points(paragraphs[i])
    ] if headings else []
    # A speech closes with a formula (谢谢大家); points it numbers after an address at the end are its own.
    spoken = closing is not None and has_closing_formula(text[closing[1].start : closing[1].end])
    styles_after: dict[int, frozenset[str]] = {}  # heading -> the styles of the body's headings after it
    later: frozenset[str] = frozenset()
    for index in reversed(main_headings):
        styles_after[index], later = later, later | {markers[index].style}
    previous = -1
    for index in headings:
        if index == main_stop:  # the first annex: the body ends before it, or before the closing
            builder.close_all(main_end)
        document_title = next((i for i in document_titles if previous < i < index), None)
        if document_title is not None and not (previous >= 0 and markers[previous].label_only and document_title <= previous + 2):
            # (not the title of a label written alone: 附件 / 关于…的报告)
            while document_title - 1 > previous and is_front_line(paragraphs[document_title - 1].text):
                document_title -= 1  # its speaker's line above it
            builder.close_all(paragraphs[document_title].start)
        address = next((i for i in addresses if previous < i < index), None)
        if address is not None and (
            is_salutation_line(paragraphs[address])
            or builder.restarts(markers[index])
            or (spoken and builder.opens_final_points(markers[index], styles_after.get(index, frozenset())))
        ):
            while address - 1 > previous and is_front_line(paragraphs[address - 1].text):
                address -= 1  # the next speech's title, date and speaker above its address
            builder.close_all(paragraphs[address].start)
        builder.add(index, markers[index])
        previous = index
    builder.close_all(len(text) if annex_indices else main_end)
    _join_cut_titles(text, paragraphs, [p.start for p in paragraphs], builder.roots)
    _join_wrapped_titles(text, paragraphs, [p.start for p in paragraphs], list(iter_sections(builder.roots)))

    outline = Outline(
        title=speech.meta.title,
        sections=builder.roots,
        warnings=builder.warnings,
        title_span=title[1] if title else None,
        salutation=salutation[1] if salutation else None,
        closing=closing[1] if closing else None,
    )
    body_start = paragraphs[body_first].start if body_first < len(paragraphs) else len(text)
    _attach_items(outline, text, paragraphs, body_start)
    _add_statistics(outline, speech, keywords, tokens, content)
    return outline


def outline_json(speech: Speech, *, keywords: int = 5, tokens=None) -> dict:
    """The outline of one speech as JSON-ready data (the ``outline`` contract).

    For pipelines and caches: :func:`~speechkit.extract.outline.tree.outline_from_dict`
    turns it back into an :class:`~speechkit.model.Outline` (for
    :func:`outline_to_markdown` and the tables of outlines).

    Parameters
    ----------
    speech : Speech
    keywords, tokens
        As in :func:`extract_outline`.

    Returns
    -------
    dict
        ``Outline.to_dict()``.
    """
    return extract_outline(speech, keywords=keywords, tokens=tokens).to_dict()


class _TreeBuilder:
    """Nest headings by marker style and end each section where the next one begins."""

    def __init__(self, text: str, paragraphs: Sequence[TextUnit]):
        self.text = text
        self.paragraphs = paragraphs
        self.roots: list[Section] = []
        self.warnings: list[OutlineWarning] = []
        self._stack: list[tuple[str, Section]] = []
        self._last: dict[tuple, Section] = {}  # (parent id, style) -> previous sibling

    def add(self, index: int, marker: HeadingMarker) -> None:
        boundary = self.paragraphs[index].start
        if self._stack and self._stack[-1][0] == BOX:
            self._pop(boundary)  # a box ends at the next heading
        styles = [style for style, _ in self._stack]
        if marker.style in APART or marker.style == PART_TITLE:
            self.close_all(boundary)  # a top-level section whatever is open
        elif marker.style in styles and marker.style != BOX:
            while self._stack[-1][0] != marker.style:
                self._pop(boundary)
            self._pop(boundary)
        elif marker.style in _RANK and any(_RANK.get(style, 0) < _RANK[marker.style] for style in styles if style in _RANK):
            # A new standard style ranked between the open ones (（一） after 1. 2. 3. under
            # 三、: target points before the part's sections) is no child of the lower: it
            # closes them. Without a higher one open, the document decides (1. over （一）).
            while _RANK.get(self._stack[-1][0], 0) > _RANK[marker.style]:
                self._pop(boundary)
        parent = self._stack[-1][1] if self._stack else None
        section = self._section(index, marker, 1 if parent is None else parent.level + 1)
        self._check_number(section, marker.style, parent)
        (self.roots if parent is None else parent.children).append(section)
        self._stack.append((marker.style, section))

    def restarts(self, marker: HeadingMarker) -> bool:
        """True when ``marker`` numbers from 1 again a style open below the top level (after its 1 too)."""
        open_sections = [section for style, section in self._stack[1:] if style == marker.style]
        return marker.number == 1 and bool(open_sections)

    def opens_final_points(self, marker: HeadingMarker, later_styles: frozenset[str]) -> bool:
        """True when ``marker`` numbers from 1 a style not open and no later heading goes on
        with an open style: points after the last section, not the last section's."""
        open_styles = {style for style, _ in self._stack}
        return marker.number == 1 and marker.style not in open_styles and not (later_styles & open_styles)

    def close_all(self, boundary: int) -> None:
        while self._stack:
            self._pop(boundary)

    def _pop(self, boundary: int) -> None:
        _, section = self._stack.pop()
        end = boundary
        while end > section.start and self.text[end - 1].isspace():
            end -= 1
        section.end = max(end, section.title_span.end)

    def _section(self, index: int, marker: HeadingMarker, level: int) -> Section:
        para = self.paragraphs[index]
        title_span = Span(*_heading_title(self.text, self.paragraphs, index, marker))
        return Section(
            level=level,
            marker=_title_text(self.text, marker.start, marker.end).strip(),
            number=marker.number,
            title=_title_text(self.text, *title_span),
            start=marker.start,
            end=para.end,
            kind={ANNEX: "annex", GLOSSARY: "annex", BOX: "box"}.get(marker.style, "section"),
            title_span=title_span,
        )

    def _check_number(self, section: Section, style: str, parent: Section | None) -> None:
        # Boxes and annexes are numbered through the document, headings per parent.
        key = (None, style) if style in (BOX, ANNEX) else (id(parent), style)
        previous = self._last.get(key)
        self._last[key] = section
        if (style == BOX and section.number == 0) or style == GLOSSARY:
            return
        expected = 1 if previous is None else previous.number + 1
        if section.number == expected:
            return
        if previous is None:
            kind, message = "start", f"{section.marker} opens its level: numbering starts at {section.number}, not 1"
        elif section.number == previous.number:
            kind, message = "repeat", f"{section.marker} repeats the number of the heading before it"
        elif section.number > expected:
            kind, message = "gap", f"{section.marker} follows {previous.marker}: {section.number - expected} number(s) skipped"
        else:
            kind, message = "restart", f"{section.marker} follows {previous.marker}: numbering goes back"
        self.warnings.append(OutlineWarning(message, section.start, kind))


def _heading_title(text: str, paragraphs: Sequence[TextUnit], index: int, marker: HeadingMarker) -> tuple[int, int]:
    """Offsets of a heading's title: its first sentence, without marker and final 。.

    Label-only headings (专栏 / 1 / 标题, 附件1 / 标题) take a short next paragraph.
    """
    if not marker.label_only:
        para = paragraphs[index]
        start = marker.end
        skipped = ANNEX_SEPARATORS if marker.style == ANNEX else " \u3000\t\r\n"
        while start < para.end and text[start] in skipped:
            start += 1
        title_start, title_end = _strip_title(text, start, _first_sentence_end(text, start, para.end))
        if marker.start > para.start:  # **一、标题**: the closing markdown is no part of the title
            title_end = len(text[title_start:title_end].rstrip(DECORATION_CLOSERS)) + title_start
        return title_start, title_end
    following = paragraphs[index + 1 : index + 3]
    if marker.style == BOX and following and following[0].text.isdigit():
        following = following[1:]
    below = match_heading(text, following[0].start, following[0].end) if following else None
    if following and len(following[0].text) <= _LABEL_TITLE_MAX and (below is None or below.style == GLOSSARY):
        candidate = following[0]
        end = _first_sentence_end(text, candidate.start, candidate.end)
        if end >= candidate.end - 1:  # one sentence (a closing quote may follow its 。)
            return _strip_title(text, candidate.start, end)
    return marker.end, marker.end


def _join_cut_titles(text: str, paragraphs: Sequence[TextUnit], starts: list[int], sections: list[Section]) -> None:
    """Make one title of a title cut by a line break.

    Where most headings of a sibling group end their title with a stop and run on
    into body text (（一）标题。正文…), a sibling whose line holds no stop at all was
    cut (（二）坚持不懈用 / 新时代…思想凝心铸魂。用党…): its title goes on to the first
    stop of the next paragraph, when that comes soon and the paragraph is no heading.
    ``starts`` are the paragraphs' start offsets.
    """
    line_of = {id(s): bisect_right(starts, s.start) - 1 for s in sections}
    # Titles written on their heading's line (not label-only ones taken from the next line).
    running = [s for s in sections if s.kind == "section" and s.title_span.start < s.title_span.end <= paragraphs[line_of[id(s)]].end]
    cut = [s for s in running if _TERMINATOR.search(text, s.title_span.start, paragraphs[line_of[id(s)]].end) is None]
    if 2 * (len(running) - len(cut)) > len(running):
        for section in cut:
            index = line_of[id(section)] + 1
            following = paragraphs[index] if index < len(paragraphs) else None
            if following is None or following.start >= section.end or not _continues_title(text, following):
                continue
            rest = _first_sentence_end(text, following.start, following.end)
            if rest - following.start <= _LABEL_TITLE_MAX and _TERMINATOR.search(text, following.start, rest):
                section.title_span = Span(section.title_span.start, _strip_title(text, following.start, rest)[1])
                section.title = _title_text(text, *section.title_span)
    for section in sections:
        _join_cut_titles(text, paragraphs, starts, section.children)


# Headings wrapped at one width: at least this many cut lines of that one length.
_WRAPPED_HEADINGS = 2


def _join_wrapped_titles(text: str, paragraphs: Sequence[TextUnit], starts: list[int], sections: list[Section]) -> None:
    """Make one title of a heading wrapped at a fixed width (（一）着力推进向新向优发展，产业转 /
    型升级步伐加快): where two headings or more fill title lines of one length without a stop,
    and no title line without a stop is longer, the lines below each that may carry on a title
    (no stop, no longer than that width; the next one only after a full one) are the rest of
    its title. A heading line of its own length above a short line is a title above a
    subtitle, and keeps its title; a heading followed by its text (a paragraph with sentences)
    keeps its title whatever the length of its line. (Parallel headings of one length, the
    longest, each above a shorter subtitle, are read as wrapped: nothing in the lines tells
    the two apart.) ``starts`` are the paragraphs' start offsets."""
    cut: dict[int, list[tuple[Section, TextUnit]]] = {}
    for section in sections:
        index = bisect_right(starts, section.start) - 1
        line = paragraphs[index]
        if section.kind != "section" or section.title_span.start >= section.title_span.end != _strip_title(text, line.start, line.end)[1]:
            continue
        if _TERMINATOR.search(text, section.title_span.start, line.end) is not None:
            continue
        rest = _wrapped_rest(text, paragraphs, index, section.end)
        if rest is not None:
            cut.setdefault(len(line.text.strip()), []).append((section, rest))
    # The width the headings were cut at: no line of a title alone (without a stop) is longer.
    lines = [paragraphs[bisect_right(starts, s.start) - 1] for s in sections if s.kind == "section"]
    longest = max((len(line.text.strip()) for line in lines if _TERMINATOR.search(line.text) is None), default=0)
    for width, group in cut.items():
        if len(group) < _WRAPPED_HEADINGS or width < longest:
            continue
        for section, rest in group:
            section.title_span = Span(section.title_span.start, _strip_title(text, rest.start, rest.end)[1])
            section.title = _title_text(text, *section.title_span)


def _wrapped_rest(text: str, paragraphs: Sequence[TextUnit], index: int, section_end: int) -> TextUnit | None:
    """The last line of the rest of the heading line ``paragraphs[index]`` if it was cut at
    its width: the lines below that may carry on a title, without a stop, no longer than that
    width, each after a full one; None when the next line is none of these."""
    width = len(paragraphs[index].text.strip())
    rest = None
    for following in paragraphs[index + 1 :]:
        if (
            following.start >= section_end or not _may_end_a_wrapped_title(text, following)
            or len(following.text.strip()) > width or _TERMINATOR.search(text, following.start, following.end) is not None
        ):
            break
        rest = following
        if len(following.text.strip()) < width:
            break
    return rest


# A line cut at a fixed width may begin with a character, a quote, or a mark that never
# opens a line of its own (，、：”): the cut fell before it.
_WRAPPED_OPENERS = frozenset("“”《》，、：；")


def _may_end_a_wrapped_title(text: str, paragraph: TextUnit) -> bool:
    """True when ``paragraph`` may be the rest of a title cut at a fixed width: it opens
    with a character or one of :data:`_WRAPPED_OPENERS`, not with a heading or a list marker."""
    first = text[paragraph.start]
    if first in _WRAPPED_OPENERS:
        return True
    return _continues_title(text, paragraph)


def _continues_title(text: str, paragraph: TextUnit) -> bool:
    """True when ``paragraph`` may carry on a title: it opens with a Chinese character,
    not with a heading, a list marker or a dash."""
    first = text[paragraph.start]
    if not is_han(first) or match_heading(text, paragraph.start, paragraph.end) is not None:
        return False
    marker = next(iter_item_markers(text, paragraph.start, paragraph.end), None)
    return marker is None or marker.start != paragraph.start


def _title_text(text: str, start: int, end: int) -> str:
    """The title at ``text[start:end]``, a line break inside it and the spaces around
    that break removed."""
    return _LINE_BREAK.sub("", text[start:end])


def _first_sentence_end(text: str, start: int, end: int) -> int:
    """End of the first sentence of ``text[start:end]`` (see :mod:`speechkit.text`)."""
    match = _TERMINATOR.search(text, start, end)
    if match is None:
        return end
    if not any(char in _OPENERS for char in text[start : match.start()]):
        return match.end()
    # A quote or bracket before the terminator: let the sentence splitter decide.
    first = next(iter_sentences(text[start:end]), None)
    return start + first.end if first is not None else end


def _strip_title(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TITLE_STRIP:
        end -= 1
    return start, end


def _attach_items(outline: Outline, text: str, paragraphs, start: int) -> None:
    """Find the inline lists from ``start`` on and hang them on their sections.

    The body, the closing and what follows the closing (annexes) are searched apart,
    so no list crosses from one into the other; a list of the closing (同志们，我提三点
    要求：一要…) belongs to the speech, not to the last section.
    """
    by_id = {id(s): s for s in iter_sections(outline.sections)}
    heading_starts = frozenset(s.start for s in by_id.values())
    index = SectionIndex(outline.sections)

    def section_of(offset: int):
        section = index.deepest(offset)
        return None if section is None else id(section)

    closing = outline.closing
    regions = [(start, len(text), section_of)]
    if closing is not None:
        regions = [(start, closing.start, section_of), (closing.start, closing.end, lambda _: None), (closing.end, len(text), section_of)]
    groups: Counter = Counter()
    for region_start, region_end, region_section_of in regions:
        for key, items in find_item_lists(text, paragraphs, region_start, region_end, heading_starts, region_section_of):
            for item in items:
                item.group = groups[key]
            groups[key] += 1
            (outline.items if key is None else by_id[key].items).extend(items)


def _non_space(text: str) -> int:
    return len("".join(text.split()))


def _add_statistics(outline: Outline, speech, keywords: int, tokens, content=None) -> None:
    text = speech.text
    total = _non_space(text) or 1
    sections = list(iter_sections(outline.sections))
    for section in sections:
        section.characters = _non_space(text[section.start : section.end])
        section.share = round(section.characters / total, 4)
    if keywords <= 0 or not sections:
        return
    from ...segment import is_content

    tokens = speech.tokens() if tokens is None else tokens
    if content is None:
        content = [is_content(token) for token in tokens]
    starts = list(compress(tokens.starts, content))
    words = list(compress(tokens.texts, content))
    for section in sections:
        counts = Counter(words[bisect_left(starts, section.start) : bisect_left(starts, section.end)])
        top = heapq.nsmallest(keywords, counts.items(), key=lambda kv: (-kv[1], kv[0]))
        section.keywords = [TermCount(term, count) for term, count in top]


