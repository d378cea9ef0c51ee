"""Results: the per-speech results of a corpus, the one input of every corpus table."""

import pytest

from speechkit import read_corpus
from speechkit.analysis.grouping import resolve_grouping, split_results
from speechkit.render.tables import write_speech_records
from speechkit.results import Results


@pytest.fixture(scope="module")
def demo_results(demo_corpus):
    return demo_corpus.results()


def test_results_are_what_analyze_writes(demo_results, demo_corpus, tmp_path):
    """Corpus.results() gives the results analyze writes to speeches.jsonl, byte for byte."""
    from speechkit.pipeline.run import analyze

    analyze(demo_corpus, tmp_path / "out")
    written = write_speech_records(demo_corpus, demo_results, tmp_path / "api.jsonl")
    assert written.read_bytes() == (tmp_path / "out" / "speeches.jsonl").read_bytes()


def test_results_follow_corpus_order_and_take_parts(demo_results, demo_corpus):
    assert len(demo_results) == len(demo_corpus)
    assert demo_results.ids == [s.id for s in demo_corpus]
    part = demo_results.take([2, 0])
    assert part.ids == [demo_corpus[2].id, demo_corpus[0].id]
    # Loaded from the cache when asked for: the same result, read again.
    assert part[0] == demo_results[2]
    assert demo_results[1:3].ids == demo_results.ids[1:3]
    assert list(demo_results.docvars()["id"]) == demo_results.ids


def test_results_refuse_a_count_unlike_the_corpus(demo_results, demo_corpus):
    with pytest.raises(ValueError, match="results for"):
        Results(demo_corpus, tuple(demo_results)[:-1])


def test_options_by_name_change_the_results(demo_corpus):
    """An option given by name reaches the per-speech work (fewer keywords kept)."""
    few = demo_corpus[:1].results(top_keywords=3, use_cache=False)
    assert all(len(keywords) <= 3 for keywords in few[0].keywords.values())
    assert any(len(keywords) > 3 for keywords in demo_corpus[:1].results(use_cache=False)[0].keywords.values())


def test_split_results_by_a_docvar(real_dir):
    corpus = read_corpus(real_dir)
    results = corpus.results()
    grouping = resolve_grouping(corpus, "org")
    parts = split_results(results, grouping)
    assert list(parts) == list(grouping.groups)
    assert sum(len(part) for part in parts.values()) == len(results)
    for label, part in parts.items():
        assert {s.meta.get("org") or "(none)" for s in part.speeches} == {label}
    assert split_results(results, resolve_grouping(corpus, None, pool=True)) == {None: results}


def test_merged_counts_are_made_once_per_results_and_variable(demo_results):
    """The tables of one Results share its merged counts; a part has its own."""
    from speechkit.analysis.aggregates import results_tally, speech_tally

    whole = results_tally(demo_results)
    assert results_tally(demo_results) is whole
    assert results_tally(demo_results, "speaker") is not whole
    part = demo_results.take([0, 1])
    assert results_tally(part).column("words") == {
        s.year: r.words for s, r in part.pairs()
    } == speech_tally(part[0], part.corpus[0].year).merge(speech_tally(part[1], part.corpus[1].year)).column("words")
    assert results_tally(demo_results).column("words")[part.corpus[0].year] == part[0].words


def test_a_large_corpus_streams_its_results_and_a_small_one_holds_them(demo_corpus, monkeypatch):
    """Above HELD_AT_MOST speeches the results are read from the cache, not held; both read alike."""
    from speechkit.pipeline import results as pipeline_results

    held = demo_corpus.results()
    assert not held.streamed
    monkeypatch.setattr(pipeline_results, "HELD_AT_MOST", len(demo_corpus) - 1)
    streamed = demo_corpus.results()
    assert streamed.streamed and list(streamed) == list(held)
    assert not demo_corpus.results(stream=False).streamed
    assert not demo_corpus.results(stream=True, use_cache=False).streamed  # nothing to stream from
