"""The formulation lexicon: known 提法 with their variants, kind and a one-line gloss.

The bundled file ``speechkit/data/formulations.tsv`` is a tab-separated table with
the header ``canonical  variants  kind  gloss``; ``variants`` are ``|``-separated
other spellings, ``kind`` is ``numbered``, ``slogan`` or ``parallel``. Researchers can
pass their own file of the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import SpeechkitError
from ...ingest.resources import load_data_file
from ...resource_files import read_table
from ..matcher import PhraseMatcher, phrase_key

KINDS = ("numbered", "slogan", "parallel")
_HEADER = ["canonical", "variants", "kind", "gloss"]


@dataclass(frozen=True, slots=True)
class Formulation:
    """One lexicon entry."""

    canonical: str
    variants: tuple[str, ...]
    kind: str
    gloss: str

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

    def __init__(self, entries):
        self.entries: tuple[Formulation, ...] = tuple(entries)
        self._by_key: dict[str, Formulation] = {}
        for entry in self.entries:
            for form in entry.forms:
                self._by_key.setdefault(phrase_key(form), entry)
        self.matcher = PhraseMatcher(form for entry in self.entries for form in entry.forms)
        self._last: tuple[str, tuple] | None = None  # the last whole text searched and its matches

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, text: str) -> bool:
        return phrase_key(text) in self._by_key

    def get(self, text: str) -> Formulation | None:
        """The entry one of whose spellings is ``text`` (separators ignored), or None."""
        return self._by_key.get(phrase_key(text))

    def find(self, text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int, Formulation], ...]:
        """``(start, end, entry)`` of each known formulation in ``text[start:end]``.

        The matches in the last whole text searched are kept: a speech's slogans and the
        quotes and formulations its metrics leave out both ask for them.
        """
        whole = start == 0 and end is None
        last = self._last
        if whole and last is not None and last[0] is text:
            return last[1]
        found = tuple((s, e, self._by_key[phrase_key(text[s:e])]) for s, e in self.matcher.spans(text, start, end))
        if whole:
            self._last = (text, found)
        return found


def read_lexicon(path: str | Path) -> Lexicon:
    """Read a formulation table (see the module docstring).

    Raises
    ------
    SpeechkitError
        When the file is missing, not UTF-8, lacks the header, or a row is malformed.
    """
    entries = []
    for number, (canonical, variants, kind, gloss) in read_table(path, _HEADER, what="formulation lexicon", exact=True):
        if not canonical:
            raise SpeechkitError(f"{path}: line {number}: the first cell (the formulation) is empty")
        if kind not in KINDS:
            raise SpeechkitError(f"{path}: line {number}: kind {kind!r} is not one of {', '.join(KINDS)}")
        forms = tuple(v.strip() for v in variants.split("|") if v.strip())
        entries.append(Formulation(canonical, forms, kind, gloss))
    return Lexicon(entries)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The lexicon at ``path`` (default: the bundled one), read once per process."""
    return load_data_file(read_lexicon, path, "formulations.tsv", "formulation lexicon")
