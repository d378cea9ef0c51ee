"""Diffusion of formulations: first use, lag, rate and disappearance per locality."""

from __future__ import annotations

import json

from cli_run import run
from speechkit import Speech
from speechkit.analysis.diffusion import is_countable, trace_diffusion
from speechkit.model import Metadata


def speech(text: str, name: str, year: int | None, place: str | None = None) -> Speech:
    return Speech(text, Metadata(year=year, extra={"place": place} if place else {}), name=name)


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
    result = trace_diffusion(LOCAL, CENTRE, by="place")
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
    result = trace_diffusion(local, references, by="speaker")
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


def test_known_word_counts_and_formulations_are_used_as_given():
    from speechkit.extract.slogans.slogans import extract_slogans

    words = {s.id: 1000 for s in LOCAL}
    slogans = {s.id: extract_slogans(s) for s in LOCAL}
    given = trace_diffusion(LOCAL, CENTRE, by="place", words=words, slogans=slogans)
    computed = trace_diffusion(LOCAL, CENTRE, by="place")
    assert given.local_only == computed.local_only
    rates = given.adoption_frame().set_index(["formulation", "place"])["per_10k"]
    assert rates[("放管服", "甲区")] == round(3 * 1e4 / 3000, 3)
