"""Segmentation throughput: our Tokenizer (both engines, with tags) vs plain jieba.lcut.

Run: python3 benchmarks/bench_segment.py [--mb 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import baseline_jieba, best_of, repeated_seed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the test text in MB")
    args = parser.parse_args()

    from speechkit import Tokenizer

    text = repeated_seed(args.mb)
    megabytes = len(text.encode("utf-8")) / 1e6
    jieba = baseline_jieba()
    ours_rjieba = Tokenizer("rjieba")
    ours_jieba = Tokenizer("jieba")

    rows = [
        ("jieba.lcut (baseline, no tags)", best_of(lambda: jieba.lcut(text))),
        ("speechkit rjieba, with tags", best_of(lambda: ours_rjieba.tokenize(text), repeat=3)),
        ("speechkit jieba, with tags", best_of(lambda: ours_jieba.tokenize(text))),
    ]
    baseline = rows[0][1]
    print(f"text: {megabytes:.2f} MB, {len(text):,} characters")
    print(f"{'':34} {'seconds':>8} {'MB/s':>7} {'chars/s':>12} {'x jieba.lcut':>13}")
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.2f} {megabytes / seconds:7.2f} {len(text) / seconds:12,.0f} {baseline / seconds:13.2f}")


if __name__ == "__main__":
    main()
