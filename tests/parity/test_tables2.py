"""The metrics, figures and targets tables of the Python API are the tables ``analyze`` wrote
on the real documents, by year and grouped by org: metrics, placeholders,
indicators_by_year (+ _wide), targets, outcomes and targets_ledger."""

from __future__ import annotations

import pytest

from speechkit.analysis.by_group.metrics import (indicators_by_year, indicators_by_year_wide, metrics_table,
                                                 placeholders_table)
from speechkit.analysis.targets import outcomes_table, target_ledgers, targets_ledger_table, targets_table
from tests.parity.conftest import assert_same_table

# The tables that are the same whatever the grouping: a row per record or per figure, each
# carrying its speech, place and level.
UNGROUPED = {
    "metrics": metrics_table,
    "placeholders": placeholders_table,
    "indicators_by_year": indicators_by_year,
    "indicators_by_year_wide": indicators_by_year_wide,
}
# The targets tables, split as analyze --group-by splits them.
GROUPED = {
    "targets_ledger": targets_ledger_table,
    "targets": targets_table,
    "outcomes": outcomes_table,
}


@pytest.mark.parametrize("name", UNGROUPED)
def test_a_table_of_every_record_or_figure_is_analyzes(name, analyzed, real_results, tmp_path):
    _by, tables = analyzed
    frame = UNGROUPED[name](real_results)
    # The real documents redact nothing: their placeholders are checked on the demo corpus too.
    assert len(frame) or name == "placeholders", f"{name} is empty on the real documents"
    assert_same_table(frame, tables, name, tmp_path)


def test_the_placeholders_of_the_demo_corpus_are_analyzes(demo_corpus, tmp_path):
    """The demo corpus redacts its figures (*, XX …): the placeholders table has rows."""
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.run import analyze
    from tests.parity.conftest import FORMATS

    analyze(demo_corpus, tmp_path / "out", options=AnalysisOptions(table_formats=FORMATS))
    frame = placeholders_table(demo_corpus.results())
    assert len(frame) > 0 and set(frame["speech"]) <= {speech.id for speech in demo_corpus}
    assert_same_table(frame, tmp_path / "out" / "tables", "placeholders", tmp_path)


@pytest.mark.parametrize("name", GROUPED)
def test_a_targets_table_is_analyzes_for_the_same_grouping(name, analyzed, real_results, tmp_path):
    by, tables = analyzed
    frame = GROUPED[name](real_results, by=by)
    assert len(frame), f"{name} is empty on the real documents"
    assert ("org" in frame.columns) == (by == "org")
    assert_same_table(frame, tables, name, tmp_path)


def test_the_targets_of_one_grouping_are_not_the_tables_of_the_other(analyzed, real_results, tmp_path):
    """The grouping reaches the table: the ledger by org is not the ledger of the whole corpus."""
    by, tables = analyzed
    other = targets_ledger_table(real_results, by=None if by == "org" else "org")
    with pytest.raises(AssertionError):
        assert_same_table(other, tables, "targets_ledger", tmp_path)


def test_the_ledgers_of_a_grouping_are_its_groups(real_results):
    ledgers = target_ledgers(real_results, by="org")
    assert ledgers.column == "org"
    orgs = {speech.meta.org for speech in real_results.speeches}
    assert set(ledgers.ledgers) <= {*orgs, "(none)"} and len(ledgers.ledgers) > 1
    stacked = ledgers.ledger()
    assert list(stacked["org"].unique()) == [label for label in ledgers.ledgers if ledgers.ledgers[label].targets]
