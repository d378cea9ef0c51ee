"""Formulation lists: known 提法 with their variants, kind and a one-line gloss.

A list is a tab-separated table with the header ``canonical  variants  kind  gloss``
and, optionally, ``not_after``; ``variants`` are ``|``-separated other spellings and
``not_after`` the characters that, right before a match, make it part of another
phrase (新发展理念 inside 创新发展理念 is not counted).

Two lists are bundled, each replaceable by a researcher's file of the same shape:

- the lexicon (``speechkit/data/formulations.tsv``, :func:`load_lexicon`): the
  formulations slogan extraction knows, ``kind`` ``numbered``, ``slogan`` or ``parallel``;
- the core formulations (核心提法; ``speechkit/data/core_formulations.tsv``,
  :func:`load_core_formulations`): entries flagged ``core``, counted as text in every
  speech (:mod:`speechkit.extract.phrases`), ``kind`` the list's own (theory, goal,
  numbered, policy, strategy, task).

Both are read by :func:`read_lexicon` and matched by :class:`Lexicon`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ...errors import SpeechkitError
from ...resource_files import read_table
from ...resources import load_data_file
from ..matcher import PhraseMatcher, phrase_key
from .numbered import NUMERALS, has_numbered_shape

KINDS = ("numbered", "slogan", "parallel")
COLUMNS = ("canonical", "variants", "kind", "gloss")
OPTIONAL_COLUMNS = ("not_after",)
CORE_LIST = "core_formulations.tsv"
LIST_SEPARATOR = "、"
# Where a numbered compound's next part begins: a numeral after a word (两不愁|三保障).
_NUMBERED_PARTS = re.compile(f"(?<=[^{NUMERALS}])(?=[{NUMERALS}])")


@dataclass(frozen=True, slots=True)
class Formulation:
    """One entry of a formulation list; ``core`` marks an entry of the core list."""

    canonical: str
    variants: tuple[str, ...]
    kind: str
    gloss: str
    not_after: str = ""
    core: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The canonical form and its variants."""
        return (self.canonical, *self.variants)


class Lexicon:
    """Known formulations, looked up by any of their spellings.

    Spellings are compared without clause separators, so “不敢腐、不能腐、不想腐” and
    “不敢腐，不能腐，不想腐” are the same entry.

    Parameters
    ----------
    entries : iterable of Formulation
        When two entries share a spelling, the first one keeps it.
    """

    def __init__(self, entries: Iterable[Formulation]):
        self.entries: tuple[Formulation, ...] = tuple(entries)
        self._by_key: dict[str, Formulation] = {}
        for entry in self.entries:
            for form in entry.forms:
                self._by_key.setdefault(phrase_key(form), entry)
        self.matcher = PhraseMatcher(spelling for entry in self.entries for spelling in _spellings(entry))
        self._guarded = any(entry.not_after for entry in self.entries)
        self._last: tuple[str, tuple] | None = None  # the last whole text searched and its matches

    def __len__(self) -> int:
        return len(self.entries)

    def texts(self) -> list[str]:
        """The canonical forms, in list order."""
        return [entry.canonical for entry in self.entries]

    def __contains__(self, text: str) -> bool:
        return phrase_key(text) in self._by_key

    def get(self, text: str) -> Formulation | None:
        """The entry one of whose spellings is ``text`` (separators ignored), or None."""
        return self._by_key.get(phrase_key(text))

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int, Formulation], ...]:
        """``(start, end, entry)`` of each known formulation in ``text[start:end]``, but
        for a match right after one of its entry's ``not_after`` characters.

        The matches in the last whole text searched are kept: a speech's slogans and the
        quotes and formulations its metrics leave out both ask for them.
        """
        whole = start == 0 and end is None
        last = self._last
        if whole and last is not None and last[0] is text:
            return last[1]
        found = tuple((s, e, self._by_key[phrase_key(text[s:e])]) for s, e in self.matcher.spans(text, start, end))
        if self._guarded:
            found = tuple(match for match in found if not (match[0] and text[match[0] - 1] in match[2].not_after))
        if whole:
            self._last = (text, found)
        return found


def _spellings(entry: Formulation) -> tuple[str, ...]:
    """The forms of an entry, and a numbered compound's form written as a list of its
    numbered parts (两不愁三保障 → 两不愁、三保障; 一个中心两个基本点 → 一个中心、两个基本点)."""
    if entry.kind != "numbered":
        return entry.forms
    listed = []
    for form in entry.forms:
        parts = _NUMBERED_PARTS.split(form)
        if len(parts) > 1 and all(has_numbered_shape(part) for part in parts):
            listed.append(LIST_SEPARATOR.join(parts))
    return (*entry.forms, *listed)


def read_lexicon(path: str | Path, *, core: bool = False) -> Lexicon:
    """Read a formulation list (see the module docstring).

    Parameters
    ----------
    path : str or Path
    core : bool
        The file is a core list: its entries are flagged ``core`` and their kind is
        the list's own word; otherwise the kind is one of :data:`KINDS`.

    Raises
    ------
    SpeechkitError
        When the file is missing, not UTF-8, lacks the header, or a row is malformed.
    """
    what = "core formulation list" if core else "formulation lexicon"
    entries = []
    for number, (canonical, variants, kind, gloss, not_after) in read_table(path, COLUMNS, optional=OPTIONAL_COLUMNS,
                                                                             what=what):
        if not canonical or not kind:
            raise SpeechkitError(f"{path}: line {number} needs a formulation and a kind")
        if not core and kind not in KINDS:
            raise SpeechkitError(f"{path}: line {number}: kind {kind!r} is not one of {', '.join(KINDS)}")
        forms = tuple(v.strip() for v in variants.split("|") if v.strip())
        entries.append(Formulation(canonical, forms, kind, gloss, not_after, core))
    return Lexicon(entries)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the bundled one), read once per process.

    Parameters
    ----------
    path : str or Path, optional
        A TSV file with the header ``canonical  variants  kind  gloss``.

    Returns
    -------
    Lexicon
    """
    return load_data_file(read_lexicon, path, "formulations.tsv", "formulation lexicon")


def read_core_list(path: str | Path) -> Lexicon:
    """Read a core formulation list: :func:`read_lexicon` with ``core=True``."""
    return read_lexicon(path, core=True)


def load_core_formulations(path: str | Path | None = None) -> Lexicon:
    """The core list at ``path`` (default: the bundled one), read once per process and file version."""
    return load_data_file(read_core_list, path, CORE_LIST, "core formulation list")
