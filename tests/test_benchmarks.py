"""The scale benchmark's corpus builder and the handwritten baseline it is compared with.

The benchmark itself is run by hand (``benchmarks/bench_analyze.py``); here its inputs are
checked: copies the cache cannot dedupe, each with its own year, title and paragraph order.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_analyze  # noqa: E402
import handwritten_baseline  # noqa: E402

COPIES = 30


@pytest.fixture(scope="module")
def built(real_dir, seed_path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "corpus"
    written = bench_analyze.build_corpus(COPIES, folder)
    assert written == sum(path.stat().st_size for path in folder.glob("*.txt"))
    return folder


@pytest.fixture(scope="module")
def built_corpus(built):
    from speechkit import read_corpus

    return read_corpus(built)


def test_copies_differ_in_text_year_and_title(built_corpus):
    assert len(built_corpus) == COPIES and not built_corpus.skipped
    assert len({speech.digest for speech in built_corpus}) == COPIES
    assert len({speech.title for speech in built_corpus}) == COPIES
    years = [speech.year for speech in sorted(built_corpus, key=lambda s: s.id)]
    assert years == [bench_analyze.FIRST_YEAR + number % bench_analyze.YEARS for number in range(COPIES)]


def test_copies_are_shuffled_whole_paragraphs_of_their_source(built):
    sources = bench_analyze.source_documents()
    for number in range(COPIES):
        source = sources[number % len(sources)].read_text(encoding="utf-8")
        source_lines = [line.strip() for line in source.splitlines() if line.strip()]
        title, blank, *paragraphs = (built / bench_analyze.file_name(number)).read_text(encoding="utf-8").splitlines()
        assert title.startswith(source_lines[0]) and f"{bench_analyze.FIRST_YEAR + number % bench_analyze.YEARS}年" in title
        assert blank == "" and set(paragraphs) <= set(source_lines[1:])
        if len(paragraphs) < len(source_lines) - 1:
            # cut by size: the copy reaches it, and only its last paragraph passes it
            kept = len(title.encode("utf-8")) + sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
            assert bench_analyze.SPEECH_BYTES <= kept < bench_analyze.SPEECH_BYTES + len(paragraphs[-1].encode("utf-8")) + 1
        if len(paragraphs) > 10:
            assert paragraphs != [line for line in source_lines[1:] if line in set(paragraphs)]


def test_a_smaller_corpus_is_a_byte_identical_prefix(built, tmp_path):
    bench_analyze.build_corpus(5, tmp_path)
    for number in range(5):
        name = bench_analyze.file_name(number)
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()
    manifest = (tmp_path / "metadata.csv").read_text(encoding="utf-8").splitlines()
    assert manifest == (built / "metadata.csv").read_text(encoding="utf-8").splitlines()[:6]


def test_handwritten_baseline_keywords_topics_and_graph(built):
    folder = built.parent / "three"
    folder.mkdir()
    for number in range(3):
        name = bench_analyze.file_name(number)
        (folder / name).write_bytes((built / name).read_bytes())
    speeches = handwritten_baseline.read_paragraphs(folder)
    assert list(speeches) == ["speech-0001", "speech-0002", "speech-0003"]
    assert all(handwritten_baseline.WORD.fullmatch(word) for text in speeches.values() for p in text for word in p)
    matrix, vocabulary, keywords = handwritten_baseline.tfidf_keywords(speeches, top=5)
    assert matrix.shape == (sum(len(text) for text in speeches.values()), len(vocabulary))
    assert all(len(words) == 5 for words in keywords.values())
    topics = handwritten_baseline.nmf_topics(matrix, vocabulary)
    assert len(topics) == handwritten_baseline.TOPICS and all(len(words) == 10 for words in topics)
    graph = handwritten_baseline.cooccurrence_graph(speeches)
    assert 0 < graph.number_of_nodes() <= handwritten_baseline.GRAPH_WORDS
    first = next(iter(speeches.values()))
    a, b = next((a, b) for a, b in graph.edges if any(a in p and b in p for p in first))
    assert graph[a][b]["weight"] == sum(a in p and b in p for text in speeches.values() for p in text)


def test_machine_speedup_is_a_ratio_of_two_real_passes(built):
    # One jieba.lcut pass in one process over the one split between two: a positive ratio, never
    # far above the number of processes.
    speedup = bench_analyze.jieba_speedup(built, COPIES, jobs=2)
    assert 0.2 < speedup < 3


def test_tree_memory_counts_pages_shared_by_a_forked_child_once():
    import os
    import signal
    import subprocess
    import time

    from _common import tree_memory

    script = ("import os, time\nblock = bytearray(os.urandom(1 << 20)) * 200\nif os.fork() == 0:\n    time.sleep(30)\n"
              "    os._exit(0)\nprint('ready', flush=True)\ntime.sleep(30)\n")
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert process.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        rss, pss = tree_memory(process.pid)
        cheap_rss, no_pss = tree_memory(process.pid, pss=False)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the child too
        process.wait()
    # 200 MB held by the parent and shared with its child: twice in the RSS sum, once in PSS.
    assert rss > 380e6 and 190e6 < pss < 290e6
    assert abs(cheap_rss - rss) < 20e6 and no_pss == 0  # statm gives the same RSS without the page walk


def test_per_speech_parts_time_each_part_of_every_speech_and_leave_no_files(built, tmp_path):
    parts = bench_analyze.per_speech_parts(built, tmp_path)
    assert list(parts) == list(bench_analyze.PER_SPEECH_PARTS)
    # Every part did real work on 30 speeches of about 30 KB: more than a few microseconds each.
    assert all(seconds > 1e-3 for seconds in parts.values()), parts
    assert list(tmp_path.iterdir()) == []  # the speech files and cache entries written to time them are gone
