"""``speechkit fill``: a redacted speech with its slots filled."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

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
    from ..extract.metrics.template import fill_file, read_slot_values

    # The filled text is written exactly as the template was: front matter, newlines, final newline or not.
    emit(fill_file(path, read_slot_values(values)), output, end_with_newline=False)
