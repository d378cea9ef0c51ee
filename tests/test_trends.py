"""Trend terms: ranked within one series of documents over its years, held by several documents
and years, never a word of jurisdiction; the same held and streamed."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.analysis.aggregates import Tally
from speechkit.analysis.trends import (MEASURE_VERBS, MIN_DOCUMENTS, MIN_YEARS, is_scope_word, series_key, term_trends,
                                       trend_ranking, trend_series)
from speechkit.pipeline.artefacts import TREND_TERMS
from speechkit.pipeline.options import AnalysisOptions
from speechkit.speech import Speech

OFFICIALESE = AnalysisOptions().officialese_words()
# What the trend chart of ../shared/data/real ranked when the pooled years were set apart by keyness:
# one document's vocabulary (物流: the logistics plan of 2022; 企事业: a notice of 2020; 海拉尔, 名城: the
# district's reports) and words of no content (达到; 全省: a province's word for itself).
POOLED_LEADERS = ("物流", "全省", "企事业", "海拉尔", "达到", "名城")
# ... and of corpus/: words of one or two years' speeches (复工 in 2020, 学史 and 以学 in 2021, 征地).
DEMO_FEW_SPEECHES_WORDS = ("复工", "学史", "以学", "征地")


@pytest.fixture(scope="module")
def real_results(real_corpus):
    return real_corpus.results()


@pytest.fixture(scope="module")
def real_trends(real_results):
    return term_trends(real_results, exclude=OFFICIALESE)


@pytest.fixture(scope="module")
def demo_trends(demo_corpus):
    return term_trends(demo_corpus.results(), exclude=OFFICIALESE)


def _holding(results, positions, term: str) -> tuple[int, int]:
    """The speeches of ``positions`` whose results count ``term``, and their years."""
    held = [results.corpus[i] for i in positions if term in results[i].term_counts()]
    return len(held), len({speech.year for speech in held})


def test_real_documents_are_ranked_within_the_national_work_reports(real_corpus, real_trends):
    series = real_trends.series
    assert series.label == "govreport" and series.series > 1
    assert sorted(real_corpus[i].id for i in series.positions) == sorted(
        s.id for s in real_corpus if s.id.startswith("govreport-"))
    assert series.years == (2013, 2014, 2015, 2016, 2017, 2018, 2020, 2022, 2024)


def test_one_documents_vocabulary_and_words_of_no_content_do_not_lead_the_real_chart(real_trends):
    shown = real_trends.terms(TREND_TERMS)
    assert len(shown) == TREND_TERMS
    assert not set(shown) & set(POOLED_LEADERS)
    # What the national work reports of 2013–2024 say more and less: 高质量发展 rises, 经济 falls.
    assert shown[:2] == ["高质量发展", "经济"]
    ranked = real_trends.ranking.set_index("term")
    assert ranked.loc["高质量发展", "direction"] == "rising" and ranked.loc["经济", "direction"] == "falling"


def test_the_chart_shows_the_series_own_rates(real_results, real_trends):
    """农村 is drawn from the work reports alone: 2018 is not the rural revitalisation plan's year."""
    rates = real_trends.rates
    assert list(rates.index) == list(real_trends.series.years)
    work_report_2018 = next(r for s, r in real_results.pairs() if s.id == "govreport-2018")
    expected = round(work_report_2018.term_counts().get("农村", 0) * 10_000 / work_report_2018.words, 3)
    assert rates.loc[2018, "农村"] == pytest.approx(expected)
    assert rates.loc[2018, "农村"] < 30  # the pooled 2018, with the rural plan, was 89.7 per 10,000 words


def test_every_trend_term_is_held_by_several_documents_and_years(real_results, real_trends, demo_corpus, demo_trends):
    for results, trends in ((real_results, real_trends), (demo_corpus.results(), demo_trends)):
        assert not trends.ranking.empty
        for term in trends.ranking["term"]:
            documents, years = _holding(results, trends.series.positions, term)
            assert documents >= MIN_DOCUMENTS and years >= MIN_YEARS, term
            assert not is_scope_word(term) and term not in OFFICIALESE and term not in MEASURE_VERBS


