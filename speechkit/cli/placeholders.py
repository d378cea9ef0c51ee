"""``speechkit placeholders``: every redaction mark, or the numbered slots of a template."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import SpeechkitError
from . import app
from .common import (
    Format,
    FormatOption,
    OutputOption,
    PathArgument,
    emit,
    emit_per_speech,
    emit_rows,
    read_speeches,
    to_csv,
    to_json,
)
from .options import Segmentation, WhereOption, segmentation_options

SLOT_COLUMNS = ["slot", "kind", "text", "indicator", "unit", "context", "value"]


@app.command()
@segmentation_options
def placeholders(
    path: PathArgument,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    template: Annotated[
        bool, typer.Option("--template", help="Numbered slots with indicator and unit, ready to fill (CSV: add values).")
    ] = False,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Every redaction mark (*, **, ×, XX, ○○, □□ …) with its kind: number, name, slogan or date.

    Marks are found in the characters of the text, without segmentation; the
    segmentation options are accepted (and their files checked) like everywhere.
    """
    from ..extract.metrics.placeholders import extract_placeholders
    from ..extract.metrics.template import template_slots
    from ..render.tables import PLACEHOLDER_COLUMNS

    if not template:
        emit_per_speech(extract_placeholders, path, fmt, output, PLACEHOLDER_COLUMNS, where=where)
        return
    if path.is_dir():
        raise SpeechkitError(f"{path}: --template works on one speech file, not a folder")
    rows = [{**slot.to_dict(), "value": ""} for slot in template_slots(read_speeches(path, where)[0])]
    if fmt is Format.json:
        emit(to_json(rows), output)
    elif fmt is Format.csv:
        emit(to_csv(rows, SLOT_COLUMNS), output)
    else:
        emit_rows(rows, fmt, output, SLOT_COLUMNS)
