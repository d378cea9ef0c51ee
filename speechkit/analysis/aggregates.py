"""Mergeable partial aggregates: the reduce step of ``speechkit analyze``.

Each speech's result becomes a small partial (a :class:`Tally` of count tables);
partials merge associatively and commutatively, with the empty tally as identity, so
they reduce serially, in chunks or as a tree (on a cluster) to the same totals. What
is kept grows with the vocabulary, the groups and the slogans, never with the text.

A tally holds tables of counts by name, each counting pairs ``(outer, inner)`` of keys
(:class:`CountTable`: its keys sorted once, the counts as packed arrays of key indices and
counts, not a dict per key). The tables of a speech's tally (``group`` is the value of the
grouping variable, the year):

- ``frequency``: ``{group: {term: n}}``, content-token occurrences (word clouds, comparison);
- ``terms``: ``{group: {term: n}}``, content-term occurrences (TF-IDF keywords by group);
- ``words``: a column ``{group: n}`` of word tokens (the base of rates);
- ``characters``: a column ``{group: n}`` of characters (the base of the slogans' rates);
- ``slogan``: ``{text: {group: n}}`` and ``slogan_kind``: ``{text: {kind: n}}``.

A column is a table with the one outer key None. Co-occurrence among a chosen vocabulary
merges as sparse matrices over that vocabulary (:class:`~speechkit.analysis.cooccurrence.Cooccurrence`,
one per speech from :func:`~speechkit.analysis.cooccurrence.unit_cooccurrence`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from sys import intern
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    import numpy as np

    from ..result import SpeechResult
    from ..results import Results
    from .speech_tables import Chunk

A = TypeVar("A", bound="Aggregate")
# Results merged per partial before the partials are merged as a tree.
REDUCE_CHUNK = 64


class Aggregate(Protocol):
    """A partial result that merges with another of its kind (and may merge many at once
    with ``merge_all``, which :func:`reduce_partials` then uses)."""

    def merge(self: A, other: A) -> A: ...


def _sorted_keys(keys: Iterable[Hashable]) -> tuple:
    """The distinct ``keys``, sorted, None last."""
    distinct = set(keys)
    last = (None,) if None in distinct else ()
    distinct.discard(None)
    return tuple(sorted(distinct)) + last


def _union(sorted_keys: Iterable[tuple]) -> tuple:
    """The keys of tuples of sorted keys (None last) together, sorted, None last: each
    tuple is a sorted run, which the sort only has to merge."""
    runs, last = [], ()
    for keys in sorted_keys:
        if keys and keys[-1] is None:
            keys, last = keys[:-1], (None,)
        runs.append(keys)
    return tuple(dict.fromkeys(sorted(chain.from_iterable(runs)))) + last


@dataclass(frozen=True, eq=False)
class CountTable:
    """Counts of pairs of keys ``(outer, inner)``, sparse over the table's own keys.

    Outer key ``outer[r]`` counts ``counts[k]`` of inner key ``inner[cols[k]]`` for
    ``k`` in ``indptr[r]:indptr[r + 1]`` (the CSR layout), inner indices ascending. Every
    key has a count (a zero count is kept: it says the key was met), and no pair is
    counted twice. A corpus's terms by year are hundreds of thousands of counts: in packed
    arrays each takes 12 bytes (fewer when pickled), a fraction of a dict entry and its int.

    Attributes
    ----------
    outer, inner : tuple
        The distinct keys, sorted (None last).
    indptr : numpy.ndarray
        ``len(outer) + 1`` offsets of each outer key's counts.
    cols : numpy.ndarray
        The inner index of each count (int32).
    counts : numpy.ndarray
        The counts (int64).
    """

    outer: tuple
    inner: tuple
    indptr: np.ndarray
    cols: np.ndarray
    counts: np.ndarray

    @classmethod
    def of(cls, nested: Mapping[Hashable, Mapping[Hashable, int]]) -> CountTable | None:
        """The table of nested counts ``{outer: {inner: count}}`` (None: no count)."""
        import numpy as np

        pairs = [(outer, inner, count) for outer, counts in nested.items() for inner, count in counts.items()]
        if not pairs:
            return None
        outer_keys, inner_keys, counts = zip(*pairs)
        outer, inner = _sorted_keys(outer_keys), _sorted_keys(inner_keys)
        return cls.from_pairs(outer, inner, _indices(_positions(outer), outer_keys),
                              _indices(_positions(inner), inner_keys), np.array(counts, dtype=np.int64))

    @classmethod
    def row(cls, outer: Hashable, inner: Sequence[Hashable], counts: Sequence[int]) -> CountTable | None:
        """The table of one outer key counting each of ``inner`` (distinct keys, sorted,
        None last) ``counts`` times (None: no key)."""
        import numpy as np

        if not len(inner):
            return None
        return cls((outer,), tuple(inner), np.array([0, len(inner)], dtype=np.int64), np.arange(len(inner), dtype=np.int32),
                   np.asarray(counts, dtype=np.int64))

    @classmethod
    def from_pairs(cls, outer: tuple, inner: tuple, rows: np.ndarray, cols: np.ndarray, counts: np.ndarray
                   ) -> CountTable | None:
        """The table counting ``counts[k]`` of the pair ``(outer[rows[k]], inner[cols[k]])``
        (keys sorted; a pair given more than once counted once with the sum; the keys
        without a count left out). None: no count."""
        import numpy as np

        if not len(counts):
            return None
        flat = rows.astype(np.int64) * len(inner) + cols
        # Stable: merged tables arrive as sorted runs, which the sort then only interleaves.
        order = np.argsort(flat, kind="stable")
        flat = flat[order]
        starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))
        summed = np.add.reduceat(counts[order].astype(np.int64, copy=False), starts)
        rows, cols = np.divmod(flat[starts], len(inner))
        outer, rows = _used(outer, rows)
        inner, cols = _used(inner, cols)
        indptr = np.searchsorted(rows, np.arange(len(outer) + 1))
        return cls(outer, inner, indptr.astype(np.int64), cols.astype(np.int32), summed)

    @classmethod
    def merged(cls, tables: Sequence[CountTable]) -> CountTable:
        """The sum of ``tables`` (at least one), over the union of their keys."""
        import numpy as np

        if len(tables) == 1:
            return tables[0]
        outer, inner = _union(t.outer for t in tables), _union(t.inner for t in tables)
        outer_position, inner_position = _positions(outer), _positions(inner)
        rows = [_indices(outer_position, t.outer)[np.repeat(np.arange(len(t.outer)), np.diff(t.indptr))] for t in tables]
        cols = [_indices(inner_position, t.inner)[t.cols] for t in tables]
        return cls.from_pairs(outer, inner, np.concatenate(rows), np.concatenate(cols),
                              np.concatenate([t.counts for t in tables]))

    def nested(self) -> dict[Hashable, dict[Hashable, int]]:
        """The counts as ``{outer: {inner: count}}``, outer keys sorted (None last), inner
        keys by count (most first), then key."""
        import numpy as np

        found = {}
        for r, key in enumerate(self.outer):
            lo, hi = int(self.indptr[r]), int(self.indptr[r + 1])
            cols, counts = self.cols[lo:hi], self.counts[lo:hi]
            order = np.lexsort((cols, -counts))  # count descending, then key (the index order)
            found[key] = dict(zip(map(self.inner.__getitem__, cols[order].tolist()), counts[order].tolist()))
        return found

    def pairs(self) -> Iterable[tuple[Hashable, Hashable, int]]:
        """Each ``(outer, inner, count)``, by outer key, then inner key."""
        import numpy as np

        rows = np.repeat(np.arange(len(self.outer)), np.diff(self.indptr)).tolist()
        return zip(map(self.outer.__getitem__, rows), map(self.inner.__getitem__, self.cols.tolist()), self.counts.tolist())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CountTable):
            return NotImplemented
        return (self.outer == other.outer and self.inner == other.inner and self.indptr.tolist() == other.indptr.tolist()
                and self.cols.tolist() == other.cols.tolist() and self.counts.tolist() == other.counts.tolist())

    __hash__ = None  # type: ignore[assignment]

    def __getstate__(self) -> dict:
        # Shipped from a worker small: each array in the narrowest integer type that holds it.
        return {**self.__dict__, **{name: _narrowed(getattr(self, name)) for name in _ARRAYS}}

    def __setstate__(self, state: dict) -> None:
        # Words arrive as new strings: interned, the tables of this process share one copy of
        # each (with its results, whose words are interned too).
        keys = {name: tuple(intern(key) if type(key) is str else key for key in state[name]) for name in ("outer", "inner")}
        arrays = {name: state[name].astype(dtype) for name, dtype in _ARRAYS.items()}
        self.__dict__.update(state, **keys, **arrays)


# The arrays of a count table and their types in memory.
_ARRAYS = {"indptr": "int64", "cols": "int32", "counts": "int64"}


def _narrowed(values: np.ndarray) -> np.ndarray:
    """``values`` (integers) in the narrowest integer type that holds them."""
    import numpy as np

    if not len(values):
        return values
    return values.astype(np.result_type(np.min_scalar_type(values.min()), np.min_scalar_type(values.max())))


def _positions(keys: tuple) -> dict[Hashable, int]:
    """Each key's index in ``keys``."""
    return dict(zip(keys, range(len(keys))))


