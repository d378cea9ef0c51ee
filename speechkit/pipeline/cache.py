"""Per-speech results cached on disk by content hash, and the cache's size.

The key joins the speech text's SHA-256, the options of the run and a fingerprint of
speechkit's own code and data, so a result is never reused after either changes.
After a run the cache (speech results and whole runs) is pruned to ``$SPEECHKIT_CACHE_MAX``
(default 2 GB), the least recently used entries first: an entry is touched when it is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..paths import cache_root
from ..result import SpeechResult

if TYPE_CHECKING:
    from ..extractors import Registry


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of every source and data file of the installed package."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".txt", ".tsv", ".yaml", ".csv", ".html", ".css"):
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(text_digest: str, options: dict[str, Any]) -> str:
    """The cache key of one speech's results under ``options``."""
    payload = json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{text_digest}|{payload}|{code_fingerprint()}".encode()).hexdigest()


def cached_result(key: str, compute: Callable[[], SpeechResult], enabled: bool = True, *,
                  extractors: Registry | None = None, lazy: bool = False) -> SpeechResult:
    """The result stored under ``key``, else computed and stored; its records are those of
    ``extractors`` (default: :data:`~speechkit.pipeline.extractors.EXTRACTORS`). A stored
    result is decoded whole, or with ``lazy`` each field when first read
    (:meth:`~speechkit.result.SpeechResult.from_stored`: for a result read and let go, not
    one held, which would keep its stored data too).

    An entry that is not valid JSON, of another schema version or of the wrong shape
    is recomputed and replaced; the entry is written atomically (a killed run leaves no
    half-written entry), and an unwritable cache only costs speed.
    """
    if not enabled:
        return compute()
    import orjson  # a few times faster than json both ways: the cache is read and written once per speech

    from .extractors import EXTRACTORS

    path = cache_root() / "results" / key[:2] / f"{key}.json"
    try:
        decoded = SpeechResult.from_stored if lazy else SpeechResult.from_dict
        result = decoded(orjson.loads(path.read_bytes()), EXTRACTORS if extractors is None else extractors)
    except (OSError, ValueError):
        pass  # absent or damaged: computed below
    else:
        touch(path)
        return result
    result = compute()
    staged = None
    try:
        data = result.to_json()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            staged = handle.name
            handle.write(data)
        os.replace(staged, path)
        staged = None
    except (OSError, orjson.JSONEncodeError):
        pass  # an unwritable cache (a full disk), or text JSON cannot hold: only speed is lost
    finally:
        if staged is not None:  # a write that failed (or was interrupted) leaves no .tmp file behind
            _remove(Path(staged))
    return result


def touch(path: Path) -> None:
    """Mark a cache entry as just used (its modification time): pruning removes the least
    recently used first."""
    try:
        os.utime(path)
    except OSError:
        pass


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


# The cache is pruned to this size after a run, unless SPEECHKIT_CACHE_MAX says otherwise.
DEFAULT_CACHE_MAX = "2GB"
_SIZE_UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12,
               "KI": 2**10, "MI": 2**20, "GI": 2**30, "TI": 2**40}


