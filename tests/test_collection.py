"""Garbage collection paused over the per-speech work: restored after it, and safe because
the work leaves no reference cycle."""

from __future__ import annotations

import gc

import pytest

from speechkit.collection import collection_paused


@pytest.fixture
def collection_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_resumed_after(collection_on):
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # an inner block leaves the outer one paused
    assert gc.isenabled()


def test_resumed_after_an_error(collection_on):
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("inside")
    assert gc.isenabled()


def test_left_off_when_it_was_off(collection_on):
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def _unreachable_after(work) -> int:
    """Objects in reference cycles that ``work`` leaves behind (found by a collection after it)."""
    gc.collect()
    gc.disable()
    try:
        work()
        return gc.collect()
    finally:
        gc.enable()


def test_the_work_of_a_speech_leaves_no_reference_cycle(collection_on, real_corpus):
    """What pausing relies on: segmenting a real document and computing its result make no
    cycle, so nothing waits for the collector while it is paused."""
    from speechkit import AnalysisOptions
    from speechkit.pipeline.per_speech import speech_result

    options = AnalysisOptions()
    speeches = list(real_corpus)[:3]
    speech_result(speeches[0], options)  # what is loaded once per process
    for speech in speeches:
        speech.forget_derived()
        assert _unreachable_after(lambda: speech_result(speech, options)) == 0, speech.id


def test_kept_short_texts_are_not_walked_by_the_collector(collection_on, seed):
    """The kept words and tags of short texts are tuples of strings, which collections stop
    tracking (the columns at the first, the pair holding them at the next): ten thousand
    kept texts add nothing to each full collection."""
    from speechkit.segment import get_tokenizer

    tokenizer = get_tokenizer()
    clause = seed.text[100:160]
    tokenizer.tokenize(clause)
    kept = tokenizer._short_words_and_tags(clause)
    gc.collect()
    gc.collect()
    assert not gc.is_tracked(kept) and not any(map(gc.is_tracked, kept))
    assert "".join(kept[0]) == clause
