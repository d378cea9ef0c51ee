"""``analyze`` on awkward folders: edited dictionaries, older files in OUT, identical years,
a speech called ``corpus``, and a run killed midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.run import analyze

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _folder(path: Path, files: dict[str, str], manifest: list[tuple[str, int]] | None = None) -> Path:
    path.mkdir()
    for name, source in files.items():
        (path / name).write_bytes((CORPUS / source).read_bytes())
    if manifest:
        rows = ["file,year"] + [f"{name},{year}" for name, year in manifest]
        (path / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_dictionary_edited_in_place_changes_the_cache_key(tmp_path):
    userdict = tmp_path / "words.txt"
    userdict.write_text("园区二次创业 10 n\n", encoding="utf-8")
    options = AnalysisOptions(user_dicts=(str(userdict),), stopwords=str(CORPUS / "metadata.csv"))
    before = options.key()
    userdict.write_text("园区二次创业 10 n\n项目建设年 10 n\n", encoding="utf-8")
    edited = options.key()
    assert edited != before
    moved = tmp_path / "moved.txt"
    userdict.rename(moved)
    assert AnalysisOptions(user_dicts=(str(moved),), stopwords=str(CORPUS / "metadata.csv")).key() == edited


def test_outputs_list_this_runs_files_and_keep_older_ones(tmp_path, cache):
    folder = _folder(tmp_path / "in", {"yunxi-2021.txt": "yunxi-2021.txt"})
    out = tmp_path / "out"
    (out / "speeches").mkdir(parents=True)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "speeches" / "old-speech.csv").write_text("a,b\n", encoding="utf-8")
    summary = analyze(folder, out, options=AnalysisOptions(speech_pictures=False))
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "speeches" / "old-speech.csv").exists()
    assert "notes.txt" not in summary.outputs and "speeches/old-speech.csv" not in summary.outputs
    assert "tables/corpus.csv" in summary.outputs and all((out / name).is_file() for name in summary.outputs)
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["speech_pictures"] == {"drawn": False, "why": "turned off"}


def test_identical_last_two_years_and_a_speech_called_corpus(tmp_path, cache):
    files = {"yunxi-2021.txt": "yunxi-2021.txt", "corpus.txt": "yunxi-2022.txt", "copy.txt": "yunxi-2022.txt"}
    folder = _folder(tmp_path / "in", files, [("yunxi-2021.txt", 2021), ("corpus.txt", 2022), ("copy.txt", 2023)])
    out = tmp_path / "out"
    summary = analyze(folder, out, options=AnalysisOptions(speech_pictures=True))
    assert summary.report.is_file()
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # 2022 and 2023 are the same text: no term sets either apart from the other years.
    assert [entry["picture"] for entry in data["not_drawn"]] == [
        "wordclouds/wordcloud-2022.png", "wordclouds/wordcloud-2023.png", "wordclouds/compare-2022-2023.png"]
    assert all("no term sets" in entry["why"] for entry in data["not_drawn"][:2])
    assert "no Chinese content words" in data["not_drawn"][2]["why"]
    assert (out / "wordclouds" / "wordcloud-2021.png").is_file()
    img = out / "report" / "img"
    assert (img / "corpus-cooccurrence.png").read_bytes() == (out / "graphs" / "cooccurrence.png").read_bytes()
    assert (img / "speeches" / "corpus-cooccurrence.png").read_bytes() == (out / "speeches" / "corpus" / "cooccurrence.png").read_bytes()


def _run(folder: Path, out: Path, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "speechkit", "analyze", str(folder), "-o", str(out), "--no-speech-pictures"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_run_killed_midway_then_run_again_gives_the_uninterrupted_files(tmp_path):
    folder = _folder(tmp_path / "in", {"yunxi-2022.txt": "yunxi-2022.txt", "yunxi-2023.txt": "yunxi-2023.txt"})
    # One hash seed for all three processes: this test is about the interruption, not
    # about pictures whose layout may follow set order.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SPEECHKIT_CACHE": str(tmp_path / "cache"), "PYTHONHASHSEED": "0"}
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    assert _run(folder, whole, env).wait() == 0
    env["SPEECHKIT_CACHE"] = str(tmp_path / "cache-killed")
    process = _run(folder, killed, env)
    deadline = time.monotonic() + 600
    while not any((tmp_path / "cache-killed" / "results").glob("*/*.json")) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert (killed / "INCOMPLETE").is_file() and not (killed / "summary.json").exists()
    assert _run(folder, killed, env).wait() == 0
    names = sorted(p.relative_to(whole).as_posix() for p in whole.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(killed).as_posix() for p in killed.rglob("*") if p.is_file())
    assert [n for n in names if n != "summary.json" and (whole / n).read_bytes() != (killed / n).read_bytes()] == []
    first, second = (json.loads((folder / "summary.json").read_text(encoding="utf-8")) for folder in (whole, killed))
    assert first["outputs"] == second["outputs"]


def test_english_only_files_give_a_report_and_say_what_was_not_drawn(tmp_path, cache):
    folder = tmp_path / "english"
    folder.mkdir()
    (folder / "a-2022.txt").write_text("Annual work report 2022\nWe will grow the economy by 5 percent.\n", encoding="utf-8")
    (folder / "b-2023.txt").write_text("Annual work report 2023\nWe will keep growing the economy.\n", encoding="utf-8")
    summary = analyze(folder, tmp_path / "out")
    assert summary.read == 2 and summary.report.exists()
    not_drawn = {entry["picture"] for entry in summary.not_drawn}
    assert {"charts/term_trends.png", "charts/similarity.png"} <= not_drawn
    written = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert written["not_drawn"] == summary.not_drawn


def test_a_run_in_one_process_keeps_no_tokens_on_the_speeches(tmp_path, cache):
    from speechkit.ingest.read import read_corpus

    corpus = read_corpus(CORPUS)
    analyze(corpus, tmp_path / "out", options=AnalysisOptions(speech_pictures=False, use_cache=False))
    assert all(not {"_tokens", "paragraphs", "sentences"} & set(speech.__dict__) for speech in corpus)
    assert corpus[0].paragraphs  # made again when asked for
