"""An outline as text for people: an indented tree, or a Markdown outline."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from ..model import Item, Outline, Section

_INDENT = "    "
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|<>])")


def _lists(items: Sequence[Item]) -> list[list[Item]]:
    groups: dict[int, list[Item]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return [groups[key] for key in sorted(groups)]


def _list_summary(members: Sequence[Item]) -> str:
    return f"{members[0].marker}…{members[-1].marker} ({len(members)} items, {members[0].kind})"


def _list_lines(items: Sequence[Item], line: Callable[[int, str], str], depth: int = 0) -> list[str]:
    """One line per list of ``items`` (``line(depth, summary)``), the lists nested in a
    member beneath it, one level deeper."""
    lines = []
    for members in _lists(items):
        lines.append(line(depth, _list_summary(members)))
        for member in members:
            lines.extend(_list_lines(member.children, lambda d, text, m=member: line(d, f"{text} in {m.marker}"), depth + 1))
    return lines


def _heading(section: Section) -> str:
    # 专栏 国家物流…, 附件1 名词解释, 第十四条 本办法…: a word or number marker needs a space.
    gap = " " if section.marker[-1:].isalnum() and section.title else ""
    return f"{section.marker}{gap}{section.title}"


def _statistics(section: Section) -> str:
    parts = [f"{section.characters:,} chars", f"{section.share:.1%}"]
    if section.keywords:
        parts.append(", ".join(k.term for k in section.keywords))
    return "; ".join(parts)


def _depth_first(sections: Sequence[Section], depth: int = 0) -> Iterator[tuple[int, Section]]:
    """Each section with its depth, a section before its children, in text order."""
    for section in sections:
        yield depth, section
        yield from _depth_first(section.children, depth + 1)


def outline_to_text(outline: Outline) -> str:
    """An indented tree: one line per section with its size, share and keywords,
    one line per inline list, then the warnings.

    Parameters
    ----------
    outline : Outline

    Returns
    -------
    str

    Examples
    --------
    >>> from speechkit import Speech
    >>> from speechkit.extract.outline.structure import extract_outline
    >>> print(outline_to_text(extract_outline(Speech("一、回顾\\n（一）成绩。\\n三、安排"), keywords=0)))
    一、回顾  [10 chars; 71.4%]
        （一）成绩  [6 chars; 42.9%]
    三、安排  [4 chars; 28.6%]
    warning at 12: 三、 follows 一、: 1 number(s) skipped
    """
    lines = [outline.title] if outline.title else []
    for depth, section in _depth_first(outline.sections):
        pad = _INDENT * depth
        lines.append(f"{pad}{_heading(section)}  [{_statistics(section)}]")
        lines.extend(_list_lines(section.items, lambda d, text: f"{pad}{_INDENT * (d + 1)}{text}"))
    lines.extend(_list_lines(outline.items, lambda d, text: f"{_INDENT * d}outside sections: {text}"))
    lines.extend(f"warning at {w.start}: {w.message}" for w in outline.warnings)
    return "\n".join(lines)


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def outline_to_markdown(outline: Outline) -> str:
    """A Markdown outline: the title as a heading, sections as a nested list with
    their size, share and keywords, inline lists beneath them, then the warnings.

    Parameters
    ----------
    outline : Outline

    Returns
    -------
    str

    Examples
    --------
    >>> from speechkit import Speech
    >>> from speechkit.extract.outline.structure import extract_outline
    >>> print(outline_to_markdown(extract_outline(Speech("一、回顾\\n（一）成绩。一是稳，二是进。"), keywords=0)))
    - **一、** 回顾 *(18 chars, 100.0%)*
      - **（一）** 成绩 *(14 chars, 77.8%)*
        - 一是…二是 (2 items, shi)
    """
    lines = [f"# {_md(outline.title)}", ""] if outline.title else []
    for depth, section in _depth_first(outline.sections):
        pad = "  " * depth
        lines.append(f"{pad}- **{_md(section.marker)}** {_md(section.title)} *({_md(_statistics(section).replace('; ', ', '))})*")
        lines.extend(_list_lines(section.items, lambda d, text: f"{pad}{'  ' * (d + 1)}- {_md(text)}"))
    if outline.items:
        lines += ["", "Lists outside sections:", ""]
        lines.extend(_list_lines(outline.items, lambda d, text: f"{'  ' * d}- {_md(text)}"))
    if outline.warnings:
        lines += ["", "## Warnings", ""]
        lines.extend(f"- at {w.start}: {_md(w.message)}" for w in outline.warnings)
    return "\n".join(lines)
