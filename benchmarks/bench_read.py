"""Reading a folder (listing, decoding, metadata) vs detecting each file's encoding alone.

The test folder holds copies of the real documents of ../shared/data/real (UTF-8, some
with CRLF) and the seed speech in GB18030, so both the UTF-8 path and encoding
detection are timed. The baseline is what every reader must at least do without
knowing the encoding: read each file's bytes and ask charset-normalizer for the best
guess. The ratio is speechkit's time over the baseline's.

Run: python3 benchmarks/bench_read.py [--copies 10]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REAL, SEED, best_of  # noqa: E402


def make_folder(folder: Path, copies: int) -> list[Path]:
    """``copies`` subfolders, each with the real documents and the seed in GB18030."""
    for copy in range(copies):
        target = folder / f"copy{copy:03d}"
        target.mkdir()
        for path in sorted(REAL.glob("*.txt")):
            shutil.copyfile(path, target / path.name)
        (target / "seed-gb18030.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    return sorted(folder.rglob("*.txt"))


def detect_each(paths: list[Path]) -> None:
    from charset_normalizer import from_bytes

    for path in paths:
        str(from_bytes(path.read_bytes()).best())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the document set in the folder")
    args = parser.parse_args()

    from speechkit.ingest.read import read_corpus

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = make_folder(folder, args.copies)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        baseline = best_of(lambda: detect_each(paths), repeat=3)
        ours = best_of(lambda: read_corpus(folder), repeat=3)
        corpus = read_corpus(folder)
        print(f"{'files':>6} {'MB':>6} {'read':>5} {'skipped':>7} {'detect s':>9} {'read_corpus s':>13} {'ratio':>6}")
        print(f"{len(paths):6} {megabytes:6.2f} {len(corpus):5} {len(corpus.skipped):7} {baseline:9.3f} {ours:13.3f} "
              f"{ours / baseline:6.3f}")


if __name__ == "__main__":
    main()
