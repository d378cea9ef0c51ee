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
from .decode import DOC_REASON, DOC_SUFFIX, SUPPORTED_SUFFIXES, UnreadableFile, check_regular_file, decode_bytes, os_reason
from .document import read_document
from .limits import ReadLimits
from .metadata import infer_metadata, merge_metadata, metadata_from_row, metadata_from_values, split_front_matter

if TYPE_CHECKING:
    from ..corpus import Corpus

MANIFEST = "metadata.csv"


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why.

    Attributes
    ----------
    path : str
        The file, as readable text: undecodable bytes of the name are shown as ``\\xff``.
    reason : str
        Why it was not read.
    """

    path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        """The skipped file as ``{"path", "reason"}``.

        Returns
        -------
        dict of str to str
        """
        return {"path": self.path, "reason": self.reason}


def read_speech(path: str | Path, meta: Metadata | None = None, *, limits: ReadLimits | None = None) -> Speech:
    """Read one file into a Speech.

    Metadata comes from ``meta`` (e.g. a manifest row) first, then front matter at
    the top of the file, then what the file itself says (a web page's title and date),
    then inference from the first lines and the file name. Front matter is removed from
    the text.

    Parameters
    ----------
    path : str or Path
        A .txt, .md, .docx, .html/.htm or .pdf file.
    meta : Metadata, optional
        Known metadata that takes precedence.
    limits : ReadLimits, optional
        The most the file may hold (default :class:`~speechkit.ingest.limits.ReadLimits()`).

    Returns
    -------
    Speech

    Raises
    ------
    SpeechkitError
        If the file is missing, empty, binary, undecodable, of an unsupported type, over
        its limits, or its front matter holds a value that cannot be (a five-digit year).
    """
    text, own = read_document(path, limits=limits)
    return speech_from_text(text, path, meta, own=own)


def speech_from_text(text: str, path: str | Path, meta: Metadata | None = None, *, own: Metadata | None = None) -> Speech:
    """The Speech of a file's decoded text (newlines normalised): front matter removed,
    metadata from ``meta``, then the front matter, then ``own`` (what the file format
    carries), then inference (see :func:`read_speech`).

    Parameters
    ----------
    text : str
        The decoded text.
    path : str or Path
        The file it was read from.
    meta : Metadata, optional
        Known metadata that takes precedence (a manifest row).
    own : Metadata, optional
        The metadata the file format carries (a web page's title and date).

    Returns
    -------
    Speech

    Raises
    ------
    UnreadableFile
        If a front-matter value cannot be what its name says; the file is named.
    """
    path = Path(path)
    body, values = split_front_matter(text)
    front, problems = metadata_from_values(values)
    if problems:
        raise UnreadableFile(path, "front matter: " + "; ".join(problems))
    inferred = infer_metadata(body, path.name)
    return Speech(text=body, meta=merge_metadata(meta, front, own, inferred), path=path)


def read_manifest(folder: Path) -> tuple[dict[str, Metadata], list[Skipped]]:
    """Read ``metadata.csv`` (file, year, title, speaker, org, date, …) if present.

    A value that cannot be (a five-digit year), a second row for the same file and cells
    beyond the header's columns are dropped and reported, each with its line
    (``metadata.csv:14``); the other rows and values are kept.

    Raises
    ------
    SpeechkitError
        If the manifest cannot be read, is not CSV, or has no ``file`` column.
    """
    manifest = folder / MANIFEST
    if not manifest.exists():
        return {}, []
    check_regular_file(manifest)
    name = readable_path(manifest)
    try:
        reader = csv.DictReader(decode_bytes(manifest.read_bytes(), manifest).splitlines())
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise SpeechkitError(f"{name}: malformed CSV ({exc})") from None
    except OSError as exc:
        raise UnreadableFile(manifest, os_reason(exc)) from None
    if rows and "file" not in rows[0][1]:
        raise SpeechkitError(f"{name}: needs a 'file' column")
    found: dict[str, Metadata] = {}
    first_line: dict[str, int] = {}
    problems: list[Skipped] = []
    for line, row in rows:
        extra = row.pop(None, None)  # cells beyond the header's columns
        if extra and any(cell.strip() for cell in extra):
            problems.append(Skipped(f"{name}:{line}", f"{len(extra)} cell(s) beyond the header's columns dropped: {extra!r}"))
        key = (row.get("file") or "").strip()
        if not key:
            continue
        if key in found:
            problems.append(Skipped(f"{name}:{line}", f"a second row for {key!r} (first at line {first_line[key]}), ignored"))
            continue
        meta, bad = metadata_from_row(row)
        problems += [Skipped(f"{name}:{line}", f"{problem}; value dropped") for problem in bad]
        found[key], first_line[key] = meta, line
    return found, problems


def _is_ignored(relative: Path) -> bool:
    # Hidden files and folders (.git, .DS_Store) and the manifest are not documents.
    return relative.name.startswith(".") or relative.as_posix() == MANIFEST


def _scan(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


_NOT_FOLLOWED = "not followed (--follow-links reads it)"


def _walk(
    root: Path, folder: Path, seen: set[str], documents: list[Path], skipped: list[Skipped], follow_links: bool
) -> None:
    """Sort every entry under ``folder`` into documents and skipped files.

    A link to a file or a folder outside ``root`` is followed (a folder once) only with
    ``follow_links``: a shared folder must not carry a system file into a report. A link
    to a folder inside ``root`` (whose files are read under their own path) and a folder
    reached again (a link loop, two links to one place) are reported instead."""
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
        outside = entry.is_symlink() and not _is_within(os.path.realpath(path), os.path.realpath(root))
        if outside and not follow_links:
            kind = "folder" if is_dir else "file"
            skipped.append(Skipped(readable_path(path), f"link to a {kind} outside this folder, {_NOT_FOLLOWED}"))
            continue
        if is_dir:
            if entry.is_symlink() and not outside:
                skipped.append(Skipped(readable_path(path), "link to a folder inside this folder, not followed"))
                continue
            real = os.path.realpath(path)
            if real in seen:
                skipped.append(Skipped(readable_path(path), "link to a folder already read, not followed"))
                continue
            seen.add(real)
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                skipped.append(Skipped(readable_path(path), "is a folder, not a file (its files are read)"))
            _walk(root, path, seen, documents, skipped, follow_links)
            continue
        try:
            check_regular_file(path)
        except UnreadableFile as exc:
            skipped.append(Skipped(exc.path, exc.reason))
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            documents.append(path)
        elif path.suffix.lower() == DOC_SUFFIX:
            skipped.append(Skipped(readable_path(path), DOC_REASON))
        else:
            suffix = readable_path(path.suffix) or "(none)"
            skipped.append(Skipped(readable_path(path), f"unsupported file type {suffix}"))


def list_documents(folder: Path, *, follow_links: bool = False) -> tuple[list[Path], list[Skipped]]:
    """Return the readable-looking files under ``folder`` and every other entry with the reason.

    Hidden files and the manifest are ignored. Everything else that is not a regular
    file of a supported type is reported, never dropped silently: other file types,
    folders named like documents, FIFOs, sockets, broken links, link loops, folders
    that cannot be listed, and links to outside ``folder`` unless ``follow_links``
    (a linked folder is then followed once).
    """
    documents: list[Path] = []
    skipped: list[Skipped] = []
    _walk(folder, folder, {os.path.realpath(folder)}, documents, skipped, follow_links)
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


def read_corpus(path: str | Path, on_progress=None, *, limits: ReadLimits | None = None) -> Corpus:
    """Read every speech in a folder (or one file) into a Corpus.

    Files that are not read are recorded in ``corpus.skipped`` with the reason; the
    rest are read. So are the values of ``metadata.csv`` that are dropped, each under
    its line (``…/metadata.csv:14``, see :func:`read_manifest`). Files are read in sorted path order, so results are reproducible,
    and every speech gets a distinct id (see :func:`assign_ids`).

    Parameters
    ----------
    path : str or Path
        A folder (searched recursively) or a single file.
    on_progress : callable, optional
        Called with each path after it is read (for progress bars).
    limits : ReadLimits, optional
        The most one file may hold, and whether links to outside the folder are
        followed (default :class:`~speechkit.ingest.limits.ReadLimits()`: 20 MB, not
        followed). A file over its limit is skipped with the reason.

    Returns
    -------
    Corpus
        The speeches read, in sorted path order; ``corpus.skipped`` lists the others.

    Raises
    ------
    SpeechkitError
        If ``path`` does not exist, or is a single file that cannot be read.
    """
    from ..corpus import Corpus

    path = Path(path)
    limits = limits or ReadLimits()
    if not path.is_dir():
        return Corpus([read_speech(path, limits=limits)], root=path.parent)
    manifest, skipped = read_manifest(path)
    documents, unlisted = list_documents(path, follow_links=limits.follow_links)
    skipped += unlisted + missing_from_manifest(manifest, documents, path)
    speeches = []
    for document in documents:
        meta = manifest.get(_manifest_key(document, path)) or manifest.get(document.name)
        try:
            speeches.append(read_speech(document, meta, limits=limits))
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
