"""Garbage collection paused over work that makes many objects and no reference cycle.

Segmenting a speech and extracting its records make hundreds of thousands of objects (the
engine's word and tag pairs, token lists, matches, records) that live until the work ends
and are then freed by their reference counts: the work leaves no cycle for the collector.
Each burst of allocations still starts collections, which walk every young object again and,
now and then, every object the process holds (its caches of segmented clauses among them): a
tenth of the per-speech time. Paused over the work, the collector runs once after it instead.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside the block; collection resumes after it if it was on.

    For work without reference cycles only: a cycle made inside waits for the next
    collection after the block.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
