"""``fill`` keeps the template as written: front matter and newlines byte for byte; CSV errors name the right line."""

from __future__ import annotations

import pytest

from cli_run import run
from speechkit.errors import SpeechkitError
from speechkit.extract.metrics.template import fill_file, read_slot_values, template_slots
from speechkit.ingest.read import read_speech

FRONT = "---\r\ntitle: 园区工作总结\r\nyear: 2022\r\n---\r\n"
BODY = "同志们：\r\n全年完成规上工业总产值**亿元，增长*%。\r\n某某同志指出，要抓好落实。\r\n"
FILLED = FRONT + BODY.replace("**", "120", 1).replace("*%", "5.2%", 1)


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "template.txt"
    path.write_bytes((FRONT + BODY).encode("utf-8"))
    return path


def test_the_template_has_the_expected_slots(template):
    slots = template_slots(read_speech(template))
    assert [(s.slot, s.text, s.indicator) for s in slots][:2] == [(1, "**", "规上工业总产值"), (2, "*", "规上工业总产值")]


def test_fill_keeps_front_matter_and_crlf(template):
    assert fill_file(template, {1: "120", 2: "5.2"}) == FILLED
    assert fill_file(template, {}) == FRONT + BODY


def test_fill_keeps_lone_cr_and_no_final_newline(tmp_path):
    path = tmp_path / "old-mac.txt"
    path.write_bytes("同志们：\r全年完成产值**亿元。".encode("utf-8"))
    assert fill_file(path, {1: "9"}) == "同志们：\r全年完成产值9亿元。"


def test_fill_keeps_the_encoding_of_nothing_but_the_text(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes((FRONT + BODY).encode("gb18030"))
    assert fill_file(path, {1: "120", 2: "5.2"}) == FILLED


def test_cli_fill_writes_the_template_byte_for_byte(template, tmp_path, monkeypatch, capsys):
    values = tmp_path / "values.csv"
    values.write_text("slot,value\n1,120\n2,5.2\n", encoding="utf-8")
    out = tmp_path / "filled.txt"
    code, _, err = run(monkeypatch, capsys, "fill", template, values, "-o", out)
    assert (code, err) == (0, "")
    assert out.read_bytes() == FILLED.encode("utf-8")


def test_line_numbers_are_where_the_record_starts(tmp_path):
    values = tmp_path / "values.csv"
    values.write_text('slot,value\n1,"two\nlines"\n\n2,ok\n"x",3\n', encoding="utf-8")
    with pytest.raises(SpeechkitError) as raised:
        read_slot_values(values)
    assert str(raised.value) == f"{values}: line 6: slot 'x' is not a number"
    values.write_text('slot,value\n1,"a\nb\nc"\n1,again\n', encoding="utf-8")
    with pytest.raises(SpeechkitError, match="line 5: slot 1 is given twice"):
        read_slot_values(values)


def test_a_folder_as_values_is_one_line(template, tmp_path, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "fill", template, tmp_path)
    assert (code, out, err) == (2, "", f"speechkit: error: {tmp_path}: slot value file is a folder, not a file\n")
