"""The corpus tables with a row per speech (or per speech and term): ``corpus`` and
``frequencies``, built from the speeches' results alone (the long tables of per-speech
records: :mod:`speechkit.analysis.records`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..results import Results

# The long frequency table is built and written this many speeches at a time.
FREQUENCY_CHUNK = 100


def corpus_table(results: Results) -> pd.DataFrame:
    """The speeches' metadata and sizes, a row per speech: the table ``corpus`` of
    ``speechkit analyze``.

    Parameters
    ----------
    results : Results

    Returns
    -------
    pandas.DataFrame
        The document variables (see :meth:`speechkit.Corpus.to_frame`) with the speech's
        ``characters``, ``paragraphs`` and ``words``.
    """
    sizes = [(result.characters, result.paragraphs.total, result.words) for result in results]  # one reading
    return results.corpus.to_frame([size[:2] for size in sizes]).assign(words=[size[2] for size in sizes])


def frequency_table(results: Results) -> pd.DataFrame:
    """Content-word counts of every speech, a row per speech and term: the table
    ``frequencies`` of ``speechkit analyze`` (which writes it piece by piece,
    :func:`frequency_frames`).

    Parameters
    ----------
    results : Results

    Returns
    -------
    pandas.DataFrame
        Columns ``speech``, ``year``, ``term``, ``count``, ``per_10k`` (per 10,000 word
        tokens of the speech); each speech's terms by count (most first), then term.
    """
    import pandas as pd

    return pd.concat(list(frequency_frames(results)), ignore_index=True)


def frequency_frames(results: Results, *, speeches: int = FREQUENCY_CHUNK) -> Iterator:
    """Content-word counts of every speech (speech, year, term, count, per 10,000 tokens) in
    consecutive frames of ``speeches`` speeches each (one empty frame for no speech): the
    table has a row per speech and term, millions on a large corpus, written piece by piece."""
    import pandas as pd

    for begin in range(0, max(len(results), 1), speeches):
        columns: dict[str, list] = {"speech": [], "year": [], "term": [], "count": [], "per_10k": []}
        for speech, result in results[begin : begin + speeches].pairs():
            size, words = len(result.frequencies), max(result.words, 1)
            columns["speech"] += [speech.id] * size
            columns["year"] += [speech.year] * size
            columns["term"] += [term for term, _ in result.frequencies]
            columns["count"] += [count for _, count in result.frequencies]
            columns["per_10k"] += [round(count * 1e4 / words, 3) for _, count in result.frequencies]
        frame = pd.DataFrame(columns)
        frame["year"] = frame["year"].astype("Int64")
        yield frame
