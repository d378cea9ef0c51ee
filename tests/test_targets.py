"""Targets and outcomes: each target of year t against the outcome reported in year t+1."""

from __future__ import annotations

import json
import re

import pytest

from cli_run import run
from conftest import real_speech
from speechkit import Speech
from speechkit.analysis.targets import bound_of, indicator_key, target_ledger
from speechkit.model import Metadata

# (indicator as the ledger names it, year): (target, outcome, verdict), read from the
# national work reports 2013–2018: the target in year t's report, the figure for t in
# year t+1's. A pair is absent where the later report gives no figure for the year.
NATIONAL = {
    ("国内生产总值", 2013): (7.5, 7.7, "exceeded"),
    ("国内生产总值", 2014): (7.5, 7.4, "missed"),
    ("国内生产总值", 2015): (7.0, 6.9, "missed"),
    ("国内生产总值", 2016): (6.5, 6.7, "met"),  # the target is the range 6.5%－7%
    ("国内生产总值", 2017): (6.5, 6.9, "exceeded"),
    ("居民消费价格涨幅", 2013): (3.5, 2.6, "met"),
    ("居民消费价格涨幅", 2014): (3.5, 2.0, "met"),
    ("居民消费价格涨幅", 2016): (3.0, 2.0, "met"),
    ("城镇新增就业", 2013): (900, 1310, "exceeded"),
    ("城镇新增就业", 2014): (1000, 1322, "exceeded"),
    ("城镇新增就业", 2015): (1000, 1312, "exceeded"),
    ("城镇新增就业", 2016): (1000, 1314, "exceeded"),
    ("城镇新增就业", 2017): (1100, 1351, "exceeded"),
    ("城镇登记失业率", 2013): (4.6, 4.1, "met"),
    ("城镇登记失业率", 2016): (4.5, 4.02, "met"),
}
NO_OUTCOME = [("居民消费价格涨幅", 2015), ("居民消费价格涨幅", 2017), ("城镇登记失业率", 2014), ("城镇登记失业率", 2015),
              ("城镇登记失业率", 2017), ("国内生产总值", 2018)]


@pytest.fixture(scope="module")
def national_ledger(real_corpus):
    reports = [real_speech(real_corpus, f"govreport-{year}") for year in range(2013, 2019)]
    return reports, target_ledger(reports).ledger()


def test_national_targets_meet_their_outcomes(national_ledger):
    reports, ledger = national_ledger
    rows = {(r["indicator"], r["year"]): r for r in ledger.to_dict("records")}
    for key, (target, outcome, verdict) in NATIONAL.items():
        row = rows[key]
        assert (row["target"], row["outcome"], row["verdict"]) == (target, outcome, verdict), key
        assert row["unit"] in ("%", "万人")
    for key in NO_OUTCOME:
        assert rows[key]["outcome"] != rows[key]["outcome"], key  # NaN: nothing reported
    by_id = {r.id: r for r in reports}
    for row in ledger.dropna(subset=["outcome"]).to_dict("records"):
        written = by_id[row["outcome_speech"]].text[row["outcome_start"] : row["outcome_end"]]
        assert float(re.match(r"[\d.]+", written).group()) == row["outcome"], written
        assert row["target_speech"] == f"govreport-{row['year']}"


def test_bounds_and_verdicts():
    assert bound_of("以上") == "at_least" and bound_of("以内") == "at_most" and bound_of("左右") == "about" and bound_of(None) == "about"
    assert indicator_key("年末城镇登记失业率") == indicator_key("城镇登记失业率")
    assert indicator_key("居民消费价格涨幅") == indicator_key("居民消费价格")
    text = (
        "过去一年，全县生产总值增长6.2%，居民消费价格上涨2.8%。过去五年，城镇新增就业5万人。\n"
        "今年的主要预期目标是：生产总值增长6%左右，居民消费价格涨幅控制在3%左右，城镇新增就业1万人以上。\n"
    )
    following = "过去一年，全县生产总值增长5.1%，居民消费价格上涨3.4%，城镇新增就业1.2万人。\n今年的主要预期目标是：生产总值增长5%左右。\n"
    speeches = [Speech(text, Metadata(year=2020), name="a"), Speech(following, Metadata(year=2021), name="b")]
    ledger = target_ledger(speeches)
    outcomes = {(o.indicator, o.year): o.value for o in ledger.outcomes}
    assert ("城镇新增就业", 2019) not in outcomes or outcomes[("城镇新增就业", 2019)] != 5  # a five-year figure
    rows = {r["indicator"]: r for r in ledger.ledger().to_dict("records") if r["year"] == 2020}
    assert rows["生产总值"]["verdict"] == "missed" and rows["生产总值"]["difference"] == pytest.approx(-0.9)
    # 控制在3%左右 is a ceiling: 3.4 is above it.
    assert rows["居民消费价格涨幅"]["bound"] == "at_most" and rows["居民消费价格涨幅"]["verdict"] == "missed"
    assert rows["城镇新增就业"]["verdict"] == "exceeded"


def test_cli_targets_ledger_and_chart(monkeypatch, capsys, real_dir, tmp_path):
    folder = tmp_path / "national"
    folder.mkdir()
    for year in (2013, 2014, 2015):
        (folder / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    code, out, err = run(monkeypatch, capsys, "targets", folder, "--format", "json", "--chart", tmp_path / "t.png")
    assert code == 0, err
    rows = {(r["indicator"], r["year"]): r for r in json.loads(out)}
    assert rows[("国内生产总值", 2014)]["verdict"] == "missed"
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    code, _, err = run(monkeypatch, capsys, "targets", folder, "--table", "nope")
    assert code == 2 and err.count("\n") == 1