def test_words_of_few_speeches_of_the_demo_corpus_are_not_its_trends(demo_corpus, demo_trends):
    results = demo_corpus.results()
    everyone = range(len(demo_corpus))
    for term in DEMO_FEW_SPEECHES_WORDS:
        assert 0 < _holding(results, everyone, term)[0] < MIN_DOCUMENTS, term
        assert term not in set(demo_trends.ranking["term"])
    shown = demo_trends.terms(TREND_TERMS)
    assert demo_trends.series.label is None and len(shown) == TREND_TERMS
    assert {"rising", "falling"} == set(demo_trends.ranking.set_index("term").loc[shown, "direction"])


def test_the_ranking_is_the_same_held_and_streamed(real_corpus, real_trends):
    streamed = real_corpus.results(stream=True)
    assert streamed.streamed
    again = term_trends(streamed, exclude=OFFICIALESE)
    assert again.series == real_trends.series
    pd.testing.assert_frame_equal(again.ranking, real_trends.ranking)
    pd.testing.assert_frame_equal(again.rates, real_trends.rates)


@pytest.mark.parametrize(("term", "scope"), [("全省", True), ("我市", True), ("全国", True), ("本县", True),
                                             ("全面", False), ("省级", False), ("市场", False), ("全省域", False)])
def test_words_of_jurisdiction(term, scope):
    assert is_scope_word(term) is scope


def _speech(name: str, year: int | None = 2020, **meta) -> Speech:
    from speechkit.model import Metadata

    return Speech("正文。", Metadata(year=year, extra=meta), name=name)


def test_a_series_is_the_name_less_its_year_unless_the_metadata_say():
    assert series_key(_speech("govreport-2013")) == "govreport"
    assert series_key(_speech("local-govreport-hailar-2016")) == "local-govreport-hailar"
    assert series_key(_speech("2019年政府工作报告")) == "政府工作报告"
    assert series_key(_speech("2019")) == ""
    assert series_key(_speech("gd-2020", kind="work-report", place="广东省")) == "work-report / 广东省 / gd"
    assert series_key(_speech("gd-2020", series="广东省政府工作报告", kind="work-report")) == "广东省政府工作报告"


def test_names_that_never_recur_over_years_form_no_series():
    from speechkit import Corpus

    apart = Corpus([_speech("a-2020", 2020), _speech("b-2021", 2021), _speech("c-2022", 2022), _speech("undated", None)])
    series = trend_series(apart)
    assert series.label is None and series.years == (2020, 2021, 2022) and series.positions == (0, 1, 2)
    kinds = Corpus([_speech("a-2020", 2020, kind="plan"), _speech("b-2021", 2021, kind="report"),
                    _speech("c-2022", 2022, kind="report")])
    assert trend_series(kinds).label == "report" and trend_series(kinds).positions == (1, 2)


def _tally(documents: list[tuple[int, dict[str, int]]]) -> Tally:
    """The counts of a series of ``(year, {term: n})`` documents as :func:`series_tally` makes them."""
    return Tally.identity().merge_all(Tally.of({
        "terms": {year: counts}, "documents": {year: dict.fromkeys(counts, 1)},
        "words": {None: {year: 10 * sum(counts.values()) + 100}}, "speeches": {None: {year: 1}},
    }) for year, counts in documents)


TERMS = st.sampled_from(["改革", "创新", "物流", "农村", "疫情", "就业"])
DOCUMENTS = st.lists(st.tuples(st.integers(2015, 2022), st.dictionaries(TERMS, st.integers(1, 30), min_size=1)),
                     min_size=1, max_size=8)


@given(DOCUMENTS)
@example([(2020, {"物流": 30}), (2021, {"改革": 1}), (2022, {"改革": 2})])
def test_a_term_of_one_document_is_never_a_trend(documents):
    ranking, rates = trend_ranking(_tally(documents))
    years = {year for year, _ in documents}
    needed_documents = max(2, min(MIN_DOCUMENTS, len(documents)))
    needed_years = max(2, min(MIN_YEARS, len(years)))
    for term in ranking["term"]:
        holding = [year for year, counts in documents if term in counts]
        assert len(holding) >= needed_documents and len(set(holding)) >= needed_years
    assert list(rates.columns) == list(ranking["term"])
    if len(years) < 2:
        assert ranking.empty
    # Every term held as often as asked is ranked: none is lost.
    spread = {term for term in {t for _, counts in documents for t in counts}
              if sum(term in counts for _, counts in documents) >= needed_documents
              and len({year for year, counts in documents if term in counts}) >= needed_years}
    assert set(ranking["term"]) == (spread if len(years) > 1 else set())


