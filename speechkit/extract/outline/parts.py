"""The conventional parts around a speech's body: title line, salutation and closing.

The title line is where the speech's metadata title is written among the first
paragraphs; the salutation is the address that opens the speech (同志们：, 各位代表：);
the closing is the final address that ends it (…谢谢大家！, 就讲这些; or, without such a
formula, 同志们，… / 各位代表！ opening one of the last paragraphs). Sections stop before
the closing, so their text, lists and statistics are the body's alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model import Span, TextUnit
from ...text import iter_sentences
from .markers import iter_item_markers

_VOCATIVE = r"(?:同志们|各位代表|各位委员|各位领导|各位来宾|各位同志|各位|女士们|先生们|朋友们|同学们)"
# The opening address: vocatives ending with ：or ！ (同志们：, 各位代表、同志们：).
_SALUTATION = re.compile(rf"(?:尊敬的[^，。！？：\n]{{0,30}}[，、])?{_VOCATIVE}(?:[、，,]{_VOCATIVE})*[：:！!]")
_ADDRESS = re.compile(rf"{_VOCATIVE}(?:[、，,]{_VOCATIVE})*[，,！!：:]")
# 讲这些 closes a speech only as a clause of its own (就讲这些。), not in 要讲这些道理.
_CLOSING_FORMULA = re.compile(r"谢谢大家|谢谢各位|谢谢[！!。]|(?:就|我)讲(?:这些|到这里|这么多)(?:意见)?(?=[，,。！!；;\s]|$)")
# How close to the end a closing formula must be, in paragraphs.
_CLOSING_WINDOW = 3
# Spaces written between the title's characters (政 府 工 作 报 告).
_TITLE_SPACES = " \u3000"


def find_title(paragraphs: Sequence[TextUnit], title: str | None, limit: int) -> tuple[int, Span] | None:
    """Index and span of the metadata title among ``paragraphs[:limit]``.

    The title may be written with spaces between its characters (政 府 工 作 报 告)
    or run on into a date line; the span covers the title's characters only.
    """
    if not title:
        return None
    compact = "".join(title.split())
    if not compact:
        return None
    for index, para in enumerate(paragraphs[:limit]):
        found = _find_spaced(para.text, compact)
        if found is not None:
            return index, Span(para.start + found[0], para.start + found[1])
    return None


def _find_spaced(text: str, compact: str) -> tuple[int, int] | None:
    """Start and end of the first place ``compact`` is written in ``text`` with any
    :data:`_TITLE_SPACES` between its characters (``compact`` holds none).

    The text without those spaces is searched, so no pattern is compiled for each title.
    """
    kept = [i for i, char in enumerate(text) if char not in _TITLE_SPACES]
    at = "".join(map(text.__getitem__, kept)).find(compact)
    return None if at < 0 else (kept[at], kept[at + len(compact) - 1] + 1)


def is_salutation_line(paragraph: TextUnit) -> bool:
    """True when the paragraph is an opening address alone (同志们：, 各位代表、同志们：):
    after the body has begun, a new speech starts there."""
    match = _SALUTATION.fullmatch(paragraph.text.strip())
    return match is not None and paragraph.text.strip()[-1] in "：:"


def opens_with_address(paragraph: TextUnit) -> bool:
    """True when the paragraph opens by addressing the audience (同志们，…, 各位代表！…)."""
    return _ADDRESS.match(paragraph.text) is not None


# The speaker turning to the points that end the speech: 最后，我再强调三点。/ 最后，讲几点要求：
# (a verb of speaking before the count: 最后，要抓好三个方面 closes a 首先… list instead)
_FINAL_POINTS = re.compile(
    r"最后[，,]?[^。！？!?\n]{0,12}?(?:讲|谈|提|强调|说)[^。！？!?\n]{0,6}?(?:几|[两二三四五六七八九十])(?:点|个方面|个问题|条)"
)


# The speaker announcing the points that follow: 下面，我讲三点意见。/ 接下来，我再强调两个问题。
_NEXT_POINTS = re.compile(
    r"(?:^|(?<=[。！？!?]))[ \u3000]*(?:下面|接下来|现在|下边)[，,]?[^。！？!?\n]{0,12}?(?:讲|谈|提|强调|说)[^。！？!?\n]{0,6}?"
    r"(?:几|[两二三四五六七八九十])(?:点|个方面|个问题|条)"
)


def announces_points(paragraph: TextUnit) -> bool:
    """True when the paragraph announces the points that follow (下面，我讲三点意见。), at
    its start or after a stop: like an address, it may stand between a section and points
    that number from 1 again, the speech's own."""
    return announces_final_points(paragraph) or _NEXT_POINTS.search(paragraph.text) is not None


