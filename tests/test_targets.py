"""Targets and outcomes: each target of year t against the outcome reported in year t+1,
place by place, on the national work reports 2012–2024 and the Hailar district reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_run import run
from conftest import results_of
from speechkit import Speech, read_speech
from speechkit.analysis.canonical import default_canonical, read_canonical, spelling
from speechkit.analysis.figures import figure_years
from speechkit.analysis.targets import REASONS, VERDICTS, judge, target_ledger
from speechkit.errors import SpeechkitError
from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.place import document_place
from speechkit.model import Metadata, Metric
from speechkit.results import Results
from speechkit.corpus import Corpus

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from _eval_targets import compare, read_gold  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "targets"
REAL_YEARS = (2013, 2014, 2015, 2016, 2017, 2018, 2020, 2022, 2024)
GENRES_YEARS = (2012, 2019, 2021, 2023)


@pytest.fixture(scope="module")
def national(real_dir, genres_dir):
    """The national work reports 2012–2024, read from their files without metadata."""
    paths = [real_dir / f"govreport-{year}.txt" for year in REAL_YEARS]
    paths += [genres_dir / f"govreport-national-{year}.txt" for year in GENRES_YEARS]
    return [read_speech(path) for path in paths]


@pytest.fixture(scope="module")
def national_ledger(national):
    return target_ledger(results_of(national)).ledger()


@pytest.fixture(scope="module")
def real_results(real_corpus):
    """The results of every real document, computed once."""
    return results_of(real_corpus)


def written_metric(**fields) -> Metric:
    """A metric written for the test: the fields given, the others empty."""
    empty = {"indicator": None, "value": None, "raw": "", "unit": None, "qualifier": None, "change": None,
             "placeholder": False, "start": 0, "end": 0, "sentence": ""}
    return Metric(**{**empty, **fields})


def _row(ledger, year: int, indicator: str) -> dict:
    rows = ledger[(ledger["year"] == year) & (ledger["indicator"] == indicator)].to_dict("records")
    assert len(rows) == 1, (year, indicator, rows)
    return {k: (None if v is None or v != v else v) for k, v in rows[0].items()}


def test_tuning_gold_is_reproduced(national_ledger):
    """Rules were written looking at the tuning rows only: the ledger reproduces them."""
    gold = [row for row in read_gold(GOLD / "national.tsv") if row["split"] == "tuning"]
    counts = compare(gold, national_ledger)
    assert counts["errors"]["extra"] == [] and counts["errors"]["target"] == [] and counts["errors"]["outcome"] == []
    assert counts["verdicts"] == counts["judged"]
    assert counts["right"] / counts["gold"] >= 0.9, counts["errors"]["missing"]


def test_every_linked_row_points_at_its_numbers(national, national_ledger):
    rows = national_ledger.astype(object).where(national_ledger.notna(), None).to_dict("records")
    assert all((row["verdict"] in VERDICTS) != (row["reason"] in REASONS) for row in rows)
    assert set(national_ledger["place"]) == {"全国"}
    texts = {speech.id: speech.text for speech in national}
    for row in national_ledger.dropna(subset=["outcome_speech"]).to_dict("records"):
        assert texts[row["outcome_speech"]][row["outcome_start"] : row["outcome_end"]] == row["outcome_raw"]
        assert texts[row["target_speech"]][row["target_start"] : row["target_end"]] == row["target_raw"]
        assert row["target_speech"] != row["outcome_speech"]


def test_a_change_is_never_the_outcome_of_a_level(national_ledger):
    """2014 deficit: 13,500亿元; the 2015 report's 比去年增加2700亿元 is its plan's increase."""
    row = _row(national_ledger, 2014, "deficit_amount")
    assert (row["target"], row["unit"]) == (13500, "亿元")
    assert row["outcome"] is None and row["verdict"] is None and row["reason"] == "no_outcome_figure"
    jobs = _row(national_ledger, 2017, "urban_new_jobs")  # not 城镇新增就业预期目标比去年多100万人
    assert (jobs["target"], jobs["outcome"], jobs["verdict"]) == (1100, 1351, "exceeded")


def test_a_range_keeps_its_bounds(national, national_ledger, tmp_path):
    """2016: 国内生产总值增长6.5%－7%; 6.7 is inside it."""
    row = _row(national_ledger, 2016, "gdp_growth")
    assert (row["target_low"], row["target_high"], row["outcome"], row["verdict"]) == (6.5, 7.0, 6.7, "met")
    assert row["difference"] == pytest.approx(0.2)
    targets = target_ledger(results_of(national)).target_frame()
    gdp = targets[(targets["year"] == 2016) & (targets["canonical"] == "gdp_growth")].iloc[0]
    assert (gdp["low"], gdp["high"]) == (6.5, 7.0)
    from matplotlib.collections import PolyCollection

    from speechkit.render import charts

    figure = charts.target_outcome_chart.__wrapped__(national_ledger)
    panel = next(a for a in figure.axes if "国内生产总值增长" in a.get_title())
    bands = [c for c in panel.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2  # 2016 (6.5–7) and 2019 (6–6.5): the only ranges
    assert {round(y, 3) for band in bands for y in band.get_paths()[0].vertices[:, 1]} == {6.0, 6.5, 7.0}
    # 2020 has no GDP target: no target mark is drawn for it
    marks = [seg for c in panel.collections if not isinstance(c, PolyCollection) for seg in getattr(c, "get_segments", list)()]
    assert not any(2019.5 < seg[0][0] < 2020.5 for seg in marks)


def test_the_2020_targets_are_2020_targets(national, national_ledger):
    """城镇新增就业900万人以上 … are the 2020 report's targets, its review the 2019 outcomes."""
    expected = {"urban_new_jobs": (900, 1186, "exceeded"), "surveyed_unemployment": (6, 5.2, "met"),
                "cpi": (3.5, 2.5, "met"), "registered_unemployment": (5.5, None, None)}
    for indicator, (target, outcome, verdict) in expected.items():
        row = _row(national_ledger, 2020, indicator)
        assert (row["target"], row["outcome"], row["verdict"]) == (target, outcome, verdict), indicator
        assert row["target_speech"] == "govreport-2020"
    assert _row(national_ledger, 2020, "registered_unemployment")["reason"] == "different_scope"
    assert national_ledger[(national_ledger["year"] == 2020) & (national_ledger["indicator"] == "gdp_growth")].empty
    ledger = target_ledger(results_of(national))
    outcomes = ledger.outcome_frame()
    of_2019 = outcomes[(outcomes["speech"] == "govreport-2020") & (outcomes["year"] == 2019)]
    assert {"urban_new_jobs": 1352, "cpi": 2.9, "gdp_growth": 6.1}.items() <= dict(zip(of_2019["canonical"], of_2019["value"])).items()
    assert 900 not in set(outcomes[outcomes["canonical"] == "urban_new_jobs"]["value"])
    assert _row(national_ledger, 2019, "urban_new_jobs")["outcome"] == 1352


