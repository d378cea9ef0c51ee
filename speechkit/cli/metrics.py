"""``speechkit metrics``, ``speechkit placeholders`` and ``speechkit fill``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .common import Format, FormatOption, OutputOption, emit, emit_rows, load_corpus, require_speeches, to_csv, to_json

PathArgument = Annotated[Path, typer.Argument(help="A speech file (.txt, .md, .docx) or a folder of them.")]
METRIC_COLUMNS = ["indicator", "value", "raw", "unit", "qualifier", "change", "placeholder", "start", "end", "period", "role", "link"]
PLACEHOLDER_COLUMNS = ["text", "kind", "start", "end", "context"]
SLOT_COLUMNS = ["slot", "kind", "text", "indicator", "unit", "context", "value"]


def _speeches(path: Path):
    """The speeches of a file or folder, and whether a folder was given."""
    corpus = load_corpus(path)
    require_speeches(corpus, path)
    return list(corpus), path.is_dir()


def _emit_per_speech(records_of, speeches, many: bool, fmt: Format, output, columns) -> None:
    """Write per-speech records: a plain list for one file, tagged by speech for a folder."""
    if not many:
        rows = [r.to_dict() for r in records_of(speeches[0])]
        emit_rows(rows, fmt, output, columns)
        return
    per_speech = [(s, [r.to_dict() for r in records_of(s)]) for s in speeches]
    rows = [{"speech": s.id, "year": s.year, **row} for s, records in per_speech for row in records]
    payload = [{"speech": s.id, "year": s.year, "records": records} for s, records in per_speech]
    emit_rows(rows, fmt, output, ["speech", "year", *columns], json_data=payload)


@app.command()
def metrics(
    path: PathArgument,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    by_year: Annotated[bool, typer.Option("--by-year", help="The indicator × year table of a folder.")] = False,
    targets: Annotated[bool, typer.Option("--targets", help="With --by-year: show targets as rows of their own.")] = False,
) -> None:
    """Every number with its indicator, unit, change and period (redacted ones too)."""
    from ..extract.metrics.metrics import extract_metrics

    speeches, many = _speeches(path)
    if not by_year:
        _emit_per_speech(extract_metrics, speeches, many, fmt, output, METRIC_COLUMNS)
        return
    from ..analysis.by_group.metrics import indicator_table

    frame = indicator_table(speeches, include_targets=targets)
    if fmt is Format.json:
        rows = [
            {"indicator": name, "unit": unit, "values": {str(y): v for y, v in row.items() if v is not None}}
            for (name, unit), row in frame.iterrows()
        ]
        emit(to_json(rows), output)
    elif fmt is Format.csv:
        emit(frame.to_csv(), output)
    else:
        emit(frame.to_string(na_rep="") if len(frame) else "no indicators", output)


@app.command()
def placeholders(
    path: PathArgument,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    template: Annotated[
        bool, typer.Option("--template", help="Numbered slots with indicator and unit, ready to fill (CSV: add values).")
    ] = False,
) -> None:
    """Every redaction mark (*, **, ×, XX, ○○, □□ …) with its kind: number, name, slogan or date."""
    from ..extract.metrics.placeholders import extract_placeholders
    from ..extract.metrics.template import template_slots

    speeches, many = _speeches(path)
    if not template:
        _emit_per_speech(extract_placeholders, speeches, many, fmt, output, PLACEHOLDER_COLUMNS)
        return
    if many:
        raise SpeechkitError(f"{path}: --template works on one speech file, not a folder")
    rows = [{**slot.to_dict(), "value": ""} for slot in template_slots(speeches[0])]
    if fmt is Format.json:
        emit(to_json(rows), output)
    elif fmt is Format.csv:
        emit(to_csv(rows, SLOT_COLUMNS), output)
    else:
        emit_rows(rows, fmt, output, SLOT_COLUMNS)


@app.command()
def fill(
    path: Annotated[Path, typer.Argument(help="A redacted speech file.")],
    values: Annotated[Path, typer.Argument(help="CSV with the columns slot and value (from placeholders --template).")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the filled text here.")] = None,
) -> None:
    """Put values back into the slots of a redacted speech."""
    from ..extract.metrics.template import fill as fill_slots
    from ..extract.metrics.template import read_slot_values
    from ..ingest.read import read_speech

    speech = read_speech(path)
    # The filled text is written exactly as the template was, final newline or not.
    emit(fill_slots(speech, read_slot_values(values)), output, end_with_newline=False)
