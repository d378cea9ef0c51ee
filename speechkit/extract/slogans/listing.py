"""A numeral that sums up the items listed right before it (A、B和C三大工程).

"防范化解重大风险、精准脱贫、污染防治三大攻坚战" names three items and then the
formulation that holds them; "“强城”“兴村”“融合”三篇文章" does the same with quoted
items. :func:`listed_before` counts the items of such a list, so that a numeral equal to
their number can be read as naming them, whatever its head noun.
"""

from __future__ import annotations

import re

DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Marks that end the clause holding a list (the list starts after the last of them).
_CLAUSE_ENDS = frozenset("，,。；;：:！？!?\n（(）)《》“”")
# Words that join the last two items of a list.
_JOINERS = re.compile("[和与及]")
_ITEM_SEPARATORS = "、"
_LONGEST_QUOTED_ITEM = 12
_SHORTEST_ITEM = 2
# Verbs that put something on an honour list or a ranking (入选全国十大考古新发现, 入选《科学》
# 年度十大突破): what the numeral counts there are the list's places, not a programme.
HONOUR_VERBS = ("入选", "入围", "评为", "获评", "荣获", "当选", "跻身")
# Scopes of a ranking right before its count (成为全国十大样板, 国内十大考古新闻, 世界三大赛):
# the places of a list drawn up over the whole country or the world, or over a year.
RANKING_SCOPES = ("全国", "国内", "全球", "世界", "年度")
# Marks that end a sentence's clause; quotes and titles stay inside it.
_SENTENCE_CLAUSE_ENDS = frozenset("，,。；;：:！？!?\n")


def numeral_value(numeral: str) -> int | None:
    """The value of a numeral of one or two characters (两 2, 十 10, 十二 12, 二十 20).

    >>> numeral_value("两"), numeral_value("十"), numeral_value("十二"), numeral_value("二十")
    (2, 10, 12, 20)
    """
    if len(numeral) == 1:
        return 10 if numeral == "十" else DIGITS.get(numeral)
    if len(numeral) == 2 and numeral[0] == "十":
        return 10 + DIGITS[numeral[1]] if numeral[1] in DIGITS else None
    if len(numeral) == 2 and numeral[1] == "十":
        return 10 * DIGITS[numeral[0]] if numeral[0] in DIGITS else None
    return None


def listed_before(text: str, index: int) -> int:
    """How many items are listed right before ``text[index]``: quoted items in a row
    (“强城”“兴村”“融合”, “A”、“B”和“C”), else the items of the clause ending there,
    separated by 、 with 和/与/及 before the last (A、B和C); 0 when there is no list.

    >>> listed_before("推进“强城”“兴村”“融合”三篇文章", 14)
    3
    >>> listed_before("履行党的纪律检查和政府行政监察两项职能", 16)
    2
    >>> listed_before("全面实施四大专项行动", 4)
    0
    """
    quoted = quoted_before(text, index)
    return quoted if quoted else _clause_items(text, index)


def quoted_before(text: str, index: int) -> int:
    """How many quoted items stand in a row right before ``text[index]`` (“A”“B”, “A”、“B”)."""
    count, at = 0, index
    while at > 0 and text[at - 1] == "”":
        opener = text.rfind("“", max(0, at - 2 - _LONGEST_QUOTED_ITEM), at - 1)
        if opener < 0:
            break
        count, at = count + 1, opener
        if at > 0 and (text[at - 1] in _ITEM_SEPARATORS or _JOINERS.fullmatch(text[at - 1])):
            at -= 1
    return count


def _clause_items(text: str, index: int) -> int:
    start = index
    while start > 0 and text[start - 1] not in _CLAUSE_ENDS:
        start -= 1
    items = text[start:index].split(_ITEM_SEPARATORS)
    joined = _JOINERS.split(items[-1])
    if len(joined) > 2:
        return 0  # 和 twice in the last item: not a list's last join
    items[-1:] = joined
    if len(items) < 2 or any(len(item) < _SHORTEST_ITEM for item in items):
        return 0
    return len(items)


def on_an_honour_list(text: str, index: int) -> bool:
    """True when the clause ending at ``text[index]`` puts something on an honour list or a
    ranking (:data:`HONOUR_VERBS`), quotes and titles included, or when a ranking's scope
    stands right before ``index`` (:data:`RANKING_SCOPES`).

    >>> on_an_honour_list("遗址入选“全国十大考古新发现”", 8), on_an_honour_list("深入实施十大工程", 4)
    (True, False)
    >>> on_an_honour_list("试点成为全国十大样板", 6)
    True
    """
    if text.endswith(RANKING_SCOPES, 0, index):
        return True
    start = index
    while start > 0 and text[start - 1] not in _SENTENCE_CLAUSE_ENDS:
        start -= 1
    return any(verb in text[start:index] for verb in HONOUR_VERBS)
