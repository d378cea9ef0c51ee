"""Numbers as written in Chinese official texts: Arabic, Chinese numerals and mixed forms.

A share is written 四分之一 (0.25). Arabic numbers may use full-width digits (１２), a full-width point (５．２) and ASCII
thousands separators (1,244). Chinese numerals are read positionally (三千五百, 一千八百,
二十三, 一亿二千万, 三点五) or digit by digit when they carry no 十/百/千 (二〇三五).
Magnitude words after a number (1.2万, 5000多万) are handled with the unit, so that
``1244万人`` keeps the value and unit as written.

Every pattern here is a bounded character class or a fixed word: matching is linear.
"""

from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_LARGE = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_LARGE)
CN_ZEROS = frozenset("零〇○")
MAGNITUDES = frozenset(_CN_LARGE)

ARABIC = r"[0-9\uff10-\uff19]+(?:,[0-9]{3}(?![0-9]))*(?:[.\uff0e][0-9\uff10-\uff19]+)?"
CHINESE = rf"[{CN_NUMERAL_CHARS}]+(?:点[零〇○一二三四五六七八九]+)?"
# 百分之五 / 千分之三: the fraction word is the unit.
FRACTION = rf"(?P<fraction>[百千]分之)(?P<fraction_number>{ARABIC}|{CHINESE})"
# 1万6千, 1亿3千多万: Chinese magnitudes inside an Arabic number.
MIXED_TAIL = re.compile(r"(?:[万亿](?:[0-9\uff10-\uff19]+|[一二三四五六七八九两])[千百])+")
# 2×35万千瓦: a count of identical units written before the number.
TIMES = r"(?:(?P<times>[0-9]{1,3})[×✕])"

# 四分之一, 三分之二: a share written as a fraction (after 百分之/千分之, which are units).
SHARE = rf"(?P<share_of>{CHINESE})分之(?P<share>{CHINESE})"

NUMBER = re.compile(rf"{FRACTION}|{SHARE}|{TIMES}?(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE})")

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def parse_arabic(text: str) -> float:
    """Value of an Arabic number with optional full-width digits and separators.

    >>> parse_arabic("1,244"), parse_arabic("５．２")
    (1244.0, 5.2)
    """
    return float(text.translate(_FULLWIDTH).replace(",", ""))


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral, or None when it is not a well-formed number.

    >>> [parse_chinese(t) for t in ("三千五百", "一千八百", "二十三", "十五", "一百零一", "两千")]
    [3500.0, 1800.0, 23.0, 15.0, 101.0, 2000.0]
    >>> parse_chinese("一亿二千万"), parse_chinese("二〇三五"), parse_chinese("三点五")
    (120000000.0, 2035.0, 3.5)
    >>> parse_chinese("二二十") is None
    True
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


_MIXED_TOKEN = re.compile(r"[0-9\uff10-\uff19]+(?:[.\uff0e][0-9\uff10-\uff19]+)?|.")


def _positional(tokens: list) -> float | None:
    """Value of digits (numbers) and magnitude characters read positionally (三千五百)."""
    total = section = 0.0
    digit: float | None = None
    for i, token in enumerate(tokens):
        if not isinstance(token, str):
            if digit not in (None, 0) and token != 0:
                return None  # two digits in a row inside a positional numeral
            digit = token
        elif token in _CN_SMALL:
            if digit is None and i > 0:
                return None  # 千千: a magnitude with no digit, not at the start
            section += (1 if digit is None else digit) * _CN_SMALL[token]
            digit = None
        elif token == "万":
            total += (section + (digit or 0)) * _CN_LARGE[token]
            section, digit = 0, None
        elif token == "亿":
            total = (total + section + (digit or 0)) * _CN_LARGE[token]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def is_year(text: str, number: str) -> bool:
    """True when ``number`` written before ``text`` reads as a calendar year.

    A year is four Arabic digits from 1000 to 2999, or four Chinese digits written one
    by one (二〇二〇), followed by 年 or by a range dash to another year.
    """
    if not text.startswith(("年", "—", "-", "－", "～", "~", "至")):
        return False
    plain = number.translate(_FULLWIDTH)
    if plain.isdigit():
        return len(plain) == 4 and 1000 <= int(plain) <= 2999
    return len(number) == 4 and all(ch in CN_DIGITS for ch in number)
