"""Unquoted numbered formulations by the shape of the words after the numeral.

A numeral with a counter names a formulation when what follows is a programme, a
doctrine or a demand, not a thing counted (see :func:`find_formula_phrases` and
:mod:`speechkit.extract.slogans.heads`): 四大专项行动, 两个维护, 两个确保, 两条底线, and
汽车、钢铁、化工三大产业 where the numeral sums up the items listed before it, as 双 does
the two things before it (货币政策和宏观审慎政策双支柱: :func:`find_paired_sums`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...chars import HAN
from ..scan import finditer
from .heads import ABSTRACT_SUFFIXES, GENERIC_HEADS, FormulaHeads, formula_heads
from .listing import listed_before, numeral_value, quoted_before
from .numbered import NUMERALS, PAIRED, QUANTITY_WORDS, UNITS, has_numbered_shape

if TYPE_CHECKING:
    from ...segment import Tokenizer

# Tags of the words a formula's phrase is made of: nouns, verbal nouns, abbreviations
# and adjectives (重大工程), not adverbs.
_PHRASE_TAGS = ("n", "vn", "j", "a")
# Verbs and distinguishing words modify a programme's head too (八大提升行动,
# 十大为民办实事工程, 十大国家级科技创新平台).
_MODIFIER_TAGS = frozenset({"v", "b"})
_HEAD_LENGTH = 10
_CLASSIFIER = "q"
# Tags of a noun right after an abstract noun, which then modifies it (三大生态|安全屏障).
_MODIFIED_TAGS = frozenset({"n", "an", "nz", "j"})
# What 个 counts when it names demands (两个确保, 四个更加注重, 八个不得): verbs, adverbs and
# adjectives, at most two words of at most four characters.
_DEMAND_TAGS = frozenset({"v", "d", "ad", "vd", "a"})
_DEMAND_WORDS, _DEMAND_LENGTH = 2, 4
# Words before a count that make it the subject of a clause (还有三个没有完成, 这两个都要):
# what it counts was named before.
_POINTING_BACK = ("有", "这", "那", "此", "该", "上述", "其中")
# The shortest and longest noun phrase a numeral summing up a list names without a known
# head (两项职能), and what may follow it: the end of the clause, or 的.
_MIN_SUMMED_HEAD, _SUMMED_HEAD = 2, 4
_NAME_TAGS = frozenset({"ns", "nt", "nr", "nrt"})
_PHRASE_ENDS = frozenset("，,。；;：:、）)！？!?的和与及\n")
_LONG_UNITS = tuple(unit for unit in UNITS if len(unit) > 1)
_UNIT_WINDOW = 4
# 双 after no numeral and no quote mark (those are read as numerals or quotes).
_PAIRED_CANDIDATE = re.compile(f"(?<![{NUMERALS}{PAIRED}“])({PAIRED})(?=[{HAN}])")
_FORMULA_CANDIDATE = re.compile(rf"(?<![一二两三四五六七八九十百千万第])([两二三四五六七八九十]{{1,2}})([{HAN}])(?=[{HAN}])")
# Tags of the word after a head counted with 个: a noun there makes the head a modifier or
# a verb with its object (两个维护党中央权威 is not the formulation's name).
_NOUN_TAGS = ("n", "vn", "j")


def find_formula_phrases(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None, *,
                         heads: FormulaHeads | None = None):
    """Yield ``(start, end)`` of unquoted numbered formulations by their shape.

    - numeral + 大/项 + a noun phrase ending in a programme head (四大专项行动), numeral
      + 大 + an abstract noun with no list before it (六大能力), or a noun phrase ending in
      any noun but a generic one when the numeral sums up as many items listed right
      before it (党的纪律检查和政府行政监察两项职能);
    - numeral + 个/种/条 + a head counted so (两个维护, 四种危险, 两个积极性, 两条底线),
      the head ending the noun phrase, or numeral + 个 + a short verb or adverb phrase
      ending the clause (两个确保);
    - numeral + a counter or measure word but 个/种 + a short noun phrase ending the
      clause when the numeral sums up as many quoted items right before it
      (“强城”“兴村”“融合”三篇文章).

    Each candidate costs the segmentation of a few characters: linear in the text.

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
    start, end : int
        The part of ``text`` searched.
    heads : FormulaHeads, optional
        The heads (:func:`speechkit.extract.slogans.heads.formula_heads`); default the
        fixed programme heads only.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "实施四大专项行动，建成七大购物中心"
    >>> [text[s:e] for s, e in find_formula_phrases(text, get_tokenizer())]
    ['四大专项行动']
    """
    end = len(text) if end is None else end
    heads = heads if heads is not None else formula_heads(None, tokenizer)
    for candidate in finditer(_FORMULA_CANDIDATE, text, start, end):
        if _quantity_after(text, candidate.end(), tokenizer):
            continue  # 两大类工程, 三项次: a classifier after the counter makes a quantity
        stop = min(end, candidate.end() + _HEAD_LENGTH)
        phrase_end = None
        if candidate.group(2) in "个种条":
            phrase_end = _counted_end(text, candidate, stop, tokenizer, heads)
        elif candidate.group(2) in "大项":
            phrase_end = _programme_end(text, candidate, stop, tokenizer, heads)
        if (phrase_end is None and candidate.group(2) not in "个种"  # a generic classifier after a list counts things
                and quoted_before(text, candidate.start()) == numeral_value(candidate.group(1))):
            phrase_end = _noun_run_end(text, candidate.end(), stop, tokenizer)
        if phrase_end is not None and has_numbered_shape(text[candidate.start() : phrase_end]):
            yield candidate.start(), phrase_end


def find_paired_sums(text: str, tokenizer: Tokenizer, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of unquoted formulations 双 + a noun summing up the two things
    named right before it (货币政策和宏观审慎政策双支柱, 济南、青岛…双枢纽), as 大 or 项 + a noun
    sums up a list: the segmenter cuts 双 as a word of its own and a noun after it, not a
    word of the dictionary made with 双 (双赢, 双重, 双向) nor a verb (双下降).

    Parameters
    ----------
    text : str
    tokenizer : speechkit.segment.Tokenizer
    start, end : int
        The part of ``text`` searched.

    Examples
    --------
    >>> from speechkit.segment import get_tokenizer
    >>> text = "健全货币政策和宏观审慎政策双支柱调控框架，实现环境改善与经济发展双赢"
    >>> [text[s:e] for s, e in find_paired_sums(text, get_tokenizer())]
    ['双支柱']
    """
    end = len(text) if end is None else end
    for candidate in finditer(_PAIRED_CANDIDATE, text, start, end):
        if listed_before(text, candidate.start()) != 2:
            continue
        words = tokenizer.tokenize(text[candidate.start() : min(end, candidate.start() + _HEAD_LENGTH)], candidate.start())
        if len(words) < 2 or words[0].text != PAIRED or words[1].pos in _NAME_TAGS:
            continue
        if words[1].pos.startswith(_NOUN_TAGS):
            yield candidate.start(), words[1].end


