"""Shared counts without the diagonal: the same matrix, array for array, as the product's
two off-diagonal triangles added, on real speeches' TextRank windows and on any 0/1 matrix."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.sparse import csr_matrix, tril, triu

from speechkit.analysis.cooccurrence import shared_counts
from speechkit.analysis.keywords import _incidence, pagerank


def _plain(incidence):
    pairs = incidence.T @ incidence
    return (triu(pairs, k=1) + tril(pairs, k=-1)).tocsr()


def _assert_same(fast, plain) -> None:
    assert fast.shape == plain.shape and fast.dtype == plain.dtype
    assert fast.has_sorted_indices and plain.has_sorted_indices
    for name in ("indptr", "indices", "data"):
        a, b = getattr(fast, name), getattr(plain, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def test_textrank_windows_of_real_speeches(real_corpus):
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.analysis.terms import content_mask

    tokenizer = AnalysisOptions().tokenizer()
    for speech in list(real_corpus)[:8]:
        tokens = speech.tokens(tokenizer)
        words = [w for w, keep in zip(tokens.texts, content_mask(tokens)) if keep]
        terms = sorted(set(words))
        index = {term: i for i, term in enumerate(terms)}
        ids = np.array([index[w] for w in words], dtype=np.int64)
        incidence = _incidence(ids, np.array([len(ids)]), len(terms), 5)
        fast, plain = shared_counts(incidence), _plain(incidence)
        _assert_same(fast, plain)
        assert fast.nnz > 1000
        assert np.array_equal(pagerank(fast), pagerank(plain))  # the keyword scores, bit for bit


@given(st.lists(st.lists(st.integers(0, 7), max_size=6), max_size=12))
@example([])
@example([[0, 0, 1], [2]])
def test_any_incidence(rows):
    terms = 8
    data = [(r, t) for r, row in enumerate(rows) for t in sorted(set(row))]
    incidence = csr_matrix((np.ones(len(data), dtype=np.int64), ([r for r, _ in data], [t for _, t in data])),
                           shape=(len(rows), terms))
    _assert_same(shared_counts(incidence), _plain(incidence))
