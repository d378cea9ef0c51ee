"""Shared helpers of the benchmarks: the test texts and a timer."""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "industrial-park-2022.txt"
REAL = SHARED / "real"


def repeated_seed(megabytes: float) -> str:
    """The seed speech repeated until its UTF-8 size reaches ``megabytes``."""
    text = SEED.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))
    return text * max(1, round(megabytes * 1_000_000 / size))


def best_of(function, repeat: int = 1) -> float:
    """The fastest of ``repeat`` wall-clock timings of ``function()``, in seconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def baseline_jieba():
    """Python jieba's default tokenizer, initialised with its cache in the user's cache
    folder (the default /tmp/jieba.cache fails on a /tmp shared with other users)."""
    import logging

    import jieba

    from speechkit.pipeline.cache import jieba_cache_dir

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = jieba_cache_dir()
    jieba.initialize()
    return jieba
