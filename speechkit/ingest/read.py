"""Files and folders to Speech and Corpus: metadata, manifests, skipped files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import SpeechkitError
from .decode import SUPPORTED_SUFFIXES, decode_bytes, read_text
from .metadata import infer_metadata, merge_metadata, metadata_from_row, split_front_matter
from ..model import Metadata
from ..speech import Speech

MANIFEST = "metadata.csv"


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why."""

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


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
