"""The template view of a redacted speech: the slots a writer fills, and ``fill``.

Each placeholder is a numbered slot (1, 2, … in text order) with its kind, its
context and, for a number, the indicator and unit it belongs to. ``fill`` puts
values back: a mapping (or a CSV file with ``slot`` and ``value`` columns) from slot
number to text. Slots without a value stay as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...errors import SpeechkitError
from ...model import Record
from .metrics import extract_metrics
from .placeholders import extract_placeholders


@dataclass(slots=True)
class Slot(Record):
    """One place to fill: a placeholder with its number and what it stands for."""

    slot: int
    text: str
    kind: str
    start: int
    end: int
    context: str
    indicator: str | None = None
    unit: str | None = None


def template_slots(speech) -> list[Slot]:
    """The slots of a speech in text order, numbered from 1.

    A ``number`` slot carries the indicator and unit of the metric it redacts
    (规上工业总产值, 亿元).
    """
    placeholders = extract_placeholders(speech)
    metrics = {m.start: m for m in extract_metrics(speech, placeholders=placeholders) if m.placeholder}
    slots = []
    for number, placeholder in enumerate(placeholders, start=1):
        metric = metrics.get(placeholder.start)
        slots.append(
            Slot(
                number,
                placeholder.text,
                placeholder.kind,
                placeholder.start,
                placeholder.end,
                placeholder.context,
                metric.indicator if metric else None,
                metric.unit if metric else None,
            )
        )
    return slots


def fill(speech, values: Mapping) -> str:
    """The text of ``speech`` with slot values put in place of their placeholders.

    Parameters
    ----------
    speech : Speech
    values : mapping of slot number (int or digit string) to text
        Slots not in the mapping keep their placeholder.

    Raises
    ------
    SpeechkitError
        When a key is not the number of a slot.
    """
    slots = template_slots(speech)
    chosen: dict[int, str] = {}
    for key, value in values.items():
        number = _slot_number(key)
        if not 1 <= number <= len(slots):
            raise SpeechkitError(f"slot {key!r} does not exist: the speech has {len(slots)} slots")
        chosen[number] = str(value)
    pieces, position = [], 0
    text = speech.text
    for slot in slots:
        if slot.slot in chosen:
            pieces += [text[position : slot.start], chosen[slot.slot]]
            position = slot.end
    pieces.append(text[position:])
    return "".join(pieces)


def read_slot_values(path: str | Path) -> dict[int, str]:
    """Slot values from a CSV or tab-separated file with ``slot`` and ``value`` columns
    (what ``speechkit placeholders --template`` writes, in either format); blank values
    are skipped.

    Raises
    ------
    SpeechkitError
        When the file is missing, lacks a column, or names a slot twice or not as a number.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = handle.readline()
            handle.seek(0)
            # The template's text form is tab-separated, its CSV form comma-separated.
            delimiter = "\t" if "\t" in header else ","
            rows = list(csv.DictReader(handle, delimiter=delimiter))
            columns = rows[0].keys() if rows else []
    except FileNotFoundError:
        raise SpeechkitError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise SpeechkitError(f"{path}: not UTF-8 text") from None
    if rows and not {"slot", "value"} <= set(columns):
        raise SpeechkitError(f"{path}: needs the columns slot and value")
    values: dict[int, str] = {}
    for line, row in enumerate(rows, start=2):
        value = row.get("value")
        if value is None or not value.strip():
            continue
        try:
            number = _slot_number(row["slot"])
        except SpeechkitError:
            raise SpeechkitError(f"{path}: line {line}: slot {row['slot']!r} is not a number") from None
        if number in values:
            raise SpeechkitError(f"{path}: line {line}: slot {number} is given twice")
        values[number] = value.strip()
    return values


def _slot_number(key) -> int:
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    text = str(key).strip()
    if not (text.isascii() and text.isdigit()):
        raise SpeechkitError(f"slot {key!r} is not a number")
    return int(text)
