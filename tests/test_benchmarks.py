"""The scale benchmark's corpus builder, the handwritten baseline it is compared with, and the
functions that compare its runs' tables and count the tasks a separate Dask cluster ran.

The benchmark itself is run by hand (``benchmarks/bench_analyze.py``); here its inputs and its
summaries are checked: copies the cache cannot dedupe, each with its own year, title and paragraph
order; corpora reused when already built; tables compared byte for byte; the task stream of real
scheduler and worker processes counted, and those processes stopped however the block ends.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import _corpora  # noqa: E402
import _dask_cluster  # noqa: E402
import bench_analyze  # noqa: E402
import bench_partials  # noqa: E402
import handwritten_baseline  # noqa: E402

COPIES = 30


@pytest.fixture(scope="module")
def built(real_dir, provinces_dir, genres_dir, seed_path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "corpus"
    written = _corpora.build_corpus(COPIES, folder)
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
    assert years == [_corpora.FIRST_YEAR + number % _corpora.YEARS for number in range(COPIES)]


def test_copies_are_shuffled_whole_paragraphs_of_their_source(built):
    sources = _corpora.source_documents()
    for number in range(COPIES):
        source = sources[number % len(sources)].read_text(encoding="utf-8")
        source_lines = [line.strip() for line in source.splitlines() if line.strip()]
        title, blank, *paragraphs = (built / _corpora.file_name(number)).read_text(encoding="utf-8").splitlines()
        assert title.startswith(source_lines[0]) and f"{_corpora.FIRST_YEAR + number % _corpora.YEARS}年" in title
        assert blank == "" and set(paragraphs) <= set(source_lines[1:])
        if len(paragraphs) < len(source_lines) - 1:
            # cut by size: the copy reaches it, and only its last paragraph passes it
            kept = len(title.encode("utf-8")) + sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
            assert _corpora.SPEECH_BYTES <= kept < _corpora.SPEECH_BYTES + len(paragraphs[-1].encode("utf-8")) + 1
        if len(paragraphs) > 10:
            assert paragraphs != [line for line in source_lines[1:] if line in set(paragraphs)]


def test_a_smaller_corpus_is_a_byte_identical_prefix(built, tmp_path):
    _corpora.build_corpus(5, tmp_path)
    for number in range(5):
        name = _corpora.file_name(number)
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()
    manifest = (tmp_path / "metadata.csv").read_text(encoding="utf-8").splitlines()
    assert manifest == (built / "metadata.csv").read_text(encoding="utf-8").splitlines()[:6]


def test_handwritten_baseline_keywords_topics_and_graph(built):
    folder = built.parent / "three"
    folder.mkdir()
    for number in range(3):
        name = _corpora.file_name(number)
        (folder / name).write_bytes((built / name).read_bytes())
    speeches = handwritten_baseline.read_paragraphs(folder)
    assert list(speeches) == [Path(_corpora.file_name(number)).stem for number in range(3)]
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
    assert list(parts) == [*bench_analyze.PER_SPEECH_PARTS, bench_analyze.SPEECH_FILES_PART, bench_analyze.PAIRED_JIEBA_PART]
    # Every part did real work on 30 speeches of about 30 KB: more than a few microseconds each.
    assert all(seconds > 1e-3 for seconds in parts.values()), parts
    assert list(tmp_path.iterdir()) == []  # the speech files and cache entries written to time them are gone


def test_copies_draw_in_turn_on_every_source_folder(real_dir, provinces_dir, genres_dir, seed_path):
    sources = _corpora.source_documents()
    texts = [path for folder in (real_dir, provinces_dir, genres_dir) for path in folder.glob("*.txt")]
    assert sorted(sources) == sorted([*texts, seed_path])
    # One from each folder in turn: the first few copies already mix national, provincial and other genres.
    assert [path.parent for path in sources[:4]] == [real_dir, provinces_dir, genres_dir, seed_path.parent]


def test_a_built_corpus_is_reused_and_built_again_only_when_what_it_is_made_of_changes(
    real_dir, provinces_dir, genres_dir, seed_path, tmp_path, monkeypatch
):
    folder = tmp_path / "corpus-5"
    written, built = _corpora.cached_corpus(5, folder)
    assert built and written == sum(path.stat().st_size for path in folder.glob("*.txt"))
    files = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(files) == 6  # five copies and metadata.csv
    assert _corpora.cached_corpus(5, folder) == (written, False)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == files  # nothing written again

    (folder / "speech-99999.txt").write_text("left by an older build", encoding="utf-8")
    monkeypatch.setattr(_corpora, "BUILDER_VERSION", _corpora.BUILDER_VERSION + 1)
    assert _corpora.cached_corpus(5, folder) == (written, True)
    assert sorted(path.name for path in folder.iterdir()) == sorted(files)  # built from nothing: the stray file is gone
    folder.with_name("corpus-5.built").unlink()  # a build interrupted before its stamp was written
    assert _corpora.cached_corpus(5, folder) == (written, True)
    fresh = tmp_path / "fresh"
    _corpora.build_corpus(5, fresh)
    assert all((fresh / name).read_bytes() == (folder / name).read_bytes() for name in files)


def test_jieba_pass_is_the_timed_speeches_then_their_rate_per_byte():
    # Two speeches timed (3 s for 300 bytes: 0.01 s per byte); the third and fourth are estimated.
    seconds = bench_analyze.jieba_pass_seconds([1.0, 2.0], [100, 200, 300, 400], [1, 2, 4])
    assert seconds == pytest.approx({1: 1.0, 2: 3.0, 4: 3.0 + 0.01 * 700})


def test_memory_slopes_between_consecutive_sizes_and_first_to_last():
    points = [(1000, 28.0, 1_000_000_000), (3000, 84.0, 1_100_000_000), (10000, 280.0, 1_450_000_000)]
    slopes = bench_analyze.memory_slopes(points)
    assert [(small, large) for small, large, _, _ in slopes] == [(1000, 3000), (3000, 10000), (1000, 10000)]
    assert [per_speech for _, _, per_speech, _ in slopes] == pytest.approx([0.05, 0.05, 0.05])
    assert [per_mb for _, _, _, per_mb in slopes] == pytest.approx([100 / 56, 350 / 196, 450 / 252])
    assert len(bench_analyze.memory_slopes(points[:2])) == 1  # two sizes: one slope, not the same one twice


def test_the_partials_size_walk_counts_a_dicts_word_keys_and_a_shared_object_once():
    from collections import Counter

    from speechkit.analysis.aggregates import KeyedTallies, Tally

    word = "".join(["高质量", "发展"])  # made at run time: no other object holds it
    nested = {2021: Counter({word: 3})}
    alone = bench_partials.deep_size(nested, set())
    assert alone >= sys.getsizeof(nested) + sys.getsizeof(nested[2021]) + sys.getsizeof(word)
    assert bench_partials.deep_size([nested, nested], set()) == alone + sys.getsizeof([nested, nested])
    packed = Tally.of({"frequency": nested, "words": {None: {2021: 7}}})
    assert [(name, counts) for name, counts, _ in bench_partials.breakdown(KeyedTallies({"k": packed}))] == [
        ("k tables[frequency]", 1), ("k tables[words]", 1)]
    assert bench_partials.counts_in(nested) == 1


def test_compare_tables_names_every_file_that_differs_or_is_in_one_folder_only(tmp_path):
    first, second = tmp_path / "local" / "tables", tmp_path / "dask" / "tables"
    for tables in (first, second):
        (tables / "years").mkdir(parents=True)
        (tables / "frequencies.csv").write_text("term,count\n发展,3\n", encoding="utf-8")
        (tables / "years" / "2020.json").write_text('{"发展": 3}', encoding="utf-8")
    same = _dask_cluster.compare_tables(first, second)
    assert same.identical and same.files == 2 and same.summary() == "identical (2 files)"

    (second / "years" / "2020.json").write_text('{"发展": 4}', encoding="utf-8")  # same size, one byte differs
    (first / "keywords.csv").write_text("term\n", encoding="utf-8")
    (second / "topics.csv").write_text("topic\n", encoding="utf-8")
    differ = _dask_cluster.compare_tables(first, second)
    assert not differ.identical and differ.files == 2
    assert (differ.differing, differ.only_first, differ.only_second) == (["years/2020.json"], ["keywords.csv"], ["topics.csv"])
    assert differ.summary().startswith("NOT identical") and "years/2020.json" in differ.summary()
    # Two runs that wrote no tables are not "identical".
    nothing = _dask_cluster.compare_tables(tmp_path / "none", tmp_path / "neither")
    assert not nothing.identical and nothing.summary() == "no tables to compare"


def test_compare_tables_of_whole_output_folders_leaves_out_the_files_named(tmp_path):
    first, second = tmp_path / "local", tmp_path / "dask"
    for out, folder in ((first, "local"), (second, "dask")):
        (out / "charts").mkdir(parents=True)
        (out / "charts" / "similarity.png").write_bytes(b"\x89PNG same")
        (out / "summary.json").write_text(f'{{"out": "{folder}"}}', encoding="utf-8")
    same = _dask_cluster.compare_tables(first, second, leave_out={"summary.json"})
    assert same.identical and same.files == 1
    assert _dask_cluster.compare_tables(first, second).differing == ["summary.json"]


def test_the_corpus_stage_prefixes_of_a_task_stream_are_named():
    def record(key: str, worker: str) -> dict:
        return {"key": key, "worker": worker, "status": "OK", "startstops": [{"action": "compute", "start": 0.0, "stop": 0.5}]}

    stream = [record("speeches-1f0a3b4c5d6e-0", "tcp://a"), record("group-tables-1f0a3b4c5d6e-2", "tcp://a"),
              record("picture-1f0a3b4c5d6e-3", "tcp://b"), record("page-1f0a3b4c5d6e-9", "tcp://b")]
    summary = _dask_cluster.summarise_task_stream(stream, {"tcp://a": "worker-1", "tcp://b": "worker-2"})
    assert summary.corpus_stage_prefixes == ["group-tables", "picture", "page"]
    assert summary.by_prefix_and_worker["group-tables", "worker-1"] == 1 and summary.reduce_prefixes == []
    assert _dask_cluster.summarise_task_stream(stream[:1]).corpus_stage_prefixes == []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_separate_cluster_records_its_tasks_by_prefix_and_worker_and_is_stopped_on_error(tmp_path):
    import time
    from collections import Counter

    distributed = pytest.importorskip("distributed")
    from _common import _children

    with pytest.raises(RuntimeError, match="stopped on purpose"):
        with _dask_cluster.separate_cluster(tmp_path / "cluster", workers=2) as cluster:
            # The scheduler, each `dask worker` (a nanny) and the processes each nanny started (its worker, ...).
            pids = cluster.pids + [child for pid in cluster.pids[1:] for child in _children(pid)]
            assert len(pids) >= 5 and all(_alive(pid) for pid in pids)
            cluster.start_recording()
            with distributed.Client(cluster.address) as client:
                squares = client.map(pow, range(8), [2] * 8, key=[f"run_partition-{n}" for n in range(8)])
                assert client.submit(sum, squares, key="reduce-partials-0").result() == 140
            summary = _dask_cluster.summarise_task_stream(cluster.task_stream(), cluster.worker_names())
            raise RuntimeError("stopped on purpose")
    assert summary.by_prefix == Counter({"run_partition": 8, "reduce-partials": 1})
    assert set(summary.by_worker) <= {"worker-1", "worker-2"} and sum(summary.by_worker.values()) == 9
    assert sum(count for (prefix, _), count in summary.by_prefix_and_worker.items() if prefix == "run_partition") == 8
    assert summary.reduce_prefixes == ["reduce-partials"] and summary.erred == 0
    rows = summary.lines()
    assert rows[0].split()[:2] == ["key", "prefix"] and [row.split()[0] for row in rows[1:]] == ["reduce-partials", "run_partition", "all"]
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in pids if _alive(pid)]


def test_run_measured_catches_a_short_peak_of_physical_memory_and_counts_the_processes_it_is_given():
    import subprocess

    from _common import run_measured

    # 300 MB held for 0.3 s, between two of the periodic PSS readings (one a second): the process is gone
    # before the second.
    burst = "import os, time\ntime.sleep(0.3)\nblock = bytearray(os.urandom(1 << 20)) * 300\ntime.sleep(0.3)\n"
    measured = run_measured([sys.executable, "-c", burst])
    assert measured.returncode == 0 and measured.peak_pss > 280e6 and measured.peak_rss > 280e6
    # A process outside the command's tree (a Dask worker, say) is counted when named.
    holder = subprocess.Popen([sys.executable, "-c", "import os, sys, time\nblock = bytearray(os.urandom(1 << 20)) * 200\n"
                               "print('ready', flush=True)\ntime.sleep(30)\n"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        alone = run_measured([sys.executable, "-c", "import time; time.sleep(0.5)"])
        counted = run_measured([sys.executable, "-c", "import time; time.sleep(0.5)"], also=[holder.pid])
    finally:
        holder.kill()
        holder.wait()
    assert counted.peak_pss - alone.peak_pss > 180e6


def test_a_run_is_estimated_from_cold_runs_never_from_a_warm_rerun(tmp_path):
    from _common import Measured

    bench = bench_analyze.Bench(tmp_path, [300, 1000], [300], budget=500, speech_pictures=False)
    bench.megabytes = {300: 9.0, 1000: 30.0}

    def ran(label: str, size: int, seconds: float) -> None:
        bench.runs[label, size] = bench_analyze.Run(label, size, Measured(seconds, 0, 0, ""), {}, tmp_path, tmp_path)

    ran(bench_analyze.SERIAL, 300, 150.0)
    ran(bench_analyze.LOCAL, 300, 200.0)
    ran(bench_analyze.WARM, 300, 3.0)
    # The first Dask run: as long as the slowest cold run on the same corpus, not the warm rerun.
    assert bench.estimate(bench_analyze.DASK_LOCAL, 300) == pytest.approx(200.0)
    assert bench.estimate(bench_analyze.LOCAL, 1000) == pytest.approx(200.0 * 30 / 9)  # scaled by megabytes
    assert bench.within_budget(bench_analyze.DASK_LOCAL, 300) and not bench.skipped
    assert not bench.within_budget(bench_analyze.LOCAL, 1000)
    assert bench.skipped == ["jobs 2 on 1000: skipped, about 667 s would pass the 8-minute budget"]


def test_the_executors_table_says_when_no_dask_run_was_asked_for(tmp_path, capsys):
    without = bench_analyze.Bench(tmp_path, [300], [], budget=500, speech_pictures=False)
    bench_analyze.report_executors(without, dask=False)
    assert "no Dask run was asked for (--dask-sizes none)" in capsys.readouterr().out
    # Asked for, but this analyze cannot run it: the other reason.
    asked = bench_analyze.Bench(tmp_path, [300], [300], budget=500, speech_pictures=False)
    bench_analyze.report_executors(asked, dask=False)
    assert "has no --executor dask" in capsys.readouterr().out