def _indices(positions: dict[Hashable, int], chosen: Iterable[Hashable]) -> np.ndarray:
    """The index of each of ``chosen`` (from :func:`_positions`)."""
    import numpy as np

    return np.fromiter(map(positions.__getitem__, chosen), dtype=np.int64)


def _used(keys: tuple, indices: np.ndarray) -> tuple[tuple, np.ndarray]:
    """The keys of ``keys`` that ``indices`` name, in order, and ``indices`` into them."""
    import numpy as np

    used = np.zeros(len(keys), dtype=bool)
    used[indices] = True
    if used.all():
        return keys, indices
    kept = np.flatnonzero(used)
    return tuple(map(keys.__getitem__, kept.tolist())), (np.cumsum(used) - 1)[indices]


@dataclass(frozen=True)
class Tally:
    """Count tables by name (:class:`CountTable`); merging adds them table by table. A
    table without a count is not kept: the empty tally is the identity."""

    tables: dict[str, CountTable] = field(default_factory=dict)

    @classmethod
    def identity(cls) -> Tally:
        return cls()

    @classmethod
    def of(cls, tables: Mapping[str, Mapping[Hashable, Mapping[Hashable, int]]]) -> Tally:
        """The tally of nested counts ``{name: {outer: {inner: count}}}``."""
        return _tally({name: CountTable.of(nested) for name, nested in tables.items()})

    def merge(self, other: Tally) -> Tally:
        return self.merge_all([other])

    def merge_all(self, others: Iterable[Tally]) -> Tally:
        """This tally merged with each of ``others``, each table summed once over all of them
        (merging them pairwise would copy the growing total once per partial)."""
        by_name: dict[str, list[CountTable]] = {}
        for tally in chain([self], others):
            for name, table in tally.tables.items():
                by_name.setdefault(name, []).append(table)
        return Tally({name: CountTable.merged(tables) for name, tables in by_name.items()})

    def table(self, name: str) -> dict[Hashable, dict[Hashable, int]]:
        """The table ``name`` as ``{outer: {inner: count}}``, outer keys sorted (None
        last), inner keys by count (most first), then key."""
        found = self.tables.get(name)
        return found.nested() if found is not None else {}

    def column(self, name: str) -> dict[Hashable, int]:
        """The column ``name`` as ``{key: count}``, keys sorted (None last)."""
        found = self.tables.get(name)
        if found is None or found.outer[-1] is not None:
            return {}
        lo, hi = int(found.indptr[-2]), int(found.indptr[-1])
        return dict(zip(map(found.inner.__getitem__, found.cols[lo:hi].tolist()), found.counts[lo:hi].tolist()))


