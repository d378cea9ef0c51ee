"""Files to text, and text to Speech and Corpus.

Decoding uses charset-normalizer (UTF-8 with or without BOM, GB18030/GBK, UTF-16 with
BOM, Big5 …); newlines become ``\\n`` and the text is otherwise kept exactly as written,
so offsets refer to it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import SpeechkitError
from .metadata import infer_metadata, merge_metadata, metadata_from_row, split_front_matter
from ..model import Metadata
from ..speech import Speech

TEXT_SUFFIXES = (".txt", ".md")
DOCX_SUFFIX = ".docx"
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, DOCX_SUFFIX)
MANIFEST = "metadata.csv"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# The encodings Chinese documents come in, in the order that breaks a tie between
# equally plausible readings (short GB texts also decode as Big5 gibberish).
ENCODINGS = ("utf_8", "utf_16", "utf_32", "gb18030", "big5")


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


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


def read_speech(path: str | Path, meta: Metadata | None = None) -> Speech:
    """Read one file into a Speech.

    Metadata comes from ``meta`` (e.g. a manifest row) first, then front matter at
    the top of the file, then inference from the first lines and the file name.
    Front matter is removed from the text.

    Parameters
    ----------
    path : str or Path
        A .txt, .md or .docx file.
    meta : Metadata, optional
        Known metadata that takes precedence.

    Raises
    ------
    SpeechkitError
        If the file is missing, empty, binary, undecodable or of an unsupported type.
    """
    path = Path(path)
    text, front = split_front_matter(read_text(path))
    inferred = infer_metadata(text, path.name)
    merged = merge_metadata(meta, front, inferred)
    return Speech(text=text, meta=merged, path=path)


def read_manifest(folder: Path) -> dict[str, Metadata]:
    """Read ``metadata.csv`` (file, year, title, speaker, org, date, …) if present."""
    manifest = folder / MANIFEST
    if not manifest.exists():
        return {}
    try:
        rows = list(csv.DictReader(decode_bytes(manifest.read_bytes(), str(manifest)).splitlines()))
    except csv.Error as exc:
        raise SpeechkitError(f"{manifest}: malformed CSV ({exc})") from None
    if rows and "file" not in rows[0]:
        raise SpeechkitError(f"{manifest}: needs a 'file' column")
    return {row["file"]: metadata_from_row(row, str(manifest)) for row in rows if row.get("file")}


def list_documents(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Return the readable-looking files under ``folder`` and the others, sorted.

    Hidden files and the manifest are ignored; any other file with an unsupported
    type is reported, not dropped silently.
    """
    documents, others = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or relative.as_posix() == MANIFEST:
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            documents.append(path)
        else:
            others.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}"))
    return documents, others


def read_corpus(path: str | Path, on_progress=None):
    """Read every speech in a folder (or one file) into a Corpus.

    Unreadable files are recorded in ``corpus.skipped`` with the reason; the rest are
    read. Files are read in sorted path order, so results are reproducible.

    Parameters
    ----------
    path : str or Path
        A folder (searched recursively) or a single file.
    on_progress : callable, optional
        Called with each path after it is read (for progress bars).

    Raises
    ------
    SpeechkitError
        If ``path`` does not exist.
    """
    from ..corpus import Corpus

    path = Path(path)
    if not path.exists():
        raise SpeechkitError(f"{path}: no such file or folder")
    if path.is_file():
        return Corpus([read_speech(path)], root=path.parent)
    manifest = read_manifest(path)
    documents, skipped = list_documents(path)
    speeches = []
    for document in documents:
        key = document.relative_to(path).as_posix()
        try:
            speeches.append(read_speech(document, manifest.get(key) or manifest.get(document.name)))
        except SpeechkitError as exc:
            skipped.append(Skipped(str(document), str(exc).split(": ", 1)[-1]))
        if on_progress is not None:
            on_progress(document)
    skipped.sort(key=lambda s: s.path)
    name_duplicates(speeches, path)
    return Corpus(speeches, skipped=skipped, root=path)


def name_duplicates(speeches, root: Path) -> None:
    """Give speeches whose file stems collide (a/2022.txt, b/2022.txt) ids from their
    relative paths (a__2022, b__2022), so every id is unique."""
    stems: dict[str, int] = {}
    for speech in speeches:
        stems[speech.id] = stems.get(speech.id, 0) + 1
    for speech in speeches:
        if stems[speech.id] > 1:
            speech.name = speech.path.relative_to(root).with_suffix("").as_posix().replace("/", "__")
