#!/usr/bin/env python3
"""Compare the years of a folder of speeches: rising and falling terms, similarity,
slogans, structure and metrics by year, written as CSV files, plus a trend chart.

Example: python scripts/compare_years.py speeches/ -o out/ --terms 高质量发展,营商环境
"""

from __future__ import annotations

import argparse
from pathlib import Path

import speechkit as sk
from speechkit.analysis import rate_matrix
from speechkit.render import term_trends_chart, write_comparison


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of speeches (with years in metadata.csv, titles or file names)")
    parser.add_argument("-o", "--out", type=Path, default=Path("compare-out"), help="output folder")
    parser.add_argument("--by", default="year", help="metadata variable to compare (default: year)")
    parser.add_argument("--terms", default="", help="comma-separated terms for the trend chart (default: the most frequent)")
    args = parser.parse_args(argv)

    corpus = sk.read_corpus(args.folder)
    for skipped in corpus.skipped:
        print(f"skipped {skipped.path}: {skipped.reason}")
    comparison = corpus.compare(by=args.by)
    for path in write_comparison(comparison, args.out):
        print(f"wrote {path}")
    terms = [t for t in args.terms.split(",") if t] or list(
        comparison.rates.groupby("term")["count"].sum().sort_values(ascending=False).index[:6]
    )
    chart = term_trends_chart(rate_matrix(comparison.rates, terms).T, args.out / "term_trends.png")
    print(f"wrote {chart}")


if __name__ == "__main__":
    main()
