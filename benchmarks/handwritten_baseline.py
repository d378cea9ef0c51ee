"""What a researcher writes by hand for a folder of speeches, without speechkit: the baseline
that ``bench_analyze.py`` times beside ``speechkit analyze``.

jieba.lcut over every paragraph, TF-IDF keywords of each speech (scikit-learn's
TfidfVectorizer over paragraphs), an NMF topic model of the paragraphs and a networkx
co-occurrence graph of the most frequent words within paragraphs, written as CSV and GEXF.

Run: python3 benchmarks/handwritten_baseline.py FOLDER [-o OUT]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import baseline_jieba  # noqa: E402

WORD = re.compile(r"[\u4e00-\u9fff]{2,}")  # Chinese words of two characters or more: the usual filter
TOPICS = 8
GRAPH_WORDS = 200


def _pretokenized(paragraph: list[str]) -> list[str]:
    return paragraph


def read_paragraphs(folder: Path) -> dict[str, list[list[str]]]:
    """Every .txt file's non-empty lines, segmented with jieba.lcut and filtered to words."""
    jieba = baseline_jieba()
    speeches = {}
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        speeches[path.stem] = [[word for word in jieba.lcut(line) if WORD.fullmatch(word)] for line in lines]
    return speeches


def tfidf_keywords(speeches: dict[str, list[list[str]]], top: int = 20):
    """The paragraph TF-IDF matrix, its vocabulary and each speech's ``top`` words by summed weight."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    paragraphs = [paragraph for text in speeches.values() for paragraph in text]
    vectorizer = TfidfVectorizer(analyzer=_pretokenized)
    matrix = vectorizer.fit_transform(paragraphs)
    vocabulary = vectorizer.get_feature_names_out()
    keywords, row = {}, 0
    for name, text in speeches.items():
        weights = np.asarray(matrix[row : row + len(text)].sum(axis=0)).ravel()
        keywords[name] = [(vocabulary[i], float(weights[i])) for i in weights.argsort()[::-1][:top]]
        row += len(text)
    return matrix, vocabulary, keywords


def nmf_topics(matrix, vocabulary, words: int = 10) -> list[list[str]]:
    """The top words of each NMF topic of the paragraph matrix."""
    from sklearn.decomposition import NMF

    model = NMF(n_components=TOPICS, init="nndsvd", random_state=0, max_iter=300)
    model.fit(matrix)
    return [[vocabulary[i] for i in component.argsort()[::-1][:words]] for component in model.components_]


def cooccurrence_graph(speeches: dict[str, list[list[str]]]):
    """Words that appear in the same paragraph, among the most frequent words of the folder."""
    import networkx as nx

    counts = Counter(word for text in speeches.values() for paragraph in text for word in paragraph)
    frequent = {word for word, _ in counts.most_common(GRAPH_WORDS)}
    graph = nx.Graph()
    for text in speeches.values():
        for paragraph in text:
            for a, b in itertools.combinations(sorted(frequent.intersection(paragraph)), 2):
                weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
                graph.add_edge(a, b, weight=weight + 1)
    for node in graph:
        graph.nodes[node]["count"] = counts[node]
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("-o", "--out", type=Path, default=Path("handwritten-out"))
    args = parser.parse_args()
    import networkx as nx

    speeches = read_paragraphs(args.folder)
    matrix, vocabulary, keywords = tfidf_keywords(speeches)
    topics = nmf_topics(matrix, vocabulary)
    graph = cooccurrence_graph(speeches)
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "keywords.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["speech", "rank", "word", "weight"])
        for name, words in keywords.items():
            writer.writerows((name, rank, word, f"{weight:.4f}") for rank, (word, weight) in enumerate(words, 1))
    with open(args.out / "topics.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["topic", "words"])
        writer.writerows((number, " ".join(words)) for number, words in enumerate(topics))
    nx.write_gexf(graph, args.out / "cooccurrence.gexf")
    print(f"{len(speeches)} speeches, {matrix.shape[0]} paragraphs, {len(vocabulary)} words, {graph.number_of_edges()} edges")


if __name__ == "__main__":
    main()
