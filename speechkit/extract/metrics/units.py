"""The unit table: units and counters, their kind and their factor to a base unit.

The bundled table ``speechkit/data/units.tsv`` (see its header) lists units as
written (亿元, 万人, 个百分点 …). A magnitude word before a listed unit (万亿斤, 亿人次)
composes with it when the composition is not listed itself. ``not_before`` holds the
characters that, right after a unit, make it part of another word: 人 before 民 is
人民, 项 before 目 is 项目. For a counter of things or people the bundled segmentation
decides, as it ends a word after the counter or not (500名|优秀教师 counts teachers,
5个|名优|产品 has no counter 名).

The measure words of ``speechkit/data/measure_words.tsv`` (量词 from a reference list,
see its header) are counters too, where the unit table does not list them; each also
gives its compound with 次 (架次, 艘次), a count of occurrences.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import SpeechkitError
from ...resource_files import read_table
from ...resources import data_path
from .words import word_ends_at

_HEADER = ["unit", "kind", "base", "factor", "not_before"]
# Units a magnitude word may not compose with (百万% is not a unit).
_NOT_COMPOSABLE = frozenset({"percent", "permille", "points", "multiple", "tenths", "age", "duration", "magnitude"})
_MAGNITUDE_PREFIXES = ("万亿", "千万", "百万", "亿", "万")
_MEASURE_HEADER = ["word", "kind", "not_before"]
# The verbal measure word that turns a counter into a count of occurrences (人次, 架次).
_OCCURRENCES = "次"
# Kinds of unit whose number counts things that may be named after it (*个项目, 3万人次).
COUNTED_KINDS = frozenset({"count", "people", "households", "organisations", "times", "person_times"})
# Kinds of counter that compose with 次.
_COUNTERS = frozenset({"count", "people", "households", "organisations"})


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: as written, its kind, base unit and factor (None where meaningless)."""

    text: str
    kind: str
    base: str | None
    factor: float | None
    not_before: str = ""

    @property
    def is_magnitude(self) -> bool:
        """True for a bare magnitude word (万, 亿): a number, not a unit."""
        return self.kind == "magnitude"


class UnitTable:
    """Units looked up by longest match at a position of a text.

    Parameters
    ----------
    units : iterable of Unit
    """

    def __init__(self, units):
        self.units: dict[str, Unit] = {unit.text: unit for unit in units}
        # Every spelling looked up: the listed units, then each composition of a magnitude
        # word (longest first) and a composable unit that is not listed itself.
        self._written = dict(self.units)
        for prefix in _MAGNITUDE_PREFIXES:
            magnitude = self.units[prefix].factor if prefix in self.units else None
            for base in self.units.values():
                if base.kind not in _NOT_COMPOSABLE:
                    factor = None if base.factor is None or magnitude is None else base.factor * magnitude
                    self._written.setdefault(prefix + base.text, Unit(prefix + base.text, base.kind, base.base, factor, base.not_before))
        # The lengths of the spellings opening with each character, longest first: most
        # positions start no unit (one lookup rules them out), and the others try only the
        # lengths some spelling has.
        lengths: dict[str, set[int]] = {}
        for written in self._written:
            lengths.setdefault(written[0], set()).add(len(written))
        self._lengths_by_first = {first: sorted(found, reverse=True) for first, found in lengths.items()}

    def get(self, text: str) -> Unit | None:
        """The unit written ``text``, listed or composed with a magnitude word."""
        return self._written.get(text)

    def match(self, text: str, pos: int) -> Unit | None:
        """The longest unit written at ``text[pos:]`` that is not part of a longer word."""
        lengths = self._lengths_by_first.get(text[pos]) if pos < len(text) else None
        if lengths is None:
            return None
        written = self._written
        for length in lengths:
            unit = written.get(text[pos : pos + length]) if pos + length <= len(text) else None
            if unit is None:
                continue
            after = pos + length
            if after < len(text) and text[after] in unit.not_before and not self._counter_ends_word(unit, text, after):
                continue
            return unit
        return None

    @staticmethod
    def _counter_ends_word(unit: Unit, text: str, after: int) -> bool:
        """True for a counter of things or people that the bundled segmentation ends as a
        word (500名|优秀教师, 10个|体育场馆; not 名优|产品, 人民). Other units keep their
        ``not_before`` as written: the segmenter does not know 三次产业 or 三年行动."""
        return unit.kind in _COUNTERS and word_ends_at(text, after)

    def to_base(self, value: float | None, unit: str | None) -> tuple[float | None, str | None]:
        """``value`` in ``unit`` converted to the unit's base (亿元 → 元), when meaningful."""
        found = self.get(unit) if unit else None
        if found is None or found.factor is None or found.base is None or value is None:
            return value, unit
        return value * found.factor, found.base


def read_units(path: str | Path, measure_words: str | Path | None = None) -> UnitTable:
    """Read a unit table (see the module docstring), with the measure words of
    ``measure_words`` (a file like ``measure_words.tsv``) where it does not list them.

    Raises
    ------
    SpeechkitError
        When the file is missing or a row is malformed.
    """
    units = []
    for _, (text, kind, base, factor, not_before) in read_table(path, _HEADER, what="unit table"):
        try:
            units.append(Unit(text, kind, base or None, float(factor) if factor else None, not_before))
        except ValueError:
            raise SpeechkitError(f"{path}: unit {text!r}: factor {factor!r} is not a number") from None
    if measure_words is not None:
        listed = {unit.text for unit in units}
        units += [unit for unit in read_measure_words(measure_words) if unit.text not in listed]
    return UnitTable(units)


def read_measure_words(path: str | Path) -> list[Unit]:
    """The counters of a measure-word file and their compounds with 次 (see the module docstring).

    Raises
    ------
    SpeechkitError
        When the header is not ``word kind not_before``.
    """
    counters: dict[str, Unit] = {}
    for _, (word, kind, not_before) in read_table(path, _MEASURE_HEADER, what="measure-word table"):
        counters[word] = Unit(word, kind, word, 1.0, not_before)
    after = counters[_OCCURRENCES].not_before if _OCCURRENCES in counters else ""
    for word, unit in list(counters.items()):
        if unit.kind in _COUNTERS and _OCCURRENCES not in unit.not_before:
            compound = word + _OCCURRENCES
            counters.setdefault(compound, Unit(compound, "times", compound, 1.0, after))
    return list(counters.values())


@lru_cache(maxsize=1)
def default_units() -> UnitTable:
    """The bundled unit table with the bundled measure words, read once per process."""
    return read_units(data_path("units.tsv"), data_path("measure_words.tsv"))
