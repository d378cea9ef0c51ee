"""Walking and querying an outline's section tree, and rebuilding it from JSON."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from ...model import Outline, Section


def iter_sections(sections: Sequence[Section]) -> Iterator[Section]:
    """Every section of a tree, parents before their children, in text order.

    Parameters
    ----------
    sections : sequence of Section
        The top of the tree (:attr:`Outline.sections`, say).

    Yields
    ------
    Section
    """
    for section in sections:
        yield section
        yield from iter_sections(section.children)


def iter_section_paths(sections: Sequence[Section], parents: tuple[Section, ...] = ()) -> Iterator[tuple[Section, ...]]:
    """Every section with its ancestors, as a tuple ``(root, …, section)``, in text order."""
    for section in sections:
        path = (*parents, section)
        yield path
        yield from iter_section_paths(section.children, path)


def _deepest(sections: Sequence[Section], offset: int, starts) -> Section | None:
    found = None
    while sections:
        index = bisect_right(starts(sections), offset) - 1
        if index < 0 or offset >= sections[index].end:
            break
        found = sections[index]
        sections = found.children
    return found


def section_at(outline: Outline, offset: int) -> Section | None:
    """The deepest section that contains character ``offset``, or None.

    Parameters
    ----------
    outline : Outline
    offset : int
        A character offset into the speech text.

    Returns
    -------
    Section or None

    Examples
    --------
    >>> from speechkit import Speech
    >>> from speechkit.extract.outline.structure import extract_outline
    >>> speech = Speech("一、回顾\\n（一）成绩。\\n二、安排")
    >>> section_at(extract_outline(speech, keywords=0), speech.text.index("成绩")).marker
    '（一）'
    """
    return _deepest(outline.sections, offset, lambda level: [s.start for s in level])


class SectionIndex:
    """:func:`section_at` for many offsets: sibling start lists are computed once."""

    def __init__(self, sections: Sequence[Section]):
        self._roots = sections
        self._starts: dict[int, list[int]] = {}

    def _starts_of(self, level: Sequence[Section]) -> list[int]:
        key = id(level)
        starts = self._starts.get(key)
        if starts is None:
            starts = self._starts[key] = [s.start for s in level]
        return starts

    def deepest(self, offset: int) -> Section | None:
        """The deepest section containing ``offset``, or None."""
        return _deepest(self._roots, offset, self._starts_of)


def outline_from_dict(data: dict) -> Outline:
    """Rebuild an :class:`~speechkit.model.Outline` from its ``to_dict()`` form (e.g. cached JSON).

    Parameters
    ----------
    data : dict
        ``Outline.to_dict()`` data.

    Returns
    -------
    Outline
    """
    return Outline.from_dict(data)
