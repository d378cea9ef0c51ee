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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..result import SpeechResult

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


def shared_counts(incidence):
    """The terms × terms counts of the rows two terms share in ``incidence`` (a sparse rows ×
    terms matrix of ones), without the diagonal and without stored zeros, as CSR with sorted
    indices.

    The diagonal is left out by keeping the other entries of the product's arrays, not by
    setting it to zero (setting entries a sparse matrix does not store changes its structure),
    nor by adding its two triangles (four conversions: a third of a speech's TextRank)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    pairs = (incidence.T @ incidence).tocsr()
    pairs.sort_indices()
    size = pairs.shape[0]
    rows = np.repeat(np.arange(size, dtype=pairs.indices.dtype), np.diff(pairs.indptr))
    off_diagonal = pairs.indices != rows
    indptr = np.zeros(size + 1, dtype=pairs.indptr.dtype)
    np.cumsum(np.bincount(rows[off_diagonal], minlength=size), out=indptr[1:])
    return csr_matrix((pairs.data[off_diagonal], pairs.indices[off_diagonal], indptr), shape=pairs.shape)


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

    @classmethod
    def of_incidence(cls, vocabulary: Sequence[str], incidence) -> "Cooccurrence":
        """The counts of an incidence matrix: a row of ones per unit, a column per term of
        ``vocabulary`` (sorted, distinct)."""
        import numpy as np

        pairs = shared_counts(incidence)
        return cls(list(vocabulary), np.asarray(incidence.sum(axis=0)).ravel(), pairs, incidence.shape[0])

    @classmethod
    def empty(cls, vocabulary: Sequence[str]) -> "Cooccurrence":
        """The counts of no unit (what merging adds to: the identity of :meth:`merge`)."""
        from scipy.sparse import csr_matrix

        vocab = sorted(set(vocabulary))
        return cls.of_incidence(vocab, csr_matrix((0, len(vocab)), dtype="int64"))

    def merge(self, other: "Cooccurrence") -> "Cooccurrence":
        return self.merge_all([other])

    def merge_all(self, others: Iterable["Cooccurrence"]) -> "Cooccurrence":
        """These counts and those of ``others`` (over the same vocabulary) added up: the
        units of several speeches, say, each counted apart. Each pair matrix is read once."""
        import numpy as np
        from scipy.sparse import coo_matrix

        every = [self, *others]
        if any(other.vocabulary != self.vocabulary for other in every):
            raise ValueError("co-occurrence counts over different vocabularies cannot be merged")
        pairs = [counts.pairs.tocoo() for counts in every]
        summed = coo_matrix((np.concatenate([p.data for p in pairs]),
                             (np.concatenate([p.row for p in pairs]), np.concatenate([p.col for p in pairs]))),
                            shape=self.pairs.shape).tocsr()
        return Cooccurrence(self.vocabulary, sum(counts.unit_frequency for counts in every), summed,
                            sum(counts.units for counts in every))


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
    return Cooccurrence.of_incidence(vocab, csr_matrix((data, indices, indptr), shape=(len(units), len(vocab))))


def unit_cooccurrence(result: SpeechResult, vocabulary: Sequence[str], kind: str = "sentence") -> Cooccurrence:
    """:func:`count_cooccurrence` of the terms of ``vocabulary`` over one speech's units of
    ``kind`` (``sentence``, ``paragraph``, ``section``), from its term units (no text read):
    the partial of a corpus's counts, which :meth:`Cooccurrence.merge_all` adds up.

    Parameters
    ----------
    result : SpeechResult
    vocabulary : sequence of str
        The terms counted.
    kind : {"sentence", "paragraph", "section"}

    Returns
    -------
    Cooccurrence
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    vocab = sorted(set(vocabulary))
    index = {term: i for i, term in enumerate(vocab)}
    units = result.units(kind)
    # The vocabulary index of each of the speech's terms (-1: not counted); a unit's terms are distinct.
    chosen = np.fromiter((index.get(term, -1) for term in result.terms), dtype=np.int64, count=len(result.terms))
    found = chosen[np.frombuffer(units.terms, dtype=np.intc)]
    unit = np.repeat(np.arange(len(units)), np.diff(np.frombuffer(units.indptr, dtype=np.intc)))
    kept = found >= 0
    incidence = csr_matrix((np.ones(int(kept.sum()), dtype=np.int64), (unit[kept], found[kept])), shape=(len(units), len(vocab)))
    return Cooccurrence.of_incidence(vocab, incidence)


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
