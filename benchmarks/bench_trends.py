"""The trend chart's terms: the pooled years set apart by keyness (the earlier default) against
the trend terms ranked within the longest series (speechkit.analysis.trends), on the real
documents and the demo corpus; then the time of the ranking on the demo corpus's speeches
repeated as one series of ``--copies`` speeches a year, results held and streamed.

Run: python3 benchmarks/bench_trends.py [--copies 50]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's speechkit

from _common import REAL  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "corpus"
SHOWN = 8


def pooled_keyness_terms(results, exclude) -> list[str]:
    """The earlier default: the terms that best set the pooled years apart."""
    from speechkit.analysis.aggregates import results_tally
    from speechkit.analysis.keyness import distinctive_vocabulary

    by_year = {year: counts for year, counts in results_tally(results).table("terms").items() if year is not None}
    return distinctive_vocabulary(by_year, SHOWN, exclude=exclude)


def repeated_series(copies: int):
    """The demo corpus's speeches, each year ``copies`` times, as one series."""
    from dataclasses import replace

    import speechkit as sk

    demo = sk.read_corpus(DEMO)
    speeches = [sk.Speech(s.text, replace(s.meta, extra={**s.meta.extra, "series": "yunxi"}), name=f"{s.id}-{k}")
                for s in demo for k in range(copies)]
    return sk.Corpus(speeches)


def main(argv=None) -> None:
    import speechkit as sk
    from speechkit.analysis.trends import term_trends
    from speechkit.pipeline.options import AnalysisOptions

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=50, help="copies of each demo speech in the timed series")
    args = parser.parse_args(argv)
    options = AnalysisOptions()
    exclude = options.officialese_words()
    for name, folder in (("real", REAL), ("corpus/", DEMO)):
        results = sk.read_corpus(folder).results(options)
        trends = term_trends(results, exclude=exclude)
        print(f"{name:8} before (pooled keyness): {' '.join(pooled_keyness_terms(results, exclude))}")
        print(f"{name:8} after  (series {trends.series.label or 'all'}, {len(trends.series.positions)} speeches, "
              f"{trends.series.years[0]}–{trends.series.years[-1]}): {' '.join(trends.terms(SHOWN))}")
    corpus = repeated_series(args.copies)
    for stream in (False, True):
        results = corpus.results(options, stream=stream)
        start = time.perf_counter()
        trends = term_trends(results, exclude=exclude)
        took = time.perf_counter() - start
        print(f"term_trends, {len(trends.series.positions)} speeches in one series, {'streamed' if stream else 'held'}: "
              f"{took:.2f} s ({1000 * took / len(trends.series.positions):.1f} ms a speech)")


if __name__ == "__main__":
    main()
