"""File bytes to text.

Decoding uses charset-normalizer (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with
BOM, Big5 …); newlines become ``\\n`` and the text is otherwise kept exactly as written,
so offsets refer to it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SpeechkitError

TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, DOCX_SUFFIX)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# The encodings Chinese documents come in, in the order that breaks a tie between
# equally plausible readings (short GB texts also decode as Big5 gibberish).
ENCODINGS = ("utf_8", "utf_16", "utf_32", "gb18030", "big5")



def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(data: bytes) -> bool:
    # UTF-16 text is full of NULs, but then it starts with a BOM.
    return b"\x00" in data[:8192] and not data.startswith(_BOMS[1:])


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode the bytes of a text file and normalise its newlines.

    Raises
    ------
    SpeechkitError
        If the data is empty, binary or in no encoding that can be detected.
    """
    from charset_normalizer import from_bytes

    if not data.strip():
        raise SpeechkitError(f"{name}: empty file")
    if _looks_binary(data):
        raise SpeechkitError(f"{name}: binary file, not text")
    matches = list(from_bytes(data, cp_isolation=list(ENCODINGS)))
    if not matches:
        raise SpeechkitError(f"{name}: cannot detect the text encoding")
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, ENCODINGS.index(m.encoding)))
    text = str(best).lstrip("\ufeff")
    if not text.strip():
        raise SpeechkitError(f"{name}: empty file")
    return normalise_newlines(text)


def _read_docx(path: Path) -> str:
    try:
        import docx
    except ImportError:
        raise SpeechkitError(
            f"{path}: reading .docx needs the docx extra: pip install 'speechkit[docx]'"
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several unrelated types
        raise SpeechkitError(f"{path}: not a readable .docx file ({type(exc).__name__})") from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise SpeechkitError(f"{path}: empty file")
    return normalise_newlines(text)


def read_text(path: str | Path) -> str:
    """Return the decoded text of a .txt, .md or .docx file."""
    path = Path(path)
    if not path.exists():
        raise SpeechkitError(f"{path}: no such file")
    if path.is_dir():
        raise SpeechkitError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == DOCX_SUFFIX:
        return _read_docx(path)
    if suffix not in TEXT_SUFFIXES:
        raise SpeechkitError(f"{path}: unsupported file type {suffix or '(none)'}; use .txt, .md or .docx")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpeechkitError(f"{path}: cannot read ({exc.strerror})") from None
    return decode_bytes(data, str(path))
