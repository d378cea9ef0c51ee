"""What ``analyze`` writes and how: the speeches as JSON Lines (separate files on request),
tables as Parquet, the output folder as a transaction (an interrupted run says so; a rerun
leaves nothing stale), failed writes named in one line, and the cache pruned to a size cap."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import speechkit.render.writers as writers
from speechkit.errors import SpeechkitError
from speechkit.pipeline.cache import cache_entries, parse_size, prune_cache
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.run import analyze

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
NO_PICTURES = AnalysisOptions(speech_pictures=False)
ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _folder(path: Path, years=(2021, 2022)) -> Path:
    path.mkdir()
    for year in years:
        (path / f"yunxi-{year}.txt").write_bytes((CORPUS / f"yunxi-{year}.txt").read_bytes())
    return path


def _records(out: Path) -> dict[str, dict]:
    return {r["id"]: r for r in map(json.loads, (out / "speeches.jsonl").read_text(encoding="utf-8").splitlines())}


def _files(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def test_speech_files_on_request_hold_what_speeches_jsonl_holds(tmp_path, cache):
    folder = _folder(tmp_path / "in")
    # 60 keywords: the report's keyword tables are cut at 50 rows and name the file holding them all.
    lines, files = tmp_path / "lines", tmp_path / "files"
    analyze(folder, lines, options=AnalysisOptions(speech_pictures=False, top_keywords=60))
    analyze(folder, files, options=AnalysisOptions(speech_pictures=False, top_keywords=60, speech_files=True))
    assert not (lines / "speeches").exists()  # no pictures asked: nothing per speech but the JSON Lines
    records = _records(lines)
    assert records == _records(files) and list(records) == ["yunxi-2021", "yunxi-2022"]
    for sid, record in records.items():
        speech = files / "speeches" / sid
        assert len(list(speech.iterdir())) == 15
        for name in ("outline", "slogans", "metrics", "placeholders", "categories"):
            assert json.loads((speech / f"{name}.json").read_text(encoding="utf-8")) == record[name], name
        keywords = json.loads((speech / "keywords.json").read_text(encoding="utf-8"))
        assert [k["term"] for k in keywords if k["method"] == "tfidf"] == [k["term"] for k in record["keywords"]["tfidf"]]
        assert len(record["keywords"]["tfidf"]) == 60
        assert json.loads((speech / "categories_by_section.json").read_text(encoding="utf-8")) == record["categories_by_section"]
        # The page's note names where the whole table is, and that file is there, in both layouts.
        assert "完整表格见 speeches.jsonl" in (lines / "report" / "speeches" / f"{sid}.html").read_text(encoding="utf-8")
        page = (files / "report" / "speeches" / f"{sid}.html").read_text(encoding="utf-8")
        assert f"完整表格见 speeches/{sid}/keywords.csv" in page and (speech / "keywords.csv").is_file()


def test_parquet_tables_hold_the_csv_rows_and_are_reproducible(tmp_path, cache):
    pytest.importorskip("pyarrow", reason="the parquet extra is not installed")
    folder = _folder(tmp_path / "in")
    options = AnalysisOptions(speech_pictures=False, table_formats=("csv", "parquet"), use_cache=False)
    summary = analyze(folder, tmp_path / "one", options=options)
    analyze(folder, tmp_path / "two", options=options)
    table = tmp_path / "one" / "tables"
    assert not list(table.glob("*.json"))
    assert {p.stem for p in table.glob("*.parquet")} == {p.stem for p in table.glob("*.csv")}
    for name in ("frequencies", "metrics", "slogans", "targets_ledger", "slogans_new_and_dropped"):
        parquet, csv = pd.read_parquet(table / f"{name}.parquet"), pd.read_csv(table / f"{name}.csv")
        assert list(parquet.columns) == list(csv.columns) and len(parquet) == len(csv) > 0, name
    frequencies = pd.read_parquet(table / "frequencies.parquet")
    assert frequencies["count"].dtype.kind == "i" and frequencies.groupby("speech")["count"].sum().min() > 100
    assert "tables/frequencies.parquet" in summary.outputs
    assert [(p.name, p.read_bytes()) for p in sorted(table.iterdir())] == \
        [(p.name, p.read_bytes()) for p in sorted((tmp_path / "two" / "tables").iterdir())]


def test_table_formats_are_checked(monkeypatch):
    assert writers.table_formats(["CSV", " parquet", "csv"]) == ("csv", "parquet")
    with pytest.raises(SpeechkitError, match="xlsx; choose from csv, json, parquet"):
        writers.table_formats(["csv", "xlsx"])
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were not installed
    with pytest.raises(SpeechkitError, match=r"need pyarrow: pip install 'speechkit\[parquet\]'"):
        writers.table_formats(["parquet"])


def test_summary_states_version_options_and_input_and_is_reproducible(tmp_path, cache):
    from speechkit import __version__
    from speechkit.ingest.read import read_corpus
    from speechkit.pipeline.run_cache import input_digest

    folder = _folder(tmp_path / "in")
    out = tmp_path / "out"
    analyze(folder, out, options=NO_PICTURES)
    first = (out / "summary.json").read_bytes()
    data = json.loads(first)
    assert data["speechkit_version"] == __version__ and data["input_digest"] == input_digest(read_corpus(folder))
    assert data["options"]["table_formats"] == ["csv", "json"] and data["options"]["speech_files"] is False
    # Every option is stated; the lexicon only when one of one's own replaces the bundled one.
    assert set(data["options"]) == set(AnalysisOptions.__dataclass_fields__) - {"lexicon"}
    assert AnalysisOptions(lexicon="mine.tsv").statement()["lexicon"] == "mine.tsv"
    assert analyze(folder, out, options=NO_PICTURES).reused  # restored from the run cache: all but "reused" the same
    assert (out / "summary.json").read_bytes() == first.replace(b'"reused": false', b'"reused": true')
    rebuilt = []
    for _ in range(2):  # no time stamp: the same input and options give the same bytes
        analyze(folder, out, options=AnalysisOptions(speech_pictures=False, use_cache=False))
        rebuilt.append((out / "summary.json").read_bytes())
    assert rebuilt[0] == rebuilt[1]
    assert json.loads(rebuilt[0])["options"]["use_cache"] is False and json.loads(rebuilt[0])["outputs"] == data["outputs"]


def test_a_failed_rerun_leaves_a_folder_that_says_it_is_incomplete(tmp_path, cache, monkeypatch):
    folder = _folder(tmp_path / "in")
    out = tmp_path / "out"
    analyze(folder, out, options=NO_PICTURES)
    listed = json.loads((out / "summary.json").read_text(encoding="utf-8"))["outputs"]

    def full_disk(self, frame):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write to a full disk fails: no file named

    monkeypatch.setattr(writers._JsonSink, "write", full_disk)
    with pytest.raises(SpeechkitError) as failure:
        analyze(folder, out, options=AnalysisOptions(speech_pictures=False, use_cache=False))
    assert str(failure.value).startswith(f"cannot write {out / 'tables'}/")
    assert str(failure.value).endswith(".json: No space left on device")
    assert not (out / "summary.json").exists()
    marker = (out / "INCOMPLETE").read_text(encoding="utf-8").splitlines()
    assert "did not finish" in marker[0] and marker[1:] == listed  # the last complete run's files, for the next run
    monkeypatch.undo()
    monkeypatch.setenv("SPEECHKIT_CACHE", str(cache))
    (folder / "yunxi-2021.txt").unlink()
    analyze(folder, out, options=NO_PICTURES)
    assert not (out / "INCOMPLETE").exists() and list(_records(out)) == ["yunxi-2022"]
    assert not (out / "report" / "speeches" / "yunxi-2021.html").exists()


def test_a_rerun_with_one_file_fewer_leaves_nothing_of_it(tmp_path, cache):
    folder = _folder(tmp_path / "in")
    options = AnalysisOptions(speech_pictures=True, speech_files=True)
    aside = tmp_path / "yunxi-2021.txt"

    def two_then_one(out: Path):
        two = analyze(folder, out, options=options)
        assert "speeches/yunxi-2021/wordcloud.png" in two.outputs
        os.replace(folder / "yunxi-2021.txt", aside)
        one = analyze(folder, out, options=options)
        os.replace(aside, folder / "yunxi-2021.txt")
        files = _files(out)
        assert [s["id"] for s in json.loads((out / "summary.json").read_text(encoding="utf-8"))["speeches"]] == ["yunxi-2022"]
        assert not [name for name in files if "yunxi-2021" in name] and not (out / "speeches" / "yunxi-2021").exists()
        assert sorted(one.outputs) == [name for name in files if name != "speeches/mine.txt"]
        assert (out / "speeches" / "mine.txt").is_file()  # never listed by a run: left alone
        return two, one

    for out in (tmp_path / "built", tmp_path / "restored"):
        (out / "speeches").mkdir(parents=True)
        (out / "speeches" / "mine.txt").write_text("a file of the user's", encoding="utf-8")
    two_then_one(tmp_path / "built")
    # Both runs kept in the run cache by folders of their own, then restored one after the other.
    analyze(folder, tmp_path / "kept-two", options=options)
    os.replace(folder / "yunxi-2021.txt", aside)
    analyze(folder, tmp_path / "kept-one", options=options)
    os.replace(aside, folder / "yunxi-2021.txt")
    assert [run.reused for run in two_then_one(tmp_path / "restored")] == [True, True]


class Killed(BaseException):
    """Stands for SIGKILL inside this process: nothing catches it."""


def test_a_restore_killed_midway_says_the_folder_is_incomplete(tmp_path, cache, monkeypatch):
    import shutil

    import speechkit.pipeline.run_cache as run_cache

    folder = _folder(tmp_path / "in")
    analyze(folder, tmp_path / "first", options=NO_PICTURES)
    out = tmp_path / "out"
    analyze(_folder(tmp_path / "other", years=(2019,)), out, options=NO_PICTURES)
    copied = []

    def copy_then_die(source, target):
        if len(copied) == 10:
            raise Killed
        copied.append(target)
        return shutil.copyfile(source, target)

    monkeypatch.setattr(run_cache.shutil, "copyfile", copy_then_die)
    with pytest.raises(Killed):
        analyze(folder, out, options=NO_PICTURES)
    assert len(copied) == 10 and not (out / "summary.json").exists() and (out / "INCOMPLETE").is_file()


def _analyze(folder: Path, out: Path, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "speechkit", "analyze", str(folder), "-o", str(out), "--no-speech-pictures",
               "--speech-files", "--no-cache"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_rerun_killed_while_writing_never_looks_complete(tmp_path):
    folder, out = _folder(tmp_path / "in"), tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPEECHKIT_CACHE": str(tmp_path / "cache")}
    assert _analyze(folder, out, env).wait() == 0
    (folder / "yunxi-2021.txt").unlink()
    process = _analyze(folder, out, env)
    deadline = time.monotonic() + 300
    # Killed once it is writing the corpus tables: the speech files and some tables are new, the rest old.
    while process.poll() is None and time.monotonic() < deadline:
        marker = out / "INCOMPLETE"
        if marker.exists() and any(p.stat().st_mtime_ns > marker.stat().st_mtime_ns for p in (out / "tables").iterdir()):
            break
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (out / "INCOMPLETE").is_file() and not (out / "summary.json").exists()
    assert (out / "speeches" / "yunxi-2021").exists()  # the old speech's files, in a folder that says it is incomplete
    assert _analyze(folder, out, env).wait() == 0
    assert not (out / "INCOMPLETE").exists() and not [name for name in _files(out) if "yunxi-2021" in name]
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["outputs"] == _files(out)


def test_a_full_disk_is_one_line_naming_the_file(tmp_path, cache, monkeypatch, capsys):
    from speechkit.cli import main

    def full_disk(self, frame):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(writers._CsvSink, "write", full_disk)
    out = tmp_path / "out"
    monkeypatch.setattr(sys, "argv", ["speechkit", "analyze", str(CORPUS / "yunxi-2020.txt"), "-o", str(out), "--no-speech-pictures"])
    with pytest.raises(SystemExit) as exit_code:
        main()
    assert exit_code.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and error[0].startswith(f"speechkit: error: cannot write {out / 'tables'}/")
    assert error[0].endswith(".csv: No space left on device") and "Errno" not in error[0]


def test_a_full_cache_leaves_no_tmp_files(tmp_path, cache, monkeypatch):
    import speechkit.pipeline.cache as result_cache
    import speechkit.pipeline.run_cache as run_cache

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    class FilledUp:
        """A temporary file on a disk that fills up after its first bytes."""

        def __init__(self, *args, **kwargs):
            self.handle = tempfile.NamedTemporaryFile(*args, **kwargs)
            self.name = self.handle.name

        def __enter__(self):
            return self

        def __exit__(self, *failure):
            self.handle.close()

        def write(self, data: bytes):
            self.handle.write(data[:100])
            self.handle.flush()
            full_disk()

    # The module's own reference only: nothing else in the process writes through it.
    monkeypatch.setattr(result_cache, "tempfile", SimpleNamespace(NamedTemporaryFile=FilledUp))
    monkeypatch.setattr(run_cache, "_link_or_copy", full_disk)
    summary = analyze(_folder(tmp_path / "in"), tmp_path / "out", options=NO_PICTURES)
    assert summary.read == 2 and (tmp_path / "out" / "summary.json").is_file()  # a full cache costs speed only
    assert (cache / "results").is_dir() and (cache / "runs").is_dir()
    assert [p for folder in ("results", "runs") for p in (cache / folder).rglob("*") if not p.is_dir() or p.name.startswith(".tmp")] == []


@pytest.mark.parametrize(("text", "size"), [("500MB", 500 * 10**6), ("2 GB", 2 * 10**9), ("1.5g", 15 * 10**8),
                                            ("512MiB", 512 * 2**20), ("1000", 1000)])
def test_cache_sizes_read_as_written(text, size):
    assert parse_size(text) == size


def test_cache_is_pruned_to_its_cap_least_recently_used_first(tmp_path, cache, monkeypatch):
    folders = [_folder(tmp_path / f"in-{year}", years=(year,)) for year in (2019, 2020, 2021)]
    for number, folder in enumerate(folders):
        analyze(folder, tmp_path / f"out-{number}", options=NO_PICTURES)
    entries = cache_entries(cache)
    assert len([e for e in entries if e[3].is_dir()]) == 3 and len(entries) == 6  # three runs, three results
    # The first run used again (from the run cache): it becomes the most recent.
    time.sleep(0.01)
    assert analyze(folders[0], tmp_path / "again", options=NO_PICTURES).reused
    *older, (_, _, size, newest) = cache_entries(cache)
    manifest = json.loads((newest / "manifest.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in manifest["summary"]["speeches"]] == ["yunxi-2019"]
    assert prune_cache(size, cache) == [path for *_, path in older]
    assert [path for *_, path in cache_entries(cache)] == [newest]
    monkeypatch.setenv("SPEECHKIT_CACHE_MAX", "1KB")
    analyze(folders[1], tmp_path / "tiny", options=NO_PICTURES)
    assert sum(size for _, _, size, _ in cache_entries(cache)) <= 1000
    monkeypatch.setenv("SPEECHKIT_CACHE_MAX", "lots")
    with pytest.raises(SpeechkitError, match="SPEECHKIT_CACHE_MAX: not a size: 'lots'"):
        analyze(folders[1], tmp_path / "tiny", options=NO_PICTURES)


def test_a_full_disk_while_writing_the_report_is_one_line_naming_the_page(tmp_path, cache, monkeypatch, capsys):
    from speechkit.cli import main

    write_text = Path.write_text

    def full_disk_for_pages(self, *args, **kwargs):
        if self.suffix == ".html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # a failed write names no file
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk_for_pages)
    out = tmp_path / "out"
    monkeypatch.setattr(sys, "argv", ["speechkit", "analyze", str(CORPUS / "yunxi-2020.txt"), "-o", str(out), "--no-speech-pictures"])
    with pytest.raises(SystemExit) as exit_code:
        main()
    error = capsys.readouterr().err.strip().splitlines()
    assert exit_code.value.code == 2 and len(error) == 1
    assert error == [f"speechkit: error: cannot write {out / 'report' / 'speeches' / 'yunxi-2020.html'}: No space left on device"]
    assert (out / "INCOMPLETE").is_file() and not (out / "summary.json").exists()


def test_stale_files_are_removed_only_inside_the_folder(tmp_path):
    from speechkit.pipeline.output_folder import stale

    out = tmp_path / "out"
    (out / "speeches" / "gone").mkdir(parents=True)
    (out / "speeches" / "gone" / "outline.json").write_text("{}", encoding="utf-8")
    (out / "summary.json").write_text("{}", encoding="utf-8")
    (out / "kept.csv").write_text("a\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("not the run's", encoding="utf-8")
    listed = ["speeches/gone/outline.json", "../outside.txt", "kept.csv", "summary.json", "tables/never-written.csv"]
    assert stale(out, listed, ["kept.csv"]) == ["speeches/gone/outline.json"]
    assert not (out / "speeches").exists()  # the folders it leaves empty go too
    assert (tmp_path / "outside.txt").is_file() and (out / "kept.csv").is_file() and (out / "summary.json").is_file()


def test_pruning_removes_what_killed_runs_left_half_written(tmp_path):
    from speechkit.pipeline.cache import LEFTOVER_SECONDS

    results, runs = tmp_path / "results" / "ab", tmp_path / "runs" / "ab"
    results.mkdir(parents=True)
    (runs / ".tmp-old" / "files").mkdir(parents=True)
    (runs / ".tmp-new").mkdir()
    for path in (results / "old.tmp", results / "new.tmp", results / "abc.json"):
        path.write_bytes(b"{}")
    past = time.time() - LEFTOVER_SECONDS - 60
    for path in (results / "old.tmp", runs / ".tmp-old"):
        os.utime(path, (past, past))
    # A SIGKILL runs no clean-up: an old .tmp is a leftover, a recent one may be a run's still writing.
    assert sorted(prune_cache(10**9, tmp_path)) == [results / "old.tmp", runs / ".tmp-old"]
    assert sorted(p.name for p in results.iterdir()) == ["abc.json", "new.tmp"] and [p.name for p in runs.iterdir()] == [".tmp-new"]


def test_a_full_disk_while_drawing_stops_the_run_naming_the_picture(tmp_path, cache, monkeypatch, capsys):
    from PIL import Image

    from speechkit.cli import main

    def full_disk(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Image.Image, "save", full_disk)
    out = tmp_path / "out"
    monkeypatch.setattr(sys, "argv", ["speechkit", "analyze", str(CORPUS / "yunxi-2020.txt"), "-o", str(out), "--no-speech-pictures"])
    with pytest.raises(SystemExit) as exit_code:
        main()
    error = capsys.readouterr().err.strip().splitlines()
    assert exit_code.value.code == 2 and len(error) == 1
    assert re.fullmatch(rf"speechkit: error: cannot write {re.escape(str(out))}/\S+\.png: No space left on device", error[0])
    assert (out / "INCOMPLETE").is_file() and not (out / "summary.json").exists()


def test_a_graph_file_cut_short_by_a_full_disk_names_the_file(tmp_path, monkeypatch):
    import networkx as nx

    import speechkit.render.graph_export as graph_export

    def cut_short(graph) -> str:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a write into the open file fails

    monkeypatch.setattr(graph_export, "graph_json", cut_short)
    target = tmp_path / "graphs" / "cooccurrence.json"
    with pytest.raises(SpeechkitError, match=rf"^cannot write {re.escape(str(target))}: No space left on device$"):
        graph_export.write_graph(nx.path_graph(3), target)


def test_a_full_disk_while_saving_a_word_cloud_names_the_picture(tmp_path, monkeypatch):
    from PIL import Image

    from speechkit.render.wordcloud import draw_wordcloud

    def full_disk(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Image.Image, "save", full_disk)
    path = tmp_path / "cloud.png"
    with pytest.raises(OSError) as failure:
        draw_wordcloud({"高质量发展": 9, "新质生产力": 5, "乡村振兴": 3}, path)
    assert failure.value.errno == errno.ENOSPC and failure.value.filename == str(path)
