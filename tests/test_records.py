"""Offsets are Span records in memory and keep their written forms in files: a slogan's
places as [start, end] pairs, a section's title as title_start/title_end, the outline's
parts as {start, end}; a section's keywords are TermCount records."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from speechkit.extract.outline.structure import extract_outline
from speechkit.extract.slogans.slogans import extract_slogans
from speechkit.model import Outline, Section, Slogan, Span, TermCount

SECTION_KEYS = ["level", "marker", "number", "title", "start", "end", "items", "children", "kind",
                "title_start", "title_end", "characters", "share", "keywords"]


def test_a_section_is_written_with_its_title_bounds_where_they_always_were():
    section = Section(1, "一、", 1, "回顾", 0, 20, title_span=Span(2, 4), keywords=[TermCount("发展", 3)])
    data = section.to_dict()
    assert list(data) == SECTION_KEYS
    assert (data["title_start"], data["title_end"], data["keywords"]) == (2, 4, [{"term": "发展", "count": 3}])
    assert Section.from_dict(json.loads(json.dumps(data))) == section


def test_a_slogan_is_written_with_pairs():
    slogan = Slogan("四个意识", "numbered", 2, [Span(0, 4), Span(9, 13)])
    assert slogan.to_dict()["spans"] == [[0, 4], [9, 13]]
    assert Slogan.from_dict(json.loads(json.dumps(slogan.to_dict()))) == slogan


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_a_span_unpacks_and_pairs(start, end):
    span = Span(start, end)
    assert tuple(span) == (start, end) and Span.from_pair(span.pair()) == span
    assert span.to_dict() == {"start": start, "end": end}


def test_the_seed_outline_and_slogans_point_into_the_text(seed):
    outline = extract_outline(seed)
    for section in outline.sections:
        assert seed.text[section.title_span.start : section.title_span.end].strip()
        assert all(isinstance(k, TermCount) for k in section.keywords)
    assert Outline.from_dict(json.loads(json.dumps(outline.to_dict()))) == outline
    for slogan in extract_slogans(seed):
        assert all(isinstance(span, Span) for span in slogan.spans)
        assert all(0 <= start < end <= len(seed.text) for start, end in slogan.spans)
