"""The corpus topic model against the NMF of another checkout (main, say) on the same
corpus: the time of each fit and of analyze's topic stage, the coherence of each model
under one measure, and how many of each topic's top terms are opening-formula words.

The measure (``speechkit.analysis.topics.COHERENCE_MEASURE``): the mean NPMI of each
topic's 10 top-term pairs, with paragraphs as co-occurrence windows, counted over the
held-out paragraphs (every fifth) and over all paragraphs, on the full vocabulary (the
boilerplate the model leaves out included), so both models are scored on the same
counts.

Run: python3 benchmarks/bench_topics.py [--corpus real+genres|real] [--baseline /work/main]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import GENRES, REAL, ROOT, sourced_corpus  # noqa: E402

# This checkout's speechkit, not an installed one.
sys.path.insert(0, str(ROOT))

# The words of the work reports' opening formula (我代表国务院，向大会报告政府工作，请予审议 …).
OPENING_FORMULA = ("政府工作报告", "国务院", "审议", "大会", "代表", "请予", "报告", "各位代表", "政协委员")
# Run in the baseline checkout: its topic model of the corpus, fitted as its analyze does.
BASELINE = """
import json, sys, time
from pathlib import Path
from _common import sourced_corpus
from speechkit.analysis.topics import topic_model_from_units
corpus = sourced_corpus([Path(source) for source in sys.argv[1:]])
try:  # a baseline that fits its model from the texts
    from speechkit.analysis.terms import corpus_units
    from speechkit.analysis.topics import _count_unit
    units = [_count_unit(u) for u in corpus_units(corpus, "paragraph", with_sections=True)]
except ImportError:  # one that fits it from the results
    from speechkit.analysis.topics import result_units
    units = result_units([(s.id, r) for s, r in corpus.results().pairs()], "paragraph")
start, cpu = time.perf_counter(), time.process_time()
model = topic_model_from_units(units)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"method": model.method, "k": model.k, "seconds": seconds, "cpu": cpu,
                  "topics": [[t["term"] for t in topic["terms"]] for topic in model.topics]}, ensure_ascii=False))
"""
# Run in a checkout: the topic task of analyze's corpus stage (model, tables, chart, graph files),
# timed from the per-speech results (which the result cache usually holds).
STAGE = """
import json, sys, tempfile, time
from pathlib import Path
from _common import sourced_corpus
import inspect
try:
    from speechkit.pipeline.artefacts import graph_tasks
except ImportError:  # a baseline from before the graphs moved out of corpus_tables
    from speechkit.pipeline.corpus_tables import graph_tasks
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.per_speech import speech_result
corpus = sourced_corpus([Path(source) for source in sys.argv[1:]])
options = AnalysisOptions()
results = [speech_result(speech, options) for speech in corpus]
with tempfile.TemporaryDirectory() as folder:
    if "corpus" in inspect.signature(graph_tasks).parameters:  # a baseline whose tasks take the speeches apart
        tasks = graph_tasks(list(corpus), results, Path(folder) / "graphs", options)
    else:
        from speechkit.results import Results
        tasks = graph_tasks(Results(corpus, results), Path(folder) / "graphs", options)
    topic_task = tasks[0]
    start, cpu = time.perf_counter(), time.process_time()
    topic_task()
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""


def units_of(corpus):
    from speechkit.analysis.topics import result_units

    return result_units([(speech.id, result) for speech, result in corpus.results().pairs()], "paragraph")


def in_checkout(checkout: Path, script: str, sources) -> dict:
    """The JSON that ``script`` prints on the documents of ``sources``, run with the
    speechkit of ``checkout`` first on the path."""
    path = f"import sys; sys.path[:0] = [{str(checkout)!r}, {str(Path(__file__).resolve().parent)!r}]\n"
    done = subprocess.run([sys.executable, "-c", path + script, *map(str, sources)],
                          capture_output=True, text=True, check=True, cwd=checkout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def coherence(units, topics: list[list[str]]) -> tuple[float, float]:
    """The held-out and all-unit NPMI coherence of ``topics`` (lists of terms) over ``units``."""
    from speechkit.analysis.topic_units import count_unit_blocks, read_units
    from speechkit.analysis.topics import held_out_rows, npmi_coherence

    vocabulary = sorted({term for unit in units for term in unit.counts})
    counts, _ = read_units(count_unit_blocks(units), vocabulary)
    index = {term: j for j, term in enumerate(vocabulary)}
    top = [[index[t] for t in terms if t in index] for terms in topics]
    held, _ = held_out_rows(len(units))
    return npmi_coherence(counts[held].tocsc(), top), npmi_coherence(counts.tocsc(), top)


def formula_words(topics: list[list[str]]) -> int:
    """The largest number of opening-formula words among one topic's top 10 terms."""
    return max(len(set(terms[:10]) & set(OPENING_FORMULA)) for terms in topics)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["real+genres", "real"], default="real+genres")
    parser.add_argument("--baseline", type=Path, default=ROOT.parent / "main",
                        help="A checkout of speechkit whose topic model is compared (default: ../main).")
    args = parser.parse_args()
    from speechkit.analysis.topics import CORPUS_TOPIC_K, topic_model_from_units

    sources = (REAL, GENRES) if args.corpus == "real+genres" else (REAL,)
    units = units_of(sourced_corpus(sources))
    start, cpu = time.perf_counter(), time.process_time()
    model = topic_model_from_units(units, k_range=CORPUS_TOPIC_K)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    base = in_checkout(args.baseline, BASELINE, sources)
    stages = {"this checkout": in_checkout(ROOT, STAGE, sources), "baseline": in_checkout(args.baseline, STAGE, sources)}
    ours = [[t["term"] for t in topic["terms"]] for topic in model.topics]
    speeches = len({u.speech for u in units})
    print(f"corpus: {args.corpus} ({speeches} speeches, {len(units)} paragraphs)")
    print(f"measure: {model.selection['measure']}")
    print(f"{'model':<34}{'k':>3}{'wall s':>8}{'CPU s':>7}{'NPMI held-out':>15}{'NPMI all':>10}{'formula words':>15}")
    for name, k, spent, used, topics in ((f"this checkout ({model.method})", model.k, seconds, cpu, ours),
                                         (f"baseline {args.baseline} ({base['method']})", base["k"], base["seconds"],
                                          base["cpu"], base["topics"])):
        held, everything = coherence(units, topics)
        print(f"{name:<34}{k:>3}{spent:>8.1f}{used:>7.1f}{held:>15.4f}{everything:>10.4f}{formula_words(topics):>15}")
    print("topic stage of analyze (model, tables, chart, graph files): "
          + "; ".join(f"{name} {stage['seconds']:.1f} s wall, {stage['cpu']:.1f} s CPU" for name, stage in stages.items()))
    print("candidates (held-out NPMI):", json.dumps(model.selection["scores"]))
    for topic, terms in zip(model.topics, ours):
        flag = " [one document: %s %.0f%%]" % (topic["top_speech"], 100 * topic["top_speech_share"]) if topic["one_document"] else ""
        print(f"  {topic['topic'] + 1}. {topic['label']}: {' '.join(terms)}{flag}")
    print("baseline topics:")
    for i, terms in enumerate(base["topics"], 1):
        print(f"  {i}. {' '.join(terms)}")


if __name__ == "__main__":
    main()
