"""Outline extraction time vs segmenting the same text with jieba.lcut, on ~5 MB documents.

Two test documents: the seed speech repeated, and the real documents of ../shared/data/real
concatenated and repeated (many heading styles, annexes, boxes, lists). Each is read as
one speech. The outline is timed without keywords (structure, lists, statistics) and with
keywords from the tokens of our Tokenizer (segmentation included).

Run: python3 benchmarks/bench_outline.py [--mb 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import baseline_jieba, REAL, best_of, repeated_seed  # noqa: E402


def repeated_real(megabytes: float) -> str:
    """The real documents (UTF-8 .txt) joined by blank lines, repeated to ``megabytes``."""
    from speechkit import read_speech

    text = "\n\n".join(read_speech(path).text for path in sorted(REAL.glob("*.txt")))
    size = len(text.encode("utf-8"))
    return "\n\n".join([text] * max(1, round(megabytes * 1_000_000 / size)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of each test text in MB")
    args = parser.parse_args()


    from speechkit import Speech
    from speechkit.extract import extract_outline, iter_sections
    from speechkit import get_tokenizer

    jieba = baseline_jieba()
    tokenizer = get_tokenizer()
    print(f"{'document':16} {'MB':>5} {'sections':>8} {'items':>6} {'jieba.lcut s':>12} "
          f"{'outline s':>9} {'ratio':>6} {'+keywords s':>11} {'ratio':>6}")  # fmt: skip
    for name, text in (("seed repeated", repeated_seed(args.mb)), ("real repeated", repeated_real(args.mb))):
        megabytes = len(text.encode("utf-8")) / 1e6
        baseline = best_of(lambda: jieba.lcut(text))
        # A fresh Speech each time, so its paragraphs are computed inside the timing.
        structure = best_of(lambda: extract_outline(Speech(text), keywords=0), repeat=3)
        with_keywords = best_of(lambda: extract_outline(Speech(text), keywords=5, tokens=tokenizer.tokenize(text)))
        outline = extract_outline(Speech(text), keywords=0)
        sections = list(iter_sections(outline.sections))
        items = sum(len(s.items) for s in sections) + len(outline.items)
        print(
            f"{name:16} {megabytes:5.2f} {len(sections):8,} {items:6,} {baseline:12.2f} "
            f"{structure:9.3f} {structure / baseline:6.3f} {with_keywords:11.2f} {with_keywords / baseline:6.3f}"
        )


if __name__ == "__main__":
    main()
