"""Peak memory (PSS and RSS) and time of the corpus topic model alone at 1,000 and 3,000 speeches' worth
of units, in this checkout and in another (main, say), each in a process of its own.

The speeches have the shape of bench_analyze's corpora: copy ``i`` is made of the documents of
../shared/data/real, provinces and genres (and the seed) in turn (``_corpora.source_documents``), its paragraphs in an order of
its own (seeded by ``i``), kept up to about 30 KB. Each copy's result is its source document's
per-speech result with its paragraph units put in that order and cut there, so no copy is
segmented: a result source makes each copy when it is read, as the cache loads results, and the
model is fitted as ``analyze`` fits it (``topic_model(results, remove=officialese)``; ``--method nmf``
leaves out the LDA candidates). The
sources' results come from the result cache (made first, outside the measured runs).

Run: python benchmarks/bench_topic_memory.py [--sizes 1000,3000] [--baseline ../main] [--method nmf]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, run_measured  # noqa: E402

# Run in a checkout: build the copies' results and fit the model; print its time and size.
FIT = r"""
import json, random, sys, time
from dataclasses import replace
from pathlib import Path
from _corpora import source_documents
from speechkit import Corpus, Metadata, Speech, read_speech
from speechkit.analysis.officialese import load_officialese
from speechkit.analysis.topics import topic_model
from speechkit.result import TermUnits
from speechkit.results import Results

SPEECH_BYTES, FIRST_YEAR, YEARS = 30_000, 2000, 26
sources = list(Corpus([read_speech(path) for path in source_documents()]).results())


def copy_of(number):
    source = sources[number % len(sources)]
    units = source.paragraphs
    order = list(range(len(units)))
    random.Random(f"speechkit-bench-{number}").shuffle(order)
    kept, size = [], 0
    for i in order:
        if kept and size >= SPEECH_BYTES:
            break
        kept.append(i)
        size += 3 * (units.ends[i] - units.starts[i])  # about 3 bytes of UTF-8 a character
    starts, ends, indptr, terms, counts, offset = [], [], [0], [], [], 0
    for i in kept:
        starts.append(offset)
        offset += units.ends[i] - units.starts[i]
        ends.append(offset)
        offset += 1
        lo, hi = units.indptr[i], units.indptr[i + 1]
        terms.extend(units.terms[lo:hi])
        counts.extend(units.counts[lo:hi])
        indptr.append(len(terms))
    paragraphs = TermUnits(len(kept), range(len(kept)), starts, ends, [units.sections[i] for i in kept], indptr, terms,
                           counts)
    return replace(source, paragraphs=paragraphs)


class Copies:
    # A result source (speechkit.results.ResultSource) making each copy when it is read.
    def __init__(self, numbers):
        self.numbers = list(numbers)

    def __len__(self):
        return len(self.numbers)

    def load(self, positions):
        return [copy_of(self.numbers[i]) for i in positions]

    def take(self, positions):
        return Copies([self.numbers[i] for i in positions])


size, method = int(sys.argv[1]), sys.argv[3]
speeches = [Speech(" ", Metadata(year=FIRST_YEAR + i % YEARS), name=f"speech-{i + 1:05d}") for i in range(size)]
results = Results(Corpus(speeches), Copies(range(size)))
units = sum(len(result.paragraphs) for result in results)
start = time.perf_counter()
model = topic_model(results, remove=load_officialese(), method=method)
seconds = time.perf_counter() - start
Path(sys.argv[2]).write_text(json.dumps({"units": units, "seconds": round(seconds, 1), "method": model.method,
                                         "k": model.k, "fitted": model.selection.get("sampled_units", len(model.units))}))
"""


def measured(checkout: Path, size: int, method: str) -> dict:
    """The fit's printed figures and the peak PSS of its process, run in ``checkout``."""
    path = f"import sys; sys.path[:0] = [{str(checkout)!r}, {str(Path(__file__).resolve().parent)!r}]\n"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "figures.json"
        run = run_measured([sys.executable, "-c", path + FIT, str(size), str(out), method], cwd=checkout)
        if run.returncode:
            raise SystemExit(f"{checkout}: {run.error}")
        figures = json.loads(out.read_text())
    return {**figures, "peak_pss_mb": round(run.peak_pss / 1e6), "peak_rss_mb": round(run.peak_rss / 1e6),
            "wall_s": round(run.seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000", help="speeches' worth of units (default 1000,3000)")
    parser.add_argument("--baseline", type=Path, default=ROOT.parent / "main",
                        help="another checkout of speechkit measured the same way (default ../main); 'none' for none")
    parser.add_argument("--method", choices=["auto", "nmf", "lda"], default="auto",
                        help="the model's method (default auto, as analyze; nmf alone is several times faster)")
    args = parser.parse_args()
    # The sources' results into the cache first, so no measured run computes them.
    path = f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(Path(__file__).resolve().parent)!r}]\n"
    subprocess.run([sys.executable, "-c", path + "from _corpora import source_documents\nfrom speechkit import Corpus, "
                    "read_speech\nCorpus([read_speech(path) for path in source_documents()]).results()"], check=True, cwd=ROOT)
    checkouts = [("this checkout", ROOT)] + ([] if str(args.baseline) == "none" else [("baseline", args.baseline)])
    print(f"{'checkout':<16}{'speeches':>9}{'units':>9}{'fitted on':>10}{'model':>8}{'fit s':>8}{'process s':>10}"
          f"{'peak PSS MB':>12}{'peak RSS MB':>12}")
    for size in (int(s) for s in args.sizes.split(",")):
        for name, checkout in checkouts:
            m = measured(checkout, size, args.method)
            print(f"{name:<16}{size:>9}{m['units']:>9}{m['fitted']:>10}{m['method'] + str(m['k']):>8}{m['seconds']:>8}"
                  f"{m['wall_s']:>10}{m['peak_pss_mb']:>12}{m['peak_rss_mb']:>12}", flush=True)


if __name__ == "__main__":
    main()
