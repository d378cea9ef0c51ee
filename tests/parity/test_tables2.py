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


@pytest.fixture(scope="module")
def mixed_folder(real_dir, tmp_path_factory):
    """National reports 2016–2018, Hailar district reports 2016–2019 and the 19th party
    congress report with a metadata.csv giving their kind and level: a corpus that mixes
    kinds (split by kind) and levels (pooled, split by level: the congress report is national)."""
    folder = tmp_path_factory.mktemp("mixed-kinds")
    rows = ["file,year,kind,level"]
    rows += [f"govreport-{year}.txt,{year},national-report,national" for year in range(2016, 2019)]
    rows += [f"local-govreport-hailar-{year}.txt,{year},district-report,district" for year in range(2016, 2020)]
    rows += ["party-congress-19.txt,2017,congress-report,national"]
    for row in rows[1:]:
        name = row.split(",")[0]
        (folder / name).write_bytes((real_dir / name).read_bytes())
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("pool", [False, True], ids=["split-by-kind", "pooled"])
def test_the_targets_of_a_mixed_corpus_are_analyzes_split_or_pooled(mixed_folder, pool, tmp_path):
    """Without --group-by a mixture of kinds splits the targets by kind, as target_ledgers does
    with by=None; pooled (--pool, pool=True) they are split by the level column only."""
    from speechkit import read_corpus
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.run import analyze
    from tests.parity.conftest import FORMATS

    corpus = read_corpus(mixed_folder)
    analyze(corpus, tmp_path / "out", options=AnalysisOptions(pool=pool, table_formats=FORMATS, speech_pictures=False))
    results = corpus.results()
    column = "level" if pool else "kind"
    ledgers = target_ledgers(results, pool=pool)
    assert ledgers.column == column and len(ledgers.with_targets) == 2
    for name, table in GROUPED.items():
        frame = table(results, pool=pool)
        # A table with a column of the group's name (the ledger's level, a figure's kind) names it <column>_group.
        assert frame.columns[0] in (column, f"{column}_group")
        assert_same_table(frame, tmp_path / "out" / "tables", name, tmp_path)
