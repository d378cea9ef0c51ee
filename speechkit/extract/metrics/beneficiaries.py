"""Counts of those a measure reached: the verb of reach is part of what is counted
(惠及经营主体10.4万户 → 惠及经营主体, 600多万户企业受益 → 受益企业), since the things alone
(经营主体, 企业) are not what the figure measures: how many of them benefited is."""

from __future__ import annotations

from .indicators import QUALIFIERS

# Verbs whose object is those reached (惠及群众, 覆盖人口, 带动企业) and the verb said after
# them (企业受益).
_REACHING = ("惠及", "覆盖", "带动")
_BENEFITED = "受益"
# Words written between the verb and the count: qualifiers and aspect (惠及超10万户, 惠及了).
_BETWEEN = frozenset({*QUALIFIERS, "了", "共", "累计", "达", "约"})
_GAP = 4


def benefit_named(text: str, thing: str, start: int, after_start: int) -> str | None:
    """The name of a count of ``thing`` written at ``start`` (its unit ending at
    ``after_start``) when a verb of reach takes the thing: the verb and the thing, or None.

    The thing may be written before the number (惠及经营主体10.4万户) or after it (惠及10.4万户
    经营主体, 600多万户企业受益)."""
    if text.startswith(thing, after_start):
        if text.startswith(_BENEFITED, after_start + len(thing)):
            return _BENEFITED + thing  # 600多万户|企业|受益
        before = text[max(0, start - len(_REACHING[0]) - _GAP) : start]
        verb = next((v for v in _REACHING if _ends_with_verb_and_between(before, v)), None)
        return verb + thing if verb else None  # 惠及|10.4万户|经营主体
    written = text.rfind(thing, max(0, start - len(thing) - _GAP), start)
    if written < 0 or _between(text[written + len(thing) : start]) is None:
        return None
    verb = next((v for v in _REACHING if text.endswith(v, 0, written)), None)
    return verb + thing if verb else None  # 惠及|经营主体|10.4万户


def _ends_with_verb_and_between(before: str, verb: str) -> bool:
    at = before.rfind(verb)
    return at >= 0 and _between(before[at + len(verb) :]) is not None


def _between(gap: str) -> str | None:
    """``gap`` when it holds only qualifiers and aspect words (or nothing), else None."""
    rest = gap
    while rest:
        word = next((w for w in sorted(_BETWEEN, key=len, reverse=True) if rest.startswith(w)), None)
        if word is None:
            return None
        rest = rest[len(word) :]
    return gap
