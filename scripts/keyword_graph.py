#!/usr/bin/env python3
"""Keywords and the keyword co-occurrence graph of a speech or a folder: the top
TF-IDF keywords as CSV and the graph as GEXF (for Gephi), GraphML and PNG.

Example: python scripts/keyword_graph.py speeches/ -o graph/ --measure dice --nodes 80
"""

from __future__ import annotations

import argparse
from pathlib import Path

import speechkit as sk
from speechkit.analysis import cooccurrence_graph, corpus_keywords
from speechkit.render import write_graph


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, help="a speech file or a folder")
    parser.add_argument("-o", "--out", type=Path, default=Path("keyword-graph"), help="output folder")
    parser.add_argument("--measure", default="jaccard", choices=["jaccard", "dice", "cosine", "pmi", "npmi"], help="association measure")
    parser.add_argument("--context", default="sentence", choices=["sentence", "paragraph", "section"], help="co-occurrence unit")
    parser.add_argument("--nodes", type=int, default=60, help="terms kept as node candidates")
    parser.add_argument("--weight", default="frequency", choices=["frequency", "keyness"],
                        help="nodes: each year's most frequent terms, or those that set the years apart")
    parser.add_argument("--top", type=int, default=20, help="keywords per speech")
    args = parser.parse_args(argv)

    corpus = sk.read_corpus(args.path)
    args.out.mkdir(parents=True, exist_ok=True)
    method = "tfidf" if len(corpus) > 1 else "textrank"
    keywords = corpus_keywords(corpus, method, top=args.top)
    keywords.to_csv(args.out / "keywords.csv", index=False)
    print(f"wrote {args.out / 'keywords.csv'} ({method})")
    graph = cooccurrence_graph(corpus.results(), context=args.context, measure=args.measure, top_n=args.nodes,
                               weight=args.weight)
    for suffix in (".gexf", ".graphml", ".png"):
        print(f"wrote {write_graph(graph, args.out / f'cooccurrence{suffix}')}")


if __name__ == "__main__":
    main()
