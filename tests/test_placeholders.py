"""Placeholders (redaction marks), the template view and fill."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import real_speech
from speechkit.errors import SpeechkitError
from speechkit.extract.metrics.placeholders import KINDS, extract_placeholders
from speechkit.extract.metrics.template import fill, read_slot_values, template_slots
from speechkit.speech import Speech


def kinds_at(speech, needle: str, offset_in_needle: int = 0) -> list[str]:
    """Kinds of the placeholders starting at ``needle`` (+ offset) everywhere in the text."""
    found = {p.start: p.kind for p in extract_placeholders(speech)}
    kinds, start = [], speech.text.find(needle)
    while start >= 0:
        kinds.append(found.get(start + offset_in_needle))
        start = speech.text.find(needle, start + 1)
    return kinds


def test_seed_has_86_runs_74_single_12_double_each_with_a_kind(seed):
    placeholders = extract_placeholders(seed)
    assert len(placeholders) == 86
    assert Counter(p.text for p in placeholders) == {"*": 74, "**": 12}
    assert all(p.kind in KINDS for p in placeholders)
    assert all(seed.text[p.start : p.end] == p.text for p in placeholders)
    assert all(p.text in p.context for p in placeholders)


def test_seed_kinds_follow_the_context(seed):
    assert kinds_at(seed, "省委*全会", 2) == ["name"]
    assert kinds_at(seed, "*书记调研") == ["name"]
    assert kinds_at(seed, "“*”战略", 1) == ["slogan", "slogan", "slogan"]
    assert kinds_at(seed, "*月底前") == ["date"]
    assert kinds_at(seed, "总产值*亿元", 3) == ["number", "number"]
    assert kinds_at(seed, "增长*", 2) == ["number", "number"]
    assert kinds_at(seed, "完成*，", 2) == ["number"]
    assert kinds_at(seed, "**对口帮扶**") == ["name", "name"]
    assert kinds_at(seed, "**对口帮扶**", 6) == ["name", "name"]
    assert kinds_at(seed, "金属智造、**、新材料", 5) == ["name", "name"]
    assert kinds_at(seed, "*先进生产力") == ["name"]


def test_real_documents_have_no_placeholders(real_corpus):
    # Includes the traps: 2×35万千瓦 (hailar-2016), “415X” and 双尖双领+X (zhejiang-2026),
    # 二〇三五年 (party-congress-20), 1+X证书 (logistics plan).
    for speech in real_corpus:
        assert extract_placeholders(speech) == [], speech.id


@pytest.mark.parametrize(
    "name, needle",
    [
        ("local-govreport-hailar-2016", "2×35万千瓦"),
        ("provincial-govreport-zhejiang-2026", "“415X”"),
        ("provincial-govreport-zhejiang-2026", "双尖双领+X"),
        ("party-congress-20", "二〇三五年"),
        ("policy-logistics-14th-fyp-2022", "1+X证书"),
    ],
)
def test_the_documented_traps_are_present_and_not_redactions(real_corpus, name, needle):
    speech = real_speech(real_corpus, name)
    assert needle in speech.text
    assert not any(p.start >= speech.text.find(needle) and p.end <= speech.text.find(needle) + len(needle) for p in extract_placeholders(speech))


def test_demo_corpus_redacted_years_only(demo_corpus):
    counts = {speech.year: len(extract_placeholders(speech)) for speech in demo_corpus}
    assert counts[2020] > 0 and counts[2022] > 0
    assert counts[2018] == counts[2019] == counts[2021] == counts[2023] == 0
    speech_2022 = next(s for s in demo_corpus if s.year == 2022)
    assert kinds_at(speech_2022, "××公司") == ["name"]
    assert kinds_at(speech_2022, "*月*日") == ["date"]
    assert kinds_at(speech_2022, "增长*%", 2) == ["number"] * speech_2022.text.count("增长*%")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年完成投资＊亿元。", [("＊", "number")]),
        ("××公司存在重大隐患。", [("××", "name")]),
        ("增长×%。", [("×", "number")]),
        ("XX县委书记讲话。", [("XX", "name")]),
        ("引进X个项目。", [("X", "number")]),
        ("○○镇召开会议。", [("○○", "name")]),
        ("□□年□□月□□日", [("□□", "date"), ("□□", "date"), ("□□", "date")]),
        ("20××年工作总结", [("××", "date")]),
        ("坚持“**”发展战略", [("**", "slogan")]),
        # A number redacted beside a multiplication sign: the sign stays, the blank is a factor.
        ("建设2×*万千瓦火电机组。", [("*", "number")]),
        ("建设*×2万千瓦火电机组。", [("*", "number")]),
        ("建设＊×＊万千瓦火电机组。", [("＊", "number"), ("＊", "number")]),
        ("由×主持会议。", [("×", "name")]),
    ],
)
def test_every_redaction_form_is_found(text, expected):
    assert [(p.text, p.kind) for p in extract_placeholders(Speech(text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "* 第一项要点\n* 第二项要点",  # Markdown bullets
        "*注：数据为初步统计。",  # footnote at line start
        "＊ 说明：口径调整。",
        "大唐2×66万千瓦发电项目",
        "二○二○年全面建成小康社会",
        "“415X”先进制造业集群",
        "1+X证书制度",
        "部署实施“双尖双领+X”项目",
        "**一、总体要求**",  # a bold heading line
        "X射线检测设备",
        "国产大飞机C919，4K视频",
    ],
)
def test_marks_that_are_not_redactions(text):
    assert extract_placeholders(Speech(text)) == []


def test_markdown_emphasis_is_not_a_redaction_in_markdown_files():
    text = "# 讲话\n要**坚决**做到两个维护，*务必*落实。\n增长*"
    placeholders = extract_placeholders(Speech(text, path=Path("speech.md")))
    assert [(p.text, p.kind) for p in placeholders] == [("*", "number")]
    # The same asterisks in a plain-text template are redactions (**对口帮扶** in the seed).
    plain = extract_placeholders(Speech("要**坚决**做到", path=Path("speech.txt")))
    assert [p.text for p in plain] == ["**", "**"]


def test_a_line_start_redaction_followed_by_text_is_kept():
    assert [(p.text, p.kind) for p in extract_placeholders(Speech("*书记在全会上的讲话"))] == [("*", "name")]


MARKS = st.sampled_from(["*", "**", "＊", "×", "××", "X", "XX", "○○", "□□", "x"])
PIECES = st.sampled_from(["增长", "亿元", "个", "“", "”", "月", "日", "年", "2", "二", "，", "\n", "公司", "书记", "+", "A", " ", "#"])
TEXTS = st.lists(st.one_of(MARKS, PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans())
def test_spans_slice_back_and_kinds_are_known(text, markdown):
    for p in extract_placeholders(Speech(text), markdown=markdown):
        assert text[p.start : p.end] == p.text
        assert p.kind in KINDS
        assert any(set(p.text) <= set(family) for family in ("*＊", "×✕", "XxＸｘ", "○〇", "□"))  # one run of one mark


def test_template_slots_are_numbered_in_order_with_indicator_and_unit(seed):
    slots = template_slots(seed)
    assert [s.slot for s in slots] == list(range(1, 87))
    assert [s.start for s in slots] == sorted(s.start for s in slots)
    output = next(s for s in slots if seed.text.startswith("*亿元，全社会", s.start))
    assert (output.kind, output.indicator, output.unit) == ("number", "规上工业总产值", "亿元")


FILL_VALUES = st.text(alphabet=st.sampled_from(list("甲乙丙丁一二三0123456789.")), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fill_with_every_slot_filled_leaves_no_placeholder(seed, data):
    slots = template_slots(seed)
    values = {s.slot: data.draw(FILL_VALUES) for s in slots}
    filled = fill(seed, values)
    assert extract_placeholders(Speech(filled)) == []
    # Everything outside the slots is unchanged.
    assert filled.startswith(seed.text[: slots[0].start]) and filled.endswith(seed.text[slots[-1].end :])


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_fill_every_slot_of_any_text(text, data):
    speech = Speech(text)
    values = {s.slot: data.draw(FILL_VALUES) for s in template_slots(speech)}
    assert extract_placeholders(Speech(fill(speech, values))) == []


def test_fill_partial_and_bad_slots(demo_corpus):
    speech = next(s for s in demo_corpus if s.year == 2022)
    slots = template_slots(speech)
    first = slots[0]
    filled = fill(speech, {"1": "十一"})
    assert filled == speech.text[: first.start] + "十一" + speech.text[first.end :]
    with pytest.raises(SpeechkitError, match="does not exist"):
        fill(speech, {len(slots) + 1: "x"})
    with pytest.raises(SpeechkitError, match="not a number"):
        fill(speech, {"一": "x"})


def test_read_slot_values(tmp_path):
    good = tmp_path / "values.csv"
    good.write_text("slot,kind,value\n1,number,12\n2,name,\n3,name,金溪\n", encoding="utf-8")
    assert read_slot_values(good) == {1: "12", 3: "金溪"}
    twice = tmp_path / "twice.csv"
    twice.write_text("slot,value\n1,a\n1,b\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="twice"):
        read_slot_values(twice)
    missing = tmp_path / "missing.csv"
    missing.write_text("slot,text\n1,a\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="slot and value"):
        read_slot_values(missing)
    with pytest.raises(SpeechkitError, match="not found"):
        read_slot_values(tmp_path / "absent.csv")


def test_cli_template_then_fill_round_trip(seed_path, tmp_path):
    from typer.testing import CliRunner

    from speechkit.cli import app

    runner = CliRunner()
    slots_csv = tmp_path / "slots.csv"
    result = runner.invoke(app, ["placeholders", str(seed_path), "--template", "-f", "csv", "-o", str(slots_csv)])
    assert result.exit_code == 0, result.output
    with slots_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 86 and rows[0].keys() >= {"slot", "kind", "text", "context", "value"}
    for row in rows:
        row["value"] = "9" if row["kind"] == "number" else "某"
    with slots_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "filled.txt"
    result = runner.invoke(app, ["fill", str(seed_path), str(slots_csv), "-o", str(out)])
    assert result.exit_code == 0, result.output
    filled = out.read_text(encoding="utf-8")
    assert "规上工业总产值9亿元" in filled and "某对口帮扶某" in filled
    assert extract_placeholders(Speech(filled)) == []


def test_cli_placeholders_json_contract(seed_path):
    import json

    from typer.testing import CliRunner

    from speechkit.cli import app

    result = CliRunner().invoke(app, ["placeholders", str(seed_path), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 86
    assert set(data[0]) == {"text", "kind", "start", "end", "context"}
