"""The hand-read metric gold of tests/gold/metrics: every annotation slices back to its
document, every number of a stretch is annotated (so recall is measurable), and the
documents follow the tuning/sealed split of tests/gold/split.tsv."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import SHARED, _need

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from _eval_metrics import document_key, document_path  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold"
FILES = sorted((GOLD / "metrics").glob("*.json"))
CLASSES = {"fenbie", "separated", "carry", "fromto", "after", "qualifier", "ratio", "latin"}
NOT_A_METRIC = {
    "year", "duration", "period", "age", "ordinal", "formulation", "name", "article", "specification", "rhetorical",
}
METRIC_KEYS = {"start", "raw", "indicator", "value", "unit", "change", "qualifier", "classes"}

# A number: a run of digits, or a run of Chinese numerals holding one that is not 一, 万
# or 亿 alone (a lone 一 is mostly a word: 一般, 进一步, 统一; the annotators mark it
# where it counts, as in 一批 or 一年).
NUMBER = re.compile(
    r"[0-9０-９]+|[〇零一二两三四五六七八九十百千万亿]*[〇零二两三四五六七八九十百千][〇零一二两三四五六七八九十百千万亿]*"
)
# Words whose numerals count nothing (idioms, 十分 "very", 零售), and per-unit denominators
# (每百户, 每万人), which belong to the name of the indicator.
NOT_NUMBERS = (
    "千方百计", "百姓", "千家万户", "十分", "十足", "万众", "千秋万代", "四面八方", "五湖四海", "千辛万苦",
    "千千万万", "百花齐放", "百家争鸣", "三番五次", "七上八下", "万紫千红", "百年大计", "千钧一发",
    "一五一十", "九牛一毛", "千难万险", "千教万教", "千学万学", "三六九等",
    "零售", "清零", "零星", "零散", "两岸",
    "每百户", "每千人", "每万人", "每百人", "每十万人",
)


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _split() -> dict[str, tuple[str, str]]:
    with (GOLD / "split.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["document"]: (row["genre"], row["split"]) for row in csv.DictReader(handle, delimiter="\t")}


def _is_word(text: str, at: int) -> bool:
    return any(text.startswith(word, at - k) for word in NOT_NUMBERS for k in range(len(word)))


def uncovered_numbers(text: str, stretch: dict) -> list[str]:
    """The numbers of a stretch that no annotation covers, with their context."""
    spans = [(n["start"], n["start"] + len(n["raw"])) for n in stretch["numbers"]]
    return [
        f"{m.start()} {text[max(0, m.start() - 6) : m.end() + 6]!r}"
        for m in NUMBER.finditer(text, stretch["start"], stretch["end"])
        if not _is_word(text, m.start()) and not any(a <= m.start() < b for a, b in spans)
    ]


def test_number_pattern_finds_numbers_and_skips_words():
    text = "全市新增就业3.2万人，建成二十六座桥，一般公共预算增长，千方百计稳就业，每百户拥有汽车42辆，统一大市场。"
    stretch = {"start": 0, "end": len(text), "numbers": []}
    starts = [int(line.split()[0]) for line in uncovered_numbers(text, stretch)]
    assert [text[at] for at in starts] == ["3", "2", "二", "4"]
    covered = {**stretch, "numbers": [{"start": starts[2], "raw": "二十六座"}]}
    assert [int(line.split()[0]) for line in uncovered_numbers(text, covered)] == starts[:2] + starts[3:]


def test_split_is_complete():
    split = _split()
    genres = Counter(genre for genre, _ in split.values())
    assert set(s for _, s in split.values()) == {"tuning", "sealed"}
    for genre in genres:
        assert {s for g, s in split.values() if g == genre} == {"tuning", "sealed"}, genre
    assert sum(s == "sealed" for _, s in split.values()) * 3 >= len(split)


def test_split_names_documents_that_exist():
    _need(SHARED)
    missing = [name for name in _split() if not (SHARED / name).is_file()]
    assert not missing


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gold_file_is_well_formed(path):
    gold = _gold(path)
    assert set(gold) <= {"document", "stretches", "read_before_split"}
    previous_end = -1
    for stretch in sorted(gold["stretches"], key=lambda s: s["start"]):
        assert previous_end <= stretch["start"] < stretch["end"]
        previous_end = stretch["end"]
        after = stretch["start"]
        for number in stretch["numbers"]:
            assert after <= number["start"] and number["start"] + len(number["raw"]) <= stretch["end"], number
            after = number["start"] + len(number["raw"])
            if "not_a_metric" in number:
                assert set(number) == {"start", "raw", "not_a_metric"} and number["not_a_metric"] in NOT_A_METRIC, number
            else:
                assert set(number) - {"high"} == METRIC_KEYS and set(number["classes"]) <= CLASSES, number
                assert isinstance(number["value"], (int, float)) and number["indicator"], number


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_gold_slices_back_and_covers_every_number(path):
    _need(SHARED)
    gold = _gold(path)
    text = document_path(gold["document"]).read_text(encoding="utf-8")
    numbers = [n for s in gold["stretches"] for n in s["numbers"]]
    wrong = [n for n in numbers if text[n["start"] : n["start"] + len(n["raw"])] != n["raw"]]
    assert not wrong
    missed = [line for s in gold["stretches"] for line in uncovered_numbers(text, s)]
    assert not missed


def test_gold_follows_the_split():
    """Every gold document is in the split; the gold has 1,500 numbers, every genre has
    gold on tuning and on sealed documents, and a third of the numbers are sealed."""
    _need(SHARED)
    split = _split()
    numbers: Counter = Counter()
    for path in FILES:
        gold = _gold(path)
        key = document_key(gold["document"])
        assert key in split, path.name
        numbers[split[key]] += sum(len(s["numbers"]) for s in gold["stretches"])
    assert sum(numbers.values()) >= 1500
    for genre in {g for g, _ in split.values()}:
        assert numbers[(genre, "tuning")] and numbers[(genre, "sealed")], genre
    assert 3 * sum(n for (_, s), n in numbers.items() if s == "sealed") >= sum(numbers.values())
