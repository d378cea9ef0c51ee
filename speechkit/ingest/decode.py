"""File bytes to text.

Decoding uses charset-normalizer (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with
BOM, Big5 …); newlines become ``\\n`` and the text is otherwise kept exactly as written,
so offsets refer to it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import SpeechkitError
from ..names import readable_path

TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, DOCX_SUFFIX)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# The encodings Chinese documents come in, in the order that breaks a tie between
# equally plausible readings (short GB texts also decode as Big5 gibberish).
ENCODINGS = ("utf_8", "utf_16", "utf_32", "gb18030", "big5")


class UnreadableFile(SpeechkitError):
    """A file that cannot be read as a speech; ``path`` (readable text) and ``reason`` kept apart.

    The message is ``path: reason``; a folder listing records the two fields
    separately, since a path may itself contain ``: ``.
    """

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = readable_path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


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


def _looks_binary(data: bytes) -> bool:
    # UTF-16 text is full of NULs, but then it starts with a BOM.
    return b"\x00" in data[:8192] and not data.startswith(_BOMS[1:])


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
    if _looks_binary(data):
        raise UnreadableFile(name, "binary file, not text")
    try:
        # Valid UTF-8 is UTF-8: GB and Big5 text almost never is, while the detector
        # may read a short UTF-8 text with symbols (■同志们) as GB18030 gibberish.
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        matches = list(from_bytes(data, cp_isolation=list(ENCODINGS)))
        if not matches:
            raise UnreadableFile(name, "cannot detect the text encoding") from None
        text = str(min(matches, key=lambda m: (m.chaos, -m.coherence, ENCODINGS.index(m.encoding))))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableFile(name, "empty file")
    return text


def _read_docx(path: Path) -> str:
    try:
        import docx
    except ImportError:
        raise UnreadableFile(path, "reading .docx needs the docx extra: pip install 'speechkit[docx]'") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types
        raise UnreadableFile(path, f"not a readable .docx file ({type(exc).__name__})") from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise UnreadableFile(path, "empty file")
    return normalise_newlines(text)


def read_text(path: str | Path) -> str:
    """Return the decoded text of a .txt, .md or .docx file, newlines normalised.

    Raises
    ------
    UnreadableFile
        If the path is not a regular file of a supported type, or cannot be read or decoded.
    """
    return normalise_newlines(read_source_text(path))


def read_source_text(path: str | Path) -> str:
    """Return the decoded text of a .txt, .md or .docx file with its newlines as written.

    Raises
    ------
    UnreadableFile
        If the path is not a regular file of a supported type, or cannot be read or decoded.
    """
    path = Path(path)
    check_regular_file(path)
    suffix = path.suffix.lower()
    if suffix == DOCX_SUFFIX:
        return _read_docx(path)
    if suffix not in TEXT_SUFFIXES:
        raise UnreadableFile(path, f"unsupported file type {readable_path(suffix) or '(none)'}; use .txt, .md or .docx")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, os_reason(exc)) from None
    return decode_source(data, path)
