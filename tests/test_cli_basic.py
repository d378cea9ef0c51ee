"""The command line: segment, corpus, errors, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from speechkit.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("speechkit ")


def test_segment_json_offsets_slice_back(seed_path, seed):
    result = run("segment", seed_path, "--format", "json")
    assert result.exit_code == 0
    tokens = json.loads(result.stdout)
    assert set(tokens[0]) == {"text", "start", "end", "pos", "is_stop"}
    assert all(seed.text[t["start"] : t["end"]] == t["text"] for t in tokens)
    texts = {t["text"] for t in tokens}
    assert {"习近平新时代中国特色社会主义思想", "两个确立", "四个意识", "规上工业总产值", "全面从严治党", "二十大"} <= texts


def test_segment_text_is_one_token_per_line(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("增强四个意识。\n", encoding="utf-8")
    result = run("segment", path)
    lines = result.stdout.splitlines()
    assert [line.split("\t")[-1] for line in lines] == ["增强", "四个意识", "。", "\\n"]


def test_segment_engine_option_and_output_file(tmp_path, seed_path):
    out = tmp_path / "tokens.csv"
    assert run("segment", seed_path, "--engine", "jieba", "-f", "csv", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("text,start,end,pos,is_stop\n")


def test_corpus_lists_real_documents_with_years(real_dir):
    result = run("corpus", real_dir, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    rows = {row["file"]: row for row in data["speeches"]}
    assert len(rows) == 22
    assert all(row["year"] for name, row in rows.items() if "govreport" in name)
    assert 5000 < rows["govreport-2024.txt"]["tokens"] < rows["govreport-2024.txt"]["characters"]
    assert data["skipped"] == [{"path": str(real_dir / "SOURCES.tsv"), "reason": "unsupported file type .tsv"}]


def test_corpus_with_bad_files_reads_the_rest(tmp_path, seed_path):
    (tmp_path / "good.txt").write_bytes(seed_path.read_bytes())
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("corpus", tmp_path)
    assert result.exit_code == 0
    assert "good.txt" in result.stdout
    assert "skipped" in result.stderr and "binary.txt: binary file, not text" in result.stderr
    assert "empty.txt: empty file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["segment", "/no/such/file.txt"], ["corpus", "/no/such/folder"], ["segment", "{tmp}"], ["segment", "{tmp}/x.txt", "--engine", "nope"]],
)
def test_user_errors_print_one_line_and_exit_2(tmp_path, args):
    (tmp_path / "x.txt").write_text("发展", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    proc = subprocess.run([sys.executable, "-m", "speechkit", *args], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("speechkit: error: ")
    assert "Traceback" not in proc.stderr


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "sys.argv = ['speechkit', '--help']\n"
        "from speechkit.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sklearn', 'matplotlib', 'wordcloud', 'networkx', 'pandas', 'dask', 'distributed')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout
    assert "analyze" in proc.stdout
