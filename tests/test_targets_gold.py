"""The hand-read targets gold (tests/gold/targets/*.tsv) is consistent with the documents.

Every offset slices back to its raw text in the document as speechkit reads it, the
values agree with the raw numbers, the years and places agree with the documents, and
every verdict follows from the numbers by the rules of tests/gold/targets/README.md,
implemented here independently of speechkit's ledger.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, SHARED, _need

GOLD = ROOT / "tests" / "gold" / "targets"
GOLD_FILES = [path for path in (GOLD / "national.tsv", GOLD / "provinces.tsv") if path.exists()]

COLUMNS = [
    "split", "place", "level", "year", "indicator", "target_low", "target_high", "qualifier", "unit",
    "target_doc", "target_start", "target_raw", "outcome", "outcome_doc", "outcome_start", "outcome_raw",
    "verdict", "reason", "note",
]
INDICATORS = {
    "gdp_growth", "cpi", "urban_new_jobs", "surveyed_unemployment", "registered_unemployment",
    "deficit_ratio", "deficit_amount", "grain_output", "m2_growth", "social_financing_growth",
    "public_revenue_growth", "fixed_investment_growth", "retail_sales_growth", "foreign_trade_growth",
    "disposable_income_growth", "urban_income_growth", "rural_income_growth",
    "industrial_value_added_growth", "energy_intensity", "rd_intensity", "poverty_reduction",
    # Beyond the canonical list (named in the README): exports alone (出口增长).
    "export_growth",
}
# Ceilings: the outcome must stay at or below the target. Every other indicator is a
# floor (energy_intensity too: its values are reductions, 下降3%左右 → at least 3).
CEILINGS = {"cpi", "surveyed_unemployment", "registered_unemployment", "deficit_ratio", "deficit_amount"}
QUALIFIERS = {"", "左右", "以上", "以内", "不低于", "不超过", "低于", "控制在…以内", "range"}
VERDICTS = {"met", "met within tolerance", "exceeded", "missed"}
NO_OUTCOME = {"no_next_report", "no_outcome_figure", "different_scope"}
REASONS = NO_OUTCOME | {"qualitative"}
TOLERANCE = 0.1  # percentage point, for 左右
EPSILON = 1e-9
TUNING_PROVINCES = {"fujian", "guangdong", "henan", "hubei", "hunan", "jiangsu", "shandong", "zhejiang"}
SEALED_PROVINCES = {"chongqing", "guizhou", "jilin", "ningxia", "shaanxi", "yunnan"}
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _rows() -> list[tuple[str, dict[str, str]]]:
    rows = []
    for path in GOLD_FILES:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            assert reader.fieldnames == COLUMNS, f"{path.name}: columns {reader.fieldnames}"
            rows += [(f"{path.stem}:{r['place']}:{r['year']}:{r['indicator']}", r) for r in reader]
    return rows


ROWS = _rows()
ROW_IDS = [row_id for row_id, _ in ROWS]


def expected_verdict(indicator: str, low: float, high: float, qualifier: str, outcome: float) -> str:
    """The verdict of an outcome against a numeric target (the README's rules)."""
    approximate = qualifier == "左右"
    if indicator in CEILINGS:
        if outcome <= high + EPSILON:
            return "met"
        if approximate and outcome <= high + TOLERANCE + EPSILON:
            return "met within tolerance"
        return "missed"
    if outcome > high + EPSILON:
        return "exceeded"
    if outcome >= low - EPSILON:
        return "met"
    if approximate and outcome >= low - TOLERANCE - EPSILON:
        return "met within tolerance"
    return "missed"


@pytest.mark.parametrize(
    ("indicator", "low", "high", "qualifier", "outcome", "verdict"),
    [
        ("gdp_growth", 7.5, 7.5, "左右", 7.4, "met within tolerance"),
        ("gdp_growth", 7.5, 7.5, "左右", 7.3, "missed"),
        ("gdp_growth", 7.5, 7.5, "左右", 7.5, "met"),
        ("gdp_growth", 5, 5, "以上", 5.3, "exceeded"),
        ("gdp_growth", 5, 5, "以上", 4.95, "missed"),
        ("gdp_growth", 6.5, 7, "range", 6.7, "met"),
        ("gdp_growth", 6.5, 7, "range", 7.2, "exceeded"),
        ("gdp_growth", 6.5, 7, "range", 6.45, "missed"),
        ("cpi", 3, 3, "左右", 0, "met"),
        ("cpi", 3, 3, "左右", 3.1, "met within tolerance"),
        ("cpi", 3, 3, "左右", 3.2, "missed"),
        ("surveyed_unemployment", 5, 5, "控制在…以内", 5.1, "missed"),
        ("energy_intensity", 3, 3, "左右", 2.9, "met within tolerance"),
    ],
)
def test_the_reference_rules(indicator, low, high, qualifier, outcome, verdict):
    assert expected_verdict(indicator, low, high, qualifier, outcome) == verdict


VERDICT_RANK = {"missed": 0, "met within tolerance": 1, "met": 2, "exceeded": 3}
TARGETS = st.tuples(
    st.sampled_from(sorted(INDICATORS)),
    st.decimals(min_value=0, max_value=20, places=1),
    st.decimals(min_value=0, max_value=2, places=1),
    st.sampled_from(sorted(QUALIFIERS - {"range"})),
)
OUTCOMES = st.decimals(min_value=-5, max_value=30, places=2)


@given(target=TARGETS, outcome=OUTCOMES, rise=st.decimals(min_value=0, max_value=5, places=2))
def test_a_better_outcome_never_gets_a_worse_verdict(target, outcome, rise):
    """Raising a floor's outcome (lowering a ceiling's) never lowers its verdict."""
    indicator, low, width, qualifier = target
    high = low + width
    qualifier = "range" if width else qualifier
    better = outcome - rise if indicator in CEILINGS else outcome + rise
    verdicts = [expected_verdict(indicator, float(low), float(high), qualifier, float(o)) for o in (outcome, better)]
    assert VERDICT_RANK[verdicts[1]] >= VERDICT_RANK[verdicts[0]]
    if indicator in CEILINGS:
        assert "exceeded" not in verdicts, "a ceiling is met or missed, never exceeded"


def test_the_gold_covers_the_split():
    assert GOLD_FILES, "no gold file in tests/gold/targets"
    provinces = [row for row_id, row in ROWS if row_id.startswith("provinces:")]
    if not provinces:
        pytest.skip("provinces.tsv is absent")
    names = {_province(row["target_doc"]) for row in provinces}
    assert names >= TUNING_PROVINCES | SEALED_PROVINCES
    keys = [(row["place"], row["year"], row["indicator"]) for _, row in ROWS]
    assert len(keys) == len(set(keys)), "one row per place, year and indicator"


@lru_cache(maxsize=None)
def _text(doc: str) -> str:
    from speechkit import read_speech

    return read_speech(_need(SHARED / doc)).text


@lru_cache(maxsize=None)
def _province_places() -> dict[str, str]:
    sources = _need(SHARED / "provinces" / "SOURCES.tsv")
    with sources.open(encoding="utf-8", newline="") as handle:
        return {r["file"]: r["place"] for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


def _province(doc: str) -> str:
    return Path(doc).name.split("-")[1]


def _doc_year(doc: str) -> int:
    return int(re.search(r"(\d{4})\.txt$", doc).group(1))


def _signed(raw: str, value: float) -> float:
    return -value if re.search("降|减少|回落", raw) else value


def _magnitude(text: str) -> int:
    """The power of ten of the magnitude word in a unit or raw figure (万亿 12, 亿 8, 万 4)."""
    for word, power in (("万亿", 12), ("亿", 8), ("万", 4)):
        if word in text:
            return power
    return 0


@pytest.mark.parametrize("row", [row for _, row in ROWS], ids=ROW_IDS)
def test_offsets_slice_back_to_the_raw_text(row):
    start = int(row["target_start"])
    assert _text(row["target_doc"])[start : start + len(row["target_raw"])] == row["target_raw"]
    if row["outcome_start"]:
        start = int(row["outcome_start"])
        assert _text(row["outcome_doc"])[start : start + len(row["outcome_raw"])] == row["outcome_raw"]
    else:
        assert not row["outcome_raw"] and not row["outcome"]


@pytest.mark.parametrize("row", [row for _, row in ROWS], ids=ROW_IDS)
def test_year_place_and_split_agree_with_the_documents(row):
    year = int(row["year"])
    assert _doc_year(row["target_doc"]) == year
    if row["outcome_doc"]:
        assert _doc_year(row["outcome_doc"]) == year + 1
    if row["level"] == "national":
        assert row["place"] == "全国"
        assert row["split"] == ("tuning" if year <= 2017 else "sealed")
    else:
        assert row["level"] == "provincial"
        assert row["target_doc"].startswith("provinces/")
        assert _province_places()[Path(row["target_doc"]).name] == row["place"]
        if row["outcome_doc"]:
            assert _province(row["outcome_doc"]) == _province(row["target_doc"])
        assert row["split"] == ("tuning" if _province(row["target_doc"]) in TUNING_PROVINCES else "sealed")


@pytest.mark.parametrize("row", [row for _, row in ROWS], ids=ROW_IDS)
def test_values_agree_with_the_raw_numbers(row):
    assert row["indicator"] in INDICATORS
    assert row["qualifier"] in QUALIFIERS
    if not row["target_low"]:
        assert not row["target_high"] and not row["qualifier"] and not row["unit"]
        return
    low, high = float(row["target_low"]), float(row["target_high"])
    assert row["unit"]
    assert (low < high) == (row["qualifier"] == "range")
    assert [float(n) for n in NUMBER.findall(row["target_raw"])] == ([low] if low == high else [low, high])
    # 以上/以内/左右 follow the number as written; 低于, 不超过, 控制在 stand before it, outside the raw number.
    if row["qualifier"] not in ("", "range", "控制在…以内", "低于", "不低于", "不超过"):
        assert row["target_raw"].endswith(row["qualifier"])
    numbers = NUMBER.findall(row["outcome_raw"])
    # A figure in words (持平) has no digits to compare; a figure written in another
    # magnitude than the target's unit is converted (1.1万亿元 → 11000 when the unit is 亿元).
    if numbers:
        written = _signed(row["outcome_raw"], float(numbers[0]))
        scale = 10.0 ** (_magnitude(row["outcome_raw"]) - _magnitude(row["unit"]))
        assert float(row["outcome"]) == pytest.approx(written * scale)


@pytest.mark.parametrize("row", [row for _, row in ROWS], ids=ROW_IDS)
def test_verdict_follows_from_the_numbers(row):
    assert row["verdict"] in VERDICTS | {""}
    assert row["reason"] in REASONS | {""}
    assert bool(row["verdict"]) != bool(row["reason"]), "a verdict or a reason, never both or neither"
    if not row["target_low"]:
        assert row["reason"] == "qualitative"
        return
    assert row["reason"] != "qualitative"
    if row["reason"]:
        assert row["reason"] in NO_OUTCOME and not row["outcome"]
        if row["reason"] == "no_next_report":
            assert not row["outcome_doc"]
        return
    verdict = expected_verdict(
        row["indicator"], float(row["target_low"]), float(row["target_high"]), row["qualifier"], float(row["outcome"])
    )
    assert row["verdict"] == verdict
