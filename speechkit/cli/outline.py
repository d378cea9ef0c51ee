"""``speechkit outline``: the numbered structure of a speech, or of every speech of a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import (
    OutlineFormat,
    OutputOption,
    emit,
    printable,
    read_speeches,
    to_json,
    to_text_table,
)
from .options import Segmentation, WhereOption, segmentation_options

KeywordsOption = Annotated[
    int, typer.Option("--keywords", "-k", min=0, help="Top content words per section (0: none, no segmentation).")
]


@app.command()
@segmentation_options
def outline(
    path: Annotated[Path, typer.Argument(help="A speech file (.txt, .md, .docx) or a folder of speeches.")],
    fmt: Annotated[
        OutlineFormat,
        typer.Option("--format", "-f", help="text (an indented tree), json (the outline contract) or md (Markdown)."),
    ] = OutlineFormat.text,
    output: OutputOption = None,
    keywords: KeywordsOption = 5,
    where: WhereOption = None,
    *,
    segmentation: Segmentation,
) -> None:
    """Show the outline: sections (一、/（一）/1./（1）), inline lists (一是…), warnings.

    For a folder: the outline of every speech, then sections per level and their size by year.
    """
    tokenizer = segmentation.tokenizer() if keywords else None
    if path.is_dir():
        emit(_render_folder(read_speeches(path, where), fmt, keywords, tokenizer), output)
        return
    speech = read_speeches(path, where)[0]
    result = _outline(speech, keywords, tokenizer)
    emit(_render_one(result, fmt), output)


def _outline(speech, keywords: int, tokenizer):
    from ..extract.outline.structure import extract_outline

    tokens = tokenizer.tokenize(speech.text) if tokenizer is not None else None
    return extract_outline(speech, keywords=keywords, tokens=tokens)


def _render_one(result, fmt: OutlineFormat) -> str:
    from ..render.outline_text import outline_to_markdown, outline_to_text

    if fmt is OutlineFormat.json:
        return to_json(result.to_dict())
    if fmt is OutlineFormat.md:
        return outline_to_markdown(result)
    return printable(outline_to_text(result), keep_lines=True)


def _render_folder(corpus, fmt: OutlineFormat, keywords: int, tokenizer) -> str:
    from ..analysis.by_group.structure import structure_by_year

    outlines = [_outline(speech, keywords, tokenizer) for speech in corpus]
    table = structure_by_year(corpus, outlines=outlines)
    rows = json.loads(table.to_json(orient="records", force_ascii=False))  # NA -> null
    if fmt is OutlineFormat.json:
        speeches = [
            {"id": s.id, "file": s.file, "year": s.year, "title": s.title, "outline": o.to_dict()}
            for s, o in zip(corpus, outlines)
        ]
        skipped = [s.to_dict() for s in corpus.skipped]
        return to_json({"speeches": speeches, "structure_by_year": rows, "skipped": skipped})
    if fmt is OutlineFormat.md:
        parts = [f"<!-- {s.id} -->\n{_render_one(o, fmt)}" for s, o in zip(corpus, outlines)]
        parts.append("# Structure by year\n\n" + _markdown_table(rows, list(table.columns)))
        return "\n\n".join(parts)
    parts = [f"== {printable(s.id)} ({s.year if s.year is not None else 'no year'})\n{_render_one(o, fmt)}" for s, o in zip(corpus, outlines)]
    parts.append("== structure by year\n" + to_text_table(rows, list(table.columns)))
    return "\n\n".join(parts)


def _markdown_table(rows: list[dict], columns: list[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join("" if row[c] is None else str(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)
