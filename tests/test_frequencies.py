"""Frequencies ordered by count (most first), ties by term."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.analysis.frequencies import ordered_counts

_COUNTS = st.dictionaries(st.text(max_size=4), st.integers(-3, 5) | st.floats(-3, 5, allow_nan=False), max_size=30)


@given(_COUNTS)
@example({"发展": 2, "经济": 2, "改革": 3, "b": 0.5, "a": 0.5, "": 2})
def test_ordered_counts_most_first_ties_by_term(counts):
    ordered = ordered_counts(counts)
    assert list(ordered.items()) == sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
