"""The text layer of a PDF (.pdf) as paragraphs, read with pypdfium2 (the ``pdf`` extra).

A printed report's PDF holds lines, not paragraphs: each line is placed on its page,
pages carry a running header, a footer and a page number. From the place of each line:

- a line repeated at the top or the bottom of most pages (digits aside) is a running
  header or footer, and a line there that is only a page number (3, - 3 -, 第3页,
  3/20) is a page number; both are removed;
- lines are joined into paragraphs: a paragraph starts where a line is indented, where
  the gap above it is wider than the usual line spacing, or after a line that stops short
  of the right margin (the last line of a paragraph, a heading); a paragraph runs on
  across a page break otherwise.

A scanned PDF without a text layer yields no text and is reported as such.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from .decode import needs_extra, normalise_newlines
from .errors import UnreadableFile
from .limits import check_text_size

if TYPE_CHECKING:
    from pathlib import Path

    from .limits import ReadLimits

_PAGE_NUMBER = re.compile(
    r"^[-—–_·•\s]*(?:第\s*)?(?:\d{1,4}|[ivxlcdmIVXLCDM]{1,6})\s*(?:页)?\s*(?:/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–_·•\s]*$"
)
_DIGITS = re.compile(r"\d+")
# A page's furniture: a running title and a rule or a date above, a page number and a
# footer line below; never more lines than this at either end.
FURNITURE_LINES = 2
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")


@dataclass(frozen=True)
class Line:
    """One line of a page: its text and its box in points (origin at the page's bottom left)."""

    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _page_lines(page) -> list[Line]:
    """The lines of a page from top to bottom; pieces of one line (the same baseline) joined."""
    textpage = page.get_textpage()
    try:
        pieces = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", "").replace("\n", "")
            if text.strip():
                pieces.append(Line(text, left, bottom, right, top))
    finally:
        textpage.close()
    lines: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (-round(p.bottom), p.left)):
        last = lines[-1] if lines else None
        if last and abs(last.bottom - piece.bottom) < min(last.height, piece.height) / 2:
            lines[-1] = Line(last.text + piece.text, last.left, min(last.bottom, piece.bottom), piece.right, max(last.top, piece.top))
        else:
            lines.append(piece)
    return lines


def _shape(text: str) -> str:
    return _DIGITS.sub("#", "".join(text.split()))


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """The shapes (digits as #) of lines at the top or the bottom of at least half the pages (and two)."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line.text) for line in lines[:1] + lines[-1:]})
    needed = max(2, len(pages) / 2)
    return {shape for shape, count in counts.items() if count >= needed}


def _is_page_furniture(line: Line, running: set[str]) -> bool:
    return bool(_PAGE_NUMBER.match(line.text)) or _shape(line.text) in running


def body_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Each page's lines without its running header, footer and page number (at most
    :data:`FURNITURE_LINES` lines at the top and as many at the bottom)."""
    running = _running_lines(pages)
    kept = []
    for lines in pages:
        start, end = 0, len(lines)
        while start < min(end, FURNITURE_LINES) and _is_page_furniture(lines[start], running):
            start += 1
        while end > max(start, len(lines) - FURNITURE_LINES) and _is_page_furniture(lines[end - 1], running):
            end -= 1
        kept.append(lines[start:end])
    return kept


def _join(previous: str, following: str) -> str:
    # Chinese runs on without a space; two Latin words wrapped apart get one.
    if _LATIN_END.search(previous) and _LATIN_START.search(following):
        return previous + " " + following
    return previous + following


def paragraphs(pages: list[list[Line]]) -> list[str]:
    """The paragraphs of the body lines of every page, rejoined across line and page breaks."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    size = median(line.height for line in lines)
    # The leftmost line: a paragraph's second line, where its first is indented. (Where
    # every paragraph is a single indented line, the indent is taken for the margin and
    # the short lines still end the paragraphs.)
    left_margin = min(line.left for line in lines)
    # The right edge most full lines reach (a stray wide line aside); a full line may stop
    # short of it by the width of a character and of a closing comma's empty half.
    rights = sorted(line.right for line in lines)
    right_margin = rights[int(len(rights) * 0.9)]
    gaps = [above.bottom - below.bottom for page in pages for above, below in zip(page, page[1:])]
    spacing = median(gaps) if gaps else size * 2
    found: list[str] = []
    previous: Line | None = None
    for page_number, page in enumerate(pages):
        for index, line in enumerate(page):
            text = line.text.strip()
            starts = (
                previous is None
                or line.text[:1].isspace()
                or line.left > left_margin + size * 0.9
                or previous.right < right_margin - size * 2.5
                or (index > 0 and page[index - 1].bottom - line.bottom > spacing * 1.4)
            )
            if starts or not found:
                found.append(text)
            else:
                found[-1] = _join(found[-1], text)
            previous = line
    return [paragraph for paragraph in found if paragraph]


def read_pdf(path: Path, *, limits: ReadLimits) -> str:
    """The text of a PDF's text layer: one line per paragraph, page furniture removed.

    Raises
    ------
    UnreadableFile
        If the ``pdf`` extra is missing, the file is no readable PDF (or is encrypted),
        has no text layer, or its text is over the limit.
    """
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise needs_extra(path, ".pdf", "pdf") from None
    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises PdfiumError, and OSError for unreadable files
        raise UnreadableFile(path, f"not a readable PDF ({exc})") from None
    try:
        pages = []
        characters = 0
        for page in document:
            try:
                lines = _page_lines(page)
            finally:
                page.close()
            characters += sum(len(line.text) for line in lines)
            check_text_size(path, characters, limits)  # stop reading as soon as the limit is passed
            pages.append(lines)
    finally:
        document.close()
    text = "\n".join(paragraphs(body_lines(pages)))
    if not text.strip():
        raise UnreadableFile(path, "no text layer in the PDF (a scan? run OCR first)")
    return normalise_newlines(text)
