"""How the tables by year are grouped: by a metadata column as well as by year.

With ``group_by`` (``--group-by``: ``kind``, ``level``, ``org`` or any manifest or
front-matter column) every table by year is built from the speeches of each value of that
column in turn and the tables are stacked under an outer column of its name
(:func:`stack_groups`); the year charts are drawn once per value and the report shows each
group, so national, provincial and district documents are never pooled. Speeches without
a value are not dropped: they form the group ``(none)`` (:data:`MISSING`), last, and a
warning names them.

Without ``group_by`` a corpus that mixes kinds of document (a work report, a congress report
and a logistics plan in one year) or levels is grouped by the first of :data:`MIXTURE_COLUMNS`
with more than one value, and a warning names the mixture: pooling them would make each
year's words and slogans those of whichever documents share it. ``pool`` (``--pool``) keeps
such a corpus pooled. Pooled, the tables stay whole, but the figures — the indicator rows and the
targets ledger — are split by the corpus's level column when it has one
(:func:`level_column`: ``level``, else ``kind``, with more than one value), so a
district's figures never share a row with the nation's, nor are its outcomes taken for
the nation's targets.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from ..corpus import group_key, group_order, ungrouped_warning, variables_hint
from ..errors import SpeechkitError

if TYPE_CHECKING:
    import pandas as pd

    from ..results import Results
    from ..speech import Speech

MISSING = "(none)"
Item = TypeVar("Item")
# Columns that name a document's level (national, provincial, district …), the plainer first.
LEVEL_COLUMNS = ("level", "kind")
# Columns whose mixture splits the tables by year unless pooled: the kind of document, then its level.
MIXTURE_COLUMNS = ("kind", "level")
# Values named in the mixture warning before it says how many more.
MIXTURE_NAMED = 6
# Every table is by year or by speech already.
_NOT_A_GROUPING = ("year", "speech")


@dataclass(frozen=True)
class PictureNames:
    """File names and captions of the pictures of the whole corpus (no ``label``) or of the
    group ``label`` of the column ``by``, whose file names take ``part``."""

    by: str | None = None
    label: str | None = None
    part: str = ""

    def stem(self, stem: str) -> str:
        """``stem`` with the group's part of a file name (``term_trends-national``)."""
        return stem if self.label is None else f"{stem}-{self.part}"

    def caption(self, caption: str, years: Collection[int] = ()) -> str:
        """``caption`` naming the group and the span of ``years`` a picture over years shows
        (``词频趋势（每万词）（level：national）（2013–2024）``)."""
        named = caption if self.label is None else f"{caption}（{self.by}：{self.label}）"
        span = year_span(years)
        return f"{named}（{span}）" if span else named


def year_span(years: Collection[int]) -> str:
    """The years of a picture as a span (``2013–2024``), one year alone, empty without one
    (missing years, None or NaN, are left out)."""
    import pandas as pd

    dated = sorted(int(year) for year in years if pd.notna(year))
    if not dated:
        return ""
    return str(dated[0]) if dated[0] == dated[-1] else f"{dated[0]}–{dated[-1]}"


