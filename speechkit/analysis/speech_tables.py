"""The corpus tables with a row per speech (or per speech and term, record or section),
built a chunk of speeches at a time: ``corpus`` and ``frequencies`` here, the long tables
of per-speech records in :mod:`speechkit.analysis.records`, the sections and the
categories of each speech beside their other tables.

Each is a :class:`SpeechTable`: a function from a chunk of speeches with their results to
the rows of that chunk. The Python function of a table joins the rows of every chunk
(:func:`speech_table_frames`); ``speechkit analyze`` writes each chunk's rows as they come,
every table from one reading of the results (:mod:`speechkit.pipeline.corpus_tables`), so
no table is held whole and the cache is read once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus
    from ..result import SpeechResult
    from ..results import Results
    from ..speech import Speech

# A chunk of a corpus: each speech with its result, in corpus order (see Results.chunks).
Chunk = Sequence[tuple["Speech", "SpeechResult"]]


@dataclass(frozen=True)
class SpeechTable:
    """A corpus table with rows per speech, made a chunk of speeches at a time.

    Attributes
    ----------
    name : str
        The table's name (its files: ``tables/NAME.csv`` …).
    rows : callable
        ``rows(chunk)``: the rows of a chunk of (Speech, SpeechResult) pairs as a DataFrame,
        the same columns for every chunk (one without rows included).
    index : bool
        The table is keyed by its index (written as its first columns).
    """

    name: str
    rows: Callable[[Chunk], pd.DataFrame]
    index: bool = False


def speech_table_frames(results: Results, tables: Sequence[SpeechTable]) -> dict[str, pd.DataFrame]:
    """Each of ``tables`` whole, the rows of every chunk of ``results`` joined, all from one
    reading of the results.

    Parameters
    ----------
    results : Results
    tables : sequence of SpeechTable

    Returns
    -------
    dict of str to pandas.DataFrame
        By table name.
    """
    pieces: dict[str, list] = {table.name: [] for table in tables}
    for chunk in results.chunks():
        for table in tables:
            pieces[table.name].append(table.rows(chunk))
    if not len(results):  # the columns of a table without rows
        for table in tables:
            pieces[table.name].append(table.rows([]))
    return {table.name: joined_rows(pieces[table.name], index=table.index) for table in tables}


def joined_rows(frames: Sequence[pd.DataFrame], *, index: bool = False) -> pd.DataFrame:
    """Consecutive frames of a table's rows as one frame: those with rows joined (a frame
    without rows has no column types to give), else the first.

    Parameters
    ----------
    frames : sequence of pandas.DataFrame
        At least one, all with the same columns.
    index : bool
        Keep the frames' index (a table keyed by it), else number the rows afresh.

    Returns
    -------
    pandas.DataFrame
    """
    import pandas as pd

    with_rows = [frame for frame in frames if len(frame)]
    if len(with_rows) == 1:
        return with_rows[0] if index else with_rows[0].reset_index(drop=True)
    if not with_rows:
        return frames[0]
    return pd.concat(with_rows, ignore_index=not index)


def speech_sizes(chunk: Chunk) -> list[tuple[int, int, int, int]]:
    """Each speech's ``(characters, paragraphs, words, top-level sections)`` from its result:
    the first three are what the table ``corpus`` adds to the document variables, all four
    what the report's list of speeches shows."""
    return [(result.characters, result.paragraphs.total, result.words, top_level_sections(result)) for _, result in chunk]


def top_level_sections(result: SpeechResult) -> int:
    """The number of top-level sections of a speech's outline (its annexes not counted)."""
    return sum(1 for section in result.outline.sections if section.kind == "section")


def corpus_frame(corpus: Corpus, sizes: Sequence[tuple[int, ...]]) -> pd.DataFrame:
    """The table ``corpus`` from the speeches' metadata and their :func:`speech_sizes`, in
    corpus order. Its columns are those of the whole corpus's metadata, so it is made whole,
    from the sizes gathered while the other tables are written."""
    return corpus.to_frame([size[:2] for size in sizes]).assign(words=[size[2] for size in sizes])


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
    return corpus_frame(results.corpus, [size for chunk in results.chunks() for size in speech_sizes(chunk)])


def frequency_rows(chunk: Chunk) -> pd.DataFrame:
    """The rows of :func:`frequency_table` of a chunk of speeches."""
    import pandas as pd

    columns: dict[str, list] = {"speech": [], "year": [], "term": [], "count": [], "per_10k": []}
    for speech, result in chunk:
        size, words = len(result.frequencies), max(result.words, 1)
        columns["speech"] += [speech.id] * size
        columns["year"] += [speech.year] * size
        columns["term"] += [term for term, _ in result.frequencies]
        columns["count"] += [count for _, count in result.frequencies]
        columns["per_10k"] += [round(count * 1e4 / words, 3) for _, count in result.frequencies]
    frame = pd.DataFrame(columns)
    frame["year"] = frame["year"].astype("Int64")
    return frame


FREQUENCIES = SpeechTable("frequencies", frequency_rows)


def frequency_table(results: Results) -> pd.DataFrame:
    """Content-word counts of every speech, a row per speech and term: the table
    ``frequencies`` of ``speechkit analyze`` (which writes it a chunk at a time).

    Parameters
    ----------
    results : Results

    Returns
    -------
    pandas.DataFrame
        Columns ``speech``, ``year``, ``term``, ``count``, ``per_10k`` (per 10,000 word
        tokens of the speech); each speech's terms by count (most first), then term.
    """
    return speech_table_frames(results, [FREQUENCIES])[FREQUENCIES.name]
