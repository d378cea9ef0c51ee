"""SpeechResult: the per-speech result and cache format (round trip, damaged entries)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechkit.model import (CategoryCount, CategoryShares, Item, Keyword, Metric, Outline, OutlineWarning, Placeholder, Section,
                             SectionCategories, Slogan, Span, TermCount)
from speechkit.pipeline.cache import cached_result
from speechkit.pipeline.extractors import EXTRACTORS
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.per_speech import speech_result
from speechkit.result import SCHEMA_VERSION, SpeechResult, TermUnits

offsets = st.integers(min_value=0, max_value=10_000)
words = st.text(alphabet="发展建设改革创新党国", min_size=1, max_size=6)
floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
spans = st.builds(Span, start=offsets, end=offsets)
items = st.builds(Item, marker=words, number=offsets, text=words, start=offsets, end=offsets, kind=words, group=offsets)
leaf_sections = st.builds(Section, level=st.integers(1, 4), marker=words, number=offsets, title=words, start=offsets,
                          end=offsets, items=st.lists(items, max_size=2), kind=st.sampled_from(["section", "annex", "box"]),
                          characters=offsets, share=floats, title_span=spans,
                          keywords=st.lists(st.builds(TermCount, term=words, count=offsets), max_size=2))
sections = st.builds(Section, level=st.just(1), marker=words, number=offsets, title=words, start=offsets, end=offsets,
                     children=st.lists(leaf_sections, max_size=2))
outlines = st.builds(Outline, title=st.none() | words, sections=st.lists(sections, max_size=2),
                     warnings=st.lists(st.builds(OutlineWarning, message=words, start=offsets, kind=words), max_size=1),
                     title_span=st.none() | spans, salutation=st.none() | spans, closing=st.none() | spans,
                     items=st.lists(items, max_size=1))
slogans = st.builds(Slogan, text=words, kind=st.sampled_from(["quoted", "numbered", "parallel"]), count=offsets,
                    spans=st.lists(spans, max_size=2), subkind=st.none() | words,
                    members=st.lists(words, max_size=2))
metrics = st.builds(Metric, indicator=st.none() | words, value=st.none() | floats, raw=words, unit=st.none() | words,
                    qualifier=st.none() | words, change=st.none() | words, placeholder=st.booleans(), start=offsets,
                    end=offsets, sentence=words, year=st.none() | offsets, link=st.none() | offsets)
placeholders = st.builds(Placeholder, text=st.just("**"), kind=st.sampled_from(["number", "name"]), start=offsets,
                         end=offsets, context=words)
keywords = st.lists(st.builds(Keyword, term=words, score=floats, count=offsets), max_size=3).map(tuple)


@st.composite
def term_units(draw, terms: int) -> TermUnits:
    """Units over ``terms`` terms, built the way the per-speech stage builds them."""
    n = draw(st.integers(0, 20))
    starts = sorted(draw(st.lists(st.integers(0, 500), min_size=n, max_size=n)))
    term_ids = draw(st.lists(st.integers(0, max(terms - 1, 0)), min_size=n, max_size=n)) if terms else []
    spans = [(start, start + 50) for start in range(0, 600, 50)]
    return TermUnits.build(spans, starts[: len(term_ids)], term_ids, [0, 300], [-1, 0])


@st.composite
def results(draw) -> SpeechResult:
    terms = tuple(sorted(set(draw(st.lists(words, max_size=6)))))
    return SpeechResult(
        characters=draw(offsets),
        words=draw(offsets),
        frequencies=tuple(draw(st.lists(st.tuples(words, offsets), max_size=4))),
        outline=draw(outlines),
        records={"slogans": tuple(draw(st.lists(slogans, max_size=2))), "metrics": tuple(draw(st.lists(metrics, max_size=2))),
                 "placeholders": tuple(draw(st.lists(placeholders, max_size=2)))},
        categories=CategoryShares(draw(offsets), (CategoryCount("党的建设", 1, 0.5, (TermCount("党建", 1),)),)),
        categories_by_section=tuple(draw(st.lists(st.builds(SectionCategories, section=words, level=offsets, title=words,
                                                            start=offsets, end=offsets, tokens=offsets,
                                                            values=st.fixed_dictionaries({"民生": floats})), max_size=2))),
        keywords={"tfidf": draw(keywords), "textrank": draw(keywords)},
        terms=terms,
        section_labels=("一、总结",),
        paragraphs=draw(term_units(len(terms))),
        sentences=draw(term_units(len(terms))),
        sections=draw(term_units(len(terms))),
    )


@settings(max_examples=60, deadline=None, derandomize=True)
@given(results())
def test_round_trip_through_json(result):
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert SpeechResult.from_dict(data, EXTRACTORS) == result
    assert SpeechResult.from_dict(result.to_dict(), EXTRACTORS) == result



@settings(max_examples=60, deadline=None, derandomize=True)
@given(results())
def test_stored_result_is_the_result_decoded_field_by_field(result):
    import orjson
    import pickle
    from dataclasses import fields

    stored = SpeechResult.from_stored(orjson.loads(result.to_json()), EXTRACTORS)
    data, _ = vars(stored)["_stored"]
    # Nothing is decoded until read; a field read is decoded once and kept, and its stored data let go.
    assert not {f.name for f in fields(SpeechResult)} & set(vars(stored))
    assert stored.paragraphs == result.paragraphs and "paragraphs" in vars(stored) and "records" not in vars(stored)
    assert stored.paragraphs is stored.paragraphs
    assert "paragraphs" not in data and "sentences" in data
    assert stored == result and result == stored
    # Every field decoded (compared), none of the stored data is held.
    assert "_stored" not in vars(stored)
    assert stored.to_json() == result.to_json()
    assert stored.term_counts("sentence") == result.term_counts("sentence") and stored.slogans == result.slogans
    # Pickled (to or from a worker) it is the plain result of every field.
    sent = pickle.loads(pickle.dumps(SpeechResult.from_stored(orjson.loads(result.to_json()), EXTRACTORS)))
    assert type(sent) is SpeechResult and sent == result


@pytest.mark.parametrize("missing", ["paragraphs", "outline", "slogans", "phrase_counts"])
def test_stored_result_without_a_field_is_refused(seed, missing):
    data = speech_result(seed, AnalysisOptions()).to_dict()
    del data[missing]
    with pytest.raises(ValueError, match=missing):
        SpeechResult.from_stored(data, EXTRACTORS)

@settings(max_examples=60, deadline=None, derandomize=True)
@given(results())
def test_json_encoding_is_that_of_the_dict(result):
    import orjson

    assert result.to_json() == orjson.dumps(result.to_dict())
    assert SpeechResult.from_dict(orjson.loads(result.to_json()), EXTRACTORS) == result


def test_json_encoding_of_the_real_documents_is_that_of_their_dicts(real_corpus, seed):
    import orjson

    options = AnalysisOptions()
    for speech in [seed, *real_corpus]:
        result = speech_result(speech, options)
        assert result.to_json() == orjson.dumps(result.to_dict()), speech.id


def test_seed_result_round_trips_and_points_into_the_text(seed):
    result = speech_result(seed, AnalysisOptions())
    assert SpeechResult.from_dict(json.loads(json.dumps(result.to_dict())), EXTRACTORS) == result
    assert isinstance(result.outline, Outline) and result.outline.sections
    paragraphs = result.paragraphs
    assert paragraphs.total == len(seed.paragraphs) and 0 < len(paragraphs) <= paragraphs.total
    for i in range(len(paragraphs)):
        text = seed.text[paragraphs.starts[i] : paragraphs.ends[i]]
        for word in result.unit_words("paragraph", i):
            assert word in text
    # Every content term counted once per unit kind: the kinds agree on the totals.
    assert result.term_counts("paragraph") == result.term_counts("section")
    labels = {result.section_label(result.sections, i) for i in range(len(result.sections))}
    assert set(result.section_labels) <= labels


@pytest.mark.parametrize("damage", ["{}", '{"schema": 0}', "[1, 2]", "not json", '{"schema": %d, "words": 1}' % SCHEMA_VERSION, ""])
def test_damaged_or_foreign_cache_entry_is_recomputed(tmp_path, monkeypatch, seed, damage):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path))
    key = "ab" + "0" * 62
    entry = tmp_path / "results" / "ab" / f"{key}.json"
    entry.parent.mkdir(parents=True)
    entry.write_text(damage, encoding="utf-8")
    fresh = speech_result(seed, AnalysisOptions())
    assert cached_result(key, lambda: fresh) == fresh
    assert SpeechResult.from_dict(json.loads(entry.read_text(encoding="utf-8")), EXTRACTORS) == fresh
    assert cached_result(key, lambda: pytest.fail("a valid entry is not recomputed")) == fresh
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no temporary file left


def test_truncated_cache_entry_is_recomputed(tmp_path, monkeypatch, seed):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path))
    fresh = speech_result(seed, AnalysisOptions())
    key = "cd" + "1" * 62
    cached_result(key, lambda: fresh)
    entry = tmp_path / "results" / "cd" / f"{key}.json"
    entry.write_text(entry.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    assert cached_result(key, lambda: fresh) == fresh


def test_records_come_back_from_their_dicts():
    metric = Metric("产值", 1.5, "1.5", "亿元", None, None, False, 3, 8, "产值1.5亿元")
    assert Metric.from_dict(metric.to_dict()) == metric
    with pytest.raises(TypeError):
        Keyword.from_dict({"term": "发展", "score": 1.0})


def test_term_units_are_packed_whatever_they_are_given_as():
    from array import array

    units = TermUnits(2, [0, 1], (0, 10), (10, 20), [-1, 0], [0, 1, 3], (4, 5, 6), [1, 2, 3])
    assert all(type(getattr(units, name)) is array and getattr(units, name).typecode == "i"
               for name in ("index", "starts", "ends", "sections", "indptr", "terms", "counts"))
    assert list(units.unit(1)) == [(5, 2), (6, 3)]
    assert TermUnits.from_dict(json.loads(json.dumps(units.to_dict()))) == units


def test_results_of_different_speeches_share_one_copy_of_each_word(demo_corpus):
    # A corpus of results holds each word once, whether a result is made here, unpickled from a
    # worker or read from the cache.
    import pickle

    options = AnalysisOptions()
    first, second = (speech_result(speech, options) for speech in list(demo_corpus)[:2])
    shared = sorted(set(first.terms) & set(second.terms))
    assert shared
    for a, b in ((first, second), (pickle.loads(pickle.dumps(first)), pickle.loads(pickle.dumps(second))),
                 (SpeechResult.from_dict(json.loads(json.dumps(first.to_dict())), EXTRACTORS), second)):
        assert a == first
        words_a, words_b = dict(zip(a.terms, a.terms)), dict(zip(b.terms, b.terms))
        assert all(words_a[w] is words_b[w] for w in shared)
        counted_a, counted_b = dict((t, t) for t, _ in a.frequencies), dict((t, t) for t, _ in b.frequencies)
        assert all(counted_a[w] is counted_b[w] for w in shared if w in counted_a and w in counted_b)


@pytest.mark.parametrize("kind", ["paragraph", "sentence", "section"])
def test_term_units_of_the_result_are_those_of_the_text(real_corpus, kind):
    """The units a result keeps (what every corpus table reads) hold the content terms
    :func:`speechkit.analysis.terms.iter_term_units` finds in the text, unit by unit."""
    from speechkit.analysis.terms import iter_term_units, term_counts

    results = real_corpus.subset(speech=["govreport-2013", "party-congress-20"]).results()
    for speech, result in results.pairs():
        from_text = list(iter_term_units(speech, kind))
        assert result.term_counts(kind) == term_counts(from_text)
        kept = [i for i in range(len(result.units(kind))) if result.unit_words(kind, i)]
        assert [result.unit_words(kind, i) for i in kept] == [sorted(set(unit.words)) for unit in from_text]


def test_a_damaged_record_read_from_the_cache_is_one_line_saying_what_to_do(seed):
    """Streamed runs decode a stored field when a table first reads it, too late to
    recompute the speech: the error says what to do, and the other fields still read."""
    import orjson

    from speechkit.errors import SpeechkitError

    result = speech_result(seed, AnalysisOptions())
    data = orjson.loads(result.to_json())
    data["outline"] = {"sections": 3}  # valid JSON of the right schema, a record of the wrong shape
    stored = SpeechResult.from_stored(data, EXTRACTORS)
    assert stored.words == result.words and stored.slogans == result.slogans
    with pytest.raises(SpeechkitError, match=r"^a speech result in the cache is damaged \(outline: .*--no-cache$") as caught:
        stored.outline
    assert "\n" not in str(caught.value)
