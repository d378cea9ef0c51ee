"""Where speechkit keeps its cache, and the digest that keys a file in it.

Every layer may use these: the segmenter keeps Python jieba's dictionary cache here,
the pipeline its per-speech results and runs, the report its cut fonts.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


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


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes (``missing`` when it cannot be read): a dictionary or
    stopword list edited in place changes the cache key, a moved one does not."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"
