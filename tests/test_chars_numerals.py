"""The character classes (speechkit.chars) and the one numeral parser (speechkit.numerals)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.chars import DIGITS, HAN, SEGMENTER_HAN, han_count, has_han, is_han, is_segmenter_han
from speechkit.numerals import ascii_digits, parse_arabic, parse_chinese, parse_mixed, parse_whole_number

ROOT = Path(__file__).resolve().parents[1]
BMP = [chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code <= 0xDFFF]


def test_each_class_test_agrees_with_its_regex_class_over_the_whole_bmp():
    han, segmenter = re.compile(f"[{HAN}]"), re.compile(f"[{SEGMENTER_HAN}]")
    assert [c for c in BMP if is_han(c)] == [c for c in BMP if han.fullmatch(c)]
    assert [c for c in BMP if is_segmenter_han(c)] == [c for c in BMP if segmenter.fullmatch(c)]
    # jieba's range is inside the Han one; Extension A and the compatibility ideographs are Han too.
    assert all(is_han(c) for c in BMP if is_segmenter_han(c))
    assert is_han("㐀") and is_han("\uf900") and not is_segmenter_han("㐀")
    assert not is_han("䷀")  # a Yijing hexagram, between Extension A and the Unified block
    assert [c for c in BMP if re.fullmatch(f"[{DIGITS}]", c)] == list("0123456789０１２３４５６７８９")


@given(st.text(max_size=30))
@example("政府工作报告，2024年")
def test_han_count_and_has_han_count_what_is_han(text):
    assert han_count(text) == sum(map(is_han, text))
    assert has_han(text) == any(map(is_han, text))


def test_the_han_range_is_written_only_in_chars():
    found = subprocess.run(["grep", "-rlE", r"4e00|\\u4e00|一-龥|一-鿿|\\p\{Han\}", "speechkit"],
                           capture_output=True, text=True, cwd=ROOT).stdout.split()
    assert found == ["speechkit/chars.py"]


# --- numerals -------------------------------------------------------------------------------

_NAMES = "零一二三四五六七八九"


def spell(n: int, *, two: bool = False) -> str:
    """``n`` (0 <= n < 10**12) as a positional Chinese numeral; ``two``: 两 for a 2 before a magnitude."""
    if n == 0:
        return "零"

    def below_10000(m: int, leading: bool) -> str:
        out, zero = "", False
        for value, mark in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = m // value % 10
            if digit == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            if value == 10 and digit == 1 and not out and leading:
                out += "十"  # 十五, not 一十五, at the start
            else:
                out += ("两" if two and digit == 2 and mark in ("千", "百") else _NAMES[digit]) + mark
        return out

    parts, first = [], True
    for value, mark in ((10**8, "亿"), (10**4, "万"), (1, "")):
        chunk = n // value % 10_000
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(below_10000(chunk, first) + mark)
            first = False
    return "".join(parts)


@given(st.integers(min_value=0, max_value=10**12 - 1), st.booleans())
@example(101, False)
@example(10, False)
@example(2000, True)
@example(120_000_000, False)
def test_every_positional_numeral_reads_back(n, two):
    assert parse_chinese(spell(n, two=two)) == n
    assert parse_whole_number(spell(n, two=two)) == (n or None)


@given(st.lists(st.sampled_from("〇○零一二三四五六七八九"), min_size=1, max_size=6))
@example(list("二〇二四"))
@example(list("一二"))
def test_digit_by_digit_numerals_read_as_written(digits):
    text = "".join(digits)
    expected = int("".join(str("〇○零一二三四五六七八九".index(d) - 2 if d not in "〇○零" else 0) for d in digits))
    assert parse_chinese(text) == expected


@given(st.integers(min_value=0, max_value=10**9), st.booleans())
@example(12, True)
def test_arabic_numbers_in_either_width(n, wide):
    written = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if wide else str(n)
    assert parse_arabic(written) == n and ascii_digits(written) == str(n)
    assert parse_whole_number(written) == n
    assert parse_arabic(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_mixed_numbers(wan, thousands):
    assert parse_mixed(f"{wan}万{thousands}千") == wan * 10_000 + thousands * 1000


@pytest.mark.parametrize("text", ["二二十", "十十", "千千", "点五", "三点十", ""])
def test_ill_formed_numerals_are_none(text):
    assert parse_chinese(text) is None


def test_list_markers_read_as_before():
    # The forms list markers and headings are written with (一、 （十二） 第二十三， 1. （１））.
    assert [parse_whole_number(n) for n in ("三", "十", "十一", "二十", "二十三", "一百零一", "九十九", "两", "12", "１２")] \
        == [3, 10, 11, 20, 23, 101, 99, 2, 12, 12]
    assert parse_whole_number("零") is None and parse_whole_number("0") == 0


# --- group order ------------------------------------------------------------------------------


def test_ledgers_by_a_variable_come_in_the_one_group_order():
    from speechkit.analysis.grouping import group_label
    from speechkit.analysis.targets import target_ledgers
    from speechkit.corpus import Corpus, group_order
    from speechkit.model import Metadata
    from speechkit.speech import Speech

    levels = ["10", "9", None, "2"]
    speeches = [Speech("全年经济增长5%左右。", Metadata(year=2020, extra={"level": level} if level else {}), name=f"s{i}")
                for i, level in enumerate(levels)]
    ledgers = target_ledgers(Corpus(speeches).results(), by="level")
    # Numbers in numeric order and the missing group last, as every grouped table orders them.
    assert list(ledgers.ledgers) == [group_label(level) for level in ["2", "9", "10", None]]
    assert ["2", "9", "10", None] == sorted(levels, key=group_order)
