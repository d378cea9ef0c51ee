"""Reading a folder (listing, decoding, metadata) vs detecting each file's encoding alone;
with ``--memory``, the peak memory of ``analyze`` per MB of one large document.

The test folder holds copies of the real documents of ../shared/data/real (UTF-8, some
with CRLF) and the seed speech in GB18030, so both the UTF-8 path and encoding
detection are timed. The baseline is what every reader must at least do without
knowing the encoding: read each file's bytes and ask charset-normalizer for the best
guess. The ratio is speechkit's time over the baseline's.

With ``--memory 1 4 16 50`` one document of each size (MB of UTF-8), made by repeating the
real documents of ../shared/data/real, goes alone through ``speechkit analyze --no-cache
--no-speech-pictures`` in a fresh process; the peak RSS of the process tree and the peak
over the size of the input are printed. ``--checkout`` runs another checkout's code (main's,
to measure before a change) and ``--cli-args`` adds options (such as ``--max-file-mb 64``,
which a document over the default size limit needs).

Run: python3 benchmarks/bench_read.py [--copies 10] [--memory 1 4 16 50] [--checkout DIR] [--cli-args "..."]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REAL, ROOT, SEED, best_of, run_measured  # noqa: E402


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


def large_document(megabytes: float) -> str:
    """The real documents, one after another, repeated until the UTF-8 size reaches ``megabytes``."""
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(REAL.glob("*.txt")))
    size = len(text.encode("utf-8"))
    return text * max(1, round(megabytes * 1_000_000 / size))


def measure_memory(sizes: list[float], checkout: Path, cli_args: list[str]) -> None:
    """Peak RSS of ``analyze`` on one document of each size, run from ``checkout``."""
    print(f"checkout {checkout}; extra options: {' '.join(cli_args) or '(none)'}")
    print(f"{'MB':>6} {'peak RSS MB':>12} {'MB per MB':>10} {'seconds':>8} {'exit':>5}")
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name) / "in"
            folder.mkdir()
            document = folder / "large.txt"
            document.write_text(large_document(megabytes), encoding="utf-8")
            size = document.stat().st_size / 1e6
            command = [sys.executable, "-m", "speechkit", "analyze", str(folder), "-o", str(Path(name) / "out"),
                       "--no-cache", "--no-speech-pictures", *cli_args]
            env = {**os.environ, "PYTHONPATH": str(checkout)}
            measured = run_measured(command, env=env, cwd=checkout)
            print(f"{size:6.1f} {measured.peak_rss / 1e6:12.0f} {measured.peak_rss / 1e6 / size:10.1f} "
                  f"{measured.seconds:8.1f} {measured.returncode:5}" + (f"  {measured.error}" if measured.returncode else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="copies of the document set in the folder")
    parser.add_argument("--memory", type=float, nargs="+", metavar="MB", help="measure analyze's peak memory on one document of each size")
    parser.add_argument("--checkout", type=Path, default=ROOT, help="the checkout whose code --memory runs (default: this one)")
    parser.add_argument("--cli-args", default="", help="options added to analyze with --memory")
    args = parser.parse_args()
    if args.memory:
        measure_memory(args.memory, args.checkout.resolve(), shlex.split(args.cli_args))
        return

    from speechkit import read_corpus

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
