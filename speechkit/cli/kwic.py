"""``speechkit kwic``: keyword in context."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import (
    Format,
    FormatOption,
    OutputOption,
    PathArgument,
    emit_rows,
    frame_records,
    read_speeches,
)
from .options import Segmentation, WhereOption, segmentation_options


@app.command()
@segmentation_options
def kwic(
    path: PathArgument,
    query: Annotated[str, typer.Argument(help="The term, text (a slogan, say) or, with --regex, pattern to find.")],
    window: Annotated[int, typer.Option("--window", "-w", min=0, help="Characters of context on each side.")] = 20,
    regex: Annotated[bool, typer.Option("--regex", help="QUERY is a regular expression.")] = False,
    term: Annotated[bool, typer.Option("--term", help="Only whole tokens: 园区 does not match inside 园区经济.")] = False,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Keyword in context: every occurrence with its speech, year, section and context."""
    from ..analysis.kwic import COLUMNS
    from ..analysis.kwic import kwic as find

    tokenizer = segmentation.tokenizer() if term else None
    rows = frame_records(find(read_speeches(path, where), query, window=window, regex=regex, term=term, tokenizer=tokenizer))
    if fmt is Format.text:
        # One hit a line: line breaks inside the context would break the table.
        rows = [{**r, "left": r["left"].replace("\n", " "), "right": r["right"].replace("\n", " ")} for r in rows]
    emit_rows(rows, fmt, output, COLUMNS)
    if fmt is Format.text:
        typer.echo(f"{len(rows)} hit(s)", err=True)
