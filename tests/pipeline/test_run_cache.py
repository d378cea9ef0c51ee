"""Whole runs cached by their inputs: a rerun copies the earlier run's files, and only when
the texts, file names, metadata, options and the stored files are all as they were."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import speechkit.pipeline.corpus_tables as corpus_tables
import speechkit.pipeline.per_speech as per_speech
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.run import analyze

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
OPTIONS = AnalysisOptions(speech_pictures=False)


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "in"
    folder.mkdir()
    for year in (2022, 2023):
        (folder / f"yunxi-{year}.txt").write_bytes((CORPUS / f"yunxi-{year}.txt").read_bytes())
    return folder


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file() and p.name != "summary.json"}


def _no_work(monkeypatch) -> list:
    """Make any per-speech or corpus work fail the test, and record that it was tried."""
    tried = []

    def refuse(*args, **kwargs):
        tried.append(args)
        raise AssertionError("the run was rebuilt")

    monkeypatch.setattr(per_speech, "speech_result", refuse)
    monkeypatch.setattr(corpus_tables, "build_tables", refuse)
    monkeypatch.setattr(corpus_tables, "base_tables", refuse)
    monkeypatch.setattr(corpus_tables, "year_tables", refuse)
    return tried


def test_a_rerun_copies_the_files_of_the_identical_earlier_run(folder, tmp_path, monkeypatch):
    first = analyze(folder, tmp_path / "one", options=OPTIONS)
    _no_work(monkeypatch)
    again = analyze(folder, tmp_path / "two", options=OPTIONS)
    assert again.reused and not first.reused
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert again.outputs == first.outputs and again.warnings == first.warnings
    data = json.loads((tmp_path / "two" / "summary.json").read_text(encoding="utf-8"))
    assert data["out"] == str(tmp_path / "two") and data["report"] == str(tmp_path / "two" / "report" / "index.html")
    assert data["reused"] is True
    # restored files are copies: nothing of the second folder is shared with the cache or the first run
    assert all(p.stat().st_nlink == 1 for p in (tmp_path / "two").rglob("*") if p.is_file())


def test_a_rerun_into_the_same_folder_is_reused_and_leaves_independent_files(folder, tmp_path, monkeypatch):
    analyze(folder, tmp_path / "one", options=OPTIONS)
    before = _files(tmp_path / "one")
    _no_work(monkeypatch)
    assert analyze(folder, tmp_path / "one", options=OPTIONS).reused
    assert _files(tmp_path / "one") == before
    assert all(p.stat().st_nlink == 1 for p in (tmp_path / "one").rglob("*") if p.is_file())


@pytest.mark.parametrize("change", ["text", "metadata", "option", "pool", "weight", "edited output", "no cache"])
def test_any_change_rebuilds(folder, tmp_path, monkeypatch, change):
    analyze(folder, tmp_path / "one", options=OPTIONS)
    options = OPTIONS
    if change == "text":
        speech = folder / "yunxi-2023.txt"
        speech.write_text(speech.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    elif change == "metadata":
        (folder / "metadata.csv").write_text("file,year,speaker\nyunxi-2022.txt,2022,张三\n", encoding="utf-8")
    elif change == "option":
        options = AnalysisOptions(speech_pictures=False, top_keywords=5)
    elif change in ("pool", "weight"):
        # options of the corpus tables only: the per-speech results are the same, the tables are not
        options = AnalysisOptions(speech_pictures=False, **({"pool": True} if change == "pool" else {"weight": "frequency"}))
    elif change == "edited output":
        # the first run's files are kept in the cache as links where possible: an edit in place
        # shows in the stored copy's time stamp and the stored run is not used
        table = tmp_path / "one" / "tables" / "frequencies.csv"
        table.write_text(table.read_text(encoding="utf-8").replace("发展", "编辑"), encoding="utf-8")
    else:
        options = AnalysisOptions(speech_pictures=False, use_cache=False)
    tried = _no_work(monkeypatch)
    with pytest.raises(AssertionError, match="rebuilt"):
        analyze(folder, tmp_path / "two", options=options)
    assert tried


def test_an_edited_stored_file_is_rebuilt_with_the_right_content(folder, tmp_path):
    analyze(folder, tmp_path / "one", options=OPTIONS)
    expected = _files(tmp_path / "one")
    table = tmp_path / "one" / "tables" / "frequencies.csv"
    table.write_text("edited", encoding="utf-8")
    second = analyze(folder, tmp_path / "two", options=OPTIONS)
    assert not second.reused and _files(tmp_path / "two") == expected


def test_runs_with_reference_documents_are_not_cached(folder, tmp_path):
    from speechkit.ingest.read import read_corpus
    from speechkit.pipeline.run_cache import run_key

    corpus = read_corpus(folder)
    assert run_key(corpus, AnalysisOptions(reference=str(folder)), False) is None
    assert run_key(corpus, OPTIONS, False) != run_key(corpus, OPTIONS, True)  # the picture decision is part of the key


def test_an_unwritable_cache_only_costs_speed(folder, tmp_path, monkeypatch):
    (tmp_path / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "blocked"))
    first = analyze(folder, tmp_path / "one", options=OPTIONS)
    second = analyze(folder, tmp_path / "two", options=OPTIONS)
    assert not first.reused and not second.reused
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
