"""A document's text and own metadata, by its kind: plain text and .docx (decoded here),
web pages (:mod:`.html`) and PDF (:mod:`.pdf`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .decode import HTML_SUFFIXES, PDF_SUFFIX, check_size, normalise_newlines, read_bytes, read_source_text
from .limits import ReadLimits

if TYPE_CHECKING:
    from ..model import Metadata


def read_text(path: str | Path, *, limits: ReadLimits | None = None) -> str:
    """Return the decoded text of a supported file, newlines normalised: the text of
    :func:`read_document`, raising as it does."""
    return read_document(path, limits=limits)[0]


def read_document(path: str | Path, *, limits: ReadLimits | None = None) -> tuple[str, Metadata | None]:
    """Return the text of a .txt, .md, .docx, .html/.htm or .pdf file, newlines normalised,
    and the metadata the file itself names (a web page's title and date), if any.

    Raises
    ------
    UnreadableFile
        If the path is not a regular file of a supported type, is over its limits
        (``limits``, default :class:`ReadLimits()`), or cannot be read or decoded.
    """
    path = Path(path)
    limits = limits or ReadLimits()
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from .html import read_html

        data = read_bytes(path, limits)
        return read_html(data, path, limits=limits)
    if suffix == PDF_SUFFIX:
        from .pdf import read_pdf

        check_size(path, limits)
        return read_pdf(path, limits=limits), None
    return normalise_newlines(read_source_text(path, limits=limits)), None
