"""Results streamed from the cache give every table of results held in memory, byte for byte;
the counts the map's partitions merged are those the tables would count themselves."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import speechkit.results
from speechkit.analysis.aggregates import results_tally
from speechkit.pipeline.corpus_tables import build_tables
from speechkit.pipeline.measures import compute_measures, measure_tables
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.results import CachedResults
from speechkit.render.writers import write_frame
from speechkit.results import Results

from tests.parity.conftest import FORMATS, GROUPINGS


def written(corpus, results: Results, options: AnalysisOptions, folder: Path) -> dict[str, bytes]:
    """Every corpus and measure table of ``results`` and the speeches' records written into
    ``folder``, by file name (Parquet files read back as frames)."""
    tables = build_tables(corpus, results, options)
    tables.write(folder, formats=FORMATS, speech_records=folder / "speeches.jsonl")
    for name, frame in measure_tables(compute_measures(corpus, results, options)).items():
        write_frame(frame, folder / f"{name}.csv", formats=FORMATS)
    files = {}
    for path in sorted(folder.iterdir()):
        files[path.name] = pd.read_parquet(path) if path.suffix == ".parquet" else path.read_bytes()
    return files


@pytest.fixture(scope="module")
def in_memory(real_parity_corpus, real_results) -> Results:
    return Results(real_parity_corpus, tuple(real_results))


def test_results_of_a_run_are_streamed_and_read_as_those_in_memory(real_results, in_memory):
    assert real_results.streamed and not in_memory.streamed
    assert len(real_results) == len(in_memory)
    assert list(real_results) == list(in_memory)
    assert real_results[3] == in_memory[3] and real_results[-1] == in_memory[-1]
    part = real_results.take([5, 1, 2])
    assert part.streamed and list(part) == [in_memory[5], in_memory[1], in_memory[2]]


def test_the_counts_merged_by_the_map_are_those_of_the_results(real_results, in_memory):
    merged = real_results.memo(("tally", "year"), lambda: pytest.fail("the map merged no counts by year"))
    assert merged == results_tally(in_memory)
    assert merged.table("terms") == results_tally(in_memory).table("terms")


@pytest.mark.parametrize("by", GROUPINGS, ids=lambda by: f"by-{by or 'year'}")
def test_streamed_results_give_every_table_of_results_in_memory(real_parity_corpus, real_results, in_memory, by,
                                                                tmp_path):
    options = replace(AnalysisOptions(), group_by=by, table_formats=FORMATS)
    streamed = written(real_parity_corpus, real_results, options, tmp_path / "streamed")
    held = written(real_parity_corpus, in_memory, options, tmp_path / "held")
    assert any(name.endswith(".parquet") for name in held) and "keywords_by_year.csv" in held
    _assert_same_files(streamed, held)


def _assert_same_files(files: dict, expected: dict) -> None:
    assert sorted(files) == sorted(expected)
    assert {"speeches.jsonl", "frequencies.csv", "metrics.parquet", "sections.json", "corpus.csv"} <= set(expected)
    for name, data in expected.items():
        if isinstance(data, pd.DataFrame):
            pd.testing.assert_frame_equal(files[name], data)
        else:
            assert files[name] == data, f"{name} differs"


@pytest.mark.parametrize("chunk", [1, 3, 7])
def test_tables_written_a_few_speeches_at_a_time_are_those_written_at_once(real_parity_corpus, real_results, in_memory,
                                                                           chunk, tmp_path, monkeypatch):
    """The tables with rows per speech are written a chunk of speeches at a time: cut in
    chunks smaller than the corpus, held or streamed, they are the tables of one chunk."""
    options = replace(AnalysisOptions(), group_by="org", table_formats=FORMATS)
    monkeypatch.setattr(speechkit.results, "STREAM_CHUNK", len(in_memory))
    at_once = written(real_parity_corpus, in_memory, options, tmp_path / "at-once")
    monkeypatch.setattr(speechkit.results, "STREAM_CHUNK", chunk)
    assert len(list(in_memory.chunks())) > 1
    _assert_same_files(written(real_parity_corpus, in_memory, options, tmp_path / "held"), at_once)
    _assert_same_files(written(real_parity_corpus, real_results, options, tmp_path / "streamed"), at_once)


def test_the_tables_with_rows_per_speech_read_each_result_once(real_parity_corpus, real_results, tmp_path, monkeypatch,
                                                                count_cache_reads):
    """Every table with rows per speech and the speeches' records are written from one
    reading of the cache: each result is loaded once, in corpus order."""
    tables = build_tables(real_parity_corpus, real_results, replace(AnalysisOptions(), table_formats=FORMATS))
    loads = count_cache_reads()
    monkeypatch.setattr(speechkit.results, "STREAM_CHUNK", 5)
    files = tables.write(tmp_path, formats=FORMATS, speech_records=tmp_path / "speeches.jsonl")
    assert [key for chunk in loads for key in chunk] == list(real_results.items.keys)
    assert {"frequencies", "sections", "categories_by_speech", "slogans", "metrics", "placeholders", "corpus"} <= {
        path.stem for path in files}
    assert len((tmp_path / "speeches.jsonl").read_text(encoding="utf-8").splitlines()) == len(real_results)


def test_streamed_results_give_the_graph_and_keywords_of_results_in_memory(real_results, in_memory):
    import networkx as nx

    from speechkit.analysis.graphs import cooccurrence_graph
    from speechkit.analysis.keywords import keywords_tfidf, mean_tfidf

    graphs = [nx.node_link_data(cooccurrence_graph(results), edges="links") for results in (real_results, in_memory)]
    assert graphs[0] == graphs[1] and graphs[0]["nodes"]
    # Each node's TF-IDF is the mean over the whole matrix, though its rows were made a chunk at a time.
    means = mean_tfidf([result.term_counts() for result in in_memory])
    assert all(node["tfidf"] == means[node["id"]] for node in graphs[0]["nodes"])
    pd.testing.assert_frame_equal(keywords_tfidf(real_results), keywords_tfidf(in_memory))


def test_the_report_lists_the_speeches_from_the_sizes_read_while_the_tables_were_written(
        real_parity_corpus, real_results, tmp_path, monkeypatch):
    """Once the tables are written, the report's list of speeches reads no result again: its
    sizes are those a reading of every result gives."""
    from speechkit.analysis.speech_tables import speech_sizes
    from speechkit.pipeline.report import build_report, report_sizes

    options = replace(AnalysisOptions(), table_formats=FORMATS)
    tables = build_tables(real_parity_corpus, real_results, options)
    assert report_sizes(tables) == [size for chunk in real_results.chunks() for size in speech_sizes(chunk)]
    tables.write(tmp_path / "tables", formats=FORMATS)
    expected = [size for chunk in real_results.chunks() for size in speech_sizes(chunk)]

    def unread(source, positions):
        raise AssertionError("a result read again for the report's list of speeches")

    monkeypatch.setattr(CachedResults, "load", unread)
    assert report_sizes(tables) == expected and any(top for *_, top in expected)
    index = build_report(real_parity_corpus, real_results, tables, [], tmp_path, options, characters=set("讲话"))
    listed = (index.parent / "speeches.html").read_text(encoding="utf-8")
    assert all(f"<td>{characters}</td><td>{words}</td><td>{top}</td>" in listed for characters, _, words, top in expected)


@pytest.mark.parametrize("terms", [(), ("发展",)])
def test_the_year_pictures_read_the_results_only_for_asked_terms(real_parity_corpus, real_results, tmp_path, monkeypatch,
                                                                 count_cache_reads, terms):
    """Planning the pictures reads the results of the series the trend terms are ranked within
    once (without --terms), every result once for the dispersion chart, and once more (a chunk
    at a time) only for terms asked with --terms: never result by result, never all held."""
    from speechkit.analysis.trends import trend_series
    from speechkit.pipeline.artefacts import picture_tasks

    options = replace(AnalysisOptions(), table_formats=FORMATS, trend_terms=terms)
    tables = build_tables(real_parity_corpus, real_results, options)
    loaded = count_cache_reads()
    monkeypatch.setattr(speechkit.results, "STREAM_CHUNK", 5)
    assert picture_tasks(real_parity_corpus, real_results, tables, tmp_path, options)
    keys = list(real_results.items.keys)
    ranked = [keys[i] for i in trend_series(real_parity_corpus).positions]
    assert [key for chunk in loaded for key in chunk] == (keys * 2 if terms else ranked + keys)
    assert max(len(chunk) for chunk in loaded) == 5


def test_the_tables_stage_of_a_run_reads_each_result_once_for_every_table_that_reads_them_all(
        real_parity_corpus, real_results, in_memory, tmp_path, monkeypatch, count_cache_reads):
    """A run's first reading of the results feeds keywords_tfidf, the measures' figures, the
    tables with rows per speech and the records, the dispersion chart's data and the --terms
    warning: each result is loaded once, in corpus order, and each of them is what its own
    function gives (the tables with rows per speech byte for byte)."""
    from speechkit.analysis.frequencies import dispersion
    from speechkit.analysis.keywords import keywords_tfidf
    from speechkit.pipeline.artefacts import dispersion_terms
    from speechkit.pipeline.corpus_tables import base_tables
    from speechkit.analysis.by_group.metrics import indicators_by_year
    from speechkit.pipeline.measures import DocumentFigureReading

    options = replace(AnalysisOptions(), table_formats=FORMATS, trend_terms=("发展", "没有这个词语"))
    monkeypatch.setattr(speechkit.results, "STREAM_CHUNK", 5)
    loads = count_cache_reads()
    figures = DocumentFigureReading(options.canonical())
    tables = base_tables(real_parity_corpus, real_results, options, out=tmp_path / "run", also=[figures])
    assert [key for chunk in loads for key in chunk] == list(real_results.items.keys)
    assert max(len(chunk) for chunk in loads) == 5
    # Nothing is read again to write the tables with rows per speech.
    assert tables.write(tmp_path / "run" / "tables", formats=FORMATS, speech_records=tmp_path / "run" / "speeches.jsonl")
    assert len(loads) == -(-len(real_results) // 5)
    assert any("没有这个词语" in warning for warning in tables.warnings)
    pd.testing.assert_frame_equal(tables.frames["keywords_tfidf"], keywords_tfidf(in_memory))
    pd.testing.assert_frame_equal(tables.dispersion, dispersion(in_memory, dispersion_terms(tables, options)))
    assert not tables.dispersion.empty
    alone = compute_measures(real_parity_corpus, in_memory, options)
    fed = compute_measures(real_parity_corpus, in_memory, options, figures=figures)
    for name, frame in alone.frames.items():
        pd.testing.assert_frame_equal(fed.frames[name], frame)
    # The figures kept a chunk of five speeches at a time as frames make the table of all their rows at once.
    pd.testing.assert_frame_equal(fed.frames["indicators_by_year"],
                                  indicators_by_year(in_memory, canonical=options.canonical()))
    apart = build_tables(real_parity_corpus, in_memory, options)
    apart.write(tmp_path / "apart", formats=FORMATS, speech_records=tmp_path / "apart" / "speeches.jsonl")
    for path in tables.speech_files:
        other = tmp_path / "apart" / path.name
        if path.suffix == ".parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(path), pd.read_parquet(other))
        else:
            assert path.read_bytes() == other.read_bytes(), f"{path.name} differs"


def test_the_tables_by_year_read_a_groups_results_once_and_give_those_of_their_functions(
        real_parity_corpus, real_results, in_memory, count_cache_reads):
    from speechkit.analysis.by_group.structure import structure_by_year
    from speechkit.analysis.categories import categories_by_year
    from speechkit.pipeline.corpus_tables import year_tables

    part = real_results.take(range(0, len(real_results), 2))
    loads = count_cache_reads()
    tables = year_tables(part, AnalysisOptions())
    assert [key for chunk in loads for key in chunk] == list(part.items.keys)
    held = in_memory.take(range(0, len(in_memory), 2))
    pd.testing.assert_frame_equal(tables.frames["categories_by_year"], categories_by_year(held, pool=True))
    structure = structure_by_year(held, pool=True)
    pd.testing.assert_frame_equal(tables.frames["structure_by_year"], structure)
    assert tables.frames["structure_by_year"].attrs == structure.attrs
    # The group's counts by year (the map merged none for a part) are counted in the same reading.
    assert tables.tally == results_tally(held)
    for name in ("keywords_by_year", "keyness_by_year", "slogans_by_year", "compare_rates"):
        pd.testing.assert_frame_equal(tables.frames[name], year_tables(held, AnalysisOptions()).frames[name])
