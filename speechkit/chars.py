"""Character classes of the text speechkit reads, written once.

The ``*`` constants are bodies of a regular-expression character class (put them
inside ``[...]``); the functions test one character or a text without a regex.

A Han character is any ideograph of the Basic Multilingual Plane: CJK Unified
Ideographs, Extension A and the compatibility ideographs (which PDF text and old
encodings leave in). The segmenter alone uses a narrower range,
:data:`SEGMENTER_HAN`: the one jieba (Python and Rust) treats as Chinese, so that
the pieces it is given are the pieces its dictionary was made for.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Every Han ideograph of the Basic Multilingual Plane."""

SEGMENTER_HAN = "\u4e00-\u9fd5"
"""The characters jieba segments as Chinese (its ``re_han_default``)."""

FULLWIDTH_DIGITS = "\uff10-\uff19"
"""Full-width Arabic digits (０-９)."""

DIGITS = f"0-9{FULLWIDTH_DIGITS}"
"""Arabic digits, half- and full-width."""

FULLWIDTH_LETTERS = "\uff21-\uff3a\uff41-\uff5a"
"""Full-width Latin letters (Ａ-Ｚ, ａ-ｚ)."""

FULLWIDTH_FORMS = "\uff00-\uffef"
"""The Halfwidth and Fullwidth Forms block (full-width digits, letters and punctuation)."""

CJK_BLOCKS = "\u3000-\u9fff"
"""CJK punctuation, kana, bopomofo and the Han blocks up to the end of the Unified Ideographs."""

IDEOGRAPHIC_SPACE = "\u3000"
"""The full-width space of Chinese typesetting."""

_HAN_CHAR = re.compile(f"[{HAN}]")


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han ideograph (see :data:`HAN`).

    Examples
    --------
    >>> is_han("政"), is_han("㐀"), is_han("，"), is_han("a")
    (True, True, False, False)
    """
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"


def is_segmenter_han(char: str) -> bool:
    """Whether the segmenter treats ``char`` as Chinese (see :data:`SEGMENTER_HAN`)."""
    return "\u4e00" <= char <= "\u9fd5"


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han ideograph."""
    return _HAN_CHAR.search(text) is not None


def han_count(text: str) -> int:
    """How many Han ideographs ``text`` holds."""
    return len(_HAN_CHAR.findall(text))
