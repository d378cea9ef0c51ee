"""The value of a number as Chinese official texts write it: the one numeral parser.

Arabic numbers may use full-width digits (１２), a full-width point (５．２) and ASCII
thousands separators (1,244). Chinese numerals are read positionally (三千五百,
一千八百, 二十三, 一亿二千万, 三点五) or digit by digit when they carry no 十/百/千/万/亿
(二〇三五, a year). Arabic numbers may carry Chinese magnitudes inside (1万6千).

Metrics, outline markers and the year of a document header all read their numbers here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .chars import DIGITS

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_MAGNITUDES = {"十": 10, "百": 100, "千": 1000}
CN_LARGE_MAGNITUDES = {"万": 10_000, "亿": 100_000_000}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_MIXED_TOKEN = re.compile(f"[{DIGITS}]+(?:[.\uff0e][{DIGITS}]+)?|.")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits and point written as ASCII (１２．５ → 12.5)."""
    return text.translate(_FULLWIDTH)


def parse_arabic(text: str) -> float:
    """Value of an Arabic number with optional full-width digits and separators.

    >>> parse_arabic("1,244"), parse_arabic("５．２")
    (1244.0, 5.2)
    """
    return float(ascii_digits(text).replace(",", ""))


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral, or None when it is not a well-formed number.

    >>> [parse_chinese(t) for t in ("三千五百", "一千八百", "二十三", "十五", "一百零一", "两千")]
    [3500.0, 1800.0, 23.0, 15.0, 101.0, 2000.0]
    >>> parse_chinese("一亿二千万"), parse_chinese("二〇三五"), parse_chinese("三点五")
    (120000000.0, 2035.0, 3.5)
    >>> parse_chinese("二二十") is None, parse_chinese("十十") is None
    (True, True)
    """
    whole, _, fraction = text.partition("点")
    if not whole or any(ch not in CN_DIGITS for ch in fraction):
        return None
    value = _parse_chinese_integer(whole)
    if value is None:
        return None
    if fraction:
        value += float("0." + "".join(str(CN_DIGITS[ch]) for ch in fraction))
    return float(value)


def _parse_chinese_integer(text: str) -> int | None:
    if all(ch in CN_DIGITS for ch in text):
        # Digit by digit: 二〇三五, or a single digit.
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    value = _positional([CN_DIGITS.get(ch, ch) for ch in text])
    return None if value is None else int(value)


def parse_mixed(text: str) -> float | None:
    """Value of an Arabic number with Chinese magnitudes inside it.

    >>> parse_mixed("1万6千"), parse_mixed("2万5千"), parse_mixed("1亿3千万")
    (16000.0, 25000.0, 130000000.0)
    """
    tokens: list = []
    for match in _MIXED_TOKEN.finditer(text):
        token = match.group()
        tokens.append(parse_arabic(token) if token[0].isdigit() else CN_DIGITS.get(token, token))
    return _positional(tokens)


def _positional(tokens: list) -> float | None:
    """Value of digits (numbers) and magnitude characters read positionally (三千五百)."""
    total = section = 0.0
    digit: float | None = None
    for i, token in enumerate(tokens):
        if not isinstance(token, str):
            if digit not in (None, 0) and token != 0:
                return None  # two digits in a row inside a positional numeral
            digit = token
        elif token in CN_SMALL_MAGNITUDES:
            if digit is None and i > 0:
                return None  # 千千: a magnitude with no digit, not at the start
            section += (1 if digit is None else digit) * CN_SMALL_MAGNITUDES[token]
            digit = None
        elif token == "万":
            total += (section + (digit or 0)) * CN_LARGE_MAGNITUDES[token]
            section, digit = 0, None
        elif token == "亿":
            total = (total + section + (digit or 0)) * CN_LARGE_MAGNITUDES[token]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


@lru_cache(maxsize=1024)
def parse_whole_number(numeral: str) -> int | None:
    """Value of a whole number written in Arabic digits (half- or full-width) or in
    Chinese, as a list marker or an ordinal writes it; None when it is not one.

    A Chinese numeral of value zero is None (一、 numbers from one); Arabic 0 is 0.

    >>> [parse_whole_number(n) for n in ("三", "十", "十一", "二十", "二十三", "一百零一", "12", "１２", "零")]
    [3, 10, 11, 20, 23, 101, 12, 12, None]
    """
    if numeral.isdecimal():
        return int(numeral)
    value = parse_chinese(numeral)
    if value is None or value != int(value):
        return None
    return int(value) or None
