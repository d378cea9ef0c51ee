"""The extractor registry: what ``speech_result`` runs, the cache rebuilds and ``analyze`` writes.

A new extractor is added here as an example, without editing any other file: the documents
a speech cites (《…》), each title with its count and where it stands. Registered by a
fixture, its records are in the speech's result, in its cache entry, in ``speeches.jsonl``,
in the per-speech files and in a long corpus table of its declared columns.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import dataclass
from typing import Any, ClassVar

import orjson
import pytest

from speechkit.errors import SpeechkitError
from speechkit.extractors import Extractor, Registry
from speechkit.model import Metric, Placeholder, Record, Slogan, Span
from speechkit.pipeline import analyze
from speechkit.pipeline.extractors import EXTRACTORS
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.per_speech import speech_result
from speechkit.result import SpeechResult

# A title between book-title marks on one line; an unclosed 《 or a title broken by a line
# end is not a citation.
CITED = re.compile(r"《([^《》\n]+)》")
# Real documents by how many 《…》 they cite: 5 (one title three times), 8, and none.
CITING = {"govreport-2017.txt": 5, "provincial-govreport-zhejiang-2026.txt": 8, "govreport-2020.txt": 0}


@dataclass(slots=True)
class Citation(Record):
    """A document a speech cites by title (《…》), how often, and where."""

    title: str
    count: int
    spans: list[Span]

    COLUMNS: ClassVar[tuple[str, ...]] = ("title", "count", "spans")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Citation":
        return cls(data["title"], data["count"], [Span.from_dict(span) for span in data["spans"]])


def extract_citations(speech) -> list[Citation]:
    """The cited documents of a speech, in order of first citation."""
    found: dict[str, Citation] = {}
    for match in CITED.finditer(speech.text):
        citation = found.setdefault(match.group(1), Citation(match.group(1), 0, []))
        citation.count += 1
        citation.spans.append(Span(match.start(), match.end()))
    return list(found.values())


CITATIONS = Extractor("citations", Citation, reads=("speech",), extract=extract_citations)


@pytest.fixture
def citations():
    """The citations extractor registered for one test, and unregistered after it."""
    EXTRACTORS.register(CITATIONS)
    try:
        yield CITATIONS
    finally:
        EXTRACTORS.unregister("citations")


def _speech(real_dir, name):
    from speechkit import read_speech

    return read_speech(real_dir / name)


def test_the_built_in_extractors_declare_their_records_and_columns():
    assert EXTRACTORS.names() == ("slogans", "metrics", "placeholders")
    assert [(e.record, e.columns) for e in EXTRACTORS] == [(Slogan, Slogan.COLUMNS), (Metric, Metric.COLUMNS),
                                                          (Placeholder, Placeholder.COLUMNS)]
    assert EXTRACTORS["metrics"].reads == ("speech", "placeholders")
    # metrics reads placeholders, registered after it: it is run after them all the same.
    order = EXTRACTORS.order()
    assert order.index("placeholders") < order.index("metrics")


def test_the_cache_format_keeps_its_keys_in_order(seed):
    # The built-in records stand where the result's own fields stood: cache entries and
    # speeches.jsonl are byte for byte those made before the registry.
    assert list(speech_result(seed, AnalysisOptions()).to_dict()) == [
        "schema", "characters", "words", "frequencies", "outline", "slogans", "metrics", "placeholders", "categories",
        "categories_by_section", "keywords", "terms", "section_labels", "paragraphs", "sentences", "sections",
        "phrase_counts"]


def test_a_registered_extractor_is_run_by_speech_result(real_dir, citations):
    speech = _speech(real_dir, "govreport-2017.txt")
    result = speech_result(speech, AnalysisOptions())
    assert list(result.records) == ["slogans", "metrics", "placeholders", "citations"]
    found = result.records["citations"]
    assert [(c.title, c.count) for c in found] == [("中国制造2025", 3), ("巴黎协定", 1), ("中国教育现代化2030", 1)]
    for citation in found:
        assert [speech.text[s.start : s.end] for s in citation.spans] == [f"《{citation.title}》"] * citation.count
    # The other extractors' records are those of a run without it.
    EXTRACTORS.unregister("citations")
    try:
        without = speech_result(speech, AnalysisOptions())
    finally:
        EXTRACTORS.register(CITATIONS)
    assert {name: records for name, records in result.records.items() if name != "citations"} == without.records
    assert result.to_dict() == {**without.to_dict(), "citations": [c.to_dict() for c in found]}


def test_an_unclosed_or_broken_title_is_not_a_citation(real_dir, citations):
    # The notice's own title is broken by a line end (《公共企事业单位 / 信息公开规定制定办法》) and written whole twice.
    speech = _speech(real_dir, "policy-notice-2020-public-info.txt")
    found = speech_result(speech, AnalysisOptions()).records["citations"]
    assert [(c.title, c.count) for c in found] == [("公共企事业单位信息公开规定制定办法", 2), ("中华人民共和国政府信息公开条例", 2)]
    assert speech.text.count("《") == sum(c.count for c in found) + 1
    assert all("\n" not in c.title and "《" not in c.title for c in found)


def test_a_registered_extractor_round_trips_through_the_cache(real_dir, citations, tmp_path, monkeypatch):
    from speechkit.pipeline.cache import cached_result

    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path))
    result = speech_result(_speech(real_dir, "provincial-govreport-zhejiang-2026.txt"), AnalysisOptions())
    assert SpeechResult.from_dict(orjson.loads(result.to_json()), EXTRACTORS) == result
    key = "ef" + "2" * 62
    assert cached_result(key, lambda: result) == result
    assert cached_result(key, lambda: pytest.fail("a valid entry is not recomputed")) == result
    # An entry made without it lacks its records: recomputed, not read with none.
    entry = tmp_path / "results" / "ef" / f"{key}.json"
    entry.write_bytes(orjson.dumps({k: v for k, v in orjson.loads(entry.read_bytes()).items() if k != "citations"}))
    assert cached_result(key, lambda: result) == result
    assert "citations" in orjson.loads(entry.read_bytes())


def test_registering_an_extractor_changes_the_cache_key(citations):
    with_it = AnalysisOptions().key()
    EXTRACTORS.unregister("citations")
    try:
        without = AnalysisOptions().key()
    finally:
        EXTRACTORS.register(CITATIONS)
    assert with_it != without and with_it["extractors"] == [*without["extractors"], "citations"]


def test_analyze_writes_a_registered_extractors_records_and_table(real_dir, citations, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in CITING:
        shutil.copy(real_dir / name, folder / name)
    out = tmp_path / "out"
    analyze(folder, out, options=AnalysisOptions(speech_pictures=False, use_cache=False, speech_files=True))

    lines = [json.loads(line) for line in (out / "speeches.jsonl").read_text(encoding="utf-8").splitlines()]
    by_file = {record["file"].rsplit("/", 1)[-1]: record for record in lines}
    assert {name: sum(c["count"] for c in by_file[name]["citations"]) for name in CITING} == CITING
    record = by_file["govreport-2017.txt"]
    assert list(record)[list(record).index("placeholders") + 1] == "citations"  # after the built-in records
    assert json.loads((out / "speeches" / record["id"] / "citations.json").read_text(encoding="utf-8")) == record["citations"]

    with (out / "tables" / "citations.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["speech", "year", *Citation.COLUMNS]
    assert [(row["speech"], row["title"], int(row["count"])) for row in rows if row["speech"] == record["id"]] == [
        (record["id"], "中国制造2025", 3), (record["id"], "巴黎协定", 1), (record["id"], "中国教育现代化2030", 1)]
    assert len(rows) == sum(len(by_file[name]["citations"]) for name in CITING)
    assert {row["year"] for row in rows if row["speech"] == record["id"]} == {"2017"}
    spans = json.loads(rows[0]["spans"])
    assert spans and all(set(span) == {"start", "end"} for span in spans)
    assert json.loads((out / "tables" / "citations.json").read_text(encoding="utf-8"))[0]["title"] == rows[0]["title"]


def test_a_taken_name_or_a_column_that_is_no_field_is_refused():
    registry = Registry([CITATIONS])
    for name in ("citations", "outline", "keywords", "tokens"):
        with pytest.raises(SpeechkitError, match="taken"):
            registry.register(Extractor(name, Citation, reads=("speech",), extract=extract_citations))

    @dataclass(slots=True)
    class Untabled(Record):
        title: str
        COLUMNS: ClassVar[tuple[str, ...]] = ("title", "pages")

    with pytest.raises(SpeechkitError, match="pages"):
        registry.register(Extractor("untabled", Untabled, reads=("speech",), extract=lambda speech: []))


def test_what_an_extractor_reads_must_be_made_once_and_before_it(seed):
    counted = []

    def count_after(speech, citations):
        counted.append(len(citations))
        return [Citation("总数", len(citations), [])]

    # Registered before what it reads: run after it, once.
    registry = Registry([Extractor("tally", Citation, reads=("speech", "citations"), extract=count_after), CITATIONS])
    records = registry.run({"speech": seed})
    assert list(records) == ["tally", "citations"] and counted == [len(records["citations"])]
    with pytest.raises(SpeechkitError, match="is read by tally"):
        registry.unregister("citations")
    with pytest.raises(SpeechkitError, match="no extractor"):
        registry.unregister("quotes")
    with pytest.raises(SpeechkitError, match="neither an input nor a registered extractor"):
        Registry([Extractor("tally", Citation, reads=("citations",), extract=count_after)]).run({"speech": seed})
    circle = Registry([Extractor("a", Citation, reads=("b",), extract=lambda b: []),
                       Extractor("b", Citation, reads=("a",), extract=lambda a: [])])
    with pytest.raises(SpeechkitError, match="circle"):
        circle.run({"speech": seed})
