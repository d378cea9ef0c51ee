"""Numbers as written in Chinese official texts, found in running text: Arabic, Chinese
numerals and mixed forms (their values: :mod:`speechkit.numerals`).

A share is written 四分之一 (0.25). Magnitude words after a number (1.2万, 5000多万) are handled with the unit, so that
``1244万人`` keeps the value and unit as written.

Every pattern here is a bounded character class or a fixed word: matching is linear.
"""

from __future__ import annotations

import re

from ...chars import DIGITS
from ...numerals import CN_DIGITS, CN_LARGE_MAGNITUDES, CN_SMALL_MAGNITUDES, ascii_digits

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_MAGNITUDES) + "".join(CN_LARGE_MAGNITUDES)
CN_ZEROS = frozenset("零〇○")
MAGNITUDES = frozenset(CN_LARGE_MAGNITUDES)

ARABIC = rf"[{DIGITS}]+(?:,[0-9]{{3}}(?![0-9]))*(?:[.\uff0e][{DIGITS}]+)?"
CHINESE = rf"[{CN_NUMERAL_CHARS}]+(?:点[零〇○一二三四五六七八九]+)?"
# 百分之五 / 千分之三: the fraction word is the unit.
FRACTION = rf"(?P<fraction>[百千]分之)(?P<fraction_number>{ARABIC}|{CHINESE})"
# 1万6千, 1亿3千多万: Chinese magnitudes inside an Arabic number.
MIXED_TAIL = re.compile(rf"(?:[万亿](?:[{DIGITS}]+|[一二三四五六七八九两])[千百])+")
# 2×35万千瓦: a count of identical units written before the number.
TIMES = r"(?:(?P<times>[0-9]{1,3})[×✕])"

# 四分之一, 三分之二: a share written as a fraction (after 百分之/千分之, which are units).
SHARE = rf"(?P<share_of>{CHINESE})分之(?P<share>{CHINESE})"

NUMBER = re.compile(rf"{FRACTION}|{SHARE}|{TIMES}?(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE})")


def is_year(text: str, number: str) -> bool:
    """True when ``number`` written before ``text`` reads as a calendar year.

    A year is four Arabic digits from 1000 to 2999, or four Chinese digits written one
    by one (二〇二〇), followed by 年 or by a range dash to another year.
    """
    if not text.startswith(("年", "—", "-", "－", "～", "~", "至")):
        return False
    plain = ascii_digits(number)
    if plain.isdigit():
        return len(plain) == 4 and 1000 <= int(plain) <= 2999
    return len(number) == 4 and all(ch in CN_DIGITS for ch in number)


def numeral_before_magnitude(written: str) -> str:
    """The numeral of a Chinese number without the magnitude words at its end that
    multiply all of it: 一千三百万 → 一千三百 (before 万人, the unit), 十四亿 → 十四.

    A magnitude smaller than one written inside multiplies only the part after that one,
    so the number is kept whole: 十亿四千万 is 10亿 + 4000万, not (十亿四千)万.

    >>> numeral_before_magnitude("一千三百万"), numeral_before_magnitude("十亿四千万")
    ('一千三百', '十亿四千万')
    """
    numeral = written.rstrip("".join(MAGNITUDES))
    trailing = written[len(numeral) :]
    inside = [CN_LARGE_MAGNITUDES[ch] for ch in numeral if ch in MAGNITUDES]
    if trailing and inside and max(inside) > CN_LARGE_MAGNITUDES[trailing[0]]:
        return written
    return numeral