def announces_final_points(paragraph: TextUnit) -> bool:
    """True when the paragraph opens by announcing the speech's last points (最后，我再讲
    两点。): like an address, it may stand between the last section and points of its own."""
    return _FINAL_POINTS.match(paragraph.text) is not None


def find_salutation(paragraphs: Sequence[TextUnit], start: int, limit: int) -> tuple[int, Span] | None:
    """The first paragraph in ``[start, limit)`` that opens with a salutation, and its span."""
    for index in range(start, min(limit, len(paragraphs))):
        para = paragraphs[index]
        match = _SALUTATION.match(para.text)
        if match:
            return index, Span(para.start, para.start + match.end())
    return None


def has_closing_formula(text: str) -> bool:
    """True when ``text`` holds a formula that closes a speech (谢谢大家, 就讲这些 …)."""
    return _CLOSING_FORMULA.search(text) is not None


def find_closing(text: str, paragraphs: Sequence[TextUnit], first: int, stop: int) -> tuple[int, Span] | None:
    """The closing of the body ``paragraphs[first:stop]``: paragraph index and span.

    A closing formula (谢谢大家, 就讲这些 …) must stand in one of the last paragraphs.
    The closing then starts at the last paragraph that opens with an address to the
    audience (同志们，…) no further back than those last paragraphs, or at the address
    above the points right before it (同志们，我提几点要求。/ 一要… / 二要… / 三要… /
    同志们，…谢谢大家！: the points are the closing's, not the last section's); without one, at
    the sentence that holds the first formula of the final run. A paragraph announcing
    the last points (最后，我提三点要求：一要…) opens a closing as an address does. Without
    a formula, the last of the last paragraphs that opens with an address starts the closing (a
    speech that ends 同志们，…我提三点要求：一要…, a report that ends 各位代表！…), and
    a body whose last paragraphs hold neither has none.
    """
    window = range(max(first, stop - _CLOSING_WINDOW), stop)
    with_formula = [i for i in window if _CLOSING_FORMULA.search(paragraphs[i].text)]
    if not with_formula:
        address = next((i for i in reversed(window) if _opens_closing(paragraphs[i])), None)
        return None if address is None else (address, Span(paragraphs[address].start, paragraphs[stop - 1].end))
    last = with_formula[-1]
    for index in range(last, max(first, last - _CLOSING_WINDOW) - 1, -1):
        if _opens_closing(paragraphs[index]):
            index = _address_above_points(text, paragraphs, index, first)
            return index, Span(paragraphs[index].start, paragraphs[stop - 1].end)
    run_start = last
    while run_start - 1 in with_formula:
        run_start -= 1
    above = _address_above_points(text, paragraphs, run_start, first)
    if above != run_start:
        return above, Span(paragraphs[above].start, paragraphs[stop - 1].end)
    para = paragraphs[run_start]
    formula = _CLOSING_FORMULA.search(para.text).start()
    sentence_start = next(
        (s.start for s in iter_sentences(para.text) if s.start <= formula < s.end),
        formula,
    )
    return run_start, Span(para.start + sentence_start, paragraphs[stop - 1].end)


def _address_above_points(text: str, paragraphs: Sequence[TextUnit], index: int, first: int) -> int:
    """The paragraph that opens with an address right above the paragraphs opening with a
    list member (一要…, 二是…) that precede paragraph ``index``, or ``index``."""
    above = index - 1
    while above >= first and _opens_with_list_member(text, paragraphs[above]) and not announces_final_points(paragraphs[above]):
        above -= 1
    return above if first <= above < index - 1 and _opens_closing(paragraphs[above]) else index


def _opens_closing(paragraph: TextUnit) -> bool:
    """True when the paragraph may open a speech's closing: it addresses the audience
    (同志们，…) or announces the last points (最后，我提三点要求：…)."""
    return opens_with_address(paragraph) or announces_final_points(paragraph)


def _opens_with_list_member(text: str, paragraph: TextUnit) -> bool:
    marker = next(iter_item_markers(text, paragraph.start, min(paragraph.end, paragraph.start + 4)), None)
    return marker is not None and marker.start == paragraph.start
