"""Parallel phrasing (排比): three or more separated phrases sharing a template.

不敢腐、不能腐、不想腐 share 不X腐; 真管真严、敢管敢严、长管长严 share X管X严. Members
are the clauses of a sentence between 、，；. Two ways to share a template:

- same length, with the same characters in some positions (``X`` marks the others);
  the first member may carry a lead-in (一体推进不敢腐) and the last a tail
  (办就办好蔚然成风), which are cut to the members' length;
- different lengths with a shared head or tail of two or more characters
  (``…`` marks the varying part).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ...chars import HAN, is_segmenter_han
from ..matcher import SEPARATORS

if TYPE_CHECKING:
    from ...segment import Tokenizer

MIN_MEMBERS = 3
# A cap on members keeps the scan linear on adversarial input (a long list of
# identical clauses); real parallels have a handful.
MAX_MEMBERS = 16
MIN_LENGTH, MAX_LENGTH = 2, 10
_VARIABLE = "X"
_WINDOW = 8
_SEPARATOR = re.compile("[" + re.escape(SEPARATORS) + "]")
_HAN_RUN = re.compile(f"[{HAN}]*")
_UP_TO_LAST_OTHER = re.compile(f"(?s).*[^{HAN}]")
# Every run has a member between two separators that is a whole clause of 2 to 10 Chinese
# characters (the second one); a sentence without such a clause holds no run.
_INNER_MEMBER = re.compile(
    f"[{re.escape(SEPARATORS)}][{HAN}]{{{MIN_LENGTH},{MAX_LENGTH}}}(?=[{re.escape(SEPARATORS)}])"
)


@dataclass(frozen=True, slots=True)
class ParallelRun:
    """A run of parallel members with the template they share."""

    template: str
    members: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


class _Clause(NamedTuple):
    # A tuple, not a frozen dataclass: made for each clause of most sentences, and a
    # frozen dataclass's __init__ sets each field through object.__setattr__.
    start: int
    end: int
    lead: int  # end of the leading run of Chinese characters
    tail: int  # start of the trailing run of Chinese characters

    @property
    def clean(self) -> bool:
        return self.lead == self.end and self.end > self.start


def _clauses(text: str, start: int, end: int) -> list[_Clause]:
    bounds = [start, *(m.start() + 1 for m in _SEPARATOR.finditer(text, start, end))]
    result = []
    for begin, stop in zip(bounds, [*(b - 1 for b in bounds[1:]), end]):
        lead = _HAN_RUN.match(text, begin, stop).end()
        last_other = _UP_TO_LAST_OTHER.match(text, begin, stop)
        result.append(_Clause(begin, stop, lead, last_other.end() if last_other else begin))
    return result


def _is_member(clause: _Clause) -> bool:
    """Whether a whole clause can be a member: Chinese characters only, 2 to 10 of them."""
    return clause.clean and MIN_LENGTH <= clause.end - clause.start <= MAX_LENGTH


def _fixed_needed(length: int) -> int:
    """Shared positions a same-length template needs: a third of the length."""
    return -(-length // 3)


def find_parallels(text: str, start: int = 0, end: int | None = None, tokenizer: Tokenizer | None = None,
                   word_starts: Container[int] | None = None) -> list[ParallelRun]:
    """Return the parallel runs in ``text[start:end]`` (usually one sentence).

    With a ``tokenizer``, a member cut from a longer clause must be cut between two
    words (面临的|执政考验, not 面|临的执政考验); ``word_starts``, the start offsets of
    the words of the whole text when it is already segmented, decides the same without
    segmenting again.

    Examples
    --------
    >>> [r.template for r in find_parallels("一体推进不敢腐、不能腐、不想腐，筑牢底线")]
    ['不X腐']
    """
    end = len(text) if end is None else end
    if not _INNER_MEMBER.search(text, start, end):
        return []
    clauses = _clauses(text, start, end)
    runs: list[ParallelRun] = []
    i = 0
    while i + MIN_MEMBERS <= len(clauses):
        # Both kinds of run need their second member whole.
        found = _is_member(clauses[i + 1]) and (
            _same_length_run(text, clauses, i, tokenizer, word_starts) or _head_tail_run(text, clauses, i)
        )
        if not found:
            i += 1
            continue
        run, next_index = found
        runs.append(run)
        i = next_index
    return runs


def _same_length_run(text: str, clauses: list[_Clause], i: int, tokenizer, word_starts):
    second = clauses[i + 1]  # a whole member (see _is_member)
    length = second.end - second.start
    first = clauses[i]
    if first.end - first.tail < length or not _cuts_at(text, first, first.end - length, tokenizer, word_starts):
        return None
    spans = [(first.end - length, first.end), (second.start, second.end)]
    fixed = [a == b for a, b in zip(text[spans[0][0] : spans[0][1]], text[second.start : second.end])]
    needed = _fixed_needed(length)
    j = i + 2
    while j < len(clauses) and j - i < MAX_MEMBERS:
        clause = clauses[j]
        cut_end = clause.start + length
        if clause.lead < cut_end or not _cuts_at(text, clause, cut_end, tokenizer, word_starts):
            break
        trial = _narrow(fixed, text, spans[0][0], clause.start, length)
        if sum(trial) < needed:
            break
        fixed = trial
        spans.append((clause.start, cut_end))
        j += 1
        if cut_end != clause.end:  # the member was cut from a longer clause: the run ends
            break
    if len(spans) < MIN_MEMBERS or all(fixed):
        return None
    members = tuple(text[s:e] for s, e in spans)
    if len(set(members)) < len(members):
        return None
    template = "".join(c if keep else _VARIABLE for c, keep in zip(members[0], fixed))
    return ParallelRun(template, members, tuple(spans)), j


def _cuts_at(text: str, clause: _Clause, cut: int, tokenizer, word_starts=None) -> bool:
    """True when cutting ``clause`` at ``cut`` does not split a word."""
    if cut in (clause.start, clause.end) or not (is_segmenter_han(text[cut - 1]) and is_segmenter_han(text[cut])):
        return True
    if word_starts is not None:
        return cut in word_starts
    if tokenizer is None:
        return True
    # A window of a few words either side decides the cut, however long the clause.
    left, right = max(clause.start, cut - _WINDOW), min(clause.end, cut + _WINDOW)
    return any(token.start == cut for token in tokenizer.tokenize(text[left:right], left))


def _narrow(fixed: list[bool], text: str, ref: int, other: int, length: int) -> list[bool]:
    return [keep and text[ref + k] == text[other + k] for k, keep in enumerate(fixed)]


def _head_tail_run(text: str, clauses: list[_Clause], i: int):
    members: list[str] = []
    head = tail = ""
    j = i
    while j < len(clauses) and j - i < MAX_MEMBERS:
        clause = clauses[j]
        member = text[clause.start : clause.end]
        if not clause.clean or not MIN_LENGTH <= len(member) <= MAX_LENGTH or member in members:
            break
        new_head = _common_prefix(head, member) if members else member
        new_tail = _common_suffix(tail, member) if members else member
        if members and len(new_head) < 2 and len(new_tail) < 2:
            break
        members.append(member)
        head, tail = new_head, new_tail
        j += 1
    shortest = min((len(m) for m in members), default=0)
    if len(members) < MIN_MEMBERS or len({len(m) for m in members}) == 1:
        return None
    head = head if 2 <= len(head) < shortest else ""
    tail = tail if 2 <= len(tail) < shortest else ""
    if not head and not tail:
        return None
    spans = tuple((c.start, c.end) for c in clauses[i:j])
    return ParallelRun(f"{head}…{tail}", tuple(members), spans), j


def _common_prefix(a: str, b: str) -> str:
    size = min(len(a), len(b))
    for k in range(size):
        if a[k] != b[k]:
            return a[:k]
    return a[:size]


def _common_suffix(a: str, b: str) -> str:
    return _common_prefix(a[::-1], b[::-1])[::-1]
