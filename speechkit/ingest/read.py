"""Files and folders to Speech and Corpus: metadata, manifests, skipped files."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..model import Metadata
from ..names import readable_path, safe_file_name, unique_ids
from ..speech import Speech
from .decode import SUPPORTED_SUFFIXES, UnreadableFile, check_regular_file, decode_bytes, os_reason, read_text
from .metadata import infer_metadata, merge_metadata, metadata_from_row, split_front_matter

if TYPE_CHECKING:
    from ..corpus import Corpus

MANIFEST = "metadata.csv"


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why.

    ``path`` is readable text: undecodable bytes of the name are shown as ``\\xff``.
    """

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
    return speech_from_text(read_text(path), path, meta)


def speech_from_text(text: str, path: str | Path, meta: Metadata | None = None) -> Speech:
    """The Speech of a file's decoded text (newlines normalised): front matter removed,
    metadata from ``meta``, then the front matter, then inference (see :func:`read_speech`)."""
    path = Path(path)
    body, front = split_front_matter(text)
    inferred = infer_metadata(body, path.name)
    return Speech(text=body, meta=merge_metadata(meta, front, inferred), path=path)


def read_manifest(folder: Path) -> dict[str, Metadata]:
    """Read ``metadata.csv`` (file, year, title, speaker, org, date, …) if present."""
    manifest = folder / MANIFEST
    if not manifest.exists():
        return {}
    check_regular_file(manifest)
    try:
        rows = list(csv.DictReader(decode_bytes(manifest.read_bytes(), manifest).splitlines()))
    except csv.Error as exc:
        raise SpeechkitError(f"{readable_path(manifest)}: malformed CSV ({exc})") from None
    except OSError as exc:
        raise UnreadableFile(manifest, os_reason(exc)) from None
    if rows and "file" not in rows[0]:
        raise SpeechkitError(f"{readable_path(manifest)}: needs a 'file' column")
    return {row["file"]: metadata_from_row(row, readable_path(manifest)) for row in rows if row.get("file")}


def _is_ignored(relative: Path) -> bool:
    # Hidden files and folders (.git, .DS_Store) and the manifest are not documents.
    return relative.name.startswith(".") or relative.as_posix() == MANIFEST


def _scan(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk(root: Path, folder: Path, seen: set[str], documents: list[Path], skipped: list[Skipped]) -> None:
    """Sort every entry under ``folder`` into documents and skipped files.

    A link to a folder outside ``root`` is followed once; a link to a folder inside
    ``root`` (whose files are read under their own path) and a folder reached again
    (a link loop, two links to one place) are reported instead."""
    try:
        entries = _scan(folder)
    except OSError as exc:
        skipped.append(Skipped(readable_path(folder), f"cannot list folder ({exc.strerror or type(exc).__name__})"))
        return
    for entry in entries:
        path = Path(entry.path)
        if _is_ignored(path.relative_to(root)):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as exc:  # a link loop, or a link into a folder we may not enter
            skipped.append(Skipped(readable_path(path), os_reason(exc)))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if entry.is_symlink() and _is_within(real, os.path.realpath(root)):
                skipped.append(Skipped(readable_path(path), "link to a folder inside this folder, not followed"))
                continue
            if real in seen:
                skipped.append(Skipped(readable_path(path), "link to a folder already read, not followed"))
                continue
            seen.add(real)
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                skipped.append(Skipped(readable_path(path), "is a folder, not a file (its files are read)"))
            _walk(root, path, seen, documents, skipped)
            continue
        try:
            check_regular_file(path)
        except UnreadableFile as exc:
            skipped.append(Skipped(exc.path, exc.reason))
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            documents.append(path)
        else:
            suffix = readable_path(path.suffix) or "(none)"
            skipped.append(Skipped(readable_path(path), f"unsupported file type {suffix}"))


def list_documents(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Return the readable-looking files under ``folder`` and every other entry with the reason.

    Hidden files and the manifest are ignored. Everything else that is not a regular
    file of a supported type is reported, never dropped silently: other file types,
    folders named like documents, FIFOs, sockets, broken links, link loops and
    folders that cannot be listed. A link to a folder outside ``folder`` is followed once.
    """
    documents: list[Path] = []
    skipped: list[Skipped] = []
    _walk(folder, folder, {os.path.realpath(folder)}, documents, skipped)
    return documents, skipped


def _manifest_key(document: Path, folder: Path) -> str:
    return document.relative_to(folder).as_posix()


def missing_from_manifest(manifest: dict[str, Metadata], documents: list[Path], folder: Path) -> list[Skipped]:
    """Rows of ``metadata.csv`` that name no document found in ``folder``."""
    found = {_manifest_key(d, folder) for d in documents} | {d.name for d in documents}
    return [
        Skipped(readable_path(folder / name), f"named in {MANIFEST} but not found")
        for name in manifest
        if name not in found
    ]


def read_corpus(path: str | Path, on_progress=None) -> Corpus:
    """Read every speech in a folder (or one file) into a Corpus.

    Files that are not read are recorded in ``corpus.skipped`` with the reason; the
    rest are read. Files are read in sorted path order, so results are reproducible,
    and every speech gets a distinct id (see :func:`assign_ids`).

    Parameters
    ----------
    path : str or Path
        A folder (searched recursively) or a single file.
    on_progress : callable, optional
        Called with each path after it is read (for progress bars).

    Raises
    ------
    SpeechkitError
        If ``path`` does not exist, or is a single file that cannot be read.
    """
    from ..corpus import Corpus

    path = Path(path)
    if not path.is_dir():
        return Corpus([read_speech(path)], root=path.parent)
    manifest = read_manifest(path)
    documents, skipped = list_documents(path)
    skipped += missing_from_manifest(manifest, documents, path)
    speeches = []
    for document in documents:
        try:
            speeches.append(read_speech(document, manifest.get(_manifest_key(document, path)) or manifest.get(document.name)))
        except UnreadableFile as exc:
            skipped.append(Skipped(exc.path, exc.reason))
        if on_progress is not None:
            on_progress(document)
    skipped.sort(key=lambda s: s.path)
    assign_ids(speeches, path)
    return Corpus(speeches, skipped=skipped, root=path)


def assign_ids(speeches: list[Speech], root: Path) -> None:
    """Give every speech a distinct id that is a safe file name.

    A speech keeps its file stem when no other speech shares it; otherwise it takes its
    relative path (``a/2022.txt`` → ``a__2022``), then its relative path with the
    suffix (``same.md``), then that with ``-2``, ``-3`` … appended, the first one free.
    """
    def candidates(speech: Speech) -> list[str]:
        relative = speech.path.relative_to(root)
        return [
            speech.id,
            safe_file_name("__".join(relative.with_suffix("").parts)),
            safe_file_name("__".join(relative.parts)),
        ]

    for speech, sid in zip(speeches, unique_ids([candidates(s) for s in speeches])):
        speech.name = sid
