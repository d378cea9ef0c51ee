"""Co-occurrence counts and association measures (as KH Coder offers them).

Co-occurrence is counted over *context units*: sentences, paragraphs, or sliding
windows of consecutive content terms. For terms ``a`` and ``b`` over ``N`` units, with
``n_a`` and ``n_b`` the numbers of units containing each and ``n_ab`` the number
containing both:

- Jaccard ``n_ab / (n_a + n_b - n_ab)``
- Dice ``2 n_ab / (n_a + n_b)``
- cosine ``n_ab / sqrt(n_a n_b)``
- PMI ``log2(N n_ab / (n_a n_b))``
- NPMI ``PMI / -log2(n_ab / N)`` (Bouma 2009), from -1 to 1: 1 when the two terms only
  ever occur together, 0 when independent; unlike PMI it does not favour rare pairs

Counting is a sparse incidence matrix product, so it stays fast on large corpora.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MEASURES = ("jaccard", "dice", "cosine", "pmi", "npmi")
CONTEXTS = ("sentence", "paragraph", "window")


def window_units(words: Sequence[str], window: int) -> list[list[str]]:
    """Sliding windows of ``window`` consecutive terms (one unit if shorter).

    A pair ``d`` positions apart shares ``window - d`` windows, so near neighbours
    weigh more than distant ones.
    """
    if window < 2:
        raise ValueError("window must be at least 2")
    if len(words) <= window:
        return [list(words)] if words else []
    return [list(words[i : i + window]) for i in range(len(words) - window + 1)]


@dataclass(frozen=True)
class Cooccurrence:
    """Unit frequencies and pair counts of a vocabulary over a set of units.

    Attributes
    ----------
    vocabulary : list of str
        The terms, sorted; index ``i`` of the arrays refers to ``vocabulary[i]``.
    unit_frequency : numpy.ndarray
        Number of units containing each term.
    pairs : scipy.sparse.csr_matrix
        Symmetric; ``pairs[i, j]`` is the number of units containing both terms
        (diagonal zeroed).
    units : int
        Number of units ``N``.
    """

    vocabulary: list[str]
    unit_frequency: object
    pairs: object
    units: int

    def iter_pairs(self, min_count: int = 1):
        """Yield ``(i, j, count)`` with ``i < j`` and ``count >= min_count``, sorted."""
        import numpy as np

        upper = self.pairs.tocoo()
        keep = (upper.row < upper.col) & (upper.data >= min_count)
        rows, cols, data = upper.row[keep], upper.col[keep], upper.data[keep]
        order = np.lexsort((cols, rows))
        yield from zip(rows[order].tolist(), cols[order].tolist(), data[order].tolist())


def count_cooccurrence(units: Sequence[Sequence[str]], vocabulary: Sequence[str] | None = None) -> Cooccurrence:
    """Count in how many units each term, and each pair of terms, occurs.

    Parameters
    ----------
    units : sequence of sequences of str
        The terms of each context unit (repeats inside a unit count once).
    vocabulary : sequence of str, optional
        Restrict counting to these terms (default: every term seen).
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab = sorted(set(vocabulary) if vocabulary is not None else {w for unit in units for w in unit})
    index = {w: i for i, w in enumerate(vocab)}
    indptr, indices = [0], []
    for unit in units:
        indices.extend(sorted({index[w] for w in unit if w in index}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int64)
    matrix = csr_matrix((data, indices, indptr), shape=(len(units), len(vocab)))
    pairs = (matrix.T @ matrix).tocsr()
    pairs.setdiag(0)
    pairs.eliminate_zeros()
    frequency = np.asarray(matrix.sum(axis=0)).ravel()
    return Cooccurrence(vocab, frequency, pairs, len(units))


def association(measure: str, n_ab: int, n_a: int, n_b: int, n: int) -> float:
    """The association of two terms from their unit counts (see the module docstring)."""
    if measure == "jaccard":
        return n_ab / (n_a + n_b - n_ab)
    if measure == "dice":
        return 2 * n_ab / (n_a + n_b)
    if measure == "cosine":
        return n_ab / math.sqrt(n_a * n_b)
    if measure == "pmi":
        return math.log2(n * n_ab / (n_a * n_b))
    if measure == "npmi":
        # A pair in every unit is as associated as it can be; -log2(1) would divide by zero.
        return 1.0 if n_ab == n else math.log2(n * n_ab / (n_a * n_b)) / -math.log2(n_ab / n)
    raise ValueError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
