"""``speechkit analyze`` grouped by a metadata column (``--group-by``): the rule that picks
the grouping, the stacked tables, and a run over national and district work reports."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import unquote

import pandas as pd
import pytest
from cli_run import run
from conftest import CORPUS

from speechkit.errors import SpeechkitError
from speechkit.model import Metadata
from speechkit.analysis.grouping import MISSING, level_column, resolve_grouping, stack_groups
from speechkit.pipeline.options import AnalysisOptions
from speechkit.pipeline.run import analyze

NATIONAL, DISTRICT = "national-gov-work-report", "district-gov-work-report"


@dataclass
class Bare:
    """What the grouping reads of a speech: its id and metadata."""

    id: str
    meta: Metadata


def bare(*extras: dict) -> list[Bare]:
    return [Bare(f"s{i}", Metadata(year=2020 + i, extra=extra)) for i, extra in enumerate(extras)]


def test_a_mixture_of_kinds_or_levels_splits_the_tables_by_year_unless_pooled():
    kinds = resolve_grouping(bare({"level": "national", "kind": "report"}, {"level": "national", "kind": "plan"}, {}))
    assert (kinds.by, kinds.indicators, kinds.mixed, list(kinds.groups)) == ("kind", "kind", True, ["plan", "report", MISSING])
    assert kinds.mixture_warning().startswith("warning: the corpus mixes 3 values of kind: plan (1), report (1), (none) (1)")
    levels = resolve_grouping(bare({"level": "national", "kind": "report"}, {"level": "district", "kind": "report"}))
    assert (levels.by, levels.mixed) == ("level", True)
    assert resolve_grouping(bare({"kind": "a"}, {"kind": "b"}), "kind").mixture_warning() is None
    assert resolve_grouping(bare({"kind": "a"}, {"kind": "b"}), pool=True).by is None


def test_the_level_column_splits_the_indicators_when_pooled():
    speeches = bare({"level": "national", "kind": "report"}, {"level": "district", "kind": "report"}, {})
    grouping = resolve_grouping(speeches, pool=True)
    assert (grouping.by, grouping.indicators) == (None, "level")
    assert grouping.groups == {"district": [1], "national": [0], MISSING: [2]}
    assert grouping.missing == ("s2",)
    assert grouping.warning().startswith("warning: 1 document has no level and is grouped as (none) in the indicator and target tables")


def test_kind_is_the_level_column_when_level_has_one_value_and_nothing_is_split_without_either():
    assert level_column(bare({"level": "city", "kind": "a"}, {"level": "city", "kind": "b"})) == "kind"
    grouping = resolve_grouping(bare({"kind": "a"}, {"kind": "a"}, {}))
    assert (grouping.by, grouping.indicators, grouping.groups, grouping.warning()) == (None, None, {}, None)


def test_group_by_names_the_column_and_keeps_speeches_without_a_value():
    grouping = resolve_grouping(bare({"kind": "b"}, {}, {"kind": "a"}), "kind")
    assert (grouping.by, grouping.indicators) == ("kind", "kind")
    assert list(grouping.groups) == ["a", "b", MISSING]
    assert grouping.to_dict() == {"by": "kind", "indicators": "kind", "why": "--group-by kind",
                                  "groups": {"a": 1, "b": 1, MISSING: 1}, "missing": ["s1"], "mixed": False}
    assert "in every table and chart by kind (s1)" in grouping.warning()


@pytest.mark.parametrize(
    "column, message",
    [
        ("knid", "--group-by: no speech has a value for 'knid' (variables: kind, speech, year)"),
        ("year", "--group-by year: the tables are by year and by speech already"),
        ("speech", "--group-by speech: the tables are by year and by speech already"),
    ],
)
def test_a_column_that_cannot_group_is_refused(column, message):
    with pytest.raises(SpeechkitError, match=re.escape(message)):
        resolve_grouping(bare({"kind": "a"}), column)


def test_file_names_of_groups_are_safe_and_distinct():
    grouping = resolve_grouping(bare({"area": "a/b"}, {"area": "a_b"}, {}), "area")
    parts = {label: names.part for label, names in grouping.picture_names().items()}
    assert parts[MISSING] == MISSING and len(set(parts.values())) == 3
    assert all(part.startswith("a_b") for part in (parts["a/b"], parts["a_b"]))
    assert grouping.picture_names()["a/b"].stem("term_trends") == f"term_trends-{parts['a/b']}"


def test_the_grouping_is_part_of_the_run_cache_key():
    from speechkit.ingest.read import read_corpus
    from speechkit.pipeline.run_cache import run_key

    corpus = read_corpus(CORPUS)
    assert run_key(corpus, AnalysisOptions(), False) != run_key(corpus, AnalysisOptions(group_by="org"), False)


def test_stacked_tables_keep_year_columns_in_order_and_whole():
    first = pd.DataFrame({"kind": ["core"], 2018: [1], 2019: [2], "total": [3]}, index=pd.Index(["x"], name="slogan"))
    second = pd.DataFrame({"kind": ["quoted"], 2016: [4], 2018: [0], "total": [4]}, index=pd.Index(["y"], name="slogan"))
    stacked = stack_groups({"a": first, "b": second}, "kind", index=True)
    assert stacked.index.names == ["kind_group", "slogan"]
    assert list(stacked.columns) == ["kind", 2016, 2018, 2019, "total"]
    assert str(stacked[2016].dtype) == "Int64" and stacked.loc[("a", "x"), 2016] is pd.NA
    assert stacked.loc[("b", "y"), 2018] == 0


def test_stacked_long_tables_get_the_group_as_first_column():
    rates = pd.DataFrame({"group": [2020], "term": ["发展"]})
    stacked = stack_groups({"a": rates, MISSING: rates}, "level")
    assert stacked.to_dict("list") == {"level": ["a", MISSING], "group": [2020, 2020], "term": ["发展", "发展"]}


# --- a run over national and district work reports --------------------------------------------


@pytest.fixture(scope="module")
def levels_folder(real_dir, tmp_path_factory):
    """The national reports 2013–2018, the Hailar district reports 2016–2019 and the
    19th party congress report (dated, without a kind), with a metadata.csv."""
    folder = tmp_path_factory.mktemp("levels")
    rows = ["file,year,kind,level"]
    for year in range(2013, 2019):
        rows.append(f"govreport-{year}.txt,{year},{NATIONAL},national")
    for year in range(2016, 2020):
        rows.append(f"local-govreport-hailar-{year}.txt,{year},{DISTRICT},district")
    rows.append("party-congress-19.txt,2017,,")
    for row in rows[1:]:
        name = row.split(",")[0]
        (folder / name).write_bytes((real_dir / name).read_bytes())
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def by_kind(levels_folder, cache_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("by-kind")
    return analyze(levels_folder, out, jobs=2, options=AnalysisOptions(group_by="kind", speech_pictures=False)), out


def test_figures_of_each_place_are_apart_in_the_year_they_are_for(by_kind):
    """indicators_by_year: the place of each figure is read from its text, and its column is
    the year the figure is for (the 2018 report's review gives 2017's figures)."""
    _, out = by_kind
    wide = pd.read_csv(out / "tables" / "indicators_by_year_wide.csv").set_index(["place", "indicator", "kind", "unit"])
    jobs = wide.xs(("urban_new_jobs", "outcome"), level=("indicator", "kind"))
    assert float(jobs.loc[("全国", "万人"), "2017"]) == 1351.0 and pd.isna(jobs.loc[("全国", "万人"), "2018"])
    assert float(jobs.loc[("海拉尔区", "人"), "2018"]) == 5661.0 and pd.isna(jobs.loc[("海拉尔区", "人"), "2019"])
    assert float(wide.loc[("全国", "urban_new_jobs", "target", "万人"), "2018"]) == 1100.0
    figures = pd.read_csv(out / "tables" / "indicators_by_year.csv")
    assert set(figures["place"].dropna()) == {"全国", "海拉尔区"}
    reported = figures[figures["canonical"] == "urban_new_jobs"]
    assert ((reported["kind"] == "outcome") <= (reported["year"] < reported["reported_in"])).all()


def test_targets_are_linked_to_outcomes_of_their_own_kind(by_kind):
    _, out = by_kind
    ledger = pd.read_csv(out / "tables" / "targets_ledger.csv")
    linked = ledger[ledger["outcome_speech"].notna()]
    assert (linked["target_speech"].str.startswith("govreport") == linked["outcome_speech"].str.startswith("govreport")).all()
    # Pooled, the national 2018 unemployment target was met by the district's 3.5% of 2019.
    unemployment = ledger[(ledger["indicator"] == "registered_unemployment") & (ledger["year"] == 2018)].set_index("kind")
    assert pd.isna(unemployment.loc[NATIONAL, "outcome"])
    assert set(linked["kind"]) == {NATIONAL, DISTRICT}
    assert (out / "charts" / f"targets-{NATIONAL}.png").is_file() and not (out / "charts" / "targets.png").exists()


def test_tables_by_year_are_split_by_kind(by_kind):
    _, out = by_kind
    tables = out / "tables"
    slogans = pd.read_csv(tables / "slogans_by_year.csv").set_index(["kind_group", "slogan"])
    assert slogans.loc[(NATIONAL, "一带一路"), ["first_year", "total"]].tolist() == [2015, 17]
    assert slogans.loc[(DISTRICT, "一带一路"), ["first_year", "total"]].tolist() == [2016, 7]
    assert pd.isna(slogans.loc[(NATIONAL, "一带一路"), "2019"]) and pd.isna(slogans.loc[(DISTRICT, "一带一路"), "2013"])
    assert (DISTRICT, "平安海拉尔") in slogans.index and (NATIONAL, "平安海拉尔") not in slogans.index
    categories = pd.read_csv(tables / "categories_by_year.csv").set_index(["kind", "year"])
    assert {(NATIONAL, 2016), (DISTRICT, 2016), (MISSING, 2017)} <= set(categories.index)
    keywords = pd.read_csv(tables / "keywords_by_year.csv")
    assert sorted(set(zip(keywords["kind"], keywords["year"]))) == sorted(
        [(DISTRICT, year) for year in range(2016, 2020)] + [(NATIONAL, year) for year in range(2013, 2019)])
    changes = json.loads((tables / "slogans_new_and_dropped.json").read_text(encoding="utf-8"))
    assert list(changes) == [DISTRICT, NATIONAL, MISSING] and "平安海拉尔" in changes[DISTRICT]["2017"]["new"]


def test_summary_and_report_show_each_group(by_kind):
    summary, out = by_kind
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["grouping"] == {"by": "kind", "indicators": "kind", "why": "--group-by kind",
                                "groups": {DISTRICT: 4, NATIONAL: 6, MISSING: 1}, "missing": ["party-congress-19"],
                                "mixed": False}
    assert any("no kind and is grouped as (none)" in w and "party-congress-19" in w for w in data["warnings"])
    for stem in ("term_trends", "slogan_timeline", "categories_by_year", "keywords_by_year", "similarity"):
        for group in (NATIONAL, DISTRICT):
            assert f"charts/{stem}-{group}.png" in data["outputs"]
        assert f"charts/{stem}.png" not in data["outputs"]
    # The congress report is the only speech of its group: one year, no trend and nothing to compare.
    missed = {row["picture"] for row in data["not_drawn"]}
    for stem in ("term_trends", "slogan_timeline", "similarity"):
        assert f"charts/{stem}-(none).png" not in data["outputs"] and f"charts/{stem}-(none).png" in missed
    report = out / "report"
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "分组：各年表格与图按 kind 分开" in index
    assert "指标逐年对比（列为数字所指的年份" in (report / "targets.html").read_text(encoding="utf-8")
    formulations = (report / "formulations.html").read_text(encoding="utf-8")
    for group in (NATIONAL, DISTRICT):
        assert f"提法时间线（每万字出现次数）（kind：{group}）" in formulations
    for group in (NATIONAL, DISTRICT, MISSING):
        assert f"<td>{group}</td>" in index
    for page in report.glob("*.html"):
        for src in re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8")):
            assert (report / unquote(src)).is_file(), src


def test_cli_warns_of_speeches_without_the_column(monkeypatch, capsys, tmp_path, cache_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    for year in (2021, 2022, 2023):
        (folder / f"yunxi-{year}.txt").write_bytes((CORPUS / f"yunxi-{year}.txt").read_bytes())
    (folder / "metadata.csv").write_text("file,area\nyunxi-2021.txt,东区\nyunxi-2022.txt,西区\nyunxi-2023.txt,\n",
                                         encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "analyze", folder, "-o", tmp_path / "out", "--group-by", "area",
                         "--no-speech-pictures")
    assert code == 0, err
    assert "warning: 1 document has no area and is grouped as (none) in every table and chart by area (yunxi-2023)" in err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["grouping"]["groups"] == {"东区": 1, "西区": 1, MISSING: 1}
    structure = pd.read_csv(tmp_path / "out" / "tables" / "structure_by_year.csv")
    assert structure[["area", "year"]].drop_duplicates().values.tolist() == [["东区", 2021], ["西区", 2022], [MISSING, 2023]]
