"""Shared helpers of the benchmarks: the test texts, a timer and the peak memory of a process tree."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "industrial-park-2022.txt"
REAL = SHARED / "real"
GENRES = SHARED / "genres"
PROVINCES = SHARED / "provinces"


def repeated_seed(megabytes: float) -> str:
    """The seed speech repeated until its UTF-8 size reaches ``megabytes``."""
    text = SEED.read_text(encoding="utf-8")
    size = len(text.encode("utf-8"))
    return text * max(1, round(megabytes * 1_000_000 / size))


def _level(kind: str) -> str:
    """The level of a document of ../shared/data/real from its kind (its SOURCES.tsv
    names the kind only): provincial, district, local or national."""
    for level in ("provincial", "district", "local"):
        if kind.startswith(level):
            return level
    return "national"


def sourced_corpus(sources=(REAL, GENRES)):
    """The documents of ``sources`` (folders with a SOURCES.tsv) as one corpus, read where
    they are (nothing copied or linked), each with the year, kind and level of its
    SOURCES.tsv row (the level from the kind where the row names none), in the order
    ``read_corpus`` gives a folder of one sub-folder per source (sorted paths)."""
    import csv

    from speechkit import Corpus
    from speechkit import read_speech
    from speechkit import Metadata

    speeches = []
    for source in sorted(sources, key=lambda folder: folder.name):
        with (source / "SOURCES.tsv").open(encoding="utf-8", newline="") as table:
            for row in sorted(csv.DictReader(table, delimiter="\t"), key=lambda row: row["file"]):
                kind = row.get("kind") or row["genre"]
                meta = Metadata(year=int(row["year"]), extra={"kind": kind, "level": row.get("level") or _level(kind)})
                speeches.append(read_speech(source / row["file"], meta))
    return Corpus(speeches)


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

    from speechkit.paths import jieba_cache_dir

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = jieba_cache_dir()
    jieba.initialize()
    return jieba


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass  # the task ended while we looked
    return found


def tree_memory(pid: int, *, pss: bool = True) -> tuple[int, int]:
    """Resident memory in bytes of ``pid`` and all its descendants (Linux /proc): the sum of
    their RSS, and the sum of their PSS (proportional set size: a page shared by forked
    workers or a shared library counts once over the tree, so this is the physical memory
    the tree holds; the RSS sum counts a shared page once per process).

    PSS is read from ``smaps_rollup``, which walks the page tables under the process's memory
    lock (about 30 ms for a 1 GB process, and the process's page faults wait meanwhile);
    ``pss=False`` reads only the RSS, from ``statm`` (microseconds), and gives PSS 0.
    """
    rss = pss_sum = 0
    page = os.sysconf("SC_PAGE_SIZE")
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            if pss:
                for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss_sum += int(line.split()[1]) * 1024
            else:
                rss += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
        except OSError:
            continue
        stack += _children(current)
    return rss, pss_sum


@dataclass
class Measured:
    """Wall time, peak resident memory of the process tree, exit status and error tail of one command."""

    seconds: float
    peak_rss: int  # peak of the tree's RSS sum
    returncode: int
    error: str
    peak_pss: int = 0  # peak of the tree's PSS sum: its physical memory


# RSS is sampled this often; PSS, which is costly to read, every PSS_EVERY-th sample and whenever the RSS
# sum has grown by PSS_ON_GROWTH since PSS was last read (so a short peak is not missed between two
# readings). Reading PSS every 50 ms made a 1,000-speech run a third slower than it is.
SAMPLE_SECONDS = 0.05
PSS_EVERY = 20
PSS_ON_GROWTH = 1.1


def run_measured(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, also: Sequence[int] = ()
) -> Measured:
    """Run ``command`` and sample the resident memory of its whole process tree, and of the trees of
    the processes ``also`` names (a Dask scheduler and workers the command uses, say): the RSS sum
    every 50 ms, the PSS sum every second and whenever the RSS sum has grown by a tenth since PSS was
    last read (see :func:`tree_memory`). The command is stopped if this is interrupted."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr)
        peak = peak_pss = rss_at_pss = 0
        samples = 0
        roots = (process.pid, *also)
        try:
            while process.poll() is None:
                rss = sum(tree_memory(pid, pss=False)[0] for pid in roots)
                if samples % PSS_EVERY == 0 or rss > PSS_ON_GROWTH * rss_at_pss:
                    sampled = [tree_memory(pid) for pid in roots]
                    rss = rss_at_pss = sum(rss for rss, _ in sampled)
                    peak_pss = max(peak_pss, sum(pss for _, pss in sampled))
                peak = max(peak, rss)
                samples += 1
                time.sleep(SAMPLE_SECONDS)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        seconds = time.perf_counter() - start
        stderr.seek(0)
        lines = stderr.read().decode("utf-8", "replace").strip().splitlines()
    return Measured(seconds, peak, process.returncode, lines[-1] if lines else "", peak_pss)
