#!/usr/bin/env python3
"""Word clouds of a folder of speeches: one per speech and one per year, plus a
comparison cloud of the last two years.

Example: python scripts/wordclouds.py speeches/ -o clouds/ --colormap viridis
"""

from __future__ import annotations

import argparse
from pathlib import Path

import speechkit as sk
from speechkit.analysis import group_frequencies
from speechkit.render import draw_comparison_cloud, draw_group_wordclouds


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of speeches")
    parser.add_argument("-o", "--out", type=Path, default=Path("wordclouds"), help="output folder")
    parser.add_argument("--colormap", default="tab10", help="matplotlib colour map")
    parser.add_argument("--mask", type=Path, help="mask image: words fill its non-white area")
    parser.add_argument("--max-words", type=int, default=150, help="words per cloud")
    args = parser.parse_args(argv)

    corpus = sk.read_corpus(args.folder)
    options = {"colormap": args.colormap, "mask": args.mask, "max_words": args.max_words}
    for group in ("speech", "year"):
        frequencies = group_frequencies(corpus, group)
        frequencies.pop(None, None)
        for key, path in draw_group_wordclouds(frequencies, args.out / group, **options).items():
            print(f"{group} {key}: {path}")
        if group == "year" and len(frequencies) > 1:
            first, last = list(frequencies)[-2:]
            path = draw_comparison_cloud(frequencies[first], frequencies[last], args.out / f"compare-{first}-{last}.png",
                                         labels=(str(first), str(last)))
            print(f"comparison: {path}")


if __name__ == "__main__":
    main()