def test_a_target_in_words_has_the_reason_qualitative(national_ledger):
    """2016: 进出口回稳向好, 居民收入增长和经济增长基本同步; 2015: 进出口增长6%左右 is a number."""
    trade = _row(national_ledger, 2016, "foreign_trade_growth")
    assert (trade["target"], trade["target_raw"], trade["reason"], trade["outcome"]) == (None, "进出口回稳向好", "qualitative", None)
    assert _row(national_ledger, 2016, "disposable_income_growth")["reason"] == "qualitative"
    assert _row(national_ledger, 2015, "foreign_trade_growth")["target"] == 6


def test_tolerance_is_stated_and_adjustable(national):
    """7.4 against 7.5%左右 and 6.9 against 7%左右 are within the default 0.1 point."""
    default = target_ledger(results_of(national)).ledger()
    strict = target_ledger(results_of(national), tolerance=0.0).ledger()
    for year, outcome in ((2014, 7.4), (2015, 6.9)):
        assert (_row(default, year, "gdp_growth")["outcome"], _row(default, year, "gdp_growth")["verdict"]) == (
            outcome, "met within tolerance")
        assert _row(strict, year, "gdp_growth")["verdict"] == "missed"


def test_verdict_rules():
    assert judge(7.8, 7.5, 7.5, "floor") == ("exceeded", pytest.approx(0.3))
    assert judge(7.5, 7.5, 7.5, "floor")[0] == "met"
    assert judge(7.45, 7.5, 7.5, "floor")[0] == "missed"  # not approximate: no tolerance
    assert judge(7.4, 7.5, 7.5, "floor", approximate=True)[0] == "met within tolerance"
    assert judge(7.3, 7.5, 7.5, "floor", approximate=True)[0] == "missed"
    assert judge(5.9, 6.0, 6.5, "floor", approximate=True)[0] == "met within tolerance"
    assert judge(6.6, 6.0, 6.5, "floor")[0] == "exceeded"
    assert judge(2.0, 3.0, 3.0, "ceiling")[0] == "met"
    assert judge(3.05, 3.0, 3.0, "ceiling", approximate=True)[0] == "met within tolerance"
    assert judge(3.05, 3.0, 3.0, "ceiling")[0] == "missed"
    assert judge(3.3, 3.0, 3.0, "ceiling", approximate=True, tolerance=0.5)[0] == "met within tolerance"


