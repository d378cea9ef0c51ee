"""Outlines a careful reader would doubt, over every document of ../shared/data.

For each document the extracted outline is checked for what usually means a heading
was missed, taken where none is, or nested wrongly:

``numbering``
    a gap, repeat, restart or first number other than 1 among siblings (the
    outline's own warnings);
``top count``
    a number of level-1 sections outside the usual range (2 to 12);
``long heading``
    a title longer than 60 characters (body text taken for a heading);
``inside paragraph``
    a heading marker (一、, （一）) that follows a sentence stop inside a paragraph:
    a heading the line breaks of the source lost;
``unplaced marker``
    a paragraph opening with a heading marker that heads no section;
``after closing``
    a heading of the body after a paragraph that closes a speech (谢谢大家, 就讲这些),
    or a section of the body that runs past the closing;
``mixed styles``
    sections of one level whose markers are of different styles (（一） under one
    part, 1. under another), the less frequent ones flagged;
``title line``
    a short line without a stop in the body that heads no section (a part title
    without a number, or a heading whose marker was lost);
``apart``
    the annexes, glossaries (注释, 名词解释) and boxes (专栏) the outline found;
``next text``
    the title of another text inside the document (在…上的讲话, …政府工作报告, …关于…的意见,
    李四同志讲话, 市长 李四): the outline starts a new tree there, unless the title is written
    more than once (a page's running header);
``unnumbered part``
    a level-1 heading without a number beside numbered ones (2024年工作回顾 / … / 二、…):
    a top heading written without its number, or a line taken for one;
``contents``
    a table of contents at the top: its lines head nothing;
``page furniture``
    a page number or a running header's repeat on a line of its own, which the outline
    leaves out of the paragraphs it reads.

Documents of the split's ``sealed`` part (``tests/gold/split.tsv``) are printed as
counts per check only, never with their text; every other document's flags are
printed with the heading's first characters, for reading.

Run: PYTHONPATH=. python benchmarks/audit_outline.py [--all-counts]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED  # noqa: E402
from _eval_metrics import read_split  # noqa: E402

FOLDERS = ("real", "genres", "provinces", "seed")
TOP_RANGE = (2, 12)
LONG_TITLE = 60
SNIPPET = 24
# A heading marker after a sentence stop inside a paragraph (。（二）加快…).
# 一、二、三产业 lists numerals: no heading.
_INNER_HEADING = re.compile(r"(?<=[。！？；])[ \u3000]*(?:[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十])|[（(][一二三四五六七八九十]{1,3}[）)])")
# Styles that number headings; a glossary label under an annex label is that annex's title.
_NUMBERED_STYLES = frozenset({"cn", "paren_cn", "arabic", "paren_arabic"})


def audit(text: str, outline, paragraphs) -> list[tuple[str, int, str]]:
    """The doubts about one outline: ``(check, offset, note)`` in text order.

    Parameters
    ----------
    text : str
        The speech text.
    outline : speechkit.model.Outline
        Its outline.
    paragraphs : sequence of TextUnit
        Its paragraphs.

    Returns
    -------
    list of (str, int, str)
    """
    from speechkit.extract.outline.headings import is_document_title, is_title_line, table_of_contents, without_page_furniture
    from speechkit.extract.outline.markers import match_heading
    from speechkit.extract.outline.parts import has_closing_formula
    from speechkit.extract.outline.tree import iter_section_paths
    from speechkit.model import Span

    flags: list[tuple[str, int, str]] = []
    flags += [("numbering", w.start, f"{w.kind}: {w.message}") for w in outline.warnings]
    top = [s for s in outline.sections if s.kind == "section"]
    if top and not TOP_RANGE[0] <= len(top) <= TOP_RANGE[1]:
        flags.append(("top count", top[0].start, f"{len(top)} level-1 sections"))
    if any(s.marker for s in top):
        flags += [("unnumbered part", s.start, f"L1 {s.title[:12]} among numbered parts") for s in top if not s.marker]
    contents = sorted(table_of_contents(paragraphs, [match_heading(text, p.start, p.end) for p in paragraphs]))
    if contents:
        flags.append(("contents", paragraphs[contents[0]].start, f"{len(contents)} lines of a table of contents"))
    kept = {p.start for p in without_page_furniture(paragraphs)}
    flags += [("page furniture", p.start, "left out of the outline's paragraphs") for p in paragraphs if p.start not in kept]
    paths = list(iter_section_paths(outline.sections))
    heading_starts = {path[-1].start for path in paths}
    levels: dict[int, Counter] = {}
    # The first paragraph that says goodbye (谢谢大家, 就讲这些): the body ends there.
    farewell = next((p.start for p in paragraphs if has_closing_formula(p.text)), len(text))
    for path in paths:
        section = path[-1]
        if len(section.title) > LONG_TITLE:
            flags.append(("long heading", section.start, f"L{section.level} title of {len(section.title)} characters"))
        if section.kind != "section":
            flags.append(("apart", section.start, f"{section.kind} L{section.level} {section.marker}"))
        if path[0].kind != "section":
            continue  # annexes and glossaries stand after the body and number their own way
        if section.kind == "section":
            levels.setdefault(section.level, Counter())[_style(text, section)] += 1
        if section.start > farewell:
            flags.append(("after closing", section.start, f"L{section.level} {section.marker} after a closing formula"))
        elif outline.closing is not None and section.end > outline.closing.end:
            flags.append(("after closing", section.start, f"L{section.level} {section.marker} runs past the closing"))
    for path in paths:
        section = path[-1]
        styles = levels.get(section.level, Counter())
        if path[0].kind == "section" and section.kind == "section" and styles[_style(text, section)] < max(styles.values(), default=0):
            flags.append(("mixed styles", section.start, f"L{section.level} {section.marker} among {dict(styles)}"))
    body = (outline.salutation or outline.title_span or Span(0, 0)).end
    closing = outline.closing.start if outline.closing is not None else len(text)
    written = Counter(para.text.strip() for para in paragraphs)
    first_heading = min(heading_starts, default=len(text))  # a title above the first heading is the text's own
    for para in paragraphs:
        if first_heading < para.start and is_document_title(para.text):
            repeated = written[para.text.strip()] > 1
            flags.append(("next text", para.start, "a running header: starts nothing" if repeated else "a new tree starts here"))
        marker = match_heading(text, para.start, para.end)
        if marker is not None and marker.start not in heading_starts and (marker.style in _NUMBERED_STYLES or marker.style.startswith("part_")):
            flags.append(("unplaced marker", marker.start, f"{marker.style} {marker.number}"))
        if body < para.start < closing and marker is None and para.start not in heading_starts and is_title_line(para.text):
            flags.append(("title line", para.start, "a short line without a stop heads no section"))
        for match in _INNER_HEADING.finditer(text, para.start, para.end):
            flags.append(("inside paragraph", match.start(), match.group().strip()))
    return sorted(flags, key=lambda flag: (flag[1], flag[0]))


def _style(text: str, section) -> str:
    """The numbering style of a section's marker as the outline reads it (an unnumbered
    part title has none of its own)."""
    from speechkit.extract.outline.markers import PART_TITLE, match_heading

    marker = match_heading(text, section.start, section.end) if section.marker else None
    return marker.style if marker is not None else PART_TITLE


def main() -> None:
    from speechkit import read_speech
    from speechkit.extract.outline import extract_outline

    split = read_split(ROOT / "tests" / "gold" / "split.tsv")
    totals: Counter = Counter()
    for folder in FOLDERS:
        for path in sorted((SHARED / folder).glob("*.txt")):
            key = f"{folder}/{path.name}"
            speech = read_speech(path)
            flags = audit(speech.text, extract_outline(speech, keywords=0), speech.paragraphs)
            counts = Counter(check for check, _, _ in flags)
            totals.update(counts)
            part = split[key][1] if key in split else "not in split"
            print(f"== {key} ({part}): {sum(counts.values())} flags {dict(sorted(counts.items()))}")
            if part == "sealed":
                continue
            for check, offset, note in flags:
                snippet = speech.text[offset : offset + SNIPPET].replace("\n", "⏎")
                print(f"   {check:<17}{offset:>7}  {note}  |{snippet}")
    print(f"== all: {dict(sorted(totals.items()))}")


if __name__ == "__main__":
    main()
