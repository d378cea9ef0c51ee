"""User errors of the command line: one line on stderr, exit status 2, no traceback;
titles that would drive the terminal are printed escaped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from conftest import CORPUS

ESCAPED_TITLE = "\x1b[31m红色标题\x1b[0m\x9b2J"


def one_line_error(code: int, out: str, err: str) -> str:
    """The message of a one-line error with exit status 2 (and nothing on stdout)."""
    assert code == 2, err
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("speechkit: error: ") and "Traceback" not in err
    return err


@pytest.fixture()
def speech(tmp_path) -> Path:
    path = tmp_path / "yunxi-2022.txt"
    path.write_bytes((CORPUS / "yunxi-2022.txt").read_bytes())
    return path


@pytest.mark.parametrize(
    "args, expected",
    [
        (["analyze", "--nope"], "No such option: --nope"),
        (["segment", "{speech}", "--format", "xml"], "Invalid value for '--format'"),
        (["analyze", "--jobs", "0"], "Invalid value for '--jobs'"),
        (["outline"], "Missing argument"),
        (["analyze", "--engine", "spark"], "--engine: expected one of local, dask, rjieba, jieba"),
        (["analyze", "--executor", "dask", "--scheduler", "yarn"], "--scheduler: expected local:N or tcp://HOST:PORT"),
        (["analyze", "--scheduler", "local:2"], "--scheduler works with --executor dask"),
        (["analyze", "--executor", "spark"], "--executor: expected one of local, dask, got 'spark'"),
        (["analyze", "--executor", "jieba"], "--executor: expected one of local, dask, got 'jieba'"),
        (["analyze", "--segmenter", "dask"], "--segmenter: expected one of rjieba, jieba, got 'dask'"),
        (["analyze", "--engine", "dask", "--executor", "local"], "--engine dask and --executor local disagree"),
        (["corpus", "{speech}", "--segmenter", "thulac"], "--segmenter: expected one of rjieba, jieba"),
    ],
)
def test_usage_errors_are_one_line(monkeypatch, capsys, speech, args, expected):
    args = [a.format(speech=speech) for a in args]
    err = one_line_error(*run(monkeypatch, capsys, *args))
    assert expected in err


def test_usage_error_has_no_boxed_panel_in_a_real_process(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "speechkit", "analyze", "--nope"], capture_output=True, text=True, cwd=tmp_path)
    err = one_line_error(proc.returncode, proc.stdout, proc.stderr)
    assert "╭" not in err and "--help" in err


def test_help_keeps_its_rich_layout(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "analyze", "--help")
    assert code == 0
    assert "╭" in out and "--scheduler" in out and "--segmenter" in out


def test_analyze_into_an_existing_file(monkeypatch, capsys, tmp_path):
    target = tmp_path / "taken"
    target.write_text("a user's file", encoding="utf-8")
    err = one_line_error(*run(monkeypatch, capsys, "analyze", CORPUS, "-o", target))
    assert "a file of that name exists" in err
    assert target.read_text(encoding="utf-8") == "a user's file"


@pytest.mark.parametrize(
    "column, expected",
    [
        ("knid", "speechkit: error: --group-by: no speech has a value for 'knid' (variables: date, org, speaker, speech, title, year)"),
        ("year", "speechkit: error: --group-by year: the tables are by year and by speech already"),
    ],
)
def test_analyze_grouped_by_a_column_no_speech_has(monkeypatch, capsys, tmp_path, column, expected):
    err = one_line_error(*run(monkeypatch, capsys, "analyze", CORPUS, "-o", tmp_path / "out", "--group-by", column))
    assert err.startswith(expected)
    assert not (tmp_path / "out" / "speeches").exists()


def test_analyze_into_a_path_below_a_file(monkeypatch, capsys, tmp_path):
    target = tmp_path / "taken"
    target.write_text("", encoding="utf-8")
    err = one_line_error(*run(monkeypatch, capsys, "analyze", CORPUS, "-o", target / "sub"))
    assert "part of the path is a file" in err


def test_fill_with_a_folder_as_values(monkeypatch, capsys, speech, tmp_path):
    err = one_line_error(*run(monkeypatch, capsys, "fill", speech, tmp_path))
    assert f"{tmp_path}: slot value file is a folder" in err


@pytest.mark.parametrize(
    "args",
    [
        ["corpus", "{folder}", "-f", "csv", "-o", "/dev/full"],
        ["outline", "{speech}", "-f", "json", "-o", "/dev/full"],
    ],
)
def test_a_full_disk_is_one_line(monkeypatch, capsys, speech, args):
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full (a device that is always full) exists on Linux only")
    args = [a.format(folder=speech.parent, speech=speech) for a in args]
    err = one_line_error(*run(monkeypatch, capsys, *args))
    assert "/dev/full" in err and "No space left on device" in err


def test_a_failed_write_during_analyze_is_one_line(monkeypatch, capsys, tmp_path):
    """The tables folder cannot be made (a file is in its way): the write fails with
    an OSError deep in the job, reported as one line."""
    folder = tmp_path / "speeches"
    folder.mkdir()
    for name in ("yunxi-2021.txt", "yunxi-2022.txt"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    (out / "tables").write_text("in the way", encoding="utf-8")
    err = one_line_error(*run(monkeypatch, capsys, "analyze", folder, "-o", out, "--no-speech-pictures"))
    assert "tables" in err


@pytest.fixture()
def hostile_title(tmp_path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    body = (CORPUS / "yunxi-2022.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    (folder / "yunxi-2022.txt").write_text(f"---\ntitle: {ESCAPED_TITLE}\nyear: 2022\n---\n{body}", encoding="utf-8")
    return folder


def assert_printed_escaped(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x9b\x07"), repr(text[:200])
    assert "\\x1b[31m红色标题" in text and "\\x9b2J" in text


def test_corpus_prints_control_characters_of_titles_escaped(monkeypatch, capsys, hostile_title):
    code, out, err = run(monkeypatch, capsys, "corpus", hostile_title)
    assert code == 0, err
    assert_printed_escaped(out)
    code, out, _ = run(monkeypatch, capsys, "corpus", hostile_title, "-f", "json")
    assert json.loads(out)["speeches"][0]["title"] == ESCAPED_TITLE  # data stays as written


def test_outline_prints_control_characters_of_titles_escaped(monkeypatch, capsys, hostile_title):
    for path in (hostile_title, hostile_title / "yunxi-2022.txt"):
        code, out, err = run(monkeypatch, capsys, "outline", path, "--keywords", "0")
        assert code == 0, err
        assert_printed_escaped(out)
