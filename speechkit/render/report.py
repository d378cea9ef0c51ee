"""The HTML report: one self-contained folder (index.html, a page per speech, images).

Pages are rendered with jinja2 with autoescaping on, so text from the documents is
always shown as text. Every slogan, metric, placeholder and outline heading links to
the sentence it occurs in; the speech's full text is on its page with each sentence
anchored (``#s<n>``).
"""

from __future__ import annotations

import hashlib
import math
import shutil
from collections import Counter
from pathlib import Path
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..names import readable
from .labels import column_label
from .writers import writing
from ..text import SentenceIndex, iter_paragraphs, iter_sentences

if TYPE_CHECKING:
    from ..result import SpeechResult
    from ..speech import Speech

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
    return rows_data(list(frame.columns), frame.itertuples(index=False, name=None), caption, csv, limit)


def rows_data(columns: list, rows: Iterable[Sequence[Any]], caption: str, csv: str = "", limit: int | None = 50) -> dict:
    """Rows (in ``columns`` order) as template data, as :func:`table_data` makes of a frame;
    the columns are shown under their Chinese labels (:func:`~speechkit.render.labels.column_label`)."""
    return {
        "caption": caption,
        "columns": [column_label(format_cell(c)) for c in columns],
        "rows": [[format_cell(v) for v in row] for row in rows],
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


def speech_page(speech: Speech, sid: str, result: SpeechResult, keywords: list[tuple[str, dict]], images: list[dict],
                themes: dict | None = None) -> dict:
    """Template data of one speech's page from its per-speech result (``themes``: the
    :func:`table_data` of its sections' category shares, if any)."""
    locate = SentenceLocator(speech.text)
    outline = result.outline.to_dict()
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
            ("词数", result.words),
            *sorted(meta.extra.items()),
        )
        if value not in (None, "")
    ]
    placeholders = [p.to_dict() for p in result.placeholders]
    return {
        "id": sid,
        "title": meta.title,
        "meta": meta_rows,
        "outline": {
            "sections": annotate_outline(outline["sections"], locate),
            "warnings": [{**w, "sentence": locate(w["start"])} for w in outline["warnings"]],
        },
        # Most frequent formulations first: what a reader looks for on the page.
        "slogans": [
            {**s.to_dict(), "sentences": sorted({locate(span.start) for span in s.spans})}
            for s in sorted(result.slogans, key=lambda s: (-s.count, s.kind, s.text))
        ],
        "metrics": [{**m.to_dict(), "sentence_index": locate(m.start)} for m in result.metrics],
        "placeholders": [{**p, "sentence_index": locate(p["start"])} for p in placeholders],
        "placeholder_kinds": sorted(Counter(p["kind"] for p in placeholders).items()),
        "keywords": keywords,
        "images": images,
        "themes": themes,
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


def page_characters(pages: Iterable[str]) -> set[str]:
    """Every character the pages use, printable ASCII included."""
    characters = {chr(c) for c in range(0x20, 0x7F)}
    for page in pages:
        characters.update(page)
    return characters


def embed_font(folder: Path, characters: set[str]) -> Path:
    """Write ``fonts/cjk.otf``: the CJK font cut down to ``characters`` (those the pages
    use), so the report shows Chinese on any machine without shipping the whole font.

    Cutting a CJK font takes seconds, so each cut is kept in the cache folder under the
    font's and the characters' digests: a rerun over the same texts copies it.
    """
    from ..paths import cache_root, file_digest
    from .fonts import resolve_font

    font = resolve_font()
    text = "".join(sorted(characters))
    key = hashlib.sha256(f"{file_digest(font)}|{text}".encode()).hexdigest()
    cached = cache_root() / "fonts" / f"{key}.otf"
    target = folder / "fonts" / "cjk.otf"
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.is_file():
        shutil.copyfile(cached, target)
        return target
    _write_subset(font, text, target)
    _keep(target, cached)
    return target


def _write_subset(font: Path, text: str, path: Path) -> None:
    """The font cut down to the characters of ``text``, written to ``path``."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    cut = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(cut)
    subset.save_font(cut, str(path), options)


def _keep(path: Path, cached: Path) -> None:
    """Copy ``path`` into the cache atomically; an unwritable cache only costs speed."""
    import os
    import tempfile

    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, suffix=".tmp", delete=False) as handle:
            handle.write(path.read_bytes())
        os.replace(handle.name, cached)
    except OSError:
        pass


def write_speech_pages(folder: Path, pages: Iterable[dict]) -> set[str]:
    """Write the speech pages (and copy their pictures) into ``folder``.

    Parameters
    ----------
    folder : Path
        The report folder; the pages go to ``folder/speeches``.
    pages : iterable of dict
        :func:`speech_page` data, with ``images`` as path/caption pairs; each page is
        written as it comes, so a generator keeps one page in memory at a time.

    Returns
    -------
    set of str
        The characters the pages use, for the font (see :func:`write_index`).
    """
    from .._version import __version__

    page_dir = folder / "speeches"
    page_dir.mkdir(parents=True, exist_ok=True)
    template = environment().get_template("speech.html")
    characters: set[str] = set()
    for page in pages:
        images = [{**i, "src": "../" + i["src"]} for i in copy_images(page["images"], folder, f"speeches/{page['id']}-")]
        html = template.render(root="../", version=__version__, s={**page, "images": images})
        target = page_dir / f"{page['id']}.html"
        with writing(target):
            target.write_text(html, encoding="utf-8")
        characters.update(html)
    return characters


def _write_page(path: Path, template: str, **data) -> str:
    """Render ``template`` with ``data`` into ``path``; return the HTML."""
    from .._version import __version__

    html = environment().get_template(template).render(root="", version=__version__, **data)
    with writing(path):
        path.write_text(html, encoding="utf-8")
    return html


def write_index(folder: Path, speeches: list[dict], skipped: list[dict], sections: list[dict],
                overview: Sequence[dict] = (), warnings: Sequence[str] = (), characters: Iterable[str] = ()) -> Path:
    """Write index.html (an overview and links), the page of speeches, a page per section
    with its tables and pictures, the stylesheet, then the font cut to the characters of
    these pages and ``characters`` (those of the speech pages, see :func:`write_speech_pages`).

    Parameters
    ----------
    folder : Path
        The report folder (created; existing files are overwritten).
    speeches : list of dict
        Rows of the table of speeches: id, title, year, speaker, characters, words, top_sections.
    skipped : list of dict
        Files not read: path, reason.
    sections : list of dict
        The section pages: ``slug`` (the page is ``<slug>.html``), ``title``, ``charts``
        (path/caption pairs), ``tables`` (:func:`table_data` of each), ``links``
        (``href`` relative to the index, ``text``) and optionally ``missing`` (the
        ``picture``/``why`` of each picture not drawn). A section without charts, tables
        or links is not written.
    overview : sequence of dict
        Small :func:`table_data` tables shown on the index (the groups of a run, say).
    warnings : sequence of str
        Warnings of the run, shown on the index.
    characters : iterable of str
        Characters of the speech pages, which the embedded font must also hold.

    Returns
    -------
    Path
        The index.html written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / "style.css", folder / "style.css")
    shown = [
        {**section, "charts": copy_images(section.get("charts", []), folder, "corpus-")}
        for section in sections
        if section.get("charts") or section.get("tables") or section.get("links")
    ]
    html = [_write_page(folder / "speeches.html", "speeches.html", speeches=speeches)]
    html += [_write_page(folder / f"{section['slug']}.html", "section.html", section=section) for section in shown]
    years = sorted({s["year"] for s in speeches if s.get("year") is not None})
    index = folder / "index.html"
    html.append(_write_page(index, "index.html", speeches=speeches, skipped=skipped, sections=shown,
                            overview=overview, warnings=warnings, years=years))
    embed_font(folder, page_characters(html) | set(characters))
    return index
