"""Outlines of a corpus as tables: one row per section, and structure by year."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ...model import Outline
from ...extract.outline.tree import iter_section_paths, outline_from_dict

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
                "keywords": ";".join(k["term"] for k in section.keywords),
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


def sections_frame(corpus, outlines: Sequence | None = None):
    """Every section of every speech as a pandas DataFrame (columns: ``SECTION_COLUMNS``).

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    outlines : sequence of Outline or dict, optional
        The speeches' outlines in corpus order (``Outline`` or its ``to_dict()``
        form); computed without keywords when not given.
    """
    import pandas as pd

    rows = []
    for speech, outline in zip(corpus, _outlines(corpus, outlines)):
        rows += outline_rows(outline, speech.id, speech.year)
    frame = pd.DataFrame(rows, columns=SECTION_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def structure_by_year(corpus, outlines: Sequence | None = None):
    """Sections per level and their size, by year, as a pandas DataFrame.

    One row per year and level (numbered sections only: 附件 annexes and 专栏 boxes
    are left out): ``speeches`` of that year, ``sections`` at that level,
    ``sections_per_speech`` (over all speeches of the year), and the mean and median
    ``characters`` and mean ``share`` of a section at that level. Speeches without a
    year are grouped under a missing year, last.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    outlines : sequence of Outline or dict, optional
        Precomputed outlines in corpus order (see :func:`sections_frame`).

    Examples
    --------
    >>> from speechkit import read_corpus
    >>> table = structure_by_year(read_corpus("corpus"))  # doctest: +SKIP
    >>> table[table.level == 1][["year", "sections_per_speech"]]  # doctest: +SKIP
    """
    import pandas as pd

    sections = sections_frame(corpus, outlines)
    sections = sections[sections["kind"] == "section"]
    speeches = Counter(speech.year for speech in corpus)
    grouped = sections.groupby(["year", "level"], dropna=False).agg(
        sections=("characters", "size"),
        mean_characters=("characters", "mean"),
        median_characters=("characters", "median"),
        mean_share=("share", "mean"),
    )
    frame = grouped.reset_index()
    frame["speeches"] = [speeches[None if pd.isna(year) else int(year)] for year in frame["year"]]
    frame["sections_per_speech"] = (frame["sections"] / frame["speeches"]).round(3)
    frame["mean_characters"] = frame["mean_characters"].round(1)
    frame["mean_share"] = frame["mean_share"].round(4)
    frame = frame.sort_values(["year", "level"], na_position="last", kind="stable").reset_index(drop=True)
    return frame[BY_YEAR_COLUMNS]
