"""The heads of numbered formulations: the last word of 四大专项行动, 两个维护, 四项基本原则.

A numeral with a counter names a formulation when what it counts is a doctrine, a
principle, a campaign or a programme, not a thing: 四个意识 but 四个县, 三大攻坚战 but
七大购物中心. The heads are read from the formulation lexicon itself (the last word of
every numbered entry written numeral + counter + head), so that a new formulation
with a known head (六个坚守 → 坚守; 五大振兴 → 振兴) is recognised without being
listed, and joined by small sets of heads of the same kind that no lexicon entry
ends with yet:

- :data:`PROGRAMME_HEADS`, the nouns that name a programme, a campaign or a planning
  unit (工程, 行动, 攻坚战, 都市圈), counted with 大 or 项;
- abstract nouns made with a suffix that turns a quality into a doctrine's word
  (积极性, 主动性: :data:`ABSTRACT_SUFFIXES`), counted with 个 or 种 too;
- lines not to be crossed, counted with 条 (两条底线: :data:`LINE_HEADS`);
- the abstract nouns of the reference inventory (:mod:`speechkit.extract.abstract_nouns`),
  generic ones aside, right after 大 with no list before the count (六大能力, 五大优势).

Heads counted with 个 or 种 come only from lexicon entries written with 个 or 种
(两个维护, 四种危险) and the abstract nouns, and must follow the counter at once: after
个 a generic noun, or a head with a modifier, is a count (四个方面, 两种错误思想).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..abstract_nouns import abstract_nouns

if TYPE_CHECKING:
    from ...segment import Tokenizer
    from .lexicon import Lexicon

# Nouns that name a programme, a campaign or a planning unit (四大专项行动, 十项重大工程,
# 三大都市圈): the heads numeral + 大/项 takes when unquoted.
PROGRAMME_HEADS = (
    "工程", "行动", "战略", "攻坚战", "战役", "任务", "产业", "集群", "体系", "板块", "平台",
    "机制", "理念", "支点", "高地", "改革", "计划", "通道", "基地", "突破", "差距",
    "动力", "作风", "法宝", "规律", "考验", "危险", "规定", "纪律", "原则", "保障",
    "定位", "支撑", "攻坚", "转型", "实事", "都市圈", "都市区", "城市群", "经济圈", "经济带", "增长极", "走廊",
)  # fmt: skip
# Lines that must be held or not crossed, counted with 条 (两条底线, 三条控制线); other
# things counted with 条 (roads, channels, measures) are counts.
LINE_HEADS = frozenset({"底线", "红线", "控制线", "主线", "生命线", "高压线"})
# Suffixes of abstract nouns (积极性, 价值观, 两点论): a count of them names a principle.
ABSTRACT_SUFFIXES = ("性", "观", "论")
# Generic nouns: what numeral + counter + one of them sums up is a count of points, parts
# or items of work (四个方面, 三项工作, 两个阶段), however the items before it are named.
GENERIC_HEADS = (
    "方面", "部分", "阶段", "层面", "维度", "工作", "内容", "事情", "事项", "问题", "指标",
    "费用", "项目", "环节", "领域", "要素", "功能", "结构", "要点", "建设", "举措", "措施",
)  # fmt: skip
NUMERAL_COUNTER = re.compile("[一二两三四五六七八九十百千万]+([个大项种])(.+)$")
# Tags of heads that are not words of a doctrine: numerals (两个一百年 → 一百年),
# particles and pronouns (七个有之, 四个自我).
_NOT_HEAD_TAGS = ("m", "u", "r")
_MIN_HEAD = 2


@dataclass(frozen=True, slots=True)
class FormulaHeads:
    """The heads numeral + 大/项 (``programme``) and numeral + 个/种 (``counted``) take."""

    programme: tuple[str, ...]
    counted: tuple[str, ...]
    abstract: frozenset[str] = frozenset()

    def ends_programme(self, phrase: str) -> bool:
        """True when ``phrase`` ends in a head counted with 大 or 项."""
        return phrase.endswith(self.programme) and not phrase.endswith(GENERIC_HEADS)

    def is_abstract(self, word: str) -> bool:
        """True when ``word`` is an abstract noun of the reference inventory but a generic
        one: what numeral + 大 counts there is no thing (六大能力, 五大优势; not 四个方面)."""
        return word in self.abstract and word not in GENERIC_HEADS

    def opens_word(self, word: str) -> str | None:
        """The head counted with 大 or 项 that ``word`` begins with before a generic noun
        (工程项目 → 工程; not 产业链), or None."""
        return next((head for head in self.programme if word.startswith(head) and word[len(head) :] in GENERIC_HEADS), None)

    def is_counted(self, word: str, counter: str = "个") -> bool:
        """True when ``word`` is a head counted with ``counter``: with 个 or 种 a lexicon
        head or an abstract noun, with 条 a line that must not be crossed (两条底线)."""
        if counter == "条":
            return word in LINE_HEADS
        return (word in self.counted or len(word) > 1 and word.endswith(ABSTRACT_SUFFIXES)) and word not in GENERIC_HEADS


def formula_heads(lexicon: Lexicon | None, tokenizer: Tokenizer) -> FormulaHeads:
    """The heads of :data:`PROGRAMME_HEADS` and those of the lexicon's numbered entries.

    Parameters
    ----------
    lexicon : Lexicon or None
        Its numbered entries give their heads; None: the fixed sets only.
    tokenizer : speechkit.segment.Tokenizer
        Cuts an entry's last word (四项基本原则 → 原则).

    Returns
    -------
    FormulaHeads
    """
    return _formula_heads(lexicon, tokenizer)


@lru_cache(maxsize=8)
def _formula_heads(lexicon, tokenizer) -> FormulaHeads:
    by_counter: dict[str, set[str]] = {"个": set(), "种": set(), "大": set(), "项": set()}
    for entry in lexicon.entries if lexicon is not None else ():
        if entry.kind != "numbered":
            continue
        for form in entry.forms:
            head = _lexicon_head(form, tokenizer)
            if head is not None:
                by_counter[head[0]].add(head[1])
    programme = (*PROGRAMME_HEADS, *sorted(by_counter["大"] | by_counter["项"]))
    counted = tuple(sorted(by_counter["个"] | by_counter["种"]))
    return FormulaHeads(tuple(dict.fromkeys(programme)), counted, abstract_nouns())


def _lexicon_head(form: str, tokenizer) -> tuple[str, str] | None:
    """``(counter, head)`` of a lexicon form written numeral + counter + words, or None."""
    match = NUMERAL_COUNTER.match(form)
    if match is None:
        return None
    last = tokenizer.tokenize(match.group(2))[-1]
    if len(last.text) < _MIN_HEAD or last.pos.startswith(_NOT_HEAD_TAGS) or last.text.endswith(GENERIC_HEADS):
        return None
    return match.group(1), last.text
