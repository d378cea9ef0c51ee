"""Redacted versions of real documents, made the way redactors do, with their gold.

A redactor hides numbers before a unit (the number and its ``%``), quoted slogans
(“*”), names of persons, places and organisations, and the day or month of dates, and
writes one redaction mark (or a doubled one) in their place. :func:`redact` does the same
to an unredacted document, deterministically for a given ``seed``, and returns the
redacted text and the gold: each placeholder's ``start``, ``end``, ``text`` and ``kind``
(``number``, ``name``, ``slogan``, ``date``: the contract of
``speechkit.extract.metrics.placeholders``).

The parameters are measured on the seed (../shared/data/seed/industrial-park-2022.txt,
6,853 characters) with ``extract_placeholders``:

    86 runs: number 50, slogan 15, name 20, date 1; marks ``*`` 74, ``**`` 12
    number: 50 ``*``; slogan: 13 ``*``, 2 ``**``; name: 10 ``*``, 10 ``**``; date: 1 ``*``

The seed writes only ASCII ``*``. The other mark families (``＊``, ``×``, ``X``, ``□``,
``○``) are those of redacted documents the extractor's docstring names; the seed gives no
share for them, so the seed's family is drawn for half of the documents and each other
family shares the rest equally. One document uses one family, as the seed does.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from speechkit import Token

# One placeholder per this many characters (seed: 6,853 / 86).
CHARS_PER_PLACEHOLDER = 80
# Share of each kind among the placeholders (seed: 50, 20, 15, 1 of 86).
KIND_SHARES = {"number": 50 / 86, "name": 20 / 86, "slogan": 15 / 86, "date": 1 / 86}
# Share of doubled marks per kind (seed: number 0 of 50, name 10 of 20, slogan 2 of 15, date 0 of 1).
DOUBLED_SHARES = {"number": 0.0, "name": 10 / 20, "slogan": 2 / 15, "date": 0.0}
# Mark families and their weights: the seed's ``*`` for half the documents (see the docstring).
MARK_FAMILIES = {"*": 0.5, "＊": 0.1, "×": 0.1, "X": 0.1, "□": 0.1, "○": 0.1}

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%?")
_DATE = re.compile(r"(?<![\d.年])(\d{1,2})(?=月|日)")
_QUOTED = re.compile(r"“([\u4e00-\u9fff\d]{2,12})”")
_ANY_QUOTED = re.compile(r"“([^“”\n]*)”")
_NAME_TAGS = ("nr", "ns", "nt", "nz")


@dataclass(frozen=True)
class GoldPlaceholder:
    """One placeholder the redactor wrote: its offsets in the redacted text, mark and kind."""

    start: int
    end: int
    text: str
    kind: str


def candidates(text: str, tokens: Sequence[Token]) -> dict[str, list[tuple[int, int]]]:
    """Spans of ``text`` a redactor may hide, per kind, in text order."""
    from speechkit.extract import default_units

    units = default_units()
    numbers = [m.span() for m in _NUMBER.finditer(text)
               if m.group().endswith("%") or units.match(text, m.end()) is not None]
    dates = [m.span(1) for m in _DATE.finditer(text)]
    slogans = [m.span(1) for m in _QUOTED.finditer(text)]
    names = [(t.start, t.end) for t in tokens if t.pos in _NAME_TAGS and len(t.text) >= 2]
    return {"number": numbers, "date": dates, "slogan": slogans, "name": names}


def redact(text: str, *, seed: int = 0, markdown: bool = False,
           tokens: Sequence[Token] | None = None) -> tuple[str, list[GoldPlaceholder]]:
    """A redacted version of ``text`` and the gold of its placeholders.

    Parameters
    ----------
    text : str
        An unredacted document.
    seed : int
        Chooses what is hidden and with which marks; the same seed gives the same output.
    markdown : bool
        The document is Markdown, where ``*`` is emphasis: the ASCII ``*`` family is not drawn.
    tokens : sequence of Token, optional
        The document's tokens (names are read from their tags); segmented here if absent.

    Returns
    -------
    tuple of (str, list of GoldPlaceholder)
        The redacted text and its placeholders in text order:
        ``redacted[g.start:g.end] == g.text`` for each.
    """
    if tokens is None:
        from speechkit import Tokenizer

        tokens = Tokenizer().tokenize(text)
    rng = random.Random(seed)
    families = {mark: weight for mark, weight in MARK_FAMILIES.items() if not (markdown and mark == "*")}
    family = rng.choices(list(families), weights=list(families.values()))[0]
    total = max(1, round(len(text) / CHARS_PER_PLACEHOLDER))
    chosen: list[tuple[int, int, str]] = []
    for kind, spans in candidates(text, tokens).items():
        want = min(len(spans), round(total * KIND_SHARES[kind]))
        chosen += [(a, b, kind) for a, b in rng.sample(spans, want)]
    spans = _apart(sorted(chosen))
    quoted = {i for a, b in (m.span(1) for m in _ANY_QUOTED.finditer(text)) for i in range(a, b)}
    pieces, gold, cursor, shift = [], [], 0, 0
    for start, end, hidden in spans:
        kind = _contract_kind(text, start, end, hidden, quoted)
        mark = family * (2 if rng.random() < DOUBLED_SHARES[hidden] else 1)
        pieces += [text[cursor:start], mark]
        new_start = start + shift
        gold.append(GoldPlaceholder(new_start, new_start + len(mark), mark, kind))
        shift += len(mark) - (end - start)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), gold


def _contract_kind(text: str, start: int, end: int, hidden: str, quoted: set[int]) -> str:
    """The kind the placeholder contract gives to what was hidden: a mark inside quotation
    marks is a ``slogan`` whatever it hides, a year (2022年) a ``date``."""
    if start in quoted:
        return "slogan"
    if hidden == "number" and end - start == 4 and text.startswith("年", end):
        return "date"
    return hidden


def _apart(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans that neither overlap nor touch: two hidden things side by side would make
    one run of marks, which no reader could split either."""
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] > kept[-1][1]:
            kept.append(span)
    return kept
