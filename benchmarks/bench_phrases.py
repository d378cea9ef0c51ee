"""Core formulations and requested terms counted as text, beside ``str.count`` per phrase.

The baseline counts every spelling of every core formulation with one ``str.count``
each (one scan of the text per spelling, overlaps not resolved); speechkit finds them
all in one leftmost-longest pass. Both run over the real documents and the seed.

Run: python3 benchmarks/bench_phrases.py [--repeat 5] [--copies 1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REAL, SEED, best_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timings to take the best of")
    parser.add_argument("--copies", type=int, default=1, help="process the documents this many times per timing")
    args = parser.parse_args()

    from speechkit.extract.phrases import core_formulation_slogans, count_phrases
    from speechkit.extract.slogans.lexicon import load_core_formulations
    from speechkit import read_speech

    documents = [read_speech(path) for path in [SEED, *sorted(REAL.glob("*.txt"))]] * args.copies
    texts = [d.text for d in documents]
    characters = sum(map(len, texts))
    core = load_core_formulations()
    forms = [form for entry in core.entries for form in entry.forms]
    terms = ["新常态", "供给侧结构性改革", "高质量发展", "乡村振兴", "营商环境"]

    def baseline() -> int:
        return sum(text.count(form) for text in texts for form in forms)

    def ours() -> int:
        return sum(s.count for document in documents for s in core_formulation_slogans(document, core))

    def baseline_terms() -> int:
        return sum(text.count(term) for text in texts for term in terms)

    def ours_terms() -> int:
        return sum(sum(count_phrases(text, terms).values()) for text in texts)

    rows = [
        (f"str.count × {len(forms)} spellings (baseline)", best_of(baseline, args.repeat), baseline()),
        ("speechkit core formulations", best_of(ours, args.repeat), ours()),
        (f"str.count × {len(terms)} terms (baseline)", best_of(baseline_terms, args.repeat), baseline_terms()),
        ("speechkit count_phrases", best_of(ours_terms, args.repeat), ours_terms()),
    ]
    print(f"text: {len(documents)} documents, {characters:,} characters")
    print(f"{'':42} {'seconds':>8} {'found':>7} {'x baseline':>11}")
    for index, (name, seconds, found) in enumerate(rows):
        base = rows[index - index % 2][1]
        print(f"{name:42} {seconds:8.4f} {found:7,} {base / seconds:11.2f}")


if __name__ == "__main__":
    main()
