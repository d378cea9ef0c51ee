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


def cache_key(text_digest: str, options: dict[str, Any]) -> str:
    """The cache key of one speech's results under ``options``."""
    payload = json.dumps(options, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{text_digest}|{payload}|{code_fingerprint()}".encode()).hexdigest()


def cached(key: str, compute: Callable[[], Any], enabled: bool = True) -> Any:
    """Return the JSON result stored under ``key``, computing and storing it if absent."""
    if not enabled:
        return compute()
    path = cache_root() / "results" / key[:2] / f"{key}.json"
    if path.exists():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a damaged entry is recomputed below
    result = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp") as handle:
            json.dump(result, handle, ensure_ascii=False)
        os.replace(handle.name, path)
    except OSError:
        pass  # an unwritable cache only costs speed
    return result