def test_year_each_figure_is_for():
    work_report = {"report": 2020, "reviewed": 2019}
    cases = {"今年": (2020, 2020), "去年": (2019, 2019), "过去一年": (2019, 2019), "2018年": (2018, 2018),
             "二〇一九年": (2019, 2019), "过去五年": (2015, 2019), "五年来": (2015, 2019), "明年": (2021, 2021),
             "“十三五”时期": (2016, 2020), "今后五年": (2020, 2024), "上半年": (None, None)}
    for refers, years in cases.items():
        metric = written_metric(refers=refers, raw="1%", sentence="1%")
        assert figure_years(metric, work_report["report"], work_report["reviewed"]) == years, refers
    assert figure_years(written_metric(refers=None, review=True), 2020, 2019) == (2019, 2019)
    assert figure_years(written_metric(refers=None, review=False, role="target"), 2020, 2019) == (2020, 2020)
    averaged = written_metric(refers="去年", raw="12.2%", sentence="进出口总额年均增长12.2%")
    assert figure_years(averaged, 2013, 2012) == (None, None)


def test_canonical_names_meet():
    table = default_canonical()

    def canonical(indicator, change, unit, measure):
        found = table.match(written_metric(indicator=indicator, change=change, unit=unit, measure=measure, value=1.0))
        return found.id if found else None

    assert canonical("国内生产总值", "增长", "%", "change") == "gdp_growth"
    assert canonical("经济增长预期目标", None, "%", "level") == "gdp_growth"
    assert canonical("居民消费价格涨幅", None, "%", "level") == canonical("居民消费价格", "上涨", "%", "change") == "cpi"
    assert canonical("全国城镇调查失业率", None, "%", "level") == canonical("调查失业率", None, "%", "level")
    assert canonical("财政赤字", "增加", "亿元", "change") is None  # a change is no level
    assert canonical("城镇新增就业预期目标", None, "万人", "change") is None  # 比去年多100万人
    assert canonical("粮食产量", None, "%", "level") is None  # the unit is of another kind
    assert canonical("着重对", None, "个", "level") is None
    assert canonical("城镇调查失业率平均值", None, "%", "level") == "surveyed_unemployment"
    assert canonical("粮食产量继续保持", None, "亿斤", "level") == "grain_output"
    assert canonical("全社会研发投入强度", None, "%", "level") == "rd_intensity"
    assert table.lookup(written_metric(indicator="固定资产投资", change="下降", unit="%", measure="change",
                                        value=3.3))[1] == -1  # a fall is a negative growth
    assert table.lookup(written_metric(indicator="单位地区生产总值能耗", change="下降", unit="%", measure="change",
                                        value=3.0))[1] == 1  # the indicator is the fall itself
    assert spelling("广义货币M2预期增长目标拟定", None, "level") == "广义货币M2增长"


def test_one_figure_of_two_indicators_counts_for_both():
    from speechkit.analysis.figures import shared_by_both

    metric = written_metric(indicator="广义货币M2和社会融资规模余额预期增长均", value=12.0)
    both = shared_by_both(metric)
    assert [m.indicator for m in both] == ["广义货币M2预期增长", "社会融资规模余额预期增长"]
    assert {m.value for m in both} == {12.0} and metric.indicator == "广义货币M2和社会融资规模余额预期增长均"
    assert shared_by_both(written_metric(indicator="城镇和农村居民人均可支配收入", value=1.0))[0].indicator == "城镇和农村居民人均可支配收入"


