"""``speechkit fill``: a redacted speech with its slots filled."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SpeechkitError
from . import app
from .common import emit
from .options import Segmentation, segmentation_options


@app.command()
@segmentation_options
def fill(
    path: Annotated[Path, typer.Argument(help="A redacted speech file.")],
    values: Annotated[Path, typer.Argument(help="CSV with the columns slot and value (from placeholders --template).")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the filled text here.")] = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Put values back into the slots of a redacted speech.

    Slots are found in the characters of the text, without segmentation; the
    segmentation options are accepted (and their files checked) like everywhere.
    """
    from ..extract.metrics.template import fill as fill_slots
    from ..extract.metrics.template import read_slot_values
    from ..ingest.read import read_speech

    if values.is_dir():
        raise SpeechkitError(f"{values}: is a folder; give the CSV of slot values (from placeholders --template)")
    speech = read_speech(path)
    # The filled text is written exactly as the template was, final newline or not.
    emit(fill_slots(speech, read_slot_values(values)), output, end_with_newline=False)
