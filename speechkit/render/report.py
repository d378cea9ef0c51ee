"""The HTML report: one self-contained folder (index.html, a page per speech, images).

Pages are rendered with jinja2 with autoescaping on, so text from the documents is
always shown as text. Every slogan, metric, placeholder and outline heading links to
the sentence it occurs in; the speech's full text is on its page with each sentence
anchored (``#s<n>``).
"""

from __future__ import annotations

import math
import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..names import readable
from ..text import SentenceIndex, iter_paragraphs, iter_sentences

TEMPLATES = Path(__file__).parent / "templates"


def environment():
    """The jinja2 environment of the report templates (autoescaping on)."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["number"] = format_cell
    return env


def format_number(value: float) -> str:
    """A number for people, never in exponent notation.

    Whole numbers (a year stored as 2013.0, 400000.0) lose the ``.0`` and, from five
    digits on, get thousands separators (400,000; a year stays 2013); other numbers
    keep four significant digits (12.35, 0.001234, 1234.6).

    Examples
    --------
    >>> [format_number(v) for v in (2013.0, 400000.0, 12.3456, 0.001234, 123456.78, -0.5, 9999.99)]
    ['2013', '400,000', '12.35', '0.001234', '123,457', '-0.5', '10000']
    """
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value.is_integer():
        whole = int(value)
        return f"{whole:,}" if abs(whole) >= 10_000 else str(whole)
    if abs(value) >= 10_000:
        return f"{value:,.0f}"
    decimals = min(max(0, 3 - math.floor(math.log10(abs(value)))), 10)
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


def format_cell(value: Any) -> Any:
    """A table cell for people: numbers by :func:`format_number`, blanks for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return format_number(value)
    try:
        import pandas as pd

        if value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return value


def table_data(frame, caption: str, csv: str = "", limit: int | None = 50, index: bool = False) -> dict:
    """A DataFrame as template data: caption, columns, formatted rows."""
    if index:
        frame = frame.reset_index()
    return {
        "caption": caption,
        "columns": [str(format_cell(c)) for c in frame.columns],
        "rows": [[format_cell(v) for v in row] for row in frame.itertuples(index=False, name=None)],
        "csv": csv,
        "limit": limit,
    }


class SentenceLocator(SentenceIndex):
    """The sentences of a text; calling it maps an offset to its sentence index."""

    def __init__(self, text: str):
        super().__init__(list(iter_sentences(text)))

    def __call__(self, offset: int) -> int:
        return self.index_at(offset)

    def paragraphs(self, text: str) -> list[list[tuple[int, str]]]:
        """Paragraphs as lists of ``(sentence index, sentence text)``."""
        grouped = []
        cursor = 0
        for paragraph in iter_paragraphs(text):
            row = []
            while cursor < len(self.sentences) and self.sentences[cursor].end <= paragraph.end:
                row.append((cursor, self.sentences[cursor].text))
                cursor += 1
            if row:
                grouped.append(row)
        return grouped


def annotate_outline(sections: list[dict], locate: SentenceLocator) -> list[dict]:
    """Outline sections (contract dicts) with the sentence index of each heading and item."""
    annotated = []
    for section in sections:
        annotated.append(
            {
                **section,
                "sentence": locate(section["start"]),
                "characters": section.get("characters", section["end"] - section["start"]),
                "share": section.get("share"),
                "items": [{**item, "sentence": locate(item["start"])} for item in section.get("items", [])],
                "children": annotate_outline(section.get("children", []), locate),
            }
        )
    return annotated


