"""A web page saved from a government site (.html, .htm) to the text of its article.

readability-lxml finds the article (navigation, scripts, styles, side bars and footers
are left out); its paragraphs become lines, as in a .txt file, under the page's title.
htmldate finds the date the page gives. Both come with the ``html`` extra.

trafilatura was tried first: it drops a short paragraph that repeats an earlier one
(各位代表！, said several times in a work report) when it recovers a page's paragraphs
from their own elements, as on gov.cn's article pages; readability keeps every one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Metadata
from .decode import decode_source, needs_extra, normalise_newlines
from .errors import UnreadableFile
from .limits import check_text_size
from .metadata import compact_han

if TYPE_CHECKING:
    from pathlib import Path

    from .limits import ReadLimits

# Elements that end a line of text; a paragraph's inner line breaks are the page's layout.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# Marks a line end where a block or <br> ends, apart from the source's own line breaks.
_LINE_END = "\u2029"
# A line break of the source between two CJK characters is no space (CSS's segment-break
# rule): 国务院\n总理 → 国务院总理; between Latin words it is one.
_CJK_SEGMENT_BREAK = re.compile(r"(?<=[^\x00-\x7f])[ \t\r]*\n[ \t\r\n]*(?=[^\x00-\x7f])")
# Sites append their own name to the <title>: 2016年政府工作报告_中国政府网, …|人民网
_SITE_SUFFIX = re.compile(r"\s*[_|｜—-]+\s*[^_|｜—-]*(?:网|政府|门户|网站|平台)\s*$")


def _lines(element) -> list[str]:
    """The text of ``element`` as lines: one per paragraph, heading or list item, and per <br>."""
    for node in element.iter():
        if not isinstance(node.tag, str):  # comments and processing instructions
            continue
        if node.tag == "br":
            node.tail = _LINE_END + (node.tail or "")
        elif node.tag in _BLOCKS:
            node.text = _LINE_END + (node.text or "")
            node.tail = _LINE_END + (node.tail or "")
    text = _CJK_SEGMENT_BREAK.sub("", element.text_content())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split(_LINE_END))
    return [line for line in lines if line]


def _title(tree) -> str | None:
    """The first <h1> or <h2> heading that the page's <title> holds (not the site's logo),
    else the <title> without the site's name."""
    # The <title> as written: readability's title() rewrites dashes and separators.
    title = compact_han(_SPACES.sub(" ", tree.findtext(".//title") or "").strip())
    for heading in tree.iter("h1", "h2"):
        text = compact_han(_SPACES.sub(" ", heading.text_content()).strip())
        if text and text in title:
            return text
    return _SITE_SUFFIX.sub("", title).strip() or None


def read_html(data: bytes, path: Path, *, limits: ReadLimits) -> tuple[str, Metadata]:
    """The article of a saved web page as text (title, then one line per paragraph) and its
    title and date.

    Raises
    ------
    UnreadableFile
        If the ``html`` extra is missing, the page cannot be decoded or parsed, holds no
        article text, or its text is over the limit.
    """
    try:
        import lxml.html
        from htmldate import find_date
        from readability import Document
    except ImportError:
        raise needs_extra(path, ".html", "html") from None
    # lxml refuses a decoded page that still declares its encoding (older XHTML pages do).
    source = _XML_DECLARATION.sub("", decode_source(data, path), count=1)
    try:
        tree = lxml.html.document_fromstring(source)
        document = Document(source)
        article = lxml.html.fragment_fromstring(document.summary(html_partial=True))
    except Exception as exc:  # lxml and readability raise several unrelated types
        raise UnreadableFile(path, f"not a readable web page ({type(exc).__name__})") from None
    title = _title(tree)
    lines = _lines(article)
    if lines and lines[0] == title:
        lines = lines[1:]
    if not lines:
        raise UnreadableFile(path, "no article text found in the web page")
    text = normalise_newlines("\n".join([title, *lines] if title else lines))
    check_text_size(path, len(text), limits)
    # The date the page states (meta tags, the line under the title); a fixed latest date,
    # not today's, so the same page gives the same date on any day.
    date = find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d", max_date="2100-01-01")
    return text, Metadata(title=title, date=date)
