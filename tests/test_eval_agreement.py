"""The ``agreement`` section of benchmarks/eval_extraction.py: a second, blind reading of
stretches of the metric gold scored against the gold by the matching of the metric triples."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import SHARED, _need

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import test_gold_metrics as gold_checks  # noqa: E402
from _eval_agreement import errors, evaluate  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"
READINGS = sorted((GOLD / "agreement" / "metrics").glob("*.json"))
# A tuning document whose gold has paragraphs of figures, review and targets alike.
SAMPLE = "govreport-2017.json"


def _rows(agreement_dir: Path) -> dict[str, dict]:
    return {row["class"]: row for row in evaluate(agreement_dir)}


def _folder(tmp_path: Path, second: dict, *, split: str = "tuning") -> Path:
    """A gold folder holding the sample's gold, ``second`` as its second reading and a
    split.tsv that gives the sample ``split``."""
    (tmp_path / "metrics").mkdir()
    (tmp_path / "agreement" / "metrics").mkdir(parents=True)
    shutil.copy(GOLD / "metrics" / SAMPLE, tmp_path / "metrics" / SAMPLE)
    (tmp_path / "agreement" / "metrics" / SAMPLE).write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "split.tsv").write_text(f"document\tgenre\tsplit\nreal/govreport-2017.txt\tnational-report\t{split}\n",
                                        encoding="utf-8")
    return tmp_path / "agreement"


def _sample() -> dict:
    return json.loads((GOLD / "metrics" / SAMPLE).read_text(encoding="utf-8"))


def _metrics(reading: dict) -> list[dict]:
    return [n for s in reading["stretches"] for n in s["numbers"] if "not_a_metric" not in n]


@pytest.mark.parametrize("path", READINGS, ids=[p.stem for p in READINGS])
def test_a_second_reading_is_gold_of_the_same_form(path):
    """Well formed, slicing back to its document, every number of a stretch annotated."""
    gold_checks.test_gold_file_is_well_formed(path)
    _need(SHARED)
    gold_checks.test_gold_slices_back_and_covers_every_number(path)


def test_the_section_scores_the_second_reading_and_the_extractor_on_the_gold():
    _need(SHARED)
    rows = _rows(GOLD / "agreement")
    genres = {name.removeprefix("second reading ") for name in rows if name.startswith("second reading ")}
    assert len(genres) >= 4
    for name in ("second reading", "speechkit", "speechkit vs second"):
        row = rows[name]
        assert row["gold_metrics"] >= 100 and row["tp"] > 0
        assert 0 < row["precision"] <= 1 and 0 < row["recall"] <= 1
    assert rows["second reading"]["gold_metrics"] == sum(rows[f"second reading {g}"]["gold_metrics"] for g in genres)
    assert all(rows[f"same {kind}"]["tp"] > 0 for kind in ("metric or not", "unit or value", "indicator only"))


def test_a_reading_scored_against_itself_agrees_fully(tmp_path):
    _need(SHARED)
    rows = _rows(_folder(tmp_path, _sample()))
    second = rows["second reading"]
    assert second["precision"] == second["recall"] == second["f1"] == 1.0
    assert rows["second reading"]["tp"] == len(_metrics(_sample()))
    assert all(row["fn"] == 0 and row["accuracy"] == 1.0 for name, row in rows.items() if name.startswith("same "))
    assert not errors(tmp_path / "agreement")


def test_a_perturbed_reading_agrees_less_and_each_difference_is_classed(tmp_path):
    _need(SHARED)
    second = _sample()
    first, other, third = _metrics(second)[:3]
    first["value"] += 1  # a misread value
    other["indicator"] = "完全无关的名称"  # another name for the same quantity
    for stretch in second["stretches"]:  # a metric the second reader left out
        stretch["numbers"] = [n for n in stretch["numbers"] if n is not third]
    rows = _rows(_folder(tmp_path, second))
    assert rows["second reading"]["tp"] == len(_metrics(_sample())) - 3
    assert rows["second reading"]["recall"] < 1 and rows["second reading"]["precision"] < 1
    differing = [rows[f"same {kind}"]["fn"] for kind in ("metric or not", "unit or value", "indicator only", "change")]
    assert differing == [1, 1, 1, 0]
    kinds = sorted(line.split(": ")[1].split(";")[0] for line in errors(tmp_path / "agreement"))
    assert kinds == ["indicator only", "metric or not", "unit or value"]


def test_a_second_reading_of_a_sealed_document_is_refused(tmp_path):
    _need(SHARED)
    with pytest.raises(ValueError, match="tuning documents only"):
        evaluate(_folder(tmp_path, _sample(), split="sealed"))


def test_a_stretch_the_gold_does_not_hold_is_refused(tmp_path):
    _need(SHARED)
    second = _sample()
    second["stretches"][0]["end"] += 1
    with pytest.raises(ValueError, match="is not a stretch"):
        evaluate(_folder(tmp_path, second))
