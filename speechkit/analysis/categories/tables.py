"""Category tables: shares (or counts) per section of a speech, and per speech or group of a corpus."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from ...errors import SpeechkitError
from ...model import CategoryShares
from .counts import _count, _section_rows, category_shares
from .dictionary import as_dictionary, default_dictionary
from .matcher import CategoryMatcher
from ..speech_tables import SpeechTable, speech_table_frames

if TYPE_CHECKING:
    import pandas as pd

    from ...results import Results
    from ...segment import Tokenizer
    from ...speech import Speech
    from ..speech_tables import Chunk


def section_category_table(speech: Speech, outline=None, *, dictionary=None, value: str = "share",
                           tokenizer: Tokenizer | None = None):
    """Category shares (or counts) in every section of a speech's outline.

    Parameters
    ----------
    speech : Speech
    outline : Outline or list of Section, optional
        The outline; by default :func:`speechkit.extract.outline.structure.extract_outline`.
    dictionary : CategoryDictionary, mapping, path or None
    value : {"share", "count"}
        What the category columns hold.
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).

    Returns
    -------
    pandas.DataFrame
        One row per section in document order (a parent before its children), with
        columns ``section`` (position path such as ``2.3``), ``level``, ``title``,
        ``start``, ``end``, ``tokens`` (content tokens in the section) and one column
        per category. A parent's span includes its children.
    """
    import pandas as pd

    _check_value(value)
    dictionary = as_dictionary(dictionary)
    if outline is None:
        from ...extract.outline.structure import extract_outline

        outline = extract_outline(speech, keywords=0)
    sections = getattr(outline, "sections", outline)
    matcher = CategoryMatcher(dictionary, tokenizer)
    counted = _count(speech.tokens(tokenizer), matcher)
    rows = _section_rows(counted, matcher.names, sections, [m.start for m in counted.matches], value)
    columns = ["section", "level", "title", "start", "end", "tokens", *matcher.names]
    return pd.DataFrame([row.serialised() for row in rows], columns=columns)


def category_table(corpus, dictionary=None, *, by: str = "speech", value: str = "share",
                   tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Category shares (or counts) per speech, per year or per any metadata variable, under
    a dictionary of one's own (with the bundled one, :func:`categories_by_speech` and
    :func:`categories_by_year` give the same tables from the speeches' results).

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    dictionary : CategoryDictionary, mapping, path or None
    by : str
        ``"speech"`` for one row per speech, or a metadata variable (``"year"``,
        ``"speaker"``, a manifest column) to pool the speeches of each value.
    value : {"share", "count"}
        What the category columns hold. A group's share is its pooled count divided by
        its pooled content tokens (long speeches weigh more than short ones).
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).

    Returns
    -------
    pandas.DataFrame
        Indexed by speech id (with ``year`` and ``title`` columns) or by the group value,
        with ``tokens`` and one column per category, in dictionary order.
    """
    _check_value(value)
    matcher = CategoryMatcher(as_dictionary(dictionary), tokenizer)
    speeches = list(corpus)
    shares = [category_shares(speech, tokenizer=tokenizer, matcher=matcher) for speech in speeches]
    return category_frame(speeches, shares, matcher.names, by=by, value=value)


def categories_by_speech(results: Results, *, value: str = "share") -> pd.DataFrame:
    """Each speech's share of content tokens in each category of the bundled dictionary:
    the table ``categories_by_speech`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (their category counts).
    value : {"share", "count"}
        What the category columns hold.

    Returns
    -------
    pandas.DataFrame
        Indexed by speech id, with ``year``, ``title``, ``tokens`` and one column per
        category, in dictionary order.
    """
    _check_value(value)
    table = speech_categories_table(value)
    return speech_table_frames(results, [table])[table.name]


def speech_categories_table(value: str = "share") -> SpeechTable:
    """The :class:`~speechkit.analysis.speech_tables.SpeechTable` of :func:`categories_by_speech`.

    Parameters
    ----------
    value : {"share", "count"}

    Returns
    -------
    SpeechTable
    """
    return SpeechTable("categories_by_speech", partial(speech_category_rows, value=value), index=True)


def speech_category_rows(chunk: Chunk, *, value: str = "share") -> pd.DataFrame:
    """The rows of :func:`categories_by_speech` of a chunk of speeches."""
    return category_frame([speech for speech, _ in chunk], [result.categories for _, result in chunk],
                          default_dictionary().names, value=value)