def _quantity_after(text: str, index: int, tokenizer) -> bool:
    """True when a unit or a classifier stands at ``index`` as a word of its own (两大|类,
    not 四大|支撑)."""
    if text.startswith(_LONG_UNITS, index):
        return True
    if text[index : index + 1] not in QUANTITY_WORDS:
        return False
    words = tokenizer.tokenize(text[index : index + _UNIT_WINDOW], index)
    return len(words[0].text) == 1


def _programme_end(text: str, candidate: re.Match, end: int, tokenizer, heads: FormulaHeads) -> int | None:
    """End of the run of noun words after numeral + 大/项 that ends in a programme head:
    the longest such run (四大专项行动), but the shortest when the numeral sums up the
    items listed before it, which the first head names (汽车、钢铁、化工三大产业|转型攻坚战),
    and else the whole run when the list is there without a head (两项职能). A numeral
    starts the next phrase (四大工程六大行动)."""
    start, ends, predicate = candidate.end(), [], False
    summing = listed_before(text, candidate.start()) == numeral_value(candidate.group(1))
    # an abstract noun is the head only right after 大, which makes the count a set of major
    # ones (六大能力, not 三大江河…水质; 项 counts items of it, 履行两项职能), and with no list
    # before it, whose items say what is summed up (就业和税收两大核心|关切)
    major = candidate.group(2) == "大" and not summing
    previous_tag = ""
    tokens = tokenizer.tokenize(text[start:end], start)
    for index, token in enumerate(tokens):
        if token.text[0] in NUMERALS:
            break
        phrase_word = token.pos.startswith(_PHRASE_TAGS) and token.pos != "ad" or token.pos in _MODIFIER_TAGS
        head = heads.ends_programme(text[start : token.end]) or major and index == 0 and heads.is_abstract(token.text) and not (
            index + 1 < len(tokens) and tokens[index + 1].pos in _MODIFIED_TAGS  # 生态|安全屏障: a modifier
        )
        if (phrase_word or token.pos == _CLASSIFIER) and head:
            ends.append(token.end)  # a head's end the segmenter takes for a classifier: 都市|圈
        elif phrase_word and (glued := heads.opens_word(token.text)):
            ends.append(token.start + len(glued))  # a head the segmenter glues to a noun: 工程|项目
        if not phrase_word or predicate and not head:
            break
        # A verb after a noun modifies a head right after it (科技|创新|平台); followed by
        # anything else it is the predicate (两大乳企|推进|全球化战略).
        predicate = token.pos == "v" and previous_tag.startswith(("n", "j"))
        previous_tag = token.pos
    if ends:
        return ends[0] if summing else ends[-1]
    return _noun_run_end(text, start, end, tokenizer) if summing else None


