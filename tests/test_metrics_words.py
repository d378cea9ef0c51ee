"""The words of names and phrases kept by the metrics' structure rules are those of segmenting anew."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from speechkit.extract.metrics.structure import _words_and_tags, strip_between
from speechkit.extract.metrics.words import tag_words


@given(start=st.integers(min_value=0), length=st.integers(min_value=0, max_value=30))
def test_kept_words_of_a_phrase_are_those_of_segmenting_it_anew(seed, start, length):
    start %= len(seed.text)
    phrase = seed.text[start : start + length]
    tokens = tag_words(phrase)
    assert _words_and_tags(phrase) == _words_and_tags.__wrapped__(phrase) == (tuple(tokens.texts), tuple(tokens.tags))


def test_a_rule_that_cuts_words_off_leaves_the_kept_words_whole():
    phrase = "共签约引进"
    kept = _words_and_tags(phrase)
    assert strip_between(phrase) == strip_between(phrase) == "签约引进"
    assert _words_and_tags(phrase) == kept and "".join(kept[0]) == phrase
