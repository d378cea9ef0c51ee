"""Metrics + placeholders throughput on the real documents, beside jieba.lcut on the same text.

Every document of ../shared/data/real (and the seed) is read once; each timing runs
over fresh Speech objects, so no cached sentence split is reused.

A second table runs ``metrics`` (records and their JSON) on the real documents with
every punctuation mark, space and line break removed, at 128 KB, 512 KB and 1 MB: one sentence
of a megabyte. Time, JSON size and peak memory must grow linearly with the text
(the last columns give each per MB of text; they should stay flat).

Run: python3 benchmarks/bench_metrics.py [--repeat 3] [--copies 1] [--sizes 0.128 0.512 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import tracemalloc
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import baseline_jieba, REAL, SEED, best_of  # noqa: E402


def unpunctuated(megabytes: float) -> str:
    """The real documents without punctuation, spaces or line breaks, repeated to ``megabytes`` of UTF-8."""
    documents = "".join(path.read_text(encoding="utf-8") for path in sorted(REAL.glob("*.txt")))
    text = "".join(ch for ch in documents if not unicodedata.category(ch).startswith(("P", "Z", "C")))
    size = len(text.encode("utf-8"))
    text *= int(megabytes * 1_000_000 / size) + 1
    return text.encode("utf-8")[: int(megabytes * 1_000_000)].decode("utf-8", "ignore")


def unpunctuated_table(sizes: list[float]) -> None:
    """Time, JSON size and peak memory of ``metrics`` on text without punctuation."""
    from speechkit.extract.metrics.metrics import metrics_json
    from speechkit import Speech

    print("\nmetrics on text without punctuation (one sentence)")
    print(f"{'MB':>6} {'records':>8} {'seconds':>8} {'JSON MB':>8} {'peak MB':>8} {'s/MB':>7} {'JSON/MB':>8} {'peak/MB':>8}")
    for size in sizes:
        text = unpunctuated(size)
        megabytes = len(text.encode("utf-8")) / 1e6
        seconds = best_of(lambda: json.dumps(metrics_json(Speech(text)), ensure_ascii=False), 1)
        tracemalloc.start()
        output = json.dumps(metrics_json(Speech(text)), ensure_ascii=False)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        records = output.count('"raw"')
        size_mb = len(output.encode("utf-8")) / 1e6
        print(
            f"{megabytes:6.3f} {records:8,} {seconds:8.2f} {size_mb:8.2f} {peak:8.1f}"
            f" {seconds / megabytes:7.2f} {size_mb / megabytes:8.2f} {peak / megabytes:8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timings to take the best of")
    parser.add_argument("--copies", type=int, default=1, help="process the documents this many times per timing")
    parser.add_argument("--sizes", type=float, nargs="*", default=[0.128, 0.512, 1.0], help="MB of unpunctuated text")
    args = parser.parse_args()

    from speechkit import extract_metrics
    from speechkit import extract_placeholders
    from speechkit import read_speech
    from speechkit import Speech

    documents = [read_speech(path) for path in [SEED, *sorted(REAL.glob("*.txt"))]] * args.copies
    texts = [d.text for d in documents]
    characters = sum(map(len, texts))
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    jieba = baseline_jieba()
    extract_metrics(Speech(texts[0]))  # load the unit, indicator and formulation tables

    def ours() -> int:
        found = 0
        for document in documents:
            speech = Speech(document.text, document.meta, document.path)
            placeholders = extract_placeholders(speech)
            found += len(extract_metrics(speech, placeholders=placeholders)) + len(placeholders)
        return found

    def baseline() -> None:
        for text in texts:
            jieba.lcut(text)

    rows = [
        ("jieba.lcut (baseline)", best_of(baseline, args.repeat)),
        ("speechkit metrics + placeholders", best_of(ours, args.repeat)),
    ]
    print(f"text: {len(documents)} documents, {megabytes:.2f} MB, {characters:,} characters; {ours():,} records")
    base = rows[0][1]
    print(f"{'':34} {'seconds':>8} {'MB/s':>7} {'chars/s':>12} {'x jieba.lcut':>13}")
    for name, seconds in rows:
        print(f"{name:34} {seconds:8.3f} {megabytes / seconds:7.2f} {characters / seconds:12,.0f} {base / seconds:13.2f}")
    if args.sizes:
        unpunctuated_table(args.sizes)


if __name__ == "__main__":
    main()
