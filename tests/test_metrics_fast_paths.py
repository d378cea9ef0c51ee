"""Shortcuts of the metric rules give what the plain rules give: on every real document and
on any text of numbers, units and list joiners."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import speechkit.extract.metrics.quantities as quantities
from speechkit.extract.metrics.placeholders import extract_placeholders
from speechkit.extract.metrics.quantities import Quantity, find_quantities
from speechkit.extract.metrics.units import default_units
from speechkit.speech import Speech


def _unit_written_once_plain(text, found, bare, last, units) -> None:
    """The rule without its shortcut: every quantity found so far indexed before looking
    for a list before ``last``."""
    by_end = {q.end: i for i, q in enumerate(found) if q.unit is None and q.low is None and not q.placeholder}
    members: list[Quantity] = []
    pos = last.start
    while pos > 1 and text[pos - 1] in quantities._LIST_JOINERS:
        end = pos - 1
        if end in by_end:
            member = found[by_end[end]]
            magnitude = next((m for m in quantities._MAGNITUDE_WORDS if member.raw.endswith(m)), None)
            if magnitude is None or not last.unit.text.startswith(magnitude):
                break
            value = member.value / units.get(magnitude).factor
            members.append(Quantity(member.start, member.end, member.raw, value, last.unit, False, member.approximate))
        elif end in bare:
            start, value = bare[end]
            members.append(Quantity(start, end, text[start:end], value, last.unit, False))
        else:
            break
        pos = members[-1].start
    if not members:
        return
    starts = {member.start for member in members}
    found[:] = [q for q in found if q.start not in starts] + members[::-1]


def _both(text: str) -> tuple[list[Quantity], list[Quantity]]:
    units = default_units()
    placeholders = extract_placeholders(Speech(text), units=units)
    fast = find_quantities(text, units, placeholders)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(quantities, "_unit_written_once", _unit_written_once_plain)
        plain = find_quantities(text, units, placeholders)
    return fast, plain


def test_quantities_of_every_real_document_as_by_the_plain_rule(real_corpus):
    lists = 0
    for speech in real_corpus:
        fast, plain = _both(speech.text)
        assert fast == plain, speech.id
        lists += sum(q.unit is not None and q.start > 1 and speech.text[q.start - 1] in "、和与及" for q in fast)
    assert lists > 10  # lists whose unit is written once are there to be read


_PIECES = st.sampled_from(["120", "85", "3.8", "10.6万", "3.3万", "两", "三千", "万吨", "吨", "平方公里", "亿元", "%",
                           "、", "和", "与", "及", "，", "产量", "增长", "*", "年", "—"])


@given(st.lists(_PIECES, max_size=24).map("".join))
@example("10.6万、3.8万、3.3万平方公里")
@example("120、85万吨")
def test_quantities_of_any_text_as_by_the_plain_rule(text):
    fast, plain = _both(text)
    assert fast == plain