def _tally(tables: Mapping[str, CountTable | None]) -> Tally:
    """The tally of the tables that count something."""
    return Tally({name: table for name, table in tables.items() if table is not None})


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


def _paragraph_terms(result: SpeechResult) -> tuple[tuple[str, ...], np.ndarray]:
    """The content terms of ``result`` in its paragraphs, sorted, and their occurrences
    (:meth:`~speechkit.result.SpeechResult.term_counts` of paragraphs, as arrays)."""
    import numpy as np

    units = result.paragraphs
    counts = np.frombuffer(units.counts, dtype=np.intc)
    # Weighted, bincount sums in floating point: exact for counts of a speech (below 2**53).
    totals = np.bincount(np.frombuffer(units.terms, dtype=np.intc), weights=counts, minlength=len(result.terms))
    present = np.flatnonzero(totals)
    return tuple(map(result.terms.__getitem__, present.tolist())), totals[present].astype(np.int64)


def speech_tally(result: SpeechResult, group: Hashable) -> Tally:
    """The partial of one speech whose grouping variable (year) is ``group``."""
    terms, counts = _paragraph_terms(result)
    # By term, as a table's keys are (the result lists them by count).
    frequency = tuple(zip(*sorted(result.frequencies))) or ((), ())
    tables = {
        # A speech without content terms adds no key: its year is not a year of any term.
        "frequency": CountTable.row(group, *frequency),
        "terms": CountTable.row(group, terms, counts),
        "words": CountTable.row(None, (group,), [result.words]),
        "characters": CountTable.row(None, (group,), [result.characters]),
    }
    # Slogans count by year only: a speech without one has no place on a timeline.
    if group is not None and result.slogans:
        by_year: dict[Hashable, dict] = {}
        by_kind: dict[Hashable, dict] = {}
        for slogan in result.slogans:
            years, kinds = by_year.setdefault(slogan.text, {}), by_kind.setdefault(slogan.text, {})
            years[group] = years.get(group, 0) + slogan.count
            kinds[slogan.kind] = kinds.get(slogan.kind, 0) + slogan.count
        tables["slogan"], tables["slogan_kind"] = CountTable.of(by_year), CountTable.of(by_kind)
    return _tally(tables)


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


