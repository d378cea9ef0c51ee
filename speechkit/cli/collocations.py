"""``speechkit collocations``: candidate dictionary entries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import (
    Format,
    FormatOption,
    OutputOption,
    PathArgument,
    emit_rows,
    read_speeches,
)
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options
def collocations(
    path: PathArgument,
    min_count: Annotated[int, typer.Option("--min-count", min=2, help="Minimum occurrences.")] = 3,
    min_pmi: Annotated[float, typer.Option("--min-pmi", help="Minimum PMI in bits.")] = 3.0,
    max_size: Annotated[int, typer.Option("--max-size", min=2, help="Longest run of tokens.")] = 3,
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="Show only the first N.")] = None,
    userdict_out: Annotated[
        Optional[Path], typer.Option("--userdict-out", help="Also write the candidates as a user dictionary for --userdict.")
    ] = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Phrases the segmentation splits but that recur together (营商 环境): candidate
    dictionary entries, by frequency and PMI."""
    from ..analysis.collocations import collocations as find
    from ..analysis.collocations import write_userdict

    found = find(read_speeches(path, where), max_size=max_size, min_count=min_count, min_pmi=min_pmi,
                 tokenizer=segmentation.tokenizer())
    found = found[:top] if top else found
    if userdict_out:
        write_userdict(found, userdict_out)
    rows = [c.to_dict() for c in found]
    if fmt is Format.text:
        rows = [{**r, "parts": " ".join(r["parts"])} for r in rows]
    emit_rows(rows, fmt, output, ["phrase", "parts", "count", "pmi"])