def speech_page(speech, sid: str, result: dict, keywords: list[tuple[str, dict]], images: list[dict]) -> dict:
    """Template data of one speech's page from its per-speech result."""
    locate = SentenceLocator(speech.text)
    outline = result.get("outline") or {"sections": [], "warnings": []}
    meta = speech.meta
    meta_rows = [
        (label, value)
        for label, value in (
            ("标题", meta.title),
            ("年份", meta.year),
            ("日期", meta.date),
            ("讲话人", meta.speaker),
            ("单位", meta.org),
            ("文件", readable(speech.path.name) if speech.path else None),
            ("字数", len(speech.text)),
            ("词数", result.get("words")),
            *sorted(meta.extra.items()),
        )
        if value not in (None, "")
    ]
    placeholders = result.get("placeholders", [])
    return {
        "id": sid,
        "title": meta.title,
        "meta": meta_rows,
        "outline": {
            "sections": annotate_outline(outline.get("sections", []), locate),
            "warnings": [{**w, "sentence": locate(w["start"])} for w in outline.get("warnings", [])],
        },
        # Most frequent formulations first: what a reader looks for on the page.
        "slogans": [
            {**s, "sentences": sorted({locate(span[0]) for span in s["spans"]})}
            for s in sorted(result.get("slogans", []), key=lambda s: (-s["count"], s["kind"], s["text"]))
        ],
        "metrics": [{**m, "sentence_index": locate(m["start"])} for m in result.get("metrics", [])],
        "placeholders": [{**p, "sentence_index": locate(p["start"])} for p in placeholders],
        "placeholder_kinds": sorted(Counter(p["kind"] for p in placeholders).items()),
        "keywords": keywords,
        "images": images,
        "themes": None,
        "paragraphs": locate.paragraphs(speech.text),
    }


def copy_images(images: list[dict], folder: Path, prefix: str) -> list[dict]:
    """Copy pictures into ``folder/img`` and point ``src`` at the copies (relative, URL-quoted,
    so a name holding ``#``, ``?`` or ``%`` still links to its file)."""
    target = folder / "img"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for image in images:
        source = Path(image["path"])
        if not source.exists():
            continue
        name = f"{prefix}{source.stem}{source.suffix}"
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / name)
        copied.append({"src": f"img/{quote(name)}", "caption": image["caption"]})
    return copied


def embed_font(folder: Path, pages: list[str]) -> Path:
    """Write ``fonts/cjk.otf``: the CJK font cut down to the characters the pages use,
    so the report shows Chinese on any machine without shipping the whole font."""
    from fontTools import subset

    from .fonts import resolve_font

    characters = set().union(*map(set, pages)) | {chr(c) for c in range(0x20, 0x7F)}
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(resolve_font()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    target = folder / "fonts" / "cjk.otf"
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    return target


def write_report(
    folder: Path,
    speeches: list[dict],
    skipped: list[dict],
    charts: list[dict],
    tables: list[dict],
    pages: list[dict],
    links: list[dict] = (),
) -> Path:
    """Write index.html, one page per speech, the stylesheet and the images.

    Parameters
    ----------
    folder : Path
        The report folder (created; existing files are overwritten).
    speeches : list of dict
        Rows of the overview table: id, title, year, speaker, characters, words, top_sections.
    skipped : list of dict
        Files not read: path, reason.
    charts : list of dict
        Corpus pictures: path, caption.
    tables : list of dict
        :func:`table_data` of each comparison table.
    pages : list of dict
        :func:`speech_page` data, with ``images`` as path/caption pairs.
    links : list of dict
        Further pages of the report (``href`` relative to the index, ``text``).

    Returns
    -------
    Path
        The index.html written.
    """
    from .._version import __version__

    folder.mkdir(parents=True, exist_ok=True)
    env = environment()
    shutil.copyfile(TEMPLATES / "style.css", folder / "style.css")
    rendered: dict[Path, str] = {}
    index = folder / "index.html"
    rendered[index] = (
        env.get_template("index.html").render(
            root="",
            version=__version__,
            speeches=speeches,
            skipped=skipped,
            charts=copy_images(charts, folder, "corpus-"),
            tables=tables,
            links=links,
        )
    )
    page_dir = folder / "speeches"
    page_dir.mkdir(exist_ok=True)
    template = env.get_template("speech.html")
    for page in pages:
        images = [{**i, "src": "../" + i["src"]} for i in copy_images(page["images"], folder, f"speeches/{page['id']}-")]
        rendered[page_dir / f"{page['id']}.html"] = template.render(
            root="../", version=__version__, s={**page, "images": images}
        )
    for path, html in rendered.items():
        path.write_text(html, encoding="utf-8")
    embed_font(folder, list(rendered.values()))
    return index
