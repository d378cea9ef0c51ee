"""What ``speechkit analyze`` writes for N speeches: files per speech and megabytes of tables.

Run: python3 benchmarks/bench_outputs.py [--size 300] [--checkout DIR] [--workdir DIR] [-- ANALYZE OPTIONS]

The corpus is ``bench_analyze``'s (copies of ../shared/data, each its own year, title and
paragraph order). One ``python -m speechkit analyze`` run in a subprocess (from ``--checkout``,
default this one; another checkout gives the figures of its code), with an empty cache and no
per-speech pictures unless the options after ``--`` ask for them. Prints the files under
``speeches/`` per speech, the files and megabytes of ``tables/`` by format, and the seconds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import ROOT  # noqa: E402
from _corpora import cached_corpus  # noqa: E402


def folder_figures(out: Path, speeches: int) -> dict[str, object]:
    """Files per speech (under ``speeches/``, and ``speeches.jsonl`` counted as one file in all)
    and the tables' megabytes by suffix."""
    speech_files = [p for p in (out / "speeches").rglob("*") if p.is_file()] if (out / "speeches").is_dir() else []
    jsonl = out / "speeches.jsonl"
    tables: Counter[str] = Counter()
    for path in (out / "tables").rglob("*"):
        if path.is_file():
            tables[path.suffix] += path.stat().st_size
    return {
        "files per speech": round((len(speech_files) + jsonl.is_file()) / speeches, 3),
        "speeches.jsonl MB": round(jsonl.stat().st_size / 1e6, 2) if jsonl.is_file() else None,
        "per-speech files MB": round(sum(p.stat().st_size for p in speech_files) / 1e6, 2),
        "tables MB by format": {suffix: round(size / 1e6, 2) for suffix, size in sorted(tables.items())},
        "tables MB": round(sum(tables.values()) / 1e6, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300, help="speeches (default 300)")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the speechkit checkout to run (default: this one)")
    parser.add_argument("--workdir", type=Path, help="where the corpus and the output go (default: a temporary folder)")
    parser.add_argument("options", nargs="*", help="options for analyze (after --)")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-outputs-"))
    corpus, out, cache = work / f"corpus-{args.size}", work / "out", work / "cache"
    cached_corpus(args.size, corpus)
    command = [sys.executable, "-m", "speechkit", "analyze", str(corpus), "-o", str(out), "--jobs", "2",
               "--no-speech-pictures", *args.options]
    env = {**os.environ, "SPEECHKIT_CACHE": str(cache), "PYTHONPATH": str(args.checkout.resolve())}
    start = time.perf_counter()
    subprocess.run(command, cwd=args.checkout, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    print(f"checkout {args.checkout.resolve()}, {args.size} speeches, options {' '.join(args.options) or '(none)'}")
    for name, value in {**folder_figures(out, args.size), "seconds": round(seconds, 1)}.items():
        print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
