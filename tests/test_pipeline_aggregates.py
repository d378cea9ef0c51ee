"""Mergeable partials: merging is associative and commutative; any reduction gives the same totals."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.analysis.aggregates import (
    KeyedTallies,
    Tally,
    cooccurrence_from_tally,
    pair_tally,
    reduce_partials,
    speech_tally,
)
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.per_speech import speech_result

counts = st.dictionaries(st.sampled_from(["发展", "改革", "安全", None]), st.integers(0, 50), min_size=1, max_size=3)
tables = st.dictionaries(st.sampled_from([2021, 2022, None]), counts.map(Counter), min_size=1, max_size=3)
tallies = st.dictionaries(st.sampled_from(["frequency", "words", "slogan"]), tables, max_size=3).map(Tally)


def keys(tally: Tally) -> set[tuple]:
    """Every (name, outer, inner) of a tally."""
    return {(name, outer, inner) for name, table in tally.tables.items() for outer, c in table.items() for inner in c}
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True)


@SETTINGS
@given(tallies, tallies, tallies)
def test_merge_is_associative(a, b, c):
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@SETTINGS
@given(tallies, tallies)
@example(Tally({"words": {2021: Counter({"发展": 0})}}), Tally())
def test_merge_is_commutative_with_identity(a, b):
    assert a.merge(b) == b.merge(a)
    assert a.merge(Tally.identity()) == a
    assert keys(a.merge(b)) == keys(a) | keys(b)  # zeros are kept


@SETTINGS
@given(st.lists(tallies, max_size=12), st.integers(2, 5))
def test_tree_reduce_equals_serial_reduce(partials, chunk):
    serial = reduce_partials(partials, Tally.identity())
    assert reduce_partials(partials, Tally.identity(), chunk=chunk) == serial
    assert reduce_partials(reversed(partials), Tally.identity(), chunk=chunk) == serial


keyed = st.dictionaries(st.sampled_from([("tally", "year"), ("tally", "kind")]), tallies, max_size=2).map(KeyedTallies)


def tree_shapes(partials: list, cuts: list[int]) -> KeyedTallies:
    """``partials`` merged as a tree cut at ``cuts``: each piece reduced apart (as a worker
    does with its partition), then the pieces merged (as the reduce tasks do)."""
    bounds = sorted({0, len(partials), *(c % (len(partials) + 1) for c in cuts)})
    pieces = [reduce_partials(partials[a:b], KeyedTallies.identity()) for a, b in zip(bounds, bounds[1:])]
    return reduce_partials(pieces, KeyedTallies.identity(), chunk=2)


@SETTINGS
@given(st.lists(keyed, max_size=20), st.integers(2, 9), st.lists(st.integers(0, 20), max_size=6), st.randoms())
@example([KeyedTallies({("tally", "year"): Tally({"words": {None: Counter({2021: 0})}})})], 2, [], None)
def test_partials_merged_in_any_order_and_tree_shape_give_the_same_totals(partials, chunk, cuts, random):
    serial = reduce_partials(partials, KeyedTallies.identity())
    shuffled = list(partials)
    if random is not None:
        random.shuffle(shuffled)
    assert reduce_partials(iter(shuffled), KeyedTallies.identity(), chunk=chunk) == serial
    assert tree_shapes(shuffled, cuts) == serial
    # Key by key, as each tally alone.
    for key in serial.tallies:
        alone = [p.tallies[key] for p in partials if key in p.tallies]
        assert serial.tallies[key] == reduce_partials(alone, Tally.identity())


def test_the_streamed_tree_reads_a_generator_once_in_order():
    # The tree merges as partials come: a generator is read once, in order, never held whole.
    seen = []

    def partials():
        for i in range(100):
            seen.append(i)
            yield Tally({"words": {None: Counter({i % 7: 1})}})

    total = reduce_partials(partials(), Tally.identity(), chunk=3)
    assert seen == list(range(100))
    assert total.column("words") == dict(sorted(Counter(i % 7 for i in range(100)).items()))


def test_a_speech_without_content_terms_names_no_year_of_a_term(demo_corpus):
    # An English-only speech counts its words for its year but gives no term a year: the tables
    # by year then have no column of that year's terms (and no chart of nothing).
    from speechkit import Speech

    options = AnalysisOptions()
    english = speech_result(Speech("Annual work report 2022\nWe will grow the economy by 5 percent.\n"), options)
    chinese = speech_result(next(iter(demo_corpus)), options)
    total = reduce_partials([speech_tally(english, 2022), speech_tally(chinese, 2023)], Tally.identity())
    assert list(total.table("frequency")) == list(total.table("terms")) == [2023]
    assert total.column("words") == {2022: english.words, 2023: chinese.words}
    assert Tally({"frequency": {2022: Counter()}}).merge(Tally.identity()) == Tally({"frequency": {}})


def test_speech_partials_reduce_to_the_year_totals(demo_corpus):
    options = AnalysisOptions()
    results = [speech_result(s, options) for s in demo_corpus]
    partials = [speech_tally(r, s.year) for s, r in zip(demo_corpus, results)]
    total = reduce_partials(partials, Tally.identity(), chunk=2)
    assert total == reduce_partials(partials[::-1], Tally.identity())
    by_year = total.table("frequency")
    for speech, result in zip(demo_corpus, results):
        assert by_year[speech.year] == dict(result.frequencies)  # one speech per year
    assert total.column("words") == {s.year: r.words for s, r in zip(demo_corpus, results)}
    # Pair counts over sentences: as counted directly from the units.
    terms = ["园区", "发展", "企业", "项目"]
    pairs = reduce_partials((pair_tally(r, terms) for r in results), Tally.identity(), chunk=3)
    counts = cooccurrence_from_tally(pairs, terms)
    assert counts.units == sum(len(r.sentences) for r in results)
    both = sum(
        1 for r in results for i in range(len(r.sentences)) if {"园区", "发展"} <= set(r.unit_words("sentence", i))
    )
    i, j = counts.vocabulary.index("发展"), counts.vocabulary.index("园区")
    assert both > 0 and counts.pairs[i, j] == counts.pairs[j, i] == both
