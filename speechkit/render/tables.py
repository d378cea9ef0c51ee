"""Files of ``speechkit analyze`` built from the speeches' results: the speeches'
records (JSON Lines, or per-speech JSON/CSV/Markdown files). The long table of word
counts is built in :mod:`speechkit.analysis.speech_tables`, the long tables of records in
:mod:`speechkit.analysis.records`. The columns of each per-speech table are declared on
its record type (``COLUMNS`` in :mod:`speechkit.model`); ``SLOGAN_COLUMNS`` and the like
name them. How they are written (CSV safe for spreadsheets, JSON, Parquet): :mod:`.writers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import COMPACT_JSON, Metric, Placeholder, Slogan, json_default, plain
from ..names import json_safe
from .writers import write_json, write_rows, writing

if TYPE_CHECKING:
    from ..speech import Speech
    from ..corpus import Corpus
    from ..extractors import Extractor
    from ..model import Keyword
    from ..result import SpeechResult

SLOGAN_COLUMNS = list(Slogan.COLUMNS)
METRIC_COLUMNS = list(Metric.COLUMNS)
PLACEHOLDER_COLUMNS = list(Placeholder.COLUMNS)
KEYWORD_COLUMNS = ["method", "rank", "term", "score", "count"]
FREQUENCY_COLUMNS = ["term", "count"]


def keyword_rows(keywords: Mapping[str, Sequence[Keyword]]) -> list[dict]:
    """Keywords of every method as rows with their rank."""
    return [{"method": method, "rank": rank, **k.serialised()} for method, found in keywords.items() for rank, k in enumerate(found, 1)]


def write_speech_files(result: SpeechResult, folder: Path, safe_csv: bool = True, *,
                       extractors: Iterable[Extractor]) -> list[Path]:
    """The per-speech tables of one speech into ``folder`` (``safe_csv``: see the module note):
    the records of each of ``extractors`` as ``<name>.json`` and ``<name>.csv`` (its columns).

    Records are written from their fields (:meth:`~speechkit.model.Record.serialised`): no
    ``to_dict()`` is built for a file."""
    from .outline_text import outline_to_markdown

    extractors = list(extractors)
    records = {e.name: list(result.records.get(e.name, ())) for e in extractors}
    written = [
        write_json(result.outline.serialised(), folder / "outline.json", indent=False),
        *(write_json(found, folder / f"{name}.json", indent=False) for name, found in records.items()),
        write_json(result.categories.serialised(), folder / "categories.json", indent=False),
    ]
    markdown = folder / "outline.md"
    markdown.write_text(outline_to_markdown(result.outline), encoding="utf-8")
    written.append(markdown)
    for extractor in extractors:
        columns = extractor.columns
        rows = [[fields.get(c) for c in columns] for fields in (record.serialised() for record in records[extractor.name])]
        written.append(write_rows(rows, columns, folder / f"{extractor.name}.csv", safe_csv))
    frequencies = [{"term": term, "count": count} for term, count in result.frequencies]
    by_section = [row.serialised() for row in result.categories_by_section]
    for name, rows, cells, columns in (
        ("keywords", keyword_rows(result.keywords), None, KEYWORD_COLUMNS),
        ("frequencies", frequencies, result.frequencies, FREQUENCY_COLUMNS),  # the longest: its pairs are its cells
        ("categories_by_section", by_section, None, _columns_of(by_section)),
    ):
        cells = [[row.get(c) for c in columns] for row in rows] if cells is None else cells
        written.append(write_rows(cells, columns, folder / f"{name}.csv", safe_csv))
        written.append(write_json(rows, folder / f"{name}.json", indent=False))
    return written


SPEECH_RECORDS = "speeches.jsonl"


def speech_record(speech: Speech, result: SpeechResult) -> dict[str, Any]:
    """One speech's line of :data:`SPEECH_RECORDS`: who it is, then its outline, the records
    of each extractor (slogans, metrics, placeholders …), keywords (by method) and
    categories (whole and by section), in the shapes of the per-speech JSON files. Its
    word counts are in ``tables/frequencies``. The records are kept as they are: orjson
    writes them (:func:`speech_line`) with no dict built per record."""
    return {
        "id": speech.id,
        "file": speech.file,
        "title": speech.title,
        "year": speech.year,
        "characters": result.characters,
        "words": result.words,
        "outline": result.outline,
        **result.records,
        "keywords": result.keywords,
        "categories": result.categories,
        "categories_by_section": result.categories_by_section,
    }


def speech_line(speech: Speech, result: SpeechResult) -> str:
    """One speech's :func:`speech_record` as a line of JSON, the bytes its records'
    ``to_dict()`` would give.

    Parameters
    ----------
    speech : Speech
    result : SpeechResult
        The speech's result.

    Returns
    -------
    str
        The line of :data:`SPEECH_RECORDS`, with its line break.
    """
    import orjson

    record = speech_record(speech, result)
    try:
        line = orjson.dumps(record, default=json_default,
                            option=orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS).decode()
    except orjson.JSONEncodeError:  # lone surrogates (undecodable name bytes): escaped as json_safe does
        line = COMPACT_JSON.encode(plain(record))
    return json_safe(line) + "\n"


def write_speech_records(corpus: Corpus, results: Sequence[SpeechResult], path: Path) -> Path:
    """Every speech's :func:`speech_record` as JSON Lines, one line per speech in corpus order:
    one file for a corpus instead of many per speech."""
    with SpeechRecordsWriter(path) as writer:
        writer.write(zip(corpus, results))
    return path


class SpeechRecordsWriter:
    """:data:`SPEECH_RECORDS` written a chunk of speeches at a time (see
    :func:`write_speech_records`); complete once closed (``with`` closes it).

    Parameters
    ----------
    path : Path
    """

    def __init__(self, path: Path):
        self.path = path
        with writing(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = path.open("w", encoding="utf-8")

    def write(self, chunk: Iterable[tuple[Speech, SpeechResult]]) -> None:
        """Append a line per speech of ``chunk``, in its order."""
        lines = [speech_line(speech, result) for speech, result in chunk]
        with writing(self.path):
            self.handle.writelines(lines)

    def close(self) -> Path:
        """Finish the file; return it."""
        with writing(self.path):
            self.handle.close()
        return self.path

    def __enter__(self) -> "SpeechRecordsWriter":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.close()
        else:  # let the file go unfinished
            self.handle.close()


def _columns_of(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every key of ``rows`` in order of first appearance."""
    return list(dict.fromkeys(key for row in rows for key in row))
