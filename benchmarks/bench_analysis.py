"""Keywords + co-occurrence graph + topics on the whole real corpus, with the time share
of each step; and single-speech TF-IDF keywords against jieba.analyse.extract_tags.

Run: python3 benchmarks/bench_analysis.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import baseline_jieba, REAL, best_of  # noqa: E402


def fresh(corpus):
    """Copies of the speeches without their cached tokens, so each step pays its way."""
    from speechkit import Speech

    return [Speech(s.text, s.meta, s.path) for s in corpus]


def pipeline_steps(corpus, out: Path):
    """The steps of a corpus analysis, in order, as (name, function) pairs."""
    from speechkit import Corpus, cooccurrence_graph, corpus_keywords, topic_graph, topic_model, write_graph

    state = {}
    return [
        ("segmentation (tokens, POS)", lambda: [s.tokens() for s in corpus]),
        ("keywords TF-IDF (corpus)", lambda: corpus_keywords(corpus, "tfidf", top=20)),
        ("keywords TextRank", lambda: corpus_keywords(corpus, "textrank", top=20)),
        ("per-speech results (terms, outline, extractors)", lambda: state.update(results=Corpus(corpus).results(use_cache=False))),
        ("co-occurrence graph", lambda: state.update(terms=cooccurrence_graph(state["results"]))),
        ("topic model (NMF and LDA, k=4..12)", lambda: state.update(model=topic_model(state["results"]))),
        ("topic graph", lambda: state.update(topics=topic_graph(state["model"]))),
        ("export GEXF+JSON (both graphs)", lambda: [
            write_graph(state[g], out / f"{g}{suffix}") for g in ("terms", "topics") for suffix in (".gexf", ".json")
        ]),
        ("render PNG (both graphs)", lambda: [write_graph(state[g], out / f"{g}.png") for g in ("terms", "topics")]),
    ]


def time_pipeline(corpus) -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        timings = []
        for name, step in pipeline_steps(fresh(corpus), Path(folder)):
            start = time.perf_counter()
            step()
            timings.append((name, time.perf_counter() - start))
    return timings


def compare_with_jieba(corpus, repeat: int) -> None:
    import jieba.analyse

    from speechkit.analysis import jieba_idf
    from speechkit import speech_keywords
    from speechkit import get_tokenizer

    jieba = baseline_jieba()
    get_tokenizer()
    jieba_idf()
    texts = [s.text for s in corpus]

    def theirs():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)  # extract_tags leaves idf.txt open
            return [jieba.analyse.extract_tags(t, topK=20) for t in texts]

    def ours():
        return [[k.term for k in speech_keywords(s, "tfidf", top=20)] for s in fresh(corpus)]

    baseline = best_of(theirs, repeat)
    mine = best_of(ours, repeat)
    overlap = [len(set(a) & set(b)) / 20 for a, b in zip(theirs(), ours())]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"\nsingle-speech TF-IDF top 20 on {len(texts)} speeches ({megabytes:.2f} MB), from raw text, best of {repeat}:")
    print(f"  jieba.analyse.extract_tags (baseline) {baseline:7.2f} s")
    print(f"  speechkit speech_keywords (jieba IDF) {mine:7.2f} s   {baseline / mine:5.2f}x the baseline's speed")
    print(f"  top-20 overlap with jieba: mean {sum(overlap) / len(overlap):.0%} (ours drops stopwords, numbers, non-nouns/verbs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions (best is kept)")
    args = parser.parse_args()

    from speechkit import read_corpus
    from speechkit.analysis import jieba_idf
    from speechkit import get_tokenizer

    start = time.perf_counter()
    corpus = read_corpus(REAL)
    reading = time.perf_counter() - start
    # Process start-up costs are not steps: load the engine and tables first.
    get_tokenizer()
    jieba_idf()
    time_pipeline(corpus[:2])  # warm imports (sklearn, networkx, matplotlib)

    megabytes = sum(len(s.text.encode("utf-8")) for s in corpus) / 1e6
    runs = [time_pipeline(corpus) for _ in range(args.repeat)]
    steps = [(name, min(run[i][1] for run in runs)) for i, (name, _) in enumerate(runs[0])]
    total = sum(seconds for _, seconds in steps)
    print(f"corpus: {REAL} - {len(corpus)} speeches, {megabytes:.2f} MB (read in {reading:.2f} s); best of {args.repeat}")
    print(f"{'step':34} {'seconds':>8} {'share':>7}")
    for name, seconds in steps:
        print(f"{name:34} {seconds:8.2f} {seconds / total:7.1%}")
    print(f"{'total':34} {total:8.2f} {1:7.1%}")
    compare_with_jieba(corpus, args.repeat)


if __name__ == "__main__":
    main()
