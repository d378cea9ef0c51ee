"""Keyword in context: strings, terms, patterns and slogans, with sections."""

from __future__ import annotations

import json
import re

import pytest
from cli_run import run
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit import Speech, SpeechkitError
from speechkit.analysis.kwic import COLUMNS, kwic, speech_kwic
from speechkit.analysis.terms import section_label
from speechkit.extract.outline.structure import extract_outline, section_at


def assert_slices_back(hits, speech, window):
    for hit in hits:
        assert speech.text[hit.start : hit.end] == hit.match
        assert hit.left == speech.text[max(0, hit.start - window) : hit.start]
        assert hit.right == speech.text[hit.end : hit.end + window]


def test_every_occurrence_of_a_string_with_its_context(seed):
    hits = speech_kwic(seed, "园区", window=12)
    assert len(hits) == seed.text.count("园区")
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    assert_slices_back(hits, seed, 12)
    assert all(h.speech == seed.id and h.year == 2022 for h in hits)


def test_term_mode_keeps_whole_tokens_only(seed):
    strings = speech_kwic(seed, "园区")
    terms = speech_kwic(seed, "园区", term=True)
    assert 0 < len(terms) < len(strings)
    inside = {h.start for h in strings} - {h.start for h in terms}
    # The string hits left out are the ones inside longer words such as 园区经济.
    assert any(seed.text.startswith("园区经济", s) for s in inside)
    tokens = {t.start: t for t in seed.tokens()}
    assert all(h.start in tokens for h in terms)


def test_hits_name_their_outline_section(seed):
    outline = extract_outline(seed, keywords=0)
    hits = speech_kwic(seed, "党建")
    assert hits
    for hit in hits:
        section = section_at(outline, hit.start)
        assert hit.section == (section_label(section) if section else None)
    assert any(h.section and h.section.startswith("（") for h in hits)  # a second-level section
    opening = speech_kwic(seed, "同志们")[0]
    assert opening.section is None  # the salutation is before every section


def test_regex_and_slogan_text(seed):
    hits = speech_kwic(seed, r"党建.{0,4}引领", regex=True, window=5)
    assert hits and all(re.fullmatch(r"党建.{0,4}引领", h.match) for h in hits)
    assert_slices_back(hits, seed, 5)
    slogan = speech_kwic(seed, "起而行之、争先进位、跨越发展")
    assert len(slogan) == seed.text.count("起而行之、争先进位、跨越发展") > 0
    # Special characters of a plain string are literal, not a pattern.
    assert speech_kwic(seed, "“两个维护”") == [h for h in speech_kwic(seed, r"“两个维护”", regex=True)]
    assert speech_kwic(seed, "*") and all(h.match == "*" for h in speech_kwic(seed, "*"))


def test_bad_queries_are_user_errors(seed):
    with pytest.raises(SpeechkitError, match="empty"):
        speech_kwic(seed, "")
    with pytest.raises(SpeechkitError, match="regular expression"):
        speech_kwic(seed, "(园区", regex=True)
    with pytest.raises(SpeechkitError, match="window"):
        speech_kwic(seed, "园区", window=-1)
    assert speech_kwic(seed, "x*", regex=True) == []  # only empty matches: nothing to show


def test_corpus_table(demo_corpus):
    frame = kwic(demo_corpus, "营商环境", window=10)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == sum(s.text.count("营商环境") for s in demo_corpus) > 0
    assert set(frame["year"].dropna()) <= set(demo_corpus.years())
    order = [s.id for s in demo_corpus]
    assert list(frame["speech"]) == sorted(frame["speech"], key=order.index)
    assert kwic(demo_corpus, "不会出现的词语组合").empty


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("园区发展党建，。\n一、（一）ab")), max_size=120),
    st.text(alphabet=st.sampled_from(list("园区发展")), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=8),
)
def test_hits_always_slice_back(text, query, window):
    speech = Speech(text)
    hits = speech_kwic(speech, query, window=window)
    assert len(hits) == text.count(query)
    assert_slices_back(hits, speech, window)


def test_cli_kwic(monkeypatch, capsys, seed_path, seed):
    code, out, err = run(monkeypatch, capsys, "kwic", seed_path, "园区", "--window", "6", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == seed.text.count("园区") and set(rows[0]) == set(COLUMNS)
    assert all(seed.text[r["start"] : r["end"]] == r["match"] for r in rows)
    code, out, err = run(monkeypatch, capsys, "kwic", seed_path, "党建.{0,2}引领", "--regex")
    assert code == 0 and out.splitlines()[0] == "\t".join(COLUMNS) and "hit(s)" in err
    assert all("\n" not in line for line in out.splitlines())
    code, _, err = run(monkeypatch, capsys, "kwic", seed_path, "(", "--regex")
    assert code == 2 and err.startswith("speechkit: error: kwic: invalid regular expression")
