"""Tables by year a researcher can publish: indicators for the reviewed year, undated
documents reported, terms and core formulations counted as text, grouping by any variable."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from cli_run import run
from conftest import real_speech, results_of
from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechkit.analysis.by_group.metrics import convert, indicator_table, indicator_values, reviewed_year
from speechkit.analysis.by_group.slogans import new_and_dropped, new_and_dropped_frame, slogan_timeline
from speechkit.corpus import Corpus, group_key, ungrouped, ungrouped_warning
from speechkit.errors import SpeechkitError
from speechkit.extract.metrics.units import default_units
from speechkit.extract.phrases import core_formulation_slogans, count_phrases, missing_terms, missing_terms_warning, term_counts
from speechkit.extract.slogans.lexicon import Formulation, Lexicon, load_core_formulations, read_core_list
from speechkit.model import Metadata
from speechkit.render.report import format_cell, format_number
from speechkit.speech import Speech

NATIONAL = [f"govreport-{year}" for year in range(2013, 2019)]


@pytest.fixture(scope="module")
def national(real_corpus):
    return Corpus([real_speech(real_corpus, name) for name in NATIONAL])


@pytest.fixture(scope="module")
def national_values(national):
    return indicator_values(results_of(national))


def restamped(speech: Speech, **meta) -> Speech:
    """The same text under other metadata (as a metadata.csv row would give it)."""
    extra = {k: v for k, v in meta.items() if k not in ("year", "title", "org")}
    fields = {k: meta.get(k, getattr(speech.meta, k)) for k in ("year", "title", "org")}
    return Speech(speech.text, Metadata(**fields, extra=extra), name=speech.id)


def short(text: str, year: int = 2013, title: str = "2013年政府工作报告", name: str = "short") -> Speech:
    return Speech(text, Metadata(title=title, year=year), name=name)


# --- Indicators by year ------------------------------------------------------------------


def test_gdp_by_year_is_each_national_reports_figure_for_the_year_it_reviews(national, national_values):
    table = indicator_table(results_of(national))
    # Read in the reports: 2013 "从26.6万亿元增加到51.9万亿元" (2007 → 2012), 2018 "从54万亿元增加到82.7万亿元".
    expected = {2013: 51.9, 2014: 56.9, 2015: 63.6, 2016: 67.7, 2017: 74.4, 2018: 82.7}
    assert table.loc[("国内生产总值", "万亿元")].to_dict() == expected
    growth = {2013: 7.8, 2014: 7.7, 2015: 7.4, 2016: 6.9, 2017: 6.7, 2018: 6.9}
    assert table.loc[("国内生产总值增长", "%")].to_dict() == growth
    gdp = national_values[national_values["indicator"] == "国内生产总值"]
    assert list(gdp["reviewed_year"]) == [2012, 2013, 2014, 2015, 2016, 2017]
    assert list(gdp["speech"]) == NATIONAL
    for speech, written in zip(national, gdp["written"]):
        assert "国内生产总值" in speech.text and written in speech.text


def test_grain_output_is_in_wan_tonnes(national):
    row = indicator_table(results_of(national)).loc[("粮食产量", "万吨")]
    # 2014: 超过1.2万亿斤 = 6亿吨; 2015: 6.07亿吨.
    assert row[2014] == 60000.0 and row[2015] == 60700.0


def test_new_urban_jobs_are_yearly_figures_not_five_year_totals(national):
    row = indicator_table(results_of(national)).loc[("城镇新增就业", "万人")]
    # 2016 also says 超过6400万人 and 5000万人以上, 2018 says 6600万人以上 (five-year totals).
    assert row.to_dict() == {2013: 1266.0, 2014: 1310.0, 2015: 1322.0, 2016: 1312.0, 2017: 1314.0, 2018: 1351.0}


def test_phrases_that_measure_nothing_have_no_row(real_corpus):
    names = set(indicator_table(results_of(real_corpus)).index.get_level_values("indicator"))
    assert not names & {"人口", "中国人", "学生", "头", "方面", "连续"}
    assert {"国内生产总值", "地区生产总值", "城镇新增就业"} <= names


def test_levels_never_share_a_row(real_corpus):
    speeches = [
        restamped(real_speech(real_corpus, "govreport-2016"), level="national"),
        restamped(real_speech(real_corpus, "local-govreport-hailar-2016"), level="district"),
    ]
    table = indicator_table(results_of(speeches), level="level")
    assert table.index.names == ["level", "indicator", "unit"]
    assert table.loc[("national", "城镇新增就业", "万人"), 2016] == 1312.0
    district = table.loc["district"]
    assert ("国内生产总值", "万亿元") not in district.index and ("地区生产总值", "亿元") in district.index
    values = indicator_values(results_of(speeches), level="level")
    assert set(values.groupby("level")["speech"].agg(lambda s: frozenset(s))) == {
        frozenset({"govreport-2016"}), frozenset({"local-govreport-hailar-2016"})}


@pytest.mark.parametrize(
    ("text", "indicator", "value"),
    [
        ("国内生产总值从10万亿元增加到12万亿元。", "国内生产总值", 12.0),  # not the start of the range
        ("五年来，国内生产总值年均增长7%。国内生产总值增长6%。", "国内生产总值增长", 6.0),  # not the average
        ("城镇新增就业6600万人以上。城镇新增就业1351万人。", "城镇新增就业", 1351.0),  # exact first
        ("2010年国内生产总值为5万亿元。国内生产总值达到8万亿元。", "国内生产总值", 8.0),  # not another year
        ("粮食产量达到6.07亿吨。", "粮食产量", 60700.0),
    ],
)
def test_the_value_of_the_reviewed_year_is_chosen(text, indicator, value):
    values = indicator_values(results_of([short(text)]))
    row = values[values["indicator"] == indicator].iloc[0]
    assert row["value"] == value and row["reviewed_year"] == 2012 and row["speech"] == "short"


def test_reviewed_year_of_a_work_report_is_the_year_before():
    assert reviewed_year(short("…", 2015, "2015年政府工作报告")) == 2014
    assert reviewed_year(short("…", 2022, "在2022年度工作总结大会上的讲话")) == 2022
    assert reviewed_year(Speech("…", Metadata(year=2019, extra={"kind": "district-gov-work-report"}))) == 2018
    assert reviewed_year(short("…", None)) is None


def test_redacted_figures_stay_redacted():
    table = indicator_table(results_of([short("全年完成规上工业总产值*亿元，增长*%。", 2020, "2020年度工作总结")]))
    assert table.loc[("规上工业总产值", "亿元"), 2020] == "redacted"
    assert table.loc[("规上工业总产值增长", "%"), 2020] == "redacted"


WEIGHTS = ["万吨", "吨", "亿吨", "万斤", "亿斤", "万亿斤", "斤", "公斤"]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.floats(min_value=0.01, max_value=1e6), st.sampled_from(WEIGHTS), st.sampled_from(WEIGHTS))
@example(6.07, "亿吨", "万吨")
def test_converting_weights_there_and_back_gives_the_value(value, written, unit):
    units = default_units()
    there = convert(value, written, unit, units)
    assert convert(there, unit, written, units) == pytest.approx(value, rel=1e-5)


def test_conversions_need_one_base():
    units = default_units()
    assert convert(1.2, "万亿斤", "万吨", units) == 60000.0
    assert convert(28000.0, "万元", "亿元", units) == 2.8
    assert convert(5.0, "万人", "亿元", units) == 5.0  # different bases: left as written
    assert convert(None, "亿元", "亿元", units) == "redacted"


# --- Undated documents -------------------------------------------------------------------


def test_a_document_without_a_year_is_reported(real_corpus, national):
    assert ungrouped(real_corpus) == ["party-congress-19"]
    warning = ungrouped_warning(ungrouped(real_corpus))
    assert "party-congress-19" in warning and "metadata.csv" in warning and "\n" not in warning
    assert ungrouped_warning([]) is None
    congress = real_speech(real_corpus, "party-congress-19")
    timeline = slogan_timeline([*national, congress])
    assert timeline.attrs["ungrouped"] == ["party-congress-19"]
    assert indicator_table(results_of([*national, congress])).attrs["ungrouped"] == ["party-congress-19"]
    # Dated (as a metadata.csv row would do), the 19th congress report of 2017 moves 四个自信 to 2017.
    assert timeline.loc["四个自信", "first_year"] == 2018
    dated = slogan_timeline([*national, restamped(congress, year=2017)])
    assert dated.loc["四个自信", "first_year"] == 2017 and dated.attrs["ungrouped"] == []


def test_warning_counts_several_documents():
    warning = ungrouped_warning([f"d{i}" for i in range(7)], by="kind")
    assert warning.startswith("warning: 7 documents have no kind") and "and 2 more" in warning


# --- Terms counted as text ---------------------------------------------------------------


def test_new_normal_is_counted_three_times_in_2015(real_corpus):
    speech = real_speech(real_corpus, "govreport-2015")
    assert term_counts(speech, ["新常态", "供给侧结构性改革"]) == {"新常态": 3, "供给侧结构性改革": 0}


def test_a_term_said_nowhere_is_warned_about(national):
    counts = [term_counts(speech, ["新常态", "新质生产力"]) for speech in national]
    assert missing_terms(counts, ["新常态", "新质生产力"]) == ["新质生产力"]
    assert missing_terms_warning(["新质生产力"]).endswith("occurs in no document of the corpus (check the spelling)")
    assert missing_terms_warning([]) is None


def _reference_counts(text: str, phrases: list[str]) -> dict[str, int]:
    """Leftmost-longest, non-overlapping, by brute force."""
    counts = dict.fromkeys(phrases, 0)
    position = 0
    while position < len(text):
        matches = [p for p in phrases if p and text.startswith(p, position)]
        if not matches:
            position += 1
            continue
        longest = max(matches, key=len)
        counts[longest] += 1
        position += len(longest)
    return counts


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet="新常态经济", max_size=30), st.lists(st.text(alphabet="新常态经济", min_size=1, max_size=4), min_size=1, max_size=4, unique=True))
@example("经济新常态新常态", ["新常态", "经济新常态"])
def test_phrase_counts_are_leftmost_longest_without_overlap(text, phrases):
    assert count_phrases(text, phrases) == _reference_counts(text, phrases)


# --- Core formulations -------------------------------------------------------------------


def test_supply_side_reform_is_first_said_in_2016(national):
    # Read in the reports: no 供给侧结构性改革 before the 2016 report, which says it five times.
    assert [("供给侧结构性改革" in s.text) for s in national] == [False, False, False, True, True, True]
    timeline = slogan_timeline(national)
    row = timeline.loc["供给侧结构性改革"]
    assert row["first_year"] == 2016 and row[2016] == 5 and row["kind"] == "core"
    for text in ("脱贫攻坚", "新发展理念"):
        assert timeline.loc[text, "first_year"] == 2016


def test_a_formulation_inside_another_phrase_is_not_counted(real_corpus):
    report = real_speech(real_corpus, "govreport-2013")
    assert "创新发展理念" in report.text
    assert "新发展理念" not in {s.text for s in core_formulation_slogans(report)}


def test_core_slogans_point_into_the_text(real_corpus):
    speech = real_speech(real_corpus, "party-congress-20")
    slogans = {s.text: s for s in core_formulation_slogans(speech)}
    assert {"中国式现代化", "新发展理念", "脱贫攻坚"} <= set(slogans)
    for slogan in slogans.values():
        assert slogan.count == len(slogan.spans)
        assert all(speech.text[a:b] in (slogan.text, *slogan.variants) for a, b in slogan.spans)
        assert slogan.gloss and slogan.subkind


def test_the_core_list_can_be_replaced(tmp_path):
    path = tmp_path / "core.tsv"
    path.write_text("canonical\tvariants\tkind\tgloss\tnot_after\n园区二次创业\t二次创业\tgoal\t园区目标\t\n", encoding="utf-8")
    core = read_core_list(path)
    speech = short("推进园区二次创业，二次创业见成效。新常态。", 2023, "2023年度工作总结")
    found = core_formulation_slogans(speech, core)
    assert [(s.text, s.count, s.variants) for s in found] == [("园区二次创业", 2, ["二次创业"])]
    assert slogan_timeline([speech], core=core).loc["园区二次创业", 2023] == 2
    bad = tmp_path / "bad.tsv"
    bad.write_text("canonical\tkind\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="header"):
        read_core_list(bad)
    with pytest.raises(SpeechkitError, match="not found"):
        load_core_formulations(tmp_path / "absent.tsv")


def test_bundled_list_holds_the_formulations_the_timeline_missed():
    texts = set(load_core_formulations().texts())
    assert {"供给侧结构性改革", "新质生产力", "脱贫攻坚", "新发展理念", "中国式现代化"} <= texts


def test_not_after_applies_to_every_spelling():
    core = Lexicon([Formulation("新发展理念", ("新理念",), "policy", "", "创", core=True)])
    assert [(a, b) for a, b, _ in core.find("创新发展理念，新发展理念，创新理念")] == [(7, 12)]


# --- Grouping by any variable ------------------------------------------------------------


def test_group_key_reads_any_variable():
    speech = Speech("文本", Metadata(year=2020, extra={"kind": "national", "level": " "}), name="a")
    assert group_key(speech) == 2020 and group_key(speech, "speech") == "a"
    assert group_key(speech, "kind") == "national" and group_key(speech, "level") is None
    assert group_key(speech, "absent") is None


def test_tables_by_a_manifest_column(real_corpus):
    kinds = {"govreport-2016": "national", "govreport-2017": "national",
             "local-govreport-hailar-2016": "district", "local-govreport-hailar-2017": "district"}
    corpus = Corpus([restamped(real_speech(real_corpus, name), kind=kind) for name, kind in kinds.items()])
    assert list(corpus.groups("kind")) == ["district", "national"]
    timeline = corpus.slogans(by="kind")
    assert [c for c in timeline.columns if c in ("district", "national")] == ["district", "national"]
    def said(kind):
        return sum(s.text.count("供给侧结构性改革") + s.text.count("供给侧改革") for s in corpus if s.meta.get("kind") == kind)

    assert timeline.loc["供给侧结构性改革", "national"] == said("national") == 10
    assert timeline.loc["供给侧结构性改革", "district"] == said("district") == 2
    indicators = indicator_table(results_of(corpus), by="kind")
    assert list(indicators.columns) == ["district", "national"]
    assert indicators.loc[("地区生产总值", "亿元"), "national"] is None


def test_new_and_dropped_as_a_table(demo_corpus):
    frame = new_and_dropped_frame(new_and_dropped(demo_corpus.slogans()))
    assert list(frame.columns) == ["year", "previous_year", "adjacent", "change", "slogan"]
    assert ((frame["year"] == 2021) & (frame["change"] == "new") & (frame["slogan"] == "两个确立")).any()
    assert ((frame["year"] == 2020) & (frame["change"] == "dropped") & (frame["slogan"] == "项目建设年")).any()
    assert list(new_and_dropped_frame({}).columns) == ["year", "previous_year", "adjacent", "change", "slogan"]


# --- Report numbers and small command fixes ----------------------------------------------


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
@example(400000.0)
@example(2013.0)
@example(9999.99)
def test_report_numbers_never_use_exponents(value):
    text = format_number(value)
    assert "e" not in text and not text.endswith(".0")
    back = float(text.replace(",", ""))
    # Four significant digits, whole numbers from 10,000 on, at most ten decimals.
    assert math.isclose(back, value, rel_tol=1e-3, abs_tol=0.5 if abs(value) >= 10_000 else 1e-10)


def test_report_cells():
    assert format_cell(2013.0) == "2013" and format_cell(400000.0) == "400,000"
    assert format_cell(float("nan")) == "" and format_cell(None) == "" and format_cell("redacted") == "redacted"


def test_template_then_fill_round_trip(monkeypatch, capsys, tmp_path):
    source = Path(__file__).resolve().parent.parent / "corpus" / "yunxi-2020.txt"
    slots = tmp_path / "slots.tsv"
    code, _, err = run(monkeypatch, capsys, "placeholders", source, "--template", "-o", slots)
    assert code == 0, err
    lines = slots.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[-1] == "value"
    number = next(line.split("\t") for line in lines[1:] if line.split("\t")[3] == "规上工业总产值")
    lines[lines.index("\t".join(number))] = "\t".join([*number[:-1], "98.6"])
    slots.write_text("\n".join(lines) + "\n", encoding="utf-8")
    filled = tmp_path / "filled.txt"
    code, _, err = run(monkeypatch, capsys, "fill", source, slots, "-o", filled)
    assert code == 0, err
    assert "规上工业总产值98.6亿元" in filled.read_text(encoding="utf-8")


def test_wordcloud_output_without_suffix_is_a_png(monkeypatch, capsys, tmp_path):
    source = Path(__file__).resolve().parent.parent / "corpus" / "yunxi-2018.txt"
    code, out, err = run(monkeypatch, capsys, "wordcloud", source, "-o", tmp_path / "cloud", "--width", "300", "--height", "200")
    assert code == 0, err
    assert (tmp_path / "cloud.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, _, err = run(monkeypatch, capsys, "wordcloud", source, "-o", tmp_path / "cloud.jpg")
    assert code == 2 and "PNG" in err and "Traceback" not in err and not (tmp_path / "cloud.jpg").exists()


def test_idf_of_one_document_warns(monkeypatch, capsys, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text((Path(__file__).resolve().parent.parent / "corpus" / "yunxi-2018.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, "idf", folder, "-o", tmp_path / "idf.txt")
    assert code == 0 and re.search(r"IDF of one document is meaningless", err)
    code, _, err = run(monkeypatch, capsys, "idf", Path(__file__).resolve().parent.parent / "corpus", "-o", tmp_path / "idf6.txt")
    assert code == 0 and "meaningless" not in err


def test_a_redacted_value_without_unit_beside_values_with_one_gives_a_table():
    """A redacted figure with no unit (完成投资*亿元，完成*) beside figures with units:
    pandas' string columns read the missing unit back as NaN, which must neither break
    the sort of the rows nor become a key of its own."""
    from speechkit import Speech
    from speechkit.model import Metadata

    speeches = [
        Speech("2021年，全年完成投资*亿元，完成*，省重点项目完成投资*亿元，完成*。地区生产总值增长6.2%。",
               Metadata(year=2021), name="a"),
        Speech("2022年，全年完成投资120亿元，完成*，省重点项目完成投资*亿元，完成*。地区生产总值增长5.1%。",
               Metadata(year=2022), name="b"),
    ]
    table = indicator_table(results_of(speeches))
    assert table.loc[("投资", "亿元"), 2021] == "redacted" and table.loc[("投资", "亿元"), 2022] == 120
    unitless = [key for key in table.index if key[0] == "投资" and not isinstance(key[1], str)]
    assert len(unitless) == 1 and table.loc[unitless[0], 2021] == table.loc[unitless[0], 2022] == "redacted"
