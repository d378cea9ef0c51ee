"""Text reuse at scale: local speeches against 20 reference documents, beside naive all-pairs difflib.

The local speeches are made from the real documents: each takes paragraphs drawn (with a
fixed seed) from all of them, with the national level's words turned into a district's
(国务院 → 区政府, 全国 → 全区 …), so they borrow from the references the way county texts
do, without being exact copies. The references are 20 of the real documents.

The baseline is what one writes by hand: every sentence of a speech against every
sentence of every reference with ``difflib.SequenceMatcher`` (longest match ≥ 15
characters). It is timed on a sample of sentences and scaled to the whole corpus; the
same sample says how many of the baseline's passages speechkit also finds.

Run: python3 benchmarks/bench_reuse.py [--speeches 1000] [--sample 20]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REAL  # noqa: E402

LOCALISE = (("国务院", "区政府"), ("全国", "全区"), ("中央", "上级"), ("我国", "我区"), ("各地", "各街道"))
MIN_LENGTH = 15


def local_speeches(documents, count: int, paragraphs: int = 40, seed: int = 7):
    """``count`` synthetic local speeches, each with its own year and paragraphs."""
    from speechkit import Speech
    from speechkit import Metadata

    pool = [p.text for d in documents for p in d.paragraphs if len(p.text) > 20]
    rng = random.Random(seed)
    speeches = []
    for index in range(count):
        chosen = rng.sample(pool, paragraphs)
        text = "\n".join(chosen)
        for national, local in LOCALISE:
            if rng.random() < 0.7:
                text = text.replace(national, local)
        speeches.append(Speech(text, Metadata(year=2013 + index % 12, title=f"区政府工作报告 {index}"), name=f"local-{index:04d}"))
    return speeches


def naive_passages(speech, references, sentences: list) -> tuple[float, set[tuple[int, int]]]:
    """All-pairs difflib over ``sentences`` of ``speech``: time and the local spans found."""
    from difflib import SequenceMatcher

    found = set()
    start = time.perf_counter()
    for sentence in sentences:
        for reference in references:
            for other in reference.sentences:
                matcher = SequenceMatcher(None, sentence.text, other.text, autojunk=False)
                match = matcher.find_longest_match(0, len(sentence.text), 0, len(other.text))
                if match.size >= MIN_LENGTH:
                    found.add((sentence.start + match.a, sentence.start + match.a + match.size))
    return time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speeches", type=int, default=1000, help="local speeches to examine")
    parser.add_argument("--sample", type=int, default=20, help="sentences timed with the naive baseline")
    args = parser.parse_args()

    from speechkit import Corpus, find_reuse, read_corpus

    real = list(read_corpus(REAL))
    references = real[:20]
    speeches = local_speeches(real, args.speeches)
    characters = sum(len(s.text) for s in speeches)
    megabytes = sum(len(s.text.encode("utf-8")) for s in speeches) / 1e6
    print(f"{len(speeches)} local speeches ({characters:,} characters, {megabytes:.1f} MB) against "
          f"{len(references)} references ({sum(len(r.text) for r in references):,} characters)")

    # The speeches' results (cached after a first run) are made before the timing: find_reuse reads them.
    results = Corpus(speeches).results(jobs=os.cpu_count() or 1)
    start = time.perf_counter()
    result = find_reuse(results, references, min_length=MIN_LENGTH, later_references=True, sections=False)
    ours = time.perf_counter() - start
    print(f"speechkit find_reuse: {ours:.1f} s, {len(result.passages):,} passages")

    rng = random.Random(3)
    probe = speeches[0]
    sample = rng.sample([s for s in probe.sentences if len(s.text) >= MIN_LENGTH], args.sample)
    naive_time, naive_found = naive_passages(probe, references, sample)
    sentences = sum(len(s.sentences) for s in speeches)
    naive_total = naive_time / len(sample) * sentences
    print(f"naive difflib: {naive_time:.1f} s for {len(sample)} sentences × {sum(len(r.sentences) for r in references):,} "
          f"reference sentences → {naive_total / 3600:.1f} h for all {sentences:,} sentences (extrapolated)")
    print(f"speedup: {naive_total / ours:,.0f}x")
    ours_spans = [(p.start, p.end) for p in result.passages if p.speech == probe.id]
    covered = sum(1 for a, b in naive_found if any(s <= a and b <= e + 1 for s, e in ours_spans) or
                  any(max(a, s) < min(b, e) and min(b, e) - max(a, s) >= 0.8 * (b - a) for s, e in ours_spans))
    if naive_found:
        print(f"agreement on the sample: speechkit covers {covered} of the {len(naive_found)} passages difflib finds "
              f"({covered / len(naive_found):.0%})")


if __name__ == "__main__":
    main()
