"""The template view of a redacted speech: the slots a writer fills, and ``fill``.

Each placeholder is a numbered slot (1, 2, … in text order) with its kind, its
context and, for a number, the indicator and unit it belongs to. ``fill`` puts
values back: a mapping (or a CSV file with ``slot`` and ``value`` columns) from slot
number to text. Slots without a value stay as they are.
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import SpeechkitError
from ...ingest.decode import normalise_newlines, read_source_text
from ...ingest.read import speech_from_text
from ...model import Record
from ...names import readable_path
from ...resource_files import read_text_file
from .metrics import extract_metrics
from .placeholders import extract_placeholders

if TYPE_CHECKING:
    from ...speech import Speech


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


def template_slots(speech: Speech) -> list[Slot]:
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


def replacements(speech: Speech, values: Mapping) -> list[tuple[int, int, str]]:
    """``(start, end, value)`` in ``speech.text`` of every slot given a value, in text order.

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
    return [(slot.start, slot.end, chosen[slot.slot]) for slot in slots if slot.slot in chosen]


def _replace(text: str, spans: list[tuple[int, int, str]]) -> str:
    pieces, position = [], 0
    for start, end, value in spans:
        pieces += [text[position:start], value]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def fill(speech: Speech, values: Mapping) -> str:
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
    return _replace(speech.text, replacements(speech, values))


def _source_offsets(source: str):
    """Map an offset in the newline-normalised text to the same place in ``source``,
    where each CRLF is two characters (a lone CR stays one)."""
    collapsed = []  # normalised offset of each CRLF's newline
    for index, match in enumerate(re.finditer("\r\n", source)):
        collapsed.append(match.start() - index)
    return lambda offset: offset + bisect_left(collapsed, offset)


def fill_file(path: str | Path, values: Mapping) -> str:
    """The file's text with slot values in place, everything else as written.

    Unlike :func:`fill`, which works on the speech's text, this keeps the front
    matter and the file's own newlines (CRLF, CR or LF) character for character.

    Raises
    ------
    SpeechkitError
        When the file cannot be read or a key is not the number of a slot.
    """
    source = read_source_text(path)
    normalised = normalise_newlines(source)
    speech = speech_from_text(normalised, path)
    body_start = len(normalised) - len(speech.text)  # after the front matter
    to_source = _source_offsets(source)
    spans = [(to_source(body_start + start), to_source(body_start + end), value)
             for start, end, value in replacements(speech, values)]
    return _replace(source, spans)


def read_slot_values(path: str | Path) -> dict[int, str]:
    """Slot values from a CSV or tab-separated file with ``slot`` and ``value`` columns
    (what ``speechkit placeholders --template`` writes, in either format); blank values
    are skipped.

    Raises
    ------
    SpeechkitError
        When the file is missing, lacks a column, or names a slot twice or not as a number.
    """
    text = read_text_file(path, what="slot value file")
    header = text.partition("\n")[0]
    try:
        # The template's text form is tab-separated, its CSV form comma-separated.
        columns, records = _csv_records(io.StringIO(text, newline=""), delimiter="\t" if "\t" in header else ",")
    except csv.Error as exc:
        raise SpeechkitError(f"{readable_path(path)}: malformed CSV ({exc})") from None
    if records and not {"slot", "value"} <= set(columns):
        raise SpeechkitError(f"{readable_path(path)}: needs the columns slot and value")
    values: dict[int, str] = {}
    for line, row in records:
        value = row.get("value")
        if value is None or not value.strip():
            continue
        try:
            number = _slot_number(row["slot"])
        except SpeechkitError:
            raise SpeechkitError(f"{readable_path(path)}: line {line}: slot {row['slot']!r} is not a number") from None
        if number in values:
            raise SpeechkitError(f"{readable_path(path)}: line {line}: slot {number} is given twice")
        values[number] = value.strip()
    return values


def _csv_records(handle, delimiter: str = ",") -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each record with the line it starts on (a quoted field may span lines)."""
    reader = csv.reader(handle, delimiter=delimiter)
    header: list[str] | None = None
    records = []
    last_line = 0
    for row in reader:
        start, last_line = last_line + 1, reader.line_num
        if not row:
            continue
        if header is None:
            header = row
        else:
            records.append((start, dict(zip(header, row))))
    return header or [], records


def _slot_number(key) -> int:
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    text = str(key).strip()
    if not (text.isascii() and text.isdigit()):
        raise SpeechkitError(f"slot {key!r} is not a number")
    return int(text)
