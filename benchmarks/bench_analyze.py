"""``speechkit analyze`` on ../shared/data/real with --jobs 1 and --jobs 2: wall time and
peak memory (resident set of the whole process tree, sampled every 50 ms), in one run.

Run: python3 benchmarks/bench_analyze.py [--path FOLDER]
Each run uses a fresh, empty result cache, so every speech is computed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REAL  # noqa: E402


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def tree_rss(pid: int) -> int:
    """Resident memory in bytes of ``pid`` and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
        stack += _children(current)
    return total


def measure(path: Path, jobs: int) -> tuple[float, int]:
    """Wall seconds and peak process-tree RSS of one ``speechkit analyze`` run."""
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "SPEECHKIT_CACHE": str(Path(work) / "cache")}
        command = [sys.executable, "-m", "speechkit", "analyze", str(path), "-o", str(Path(work) / "out"), "--jobs", str(jobs)]
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        if process.returncode:
            raise SystemExit(f"analyze --jobs {jobs} failed with status {process.returncode}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=REAL, help="folder to analyse (default: ../shared/data/real)")
    args = parser.parse_args()
    size = sum(p.stat().st_size for p in args.path.rglob("*.txt"))
    print(f"corpus: {args.path} ({size / 1e6:.2f} MB of .txt)")
    results = {jobs: measure(args.path, jobs) for jobs in (1, 2)}
    print(f"{'':10} {'seconds':>8} {'peak MB':>8}")
    for jobs, (seconds, peak) in results.items():
        print(f"--jobs {jobs:<3} {seconds:8.1f} {peak / 1e6:8.0f}")
    print(f"speed-up of --jobs 2: {results[1][0] / results[2][0]:.2f}x")


if __name__ == "__main__":
    main()
