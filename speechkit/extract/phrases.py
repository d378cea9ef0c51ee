"""Phrases counted as text: requested terms and the core formulations (核心提法).

A tokenizer splits 新常态 or 供给侧结构性改革 into pieces, so counting tokens finds
them zero times; these functions count the characters as written instead, in one
linear pass (:class:`speechkit.extract.matcher.PhraseMatcher`: leftmost-longest,
non-overlapping matches).

The core formulations are a curated list (bundled ``speechkit/data/core_formulations.tsv``,
or a researcher's file of the same shape; see its header): each has other spellings,
a kind (theory, goal, numbered, policy, strategy, task), a gloss, and the characters
that, right before a match, make it part of another phrase (新发展理念 inside
创新发展理念 is not counted). Found in a speech they become Slogan records of kind
``core`` (``subkind`` is the list's kind), which feed the slogan timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..ingest.resources import load_data_file
from ..resource_files import read_table
from ..model import Slogan
from .matcher import PhraseMatcher, phrase_key

if TYPE_CHECKING:
    from ..speech import Speech

CORE_KIND = "core"
_HEADER = ["formulation", "variants", "kind", "gloss", "not_after"]


@dataclass(frozen=True, slots=True)
class CoreFormulation:
    """One entry of the core list."""

    text: str
    variants: tuple[str, ...]
    kind: str
    gloss: str
    not_after: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        """The formulation and its other spellings."""
        return (self.text, *self.variants)


class CoreFormulations:
    """The core list, matched as text.

    Parameters
    ----------
    entries : iterable of CoreFormulation
        When two entries share a spelling, the first keeps it.
    """

    def __init__(self, entries: Iterable[CoreFormulation]):
        self.entries: tuple[CoreFormulation, ...] = tuple(entries)
        self._by_key: dict[str, CoreFormulation] = {}
        for entry in self.entries:
            for form in entry.forms:
                self._by_key.setdefault(phrase_key(form), entry)
        self.matcher = PhraseMatcher(form for entry in self.entries for form in entry.forms)

    def __len__(self) -> int:
        return len(self.entries)

    def texts(self) -> list[str]:
        """The formulations, in list order."""
        return [entry.text for entry in self.entries]

    def find(self, text: str) -> Iterator[tuple[int, int, CoreFormulation]]:
        """Yield ``(start, end, entry)`` of each occurrence, skipping those that
        continue another phrase (a ``not_after`` character right before)."""
        for start, end in self.matcher.spans(text):
            entry = self._by_key[phrase_key(text[start:end])]
            if start and text[start - 1] in entry.not_after:
                continue
            yield start, end, entry


def read_core_formulations(path: str | Path) -> CoreFormulations:
    """Read a core-formulation table (see the module docstring).

    Raises
    ------
    SpeechkitError
        When the file is missing, not UTF-8, lacks the header, or a row has no formulation.
    """
    entries = []
    for number, (text, variants, kind, gloss, not_after) in read_table(path, _HEADER, what="core formulation list"):
        if not text or not kind:
            raise SpeechkitError(f"{path}: line {number} needs a formulation and a kind")
        forms = tuple(v.strip() for v in variants.split("|") if v.strip())
        entries.append(CoreFormulation(text, forms, kind, gloss, not_after))
    return CoreFormulations(entries)


def load_core_formulations(path: str | Path | None = None) -> CoreFormulations:
    """The core list at ``path`` (default: the bundled one), read once per process and file version."""
    return load_data_file(read_core_formulations, path, "core_formulations.tsv", "core formulation list")


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


def core_formulation_slogans(speech: Speech, core: CoreFormulations | None = None) -> list[Slogan]:
    """The core formulations a speech says, as Slogan records of kind ``core``.

    Parameters
    ----------
    speech : Speech
    core : CoreFormulations, optional
        Default: the bundled list.

    Returns
    -------
    list of Slogan
        One per formulation found, in order of first occurrence; ``spans`` point into
        the text, ``variants`` are the other spellings used, ``subkind`` and ``gloss``
        come from the list.
    """
    core = core if core is not None else load_core_formulations()
    found: dict[str, Slogan] = {}
    for start, end, entry in core.find(speech.text):
        slogan = found.get(entry.text)
        if slogan is None:
            slogan = found[entry.text] = Slogan(entry.text, CORE_KIND, 0, [], subkind=entry.kind, gloss=entry.gloss)
        slogan.count += 1
        slogan.spans.append([start, end])
        written = speech.text[start:end]
        if written != entry.text and written not in slogan.variants:
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
