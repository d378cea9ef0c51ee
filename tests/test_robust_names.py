"""Hostile file names: not UTF-8, with # ? % or a newline, colliding stems; and text without Chinese."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_run import run
from speechkit import Speech
from speechkit.ingest.read import read_corpus
from speechkit.names import json_safe, readable, safe_file_name, unique_ids

# No title line: the id then names the speech in graph titles too.
SPEECH = (
    "同志们：\n一、坚持创新驱动发展，园区产业发展质量明显提升。全年完成规上工业总产值120亿元，增长5.2%。\n"
    "二、推进园区产业创新，创新平台建设取得新进展，产业链条持续延伸。\n"
    "三、园区发展必须坚持创新，产业升级必须依靠创新，抓好“两个确立”。\n"
)
BAD_BYTES = os.fsencode("bad") + b"\xff\xfe" + os.fsencode(".txt")
posix_names = pytest.mark.skipif(sys.platform == "win32", reason="file names with bytes, newlines and ? are POSIX-only")


def _write(folder: Path, name: str | bytes, text: str = SPEECH) -> None:
    path = os.path.join(os.fsencode(folder), name) if isinstance(name, bytes) else folder / name
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))


# --- the helpers -------------------------------------------------------------------------


def test_undecodable_bytes_are_shown_escaped():
    name = os.fsdecode(BAD_BYTES)
    assert readable(name) == "bad\\xff\\xfe.txt"
    assert readable("两个确立.txt") == "两个确立.txt"
    assert json.loads(json_safe(json.dumps({name: name}, ensure_ascii=False))) == {"bad\\xff\\xfe.txt": "bad\\xff\\xfe.txt"}


@pytest.mark.parametrize("indent", [True, False])
def test_json_files_hold_undecodable_bytes_escaped(tmp_path, indent):
    # The line-by-line writer's fast encoder refuses lone surrogates; the file is still written, escaped.
    from speechkit.render.writers import write_json

    name = os.fsdecode(BAD_BYTES)
    path = write_json([{"file": name, "share": float("nan")}, {"file": "两个确立.txt"}], tmp_path / "rows.json", indent=indent)
    rows = json.loads(path.read_text(encoding="utf-8"))
    assert [row["file"] for row in rows] == ["bad\\xff\\xfe.txt", "两个确立.txt"]


@pytest.mark.parametrize(
    ("name", "safe"),
    [("a/b", "a_b"), ("r?3", "r_3"), ("n\n4", "n_4"), ("q#1", "q#1"), ("p%2", "p%2"), ("..", "_.."), (".hidden", "_.hidden"),
     ('<a:"b"|c*>', "_a__b__c__"), ("二〇二二", "二〇二二")],
)
def test_safe_file_names(name, safe):
    assert safe_file_name(name) == safe


@given(st.lists(st.lists(st.text(alphabet="ab_-.2", max_size=3), min_size=1, max_size=3), max_size=12))
def test_unique_ids_are_distinct_and_prefer_the_first_candidate(candidates):
    ids = unique_ids(candidates)
    assert len(set(ids)) == len(ids) == len(candidates)
    firsts = [c[0] for c in candidates]
    for names, found in zip(candidates, ids):
        if firsts.count(names[0]) == 1 and names[0] not in ids[: ids.index(found)]:
            assert found == names[0] or names[0] in ids


def test_speech_ids_are_safe_file_names():
    assert Speech("文本", name="a/b?c\nd").id == "a_b_c_d"


# --- ids in a corpus ---------------------------------------------------------------------


def test_colliding_stems_get_distinct_ids(tmp_path):
    for name in ("same.txt", "same.md", "sub1__x.txt", "other.txt"):
        _write(tmp_path, name)
    for folder in ("sub1", "sub2"):
        (tmp_path / folder).mkdir()
        _write(tmp_path / folder, "x.txt")
    ids = {s.path.relative_to(tmp_path).as_posix(): s.id for s in read_corpus(tmp_path)}
    assert ids == {
        "other.txt": "other",
        "same.md": "same.md",
        "same.txt": "same.txt",
        "sub1/x.txt": "sub1__x.txt",  # sub1__x belongs to the file of that name
        "sub1__x.txt": "sub1__x",
        "sub2/x.txt": "sub2__x",
    }


# --- the command line and the main job with hostile names ---------------------------------


@posix_names
def test_corpus_csv_and_json_with_a_non_utf8_name(tmp_path, monkeypatch, capsys):
    _write(tmp_path, BAD_BYTES)
    _write(tmp_path, "good.txt")
    out = tmp_path / "x.csv"
    code, _, err = run(monkeypatch, capsys, "corpus", tmp_path, "-f", "csv", "-o", out)
    assert code == 0 and err.splitlines()[-1] == "2 read, 0 skipped"
    assert [line.split(",")[0] for line in out.read_text(encoding="utf-8").splitlines()] == ["file", "bad\\xff\\xfe.txt", "good.txt"]
    code, stdout, _ = run(monkeypatch, capsys, "corpus", tmp_path, "-f", "json")
    assert code == 0 and [s["file"] for s in json.loads(stdout)["speeches"]] == ["bad\\xff\\xfe.txt", "good.txt"]


@posix_names
def test_skipped_non_utf8_name_is_reported_readably(tmp_path, monkeypatch, capsys):
    _write(tmp_path, BAD_BYTES, "")
    _write(tmp_path, "good.txt")
    code, _, err = run(monkeypatch, capsys, "corpus", tmp_path)
    assert code == 0
    assert f"skipped {tmp_path}/bad\\xff\\xfe.txt: empty file" in err.splitlines()


HOSTILE = {"q#1.txt": "q#1", "p%2.txt": "p%2", "r?3.txt": "r_3", "n\n4.txt": "n_4", "a: b.txt": "a_ b"}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """``speechkit analyze`` of speeches with hostile names into an OUT holding a stale non-UTF-8 file."""
    from typer.testing import CliRunner

    from speechkit.cli import app

    if sys.platform == "win32":
        pytest.skip("file names with bytes, newlines and ? are POSIX-only")
    folder = tmp_path_factory.mktemp("hostile")
    for name in HOSTILE:
        _write(folder, name)
    _write(folder, BAD_BYTES)
    _write(folder, "empty.txt", "")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    out = tmp_path_factory.mktemp("out")
    (out / "stale").mkdir()
    (Path(os.fsdecode(os.path.join(os.fsencode(out / "stale"), b"old\xfe.csv")))).write_bytes(b"x")
    result = CliRunner().invoke(app, ["analyze", str(folder), "-o", str(out)])
    return folder, out, result


def test_analyze_with_hostile_names_writes_everything(hostile_run):
    _, out, result = hostile_run
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    ids = sorted([*HOSTILE.values(), "bad_xff_xfe"])
    assert sorted(s["id"] for s in summary["speeches"]) == ids
    assert any(s["file"].endswith("/bad\\xff\\xfe.txt") for s in summary["speeches"])
    skipped = {Path(s["path"]).name: s["reason"] for s in summary["skipped"]}
    assert skipped == {"empty.txt": "empty file", **({"pipe.txt": "not a regular file (a FIFO)"} if hasattr(os, "mkfifo") else {})}
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert f"跳过 {len(skipped)} 个文件" in index and "empty.txt</code>：empty file" in index
    for sid in ids:
        assert (out / "speeches" / sid / "cooccurrence.graphml").is_file()
        assert (out / "report" / "speeches" / f"{sid}.html").is_file()


def test_report_links_are_quoted_and_resolve(hostile_run):
    import re

    _, out, _ = hostile_run
    report = out / "report"
    index = (report / "speeches.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(speeches/[^"]+)"', index)
    assert "speeches/q%231.html" in links and "speeches/p%252.html" in links
    for link in links:
        assert (report / unquote(link)).is_file()
    page = (report / "speeches" / "q#1.html").read_text(encoding="utf-8")
    for source in re.findall(r'src="([^"]+)"', page):
        assert "#" not in source and (report / "speeches" / unquote(source)).is_file()


def test_every_output_is_valid_utf8(hostile_run):
    _, out, _ = hostile_run
    for path in out.rglob("*"):
        if path.suffix in (".json", ".csv", ".html", ".md", ".graphml", ".gexf"):
            path.read_bytes().decode("utf-8")  # raises on a raw surrogate or byte


# --- text without Chinese ----------------------------------------------------------------


def test_english_only_speeches_compare_without_crashing(tmp_path, monkeypatch, capsys):
    import math

    _write(tmp_path, "2022.txt", "The economy grew this year.\nWe will keep working.\n")
    _write(tmp_path, "2023.txt", "Trade and investment rose.\nPeople worked together.\n")
    corpus = read_corpus(tmp_path)
    comparison = corpus.compare()
    similarity = comparison.similarity
    assert list(similarity.index) == [2022, 2023]
    assert all(math.isnan(v) for v in similarity.to_numpy().ravel())
    assert comparison.changes.empty
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # the CSV tables go to ./compare-year/, here inside tmp_path
    code, out, err = run(monkeypatch, capsys, "compare", tmp_path, "-f", "csv")
    assert code == 0, err


# --- one line per file on the terminal ---------------------------------------------------


@posix_names
def test_terminal_output_is_one_line_per_file_without_escape_sequences(tmp_path, monkeypatch, capsys):
    _write(tmp_path, "title.txt", "---\ntitle: \x1b[31m红色\x1b[0m标题\tX\n---\n" + SPEECH)
    _write(tmp_path, "n\n4.txt", "")
    code, out, err = run(monkeypatch, capsys, "corpus", tmp_path)
    assert code == 0 and "\x1b" not in out + err
    assert out.splitlines()[1].split("\t")[:2] == ["title.txt", "\\x1b[31m红色\\x1b[0m标题\\x09X"]
    assert err.splitlines() == [f"skipped {tmp_path}/n\\x0a4.txt: empty file", "1 read, 1 skipped"]
    code, _, err = run(monkeypatch, capsys, "segment", tmp_path / "n\n4.txt")
    assert (code, err) == (2, f"speechkit: error: {tmp_path}/n\\x0a4.txt: empty file\n")
