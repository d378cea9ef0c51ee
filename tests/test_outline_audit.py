"""The outline audit of ``benchmarks/audit_outline.py``: each check flags the doubt it names
on our own texts, and a report whose outline was read by hand is not flagged."""

from __future__ import annotations

import sys

from conftest import ROOT

from speechkit import Speech, read_speech
from speechkit.extract.outline import extract_outline

sys.path.insert(0, str(ROOT / "benchmarks"))

from audit_outline import audit  # noqa: E402


def _checks(text: str) -> list[tuple[str, str]]:
    speech = Speech(text)
    return [(check, text[offset : offset + 4]) for check, offset, _ in audit(text, extract_outline(speech, keywords=0), speech.paragraphs)]


def test_each_doubt_is_flagged_where_it_is():
    long_title = "坚持" + "推进改革、扩大开放、保障民生" * 5
    text = (
        "各位代表：\n一、回顾\n（一）经济。内容。\n（三）民生。内容。改革深化。（四）开放。内容。\n"
        f"二、安排\n1.{long_title}。内容。\n（一）项目。内容。\n两年来的工作体会\n内容。\n（二）产业。内容。\n"
        "各位代表！让我们团结奋斗。\n附件\n一、民生实事\n"
    )
    checks = _checks(text)
    assert ("numbering", "（三）民") in checks  # 一 then 三
    assert ("inside paragraph", "（四）开") in checks
    assert ("long heading", "1.坚持") in checks
    assert ("mixed styles", "1.坚持") in checks  # 1. among （一） at level 2
    assert ("title line", "两年来的") in checks
    assert ("apart", "附件\n一") in checks
    assert ("top count", "一、回顾") not in checks  # two level-1 sections are usual


def test_a_top_level_out_of_the_usual_range_and_a_heading_after_the_closing():
    text = "同志们：\n一、回顾\n内容。\n同志们，就讲这些，谢谢大家！\n一、附记\n内容。\n"
    assert ("after closing", "一、附记") in _checks(text)
    assert ("top count", "一、回顾") in _checks("一、回顾\n（一）经济。内容。\n（二）民生。内容。\n")


def test_a_report_read_by_hand_has_no_doubt(provinces_dir):
    # Shaanxi 2025: its outline gold was written blind and the outline matches it.
    speech = read_speech(provinces_dir / "govreport-shaanxi-2025.txt")
    assert audit(speech.text, extract_outline(speech, keywords=0), speech.paragraphs) == []


def test_the_title_of_another_text_is_flagged_as_the_start_of_a_new_tree():
    part = "一、回顾\n（一）经济。内容。\n二、安排\n（一）项目。内容。\n"
    checks = _checks("各位代表：\n" + part + "在全市工作会议上的总结讲话\n李四\n（一）落实。内容。\n")
    assert ("next text", "在全市工") in checks
    assert ("next text", "一、回顾") not in checks


def test_unnumbered_parts_contents_and_page_furniture_are_flagged():
    text = (
        "2025年某省政府工作报告\n目录\n一、2024年工作回顾\n二、2025年工作安排\n各位代表：\n现在报告工作。\n"
        "一、2024年工作回顾\n（一）经济。内容。\n— 2 —\n（二）民生。内容。\n二、2025年工作安排\n（一）改革。内容。\n"
        "加强政府自身建设\n新征程对政府工作提出新要求。\n各位代表！让我们团结奋斗。\n"
    )
    checks = _checks(text)
    assert ("contents", "一、20") in checks
    assert ("page furniture", "— 2 ") in checks
    assert ("unnumbered part", "加强政府") in checks
    assert [c for c, _ in checks if c == "unnumbered part"] == ["unnumbered part"]
