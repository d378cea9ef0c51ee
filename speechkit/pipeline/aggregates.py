"""Mergeable partial aggregates: the reduce step of ``speechkit analyze``.

Each speech's result becomes a small partial (a :class:`Tally` of counts keyed by
tuples); partials merge associatively and commutatively, with the empty tally as
identity, so they reduce serially, in chunks or as a tree (on a cluster) to the same
totals. What is kept grows with the vocabulary, the groups and the slogans, never with
the text.

Keys of a speech's tally (``group`` is the value of the grouping variable, the year):

- ``("frequency", group, term)``: content-token occurrences (word clouds, comparison);
- ``("terms", group, term)``: content-term occurrences (TF-IDF keywords by group);
- ``("words", group)``: word tokens (the base of rates);
- ``("slogan", text, group)`` and ``("slogan_kind", text, kind)``: slogan occurrences.

Co-occurrence among a chosen vocabulary has its own tally (:func:`pair_tally`):
``("pair", a, b)``, ``("unit", a)`` and ``("units",)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from ..result import SpeechResult

A = TypeVar("A", bound="Aggregate")


class Aggregate(Protocol):
    """A partial result that merges with another of its kind (and may merge many at once
    with ``merge_all``, which :func:`reduce_partials` then uses)."""

    def merge(self: A, other: A) -> A: ...


@dataclass(frozen=True)
class Tally:
    """Counts keyed by tuples; merging adds them (zeros are kept)."""

    counts: Counter = field(default_factory=Counter)

    @classmethod
    def identity(cls) -> "Tally":
        return cls()

    def merge(self, other: "Tally") -> "Tally":
        return self.merge_all([other])

    def merge_all(self, others: Iterable["Tally"]) -> "Tally":
        """This tally merged with each of ``others`` in turn, in one new counter (merging
        them pairwise would copy the growing total once per partial)."""
        merged = Counter(self.counts)
        for other in others:
            merged.update(other.counts)
        return Tally(merged)

    @cached_property
    def _by_name(self) -> dict[Hashable, list[tuple[tuple, int]]]:
        """The counts grouped by the first part of their key (a merged tally is only read)."""
        grouped: dict[Hashable, list[tuple[tuple, int]]] = {}
        for key, count in self.counts.items():
            grouped.setdefault(key[0], []).append((key, count))
        return grouped

    def table(self, name: str) -> dict[Hashable, dict[Hashable, int]]:
        """The counts of ``(name, outer, inner)`` keys as ``{outer: {inner: count}}``,
        outer keys sorted (None last), inner keys by count (most first), then key."""
        nested: dict[Hashable, dict[Hashable, int]] = {}
        for key, count in self._by_name.get(name, ()):
            nested.setdefault(key[1], {})[key[2]] = count
        ordered = sorted(nested, key=lambda k: (k is None, k if k is not None else 0))
        return {k: dict(sorted(nested[k].items(), key=lambda kv: (-kv[1], kv[0]))) for k in ordered}

    def column(self, name: str) -> dict[Hashable, int]:
        """The counts of ``(name, key)`` keys as ``{key: count}``, keys sorted (None last)."""
        found = {key[1]: count for key, count in self._by_name.get(name, ()) if len(key) == 2}
        return {k: found[k] for k in sorted(found, key=lambda k: (k is None, k if k is not None else 0))}


def reduce_partials(partials: Iterable[A], identity: A, chunk: int | None = None) -> A:
    """Merge partials serially (``chunk`` None) or as a tree of ``chunk``-wide merges.

    Merging is associative and commutative, so every way gives the same total.
    """
    items = list(partials)
    if chunk is None:
        if hasattr(identity, "merge_all"):
            return identity.merge_all(items)
        total = identity
        for item in items:
            total = total.merge(item)
        return total
    if chunk < 2:
        raise ValueError("chunk must be at least 2")
    while len(items) > 1:
        items = [reduce_partials(items[i : i + chunk], identity) for i in range(0, len(items), chunk)]
    return items[0] if items else identity


def speech_tally(result: SpeechResult, group: Hashable) -> Tally:
    """The partial of one speech whose grouping variable (year) is ``group``."""
    counts: Counter = Counter()
    for term, count in result.frequencies:
        counts["frequency", group, term] = count
    for term, count in result.term_counts("paragraph").items():
        counts["terms", group, term] = count
    counts["words", group] = result.words
    # Slogans count by year only: a speech without one has no place on a timeline.
    for slogan in result.slogans if group is not None else ():
        counts["slogan", slogan.text, group] += slogan.count
        counts["slogan_kind", slogan.text, slogan.kind] += slogan.count
    return Tally(counts)


def pair_tally(result: SpeechResult, vocabulary: Sequence[str], kind: str = "sentence") -> Tally:
    """Co-occurrence of the terms of ``vocabulary`` over one speech's units of ``kind``:
    units holding each term, units holding each pair, and the number of units."""
    wanted = set(vocabulary)
    # The speech's term list is sorted and a unit's term indices ascend, so the terms
    # found come out in sorted order without sorting.
    chosen = {i: term for i, term in enumerate(result.terms) if term in wanted}
    units = result.units(kind)
    indptr, terms = units.indptr, units.terms
    counts: Counter = Counter()
    counts["units",] = len(units)
    for i in range(len(units)):
        present = [chosen[j] for j in terms[indptr[i] : indptr[i + 1]] if j in chosen]
        for a_index, a in enumerate(present):
            counts["unit", a] += 1
            for b in present[a_index + 1 :]:
                counts["pair", a, b] += 1
    return Tally(counts)


def cooccurrence_from_tally(tally: Tally, vocabulary: Sequence[str]):
    """The :class:`~speechkit.analysis.cooccurrence.Cooccurrence` counts of a merged pair tally."""
    import numpy as np
    from scipy.sparse import coo_matrix

    from ..analysis.cooccurrence import Cooccurrence

    vocab = sorted(set(vocabulary))
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols, data = [], [], []
    for key, count in sorted(tally.counts.items(), key=lambda kv: kv[0][1:]):
        if key[0] == "pair" and count:
            i, j = index[key[1]], index[key[2]]
            rows += [i, j]
            cols += [j, i]
            data += [count, count]
    pairs = coo_matrix((np.array(data, dtype=np.int64), (rows, cols)), shape=(len(vocab), len(vocab))).tocsr()
    frequency = np.array([tally.counts.get(("unit", w), 0) for w in vocab], dtype=np.int64)
    return Cooccurrence(vocab, frequency, pairs, tally.counts.get(("units",), 0))
