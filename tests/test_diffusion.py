"""Diffusion of formulations: first use, lag, rate and disappearance per locality."""

from __future__ import annotations

import json

from cli_run import run
from speechkit import Corpus, Speech
from speechkit.analysis.diffusion import is_countable, trace_diffusion
from speechkit.model import Metadata


def speech(text: str, name: str, year: int | None, place: str | None = None) -> Speech:
    return Speech(text, Metadata(year=year, extra={"place": place} if place else {}), name=name)


def results_of(*speeches: Speech):
    """The results of ``speeches``, computed here (the user's cache untouched)."""
    return Corpus(list(speeches)).results(use_cache=False)


CENTRE = [
    speech("要牢固树立“四个意识”，坚定“四个自信”。推进“放管服”改革。", "c2016", 2016),
    speech("增强“四个意识”，做到“两个维护”。深化“放管服”改革。", "c2018", 2018),
]
LOCAL = [
    speech("全区牢固树立四个意识。推进放管服改革，实施“三个一批”工程。", "a2017", 2017, "甲区"),
    speech("全区深化放管服改革，做到“两个维护”。", "a2019", 2019, "甲区"),
    speech("推进放管服改革。", "a2020", 2020, "甲区"),
    speech("全县推进招商引资。", "b2018", 2018, "乙县"),
]


def test_first_use_lag_rate_and_dropping_per_locality():
    result = trace_diffusion(results_of(*LOCAL), CENTRE, locality="place")
    central = result.formulation_frame().set_index("formulation")
    assert central.loc["四个意识", "first_year"] == 2016 and central.loc["两个维护", "first_year"] == 2018
    adoption = result.adoption_frame().set_index(["formulation", "place"])
    # Counted as text: 四个意识 and 放管服 without quotes in the local speeches.
    assert adoption.loc[("四个意识", "甲区"), "first_year"] == 2017 and adoption.loc[("四个意识", "甲区"), "lag"] == 1
    assert adoption.loc[("放管服", "甲区"), "count"] == 3 and adoption.loc[("放管服", "甲区"), "last_year"] == 2020
    assert adoption.loc[("两个维护", "甲区"), "lag"] == 1
    # 四个意识 last seen in 2017 while 甲区 spoke on until 2020: dropped.
    assert bool(adoption.loc[("四个意识", "甲区"), "dropped"]) and not bool(adoption.loc[("放管服", "甲区"), "dropped"])
    assert adoption.loc[("放管服", "甲区"), "per_10k"] > 0
    never = result.never_adopted_frame()
    assert {"四个意识", "放管服", "两个维护"} <= set(never[never["place"] == "乙县"]["formulation"])
    local = result.local_only_frame()
    assert local[["place", "formulation", "first_year"]].values.tolist() == [["甲区", "三个一批", 2017]]
    lags = result.lag_matrix()
    assert lags.loc["四个意识", "甲区"] == 1 and lags.loc["四个意识", "乙县"] != lags.loc["四个意识", "乙县"]  # NaN


def test_single_characters_are_not_counted_as_formulations():
    assert not is_countable("稳") and not is_countable("1310") and is_countable("六稳")


def test_real_national_reports_to_hailar(real_corpus):
    references = [s for s in real_corpus if s.id.startswith("govreport-")]
    local = [s for s in real_corpus if s.id.startswith("local-govreport-hailar")]
    result = trace_diffusion(results_of(*local), references, locality="speaker")
    central = result.formulation_frame().set_index("formulation")
    assert central.loc["一带一路", "first_year"] == 2015  # first in the 2015 report of this set
    adoption = result.adoption_frame()
    assert set(adoption.columns) >= {"formulation", "speaker", "first_year", "lag", "per_10k", "dropped"}
    belt = adoption[adoption["formulation"] == "一带一路"]
    assert not belt.empty and (belt["lag"] >= 1).all()
    texts = {s.id: s.text for s in local}
    for usages in result.usage.values():
        for usage in usages:
            assert usage.count > 0 and usage.speech in texts


