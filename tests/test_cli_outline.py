"""``speechkit outline`` for one speech and for a folder."""

from __future__ import annotations

import json
import sys

import pytest
from cli_run import run


def test_text_tree_of_the_seed(monkeypatch, capsys, seed_path):
    code, out, _ = run(monkeypatch, capsys, "outline", seed_path, "--keywords", "0")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("一、紧扣迎接和学习宣传贯彻党的二十大这条主线")
    assert "    （一）突出学习对标，坚定绝对忠诚的政治品格  [" in out
    assert sum(1 for line in lines if line.startswith("    （")) == 14


def test_json_follows_the_contract(monkeypatch, capsys, seed_path, tmp_path):
    target = tmp_path / "outline.json"
    code, out, _ = run(monkeypatch, capsys, "outline", seed_path, "--format", "json", "-o", target, "-k", "3")
    assert code == 0 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [len(s["children"]) for s in data["sections"]] == [3, 6, 5]
    first = data["sections"][0]["children"][0]
    assert first["title"] == "突出学习对标，坚定绝对忠诚的政治品格"
    assert [i["marker"] for i in first["items"]] == ["一是", "二是", "三是", "四是"]
    assert len(first["keywords"]) == 3 and data["warnings"] == []


def test_markdown(monkeypatch, capsys, seed_path):
    code, out, _ = run(monkeypatch, capsys, "outline", seed_path, "-f", "md", "-k", "0")
    assert code == 0 and out.startswith("# 省级工业园党工委书记在2022年度工作总结大会上的讲话\n")
    assert "- **三、**" in out


def test_folder_gives_every_outline_and_the_table_by_year(monkeypatch, capsys):
    from conftest import CORPUS

    code, out, _ = run(monkeypatch, capsys, "outline", CORPUS, "-f", "json", "-k", "0")
    assert code == 0
    data = json.loads(out)
    assert [s["year"] for s in data["speeches"]] == [2018, 2019, 2020, 2021, 2022, 2023]
    rows = data["structure_by_year"]
    assert {(r["year"], r["level"]) for r in rows if r["level"] == 4} == {(2019, 4), (2022, 4)}
    code, out, _ = run(monkeypatch, capsys, "outline", CORPUS, "-k", "0")
    assert out.count("\n== yunxi-") == 5 and "== structure by year\nyear\tlevel\tspeeches" in out
    code, out, _ = run(monkeypatch, capsys, "outline", CORPUS, "-f", "md", "-k", "0")
    assert "# Structure by year\n\n| year | level |" in out


@pytest.mark.parametrize("args", [["outline", "/no/such/file.txt"], ["outline", "."]])
def test_user_errors_are_one_line(monkeypatch, capsys, tmp_path, args):
    if args[1] == ".":
        args = ["outline", tmp_path]  # an empty folder
    code, out, err = run(monkeypatch, capsys, *args)
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.strip()]  # a progress bar may leave a blank line
    assert len(lines) == 1 and lines[0].startswith("speechkit: error: ")


def test_help_does_not_import_heavy_libraries():
    import subprocess

    code = "import sys; from speechkit.cli import app; import speechkit.cli.outline; print('pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