@dataclass(frozen=True)
class Grouping:
    """The grouping of one run.

    Attributes
    ----------
    by : str or None
        The ``group_by`` column: every table by year, the year charts and the report are
        split by it.
    indicators : str or None
        The column that splits the figures (indicator rows, targets): ``by``, or the
        corpus's level column.
    why : str
        How the grouping was chosen.
    groups : dict of str to list of int
        For each value of the column (as a label, :data:`MISSING` last), the positions of
        its speeches in corpus order; empty when nothing is split.
    missing : tuple of str
        Ids of the speeches without a value, grouped as :data:`MISSING`.
    """

    by: str | None = None
    indicators: str | None = None
    why: str = ""
    groups: dict[str, list[int]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    mixed: bool = False

    def mixture_warning(self) -> str | None:
        """One line naming the mixture of kinds (or levels) that split the tables by
        default, or None when the grouping was asked for or nothing is mixed."""
        if not self.mixed:
            return None
        sizes = [f"{label} ({len(positions)})" for label, positions in self.groups.items()]
        named = ", ".join(sizes[:MIXTURE_NAMED]) + (f" and {len(sizes) - MIXTURE_NAMED} more" if len(sizes) > MIXTURE_NAMED else "")
        return (f"warning: the corpus mixes {len(sizes)} values of {self.by}: {named}; every table by year is split by "
                f"{self.by} (--group-by names another column, --pool keeps them together)")

    def warning(self) -> str | None:
        """One line naming the speeches grouped as :data:`MISSING`, or None."""
        if self.indicators is None:
            return None
        where = "every table and chart" if self.by is not None else "the indicator and target tables"
        return ungrouped_warning(self.missing, self.indicators, kept_as=MISSING, where=where)

    def picture_names(self) -> dict[str, PictureNames]:
        """The file names and captions of each group's pictures, each group with a distinct
        part of a file name (``national``, ``(none)``)."""
        from ..names import safe_file_name, unique_ids

        parts = unique_ids([[safe_file_name(label)] for label in self.groups])
        return {label: PictureNames(self.indicators, label, part) for label, part in zip(self.groups, parts)}

    def to_dict(self) -> dict[str, Any]:
        """The grouping for summary.json: the columns, why, speeches per group, those without a value."""
        return {
            "by": self.by,
            "indicators": self.indicators,
            "why": self.why,
            "groups": {label: len(positions) for label, positions in self.groups.items()},
            "missing": list(self.missing),
            "mixed": self.mixed,
        }


def group_label(value) -> str:
    """A group value as its label: the text, :data:`MISSING` for a missing value."""
    return MISSING if value is None else str(value)


def level_column(speeches: Sequence[Speech]) -> str | None:
    """The first of :data:`LEVEL_COLUMNS` for which the speeches have more than one value, or None."""
    for column in LEVEL_COLUMNS:
        if len({group_key(speech, column) for speech in speeches} - {None}) > 1:
            return column
    return None


def check_group_by(speeches: Sequence[Speech], group_by: str) -> None:
    """Refuse a ``group_by`` that cannot split the tables by year.

    Raises
    ------
    SpeechkitError
        If it is ``year`` or ``speech``, or no speech has a value for it (a misspelt column).
    """
    if group_by in _NOT_A_GROUPING:
        raise SpeechkitError(f"--group-by {group_by}: the tables are by year and by speech already; "
                             f"give a column such as kind or level ({variables_hint(speeches)})")
    if all(group_key(speech, group_by) is None for speech in speeches):
        raise SpeechkitError(f"--group-by: no speech has a value for {group_by!r} ({variables_hint(speeches)})")


def mixture_column(speeches: Sequence[Speech]) -> str | None:
    """The first of :data:`MIXTURE_COLUMNS` for which the speeches have more than one value, or None."""
    return next((column for column in MIXTURE_COLUMNS
                 if len({group_key(speech, column) for speech in speeches} - {None}) > 1), None)


def resolve_grouping(speeches: Sequence[Speech], group_by: str | None = None, *, pool: bool = False) -> Grouping:
    """The grouping of a run over ``speeches``: by ``group_by`` when given (checked by
    :func:`check_group_by`); else, unless ``pool``, by the :func:`mixture_column` of a
    corpus that mixes kinds or levels; else the figures alone by :func:`level_column`.

    Parameters
    ----------
    speeches : sequence of Speech
        The speeches (a Corpus, or ``results.corpus``).
    group_by : str, optional
        The metadata column of ``--group-by``.
    pool : bool
        Keep a corpus that mixes kinds or levels pooled (``--pool``).

    Returns
    -------
    Grouping

    Raises
    ------
    SpeechkitError
        For a ``group_by`` that cannot split the tables (see :func:`check_group_by`).
    """
    if group_by is not None:
        check_group_by(speeches, group_by)
        return _split(speeches, group_by, group_by, f"--group-by {group_by}")
    mixture = None if pool else mixture_column(speeches)
    if mixture is not None:
        grouping = _split(speeches, mixture, mixture, f"{mixture} has more than one value: tables by year split by it (--pool keeps them together)")
        return Grouping(grouping.by, grouping.indicators, grouping.why, grouping.groups, grouping.missing, mixed=True)
    column = level_column(speeches)
    if column is None:
        return Grouping(why=f"no {' or '.join(LEVEL_COLUMNS)} column with more than one value: nothing split")
    return _split(speeches, None, column, f"{column} has more than one value: indicators and targets split by it")


def _split(speeches: Sequence[Speech], by: str | None, column: str, why: str) -> Grouping:
    values = [group_key(speech, column) for speech in speeches]
    positions: dict[Any, list[int]] = {}
    for position, value in enumerate(values):
        positions.setdefault(value, []).append(position)
    groups = {group_label(value): positions[value] for value in sorted(positions, key=group_order)}
    missing = tuple(speech.id for speech, value in zip(speeches, values) if value is None)
    return Grouping(by, column, why, groups, missing)


def split_results(results: Results, grouping: Grouping) -> dict[str | None, Results]:
    """The results of each group of ``grouping`` (its labels, in order), or of the whole
    corpus under the key None when ``grouping`` splits nothing (``grouping.by`` is None).

    Parameters
    ----------
    results : Results
        The results the grouping was resolved on.
    grouping : Grouping
        From :func:`resolve_grouping` of the same speeches.

    Returns
    -------
    dict of str (or None) to Results
    """
    if grouping.by is None:
        return {None: results}
    return {label: results.take(positions) for label, positions in grouping.groups.items()}


def tables_by_group(results: Results, build: Callable[[Results], pd.DataFrame | None], *, by: str | None = None,
                    pool: bool = False, over: str = "year", index: bool = False,
                    missing: str | None = None) -> pd.DataFrame:
    """A table by ``over`` (year) of the whole corpus, or of each group of the grouping that
    ``by`` and ``pool`` resolve as ``analyze --group-by/--pool`` does, stacked
    (:func:`stack_groups`): split, apply ``build``, combine.

    Parameters
    ----------
    results : Results
    build : callable
        The table of one group's results (or of all of them), or None: the group has none.
    by : str, optional
        Split the corpus by this column and stack each group's table under it, as
        ``analyze --group-by`` does (default: by the kind or level a corpus mixes;
        :func:`resolve_grouping`).
    pool : bool
        Keep a corpus that mixes kinds or levels together (``analyze --pool``).
    over : str
        The variable the table is by; a group without a value of it has no table, and a
        grouping by ``over`` itself splits nothing.
    index : bool
        The tables are keyed by their index (see :func:`stack_groups`).
    missing : str, optional
        What the error says when no group has a table.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    SpeechkitError
        When the corpus is split and no group has a value of ``over``, or no group has a table.
    """
    column, parts = group_parts(results, by=by, pool=pool, over=over)
    frames = {label: frame for label, part in parts.items() if (frame := build(part)) is not None}
    if not frames:
        raise SpeechkitError(missing or f"no table by {over}")
    return frames[None] if column is None else stack_groups(frames, column, index)


def group_parts(results: Results, *, by: str | None = None, pool: bool = False,
                over: str = "year") -> tuple[str | None, dict[str | None, Results]]:
    """The grouping column and the results of each group (see :func:`tables_by_group`):
    ``(None, {None: results})`` when the grouping splits nothing (or splits by ``over``
    itself), else only the groups with a value of ``over``.

    Parameters
    ----------
    results : Results
    by : str, optional
        The grouping column (see :func:`resolve_grouping`).
    pool : bool
        Keep a corpus that mixes kinds or levels together.
    over : str
        The variable the tables are by.

    Returns
    -------
    tuple of (str or None, dict)
        The grouping column (None: not split) and each group's results by label.

    Raises
    ------
    SpeechkitError
        When the corpus is split and no group has a value of ``over``.
    """
    grouping = resolve_grouping(results.corpus, by, pool=pool)
    if grouping.by is None or grouping.by == over:
        return None, {None: results}
    parts = {label: part for label, part in split_results(results, grouping).items()
             if any(group_key(speech, over) is not None for speech in part.corpus)}
    if not parts:
        raise SpeechkitError(f"no speech has a value for {over!r}")
    return grouping.by, parts


def records_by_speech(items: Iterable[Item]) -> dict[str, list[Item]]:
    """Records that name their speech (passages, count units …), grouped by it.

    Parameters
    ----------
    items : iterable
        Records with a ``speech`` attribute.

    Returns
    -------
    dict
        Speech id to its records, speeches in the order of their first record, each
        speech's records in their given order.
    """
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.speech, []).append(item)
    return grouped