def test_cli_diffusion(monkeypatch, capsys, tmp_path, real_dir):
    centre, local = tmp_path / "centre", tmp_path / "local"
    centre.mkdir()
    local.mkdir()
    for year in (2015, 2016, 2017, 2018):
        (centre / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    for year in (2016, 2017, 2018, 2019):
        (local / f"hailar-{year}.txt").write_bytes((real_dir / f"local-govreport-hailar-{year}.txt").read_bytes())
    (local / "metadata.csv").write_text("file,place\n" + "".join(f"hailar-{y}.txt,海拉尔区\n" for y in range(2016, 2020)), encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "diffusion", local, "--reference", centre, "--by", "place", "--format", "json",
                         "--chart", tmp_path / "lags.png", "--timeline", tmp_path / "timeline.png")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and {r["place"] for r in rows} == {"海拉尔区"}
    assert (tmp_path / "lags.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "timeline.png").read_bytes()[:4] == b"\x89PNG"
    code, _, err = run(monkeypatch, capsys, "diffusion", local, "--reference", centre, "--table", "bad")
    assert code == 2 and err.count("\n") == 1


def test_word_counts_and_own_formulations_come_from_the_results():
    results = results_of(*LOCAL)
    traced = trace_diffusion(results, CENTRE, locality="place")
    # The local formulation is the one of a2017's result, with its kind there.
    own = {slogan.text: slogan.kind for slogan in results[0].slogans}
    assert traced.local_only_frame()[["formulation", "kind"]].values.tolist() == [["三个一批", own["三个一批"]]]
    words = sum(r.words for s, r in results.pairs() if s.meta.get("place") == "甲区")
    rates = traced.adoption_frame().set_index(["formulation", "place"])["per_10k"]
    assert rates[("放管服", "甲区")] == round(3 * 1e4 / words, 3)


# --- core formulations, word boundaries, fragments, censoring ---------------------------


def test_hailar_traces_core_formulations_against_the_national_reports_with_censored_lags(mixed_dir):
    import speechkit as sk

    corpus = sk.read_corpus(mixed_dir)
    national = [s for s in corpus if s.meta.get("kind") == "national-gov-work-report"]
    hailar = [s for s in corpus if s.meta.get("place") == "海拉尔区"]
    assert len(national) == 13 and [s.year for s in hailar] == [2016, 2017, 2018, 2019]
    result = trace_diffusion(results_of(*hailar), national, locality="place")
    central = result.formulation_frame().set_index("formulation")
    assert central.loc["供给侧结构性改革", "first_year"] == 2016 and central.loc["供给侧结构性改革", "source"] == "core"
    assert {"新常态", "高质量发展", "乡村振兴"} <= set(central.index)
    # 乡村振兴 and 乡村振兴战略 are one entry.
    assert "乡村振兴战略" not in central.index and "乡村振兴战略" in central.loc["乡村振兴", "forms"].split("|")
    adoption = result.adoption_frame().set_index("formulation")
    supply = adoption.loc["供给侧结构性改革"]
    # In Hailar's first document (2016): adopted in 2016 or before, as far as the window shows.
    assert supply["window_first_year"] == 2016 and bool(supply["censored"]) and supply["lag_text"] == "≤ 0"
    quality = adoption.loc["高质量发展"]
    assert quality["first_year"] == 2018 and not bool(quality["censored"]) and quality["lag_text"] == "0"
    assert bool(adoption.loc["新常态", "censored"])
    censored = result.censored_matrix()
    assert censored.loc["供给侧结构性改革", "海拉尔区"] and not censored.loc["高质量发展", "海拉尔区"]
    # Nothing traced is a fragment of a longer word.
    assert not {"三中、四中、五中", "一开放", "九五"} & set(central.index)


def test_a_formulation_is_not_matched_inside_a_longer_term():
    centre = [speech("积极推进两岸“三通”。", "c2008", 2008)]
    local = [speech("完成了教育信息化“三通两平台”建设。", "a2017", 2017, "甲区"),
             speech("全面实现两岸三通，推进三通两平台应用。", "b2018", 2018, "乙区")]
    result = trace_diffusion(results_of(*local), centre, locality="place")
    assert "三通" in result.formulation_frame()["formulation"].tolist()
    adoption = result.adoption_frame()
    used = adoption[adoption["formulation"] == "三通"]
    # 甲区 speaks only of 三通两平台; 乙区 of 两岸三通 once (its 三通两平台 is the longer term again).
    assert used["place"].tolist() == ["乙区"] and used["count"].tolist() == [1]


def test_fragments_of_longer_words_are_not_formulations():
    from speechkit.analysis.diffusion import is_fragment

    centre = [speech("深入学习党的十八届三中、四中、五中全会精神。坚持“五统一、一开放”。开展“九五”普法。推进“三严三实”。",
                     "c2016", 2016)]
    traced = set(trace_diffusion(results_of(speech("推进三严三实。", "a2017", 2017, "甲区")), centre, locality="place")
                 .formulation_frame()["formulation"])
    assert "三严三实" in traced and not traced & {"三中、四中、五中", "一开放", "九五"}
    assert is_fragment("三中、四中、五中") and is_fragment("一开放", "numbered") and is_fragment("九五")
    assert not is_fragment("一带一路", "numbered") and not is_fragment("三通", "numbered")


def test_a_word_boundary_is_needed_at_both_ends():
    centre = [speech("积极推进两岸“三通”。", "c2008", 2008)]
    result = trace_diffusion(results_of(speech("建设三通道。实现三通。", "a2016", 2016, "甲区")), centre, locality="place")
    adoption = result.adoption_frame().set_index("formulation")
    # 三通道 is segmented 三/通道: 三通 would end inside the word 通道 there.
    assert adoption.loc["三通", "count"] == 1


def test_negative_lags_are_flagged_and_the_lag_chart_leaves_out_empty_rows(tmp_path):
    import numpy as np
    from PIL import Image

    from speechkit.render.charts import adoption_lag_chart

    centre = [speech("坚持“两学一做”。", "c2016", 2016), speech("推进“放管服”改革，坚持“两学一做”。", "c2018", 2018)]
    local = [speech("开展工作。", "a2015", 2015, "甲区"), speech("深化放管服改革。", "a2017", 2017, "甲区"),
             speech("坚持两学一做。", "b2016", 2016, "乙区")]
    result = trace_diffusion(results_of(*local), centre, locality="place", core=_no_core())
    adoption = result.adoption_frame().set_index(["formulation", "place"])
    early = adoption.loc[("放管服", "甲区")]
    assert early["lag"] == -1 and bool(early["before_reference"]) and not bool(early["censored"])
    assert bool(adoption.loc[("两学一做", "乙区"), "censored"])
    lags, censored = result.lag_matrix(), result.censored_matrix()
    assert set(lags.index) == {"放管服", "两学一做"} and censored.loc["两学一做", "乙区"]
    path = adoption_lag_chart(lags, tmp_path / "lags.png", censored=censored)
    assert np.asarray(Image.open(path)).std() > 0


def _no_core():
    from speechkit.extract.slogans.lexicon import Lexicon

    return Lexicon([])


def test_cli_diffusion_takes_a_core_list_of_ones_own(monkeypatch, capsys, tmp_path):
    centre, local = tmp_path / "centre", tmp_path / "local"
    centre.mkdir()
    local.mkdir()
    (centre / "c-2016.txt").write_text("推进“放管服”改革。建设美丽乡村。", encoding="utf-8")
    (local / "a-2017.txt").write_text("推进放管服改革，建设美丽乡村。", encoding="utf-8")
    table = tmp_path / "core.tsv"
    table.write_text("canonical\tvariants\tkind\tgloss\tnot_after\n美丽乡村\t\tgoal\t农村建设目标\t\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "diffusion", local, "--reference", centre, "--table", "formulations",
                         "--format", "json", "--core", table)
    rows = {row["formulation"]: row for row in json.loads(out)}
    assert code == 0 and rows["美丽乡村"]["source"] == "core" and rows["放管服"]["source"] == "reference"
    assert "高质量发展" not in rows
    code, out, err = run(monkeypatch, capsys, "diffusion", local, "--reference", centre, "--core", tmp_path / "none.tsv")
    assert code == 2 and "core formulation list not found" in err
