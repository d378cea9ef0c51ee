"""Safe CSV for spreadsheets: formula-like text cells are prefixed with ', numbers and JSON never change."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_run import run
from speechkit.cli.common import to_csv
from speechkit.render.tables import write_speech_files
from speechkit.render.writers import FORMULA_STARTS, spreadsheet_safe, write_frame

HOSTILE = ['=HYPERLINK("http://example.com","点击")', "+cmd|' /C calc'!A0", "-cmd", "@SUM(1+1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_formula_like_text_is_prefixed(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("value", ["两个确立", "", "a=b", "'=already", -3.5, -2, 0, None, True])
def test_other_values_are_unchanged(value):
    assert spreadsheet_safe(value) is value


@given(st.text(max_size=20))
def test_a_safe_cell_never_starts_a_formula(text):
    safe = spreadsheet_safe(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe.removeprefix("'") == text or safe == text


def _frame():
    return pd.DataFrame({"title": ["=HYPERLINK(\"x\")", "正常"], "change": [-3.5, 2.0], "count": [-1, 2], "note": ["-cmd", None]})


def test_write_frame_prefixes_text_cells_and_keeps_numbers_and_json(tmp_path):
    csv_path, json_path = write_frame(_frame(), tmp_path / "t.csv")
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert [r["title"] for r in rows] == ["'=HYPERLINK(\"x\")", "正常"]
    assert [r["change"] for r in rows] == ["-3.5", "2.0"] and [r["count"] for r in rows] == ["-1", "2"]
    assert [r["note"] for r in rows] == ["'-cmd", ""]
    assert json.loads(json_path.read_text(encoding="utf-8"))[0] == {"title": "=HYPERLINK(\"x\")", "change": -3.5, "count": -1, "note": "-cmd"}


def test_write_frame_raw_when_asked(tmp_path):
    csv_path, _ = write_frame(_frame(), tmp_path / "t.csv", safe_csv=False)
    assert csv_path.read_text(encoding="utf-8").splitlines()[1].startswith('"=HYPERLINK(""x"")"')


def test_column_names_from_data_are_made_safe(tmp_path):
    frame = pd.DataFrame([[1.0]], columns=["=cmd"], index=["@group"])
    csv_path, json_path = write_frame(frame, tmp_path / "t.csv", index=True)
    assert csv_path.read_text(encoding="utf-8").splitlines() == ["index,'=cmd", "'@group,1.0"]
    assert json.loads(json_path.read_text(encoding="utf-8")) == [{"index": "@group", "=cmd": 1.0}]


def test_to_csv_prefixes_unless_raw():
    rows = [{"text": "=1+1", "value": -4, "members": ["=a"]}]
    assert to_csv(rows, safe=True) == 'text,value,members\n\'=1+1,-4,"[""=a""]"\n'
    assert to_csv(rows, safe=False) == 'text,value,members\n=1+1,-4,"[""=a""]"\n'


def test_per_speech_tables_are_safe(tmp_path):
    from speechkit.model import Outline, Slogan, Span
    from speechkit.pipeline.extractors import EXTRACTORS
    from speechkit.result import SpeechResult

    slogan = Slogan("=HYPERLINK(1)", "quoted", 1, [Span(4, 17)], subkind="slogan")
    result = SpeechResult(characters=27, words=8, frequencies=(), outline=Outline(None), records={"slogans": (slogan,)})
    write_speech_files(result, tmp_path / "safe", extractors=EXTRACTORS)
    write_speech_files(result, tmp_path / "raw", safe_csv=False, extractors=EXTRACTORS)
    assert (tmp_path / "safe" / "slogans.csv").read_text(encoding="utf-8").splitlines()[1].startswith("'=HYPERLINK(1)")
    assert (tmp_path / "raw" / "slogans.csv").read_text(encoding="utf-8").splitlines()[1].startswith("=HYPERLINK(1)")
    assert json.loads((tmp_path / "safe" / "slogans.json").read_text(encoding="utf-8"))[0]["text"] == "=HYPERLINK(1)"


def test_cli_csv_is_safe_by_default_and_raw_on_request(tmp_path, monkeypatch, capsys):
    path = tmp_path / "2022.txt"
    path.write_text("2022年工作\n同志们：\n我们要坚持“@SUM(1)”和“-cmd”，增长-3.5%。\n", encoding="utf-8")
    code, out, _ = run(monkeypatch, capsys, "slogans", path, "-f", "csv")
    texts = [row["text"] for row in csv.DictReader(io.StringIO(out))]
    assert code == 0 and texts == ["'@SUM(1)", "'-cmd"]
    code, out, _ = run(monkeypatch, capsys, "--raw-csv", "slogans", path, "-f", "csv")
    assert code == 0 and [row["text"] for row in csv.DictReader(io.StringIO(out))] == ["@SUM(1)", "-cmd"]
    code, out, _ = run(monkeypatch, capsys, "slogans", path, "-f", "json")
    assert [s["text"] for s in json.loads(out)] == ["@SUM(1)", "-cmd"]


def test_index_labels_from_data_are_made_safe():
    from speechkit.render.writers import spreadsheet_safe_frame

    frame = pd.DataFrame({2022: [1.0, -2.0]}, index=pd.MultiIndex.from_tuples([("=产值", "亿元"), ("增速", "@%")], names=["indicator", "unit"]))
    text = spreadsheet_safe_frame(frame).to_csv(lineterminator="\n")
    assert text.splitlines() == ["indicator,unit,2022", "'=产值,亿元,1.0", "增速,'@%,-2.0"]
    assert frame.index[0] == ("=产值", "亿元")  # the original is untouched


def test_compare_tables_written_safe_and_raw(tmp_path):
    from speechkit.ingest.read import read_corpus
    from speechkit.render.comparison import write_comparison

    # A formula with Chinese text: a quote without a Chinese character is no slogan of the timeline.
    for year, slogan in ((2022, "=HYPERLINK(园区)"), (2023, "园区二次创业")):
        (tmp_path / f"{year}.txt").write_text(f"{year}年工作总结\n同志们：\n要坚持“{slogan}”，推进产业发展。\n", encoding="utf-8")
    comparison = read_corpus(tmp_path).compare()
    safe = {p.name: p.read_text(encoding="utf-8") for p in write_comparison(comparison, tmp_path / "safe")}
    raw = {p.name: p.read_text(encoding="utf-8") for p in write_comparison(comparison, tmp_path / "raw", safe_csv=False)}
    assert "'=HYPERLINK(园区)" in safe["compare_slogans.csv"] and "\n=HYPERLINK(园区)" not in safe["compare_slogans.csv"]
    assert "\n=HYPERLINK(园区)" in raw["compare_slogans.csv"]


cells = st.one_of(st.none(), st.sampled_from(HOSTILE), st.text(max_size=8))


@given(st.lists(st.tuples(cells, st.integers(-5, 5), st.lists(st.text(max_size=4), max_size=2)), min_size=1, max_size=8),
       st.booleans())
def test_rows_written_without_pandas_equal_the_frame_writer(tmp_path_factory, rows, safe):
    from speechkit.render.writers import write_rows

    folder = tmp_path_factory.mktemp("rows")
    columns = ["text", "count", "members"]
    write_rows([list(row) for row in rows], columns, folder / "rows.csv", safe)
    # The frame holds nested cells as JSON text, as the tables analyze writes do.
    frame = pd.DataFrame([[json.dumps(c, ensure_ascii=False) if isinstance(c, list) else c for c in row] for row in rows],
                         columns=columns)
    write_frame(frame, folder / "frame.csv", safe_csv=safe, formats=("csv",))
    assert (folder / "rows.csv").read_bytes() == (folder / "frame.csv").read_bytes()


@given(st.lists(st.tuples(cells, st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False)), max_size=12),
       st.integers(1, 5), st.booleans())
def test_a_long_table_written_in_pieces_equals_the_whole(tmp_path_factory, rows, piece, safe):
    from speechkit.render.writers import write_frames

    folder = tmp_path_factory.mktemp("pieces")
    frame = pd.DataFrame(rows, columns=["text", "count", "share"])
    pieces = [frame.iloc[begin : begin + piece] for begin in range(0, max(len(frame), 1), piece)]
    write_frame(frame, folder / "whole.csv", safe_csv=safe)
    write_frames(pieces, folder / "pieces.csv", safe_csv=safe)
    for suffix in (".csv", ".json"):
        assert (folder / f"pieces{suffix}").read_bytes() == (folder / f"whole{suffix}").read_bytes()
    assert json.loads((folder / "pieces.json").read_text(encoding="utf-8")) == json.loads(frame.to_json(orient="records", force_ascii=False))


@given(st.lists(st.one_of(st.sampled_from(HOSTILE + ["两个确立", "=1", "-"]), st.text(max_size=4), st.none(),
                          st.integers(-3, 3), st.lists(st.integers(0, 2), max_size=2)), max_size=30))
def test_a_frame_column_is_made_safe_cell_by_cell(cells):
    # Distinct values are decided once (and lists, which cannot be hashed, one by one): same cells as a map.
    from speechkit.render.writers import spreadsheet_safe_frame

    frame = pd.DataFrame({"cell": pd.Series(cells, dtype=object)})
    assert spreadsheet_safe_frame(frame)["cell"].tolist() == [spreadsheet_safe(cell) for cell in cells]


@pytest.mark.parametrize("command", ["metrics", "placeholders"])
def test_the_command_line_prints_the_table_analyze_writes(command, seed, seed_path, tmp_path, monkeypatch, capsys):
    # One column contract and one CSV writer: `speechkit metrics FILE -f csv` is the
    # metrics.csv that analyze writes for that speech, byte for byte (slogans differ in
    # their rows: analyze adds the core formulations).
    from speechkit.pipeline.extractors import EXTRACTORS
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.per_speech import speech_result

    write_speech_files(speech_result(seed, AnalysisOptions()), tmp_path, extractors=EXTRACTORS)
    code, out, _ = run(monkeypatch, capsys, command, seed_path, "-f", "csv")
    assert code == 0 and out == (tmp_path / f"{command}.csv").read_text(encoding="utf-8")