def test_an_own_canonical_table_replaces_the_bundled_one(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("id\tkind\tunit\tdirection\tfamily\tnames\nsteel\tlevel\tweight\tceiling\t\t粗钢产量\n", encoding="utf-8")
    table = read_canonical(path)
    assert table.match(written_metric(indicator="粗钢产量", unit="万吨", measure="level", value=1.0)).id == "steel"
    path.write_text("id\tkind\tunit\tdirection\tnames\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="header"):
        read_canonical(path)


def test_place_of_a_document():
    def place(text, **meta):
        found = document_place(Speech(text, Metadata(**meta)))
        return (found.name, found.level) if found else None

    assert place("海拉尔区人民政府工作报告\n各位代表：") == ("海拉尔区", "district")
    assert place("政府工作报告\n——2018年3月5日在第十三届全国人民代表大会第一次会议上\n各位代表：") == ("全国", "national")
    assert place("各位代表：\n现在，我代表国务院，向大会报告政府工作。") == ("全国", "national")
    assert place("——2025年1月13日在福建省第十四届人民代表大会第三次会议上\n各位代表：") == ("福建省", "provincial")
    assert place("——在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上") == ("海拉尔区", "district")
    assert place("2025年重庆市政府工作报告\n各位代表：") == ("重庆市", "provincial")
    assert place("各位代表：\n现在，我代表省人民政府向大会报告工作。") is None
    assert place("各位代表：", extra={"place": "某某县"}) == ("某某县", "county")


def test_hailar_and_the_nation_are_never_paired(real_dir, tmp_path):
    """A folder of national and Hailar district reports without metadata: places are
    inferred, and the 2018 national 城镇登记失业率 target (4.5%以内) gets no Hailar outcome."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in [f"govreport-{y}.txt" for y in (2016, 2017, 2018)] + [f"local-govreport-hailar-{y}.txt" for y in (2016, 2017, 2018, 2019)]:
        (folder / name).write_bytes((real_dir / name).read_bytes())
    from speechkit import read_corpus

    corpus = read_corpus(folder)
    ledger = target_ledger(results_of(corpus))
    assert ledger.warnings == []
    frame = ledger.ledger()
    assert set(frame["place"]) == {"全国", "海拉尔区"}
    places = {speech.id: document_place(speech).name for speech in corpus}
    for row in frame.dropna(subset=["outcome_speech"]).to_dict("records"):
        assert places[row["target_speech"]] == places[row["outcome_speech"]] == row["place"]
    national_2017 = frame[(frame["place"] == "全国") & (frame["year"] == 2017)]
    assert set(national_2017["outcome_speech"].dropna()) == {"govreport-2018"}
    nation_2018 = frame[(frame["place"] == "全国") & (frame["year"] == 2018)]
    assert set(nation_2018["reason"]) == {"no_next_report", "qualitative"}
    assert set(nation_2018[nation_2018["target"].notna()]["reason"]) == {"no_next_report"}


def test_provinces_2025_targets_meet_their_2026_outcomes(provinces_dir):
    """Three provinces of the tuning set, read together without metadata: each 2025 target
    is matched with its own province's 2026 report, not with the five-year review in it
    (江苏 城镇新增就业超690万人 is the “十四五” total; 141万人 the 2025 figure)."""
    names = ("guangdong", "jiangsu", "henan")
    speeches = [read_speech(provinces_dir / f"govreport-{name}-{year}.txt") for name in names for year in (2025, 2026)]
    ledger = target_ledger(results_of(speeches))
    assert ledger.warnings == []
    frame = ledger.ledger()
    assert set(frame["place"]) == {"广东省", "江苏省", "河南省"} and set(frame["level"]) == {"provincial"}
    rows = {(r["place"], r["indicator"]): r for r in frame[frame["year"] == 2025].to_dict("records")}
    assert (rows[("江苏省", "urban_new_jobs")]["outcome"], rows[("江苏省", "urban_new_jobs")]["verdict"]) == (141, "exceeded")
    assert (rows[("广东省", "gdp_growth")]["outcome"], rows[("广东省", "gdp_growth")]["verdict"]) == (3.9, "missed")
    assert (rows[("河南省", "grain_output")]["outcome"], rows[("河南省", "grain_output")]["verdict"]) == (1350.97, "exceeded")
    for row in frame.dropna(subset=["outcome_speech"]).to_dict("records"):
        assert row["target_speech"].rsplit("-", 1)[0] == row["outcome_speech"].rsplit("-", 1)[0]


def test_provincial_ledger_rows_read_by_the_structure_of_the_sentence(provinces_dir):
    """Tuning provinces: a fall is a negative growth (福建 固定资产投资下降3.3%), no change in
    words is 0 (居民消费价格与上年持平), a figure of a work section outside the announcement is
    no target (湖北 社会消费品零售总额增长7％左右), a target in words gets its outcome but no
    verdict, and the verb or statistic after the name is no part of it (城镇调查失业率平均值为,
    粮食产量继续保持)."""
    names = ("fujian", "hubei", "guangdong")
    speeches = [read_speech(provinces_dir / f"govreport-{name}-{year}.txt") for name in names for year in (2025, 2026)]
    frame = target_ledger(results_of(speeches)).ledger()
    rows = {(r["place"], r["indicator"]): {k: (None if _isna(v) else v) for k, v in r.items()}
            for r in frame[frame["year"] == 2025].to_dict("records")}
    investment = rows[("福建省", "fixed_investment_growth")]
    assert (investment["outcome"], investment["outcome_raw"], investment["verdict"]) == (-3.3, "3.3%", "missed")
    assert (rows[("福建省", "cpi")]["outcome"], rows[("福建省", "cpi")]["verdict"]) == (0.0, "met")
    assert rows[("福建省", "export_growth")]["reason"] == "different_scope"  # exports set, total trade reported
    assert ("湖北省", "retail_sales_growth") not in rows and ("湖北省", "foreign_trade_growth") not in rows
    assert (rows[("湖北省", "grain_output")]["target"], rows[("湖北省", "grain_output")]["unit"]) == (500, "亿斤")
    assert rows[("湖北省", "energy_intensity")]["reason"] == "qualitative"
    trade = rows[("广东省", "foreign_trade_growth")]
    assert (trade["target"], trade["outcome"], trade["verdict"], trade["reason"]) == (None, 4.4, None, "qualitative")
    assert (rows[("广东省", "surveyed_unemployment")]["outcome"], rows[("广东省", "surveyed_unemployment")]["verdict"]) == (5.0, "met")


def test_aims_flat_outcomes_and_reached_levels_in_written_reports():
    """Text written for the test: the kind of a figure outside the announcement, a level a
    five-year review says was reached, and a price flat in words."""
    from speechkit.analysis.figures import flat_outcomes, speech_figures

    text = ("各位代表：\n现在，我代表省人民政府，向大会报告工作。\n一、2025年工作回顾\n过去一年，地区生产总值增长5%，"
            "居民消费价格与上年持平。\n五年来，研发经费投入强度达到3.1%。\n二、2026年工作安排\n"
            "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，研发经费投入强度3.2%。\n"
            "（一）扩大内需。社会消费品零售总额增长6%左右。今年固定资产投资要增长4%。\n")
    speech = Speech(text, Metadata(title="2026年某某省政府工作报告", year=2026, extra={"place": "某某省"}))
    figures = speech_figures(speech, extract_metrics(speech))
    kinds = {(f.canonical, f.raw, f.qualifier): (f.kind, f.year) for f in figures if f.canonical}
    assert kinds[("gdp_growth", "5%", None)] == ("outcome", 2025)
    assert kinds[("rd_intensity", "3.1%", None)] == ("outcome", 2025)  # reached at the end of the five years
    assert kinds[("rd_intensity", "3.2%", None)] == ("target", 2026)
    assert kinds[("retail_sales_growth", "6%", "左右")] == ("aim", 2026)  # a section's own aim
    assert kinds[("fixed_investment_growth", "4%", None)] == ("target", 2026)  # marked by 今年 in its sentence
    flat = flat_outcomes(speech)
    assert [(f.canonical, f.value, f.year, text[f.start:f.end]) for f in flat] == [("cpi", 0.0, 2025, "居民消费价格与上年持平")]


def test_documents_of_unknown_place_are_named(tmp_path):
    opening = "各位代表：\n现在，我代表县人民政府向大会报告工作。\n"
    first = opening + "过去一年，地区生产总值增长6.2%。\n今年的主要预期目标是：地区生产总值增长6%左右。\n"
    second = opening + "过去一年，地区生产总值增长5.1%。\n今年的主要预期目标是：地区生产总值增长5%左右。\n"
    speeches = [Speech(first, Metadata(year=2020), path=tmp_path / "a.txt"),
                Speech(second, Metadata(year=2021), path=tmp_path / "b.txt")]
    ledger = target_ledger(results_of(speeches))
    assert len(ledger.warnings) == 1 and "a.txt" in ledger.warnings[0] and "b.txt" in ledger.warnings[0]
    row = _row(ledger.ledger(), 2020, "gdp_growth")
    assert (row["place"], row["outcome"], row["verdict"]) == (None, 5.1, "missed")
    placed = [Speech(first, Metadata(year=2020, extra={"place": "甲县"})),
              Speech(second, Metadata(year=2021, extra={"place": "乙县"}))]
    ledger = target_ledger(results_of(placed))
    assert ledger.warnings == [] and _row(ledger.ledger(), 2020, "gdp_growth")["reason"] == "no_next_report"


@given(st.lists(st.sampled_from(["甲市", "乙市", None]), min_size=22, max_size=22))
def test_no_row_ever_pairs_two_places(real_corpus, real_results, places):
    """Whatever place the metadata give the real documents (or none), a target and its
    outcome always come from documents of one place."""
    speeches = []
    for speech, place in zip(real_corpus, places):
        extra = {**speech.meta.extra, "place": place} if place else speech.meta.extra
        speeches.append(Speech(speech.text, Metadata(speech.meta.title, speech.meta.year, speech.meta.date,
                                                     speech.meta.speaker, speech.meta.org, extra), speech.path))
    own = {s.id: (document_place(s).name if document_place(s) else None) for s in speeches}
    frame = target_ledger(Results(Corpus(speeches), real_results.items)).ledger()
    for row in frame.dropna(subset=["outcome_speech"]).to_dict("records"):
        assert own[row["target_speech"]] == own[row["outcome_speech"]] == (row["place"] if row["place"] == row["place"] else None)


def test_cli_targets_ledger_tolerance_and_chart(monkeypatch, capsys, real_dir, tmp_path):
    folder = tmp_path / "national"
    folder.mkdir()
    for year in (2014, 2015, 2016, 2017):
        (folder / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    code, out, err = run(monkeypatch, capsys, "targets", folder, "--format", "json", "--chart", tmp_path / "t.png")
    assert code == 0, err
    rows = {(r["indicator"], r["year"]): r for r in json.loads(out)}
    assert rows[("gdp_growth", 2014)]["verdict"] == "met within tolerance"
    assert (rows[("gdp_growth", 2016)]["target_low"], rows[("gdp_growth", 2016)]["target_high"]) == (6.5, 7.0)
    assert rows[("gdp_growth", 2017)]["reason"] == "no_next_report"
    assert all((r["verdict"] in VERDICTS) != (r["reason"] in REASONS) for r in rows.values())
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    code, out, err = run(monkeypatch, capsys, "targets", folder, "--format", "json", "--tolerance", "0")
    assert code == 0 and {(r["indicator"], r["year"]): r for r in json.loads(out)}[("gdp_growth", 2014)]["verdict"] == "missed"
    code, _, err = run(monkeypatch, capsys, "targets", folder, "--table", "nope")
    assert code == 2 and err.count("\n") == 1
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "targets", folder, "--indicators", bad)
    assert code == 2 and err.count("\n") == 1 and "bad.tsv" in err


def test_cli_warns_about_documents_of_unknown_place(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "unknown"
    folder.mkdir()
    (folder / "a-2020.txt").write_text("各位代表：\n我代表县人民政府向大会报告工作。\n过去一年，地区生产总值增长6.2%。\n今年的主要预期目标是：地区生产总值增长6%左右。\n", encoding="utf-8")
    (folder / "b-2021.txt").write_text("各位代表：\n我代表县人民政府向大会报告工作。\n过去一年，地区生产总值增长5.1%。\n今年的主要预期目标是：地区生产总值增长5%左右。\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "targets", folder, "--format", "json")
    assert code == 0
    assert "a-2020.txt" in err and "b-2021.txt" in err and "place" in err


def test_indicators_by_year_give_the_year_each_figure_is_for(national):
    from speechkit.analysis.by_group.metrics import indicators_by_year, indicators_by_year_wide

    results = results_of(national)
    figures = indicators_by_year(results)
    assert {"year", "reported_in", "place", "kind", "canonical", "value", "low", "high", "unit", "raw", "start",
            "end"} <= set(figures.columns)
    texts = {speech.id: speech.text for speech in national}
    assert all(texts[r.speech][r.start : r.end] == r.raw for r in figures.itertuples())
    gdp = figures[(figures["canonical"] == "gdp_growth") & (figures["speech"] == "govreport-2017")]
    # the 2017 report: 6.7 is the 2016 outcome, 6.5 the 2017 target
    assert set(zip(gdp["year"], gdp["kind"], gdp["value"])) >= {(2016, "outcome", 6.7), (2017, "target", 6.5)}
    jobs_2020 = figures[(figures["speech"] == "govreport-2020") & (figures["canonical"] == "urban_new_jobs")]
    assert set(zip(jobs_2020["year"], jobs_2020["kind"], jobs_2020["value"])) >= {(2019, "outcome", 1352), (2020, "target", 900)}
    wide = indicators_by_year_wide(results).set_index(["place", "indicator", "kind", "unit"])
    assert wide.loc[("全国", "gdp_growth", "target", "%"), 2016] == "6.5–7"
    assert wide.loc[("全国", "gdp_growth", "outcome", "%"), 2016] == 6.7
    assert wide.loc[("全国", "urban_new_jobs", "outcome", "万人"), 2019] == 1352
    assert _isna(wide.loc[("全国", "gdp_growth", "target", "%"), 2020])  # the 2020 report sets no GDP target
    # 1.2万亿斤 (2013, in the 2014 report) and 6.07亿吨 (2014, in the 2015 report) meet in one row of 万吨
    assert (wide.loc[("全国", "grain_output", "outcome", "万吨"), 2013], wide.loc[("全国", "grain_output", "outcome", "万吨"), 2014]) == (60000, 60700)


def _isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_analyze_takes_the_tolerance_and_the_canonical_table(monkeypatch, capsys, real_dir, tmp_path):
    """``analyze --tolerance 0``: 7.4 against 7.5%左右 is missed; ``--indicators`` replaces the
    canonical table of indicators_by_year and of the ledger; a bad table stops the run in one line."""
    import pandas as pd

    folder = tmp_path / "national"
    folder.mkdir()
    for year in (2014, 2015):
        (folder / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\tkind\tunit\tdirection\tfamily\tnames\ngrowth\tgrowth\tpercent\tfloor\t\t国内生产总值增长\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(monkeypatch, capsys, "analyze", folder, "-o", out, "--no-speech-pictures", "--tolerance", "0",
                       "--indicators", mine)
    assert code == 0, err
    ledger = pd.read_csv(out / "tables" / "targets_ledger.csv")
    # Indicators the replacing table lacks stay as local indicators, under their own names.
    assert set(ledger["canonical"].dropna()) == {"growth"}
    assert "城镇新增就业" in set(ledger.loc[ledger["canonical"].isna(), "indicator"])
    assert ledger[ledger["canonical"] == "growth"].set_index("year").loc[2014, "verdict"] == "missed"
    figures = pd.read_csv(out / "tables" / "indicators_by_year.csv")
    assert set(figures["canonical"].dropna()) == {"growth"}
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "analyze", folder, "-o", tmp_path / "out2", "--indicators", bad)
    assert code == 2 and err.count("\n") == 1 and "bad.tsv" in err


def test_the_tolerance_and_the_canonical_table_are_part_of_the_run_key_not_of_a_speech(tmp_path):
    from speechkit.ingest.read import read_corpus
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.run_cache import run_key

    corpus = read_corpus(Path(__file__).resolve().parent.parent / "corpus")
    table = tmp_path / "mine.tsv"
    table.write_text("id\tkind\tunit\tdirection\tfamily\tnames\ngrowth\tgrowth\tpercent\tfloor\t\t国内生产总值增长\n", encoding="utf-8")
    plain, tolerant, own = AnalysisOptions(), AnalysisOptions(tolerance=0.2), AnalysisOptions(indicators=str(table))
    assert plain.key() == tolerant.key() == own.key()
    keys = {run_key(corpus, options, False) for options in (plain, tolerant, own)}
    assert len(keys) == 3
    assert set(own.canonical().indicators) == {"growth"} and "gdp_growth" in plain.canonical().indicators


def test_year_end_speeches_set_next_years_targets_and_review_their_own_year(demo_corpus):
    """The demo corpus: each speech on year t reviews t and sets the targets of t+1. The
    speech on 2021 sets the 2022 targets (规上工业总产值增长10%以上, 突破130亿元; 全社会固定资产投资增长
    8%以上; 全口径税收突破9.5亿元; 签约引进项目30个以上; 城镇新增就业2500人以上), local indicators
    included; the speech on 2022 gives their outcomes as * only, so none has an outcome. The
    2019 targets (speech on 2018, delivered in 2019: 做好今年工作) meet the outcomes the speech
    on 2019 reports: 97.2亿元, 12.6%, 24个, 2350人."""
    ledger_of = target_ledger(results_of(demo_corpus))
    ledger = ledger_of.ledger()
    set_in_2021 = ledger[ledger["target_speech"] == "yunxi-2021"]
    assert set(set_in_2021["year"]) == {2022}
    assert {(row["indicator"], row["canonical"] if isinstance(row["canonical"], str) else None, row["target"])
            for row in set_in_2021.to_dict("records")} == {
        ("规上工业总产值增长", None, 10.0), ("规上工业总产值", None, 130.0), ("fixed_investment_growth",
        "fixed_investment_growth", 8.0), ("全口径税收", None, 9.5), ("签约引进项目", None, 30.0),
        ("urban_new_jobs", "urban_new_jobs", 2500.0)}  # fmt: skip
    assert set_in_2021["outcome"].isna().all() and set(set_in_2021["reason"]) == {"no_outcome_figure"}
    expected_2019 = {"规上工业总产值": (100.0, 97.2, "missed"), "fixed_investment_growth": (12.0, 12.6, "exceeded"),
                     "签约项目": (20.0, 24.0, "exceeded"), "urban_new_jobs": (2200.0, 2350.0, "exceeded")}
    for indicator, (target, outcome, verdict) in expected_2019.items():
        row = _row(ledger, 2019, indicator)
        assert (row["target_speech"], row["outcome_speech"]) == ("yunxi-2018", "yunxi-2019")
        assert (row["target"], row["outcome"], row["verdict"]) == (target, outcome, verdict)
    # The targets of 2024 have no speech on 2024 to review them.
    assert set(ledger.loc[ledger["year"] == 2024, "reason"]) == {"no_next_report"}
    # No metadata place and none in the text: the documents are named in a warning.
    assert len(ledger_of.warnings) == 1 and "corpus/yunxi-2021.txt" in ledger_of.warnings[0]


def test_a_local_indicator_meets_only_outcomes_of_its_own_name(demo_corpus):
    """签约项目 (2019 target) and 签约引进项目 (2022 target) are two local names: the 2021 outcome
    签约引进项目31个 is no outcome of 签约项目, and 规上工业总产值 in 亿元 none of its growth in %."""
    ledger = target_ledger(results_of(demo_corpus)).ledger()
    local = ledger[ledger["canonical"].isna()]
    assert {"规上工业总产值", "规上工业总产值增长", "全口径税收", "签约项目", "签约引进项目"} <= set(local["indicator"])
    for row in local.dropna(subset=["outcome"]).to_dict("records"):
        assert row["outcome_name"].endswith(row["target_name"]) or row["target_name"].endswith(row["outcome_name"])
        assert row["unit"] == "%" or "%" not in row["outcome_raw"]
    assert _row(ledger, 2020, "签约项目")["reason"] == "no_outcome_figure"



def test_an_announcement_wrapped_over_lines_still_ends_the_review(provinces_dir):
    """Guangdong 2026 (outside the gold split) breaks its announcements over lines (主要目标 / 是：…):
    the review ends at the first, so a figure of the year's work is no outcome of 2025."""
    speech = read_speech(provinces_dir / "govreport-guangdong-2026.txt")
    metrics = extract_metrics(speech)
    grain = next(m for m in metrics if m.raw and m.raw.startswith("1285万吨"))
    assert (grain.indicator, grain.review) == ("粮食产量", False)
    assert all(m.review for m in metrics if m.start < speech.text.index("二、“十五五”时期的主要目标"))


def test_a_count_written_without_its_measure_meets_an_outcome_in_wan_ren():
    """减少1000万以上 (a count of people written without 人: 10,000,000) is judged against
    the next report's 1289万人, the two counted in persons; a share is never a count."""
    meta = {"extra": {"place": "某某省"}}
    speeches = [
        Speech("今年主要预期目标是：地区生产总值增长6%左右，农村贫困人口减少100万以上。",
               Metadata(title="2017年某某省政府工作报告", year=2017, **meta)),
        Speech("过去一年，地区生产总值增长6.5%，农村贫困人口减少128.9万人。",
               Metadata(title="2018年某某省政府工作报告", year=2018, **meta)),
    ]
    frame = target_ledger(results_of(speeches)).ledger()
    rows = {r["indicator"]: r for r in frame[frame["year"] == 2017].to_dict("records")}
    poverty = rows["poverty_reduction"]
    assert poverty["unit"] != poverty["unit"] and poverty["target"] == 1_000_000  # no unit: NaN
    assert (poverty["outcome"], poverty["verdict"]) == (1_289_000, "exceeded")
    assert rows["gdp_growth"]["verdict"] == "exceeded"
