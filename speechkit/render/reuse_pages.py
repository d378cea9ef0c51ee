"""HTML pages of text reuse: the passages of each speech and reference side by side.

One page per pair of speech and reference document, passages in the speech's order,
each shown in its sentence with the shared words highlighted; an index lists the pairs
by borrowed characters. Autoescaping is on, so document text is always shown as text.
Inside the analyze report, each passage links to its sentence on the speech page.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .report import SentenceLocator, environment

if TYPE_CHECKING:
    from ..analysis.reuse import Passage, ReuseResult

CONTEXT = 40


def _around(text: str, start: int, end: int, locate: SentenceLocator) -> dict:
    """A passage in its sentence: the words before, the shared words, the words after."""
    sentence = locate.sentences[locate(start)]
    left = max(min(sentence.start, start), start - CONTEXT)
    right = min(max(sentence.end, end), end + CONTEXT)
    return {"before": text[left:start], "shared": text[start:end], "after": text[end:right],
            "cut_before": left > 0 and text[left - 1] != "\n", "cut_after": right < len(text) and text[right] != "\n"}


def pair_page_name(speech: str, reference: str) -> str:
    """The file name of a pair's page (ids quoted, so any id gives a safe name)."""
    return f"{quote(speech, safe='')}--{quote(reference, safe='')}.html"


def pair_pages(result: ReuseResult, *, speech_links: bool = False) -> list[dict]:
    """Template data of every speech–reference pair with passages, most borrowed first."""
    speeches = {s.id: s for s in result.speeches}
    locators: dict[str, SentenceLocator] = {}

    def locator(document) -> SentenceLocator:
        if document.id not in locators:
            locators[document.id] = SentenceLocator(document.text)
        return locators[document.id]

    pairs: dict[tuple[str, str], list[Passage]] = {}
    for passage in result.passages:
        pairs.setdefault((passage.speech, passage.reference), []).append(passage)
    pages = []
    for (sid, rid), passages in pairs.items():
        speech, reference = speeches[sid], result.references[rid]
        rows = []
        for p in passages:
            locate = locator(speech)
            rows.append({
                "speech": _around(speech.text, p.start, p.end, locate),
                "reference": _around(reference.text, p.ref_start, p.ref_end, locator(reference)),
                "start": p.start, "end": p.end, "ref_start": p.ref_start, "ref_end": p.ref_end, "matched": p.matched,
                "href": f"../speeches/{quote(sid, safe='')}.html#s{locate(p.start)}" if speech_links else None,
            })
        pages.append({
            "speech": sid, "speech_title": speech.title, "speech_year": speech.year,
            "reference": rid, "reference_title": reference.title, "reference_year": reference.year,
            "matched": sum(p.matched for p in passages), "passages": rows,
            "file": pair_page_name(sid, rid),
        })
    pages.sort(key=lambda page: (-page["matched"], page["speech"], page["reference"]))
    return pages


def write_reuse_pages(result: ReuseResult, folder: Path, *, root: str = "../", speech_links: bool = False,
                      chart: str | None = None) -> list[Path]:
    """Write ``folder/index.html`` and one page per pair; returns the files written.

    Parameters
    ----------
    result : ReuseResult
    folder : Path
        Where the pages go (created).
    root : str
        The way from ``folder`` to the folder holding ``style.css`` (the report's root).
    speech_links : bool
        Link each passage to its sentence on the report's speech page
        (``{root}speeches/<id>.html``).
    chart : str, optional
        A picture of the borrowed share by group, relative to ``folder``.
    """
    from .._version import __version__

    folder.mkdir(parents=True, exist_ok=True)
    env = environment()
    pages = pair_pages(result, speech_links=speech_links)
    written = []
    template = env.get_template("reuse_pair.html")
    for page in pages:
        path = folder / page["file"]
        path.write_text(template.render(root=root, version=__version__, p=page), encoding="utf-8")
        written.append(path)
    speeches = result.speech_frame().astype(object).where(lambda f: f.notna(), None).to_dict("records")
    index = folder / "index.html"
    index.write_text(env.get_template("reuse.html").render(root=root, version=__version__, pairs=pages,
                                                           speeches=speeches, chart=chart), encoding="utf-8")
    return [index, *written]


def write_standalone_reuse_pages(result: ReuseResult, folder: Path, *, chart: Path | None = None) -> list[Path]:
    """The reuse pages as a folder of their own (stylesheet and font subset included)."""
    import shutil

    from .report import TEMPLATES, embed_font, page_characters

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / "style.css", folder / "style.css")
    written = write_reuse_pages(result, folder, root="", chart=chart.name if chart else None)
    embed_font(folder, page_characters(path.read_text(encoding="utf-8") for path in written))
    return written
