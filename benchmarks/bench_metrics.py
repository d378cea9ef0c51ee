"""Metrics + placeholders throughput on the real documents, beside jieba.lcut on the same text.

Every document of ../shared/data/real (and the seed) is read once; each timing runs
over fresh Speech objects, so no cached sentence split is reused.

Run: python3 benchmarks/bench_metrics.py [--repeat 3] [--copies 1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import baseline_jieba, REAL, SEED, best_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timings to take the best of")
    parser.add_argument("--copies", type=int, default=1, help="process the documents this many times per timing")
    args = parser.parse_args()


    from speechkit.extract.metrics.metrics import extract_metrics
    from speechkit.extract.metrics.placeholders import extract_placeholders
    from speechkit.ingest.read import read_speech
    from speechkit.speech import Speech

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


if __name__ == "__main__":
    main()
