"""``speechkit slogans``: the formulations of a speech, or slogan × year for a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import (
    Format,
    FormatOption,
    OutputOption,
    emit,
    emit_rows,
    read_speeches,
    to_json,
    to_text_table,
)
from .options import Segmentation, WhereOption, segmentation_options

KindOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--kind",
        "-k",
        help="Keep only this kind: quoted, numbered, parallel, document, redacted (repeatable or comma-separated).",
    ),
]


@app.command()
@segmentation_options(lexicon=True)
def slogans(
    path: Annotated[Path, typer.Argument(help="A speech file (.txt, .md, .docx) or a folder of speeches.")],
    kind: KindOption = None,
    fmt: FormatOption = Format.text,
    output: OutputOption = None,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """List slogans and formulations (提法): quoted, numbered, parallel, documents, redacted.

    For a folder: the slogan × year table with first and last year, and the slogans
    new and dropped each year.
    """
    from ..extract.slogans.lexicon import load_lexicon
    from ..extract.slogans.slogans import check_kinds

    kinds = check_kinds(_split(kind)) if kind else None
    options = {"lexicon": load_lexicon(segmentation.lexicon), "tokenizer": segmentation.tokenizer()}
    if path.is_dir():
        _emit_timeline(read_speeches(path, where), kinds, options, fmt, output)
        return
    from ..extract.slogans.slogans import extract_slogans
    from ..render.tables import SLOGAN_COLUMNS

    found = extract_slogans(read_speeches(path, where)[0], kinds=kinds, **options)
    rows = [s.to_dict() for s in found]
    if fmt is Format.text:
        emit(_slogans_text(rows), output)
    else:
        emit_rows(rows, fmt, output, SLOGAN_COLUMNS)


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _slogans_text(rows: list[dict]) -> str:
    """One line per slogan, grouped by kind: count, text and what explains it."""
    lines = []
    for kind in ("numbered", "quoted", "parallel", "document", "redacted"):
        for row in (r for r in rows if r["kind"] == kind):
            extra = row["template"] or row["subkind"] or ""
            if row["contexts"]:
                extra = " ".join(row["contexts"])
            lines.append(f"{kind}\t{row['count']}\t{row['text']}\t{extra}")
    return "\n".join(lines) if lines else "(no slogans found)"


def _emit_timeline(corpus, kinds, options, fmt: Format, output) -> None:
    from ..analysis.by_group.slogans import (
        new_and_dropped,
        slogan_timeline,
        timeline_rows,
    )
    from ..errors import SpeechkitError

    if not corpus.years():
        raise SpeechkitError(f"{corpus.root or 'corpus'}: no speech has a year (add a metadata.csv or years in file names)")
    table = slogan_timeline(corpus, kind=kinds, **options)
    rows = timeline_rows(table)
    changes = new_and_dropped(table)
    if fmt is Format.json:
        emit(to_json({"timeline": rows, "new_and_dropped": {str(y): c for y, c in changes.items()}}), output)
    elif fmt is Format.csv:
        emit_rows(rows, fmt, output, list(rows[0]) if rows else ["slogan"])
    else:
        summary = [f"{year}\tnew: {'、'.join(c['new']) or '-'}\n{year}\tdropped: {'、'.join(c['dropped']) or '-'}" for year, c in changes.items()]
        emit(to_text_table(rows) + "\n\n" + "\n".join(summary), output)
