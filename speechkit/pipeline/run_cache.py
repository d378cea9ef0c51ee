"""Whole runs cached by their inputs: a rerun of ``speechkit analyze`` over the same texts,
file names, metadata and options copies the files of the earlier run instead of rebuilding them.

The key joins, in corpus order, each speech's id, file, metadata and text digest, the files
that were skipped and why, every option that changes a file (dictionaries, stopword lists
and the font by their contents), the per-speech picture decision and the fingerprint of
speechkit's code and data (:func:`~speechkit.pipeline.cache.code_fingerprint`). A run
with reference documents (``--reference``) is not cached: its files depend on a second folder.

An entry holds the run's files (hard links to OUT's files where the file system allows, else
copies), their sizes and modification times, and the summary. It is used only if every
file is still as stored, so a file edited in place after the run (in OUT or in the cache)
makes the entry count as absent; files are restored as copies, never links, so the folders
of two runs share nothing. An unwritable cache only costs speed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import cache_root, file_digest
from .cache import code_fingerprint, touch
from .output_folder import SUMMARY  # rewritten by every run: it names the output folder

if TYPE_CHECKING:
    from ..corpus import Corpus
    from .options import AnalysisOptions



def run_key(corpus: Corpus, options: AnalysisOptions, speech_pictures: bool) -> str | None:
    """The key of a run's files, or None for a run that is not cached."""
    from ..render.fonts import resolve_font

    if not options.use_cache or options.reference is not None:
        return None
    settings = {
        **options.key(),
        "font": file_digest(resolve_font(options.font)),
        "graph_nodes": options.graph_nodes,
        "safe_csv": options.safe_csv,
        "locality": options.locality,
        "group_by": options.group_by,
        "pool": options.pool,
        "weight": options.weight,
        "reference_group": options.reference_group,
        "officialese": file_digest(options.officialese) if options.officialese else None,
        "speech_pictures": speech_pictures,
        "speech_files": options.speech_files,
        "table_formats": list(options.table_formats),
        "indicators": file_digest(options.indicators) if options.indicators else None,
        "tolerance": options.tolerance,
    }
    payload = json.dumps([code_fingerprint(), settings, input_digest(corpus)], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def input_digest(corpus: Corpus) -> str:
    """SHA-256 of a run's input: each speech's id, file, metadata and text digest, in corpus
    order, and the files that were skipped and why."""
    speeches = [[s.id, s.file, s.meta.to_dict(), s.digest] for s in corpus]
    skipped = [s.to_dict() for s in corpus.skipped]
    payload = json.dumps([speeches, skipped], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _entry(key: str) -> Path:
    return cache_root() / "runs" / key[:2] / key


def restore_run(key: str, out: Path) -> dict[str, Any] | None:
    """Copy the files of the run stored under ``key`` into ``out`` and return its summary
    (without ``out``), or None when there is no such run or one of its files has changed."""
    entry = _entry(key)
    try:
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
        files = [(name, size, stamp) for name, size, stamp in manifest["files"]]
        if not all(_unchanged(entry / "files" / name, size, stamp) for name, size, stamp in files):
            shutil.rmtree(entry, ignore_errors=True)
            return None
        for name, _, _ in files:
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() and os.path.samefile(target, entry / "files" / name):
                target.unlink()  # a link into the cache from the stored run itself: replaced by a copy
            shutil.copyfile(entry / "files" / name, target)
        touch(entry / "manifest.json")
        return manifest["summary"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _unchanged(path: Path, size: int, stamp: int) -> bool:
    try:
        status = path.stat()
    except OSError:
        return False
    return status.st_size == size and status.st_mtime_ns == stamp


def store_run(key: str, out: Path, outputs: list[str], summary: dict[str, Any]) -> None:
    """Keep the files ``outputs`` (relative to ``out``; the summary file aside) and the
    ``summary`` under ``key``, atomically; an unwritable cache only costs speed."""
    entry, staging = _entry(key), None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
        files = []
        for name in outputs:
            if name == SUMMARY:
                continue
            stored = staging / "files" / name
            stored.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(out / name, stored)
            status = stored.stat()
            files.append([name, status.st_size, status.st_mtime_ns])
        manifest = {"files": files, "summary": summary}
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(entry, ignore_errors=True)
        os.replace(staging, entry)
        staging = None
    except OSError:
        pass  # an unwritable cache (a full disk): only speed is lost
    finally:
        if staging is not None:  # a store that failed or was interrupted leaves nothing behind
            shutil.rmtree(staging, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
