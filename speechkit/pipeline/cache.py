"""Per-speech results cached on disk by content hash.

The key joins the speech text's SHA-256, the options of the run and a fingerprint of
speechkit's own code and data, so a result is never reused after either changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from ..result import SpeechResult


def cache_root() -> Path:
    """``$SPEECHKIT_CACHE``, else ``$XDG_CACHE_HOME/speechkit``, else ``~/.cache/speechkit``."""
    explicit = os.environ.get("SPEECHKIT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "speechkit"


def jieba_cache_dir() -> str:
    """Where Python jieba keeps its prefix-dictionary cache: our cache folder, created
    if needed (jieba's default /tmp/jieba.cache fails on a /tmp shared between users)."""
    path = cache_root()
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


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


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes (``missing`` when it cannot be read): a dictionary or
    stopword list edited in place changes the cache key, a moved one does not."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


def cache_key(text_digest: str, options: dict[str, Any]) -> str:
    """The cache key of one speech's results under ``options``."""
    payload = json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{text_digest}|{payload}|{code_fingerprint()}".encode()).hexdigest()


def cached_result(key: str, compute: Callable[[], SpeechResult], enabled: bool = True) -> SpeechResult:
    """The result stored under ``key``, else computed and stored.

    An entry that is not valid JSON, of another schema version or of the wrong shape
    is recomputed and replaced; the entry is written atomically (a killed run leaves no
    half-written entry), and an unwritable cache only costs speed.
    """
    if not enabled:
        return compute()
    import orjson  # a few times faster than json both ways: the cache is read and written once per speech

    path = cache_root() / "results" / key[:2] / f"{key}.json"
    try:
        return SpeechResult.from_dict(orjson.loads(path.read_bytes()))
    except (OSError, ValueError):
        pass  # absent or damaged: computed below
    result = compute()
    try:
        data = result.to_json()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except (OSError, orjson.JSONEncodeError):
        pass  # an unwritable cache, or text JSON cannot hold: only speed is lost
    return result
