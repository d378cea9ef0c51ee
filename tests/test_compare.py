"""Year comparison: rates, rising and falling terms, similarity, extractor tables, CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from speechkit import SpeechkitError
from speechkit.analysis.by_group.compare import rate_matrix, rising_and_falling, similarity_matrix, term_rates
from speechkit.cli import app


@pytest.fixture(scope="module")
def comparison(demo_corpus):
    return demo_corpus.compare()


def test_rates_are_per_10000_word_tokens(comparison, demo_corpus):
    from speechkit.segment import count_words

    speech = next(s for s in demo_corpus if s.year == 2020)
    words = count_words(speech.tokens())
    count = sum(1 for t in speech.tokens() if t.text == "疫情防控")
    row = comparison.rates[(comparison.rates["group"] == 2020) & (comparison.rates["term"] == "疫情防控")].iloc[0]
    assert row["count"] == count
    assert row["per_10k"] == pytest.approx(count * 10_000 / words, abs=1e-3)


def test_epidemic_terms_rise_in_2020_and_fall_after_2022(comparison):
    changes = comparison.changes
    rising_2020 = set(changes[(changes.group == 2020) & (changes.direction == "rising")].term)
    assert "疫情防控" in rising_2020 or "疫情" in rising_2020
    falling_2023 = set(changes[(changes.group == 2023) & (changes.direction == "falling")].term)
    assert {"疫情防控", "疫情"} & falling_2023


def test_similarity_matrix_is_symmetric_with_unit_diagonal(comparison):
    matrix = comparison.similarity
    assert list(matrix.index) == list(range(2018, 2024)) == list(matrix.columns)
    assert all(matrix.loc[y, y] == pytest.approx(1.0) for y in matrix.index)
    assert (matrix.values == matrix.values.T).all()
    assert ((matrix.values > 0) & (matrix.values <= 1.000001)).all()


def test_extractor_tables_by_year(comparison):
    tables = comparison.tables()
    assert tables["slogans"].loc["两个确立", "first_year"] == 2021
    assert tables["slogans"].loc["六保", "first_year"] == 2020 and tables["slogans"].loc["六保", "last_year"] == 2021
    metrics = tables["metrics"]
    row = metrics.loc[("规上工业总产值", "亿元")]
    assert row[2018] == 86.4 and row[2020] == "redacted" and row[2023] == 142.3
    assert set(tables["structure"]["year"]) == set(range(2018, 2024))


def test_compare_by_another_variable_builds_every_table_by_it(demo_corpus):
    comparison = demo_corpus.compare(over="speaker")
    tables = comparison.tables()
    assert set(tables) == {"rates", "changes", "similarity", "slogans", "structure", "metrics"}
    assert sorted(comparison.similarity.index) == ["周明远", "林建华"]
    # 林建华 gave the 2018–2020 speeches, 周明远 those of 2021–2023.
    assert tables["slogans"].loc["两个确立", "first_year"] == "周明远"
    assert set(tables["structure"]["speaker"]) == {"周明远", "林建华"}
    assert list(tables["metrics"].columns) == ["周明远", "林建华"]
    assert all(table.attrs["ungrouped"] == [] for table in tables.values())


def test_small_tables_by_hand():
    counts = {2020: {"发展": 30, "疫情": 20, "园区": 50}, 2021: {"发展": 30, "疫情": 1, "园区": 50, "建党": 19}}
    rates = term_rates(counts, {2020: 1000, 2021: 1000})
    assert rate_matrix(rates, ["疫情"]).loc["疫情", 2020] == 200.0
    changes = rising_and_falling(counts)
    assert set(changes[changes.direction == "rising"].term) == {"建党"}
    assert set(changes[changes.direction == "falling"].term) == {"疫情"}
    assert similarity_matrix(counts).loc[2020, 2021] < 1.0


def test_cli_compare(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["compare", "corpus", "--table", "slogans", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["slogan"]: row for row in json.loads(result.stdout)["slogans"]}
    assert rows["园区二次创业"]["first_year"] == 2023
    result = runner.invoke(app, ["compare", "corpus", "-f", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"compare_{n}.csv" for n in ("rates", "changes", "similarity", "slogans", "structure", "metrics")
    )
    result = runner.invoke(app, ["compare", "corpus", "--table", "nope"])
    assert isinstance(result.exception, SpeechkitError) and "unknown table 'nope'" in str(result.exception)


def test_phrase_rates_count_terms_as_text(demo_corpus):
    from speechkit.analysis.by_group.compare import phrase_rates
    from speechkit.extract.phrases import term_counts
    from speechkit.segment import count_words

    terms = ["二次创业", "疫情防控", "从未说过的词"]
    counts = {s.id: term_counts(s, terms) for s in demo_corpus}
    words = {s.id: count_words(s.tokens()) for s in demo_corpus}
    rates = phrase_rates(demo_corpus, counts, words)
    matrix = rate_matrix(rates, terms)
    assert list(matrix.columns) == list(range(2018, 2024))
    assert (matrix.loc["从未说过的词"] == 0).all()
    speech = next(s for s in demo_corpus if s.year == 2023)
    said = speech.text.count("二次创业")
    assert said > 0 and matrix.loc["二次创业", 2023] == pytest.approx(said * 10_000 / words[speech.id], abs=1e-3)


def test_cli_compare_warns_when_a_folder_mixes_kinds(monkeypatch, capsys, tmp_path):
    from cli_run import run

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text("今年推进项目建设，招商引资取得突破。", encoding="utf-8")
    (folder / "b.txt").write_text("物流体系建设加快，供应链更加稳定。", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,year,kind\na.txt,2022,report\nb.txt,2022,plan\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "compare", folder, "--table", "rates")
    assert code == 0 and "warning: the folder mixes 2 values of kind: plan (1), report (1); each year is compared within each kind" in err
    assert out.splitlines()[0].split("\t")[:2] == ["kind", "group"]
    code, out, err = run(monkeypatch, capsys, "compare", folder, "--table", "rates", "--pool")
    assert code == 0 and "warning" not in err


def test_cli_compare_by_year_on_a_mixed_folder_compares_years_within_each_kind(monkeypatch, capsys, tmp_path, mixed_dir):
    """2022 of the national work reports is the work report alone: neither the 20th
    congress report nor the logistics plan of that year is counted in its rows."""
    import pandas as pd
    from cli_run import run

    from speechkit import read_corpus

    code, out, err = run(monkeypatch, capsys, "compare", mixed_dir, "--by", "year", "-o", tmp_path / "within")
    assert code == 0 and "each year is compared within each kind" in err
    rates = pd.read_csv(tmp_path / "within" / "compare_rates.csv")
    national = rates[(rates["kind"] == "national-gov-work-report") & (rates["group"] == 2022)].set_index("term")
    report = next(s for s in read_corpus(mixed_dir) if s.id == "govreport-2022")
    alone = read_corpus(mixed_dir).subset(speech=[report.id]).compare(extras=False).rates.set_index("term")
    assert national["count"].to_dict() == alone["count"].to_dict()
    assert national["per_10k"].to_dict() == pytest.approx(alone["per_10k"].to_dict())
    plan = rates[(rates["kind"] == "state-council-policy") & (rates["group"] == 2022)].set_index("term")
    assert plan.loc["物流", "per_10k"] > 10 * national["per_10k"].get("物流", 0)
    changes = pd.read_csv(tmp_path / "within" / "compare_changes.csv")
    rows = changes[(changes["kind"] == "national-gov-work-report") & (changes["group"] == 2022)]
    assert set(rows["previous"]) == {2021}
    similarity = pd.read_csv(tmp_path / "within" / "compare_similarity.csv")
    assert set(similarity[similarity["kind"] == "party-congress-report"].iloc[:, 1]) == {1987, 2007, 2017, 2022}

    code, out, err = run(monkeypatch, capsys, "compare", mixed_dir, "--by", "year", "--pool", "-o", tmp_path / "pooled")
    assert code == 0 and "warning" not in err
    pooled = pd.read_csv(tmp_path / "pooled" / "compare_rates.csv")
    assert "kind" not in pooled.columns
    assert pooled[pooled["group"] == 2022].set_index("term").loc["物流", "count"] > national["count"].get("物流", 0)


def test_cli_compare_prints_a_summary_and_writes_the_full_tables(monkeypatch, capsys, tmp_path):
    import pandas as pd
    from cli_run import run

    code, out, err = run(monkeypatch, capsys, "compare", "corpus", "--by", "year", "-o", tmp_path / "tables")
    assert code == 0, err
    rates = pd.read_csv(tmp_path / "tables" / "compare_rates.csv")
    assert len(rates) > 1000
    # A few lines a table: its size and file, five rows, how many more.
    assert len(out.splitlines()) <= 9 * 6
    assert f"# rates: {len(rates)} rows × 4 columns → {tmp_path / 'tables' / 'compare_rates.csv'}" in out
    assert f"… {len(rates) - 5} more rows" in out
    for name in ("changes", "similarity", "slogans", "structure", "metrics"):
        assert f"# {name}: " in out and (tmp_path / "tables" / f"compare_{name}.csv").is_file()


def test_cli_compare_writes_to_a_default_folder(monkeypatch, capsys, tmp_path):
    from pathlib import Path

    from cli_run import run

    corpus = Path("corpus").resolve()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(monkeypatch, capsys, "compare", corpus, "--by", "year", "--table", "similarity")
    assert code == 0 and not (tmp_path / "compare-year").exists() and out.count("\n") == 7
    code, out, err = run(monkeypatch, capsys, "compare", corpus, "--by", "year")
    assert code == 0 and (tmp_path / "compare-year" / "compare_slogans.csv").is_file()
    assert "→ compare-year/compare_slogans.csv" in out
