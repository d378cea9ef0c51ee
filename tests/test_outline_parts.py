"""The title line found with spaces between its characters, as a pattern would find it."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.extract.outline.parts import _find_spaced, find_title

_CHARACTERS = st.text(alphabet="政府工作报告 \u3000\n二〇二四年", max_size=40)


def _pattern_span(text: str, compact: str) -> tuple[int, int] | None:
    """Where the pattern of ``compact`` with spaces allowed between its characters matches first."""
    match = re.search(r"[ \u3000]*".join(re.escape(char) for char in compact), text)
    return None if match is None else match.span()


@given(text=_CHARACTERS, title=st.text(alphabet="政府工作报告二", min_size=1, max_size=6))
@example(text="政 府 工\u3000作 报 告二〇二四年", title="政府工作报告")
@example(text="政府 政府工作", title="政府工作")
def test_spaced_title_found_where_its_pattern_matches(text, title):
    assert _find_spaced(text, title) == _pattern_span(text, title)


def test_titles_of_real_documents_found_as_their_pattern_finds_them(real_corpus):
    found = 0
    for speech in real_corpus:
        title = speech.meta.title
        if not title or not "".join(title.split()):
            continue
        compact = "".join(title.split())
        expected = next(((i, span) for i, p in enumerate(speech.paragraphs[:12])
                         if (span := _pattern_span(p.text, compact)) is not None), None)
        got = find_title(speech.paragraphs, title, 12)
        assert (got and (got[0], (got[1].start - speech.paragraphs[got[0]].start,
                                  got[1].end - speech.paragraphs[got[0]].start))) == (expected or None)
        found += got is not None
    assert found > 0
