"""Phrases counted as text: requested terms and the core formulations (核心提法).

A tokenizer splits 新常态 or 供给侧结构性改革 into pieces, so counting tokens finds
them zero times; these functions count the characters as written instead, in one
linear pass (:class:`speechkit.extract.matcher.PhraseMatcher`: leftmost-longest,
non-overlapping matches).

The core formulations are the entries of the core list (a formulation list flagged
``core``: :func:`speechkit.extract.slogans.lexicon.load_core_formulations`). Found in a
speech they become Slogan records of kind ``core`` (``subkind`` is the list's kind),
which feed the slogan timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Slogan, Span
from .matcher import PhraseMatcher, phrase_key

if TYPE_CHECKING:
    from ..speech import Speech
    from .slogans.lexicon import Lexicon

CORE_KIND = "core"


def count_phrases(text: str, phrases: Sequence[str]) -> dict[str, int]:
    """How often each phrase occurs in ``text`` as written (zero included), in the given order.

    Matches do not overlap; where two requested phrases start at the same place the
    longer one is counted (经济新常态 and 新常态 requested: 经济新常态 counts once, 新常态 not).

    Examples
    --------
    >>> count_phrases("适应新常态，引领经济新常态", ["新常态", "供给侧改革"])
    {'新常态': 2, '供给侧改革': 0}
    """
    counts = dict.fromkeys(phrases, 0)
    keys = {phrase_key(p): p for p in reversed(phrases)}
    for start, end in _matcher(tuple(phrases)).spans(text):
        counts[keys[phrase_key(text[start:end])]] += 1
    return counts


@lru_cache(maxsize=8)
def _matcher(phrases: tuple[str, ...]) -> PhraseMatcher:
    # The same requested terms are counted in every speech of a run: compile once.
    return PhraseMatcher(phrases)


def term_counts(speech: Speech, terms: Sequence[str]) -> dict[str, int]:
    """Per-speech counts of requested terms (``--terms``), as text. See :func:`count_phrases`."""
    return count_phrases(speech.text, terms)


def core_formulation_slogans(speech: Speech, core: Lexicon | None = None) -> list[Slogan]:
    """The core formulations a speech says, as Slogan records of kind ``core``.

    Parameters
    ----------
    speech : Speech
    core : Lexicon, optional
        The core list (default: the bundled one).

    Returns
    -------
    list of Slogan
        One per formulation found, in order of first occurrence; ``spans`` point into
        the text, ``variants`` are the other spellings used, ``subkind`` and ``gloss``
        come from the list.
    """
    from .slogans.lexicon import load_core_formulations

    core = core if core is not None else load_core_formulations()
    found: dict[str, Slogan] = {}
    for start, end, entry in core.find(speech.text):
        slogan = found.get(entry.canonical)
        if slogan is None:
            slogan = found[entry.canonical] = Slogan(entry.canonical, CORE_KIND, 0, [], subkind=entry.kind, gloss=entry.gloss)
        slogan.count += 1
        slogan.spans.append(Span(start, end))
        written = speech.text[start:end]
        if written != entry.canonical and written not in slogan.variants:
            slogan.variants.append(written)
    return list(found.values())


def missing_terms(counts: Iterable[Mapping[str, int]], terms: Sequence[str]) -> list[str]:
    """The requested terms that no speech says, from the per-speech counts."""
    said = {term for per_speech in counts for term, count in per_speech.items() if count}
    return [term for term in terms if term not in said]


def missing_terms_warning(missing: Sequence[str]) -> str | None:
    """One line naming the requested terms found nowhere in the corpus (None if none).

    Examples
    --------
    >>> missing_terms_warning(["新质生产力"])
    'warning: --terms: 新质生产力 occurs in no document of the corpus (check the spelling)'
    """
    if not missing:
        return None
    verb = "occurs" if len(missing) == 1 else "occur"
    return f"warning: --terms: {', '.join(missing)} {verb} in no document of the corpus (check the spelling)"
