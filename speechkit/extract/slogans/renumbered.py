"""Known numbered formulations with another numeral (四位一体 after 五位一体, 九通一平).

A numbered formulation is a template whose numeral counts what the speaker lists: 五位一体
and 三位一体, 七通一平 and 三通一平, 五级书记抓乡村振兴 and 四级书记抓脱贫攻坚 share their
words and differ in the count. Every numbered entry of the lexicon (its canonical form) whose words after the
numeral are long enough to be its own (位一体, 通一平, 个务必: three characters or more)
is looked for with any numeral from 两 to 十九, so that a count the lexicon does not list
is found too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..matcher import PhraseMatcher

if TYPE_CHECKING:
    from .lexicon import Lexicon

# The numerals a template is tried with: 两/二 … 十, 十一 … 十九 (一 opens too many words).
_UNITS = "二三四五六七八九"
COUNTS = ("两", *_UNITS, "十", *(f"十{digit}" for digit in "一" + _UNITS))
_LEADING_NUMERAL = re.compile("[一二两三四五六七八九十]+")
# Words after the numeral this long are the template's own (位一体); shorter (农, 风) could
# be anything counted.
MIN_TEMPLATE = 3


def find_renumbered(text: str, lexicon: Lexicon, start: int = 0, end: int | None = None):
    """Yield ``(start, end)`` of a numbered lexicon entry written with another numeral.

    Parameters
    ----------
    text : str
    lexicon : Lexicon
        Its numbered entries are the templates.
    start, end : int
        The part of ``text`` searched.

    Examples
    --------
    >>> from speechkit.extract.slogans.lexicon import load_lexicon
    >>> text = "统筹推进四位一体总体布局，实现九通一平，落实五位一体"
    >>> [text[s:e] for s, e in find_renumbered(text, load_lexicon())]
    ['四位一体', '九通一平']
    """
    matcher = _renumbered_matcher(lexicon)
    if matcher is not None:
        yield from matcher.spans(text, start, end)


@lru_cache(maxsize=8)
def _renumbered_matcher(lexicon: Lexicon) -> PhraseMatcher | None:
    known = {form for entry in lexicon.entries for form in entry.forms}
    phrases = set()
    for entry in lexicon.entries:
        if entry.kind != "numbered":
            continue
        numeral = _LEADING_NUMERAL.match(entry.canonical)
        template = entry.canonical[numeral.end() :] if numeral else ""
        if len(template) >= MIN_TEMPLATE:
            phrases.update(count + template for count in COUNTS)
    phrases -= known
    return PhraseMatcher(sorted(phrases)) if phrases else None
