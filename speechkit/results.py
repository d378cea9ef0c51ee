"""Results: the per-speech results of a corpus, the one input of every corpus table.

A :class:`Results` pairs each speech's metadata (its document variables, from the
:class:`~speechkit.corpus.Corpus`) with its :class:`~speechkit.result.SpeechResult`, in
corpus order. Every corpus table, graph, topic model, keyness table, comparison and
targets ledger is built from one, by the Python API and by ``speechkit analyze`` alike,
so a figure checked in a notebook is the figure of the report. No text is read or
segmented again once the results exist.

Build one with :meth:`speechkit.Corpus.results` (computed, or loaded from the cache).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus
    from .result import SpeechResult
    from .speech import Speech


@dataclass(frozen=True)
class Results(Sequence):
    """The results of the speeches of a corpus, in corpus order.

    Attributes
    ----------
    corpus : Corpus
        The speeches: their ids and document variables (year, kind, level, place …).
    items : tuple of SpeechResult
        One result per speech of ``corpus``, in the same order.
    """

    corpus: Corpus
    items: tuple[SpeechResult, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        if len(self.items) != len(self.corpus):
            raise ValueError(f"{len(self.items)} results for {len(self.corpus)} speeches")

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        """One :class:`SpeechResult`, or for a slice the :class:`Results` of those speeches."""
        if isinstance(index, slice):
            return self.take(range(len(self))[index])
        return self.items[index]

    def __iter__(self) -> Iterator[SpeechResult]:
        return iter(self.items)

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
        return zip(self.corpus, self.items)

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
        return Results(speeches, tuple(self.items[i] for i in positions))

    def docvars(self) -> pd.DataFrame:
        """The document variables, one row per speech (see :meth:`Corpus.docvars`).

        Returns
        -------
        pandas.DataFrame
        """
        return self.corpus.docvars()