class TallyReading:
    """:func:`results_tally` as a consumer of one reading of the results
    (:func:`~speechkit.analysis.passes.read_once`): each chunk's partials merged as a tree,
    then into the running total (merging is associative and commutative: the same total).

    Parameters
    ----------
    by : str
        As for :func:`results_tally`.
    """

    def __init__(self, by: str = "year"):
        self.by = by
        self.total = Tally.identity()

    def add(self, chunk: Chunk) -> None:
        from ..corpus import group_key

        partials = (speech_tally(result, group_key(speech, self.by)) for speech, result in chunk)
        self.total = self.total.merge(reduce_partials(partials, Tally.identity(), chunk=REDUCE_CHUNK))

    def finish(self) -> Tally:
        return self.total


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
    import numpy as np

    def holding(result: SpeechResult) -> Tally:
        terms, _ = _paragraph_terms(result)
        return _tally({"documents": CountTable.row(None, terms, np.ones(len(terms), dtype=np.int64))})

    def merged() -> Tally:
        return reduce_partials(map(holding, results), Tally.identity(), chunk=REDUCE_CHUNK)

    return results.memo(("document_frequency",), merged).column("documents")


@dataclass(frozen=True)
class KeyedTallies:
    """Tallies by key (such as the keys of :meth:`~speechkit.results.Results.memo`),
    merged key by key: the partial of a partition of results that the corpus tables share."""

    tallies: dict[Hashable, Tally] = field(default_factory=dict)

    @classmethod
    def identity(cls) -> KeyedTallies:
        return cls()

    def merge(self, other: KeyedTallies) -> KeyedTallies:
        return self.merge_all([other])

    def merge_all(self, others: Iterable[KeyedTallies]) -> KeyedTallies:
        """This partial merged with each of ``others``, each tally with those of its key."""
        by_key: dict[Hashable, list[Tally]] = {}
        for partial in chain([self], others):
            for key, tally in partial.tallies.items():
                by_key.setdefault(key, []).append(tally)
        return KeyedTallies({key: Tally.identity().merge_all(tallies) for key, tallies in by_key.items()})