def parse_size(text: str) -> int:
    """Bytes of a size written ``500MB``, ``2 GB``, ``1.5G``, ``512MiB`` or ``1000000``
    (K, M, G, T are powers of 1000; KiB, MiB … of 1024). Raises ValueError on anything else."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]I?)?B?\s*", text.upper())
    if match is None:
        raise ValueError(f"not a size: {text!r} (write it as 500MB, 2GB or a number of bytes)")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2) or ""])


def cache_limit() -> int:
    """The largest size, in bytes, the cache is pruned to: ``$SPEECHKIT_CACHE_MAX`` or
    :data:`DEFAULT_CACHE_MAX`. A value that is not a size raises a one-line SpeechkitError."""
    from ..errors import SpeechkitError

    text = os.environ.get("SPEECHKIT_CACHE_MAX") or DEFAULT_CACHE_MAX
    try:
        return parse_size(text)
    except ValueError as exc:
        raise SpeechkitError(f"SPEECHKIT_CACHE_MAX: {exc}") from None


def cache_entries(root: Path) -> list[tuple[int, str, int, Path]]:
    """Every entry of the cache at ``root`` as ``(last used, name, bytes, path)``: a speech's
    result (a file under ``results/``) or a run (a folder under ``runs/``, last used when its
    manifest was). Half-written entries (``.tmp``) are not entries."""
    entries = []
    for path in root.glob("results/*/*.json"):
        try:
            status = path.stat()
        except OSError:
            continue
        entries.append((status.st_mtime_ns, path.name, status.st_size, path))
    for folder in root.glob("runs/*/*"):
        if folder.name.startswith(".tmp"):
            continue
        try:
            used = (folder / "manifest.json").stat().st_mtime_ns
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        except OSError:
            used, size = 0, 0  # damaged: first to go
        entries.append((used, folder.name, size, folder))
    return sorted(entries)


# A half-written entry (.tmp) this old was left by a run that was killed: no run is still writing it.
LEFTOVER_SECONDS = 3600


def prune_cache(limit: int | None = None, root: Path | None = None) -> list[Path]:
    """Remove the half-written entries that killed runs left (``.tmp``, older than
    :data:`LEFTOVER_SECONDS`), then the least recently used cache entries until the cache
    holds at most ``limit`` bytes (default :func:`cache_limit`); return what was removed."""
    import time

    limit = cache_limit() if limit is None else limit
    root = cache_root() if root is None else root
    removed = prune_leftover_texts(root)
    for path in [*root.glob("results/*/*.tmp"), *root.glob("runs/*/.tmp-*")]:
        try:
            old = path.stat().st_mtime < time.time() - LEFTOVER_SECONDS
        except OSError:
            continue
        if old:
            _remove_entry(path)
            removed.append(path)
    entries = cache_entries(root)
    total = sum(size for _, _, size, _ in entries)
    for _, _, size, path in entries:
        if total <= limit:
            break
        _remove_entry(path)
        total -= size
        removed.append(path)
    return removed


# The texts a streamed run sets aside are kept in TEXTS/<TEXTS_PREFIX><host>-<pid>-<random>/ until it ends.
TEXTS = "texts"
TEXTS_PREFIX = "run-"
# A texts folder of another machine (a cache shared by Dask workers) whose run cannot be asked is
# left over once this old: no run takes a week.
TEXTS_LEFTOVER_SECONDS = 7 * 24 * 3600


def texts_folder_prefix() -> str:
    """The start of the name of this process's texts folder: the machine and process that own it
    (read by :func:`prune_leftover_texts`)."""
    import socket

    return f"{TEXTS_PREFIX}{socket.gethostname()}-{os.getpid()}-"


def prune_leftover_texts(root: Path | None = None) -> list[Path]:
    """Remove the texts folders that runs killed before their end left in the cache at ``root``
    (default: the cache root): one of this machine whose process is gone, and any older than
    :data:`TEXTS_LEFTOVER_SECONDS`. Return what was removed.

    A run removes its own folder when it ends, even by an error; only a killed one leaves it.
    """
    import socket
    import time

    root = cache_root() if root is None else root
    host = socket.gethostname()
    removed = []
    for folder in (root / TEXTS).glob("*"):
        try:
            old = folder.stat().st_mtime < time.time() - TEXTS_LEFTOVER_SECONDS
        except OSError:
            continue  # removed meanwhile by its run or another
        if old or _process_gone(folder.name, host):
            _remove_entry(folder)
            removed.append(folder)
    return removed


def _process_gone(name: str, host: str) -> bool:
    """Whether the texts folder ``name`` is of a process of machine ``host`` that no longer runs
    (a name of another machine, or of another form, is never said to be gone)."""
    this_machine = f"{TEXTS_PREFIX}{host}-"
    pid = name.removeprefix(this_machine).split("-", 1)[0]
    if not name.startswith(this_machine) or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it runs, under another user
    return False


def _remove_entry(path: Path) -> None:
    """Remove a cache entry, a file or a folder; one another run removed already is no error."""
    import shutil

    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        _remove(path)
