"""The per-speech files are written from the records' fields; they hold exactly what writing
each record's ``to_dict()`` (the plain path) gives, byte for byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit import AnalysisOptions, Speech, read_corpus
from speechkit.model import COMPACT_JSON, Metadata, Metric, Placeholder, Slogan, Span
from speechkit.names import json_safe
from speechkit.pipeline import speech_result
from speechkit.pipeline.extractors import EXTRACTORS
from speechkit.render.tables import KEYWORD_COLUMNS, speech_line, write_speech_files
from speechkit.render.writers import write_json, write_rows


def _plain_speech_files(result, folder, safe_csv=True):
    """The per-speech files as they are written from each record's ``to_dict()``: the
    reference the fast path must match (outline.md is written alike on both paths)."""
    records = {e.name: [r.to_dict() for r in result.records.get(e.name, ())] for e in EXTRACTORS}
    write_json(result.outline.to_dict(), folder / "outline.json", indent=False)
    for name, rows in records.items():
        write_json(rows, folder / f"{name}.json", indent=False)
    write_json(result.categories.to_dict(), folder / "categories.json", indent=False)
    for extractor in EXTRACTORS:
        rows = [[row.get(c) for c in extractor.columns] for row in records[extractor.name]]
        write_rows(rows, extractor.columns, folder / f"{extractor.name}.csv", safe_csv)
    keywords = [{"method": m, "rank": rank, **k.to_dict()} for m, found in result.keywords.items() for rank, k in enumerate(found, 1)]
    frequencies = [{"term": term, "count": count} for term, count in result.frequencies]
    by_section = [row.to_dict() for row in result.categories_by_section]
    section_columns = list(dict.fromkeys(key for row in by_section for key in row))
    for name, rows, columns in (("keywords", keywords, KEYWORD_COLUMNS), ("frequencies", frequencies, ["term", "count"]),
                                ("categories_by_section", by_section, section_columns)):
        write_rows([[row.get(c) for c in columns] for row in rows], columns, folder / f"{name}.csv", safe_csv)
        write_json(rows, folder / f"{name}.json", indent=False)


@pytest.mark.parametrize("safe_csv", [True, False])
def test_speech_files_are_those_of_the_records_dicts_on_the_real_documents(real_dir, tmp_path, safe_csv):
    options = AnalysisOptions()
    for speech in read_corpus(real_dir):
        result = speech_result(speech, options)
        fast, plain = tmp_path / "fast" / speech.id, tmp_path / "plain" / speech.id
        written = write_speech_files(result, fast, safe_csv, extractors=EXTRACTORS)
        _plain_speech_files(result, plain, safe_csv)
        compared = [path for path in written if path.suffix != ".md"]
        assert len(compared) == 14
        for path in compared:
            assert path.read_bytes() == (plain / path.name).read_bytes(), (speech.id, path.name)


_texts = st.text(max_size=12)  # any code point, lone surrogates too: the json fallback of write_json
_spans = st.lists(st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6)), max_size=3)
_records = st.one_of(
    st.builds(Slogan, _texts, _texts, st.integers(0, 50), _spans, members=st.lists(_texts, max_size=3)),
    st.builds(Placeholder, _texts, _texts, st.integers(0, 10**6), st.integers(0, 10**6), _texts),
    st.builds(Metric, st.none() | _texts, st.none() | st.floats(allow_nan=False), _texts, st.none() | _texts, st.none(),
              st.none(), st.booleans(), st.integers(0, 10**6), st.integers(0, 10**6), _texts),
)


@given(records=st.lists(_records, max_size=4), indent=st.booleans())
@example(records=[Slogan("两个确立\udcff", "quoted", 1, [Span(3, 7)])], indent=False)
@example(records=[], indent=False)
def test_records_are_written_as_their_dicts(tmp_path_factory, records, indent):
    folder = tmp_path_factory.mktemp("json")
    fast = write_json(records, folder / "fast.json", indent=indent)
    plain = write_json([r.to_dict() for r in records], folder / "plain.json", indent=indent)
    assert fast.read_bytes() == plain.read_bytes()
    by_key = {f"r{i}": record for i, record in enumerate(records)}
    fast = write_json(by_key, folder / "fast-dict.json", indent=indent)
    plain = write_json({key: r.to_dict() for key, r in by_key.items()}, folder / "plain-dict.json", indent=indent)
    assert fast.read_bytes() == plain.read_bytes()


def _plain_speech_line(speech, result) -> str:
    """The line of speeches.jsonl as written from each record's ``to_dict()``: the reference
    of :func:`speech_line`, which lets orjson write the records as they are."""
    import orjson

    record = {
        "id": speech.id, "file": speech.file, "title": speech.title, "year": speech.year,
        "characters": result.characters, "words": result.words, "outline": result.outline.to_dict(),
        **{name: [r.to_dict() for r in records] for name, records in result.records.items()},
        "keywords": {method: [k.to_dict() for k in found] for method, found in result.keywords.items()},
        "categories": result.categories.to_dict(),
        "categories_by_section": [row.to_dict() for row in result.categories_by_section],
    }
    try:
        line = orjson.dumps(record, option=orjson.OPT_NON_STR_KEYS).decode()
    except orjson.JSONEncodeError:
        line = COMPACT_JSON.encode(record)
    return json_safe(line) + "\n"


def test_speech_lines_are_those_of_the_records_dicts_on_the_real_documents(real_dir):
    options = AnalysisOptions()
    for speech in read_corpus(real_dir):
        result = speech_result(speech, options)
        assert speech_line(speech, result) == _plain_speech_line(speech, result), speech.id


def test_a_speech_line_with_undecodable_name_bytes_is_written_escaped():
    speech = Speech("一、总体要求\n坚持“两个确立”，粮食产量达到1.3万亿斤。", Metadata(title="报告\udcff"), name="s")
    result = speech_result(speech, AnalysisOptions())
    line = speech_line(speech, result)
    assert line == _plain_speech_line(speech, result) and "\\xff" in line
    assert json.loads(line)["title"] == "报告\\xff"
