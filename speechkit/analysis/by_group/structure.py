"""Outlines of a corpus as tables: one row per section, and structure by year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...corpus import group_key, group_order, ungrouped
from ...extract.outline.tree import iter_section_paths
from ..grouping import tables_by_group
from ..speech_tables import SpeechTable, speech_table_frames

if TYPE_CHECKING:
    import pandas as pd

    from ...model import Outline
    from ...results import Results
    from ...speech import Speech
    from ..speech_tables import Chunk

SECTION_COLUMNS = [
    "speech", "year", "path", "level", "kind", "marker", "number", "title",
    "start", "end", "characters", "share", "items", "lists", "keywords",
]  # fmt: skip
BY_YEAR_COLUMNS = [
    "year", "level", "speeches", "sections", "sections_per_speech",
    "mean_characters", "median_characters", "mean_share",
]  # fmt: skip


def outline_rows(outline: Outline, speech_id: str | None = None, year: int | None = None) -> list[dict]:
    """One JSON-ready row per section of ``outline`` (parents first, in text order).

    ``path`` joins the markers from the top (一、/（二）/1.); ``items`` counts the inline
    list members directly in the section, ``lists`` the lists; ``keywords`` joins the
    section's keywords with ``;``.
    """
    rows = []
    for path in iter_section_paths(outline.sections):
        section = path[-1]
        rows.append(
            {
                "speech": speech_id,
                "year": year,
                "path": "/".join(s.marker for s in path),
                "level": section.level,
                "kind": section.kind,
                "marker": section.marker,
                "number": section.number,
                "title": section.title,
                "start": section.start,
                "end": section.end,
                "characters": section.characters,
                "share": section.share,
                "items": len(section.items),
                "lists": len({item.group for item in section.items}),
                "keywords": ";".join(k.term for k in section.keywords),
            }
        )
    return rows


def sections_table(results: Results) -> pd.DataFrame:
    """Every section of every speech, a row each: the table ``sections`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (their outlines).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SECTION_COLUMNS`, speeches in corpus order, a section's parents
        before it.
    """
    return speech_table_frames(results, [SECTIONS])[SECTIONS.name]


def section_rows(chunk: Chunk) -> pd.DataFrame:
    """The rows of :func:`sections_table` of a chunk of speeches."""
    return sections_frame([speech for speech, _ in chunk], [result.outline for _, result in chunk])


def sections_frame(speeches: Sequence[Speech], outlines: Sequence[Outline]) -> pd.DataFrame:
    """Every section of outlines at hand as a table.

    Parameters
    ----------
    speeches : sequence of Speech
        Their id and year.
    outlines : sequence of Outline
        One per speech, in the same order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SECTION_COLUMNS`.
    """
    import pandas as pd

    if len(outlines) != len(speeches):
        raise ValueError(f"{len(outlines)} outlines given for {len(speeches)} speeches")
    rows = []
    for speech, outline in zip(speeches, outlines):
        rows += outline_rows(outline, speech.id, speech.year)
    frame = pd.DataFrame(rows, columns=SECTION_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


SECTIONS = SpeechTable("sections", section_rows)


def structure_by_year(results: Results, *, by: str | None = None, pool: bool = False, over: str = "year") -> pd.DataFrame:
    """Sections per level and their size, by year (or any variable): the table
    ``structure_by_year`` of ``speechkit analyze``.

    One row per year and level (numbered sections only: 附件 annexes and 专栏 boxes
    are left out): ``speeches`` of that year, ``sections`` at that level,
    ``sections_per_speech`` (over all speeches of the year), and the mean and median
    ``characters`` and mean ``share`` of a section at that level. Speeches without a
    value for ``over`` are grouped under a missing value, last, and their ids are in
    ``frame.attrs["ungrouped"]``.

    Parameters
    ----------
    results : Results
        The speeches' results (their outlines).
    by, pool
        The grouping of ``analyze --group-by`` and ``--pool``, as for
        :func:`~speechkit.analysis.grouping.tables_by_group`.
    over : str
        The variable of the rows (``year``, ``speaker``, ``org`` or a manifest column);
        it names the first column.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`BY_YEAR_COLUMNS` (the first named ``over``); with a grouping, the
        group's column first.

    Examples
    --------
    >>> table = structure_by_year(read_corpus("corpus").results())  # doctest: +SKIP
    >>> table[table.level == 1][["year", "sections_per_speech"]]  # doctest: +SKIP
    """
    from ..passes import read_once

    def structure(part: Results) -> pd.DataFrame:
        return read_once(part, [SectionStructure(part.corpus, over=over)])[0]

    frame = tables_by_group(results, structure, by=by, pool=pool, over=over)
    frame.attrs["ungrouped"] = ungrouped(results.corpus, over)
    return frame


class SectionStructure:
    """The table of :func:`structure_by_year` of results not split by any grouping, as a
    consumer of one reading of them (:func:`~speechkit.analysis.passes.read_once`): the sizes
    of the numbered sections are taken a chunk of results at a time, never every outline at once.

    Parameters
    ----------
    speeches : sequence of Speech
        The speeches of the results, in order (their value of ``over``).
    over : str
        The variable of the rows.
    """

    def __init__(self, speeches: Sequence[Speech], *, over: str = "year"):
        self.speeches, self.over = speeches, over
        self.sizes: list[tuple[str, int, int, float]] = []

    def add(self, chunk: Chunk) -> None:
        self.sizes += numbered_section_sizes([(speech, result.outline) for speech, result in chunk])

    def finish(self) -> pd.DataFrame:
        return _structure_of(self.speeches, self.sizes, self.over)


def structure_table(speeches: Sequence[Speech], outlines: Sequence[Outline], *, over: str = "year") -> pd.DataFrame:
    """The table of :func:`structure_by_year` from outlines at hand (those a command has
    just drawn, say), in the order of ``speeches``, not split by any grouping.

    Parameters
    ----------
    speeches : sequence of Speech
        Their metadata (the value of ``over``).
    outlines : sequence of Outline
        One per speech, in the same order.
    over : str
        The variable of the rows.

    Returns
    -------
    pandas.DataFrame
        See :func:`structure_by_year`.
    """
    if len(outlines) != len(speeches):
        raise ValueError(f"{len(outlines)} outlines given for {len(speeches)} speeches")
    return _structure_of(speeches, numbered_section_sizes(list(zip(speeches, outlines))), over)


def numbered_section_sizes(outlines: Sequence[tuple[Speech, Outline]]) -> list[tuple[str, int, int, float]]:
    """``(speech, level, characters, share)`` of each numbered section (附件 annexes and 专栏
    boxes left out) of each speech with its outline, a section's parents before it: what
    :func:`structure_by_year` is made of."""
    sizes = []
    for speech, outline in outlines:
        sizes += [(speech.id, path[-1].level, path[-1].characters, path[-1].share)
                  for path in iter_section_paths(outline.sections) if path[-1].kind == "section"]
    return sizes


def _structure_of(speeches: Sequence[Speech], sizes: Sequence[tuple[str, int, int, float]], over: str) -> pd.DataFrame:
    """The table of :func:`structure_table` from the speeches' :func:`numbered_section_sizes`."""
    import pandas as pd

    by = over
    sections = pd.DataFrame(sizes, columns=["speech", "level", "characters", "share"])
    keys = {speech.id: group_key(speech, by) for speech in speeches}
    # Groups are numbered in their display order: a missing group stays a group and sorts last.
    groups = sorted(set(keys.values()), key=group_order)
    position = {group: index for index, group in enumerate(groups)}
    rank = {speech: position[group] for speech, group in keys.items()}
    sections = sections.assign(group=lambda f: f["speech"].map(rank))
    speeches_of = Counter(keys.values())
    grouped = sections.groupby(["group", "level"]).agg(
        sections=("characters", "size"),
        mean_characters=("characters", "mean"),
        median_characters=("characters", "median"),
        mean_share=("share", "mean"),
    )
    frame = grouped.reset_index()
    frame["group"] = [groups[index] for index in frame["group"]]
    frame["speeches"] = [speeches_of[group] for group in frame["group"]]
    frame["sections_per_speech"] = (frame["sections"] / frame["speeches"]).round(3)
    frame["mean_characters"] = frame["mean_characters"].round(1)
    frame["mean_share"] = frame["mean_share"].round(4)
    frame = frame.rename(columns={"group": by})
    if by == "year":
        frame["year"] = frame["year"].astype("Int64")
    return frame[[by, *BY_YEAR_COLUMNS[1:]]]
