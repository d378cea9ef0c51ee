"""The dispersion chart of a large corpus drawn from counts per lane and stretch (PooledDispersion)
rather than from a row per occurrence: the same picture from data that does not grow with the corpus."""

from __future__ import annotations

import pytest

from speechkit.analysis.frequencies import PooledDispersion, dispersion
from speechkit.analysis.passes import read_once
from speechkit.render import charts

BINS = 20


@pytest.fixture(scope="module")
def demo_results(demo_corpus):
    return demo_corpus.results(use_cache=False)


def _terms(results, count=5):
    """The corpus's most frequent terms: occurrences in most speeches."""
    from collections import Counter

    total = Counter()
    for result in results:
        total.update(dict(result.frequencies))
    return [term for term, _ in total.most_common(count)]


def _lanes(corpus):
    """Two lanes that pool the speeches: those of even and of odd years."""
    return {s.id: "even" if (s.year or 0) % 2 == 0 else "odd" for s in corpus}


def test_pooled_counts_are_the_occurrences_of_each_lane_and_stretch(demo_corpus, demo_results):
    terms, lanes = _terms(demo_results), _lanes(demo_corpus)
    rows = dispersion(demo_results, terms)
    rows = rows.assign(speech=rows["speech"].map(lanes), stretch=(rows["position"] * BINS).astype(int).clip(upper=BINS - 1))
    expected = rows.groupby(["speech", "term", "stretch"]).size()
    [pooled] = read_once(demo_results, [PooledDispersion(terms, lanes, BINS)])
    got = pooled.assign(stretch=(pooled["position"] * BINS).astype(int)).set_index(["speech", "term", "stretch"])["count"]
    assert len(expected) > BINS  # the terms occur in many stretches of both lanes
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    assert pooled["count"].sum() == len(rows)


def test_the_pooled_chart_is_the_chart_of_every_occurrence_byte_for_byte(demo_corpus, demo_results, tmp_path):
    terms, lanes = _terms(demo_results), _lanes(demo_corpus)
    rows = dispersion(demo_results, terms)
    rows = rows.assign(speech=rows["speech"].map(lanes))
    [pooled] = read_once(demo_results, [PooledDispersion(terms, lanes, BINS)])
    assert len(pooled) < len(rows)
    drawn = {}
    for name, positions in (("rows", rows), ("pooled", pooled)):
        path = charts.dispersion_chart(positions, tmp_path / f"{name}.png", speeches=["even", "odd"], terms=terms,
                                       bins=BINS)
        drawn[name] = path.read_bytes()
    assert drawn["rows"] == drawn["pooled"]


def test_a_speech_without_a_lane_is_left_out(demo_corpus, demo_results):
    terms = _terms(demo_results)
    first = demo_corpus[0].id
    [pooled] = read_once(demo_results, [PooledDispersion(terms, {first: "one"}, BINS)])
    only_first = dispersion(demo_results.take([0]), terms)
    assert set(pooled["speech"]) == {"one"}
    assert pooled["count"].sum() == len(only_first) > 0