def _noun_run_end(text: str, start: int, end: int, tokenizer) -> int | None:
    """End of the short noun phrase at ``start`` (文章, 大文章) naming what a numeral
    sums up, or None."""
    run_end = None
    for token in tokenizer.tokenize(text[start:end], start):
        if token.pos in _NAME_TAGS:
            return None  # places, organisations (北京、上海两大城市): a count of them
        if not token.pos.startswith(_PHRASE_TAGS) or token.pos == "ad" or token.text[0] in NUMERALS:
            break
        run_end = token.end
    if run_end is None or not _MIN_SUMMED_HEAD <= run_end - start <= _SUMMED_HEAD:
        return None
    if text[start:run_end].endswith(GENERIC_HEADS) or text[run_end : run_end + 1] not in _PHRASE_ENDS:
        return None  # a phrase going on (两大核心关切, 两大乳企推进…) counts things it goes on about
    return run_end


def _counted_end(text: str, candidate: re.Match, end: int, tokenizer, heads: FormulaHeads) -> int | None:
    """End of the head after numeral + 个/种/条: a head counted so that ends the noun phrase
    (两个维护，两条底线; not 两个维护党中央权威), or after 个 a short verb or adverb phrase ending
    the clause (两个确保，四个更加注重): what 个 counts there is no thing but a demand."""
    tokens = tokenizer.tokenize(text[candidate.end() : end + 2], candidate.end())
    if not tokens:
        return None
    # an abstract modifier may stand before the head (两个根本性|转变, 三个历史性|转变)
    counter = candidate.group(2)
    modified = len(tokens) > 1 and tokens[0].text.endswith(ABSTRACT_SUFFIXES[0]) and heads.is_counted(tokens[1].text, counter)
    head = 1 if modified else 0
    if heads.is_counted(tokens[head].text, counter):
        if len(tokens) > head + 1 and tokens[head + 1].pos.startswith(_NOUN_TAGS):
            return None
        return tokens[head].end
    if counter != "个" or text.endswith(_POINTING_BACK, 0, candidate.start()):
        return None
    phrase_end = None
    for token in tokens[:_DEMAND_WORDS]:
        if token.pos not in _DEMAND_TAGS or token.end - candidate.end() > _DEMAND_LENGTH:
            break
        phrase_end = token.end
    if phrase_end is None or phrase_end - candidate.end() < _MIN_SUMMED_HEAD:
        return None
    return phrase_end if text[phrase_end : phrase_end + 1] in _PHRASE_ENDS else None