def test_a_steady_rise_leads_a_term_every_year_repeats_alike():
    documents = [(year, {"创新": 5 + 10 * i, "改革": 20, "物流": 2}) for i, year in enumerate(range(2018, 2023))]
    ranking, _ = trend_ranking(_tally(documents))
    assert ranking["term"].iat[0] == "创新" and ranking["direction"].iat[0] == "rising"
    assert abs(ranking.set_index("term").loc["创新", "z"]) > abs(ranking.set_index("term").loc["改革", "z"])


def test_the_chart_of_the_real_documents_names_its_series_and_shows_its_years(real_corpus, real_results, real_trends):
    from speechkit.pipeline.artefacts import trend_chart_data

    rates, caption = trend_chart_data(real_corpus, real_results, AnalysisOptions(), real_trends)
    assert caption == "词频趋势（每万词；10 个系列中年份最多的：govreport）（2013–2024）"
    assert list(rates.columns) == real_trends.terms(TREND_TERMS) and list(rates.index) == list(real_trends.series.years)


def test_no_trend_chart_when_no_series_spans_two_years():
    from speechkit import Corpus
    from speechkit.model import Metadata
    from speechkit.pipeline.artefacts import trend_chart_data

    text = "我们要坚持创新发展，推进改革开放，扩大就业，加强生态保护。"
    corpus = Corpus([Speech(text, Metadata(year=year, extra={"kind": kind}), name=f"{kind}-{year}")
                     for kind, year in (("plan", 2020), ("notice", 2021), ("report", 2022))])
    trends = term_trends(corpus.results(use_cache=False), exclude=OFFICIALESE)
    assert trends.ranking.empty and trends.series.series == 3
    rates, why = trend_chart_data(corpus, corpus.results(use_cache=False), AnalysisOptions(), trends)
    assert rates is None and why.startswith("no series of documents spans two years")


def test_each_kind_of_a_mixed_corpus_ranks_its_own_series(mixed_dir):
    """With kind, level and place in the metadata, each kind's chart ranks its own series: the
    district's reports rank no verb of measure (达到) and not the district's name (海拉尔)."""
    from speechkit import read_corpus
    from speechkit.analysis.grouping import resolve_grouping

    corpus = read_corpus(mixed_dir)
    results = corpus.results()
    groups = resolve_grouping(corpus).groups
    district = term_trends(results.take(groups["district-gov-work-report"]), exclude=OFFICIALESE)
    assert district.series.years == (2016, 2017, 2018, 2019)
    assert not {"达到", "海拉尔", "全区", "名城"} & set(district.ranking["term"].head(20))
    national = term_trends(results.take(groups["national-gov-work-report"]), exclude=OFFICIALESE)
    assert national.series.label == "national-gov-work-report / national / 全国 / govreport"
    assert national.terms(2) == ["高质量发展", "经济"]


def test_the_series_own_place_is_not_a_trend():
    """A district's reports say its name more each year, as they say 创新 more: only 创新 is a trend."""
    from speechkit import Corpus
    from speechkit.model import Metadata

    def report(year: int, times: int) -> Speech:
        text = "海拉尔要坚持创新，推动改革。" * times + "各位代表，我们要扩大就业，加强生态保护。" * 4
        return Speech(text, Metadata(year=year, org="呼伦贝尔市海拉尔区人民政府"), name=f"hailar-{year}")

    corpus = Corpus([report(year, times) for year, times in ((2016, 1), (2017, 3), (2018, 6), (2019, 9))])
    trends = term_trends(corpus.results(use_cache=False), exclude=OFFICIALESE)
    ranked = set(trends.ranking["term"])
    assert "创新" in ranked and "海拉尔" not in ranked
    assert trends.ranking.set_index("term").loc["创新", "direction"] == "rising"
