"""The fund an amount of money is written before (20.3亿元以旧换新补贴, 中央149.2亿元乡村振兴
补助资金, 下达8.5亿元就业补助资金): the noun phrase right after the amount that ends in a
noun of funds names what the amount measures, whatever the clause said before it."""

from __future__ import annotations

from .indicators import DOWN, UP
from .words import tag_words

# Nouns of funds: what an amount of money may be, written after it. 投资 is left out: after an
# amount it opens a project's name as often as it ends a fund's (10亿元投资项目).
_FUND_HEADS = frozenset({"资金", "补贴", "补助", "补助金", "基金", "贷款", "债券", "专项债", "国债", "经费", "奖补", "资本"})
# The few words of a fund's name: the name is short and read within this many characters.
_LONGEST = 14
_MOST_WORDS = 5
# Words that may name a fund: nouns, verbal nouns and the verbs of a compound (就业补助资金),
# idioms and abbreviations (以旧换新补贴), distinguishing words (专项资金).
_NAMING_TAGS = ("n", "v", "l", "i", "j", "b", "a", "eng")
_QUOTES = frozenset("“”‘’")
_CHANGES = frozenset({*UP, *DOWN})
# Verbs that say what the money does (…亿元实施产业奖补, …亿元撬动贷款): the words after them
# are its purpose, not its name.
_PURPOSES = frozenset({"用于", "实施", "支持", "投向", "撬动", "带动", "拉动"})


def fund_named_after(text: str, start: int, end: int) -> str | None:
    """The name of the fund written at ``text[start:end]`` right after an amount of money,
    or None.

    The name is a few words of a naming part of speech ending in a noun of funds that no
    other noun follows (补贴政策 names a policy), with no change word inside (撬动“桂惠贷”新增贷款
    measures the loans leveraged, not the amount before them) and no verb of purpose
    (…亿元实施产业奖补到户: what the money does).
    """
    window = text[start : min(end, start + _LONGEST)]
    tokens = tag_words(window)
    words, tags = list(tokens.texts), list(tokens.tags)
    for i, (word, tag) in enumerate(zip(words[:_MOST_WORDS], tags)):
        if _ends_in_fund(word) and (i > 0 or word not in _FUND_HEADS):
            if i + 1 < len(words) and _ends_in_fund(words[i + 1]):
                continue  # 补助|资金: the name goes on to the last noun of funds
            following = tags[i + 1] if i + 1 < len(tags) else ""
            if following.startswith("n") or (i + 1 == len(tags) and start + len(window) < end):
                return None  # 补贴政策; or the window cut the name short
            return "".join(words[: i + 1])
        if word in _CHANGES or word in _PURPOSES or not (word in _QUOTES or tag.startswith(_NAMING_TAGS)):
            return None
    return None


def _ends_in_fund(word: str) -> bool:
    return any(word.endswith(head) for head in _FUND_HEADS)
