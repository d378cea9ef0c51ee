"""Inline enumerations: 一是…二是…, 一要…, 第一，…, 首先…其次…最后, 一方面…另一方面, ——, 一抓…二抓….

A marker is only a candidate; a list needs at least two members numbered in sequence
from the first (一是 then 二是; 首先 then 其次 or 最后; 一方面 then 另一方面), inside one
section, and each member but the last must be a clause (hold a punctuation mark) — a
lone 一是, 一不小心 or 一不做二不休 is no list. Markers inside quotes or brackets are
ignored. 一是/一要/第一 lists may run over paragraphs of a section; 首先…最后 and
一方面…另一方面 go on in another paragraph only where a member opens it (the paragraph
after the last member's, or any when the first member opened one too: a speech's points);
the others stay in one paragraph. 另 may be left out (一方面…，一方面…). Each member runs
to the next member or to the end of its paragraph.

A numeral and a one-character verb (一抓…二抓…三抓) is a list only when every member
has the same verb, the segmenter tags it a verb (or an adjective: 一强…二强; not 一期…二期,
一批…二批) and each but the last holds a clause stop (，；。：, not 、: 一产、二产 and
“一线”放开、“二线”管住 are no list); its members may open paragraphs of their own.

A list that begins inside a member of another list is nested in it: 一方面…另一方面…
in an 一是 member, or a second 一是…三是 that opens inside an 一是 member and is
followed by the outer 二是 (one level of the same kind; a further 一是 restarts).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

from ...model import Item, TextUnit
from ...text import PAIRS, balanced_pairs
from .markers import ASPECT, DASH, NUMBERED, ORDINAL_ITEM, PARAGRAPH_OPENING_KINDS, SAME_PARAGRAPH_KINDS, SEQUENCE, SHI, VERB, YAO, ItemMarker, iter_item_markers

_CLAUSE_MARK = re.compile(r"[，,。；;：:、！!？?]")
_CLAUSE_STOP = re.compile(r"[，,。；;：:！!？?]")
_OPENER = re.compile("[" + "".join(re.escape(mark) for mark in PAIRS) + '"]')
_HEADING_LIKE = frozenset({NUMBERED, ORDINAL_ITEM})
# Kinds whose list may hold a list of the same kind in one member (一是…其中一是…二是…二是).
_NESTING_KINDS = frozenset({SHI, YAO, ORDINAL_ITEM, NUMBERED})


@dataclass
class _OpenList:
    kind: str
    section: Hashable
    paragraph: int
    members: list[tuple[ItemMarker, int]] = field(default_factory=list)  # (marker, paragraph index)
    opens_paragraph: bool = False  # its first member opens a paragraph

    @property
    def last_number(self) -> int:
        return self.members[-1][0].number


def find_item_lists(
    text: str,
    paragraphs: Sequence[TextUnit],
    start: int,
    end: int,
    heading_starts: frozenset[int],
    section_of: Callable[[int], Hashable],
) -> list[tuple[Hashable, list[Item]]]:
    """The enumerations in ``text[start:end]``, each with the section key it lies in.

    Parameters
    ----------
    text : str
        The speech text.
    paragraphs : sequence of TextUnit
        The paragraphs of ``text`` (items never cross one).
    start, end : int
        The body of the speech (title, salutation and closing excluded).
    heading_starts : frozenset of int
        Offsets where a heading marker opens a paragraph; a （1） or 第一， there is a
        heading, not a list member.
    section_of : callable
        Maps an offset to the key of the deepest section holding it (None outside all).

    Returns
    -------
    list of (key, list of Item)
        Lists in text order; items carry ``kind`` and are numbered from 1. A list
        that begins inside a member of another (一方面…另一方面… in an 一是) is not
        among them: its items are that member's ``children``.
    """
    paragraph_starts = [p.start for p in paragraphs]
    starts_set = frozenset(paragraph_starts)
    protected: dict[int, list[tuple[int, int]]] = {}
    open_lists: dict[str, _OpenList] = {}
    suspended: dict[str, _OpenList] = {}  # an outer list whose member holds the open one
    found: list[_OpenList] = []

    def close(lists: dict[str, _OpenList], kind: str) -> None:
        current = lists.pop(kind, None)
        if current is not None and _is_list(text, paragraphs, current, end):
            found.append(current)

    for marker in iter_item_markers(text, start, end):
        at_paragraph_start = marker.start in starts_set
        if marker.kind == DASH and not at_paragraph_start:
            continue
        if marker.kind in _HEADING_LIKE and (marker.start in heading_starts or (marker.kind == NUMBERED and at_paragraph_start)):
            continue
        index = bisect_right(paragraph_starts, marker.start) - 1
        if _inside_pair(text, paragraphs, index, marker.start, protected):
            continue
        section = section_of(marker.start)
        key = _list_key(text, marker)
        current = open_lists.get(key)
        outer = suspended.get(key)
        if current is None or not _continues(current, marker, section, index, at_paragraph_start):
            if current is not None and outer is not None and _continues(outer, marker, section, index, at_paragraph_start):
                close(open_lists, key)  # the inner list ends, the outer one goes on
                open_lists[key], current = suspended.pop(key), outer
            else:
                current = None
        if current is not None:
            number = len(current.members) + 1 if marker.kind in (DASH, ASPECT) or marker.number == 0 else marker.number
            current.members.append((ItemMarker(marker.kind, number, marker.start, marker.end), index))
            if (marker.kind == ASPECT and number == 2) or (marker.kind == SEQUENCE and marker.number == 0):
                close(open_lists, key)  # 另一方面 and 最后 end their list
            continue
        restart = marker.number == 1 and marker.kind in _NESTING_KINDS
        if restart and key in open_lists and key not in suspended and open_lists[key].section == section:
            # 一是 inside an 一是 member may open a list of its own; one level deep keeps spans linear.
            suspended[key] = open_lists.pop(key)
        else:
            close(open_lists, key)
            close(suspended, key)
        if marker.number == 1:
            open_lists[key] = _OpenList(marker.kind, section, index, [(marker, index)], at_paragraph_start)
    for kind in list(open_lists):
        close(open_lists, kind)
    for kind in list(suspended):
        close(suspended, kind)
    found.sort(key=lambda lst: lst.members[0][0].start)
    member_ends = [_member_ends(text, paragraphs, lst, end, limit) for lst, limit in zip(found, _restarts(found))]
    ends = _nested_ends(text, found, member_ends)
    return _nest([(lst.section, _items(text, lst, lst_ends)) for lst, lst_ends in zip(found, ends)])


def _nest(lists: list[tuple[Hashable, list[Item]]]) -> list[tuple[Hashable, list[Item]]]:
    """Put each list that lies inside a member of another list into that member's
    ``children``; return the lists that are in no member.

    One pass over the members in text order with a stack of the members that hold
    the current offset; a list crossing a member's end stays where it is.
    """
    members = sorted(
        ((item.start, -item.end, rank, position) for rank, (_, items) in enumerate(lists) for position, item in enumerate(items)),
    )
    holders: list[Item] = []
    parent_of: dict[int, Item] = {}
    for start, _, rank, position in members:
        item = lists[rank][1][position]
        while holders and holders[-1].end <= start:
            holders.pop()
        if position == 0:
            last_end = lists[rank][1][-1].end
            # The innermost member holding the whole list; a list that crosses members holds none.
            parent_of[rank] = next((holder for holder in reversed(holders) if last_end <= holder.end), None)
        holders.append(item)
    top = []
    for rank, (key, items) in enumerate(lists):
        parent = parent_of[rank]
        if parent is None:
            top.append((key, items))
            continue
        group = 1 + max((child.group for child in parent.children), default=-1)
        for item in items:
            item.group = group
        parent.children.extend(items)
    return top


def _nested_ends(text: str, lists: list[_OpenList], ends: list[list[int]]) -> list[list[int]]:
    """Stop a member of a list nested in another (一方面 inside 一是) at the outer list's
    next member (二是), not at the end of the paragraph.

    The outer lists of a member are those that began before its own list, so the
    bound is the next member to its right from a list of lower rank (rank = order of
    the lists' first members): a "next smaller element" scan per paragraph, linear.
    """
    by_paragraph: dict[int, list[tuple[int, int, int]]] = {}  # paragraph -> (start, rank, member)
    for rank, lst in enumerate(lists):
        for member, (marker, paragraph) in enumerate(lst.members):
            by_paragraph.setdefault(paragraph, []).append((marker.start, rank, member))
    bounded = [list(lst_ends) for lst_ends in ends]
    for members in by_paragraph.values():
        members.sort()
        stack: list[tuple[int, int]] = []  # (start, rank) of members to the right, ranks increasing
        for start, rank, member in reversed(members):
            while stack and stack[-1][1] >= rank:
                stack.pop()
            if stack and stack[-1][0] < bounded[rank][member]:
                end = stack[-1][0]
                while end > start and text[end - 1].isspace():
                    end -= 1
                bounded[rank][member] = end
            stack.append((start, rank))
    return bounded


def _list_key(text: str, marker: ItemMarker) -> str:
    """What a marker must share with a list to continue it: its kind, and for 一抓 its verb."""
    return marker.kind + text[marker.end - 1] if marker.kind == VERB else marker.kind


def _continues(current: _OpenList, marker: ItemMarker, section: Hashable, paragraph: int, at_paragraph_start: bool) -> bool:
    if section != current.section:
        return False
    if marker.kind in SAME_PARAGRAPH_KINDS and paragraph != current.paragraph:
        return False
    last_paragraph = current.members[-1][1]
    if marker.kind in PARAGRAPH_OPENING_KINDS and paragraph != last_paragraph and not (
        at_paragraph_start and (current.opens_paragraph or paragraph == last_paragraph + 1)
    ):
        return False
    if marker.kind == ASPECT:  # 另一方面, or a second 一方面 in the same paragraph (一方面…，一方面…)
        return marker.number == 2 or paragraph == last_paragraph
    if marker.kind == VERB and paragraph != current.paragraph and not at_paragraph_start:
        return False
    if marker.kind == DASH:
        return True
    if marker.number == 0:  # 最后 follows any earlier member of its sequence
        return True
    return marker.number == current.last_number + 1


def _inside_pair(text, paragraphs, index: int, offset: int, cache: dict) -> bool:
    """True when ``offset`` lies inside a balanced quote or bracket of its paragraph."""
    spans = cache.get(index)
    if spans is None:
        para = paragraphs[index]
        spans = cache[index] = _outer_pairs(balanced_pairs(text, para.start, para.end)) if _OPENER.search(text, para.start, para.end) else ([], [])
    opens, closes = spans
    position = bisect_left(opens, offset) - 1
    return position >= 0 and offset < closes[position]


def _outer_pairs(pairs: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of pairs sorted by opener, as parallel sorted lists of opens and closes.

    Nested pairs merge into their outer pair; straight quotes that cross another pair
    widen it.
    """
    opens: list[int] = []
    closes: list[int] = []
    for open_, close in pairs:
        if closes and open_ < closes[-1]:
            closes[-1] = max(closes[-1], close)
            continue
        opens.append(open_)
        closes.append(close)
    return opens, closes


def _restarts(lists: list[_OpenList]) -> list[int | None]:
    """Where the next list of the same kind begins after each list's last member
    (None when none does).

    A new 一是 restarts the enumeration: the previous list's last member ends there.
    A list nested in a member begins before its outer list's last member and does
    not cut it. Lists of one kind then never overlap but by one level of nesting,
    so members' spans stay linear in the text.
    """
    starts: dict[str, list[int]] = {}
    for lst in lists:  # sorted by first member
        starts.setdefault(lst.kind, []).append(lst.members[0][0].start)
    limits: list[int | None] = []
    for lst in lists:
        same = starts[lst.kind]
        following = bisect_right(same, lst.members[-1][0].start)
        limits.append(same[following] if following < len(same) else None)
    return limits


def _member_ends(text: str, paragraphs: Sequence[TextUnit], lst: _OpenList, body_end: int, limit: int | None = None) -> list[int]:
    """Where each member ends: at the next member, else at the end of its paragraph,
    of the body (the closing is no member's) or at ``limit``, where the next list of
    the same kind restarts the enumeration."""
    ends = []
    members = lst.members
    for i, (marker, paragraph) in enumerate(members):
        end = min(paragraphs[paragraph].end, body_end)
        if i + 1 < len(members):
            end = min(end, members[i + 1][0].start)
        elif limit is not None:
            end = min(end, limit)
        while end > marker.end and text[end - 1].isspace():
            end -= 1
        ends.append(end)
    return ends


def _is_list(text: str, paragraphs: Sequence[TextUnit], lst: _OpenList, body_end: int) -> bool:
    if len(lst.members) < 2:
        return False
    ends = _member_ends(text, paragraphs, lst, body_end)
    clause = _CLAUSE_STOP if lst.kind == VERB else _CLAUSE_MARK
    return all(clause.search(text, marker.end, end) for (marker, _), end in zip(lst.members[:-1], ends)) and (
        lst.kind != VERB or _is_verb(text[lst.members[0][0].end - 1])
    )


# The segmenter's tags of a verb, or of an adjective used as one (一强…二稳…).
_VERB_TAGS = ("v", "a")


def _is_verb(character: str) -> bool:
    """True when the segmenter's dictionary tags ``character`` alone as a verb or an
    adjective: 一抓…二抓 is a list of actions, 一期…二期 and 一批…二批 (a noun, a measure
    word) count phases."""
    from ...segment import get_tokenizer

    return get_tokenizer().tokenize(character).tags[0].startswith(_VERB_TAGS)


def _items(text: str, lst: _OpenList, ends: list[int]) -> list[Item]:
    return [
        Item(
            marker=text[marker.start : marker.end],
            number=marker.number,
            text=text[marker.start : end],
            start=marker.start,
            end=end,
            kind=marker.kind,
        )
        for (marker, _), end in zip(lst.members, ends)
    ]
