"""Every file in a folder is read or reported with its reason; a non-regular file is refused unopened."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_run import run
from speechkit.errors import SpeechkitError
from speechkit.ingest import read as ingest_read
from speechkit.ingest.decode import UnreadableFile
from speechkit.ingest.limits import ReadLimits
from speechkit.ingest.read import list_documents, read_corpus, read_speech

ROOT = Path(__file__).resolve().parent.parent
SPEECH = "{year}年工作总结\n同志们：\n一、坚持稳中求进。全年完成产值{year}亿元，增长5%。\n二、抓好“两个确立”。\n"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _speech(path: Path, year: int = 2022) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SPEECH.format(year=year), encoding="utf-8")
    return path


@pytest.fixture
def hostile_folder(tmp_path):
    """A folder with three good speeches and one entry of every kind that cannot be read."""
    folder = tmp_path / "speeches"
    _speech(folder / "good.txt")
    _speech(folder / "sub" / "deep.md", 2021)
    outside = _speech(tmp_path / "elsewhere" / "linked.txt", 2020).parent
    (folder / "folder.txt").mkdir()  # a folder named like a file
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    (folder / "outside").symlink_to(outside)  # followed once, with follow_links
    (folder / "outside-again").symlink_to(outside)  # the same folder again
    (folder / "passwd.txt").symlink_to(_speech(tmp_path / "system" / "secret.txt", 2019))  # a file outside
    (folder / "self").symlink_to(folder)  # a loop back into the folder
    (folder / "metadata.csv").write_text("file,year\ngood.txt,2022\nmissing.txt,2019\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")
    return folder


EXPECTED_REASONS = {
    "folder.txt": "is a folder, not a file (its files are read)",
    "dangling.txt": "broken symbolic link",
    "loop1.txt": "symbolic link loop",
    "loop2.txt": "symbolic link loop",
    "outside-again": "link to a folder already read, not followed",
    "self": "link to a folder inside this folder, not followed",
    "missing.txt": "named in metadata.csv but not found",
}


def _reasons(corpus) -> dict[str, str]:
    return {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.skipped}


FOLLOW = ReadLimits(follow_links=True)
NOT_FOLLOWED = "outside this folder, not followed (--follow-links reads it)"


def test_every_entry_is_read_or_reported(hostile_folder):
    corpus = read_corpus(hostile_folder, limits=FOLLOW)
    assert sorted(s.id for s in corpus) == ["deep", "good", "linked", "passwd"]
    expected = dict(EXPECTED_REASONS)
    if hasattr(os, "mkfifo"):
        expected["pipe.txt"] = "not a regular file (a FIFO)"
    assert _reasons(corpus) == expected


def test_links_to_outside_the_folder_are_reported_unless_followed(hostile_folder):
    corpus = read_corpus(hostile_folder)
    assert sorted(s.id for s in corpus) == ["deep", "good"]
    reasons = _reasons(corpus)
    assert reasons["outside"] == reasons["outside-again"] == f"link to a folder {NOT_FOLLOWED}"
    assert reasons["passwd.txt"] == f"link to a file {NOT_FOLLOWED}"
    assert all(s.path != "secret.txt" for s in corpus)


def test_a_folder_that_cannot_be_listed_is_reported(hostile_folder, monkeypatch):
    # chmod 000 does not stop root, so the refusal is simulated where the folder is listed.
    real_scan = ingest_read._scan

    def scan(folder: Path):
        if folder.name == "sub":
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scan(folder)

    monkeypatch.setattr(ingest_read, "_scan", scan)
    corpus = read_corpus(hostile_folder, limits=FOLLOW)
    assert sorted(s.id for s in corpus) == ["good", "linked", "passwd"]
    assert _reasons(corpus)["sub"] == "cannot list folder (Permission denied)"


def test_reasons_survive_paths_that_contain_colon_space(tmp_path):
    (tmp_path / "a: b.txt").write_bytes(b"")
    _speech(tmp_path / "fine.txt")
    corpus = read_corpus(tmp_path)
    assert [s.to_dict() for s in corpus.skipped] == [{"path": str(tmp_path / "a: b.txt"), "reason": "empty file"}]


def test_cli_corpus_counts_and_names_every_skipped_entry(hostile_folder, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "corpus", hostile_folder, "--follow-links")
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["good.txt", "linked.txt", "passwd.txt", "deep.md"]
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(read_corpus(hostile_folder, limits=FOLLOW).skipped)
    assert f"skipped {hostile_folder / 'folder.txt'}: is a folder, not a file (its files are read)" in skipped
    assert err.splitlines()[-1] == f"4 read, {len(skipped)} skipped"


def test_cli_reports_a_link_to_outside_without_follow_links(hostile_folder, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "corpus", hostile_folder)
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == ["good.txt", "deep.md"]
    assert f"skipped {hostile_folder / 'passwd.txt'}: link to a file {NOT_FOLLOWED}" in err.splitlines()


def test_cli_corpus_json_lists_skipped_with_path_and_reason(hostile_folder, monkeypatch, capsys):
    import json

    code, out, _ = run(monkeypatch, capsys, "corpus", hostile_folder, "-f", "json", "--follow-links")
    data = json.loads(out)
    assert code == 0 and len(data["speeches"]) == 4
    assert {"path": str(hostile_folder / "missing.txt"), "reason": "named in metadata.csv but not found"} in data["skipped"]


@needs_fifo
def test_segment_refuses_a_fifo_without_opening_it(tmp_path):
    fifo = tmp_path / "speech.txt"
    os.mkfifo(fifo)
    # A subprocess with a timeout: opening a FIFO with no writer would block for ever.
    done = subprocess.run([sys.executable, "-m", "speechkit", "segment", str(fifo)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert done.stderr == f"speechkit: error: {fifo}: not a regular file (a FIFO)\n"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "is a folder, not a file"),
        (lambda p: p.symlink_to(p.parent / "absent.txt"), "broken symbolic link"),
        (lambda p: p.symlink_to(p), "symbolic link loop"),
        (lambda p: None, "no such file"),
    ],
)
def test_single_path_that_is_not_a_regular_file(tmp_path, monkeypatch, capsys, make, reason):
    path = tmp_path / "speech.txt"
    make(path)
    with pytest.raises(UnreadableFile) as raised:
        read_speech(path)
    assert (raised.value.path, raised.value.reason) == (str(path), reason)
    code, out, err = run(monkeypatch, capsys, "segment", path)
    assert (code, out, err) == (2, "", f"speechkit: error: {path}: {reason}\n")


def test_listing_ignores_hidden_entries_and_the_manifest(hostile_folder):
    (hostile_folder / ".git").mkdir()
    (hostile_folder / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    documents, _ = list_documents(hostile_folder, follow_links=True)
    assert [p.relative_to(hostile_folder).as_posix() for p in documents] == [
        "good.txt", "outside/linked.txt", "passwd.txt", "sub/deep.md"]


def test_a_folder_of_nothing_readable_is_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(monkeypatch, capsys, "analyze", tmp_path, "-o", tmp_path / "out")
    assert code == 2
    assert err.splitlines()[-1] == f"speechkit: error: {tmp_path}: no readable speech found"
    with pytest.raises(SpeechkitError):
        read_speech(tmp_path / "empty.txt")