def categories_by_year(results: Results, *, by: str | None = None, pool: bool = False, over: str = "year",
                       value: str = "share") -> pd.DataFrame:
    """Each year's share of content tokens in each category of the bundled dictionary (the
    speeches of a year pooled): the table ``categories_by_year`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (their category counts).
    by, pool
        The grouping of ``analyze --group-by`` and ``--pool``, as for
        :func:`~speechkit.analysis.grouping.tables_by_group`.
    over : str
        The variable of the rows: ``year``, or ``speaker``, a manifest column (speeches
        without a value pooled in a last row).
    value : {"share", "count"}
        What the category columns hold. A year's share is its pooled count divided by
        its pooled content tokens (long speeches weigh more than short ones).

    Returns
    -------
    pandas.DataFrame
        Indexed by year (with a grouping, by group and year), with ``tokens`` and one
        column per category, in dictionary order.
    """
    from ..grouping import tables_by_group

    _check_value(value)
    names = default_dictionary().names

    from ..passes import read_once

    def pooled(part: Results) -> pd.DataFrame:
        return read_once(part, [PooledCategories(part.speeches, names, over=over, value=value)])[0]

    return tables_by_group(results, pooled, by=by, pool=pool, over=over, index=True)


class PooledCategories:
    """The table of :func:`categories_by_year` of results not split by any grouping, as a
    consumer of one reading of them (:func:`~speechkit.analysis.passes.read_once`).

    Parameters
    ----------
    speeches : sequence of Speech
        The speeches of the results, in order.
    names : sequence of str
        The categories, in dictionary order.
    over, value
        As for :func:`categories_by_year`.
    """

    def __init__(self, speeches: Sequence[Speech], names: Sequence[str], *, over: str = "year", value: str = "share"):
        self.speeches, self.names, self.over, self.value = speeches, names, over, value
        self.shares: list[CategoryShares] = []

    def add(self, chunk: Chunk) -> None:
        self.shares += [result.categories for _, result in chunk]

    def finish(self) -> pd.DataFrame:
        return category_frame(self.speeches, self.shares, self.names, by=self.over, value=self.value)


def category_frame(speeches: Sequence[Speech], shares: Sequence[CategoryShares], names: Sequence[str], *,
                   by: str = "speech", value: str = "share") -> pd.DataFrame:
    """The table of :func:`category_table` from each speech's :func:`category_shares` result.

    Parameters
    ----------
    speeches : sequence of Speech
        Their metadata (id, year, title, the value of ``by``).
    shares : sequence of CategoryShares
        Each speech's :func:`category_shares` result, in the order of ``speeches``.
    names : sequence of str
        The categories, in dictionary order.
    by : str
        ``"speech"``, or the variable whose values pool the speeches (None last).
    value : {"share", "count"}

    Returns
    -------
    pandas.DataFrame
        See :func:`category_table`.
    """
    import pandas as pd

    from ...corpus import group_key, group_order

    if by == "speech":
        rows = [_table_row({"speech": s.id, "year": s.year, "title": s.title}, [found], names, value)
                for s, found in zip(speeches, shares)]
    else:
        groups: dict = {}
        for speech, found in zip(speeches, shares):
            groups.setdefault(group_key(speech, by), []).append(found)
        rows = [_table_row({by: group}, groups[group], names, value) for group in sorted(groups, key=group_order)]
    frame = pd.DataFrame(rows, columns=[*rows[0]] if rows else [by, "tokens", *names])
    if by == "speech":
        frame["year"] = frame["year"].astype("Int64")
    return frame.set_index(by)


def _table_row(row: dict, results: list[CategoryShares], names: Sequence[str], value: str) -> dict:
    tokens = sum(r.tokens for r in results)
    counts = dict.fromkeys(names, 0)
    for result in results:
        for entry in result.categories:
            if entry.category in counts:
                counts[entry.category] += entry.count
    row["tokens"] = tokens
    for name in names:
        row[name] = counts[name] if value == "count" else (counts[name] / tokens if tokens else 0.0)
    return row


def _check_value(value: str) -> None:
    if value not in ("share", "count"):
        raise SpeechkitError(f"value must be 'share' or 'count', not {value!r}")
