"""Parity of the tables of slogans, comparison, keywords, categories and structure: the
public Python function of each table, given the real documents' results, returns the
table ``analyze`` wrote, for the tables by year of the whole corpus and by year within
each ``org``; ``Corpus.compare`` and ``Corpus.slogans`` give the same tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from speechkit.analysis.by_group.compare import compare, compare_changes, compare_rates, compare_similarity
from speechkit.analysis.by_group.slogans import (new_and_dropped, slogan_rates_by_year, slogan_table, slogans_by_year,
                                                 slogans_new_and_dropped)
from speechkit.analysis.by_group.structure import sections_table, structure_by_year
from speechkit.analysis.categories import categories_by_speech, categories_by_year
from speechkit.analysis.grouping import group_parts
from speechkit.analysis.keywords import keyness_by_year, keywords_by_year, keywords_tfidf
from speechkit.analysis.speech_tables import corpus_table, frequency_table
from speechkit.render.writers import write_frame

from .conftest import FORMATS, assert_same_table

# Tables with a row per speech (or per speech and record): the grouping does not change them.
SPEECH_TABLES = {
    "corpus": (corpus_table, False),
    "frequencies": (frequency_table, False),
    "slogans": (slogan_table, False),
    "sections": (sections_table, False),
    "categories_by_speech": (categories_by_speech, True),
    "keywords_tfidf": (keywords_tfidf, False),
}
# Tables by year, split by the grouping: (function, keyed by its index).
YEAR_TABLES = {
    "slogans_by_year": (slogans_by_year, True),
    "slogan_rates_by_year": (slogan_rates_by_year, True),
    "compare_rates": (compare_rates, False),
    "compare_changes": (compare_changes, False),
    "compare_similarity": (compare_similarity, True),
    "keywords_by_year": (keywords_by_year, False),
    "keyness_by_year": (keyness_by_year, False),
    "categories_by_year": (categories_by_year, True),
    "structure_by_year": (structure_by_year, False),
}


@pytest.mark.parametrize("name", SPEECH_TABLES)
def test_speech_table_is_analyzes(name, analyzed, real_results, tmp_path):
    _, tables = analyzed
    function, index = SPEECH_TABLES[name]
    assert_same_table(function(real_results), tables, name, tmp_path, index=index)


@pytest.mark.parametrize("name", YEAR_TABLES)
def test_year_table_is_analyzes(name, analyzed, real_results, tmp_path):
    by, tables = analyzed
    function, index = YEAR_TABLES[name]
    frame = function(real_results, by=by)
    assert len(frame), name
    if by is not None:
        assert frame.reset_index()[by].nunique() > 1, "the tables by org hold several groups"
    assert_same_table(frame, tables, name, tmp_path, index=index)


def test_new_and_dropped_slogans_are_analyzes(analyzed, real_results, tmp_path):
    """A row per slogan and change in CSV and Parquet; the JSON file keeps each year's
    lists (by group when grouped), as :func:`new_and_dropped` gives them."""
    by, tables = analyzed
    frame = slogans_new_and_dropped(real_results, by=by)
    assert set(frame["change"]) == {"new", "dropped"}
    flat = [name for name in FORMATS if name != "json"]
    write_frame(frame, tmp_path / "slogans_new_and_dropped.csv", formats=flat)
    assert (tmp_path / "slogans_new_and_dropped.csv").read_bytes() == (tables / "slogans_new_and_dropped.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "slogans_new_and_dropped.parquet"),
                                  pd.read_parquet(tables / "slogans_new_and_dropped.parquet"))
    _, parts = group_parts(real_results, by=by)
    changes = {label: {str(year): lists for year, lists in new_and_dropped(slogans_by_year(part, pool=True)).items()}
               for label, part in parts.items()}
    written = json.loads((tables / "slogans_new_and_dropped.json").read_text(encoding="utf-8"))
    assert written == (changes[None] if by is None else changes)


def test_corpus_compare_and_slogans_are_analyzes(analyzed, real_parity_corpus, tmp_path):
    """The Corpus methods load the same results (from the cache) and give analyze's tables."""
    by, tables = analyzed
    comparison = real_parity_corpus.compare(by=by)
    for name, frame in (("rates", comparison.rates), ("changes", comparison.changes), ("similarity", comparison.similarity)):
        assert_same_table(frame, tables, f"compare_{name}", tmp_path, index=name == "similarity")
    assert_same_table(real_parity_corpus.slogans(by=by), tables, "slogans_by_year", tmp_path, index=True)


def test_compare_gives_the_three_tables_of_its_parts(real_results):
    """``compare`` builds the three tables together; each part's function gives the same one."""
    comparison = compare(real_results, by="org")
    pd.testing.assert_frame_equal(comparison.rates, compare_rates(real_results, by="org"))
    pd.testing.assert_frame_equal(comparison.changes, compare_changes(real_results, by="org"))
    pd.testing.assert_frame_equal(comparison.similarity, compare_similarity(real_results, by="org"))
