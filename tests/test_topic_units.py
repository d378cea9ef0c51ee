"""The units of a topic model read from the results a speech at a time: their statistics
(merged by the map), their count matrix, the bounded stratified sample a large corpus's model
is fitted on, and every unit's shares transformed a chunk at a time."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from speechkit.analysis.officialese import load_officialese
from speechkit.analysis.topic_units import (CLOSING_UNITS, MODEL_UNITS, OPENING_UNITS, UnitStatistics, blocks_tally,
                                            count_unit_blocks, read_units, result_blocks, stratified_sample, unit_tally)
from speechkit.analysis.topics import boilerplate_vocabulary, result_units, topic_model, topic_model_from_units
from speechkit.results import Results


@pytest.fixture(scope="module")
def streamed(real_corpus, cache_dir):
    """The results of ../shared/data/real as a run of a large corpus has them: streamed from
    the cache, with the partials its map merged."""
    return real_corpus.results(stream=True)


@pytest.fixture(scope="module")
def held(real_corpus, streamed):
    return Results(real_corpus, tuple(streamed))


@pytest.fixture(scope="module")
def units(held):
    return result_units([(speech.id, result) for speech, result in held.pairs()], "paragraph")


def test_the_statistics_are_those_counted_unit_by_unit(held, units):
    statistics = UnitStatistics(blocks_tally(result_blocks(held)))
    by_speech: dict[str, list] = {}
    for unit in units:
        by_speech.setdefault(unit.speech, []).append(unit)
    speeches, frame_speeches, frame_units, body_units = Counter(), Counter(), Counter(), Counter()
    framed = 0
    for own in by_speech.values():
        speeches.update({term for unit in own for term in unit.counts})
        frame = [unit for i, unit in enumerate(own) if i < OPENING_UNITS or i >= len(own) - CLOSING_UNITS]
        framed += len(frame)
        frame_speeches.update({term for unit in frame for term in unit.counts})
        for unit in own:
            (frame_units if unit in frame else body_units).update(unit.counts.keys())
    assert statistics.speech_frequency == speeches and statistics.frame_speeches == frame_speeches
    assert statistics.frame_units == frame_units and statistics.body_units == body_units
    assert statistics.size("frame") == framed and statistics.units == len(units) > 2000
    assert statistics.size("speeches") == len(by_speech) == len(held)
    assert all(statistics.units_of(speech) == len(own) for speech, own in by_speech.items())
    # Read from count units, the statistics are the same.
    assert UnitStatistics(blocks_tally(count_unit_blocks(units))).tally == statistics.tally


def test_the_map_merged_the_statistics_of_the_units(streamed, held):
    merged = streamed.memo(("topic_units", "paragraph"), lambda: pytest.fail("the map merged no unit statistics"))
    assert merged == blocks_tally(result_blocks(held)) and unit_tally(held) == merged


def test_within_the_bound_the_model_has_the_matrix_of_every_unit_held_in_memory(held, units):
    """The count matrix of a corpus within the bound is the one built from every unit's
    counts at once, as the model had it when it held them all."""
    model = topic_model(held)
    drop = {term for terms in model.removed.values() for term in terms}
    vectorizer = CountVectorizer(analyzer=lambda counts: [t for t, n in counts.items() if t not in drop for _ in range(n)],
                                 min_df=2, max_df=0.9)
    expected = vectorizer.fit_transform([unit.counts for unit in units])
    assert model.vocabulary == vectorizer.get_feature_names_out().tolist()
    assert model.removed == {**boilerplate_vocabulary(units), "given": sorted(load_officialese())}
    counts, layout = read_units(result_blocks(held), model.vocabulary)
    assert counts.shape == expected.shape and (counts != expected).nnz == 0
    assert [(layout.names[s], i, a, b, section) for s, i, a, b, section in zip(layout.speech, layout.index, layout.start,
                                                                                 layout.end, layout.sections)] == \
        [(u.speech, u.index, u.start, u.end, u.section) for u in units]
    assert "sampled_units" not in model.selection and model.selection["held_out_units"] == len(units) // 5
    assert len(units) < MODEL_UNITS and len(model.units) == len(units)
    # The model of the results is the model of their count units.
    assert topic_model_from_units(units, k_range=range(4, 13, 2), remove=load_officialese()).to_dict() == model.to_dict()


@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from([2019, 2020, 2021, None])), min_size=1, max_size=30),
       st.integers(1, 200))
@example([(40, 2020), (1, 2021), (40, 2020), (1, 2021), (3, None)], 10)
def test_the_sample_is_bounded_and_keeps_each_stratum_and_speech_share(speeches, limit):
    sizes = [size for size, _ in speeches]
    strata = [year for _, year in speeches]
    total = sum(sizes)
    sample = stratified_sample(sizes, strata, limit=limit)
    assert len(sample) == min(total, limit) and (np.diff(sample) > 0).all()
    assert np.array_equal(sample, stratified_sample(sizes, strata, limit=limit))
    if total <= limit:
        assert sample.tolist() == list(range(total))
        return
    ends = np.cumsum(sizes)
    owner = np.searchsorted(ends, sample, side="right")
    taken = np.bincount(owner, minlength=len(sizes))
    for year in set(strata):
        members = [i for i, s in enumerate(strata) if s == year]
        share = limit * sum(sizes[i] for i in members) / total
        assert abs(taken[members].sum() - share) < 2, (year, taken[members].sum(), share)
    for i, size in enumerate(sizes):
        assert abs(taken[i] - limit * size / total) < 2


def test_beyond_the_bound_the_model_is_fitted_on_a_sample_and_every_unit_has_its_shares(real_corpus, held, streamed,
                                                                                        units):
    bound = 600
    model = topic_model(held, model_units=bound)
    assert model.selection["sampled_units"] == bound and model.selection["held_out_units"] == bound // 5
    assert len(model.units) == len(units) > 3 * bound
    rows = list(model.units)
    assert [(u["speech"], u["index"], u["start"]) for u in rows] == [(u.speech, u.index, u.start) for u in units]
    for row in rows:
        assert sum(row["shares"]) == pytest.approx(1, abs=1e-5) if row["main_topic"] is not None else set(row["shares"]) == {0.0}
    # A unit with a term of the vocabulary has a topic, but for the odd one NMF gives no weight.
    with_terms = (read_units(result_blocks(held), model.vocabulary)[0].getnnz(axis=1) > 0).sum()
    assert with_terms >= sum(1 for row in rows if row["main_topic"] is not None) > 0.98 * with_terms
    # The same input gives the same model, held or streamed.
    assert topic_model(streamed, model_units=bound).to_dict() == model.to_dict()
    # Each year keeps its share of the sample.
    years = [speech.year for speech in real_corpus]
    sizes = [len(result.units("paragraph")) for result in held]
    sample = stratified_sample(sizes, years, limit=bound)
    year_of_unit = np.repeat(np.array([-1 if y is None else y for y in years]), sizes)
    for year in set(year_of_unit.tolist()):
        share = bound * (year_of_unit == year).sum() / len(units)
        assert abs((year_of_unit[sample] == year).sum() - share) < 2


def test_a_model_fitted_on_a_sample_reads_the_streamed_results_once(streamed, monkeypatch):
    from speechkit.results import Results

    readings = []
    chunks = Results.chunks

    def counted(self, *args, **kwargs):
        readings.append(len(self))
        return chunks(self, *args, **kwargs)

    monkeypatch.setattr(Results, "chunks", counted)
    model = topic_model(streamed, model_units=600)
    assert model.selection["sampled_units"] == 600
    # The units' statistics come from the map; the sample and every unit's shares from one reading.
    assert readings == [len(streamed)]
