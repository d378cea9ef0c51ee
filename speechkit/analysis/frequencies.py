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
        terms, order = self.terms, self.order
        for speech, result in chunk:
            length = max(result.characters, 1)
            wanted = {i: term for i, term in enumerate(result.terms) if term in order}
            units = result.units(self.unit)
            found: list[tuple[int, int, int]] = []  # (term order, start, count)
            for i in range(len(units)):
                for term, count in units.unit(i):
                    if term in wanted:
                        found.append((order[wanted[term]], units.starts[i], count))
            for term_order, start, count in sorted(found):
                self.rows += [{"speech": speech.id, "year": speech.year, "term": terms[term_order], "start": start,
                               "position": start / length}] * count

    def finish(self) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame(self.rows, columns=["speech", "year", "term", "start", "position"])
        frame["year"] = frame["year"].astype("Int64")
        return frame