def stack_groups(tables: Mapping[str, pd.DataFrame], column: str, index: bool = False) -> pd.DataFrame:
    """One table from the tables of each group: the rows of each group in turn, under an
    outer column holding the group's label.

    Parameters
    ----------
    tables : mapping of group label to DataFrame
        Tables of one kind (slogans by year, say), groups in order.
    column : str
        The grouping column. The outer column takes its name, or ``<column>_group`` where
        the tables have a column of that name (the slogans' ``kind``, the outline ``level``
        of the structure table).
    index : bool
        The tables are keyed by their index (the outer column becomes its first level),
        not long tables (it becomes their first column).

    Returns
    -------
    pandas.DataFrame
        Year columns (integer column labels) are those of every group, in order; where
        the groups' were integers they stay integers, missing for a group without that year.
    """
    import pandas as pd
    from pandas.api.types import is_integer_dtype

    frames = list(tables.values())
    taken = {name for frame in frames for name in (*frame.columns, *frame.index.names)}
    outer = column if column not in taken else f"{column}_group"
    # An unnamed index is written as "index" when ungrouped: the same name when grouped.
    inner = [name if name is not None or not index else "index" for name in frames[0].index.names]
    stacked = pd.concat(frames, keys=list(tables), names=[outer, *inner])
    years = sorted({c for frame in frames for c in frame.columns if _is_year(c)})
    if years:
        first = list(frames[0].columns)
        cut = next((i for i, c in enumerate(first) if _is_year(c)), len(first))
        others = [c for c in first if not _is_year(c)]
        stacked = stacked[[*others[:cut], *years, *others[cut:]]]
        for year in years:
            if all(is_integer_dtype(frame[year]) for frame in frames if year in frame.columns):
                stacked[year] = stacked[year].astype("Int64")
    return stacked if index else stacked.reset_index(level=0).reset_index(drop=True)


def _is_year(label) -> bool:
    return isinstance(label, int) and not isinstance(label, bool)
