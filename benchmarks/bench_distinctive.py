"""Keywords by year of the national work reports: corpus TF-IDF against keyness.

The corpus is the real documents and the genre documents in one folder (links in a
temporary folder) with a metadata.csv of year, kind, level and place from their
SOURCES.tsv. For each method the script prints the first ten keywords of a few years and,
over all thirteen years, how many of each year's ten share a term with the corpus's
twenty most frequent content terms (the issue's check: at most one).

Run: python3 benchmarks/bench_distinctive.py [--years 2013 2014 2016 2020 2024]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's speechkit

from _common import REAL, SHARED  # noqa: E402
from conftest import write_mixed_corpus  # noqa: E402

NATIONAL = "national-gov-work-report"


def main(argv=None) -> None:
    import speechkit as sk
    from speechkit.analysis.keyness import group_counts
    from speechkit import corpus_keywords

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, nargs="*", default=[2013, 2014, 2016, 2020, 2024])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        corpus = sk.read_corpus(write_mixed_corpus(Path(folder) / "mixed", REAL, SHARED / "genres"))
        counts = group_counts(corpus)
        top20 = {term for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:20]}
        print("corpus's 20 most frequent terms:", " ".join(sorted(top20, key=lambda t: -counts[t])))
        reports = [s for s in corpus if s.meta.get("kind") == NATIONAL]
        for method in ("tfidf", "keyness"):
            frame = corpus_keywords(reports, method=method, top=10, by="year")
            shared = {}
            for year, group in frame.groupby("year"):
                terms = list(group["term"])
                shared[year] = len(set(terms) & top20)
                if year in args.years:
                    print(f"{method:8} {year}: {' '.join(terms)}  (shared: {shared[year]})")
            print(f"{method:8} years {len(shared)}, shared with the top 20: max {max(shared.values())}, "
                  f"mean {sum(shared.values()) / len(shared):.2f}")


if __name__ == "__main__":
    main()
