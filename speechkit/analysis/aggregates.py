"""Mergeable partial aggregates: the reduce step of ``speechkit analyze``.

Each speech's result becomes a small partial (a :class:`Tally` of nested counts);
partials merge associatively and commutatively, with the empty tally as identity, so
they reduce serially, in chunks or as a tree (on a cluster) to the same totals. What
is kept grows with the vocabulary, the groups and the slogans, never with the text.

A tally holds tables of counts by name, each ``{outer: Counter({inner: count})}``.
The tables of a speech's tally (``group`` is the value of the grouping variable, the year):

- ``frequency``: ``{group: {term: n}}``, content-token occurrences (word clouds, comparison);
- ``terms``: ``{group: {term: n}}``, content-term occurrences (TF-IDF keywords by group);
- ``words``: a column ``{group: n}`` of word tokens (the base of rates);
- ``characters``: a column ``{group: n}`` of characters (the base of the slogans' rates);
- ``slogan``: ``{text: {group: n}}`` and ``slogan_kind``: ``{text: {kind: n}}``.

A column is a table with the one outer key None. Co-occurrence among a chosen vocabulary
has its own tally (:func:`pair_tally`): the table ``pair`` ``{a: {b: n}}`` and the columns
``unit`` ``{a: n}`` and ``units`` ``{None: n}``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from ..result import SpeechResult
    from ..results import Results

A = TypeVar("A", bound="Aggregate")
# Results merged per partial before the partials are merged as a tree.
REDUCE_CHUNK = 64
# The tables of a tally: name -> outer key -> inner key -> count.
Tables = dict[str, dict[Hashable, Counter]]


class Aggregate(Protocol):
    """A partial result that merges with another of its kind (and may merge many at once
    with ``merge_all``, which :func:`reduce_partials` then uses)."""

    def merge(self: A, other: A) -> A: ...


@dataclass(frozen=True)
class Tally:
    """Counts in tables by name, ``{outer: Counter({inner: count})}``; merging adds them
    (zeros are kept). Nested counts, not tuple keys: a corpus tally holds millions."""

    tables: Tables = field(default_factory=dict)

    @classmethod
    def identity(cls) -> "Tally":
        return cls()

    def merge(self, other: "Tally") -> "Tally":
        return self.merge_all([other])

    def merge_all(self, others: Iterable["Tally"]) -> "Tally":
        """This tally merged with each of ``others`` in turn, into new counters (merging
        them pairwise would copy the growing total once per partial)."""
        merged: Tables = {}
        for tally in chain([self], others):
            for name, by_outer in tally.tables.items():
                target = merged.setdefault(name, {})
                for outer, counts in by_outer.items():
                    if not counts:
                        continue  # no counts, no key: as if the partial had not named it
                    mine = target.get(outer)
                    if mine is None:
                        target[outer] = Counter(counts)
                    else:
                        mine.update(counts)
        return Tally(merged)

    def table(self, name: str) -> dict[Hashable, dict[Hashable, int]]:
        """The table ``name`` as ``{outer: {inner: count}}``, outer keys sorted (None
        last), inner keys by count (most first), then key."""
        nested = self.tables.get(name, {})
        return {k: dict(sorted(nested[k].items(), key=lambda kv: (-kv[1], kv[0]))) for k in _sorted_keys(nested)}

    def column(self, name: str) -> dict[Hashable, int]:
        """The column ``name`` as ``{key: count}``, keys sorted (None last)."""
        found = self.tables.get(name, {}).get(None, {})
        return {k: found[k] for k in _sorted_keys(found)}


def column(counts: dict[Hashable, int]) -> dict[Hashable, Counter]:
    """The table of a column: its counts under the one outer key None."""
    return {None: Counter(counts)}


def _sorted_keys(mapping) -> list:
    return sorted(mapping, key=lambda k: (k is None, k if k is not None else 0))


def reduce_partials(partials: Iterable[A], identity: A, chunk: int | None = None) -> A:
    """Merge partials serially (``chunk`` None) or as a tree of ``chunk``-wide merges.

    Merging is associative and commutative, so every way gives the same total. The tree
    is built as the partials come: ``chunk`` partials of one level merge into one of the
    next as soon as they are there, so at most ``chunk - 1`` wait on each level and a
    generator of partials is never held whole.
    """
    if chunk is None:
        if hasattr(identity, "merge_all"):
            return identity.merge_all(partials)
        total = identity
        for item in partials:
            total = total.merge(item)
        return total
    if chunk < 2:
        raise ValueError("chunk must be at least 2")
    levels: list[list[A]] = []  # levels[k]: merges of chunk**k partials each, waiting for their siblings
    for item in partials:
        depth = 0
        while True:
            if depth == len(levels):
                levels.append([])
            levels[depth].append(item)
            if len(levels[depth]) < chunk:
                break
            item, levels[depth] = reduce_partials(levels[depth], identity), []
            depth += 1
    # What waits on each level, from the lowest: merged into the level above.
    carried: list[A] = []
    for waiting in levels:
        carried = [reduce_partials(carried + waiting, identity)] if carried or waiting else []
    return carried[0] if carried else identity


def speech_tally(result: SpeechResult, group: Hashable) -> Tally:
    """The partial of one speech whose grouping variable (year) is ``group``."""
    tables: Tables = {
        # A speech without content terms adds no key: its year is not a year of any term.
        "frequency": {group: Counter(dict(result.frequencies))} if result.frequencies else {},
        "terms": {group: Counter(terms)} if (terms := result.term_counts("paragraph")) else {},
        "words": column({group: result.words}),
        "characters": column({group: result.characters}),
    }
    # Slogans count by year only: a speech without one has no place on a timeline.
    if group is not None and result.slogans:
        by_year: dict[Hashable, Counter] = {}
        by_kind: dict[Hashable, Counter] = {}
        for slogan in result.slogans:
            by_year.setdefault(slogan.text, Counter())[group] += slogan.count
            by_kind.setdefault(slogan.text, Counter())[slogan.kind] += slogan.count
        tables["slogan"], tables["slogan_kind"] = by_year, by_kind
    return Tally(tables)


def results_tally(results: Results, by: str = "year") -> Tally:
    """The merged partials of ``results`` (:func:`speech_tally` of each speech, its group
    the value of ``by``), made once per results and variable.

    Parameters
    ----------
    results : Results
    by : str
        The variable the counts are grouped by (``year``, ``speaker``, a manifest column).

    Returns
    -------
    Tally
    """
    from ..corpus import group_key

    def merged() -> Tally:
        partials = (speech_tally(result, group_key(speech, by)) for speech, result in results.pairs())
        return reduce_partials(partials, Tally.identity(), chunk=REDUCE_CHUNK)

    return results.memo(("tally", by), merged)


def document_frequency(results: Results) -> dict[str, int]:
    """The number of speeches of ``results`` holding each content term, terms sorted; made
    once per results (from the partials of the map when it merged them).

    Parameters
    ----------
    results : Results

    Returns
    -------
    dict of str to int
    """

    def merged() -> Tally:
        partials = (Tally({"documents": column(dict.fromkeys(result.term_counts(), 1))}) for result in results)
        return reduce_partials(partials, Tally.identity(), chunk=REDUCE_CHUNK)

    found = results.memo(("document_frequency",), merged).tables.get("documents", {}).get(None, {})
    return {term: found[term] for term in sorted(found)}


def pair_tally(result: SpeechResult, vocabulary: Sequence[str], kind: str = "sentence") -> Tally:
    """Co-occurrence of the terms of ``vocabulary`` over one speech's units of ``kind``:
    units holding each term, units holding each pair, and the number of units."""
    wanted = set(vocabulary)
    # The speech's term list is sorted and a unit's term indices ascend, so the terms
    # found come out in sorted order without sorting.
    chosen = {i: term for i, term in enumerate(result.terms) if term in wanted}
    units = result.units(kind)
    indptr, terms = units.indptr, units.terms
    pairs: dict[Hashable, Counter] = {}
    holding: Counter = Counter()
    for i in range(len(units)):
        present = [chosen[j] for j in terms[indptr[i] : indptr[i + 1]] if j in chosen]
        holding.update(present)
        for a_index, a in enumerate(present[:-1]):
            pairs.setdefault(a, Counter()).update(present[a_index + 1 :])
    return Tally({"pair": pairs, "unit": {None: holding}, "units": column({None: len(units)})})


def cooccurrence_from_tally(tally: Tally, vocabulary: Sequence[str]):
    """The :class:`~speechkit.analysis.cooccurrence.Cooccurrence` counts of a merged pair tally."""
    import numpy as np
    from scipy.sparse import coo_matrix

    from .cooccurrence import Cooccurrence

    vocab = sorted(set(vocabulary))
    index = {w: i for i, w in enumerate(vocab)}
    rows, cols, data = [], [], []
    for a, partners in tally.table("pair").items():
        for b, count in sorted(partners.items()):
            if count:
                i, j = index[a], index[b]
                rows += [i, j]
                cols += [j, i]
                data += [count, count]
    pairs = coo_matrix((np.array(data, dtype=np.int64), (rows, cols)), shape=(len(vocab), len(vocab))).tocsr()
    holding = tally.column("unit")
    frequency = np.array([holding.get(w, 0) for w in vocab], dtype=np.int64)
    return Cooccurrence(vocab, frequency, pairs, tally.column("units").get(None, 0))


@dataclass(frozen=True)
class KeyedTallies:
    """Tallies by key (such as the keys of :meth:`~speechkit.results.Results.memo`),
    merged key by key: the partial of a partition of results that the corpus tables share."""

    tallies: dict[Hashable, Tally] = field(default_factory=dict)

    @classmethod
    def identity(cls) -> "KeyedTallies":
        return cls()

    def merge(self, other: "KeyedTallies") -> "KeyedTallies":
        return self.merge_all([other])

    def merge_all(self, others: Iterable["KeyedTallies"]) -> "KeyedTallies":
        """This partial merged with each of ``others``, each tally with those of its key."""
        by_key: dict[Hashable, list[Tally]] = {}
        for partial in chain([self], others):
            for key, tally in partial.tallies.items():
                by_key.setdefault(key, []).append(tally)
        return KeyedTallies({key: Tally.identity().merge_all(tallies) for key, tallies in by_key.items()})
