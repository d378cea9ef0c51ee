"""Mergeable partials: merging is associative and commutative; any reduction gives the same totals."""

from __future__ import annotations

import pickle
import sys
from collections import Counter

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.analysis.aggregates import (
    KeyedTallies,
    Tally,
    document_frequency,
    reduce_partials,
    speech_tally,
)
from speechkit.analysis.cooccurrence import Cooccurrence, count_cooccurrence, unit_cooccurrence
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.per_speech import speech_result

counts = st.dictionaries(st.sampled_from(["发展", "改革", "安全", None]), st.integers(0, 50), min_size=1, max_size=3)
tables = st.dictionaries(st.sampled_from([2021, 2022, None]), counts.map(Counter), min_size=1, max_size=3)
tallies = st.dictionaries(st.sampled_from(["frequency", "words", "slogan"]), tables, max_size=3).map(Tally.of)


def keys(tally: Tally) -> set[tuple]:
    """Every (name, outer, inner) of a tally."""
    return {(name, outer, inner) for name, table in tally.tables.items() for outer, inner, _ in table.pairs()}
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True)


@SETTINGS
@given(tallies, tallies, tallies)
def test_merge_is_associative(a, b, c):
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@SETTINGS
@given(tallies, tallies)
@example(Tally.of({"words": {2021: Counter({"发展": 0})}}), Tally())
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
@example([KeyedTallies({("tally", "year"): Tally.of({"words": {None: Counter({2021: 0})}})})], 2, [], None)
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
            yield Tally.of({"words": {None: Counter({i % 7: 1})}})

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
    assert Tally.of({"frequency": {2022: Counter()}}).merge(Tally.identity()) == Tally.identity()


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
    counts = reduce_partials((unit_cooccurrence(r, terms) for r in results), Cooccurrence.empty(terms), chunk=3)
    assert counts.units == sum(len(r.sentences) for r in results)
    both = sum(
        1 for r in results for i in range(len(r.sentences)) if {"园区", "发展"} <= set(r.unit_words("sentence", i))
    )
    i, j = counts.vocabulary.index("发展"), counts.vocabulary.index("园区")
    assert both > 0 and counts.pairs[i, j] == counts.pairs[j, i] == both


def summed(nested_tallies: list[dict]) -> dict:
    """The nested counts ``{name: {outer: Counter}}`` of ``nested_tallies`` added up (the
    tallies as plain counters: what the packed tables must give)."""
    total: dict = {}
    for nested in nested_tallies:
        for name, table in nested.items():
            for outer, counts in table.items():
                if counts:
                    total.setdefault(name, {}).setdefault(outer, Counter()).update(counts)
    return total


def none_last(key) -> tuple:
    return (key is None, key if key is not None else 0)


@SETTINGS
@given(st.lists(st.dictionaries(st.sampled_from(["frequency", "words", "slogan"]), tables, max_size=3), max_size=8),
       st.integers(2, 4))
@example([{"words": {2021: Counter({"发展": 0})}}, {"words": {2021: Counter({"改革": 2}), None: Counter({None: 1})}}], 2)
def test_merged_tables_are_the_sums_of_their_counts_in_the_tables_order(nested_tallies, chunk):
    total = reduce_partials(map(Tally.of, nested_tallies), Tally.identity(), chunk=chunk)
    expected = summed(nested_tallies)
    # As a worker ships it (its arrays narrowed) and the main process gets it (its words interned).
    shipped = pickle.loads(pickle.dumps(total))
    assert shipped == total and all(sys.intern(key) is key for table in shipped.tables.values() for key in table.inner
                                    if isinstance(key, str))
    assert set(total.tables) == set(expected)
    for name, table in expected.items():
        by_count = {outer: sorted(table[outer].items(), key=lambda kv: (-kv[1], none_last(kv[0])))
                    for outer in sorted(table, key=none_last)}
        assert [(outer, list(counts.items())) for outer, counts in total.table(name).items()] == list(by_count.items())
        if None in table:
            assert list(total.column(name).items()) == sorted(table[None].items(), key=lambda kv: none_last(kv[0]))


@pytest.fixture(scope="module")
def real_results(real_corpus):
    """The results of four real reports (computed here, the user's cache untouched)."""
    return real_corpus[:4].results(use_cache=False)


def test_speech_tallies_count_what_the_results_count(real_results):
    speeches = list(real_results.corpus)
    total = reduce_partials((speech_tally(r, s.year) for s, r in real_results.pairs()), Tally.identity(), chunk=3)
    plain = summed([{"frequency": {s.year: Counter(dict(r.frequencies))}, "terms": {s.year: Counter(r.term_counts())},
                     "words": {None: Counter({s.year: r.words})}, "slogan": {slogan.text: Counter({s.year: slogan.count})
                                                                             for slogan in r.slogans}}
                    for s, r in zip(speeches, real_results)])
    for name in ("frequency", "terms", "words", "slogan"):
        assert {outer: dict(counts) for outer, counts in total.table(name).items()} == plain[name], name
    assert document_frequency(real_results) == dict(sorted(Counter(t for r in real_results for t in r.term_counts()).items()))


def test_merged_cooccurrence_counts_the_units_holding_each_pair(real_results):
    # Every pair among 40 frequent terms, as counted unit by unit from the results' sentences.
    frequent = Counter()
    for result in real_results:
        frequent.update(result.term_counts())
    terms = [term for term, _ in frequent.most_common(40)]
    partials = [unit_cooccurrence(r, terms) for r in real_results]
    counts = reduce_partials(partials, Cooccurrence.empty(terms), chunk=3)
    assert_same_counts(counts, reduce_partials(partials[::-1], Cooccurrence.empty(terms)))
    sentences = [r.unit_words("sentence", i) for r in real_results for i in range(len(r.sentences))]
    assert_same_counts(counts, count_cooccurrence(sentences, terms))
    expected, holding = Counter(), Counter()
    for result in real_results:
        for i in range(len(result.sentences)):
            present = sorted(set(result.unit_words("sentence", i)) & set(terms))
            holding.update(present)
            expected.update((a, b) for n, a in enumerate(present) for b in present[n + 1 :])
    index = {term: i for i, term in enumerate(counts.vocabulary)}
    found = {(a, b): int(counts.pairs[index[a], index[b]]) for a in terms for b in terms if a < b}
    assert found == {pair: expected[pair] for pair in found} and sum(expected.values()) > 100
    assert (counts.pairs != counts.pairs.T).nnz == 0 and counts.pairs.diagonal().sum() == 0
    assert dict(zip(counts.vocabulary, counts.unit_frequency.tolist())) == {term: holding[term] for term in counts.vocabulary}
    assert counts.units == sum(len(r.sentences) for r in real_results)


def assert_same_counts(a: Cooccurrence, b: Cooccurrence) -> None:
    assert a.vocabulary == b.vocabulary and a.units == b.units
    assert a.unit_frequency.tolist() == b.unit_frequency.tolist() and (a.pairs != b.pairs).nnz == 0


def test_cooccurrence_of_other_vocabularies_does_not_merge(real_results):
    result = real_results[0]
    with pytest.raises(ValueError, match="different vocabularies"):
        unit_cooccurrence(result, ["发展", "改革"]).merge(unit_cooccurrence(result, ["发展"]))
