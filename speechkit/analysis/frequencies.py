"""Term frequencies and term positions: the plain data behind word clouds and charts.

Frequencies count content tokens (:func:`speechkit.segment.is_content`: Chinese words
of two or more characters, no stopwords, numbers, placeholders or punctuation). They are
plain ``{term: count}`` dicts ordered by count (most first, ties by term), so they can
be cached, summed per year and handed to the renderers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from typing import TYPE_CHECKING

from ..segment import is_content

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus
    from ..result import SpeechResult
    from ..results import Results
    from ..segment import Tokenizer
    from ..speech import Speech
    from .speech_tables import Chunk


def ordered_counts(counts: Mapping[str, float]) -> dict[str, float]:
    """``counts`` as a dict ordered by count (most first), ties by term: a stable order
    whatever order the terms were counted in."""
    # Sorted by term, then by count with a stable sort: plain keys compare faster than pairs.
    ordered = sorted(counts)
    ordered.sort(key=counts.__getitem__, reverse=True)
    return dict(zip(ordered, map(counts.__getitem__, ordered)))


def speech_frequencies(speech: Speech, tokenizer: Tokenizer | None = None) -> dict[str, int]:
    """Occurrences of each content token of ``speech``.

    Parameters
    ----------
    speech : Speech
    tokenizer : Tokenizer, optional
        Segment with this tokenizer instead of the speech's default tokens.

    Returns
    -------
    dict of str to int
        Ordered by count, most first.
    """
    return ordered_counts(Counter(t.text for t in speech.tokens(tokenizer) if is_content(t)))


def sum_frequencies(mappings: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """The term-wise sum of several frequency mappings, ordered by count."""
    total: Counter = Counter()
    for mapping in mappings:
        total.update(mapping)
    return ordered_counts(total)


def group_frequencies(corpus: Corpus, by: str = "year", *, frequencies: Mapping[str, Mapping] | None = None,
                      tokenizer: Tokenizer | None = None) -> dict:
    """Summed frequencies of the speeches of each group (year, speaker, any metadata).

    Parameters
    ----------
    corpus : Corpus
    by : str
        A metadata variable; ``"speech"`` gives one entry per speech id.
    frequencies : mapping of speech id to frequencies, optional
        Frequencies computed earlier (e.g. cached); other speeches are counted here.
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).

    Returns
    -------
    dict
        Group value to ``{term: count}``, groups in the corpus' sorted group order.
    """
    frequencies = frequencies or {}

    def of(speech):
        cached = frequencies.get(speech.id)
        return cached if cached is not None else speech_frequencies(speech, tokenizer)

    if by == "speech":
        return {speech.id: ordered_counts(of(speech)) for speech in corpus}
    return {group: sum_frequencies(of(s) for s in members) for group, members in corpus.groups(by).items()}


def dispersion(results: Results, terms: Sequence[str], *, unit: str = "sentence") -> pd.DataFrame:
    """Where each term occurs in each speech, as a fraction of the speech's length (the
    data of ``analyze``'s dispersion chart), from the results' term units (no text is read).

    A term is found where it is a content term of the segmentation, as every frequency
    is counted; each occurrence is placed at the start of its unit (a sentence by default).

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    terms : sequence of str
        The terms, in the order of their lanes.
    unit : {"sentence", "paragraph", "section"}
        The unit whose start places an occurrence.

    Returns
    -------
    pandas.DataFrame
        Columns ``speech``, ``year``, ``term``, ``start`` and ``position``
        (``start / characters``, from 0 to 1), in speech order, then term order, then
        position. A speech without any occurrence has no row (pass the speech ids to the
        dispersion chart to keep its line).
    """
    from .passes import read_once

    return read_once(results, [Dispersion(terms, unit=unit)])[0]


class Dispersion:
    """The table of :func:`dispersion` as a consumer of one reading of the results
    (:func:`~speechkit.analysis.passes.read_once`).

    Parameters
    ----------
    terms, unit
        As for :func:`dispersion`.
    """

    def __init__(self, terms: Sequence[str], *, unit: str = "sentence"):
        self.terms, self.unit = list(terms), unit
        self.order = {term: i for i, term in enumerate(self.terms)}
        self.rows: list[dict] = []

    def add(self, chunk: Chunk) -> None:
        terms = self.terms
        for speech, result in chunk:
            length = max(result.characters, 1)
            for term_order, start, count in term_occurrences(result, self.order, self.unit):
                self.rows += [{"speech": speech.id, "year": speech.year, "term": terms[term_order], "start": start,
                               "position": start / length}] * count

    def finish(self) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=["speech", "year", "term", "start", "position"])
        frame["year"] = frame["year"].astype("Int64")
        return frame


def term_occurrences(result: SpeechResult, order: Mapping[str, int], unit: str) -> list[tuple[int, int, int]]:
    """Where the terms of ``order`` occur in ``result``: ``(term's order, start of its unit, count in
    the unit)`` for each unit that holds one, sorted."""
    wanted = {i: term for i, term in enumerate(result.terms) if term in order}
    units = result.units(unit)
    found = []
    for i in range(len(units)):
        for term, count in units.unit(i):
            if term in wanted:
                found.append((order[wanted[term]], units.starts[i], count))
    return sorted(found)


class PooledDispersion:
    """The data of a dispersion chart whose lanes pool speeches (a lane per year, say), as the
    chart draws it: the occurrences of each term in each lane counted in ``bins`` equal stretches
    of the speeches' length, rather than a row per occurrence (which grows with the corpus); a
    consumer of one reading of the results (:func:`~speechkit.analysis.passes.read_once`).

    Parameters
    ----------
    terms : sequence of str
        The terms, in the order of their lanes.
    lanes : mapping of str to str
        The lane of each speech id (a speech without one is left out).
    bins : int
        The stretches of a speech's length.
    unit : {"sentence", "paragraph", "section"}
        The unit whose start places an occurrence, as for :func:`dispersion`.
    """

    def __init__(self, terms: Sequence[str], lanes: Mapping[str, str], bins: int, *, unit: str = "sentence"):
        self.terms, self.lanes, self.bins, self.unit = list(terms), lanes, bins, unit
        self.order = {term: i for i, term in enumerate(self.terms)}
        self.counts: Counter[tuple[str, int, int]] = Counter()  # (lane, term's order, stretch) -> occurrences

    def add(self, chunk: Chunk) -> None:
        for speech, result in chunk:
            lane = self.lanes.get(speech.id)
            if lane is None:
                continue
            length = max(result.characters, 1)
            for term_order, start, count in term_occurrences(result, self.order, self.unit):
                # The stretch the chart puts the occurrence in, from its position as dispersion() gives it.
                self.counts[lane, term_order, min(int(start / length * self.bins), self.bins - 1)] += count

    def finish(self) -> pd.DataFrame:
        """Columns ``speech`` (the lane), ``term``, ``position`` (the middle of the stretch, 0 to 1)
        and ``count``, by lane, term and stretch."""
        import pandas as pd

        rows = [(lane, self.terms[term_order], (stretch + 0.5) / self.bins, count)
                for (lane, term_order, stretch), count in sorted(self.counts.items())]
        return pd.DataFrame(rows, columns=["speech", "term", "position", "count"])
