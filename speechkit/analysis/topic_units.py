"""The units of a topic model (paragraphs or sections) as the model reads them: their
vocabulary statistics as a mergeable tally, a bounded sample of them, and their term counts
as sparse matrices over one vocabulary.

A corpus model reads the units' counts from the speeches' results a few at a time, never
all at once (see :mod:`speechkit.analysis.topics`):

1. the statistics that choose its vocabulary (:func:`block_tally`: in how many speeches,
   frames and units each term is, and how many units each speech has), which merge like
   the other partials of the map step (:func:`unit_tally`);
2. the count matrix of the units it is fitted on: every unit of a corpus of at most
   :data:`MODEL_UNITS` units, else a stratified sample of that many
   (:func:`stratified_sample`);
3. beyond the bound, every unit's counts again, :data:`MODEL_UNITS` units at a time, for
   their topic shares.

What is held grows with the vocabulary, the number of speeches and the bound, not with the
units of the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..result import TermUnits
from .aggregates import REDUCE_CHUNK, Tally, reduce_partials
from .grouping import records_by_speech

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix

    from ..results import Results
    from .topics import CountUnit

# A model is fitted on at most this many units: all of a corpus that has no more, else a
# stratified sample of this many (see stratified_sample). Beyond it, the units' shares are
# computed this many at a time. About 100 speeches of 30 KB (the work reports of ten years)
# are within it.
MODEL_UNITS = 20_000
# The opening and closing of a speech: its first and last units (the salutation,
# "我代表国务院，向大会报告政府工作，请予审议" …; the closing exhortation).
OPENING_UNITS = 6
CLOSING_UNITS = 1


@dataclass(frozen=True)
class UnitBlock:
    """The units of one speech: its terms (sorted), their counts per unit and each unit's
    section heading.

    Attributes
    ----------
    speech : str
        The speech id.
    terms : sequence of str
        The speech's terms, sorted; the units' counts index them.
    units : TermUnits
        The sparse counts of the units, their positions and offsets.
    sections : tuple of (str or None)
        The heading of the top-level section each unit starts in.
    """

    speech: str
    terms: Sequence[str]
    units: TermUnits
    sections: tuple[str | None, ...]


def result_blocks(results: Results, unit: str = "paragraph") -> Iterator[UnitBlock]:
    """The unit block of each speech of ``results``, in order, the results read a chunk at a
    time (see :meth:`speechkit.results.Results.chunks`)."""
    for chunk in results.chunks():
        for speech, result in chunk:
            stored = result.units(unit)
            yield UnitBlock(speech.id, result.terms, stored,
                            tuple(result.section_label(stored, i) for i in range(len(stored))))


def count_unit_blocks(units: Sequence[CountUnit]) -> list[UnitBlock]:
    """The unit blocks of count units, one per speech in order of first appearance (a
    speech's units in their order)."""
    blocks = []
    for speech, own in records_by_speech(units).items():
        terms = sorted({term for unit in own for term in unit.counts})
        position = {term: i for i, term in enumerate(terms)}
        indptr, ids, counts = [0], [], []
        for unit in own:
            for term, count in sorted(unit.counts.items()):
                ids.append(position[term])
                counts.append(count)
            indptr.append(len(ids))
        stored = TermUnits(len(own), [u.index for u in own], [u.start for u in own], [u.end for u in own],
                           [-1] * len(own), indptr, ids, counts)
        blocks.append(UnitBlock(speech, terms, stored, tuple(u.section for u in own)))
    return blocks


def _arrays(units: TermUnits) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The CSR columns of ``units`` as numpy views (no copy)."""
    import numpy as np

    return tuple(np.frombuffer(getattr(units, name), dtype=np.intc) for name in ("indptr", "terms", "counts"))


def block_tally(block: UnitBlock, *, opening: int = OPENING_UNITS, closing: int = CLOSING_UNITS) -> Tally:
    """The vocabulary statistics of one speech's units, a partial that merges by adding.

    Columns (tables with the one outer key None): ``speeches`` (1 for each term of the
    speech), ``frame_speeches`` (1 for each term of its frame: its first ``opening`` and
    last ``closing`` units), ``frame_units`` and ``body_units`` (the units of the frame,
    and of the rest, holding each term), ``units`` (``frame``, ``body``: its units in each;
    ``speeches``: 1) and ``speech_units`` (its id: its number of units). A speech without
    units adds nothing.
    """
    import numpy as np

    total = len(block.units)
    if not total:
        return Tally()
    indptr, ids, _ = _arrays(block.units)
    positions = np.arange(total)
    framed = (positions < opening) | (positions >= total - closing)
    # A unit's term indices are distinct, so counting them counts the units holding each term.
    in_frame = np.repeat(framed, np.diff(indptr))
    frame = np.bincount(ids[in_frame], minlength=len(block.terms))
    body = np.bincount(ids[~in_frame], minlength=len(block.terms))
    return Tally.of({name: {None: counts} for name, counts in {
        "speeches": dict.fromkeys(_present(block.terms, frame + body), 1),
        "frame_speeches": dict.fromkeys(_present(block.terms, frame), 1),
        "frame_units": dict(zip(_present(block.terms, frame), frame[frame > 0].tolist())),
        "body_units": dict(zip(_present(block.terms, body), body[body > 0].tolist())),
        "units": {"frame": int(framed.sum()), "body": int(total - framed.sum()), "speeches": 1},
        "speech_units": {block.speech: total},
    }.items()})


def _present(terms: Sequence[str], counts: np.ndarray) -> list[str]:
    """The terms whose count is positive, in order."""
    return [terms[j] for j in counts.nonzero()[0].tolist()]


def blocks_tally(blocks: Iterable[UnitBlock], **frame: int) -> Tally:
    """:func:`block_tally` of every block, merged."""
    return reduce_partials((block_tally(block, **frame) for block in blocks), Tally.identity(), chunk=REDUCE_CHUNK)


def unit_tally(results: Results, unit: str = "paragraph") -> Tally:
    """The merged :func:`block_tally` of the units of ``unit`` of ``results``, made once per
    results (from the partials of the map when it merged them).

    Parameters
    ----------
    results : Results
    unit : {"paragraph", "section"}

    Returns
    -------
    Tally
    """
    return results.memo(("topic_units", unit), lambda: blocks_tally(result_blocks(results, unit)))


@dataclass(frozen=True)
class UnitStatistics:
    """The vocabulary statistics of a merged :func:`block_tally`, by name."""

    tally: Tally

    @cached_property
    def _columns(self) -> dict[str, Counter]:
        # Read once: a column is unpacked from the tally's arrays on every read.
        return {name: Counter(self.tally.column(name)) for name in self.tally.tables}

    def _column(self, name: str) -> Counter:
        return self._columns.get(name, Counter())

    @property
    def speech_frequency(self) -> Counter:
        """The number of speeches each term is in."""
        return self._column("speeches")

    @property
    def frame_speeches(self) -> Counter:
        """The number of speeches each term is in the frame of."""
        return self._column("frame_speeches")

    @property
    def frame_units(self) -> Counter:
        """The number of frame units each term is in."""
        return self._column("frame_units")

    @property
    def body_units(self) -> Counter:
        """The number of units outside the frames each term is in."""
        return self._column("body_units")

    def size(self, name: str) -> int:
        """``frame`` or ``body``: the units of the frames or of the rest; ``speeches``: the
        speeches with units."""
        return self._column("units").get(name, 0)

    @property
    def units(self) -> int:
        """The number of units."""
        return self.size("frame") + self.size("body")

    def unit_frequency(self) -> Counter:
        """The number of units each term is in."""
        return self.frame_units + self.body_units

    def units_of(self, speech: str) -> int:
        """The number of units of ``speech``."""
        return self._column("speech_units").get(speech, 0)


def unit_vocabulary(statistics: UnitStatistics, removed: Iterable[str], *, min_df: int | float,
                    max_df: int | float) -> list[str]:
    """The terms a model of these units keeps, sorted: those not ``removed`` whose number of
    units passes ``min_df`` and ``max_df`` (as in scikit-learn's vectorizers: an int a number
    of units, a float a share of them)."""
    n = statistics.units
    low = min_df if isinstance(min_df, int) else min_df * n
    high = max_df if isinstance(max_df, int) else max_df * n
    drop = set(removed)
    vocabulary = sorted(term for term, df in statistics.unit_frequency().items()
                        if term not in drop and low <= df <= high)
    if not vocabulary:
        raise SpeechkitError("topic model: too few terms left after min_df/max_df; use larger units or more text")
    return vocabulary


def stratified_sample(sizes: Sequence[int], strata: Sequence[int | None], *, limit: int) -> np.ndarray:
    """Positions (in corpus order, ascending) of at most ``limit`` of the units of speeches
    of ``sizes`` units each: all of them when there are no more, else an evenly spread
    sample with each stratum (the speech's year, or None) keeping its share.

    The speeches are put in order of their stratum (None last; corpus order within one),
    and ``limit`` units evenly spread over that order are taken (every units / ``limit``-th),
    so each stratum's part of the sample is its share of the units to within two units, and
    so is each speech's.
    """
    import numpy as np

    sizes = np.asarray(sizes, dtype=np.int64)
    total = int(sizes.sum())
    if total <= limit:
        return np.arange(total)
    starts = np.cumsum(sizes) - sizes
    order = np.array(sorted(range(len(sizes)), key=lambda i: (strata[i] is None, strata[i] or 0, i)), dtype=np.int64)
    ends = np.cumsum(sizes[order])
    picks = np.unique(np.linspace(0, total - 1, limit).round().astype(np.int64))
    which = np.searchsorted(ends, picks, side="right")
    within = picks - (ends[which] - sizes[order[which]])
    return np.sort(starts[order[which]] + within)


@dataclass(frozen=True)
class UnitLayout:
    """Where the units read into a matrix are: their speech (as a position in ``names``),
    their position among their speech's units, offsets and section heading; held as arrays,
    for a corpus has hundreds of thousands of units.

    Attributes
    ----------
    names : tuple of str
        The speeches with units, in order.
    speech, index, start, end : numpy.ndarray
        Per unit.
    sections : tuple of (str or None)
        Per unit.
    """

    names: tuple[str, ...]
    speech: np.ndarray
    index: np.ndarray
    start: np.ndarray
    end: np.ndarray
    sections: tuple[str | None, ...]

    def __len__(self) -> int:
        return len(self.speech)

    @classmethod
    def joined(cls, parts: Sequence[UnitLayout]) -> UnitLayout:
        """The layouts of consecutive reads, as one (a speech's units all in one part)."""
        import numpy as np

        names = tuple(name for part in parts for name in part.names)
        offsets = np.cumsum([0] + [len(part.names) for part in parts])
        return cls(names, np.concatenate([part.speech + offset for part, offset in zip(parts, offsets)]),
                   *(np.concatenate([getattr(part, name) for part in parts]) for name in ("index", "start", "end")),
                   tuple(label for part in parts for label in part.sections))


def read_units(blocks: Iterable[UnitBlock], vocabulary: Sequence[str], *,
               rows: np.ndarray | None = None) -> tuple[csr_matrix, UnitLayout]:
    """The count matrix (units × ``vocabulary``) of the units of ``blocks`` and where they
    are: every unit, or those at ``rows`` (ascending positions in the blocks' order).

    A unit without a term of the vocabulary has its row, empty.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    index = {term: j for j, term in enumerate(vocabulary)}
    row_lengths, indices, data, layout = [], [], [], _LayoutParts()
    offset = 0
    for block in blocks:
        total = len(block.units)
        if not total:
            continue
        if rows is None:
            chosen = np.arange(total)
        else:
            lo, hi = np.searchsorted(rows, [offset, offset + total])
            chosen = rows[lo:hi] - offset
        offset += total
        if not len(chosen):
            continue
        # Both term lists are sorted, so a unit's columns ascend as its term indices do.
        columns = np.array([index.get(term, -1) for term in block.terms], dtype=np.int32)
        indptr, ids, counts = _arrays(block.units)
        entry_unit = np.repeat(np.arange(total), np.diff(indptr))
        wanted = np.zeros(total, dtype=bool)
        wanted[chosen] = True
        found = columns[ids]
        kept = (found >= 0) & wanted[entry_unit]
        row_lengths.append(np.bincount(entry_unit[kept], minlength=total)[chosen])
        indices.append(found[kept])
        data.append(counts[kept])
        layout.add(block, chosen)
    lengths = np.concatenate(row_lengths) if row_lengths else np.zeros(0, dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
    matrix = csr_matrix((np.concatenate(data).astype(np.int64) if data else np.zeros(0, dtype=np.int64),
                         np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32), indptr),
                        shape=(len(indptr) - 1, len(vocabulary)))
    return matrix, layout.done()


class _LayoutParts:
    """A :class:`UnitLayout` as it is read, block by block."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.speech: list = []
        self.index: list = []
        self.start: list = []
        self.end: list = []
        self.sections: list[str | None] = []

    def add(self, block: UnitBlock, chosen: np.ndarray) -> None:
        import numpy as np

        self.speech.append(np.full(len(chosen), len(self.names), dtype=np.int32))
        self.names.append(block.speech)
        for mine, stored in (("index", "index"), ("start", "starts"), ("end", "ends")):
            getattr(self, mine).append(np.frombuffer(getattr(block.units, stored), dtype=np.intc)[chosen])
        self.sections.extend(block.sections[i] for i in chosen.tolist())

    def done(self) -> UnitLayout:
        import numpy as np

        def joined(parts: list) -> np.ndarray:
            return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)

        return UnitLayout(tuple(self.names), joined(self.speech), joined(self.index), joined(self.start),
                          joined(self.end), tuple(self.sections))


def chunks_of_units(blocks: Iterable[UnitBlock], size: int) -> Iterator[list[UnitBlock]]:
    """The blocks, in order, in runs of at least ``size`` units (the last may have fewer)."""
    run: list[UnitBlock] = []
    units = 0
    for block in blocks:
        run.append(block)
        units += len(block.units)
        if units >= size:
            yield run
            run, units = [], 0
    if run:
        yield run
