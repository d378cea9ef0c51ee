"""The long table of one extractor's records over a corpus: a row per record."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ..model import nested_as_text
from .speech_tables import SpeechTable, speech_table_frames

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import pandas as pd

    from ..results import Results
    from .speech_tables import Chunk


def records_table(results: Results, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """Every record of the extractor ``name`` of every speech, one row each, as
    ``speechkit analyze`` writes ``tables/NAME``.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    name : str
        The extractor (``slogans``, ``metrics``, ``placeholders`` …).
    columns : sequence of str
        The record fields to write (the record type's ``COLUMNS``).

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year`` then ``columns``, in corpus and text order; nested values
        (lists, spans as ``[start, end]`` pairs) as compact JSON text.
    """
    return records_tables(results, {name: columns})[name]


def records_tables(results: Results, extractors: Mapping[str, Sequence[str]]) -> dict[str, pd.DataFrame]:
    """The :func:`records_table` of each extractor of ``extractors`` (its name: the columns
    to write), all from one reading of the results.

    Parameters
    ----------
    results : Results
    extractors : mapping of str to sequence of str

    Returns
    -------
    dict of str to pandas.DataFrame
    """
    return speech_table_frames(results, records_speech_tables(extractors))


def records_speech_tables(extractors: Mapping[str, Sequence[str]]) -> list[SpeechTable]:
    """The :class:`~speechkit.analysis.speech_tables.SpeechTable` of each extractor's
    :func:`records_table` (its name: the columns to write).

    Parameters
    ----------
    extractors : mapping of str to sequence of str

    Returns
    -------
    list of SpeechTable
    """
    return [SpeechTable(name, partial(record_rows, name=name, columns=tuple(columns))) for name, columns in extractors.items()]


def record_rows(chunk: Chunk, *, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """The rows of :func:`records_table` of a chunk of speeches."""
    import pandas as pd

    # Each record's fields as written (a slogan's spans as [start, end] pairs).
    rows = [[speech.id, speech.year, *(nested_as_text(data.get(column)) for column in columns)]
            for speech, result in chunk
            for data in (record.serialised() for record in result.records.get(name, ()))]
    frame = pd.DataFrame(rows, columns=["speech", "year", *columns], dtype=object)
    frame["year"] = frame["year"].astype("Int64")
    return frame
