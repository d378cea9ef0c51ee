"""Results: the per-speech results of a corpus, the one input of every corpus table.

A :class:`Results` pairs each speech's metadata (its document variables, from the
:class:`~speechkit.corpus.Corpus`) with its :class:`~speechkit.result.SpeechResult`, in
corpus order. Every corpus table, graph, topic model, keyness table, comparison and
targets ledger is built from one, by the Python API and by ``speechkit analyze`` alike,
so a figure checked in a notebook is the figure of the report. No text is read or
segmented again once the results exist.

Build one with :meth:`speechkit.Corpus.results` (computed, or loaded from the cache).
Its results are then not held in memory: each is loaded from the cache when asked for, and
iterating streams them in order, :data:`STREAM_CHUNK` at a time, so a corpus of any size
is read in the memory of a few results. The counts several tables share are merged once
(see :meth:`Results.memo`), where the results were computed when that was a cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .result import SpeechResult
    from .speech import Speech


# Results loaded at a time when iterating a source that loads them (see ResultSource).
STREAM_CHUNK = 32


@runtime_checkable
class ResultSource(Protocol):
    """Where the results of a :class:`Results` are when they are not held in memory (the
    cache): it loads those at given positions, and gives the source of a part."""

    def __len__(self) -> int: ...

    def load(self, positions: Sequence[int]) -> list[SpeechResult]: ...

    def take(self, positions: Sequence[int]) -> "ResultSource": ...


@dataclass(frozen=True)
class Results(Sequence):
    """The results of the speeches of a corpus, in corpus order.

    Attributes
    ----------
    corpus : Corpus
        The speeches: their ids and document variables (year, kind, level, place …).
    items : tuple of SpeechResult, or ResultSource
        One result per speech of ``corpus``, in the same order: held in memory, or a
        source that loads them when asked for (the cache).
    """

    corpus: Corpus
    items: tuple[SpeechResult, ...] | ResultSource
    # What the tables of these results share (their merged counts), made once: see ``memo``.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.items, ResultSource):
            object.__setattr__(self, "items", tuple(self.items))
        if len(self.items) != len(self.corpus):
            raise ValueError(f"{len(self.items)} results for {len(self.corpus)} speeches")

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        """One :class:`SpeechResult`, or for a slice the :class:`Results` of those speeches."""
        if isinstance(index, slice):
            return self.take(range(len(self))[index])
        if isinstance(self.items, tuple):
            return self.items[index]
        return self.items.load([range(len(self))[index]])[0]

    def __iter__(self) -> Iterator[SpeechResult]:
        if isinstance(self.items, tuple):
            return iter(self.items)
        return self._streamed()

    def _streamed(self) -> Iterator[SpeechResult]:
        """The results loaded :data:`STREAM_CHUNK` at a time, in order: only a chunk is held."""
        for chunk in self.chunks():
            for _, result in chunk:
                yield result

    def chunks(self, size: int | None = None) -> Iterator[list[tuple[Speech, SpeechResult]]]:
        """Each speech with its result, ``size`` at a time, in order: a table that reads
        every result holds one chunk of them (when they are loaded from the cache).

        Parameters
        ----------
        size : int, optional
            Speeches per chunk (default :data:`STREAM_CHUNK`).

        Returns
        -------
        iterator of list of (Speech, SpeechResult)
        """
        size = size or STREAM_CHUNK
        for start in range(0, len(self), size):
            positions = range(start, min(start + size, len(self)))
            loaded = [self.items[i] for i in positions] if isinstance(self.items, tuple) else self.items.load(positions)
            yield [(self.corpus[i], result) for i, result in zip(positions, loaded)]

    @property
    def streamed(self) -> bool:
        """Whether the results are loaded when asked for (not held in memory)."""
        return not isinstance(self.items, tuple)

    def __repr__(self) -> str:
        return f"Results({len(self)} speeches)"

    @property
    def ids(self) -> list[str]:
        """The speech ids, in order."""
        return [speech.id for speech in self.corpus]

    @property
    def speeches(self) -> list[Speech]:
        """The speeches (their metadata; tables never read their text), in order."""
        return list(self.corpus)

    def pairs(self) -> Iterator[tuple[Speech, SpeechResult]]:
        """Each speech with its result, in order.

        Returns
        -------
        iterator of (Speech, SpeechResult)
        """
        return zip(self.corpus, self)

    def years(self) -> list[int]:
        """The distinct years of the speeches, sorted.

        Returns
        -------
        list of int
        """
        return self.corpus.years()

    def take(self, positions: Sequence[int]) -> "Results":
        """The results of the speeches at ``positions`` (in that order).

        Parameters
        ----------
        positions : sequence of int
            Positions in corpus order, such as a group of a
            :class:`~speechkit.analysis.grouping.Grouping`.

        Returns
        -------
        Results
        """
        speeches = self.corpus._with([self.corpus[i] for i in positions])
        if isinstance(self.items, tuple):
            return Results(speeches, tuple(self.items[i] for i in positions))
        return Results(speeches, self.items.take(positions))

    def memo(self, key: Hashable, make: Callable[[], object]):
        """The value kept under ``key``, made by ``make()`` the first time it is asked for:
        the merged counts several tables of the same results are built from.

        Parameters
        ----------
        key : hashable
            What the value is (such as ``("tally", "year")``).
        make : callable
            Makes the value from these results alone.

        Returns
        -------
        object
        """
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def memos(self) -> dict:
        """Every value :meth:`memo` has made so far, by key.

        Returns
        -------
        dict
        """
        return dict(self._memo)

    def docvars(self) -> pd.DataFrame:
        """The document variables, one row per speech (see :meth:`Corpus.docvars`).

        Returns
        -------
        pandas.DataFrame
        """
        return self.corpus.docvars()
