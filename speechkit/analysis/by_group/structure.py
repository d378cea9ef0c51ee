"""Outlines of a corpus as tables: one row per section, and structure by year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...corpus import group_key, group_order, ungrouped
from ...model import Outline
from ...extract.outline.tree import iter_section_paths, outline_from_dict

if TYPE_CHECKING:
    from ...corpus import Corpus
    from ...speech import Speech

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


def _outlines(corpus, outlines: Sequence | None) -> list[Outline]:
    if outlines is None:
        from ...extract.outline.structure import extract_outline

        return [extract_outline(speech, keywords=0) for speech in corpus]
    if len(outlines) != len(corpus):
        raise ValueError(f"{len(outlines)} outlines given for {len(corpus)} speeches")
    return [o if isinstance(o, Outline) else outline_from_dict(o) for o in outlines]


def sections_frame(corpus: Corpus | Sequence[Speech], outlines: Sequence | None = None):
    """Every section of every speech as a pandas DataFrame (columns: ``SECTION_COLUMNS``).

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    outlines : sequence of Outline or dict, optional
        The speeches' outlines in corpus order (``Outline`` or its ``to_dict()``
        form); computed without keywords when not given.

    Returns
    -------
    pandas.DataFrame
        A row per section, parents before their children, speeches in corpus order.
    """
    import pandas as pd

    rows = []
    for speech, outline in zip(corpus, _outlines(corpus, outlines)):
        rows += outline_rows(outline, speech.id, speech.year)
    frame = pd.DataFrame(rows, columns=SECTION_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def structure_by_year(corpus: Corpus | Sequence[Speech], *, outlines: Sequence | None = None, by: str = "year"):
    """Sections per level and their size, by year (or any grouping variable), as a pandas DataFrame.

    One row per group and level (numbered sections only: 附件 annexes and 专栏 boxes
    are left out): ``speeches`` of that group, ``sections`` at that level,
    ``sections_per_speech`` (over all speeches of the group), and the mean and median
    ``characters`` and mean ``share`` of a section at that level. Speeches without a
    value for ``by`` are grouped under a missing value, last, and their ids are in
    ``frame.attrs["ungrouped"]``.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    outlines : sequence of Outline or dict, optional
        Precomputed outlines in corpus order (see :func:`sections_frame`).
    by : str
        The grouping variable (``year``, ``speaker``, ``org`` or a manifest column);
        it names the first column.

    Returns
    -------
    pandas.DataFrame
        A row per group and level, as above.

    Examples
    --------
    >>> from speechkit import read_corpus
    >>> table = structure_by_year(read_corpus("corpus"))  # doctest: +SKIP
    >>> table[table.level == 1][["year", "sections_per_speech"]]  # doctest: +SKIP
    """
    sections = sections_frame(corpus, outlines)
    keys = {speech.id: group_key(speech, by) for speech in corpus}
    # Groups are numbered in their display order: a missing group stays a group and sorts last.
    groups = sorted(set(keys.values()), key=group_order)
    position = {group: index for index, group in enumerate(groups)}
    rank = {speech: position[group] for speech, group in keys.items()}
    sections = sections[sections["kind"] == "section"].assign(group=lambda f: f["speech"].map(rank))
    speeches = Counter(keys.values())
    grouped = sections.groupby(["group", "level"]).agg(
        sections=("characters", "size"),
        mean_characters=("characters", "mean"),
        median_characters=("characters", "median"),
        mean_share=("share", "mean"),
    )
    frame = grouped.reset_index()
    frame["group"] = [groups[index] for index in frame["group"]]
    frame["speeches"] = [speeches[group] for group in frame["group"]]
    frame["sections_per_speech"] = (frame["sections"] / frame["speeches"]).round(3)
    frame["mean_characters"] = frame["mean_characters"].round(1)
    frame["mean_share"] = frame["mean_share"].round(4)
    frame = frame.rename(columns={"group": by})
    if by == "year":
        frame["year"] = frame["year"].astype("Int64")
    frame = frame[[by, *BY_YEAR_COLUMNS[1:]]]
    frame.attrs["ungrouped"] = ungrouped(corpus, by)
    return frame
