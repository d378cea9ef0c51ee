"""What the mergeable partials of ``speechkit analyze`` hold, table by table, and what merging them costs.

Run from a checkout: PYTHONPATH=. python3 benchmarks/bench_partials.py --workdir DIR [--sizes 300,1000] [--jobs 2]
(it measures the speechkit it imports, and prints which).

For each size the scale benchmark's corpus (``_corpora.py``: copies of ../shared/data, kept in
``--workdir`` and reused) is computed once into a cache of its own in ``--workdir`` (``--jobs``
processes; a rerun of the same code finds every result there: the cache key holds the package's
fingerprint). Then, in this process, each partition of the corpus
(as the map step cuts it for ``--jobs`` workers) gives its partial from its results loaded from the
cache (:func:`speechkit.pipeline.results.partition_partials`), and the partials are merged as the
map step merges them (a tree of ``REDUCE_FANIN``-wide merges). It prints:

- the peak RSS of this process before and after the map (``Corpus.results(stream=True)``: the
  workers keep the results in the cache and return their partials, which this process merges;
  a peak over the process's life so far, so read it with one size per run);
- per partial: its pickled size (what a worker ships), mean and largest;
- the merged partials: their size in memory table by table (a ``sys.getsizeof`` walk over every
  object they reach; a string two tables share is counted in each table's row, once in the total)
  and pickled;
- the merge: its seconds, and the memory it allocated at its peak and kept (tracemalloc).
"""

from __future__ import annotations

import argparse
import gc
import pickle
import resource
import sys
import time
import tracemalloc
from dataclasses import fields, is_dataclass
from pathlib import Path

from _corpora import cached_corpus

MB = 1e6


def deep_size(value, seen: set[int]) -> int:
    """Bytes of ``value`` and every object it reaches not in ``seen`` (ids; updated): a
    ``sys.getsizeof`` walk through ``gc.get_referents``, and through a dict's keys too (the
    collector does not visit a dict's string keys). A numpy array's own buffer is in its
    ``getsizeof``; a view's base is reached as a referent."""
    total, stack = 0, [value]
    while stack:
        current = stack.pop()
        if id(current) in seen or isinstance(current, type):
            continue
        seen.add(id(current))
        total += sys.getsizeof(current)
        stack.extend(gc.get_referents(current))
        if isinstance(current, dict):
            stack.extend(current)
    return total


def parts_of(value) -> dict[str, object]:
    """The named parts of a tally (its fields; a field that is a dict, entry by entry)."""
    if not is_dataclass(value):
        return {"": value}
    found = {}
    for item in fields(value):
        part = getattr(value, item.name)
        if isinstance(part, dict):
            found.update({f"{item.name}[{key}]": inner for key, inner in part.items()})
        else:
            found[item.name] = part
    return found


def counts_in(part) -> int:
    """The counts a table holds: nested counters' entries, or a packed table's counts."""
    if hasattr(part, "counts"):
        return len(part.counts)
    return sum(len(inner) for inner in part.values()) if isinstance(part, dict) else 0


def breakdown(merged) -> list[tuple[str, int, int]]:
    """``(name, counts, bytes)`` of each part of each tally of ``merged`` (a KeyedTallies)."""
    rows = []
    for key, tally in merged.tallies.items():
        for name, part in parts_of(tally).items():
            rows.append((f"{key} {name}", counts_in(part), deep_size(part, set())))
    return rows


def measure(size: int, workdir: Path, jobs: int) -> None:
    import os

    folder = workdir / f"corpus-{size}"
    megabytes = cached_corpus(size, folder)[0] / MB
    os.environ["SPEECHKIT_CACHE"] = str(workdir / "cache")
    from speechkit import read_corpus
    from speechkit.analysis.aggregates import reduce_partials
    from speechkit.pipeline.executors import REDUCE_FANIN, partitions
    from speechkit.pipeline.results import partition_partials

    corpus = read_corpus(folder)
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    results = corpus.results(jobs=jobs, stream=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    print(f"{size} speeches ({megabytes:.1f} MB): results ready in {time.perf_counter() - started:.1f} s; "
          f"this process's peak RSS {before:.0f} MB before the map, {peak:.0f} MB after it (streamed: "
          f"the workers' results stay in the cache, only their partials come here)", flush=True)
    positions = list(range(len(corpus)))
    partials, build_seconds = [], 0.0
    for batch in partitions(positions, jobs):
        part = results.take(batch)
        loaded = list(part)
        started = time.perf_counter()
        partials.append(partition_partials(list(part.corpus), loaded))
        build_seconds += time.perf_counter() - started
        del loaded
    shipped = [len(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)) for p in partials]
    print(f"  partials: {len(partials)}, made in {build_seconds:.2f} s; pickled mean {sum(shipped) / len(shipped) / MB:.3f} MB, "
          f"largest {max(shipped) / MB:.3f} MB", flush=True)
    # Each partial as the main process gets it: unpickled (a worker's strings are its own).
    partials = [pickle.loads(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)) for p in partials]
    identity = type(partials[0]).identity()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    merged = reduce_partials(iter(partials), identity, chunk=REDUCE_FANIN)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    reduce_partials(iter(partials), identity, chunk=REDUCE_FANIN)
    merge_seconds = time.perf_counter() - started
    del partials
    print(f"  merge: {merge_seconds:.2f} s; allocated {(peak - before) / MB:.1f} MB at its peak, "
          f"{(current - before) / MB:.1f} MB kept (tracemalloc, partials' own memory apart)", flush=True)
    for name, counts, size_bytes in breakdown(merged):
        print(f"  {name:<40} {counts:9d} counts {size_bytes / MB:9.2f} MB", flush=True)
    print(f"  {'merged partials in memory':<40} {deep_size(merged, set()) / MB:9.2f} MB", flush=True)
    print(f"  {'merged partials pickled':<40} {len(pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)) / MB:9.2f} MB",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000", help="comma-separated corpus sizes in speeches (default 300,1000)")
    parser.add_argument("--workdir", type=Path, required=True, help="where the corpora and their cache are kept")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes computing the results (default 2)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    import speechkit

    print(f"speechkit from {Path(speechkit.__file__).parent}", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, args.workdir, args.jobs)


if __name__ == "__main__":
    main()
