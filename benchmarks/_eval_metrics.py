"""Score metric extraction against the hand-read gold of ``tests/gold/metrics``.

Matching rules
--------------
Only real numbers are scored (a redacted ``*亿元`` has its own tests). An extracted
metric is *at* a gold number when its span ``[start, end)`` holds the gold number's
``start``. It is a true positive when all of these hold:

- value: equal after both sides are converted to the base unit of the unit table
  (1244万人 = 12,440,000 人; a bare magnitude is already folded in), to 1e-9 relative;
  for a range (6%－6.5%, one gold number with ``high``) the upper bound as well;
- unit: equal after NFKC and conversion to the base unit (万人 → 人, 个百分点 →
  百分点); a count without unit and a unitless ratio are both null;
- indicator: equal after normalisation (NFKC, punctuation, quotes and spaces removed,
  known spellings mapped to their canonical name by ``indicators.tsv``), or one contains
  the other, the shorter has at least 3 characters and the longer names no list the
  shorter does not (和, 与, 及, 、). Containment is accepted because the edge of a noun
  phrase is a matter of style (全国城镇新增就业 / 城镇新增就业 name the same series), while
  3 characters keep a bare head word (收入, 比重, 投资) from passing for the indicator of
  a sentence, and the list rule keeps 城镇和农村人均住房面积 from passing for 农村人均住房面积;
- change: when the gold states a change, the extracted direction (up/down) is the gold
  word's direction.

Every other extracted metric inside a stretch is a false positive: one at a number
that is not a metric, a wrong one at a metric (also a false negative), or one at no
gold number. A gold metric without a true positive is a false negative.

Classes: ``triples`` is the whole set; each ``classes`` tag of the gold (fenbie,
separated, carry, fromto, after, qualifier, ratio, latin) and ``plain`` (no tag) is
scored on the gold metrics of that class and the extractions at them. For the
not-a-metric classes (year, duration, formulation, …) ``tp`` counts the numbers
correctly left out and ``fp`` those reported as metrics, so precision is the share
rejected. ``qualifier word`` scores the qualifier of the gold metrics that have one.

Genres and splits
-----------------
``tests/gold/split.tsv`` gives each gold document (a path relative to ../shared/data)
its genre and its split: *tuning* documents may be read while rules are written,
*sealed* ones are scored only. The triples are also scored per split and per genre
and split. The gold files read before the split was made say ``"read_before_split":
true`` (the rules of the extractor were written reading them); they are scored
together on their own row, and the one sealed document among them apart from the
unseen sealed ones. A stretch added to such a file later, read blind, says
``"read_before_split": false`` and is scored with the documents read after the split.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from _scores import score_row

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DOCUMENTS = (SHARED / "real", SHARED / "seed")
_STRIP = frozenset("，,。；;：:“”‘’\"'（）()《》「」 \u3000\t\n")
_MIN_CONTAINED = 3
_LIST_MARKS = "和与及、"


@dataclass
class Outcome:
    """One gold number and what the extractor reported at it."""

    document: str
    gold: dict
    found: object | None  # the Metric at the number, or None
    correct: bool


def document_path(name: str) -> Path:
    """The text of a gold document: a path relative to ../shared/data
    (``genres/govreport-national-2012.txt``) or a bare file name of real/ or seed/."""
    if "/" in name:
        if (SHARED / name).is_file():
            return SHARED / name
        raise FileNotFoundError(f"gold document {name} is not in {SHARED}")
    for folder in DOCUMENTS:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"gold document {name} is not in {', '.join(map(str, DOCUMENTS))}")


def document_key(name: str) -> str:
    """The document's path relative to ../shared/data, as split.tsv names it."""
    return document_path(name).relative_to(SHARED).as_posix()


def read_split(path: Path) -> dict[str, tuple[str, str]]:
    """``document -> (genre, split)`` from a split.tsv (columns document, genre, split)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["document"]: (row["genre"], row["split"]) for row in csv.DictReader(handle, delimiter="\t")}


def normalise_indicator(name: str | None, table) -> str:
    """An indicator without punctuation, in NFKC, under its canonical name."""
    if not name:
        return ""
    plain = "".join(ch for ch in unicodedata.normalize("NFKC", name) if ch not in _STRIP)
    return table.normalise(plain)


def indicator_matches(gold: str | None, found: str | None, table) -> bool:
    """The indicator rule of the module docstring."""
    a, b = normalise_indicator(gold, table), normalise_indicator(found, table)
    if not a or not b:
        return a == b
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    lists = any(mark in longer and mark not in shorter for mark in _LIST_MARKS)
    return len(shorter) >= _MIN_CONTAINED and shorter in longer and not lists


def _base(value, unit, units):
    unit = unicodedata.normalize("NFKC", unit) if unit else None
    if unit == "个百分点":
        unit = "百分点"
    converted, base = units.to_base(value, unit)
    return converted, base


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a))


def value_unit_match(gold: dict, metric, units) -> bool:
    """Value and unit equal after conversion to the base unit; for a gold range
    (``high`` given: 6%－6.5%) the upper bound too."""
    gv, gu = _base(gold["value"], gold["unit"], units)
    fv, fu = _base(metric.value, metric.unit, units)
    if gu != fu or fv is None or gv is None or not _same(gv, fv):
        return False
    if gold.get("high") is None:
        return True
    gh, _ = _base(gold["high"], gold["unit"], units)
    fh, _ = _base(metric.high, metric.unit, units) if metric.high is not None else (None, None)
    return fh is not None and _same(gh, fh)


def change_direction(word: str) -> str | None:
    """``up`` or ``down`` for a gold change word (增长, 下降到, 新增), by its leading change verb."""
    from speechkit.extract.metrics.indicators import DOWN, UP

    for direction, words in (("up", (*UP, "新增")), ("down", (*DOWN, "缩短"))):
        if word.startswith(words):
            return direction
    return None


def change_matches(gold: dict, metric) -> bool:
    """True when the gold states no change, or the directions agree."""
    if not gold.get("change"):
        return True
    return metric.direction is not None and metric.direction == change_direction(gold["change"])


@lru_cache(maxsize=4)
def judge(gold_dir: Path) -> tuple[list[Outcome], list[tuple[str, object]]]:
    """Outcomes for every gold number, and the extracted metrics at no gold number
    (computed once per gold folder: the tables and the error list share them)."""
    from speechkit.extract import default_indicators
    from speechkit import extract_metrics
    from speechkit.extract import default_units
    from speechkit import Speech

    table, units = default_indicators(), default_units()
    outcomes: list[Outcome] = []
    strays: list[tuple[str, object]] = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = document_path(gold["document"]).read_text(encoding="utf-8")
        metrics = [m for m in extract_metrics(Speech(text)) if m.value is not None]
        for stretch in gold["stretches"]:
            judged, unclaimed = judge_stretch(gold["document"], stretch, metrics, table, units)
            outcomes += judged
            strays += [(gold["document"], m) for m in unclaimed]
    return outcomes, strays


def judge_stretch(document: str, stretch: dict, metrics: list, table, units) -> tuple[list[Outcome], list]:
    """Outcomes for the gold numbers of one stretch against ``metrics`` (records with
    ``start``, ``end``, ``value``, ``unit``, ``high``, ``indicator``, ``direction``), and
    the metrics inside the stretch at no gold number; the matching rules of the module
    docstring, shared by every scorer of metric triples."""
    inside = [m for m in metrics if stretch["start"] <= m.start < stretch["end"]]
    claimed: set[int] = set()
    outcomes = []
    for number in stretch["numbers"]:
        found = next((m for m in inside if m.start <= number["start"] < m.end), None)
        if found is not None:
            claimed.add(id(found))
        correct = (
            found is not None
            and "not_a_metric" not in number
            and value_unit_match(number, found, units)
            and indicator_matches(number["indicator"], found.indicator, table)
            and change_matches(number, found)
        )
        outcomes.append(Outcome(document, number, found, correct))
    return outcomes, [m for m in inside if id(m) not in claimed]


def _row(task: str, name: str, tp: int, fp: int, fn: int) -> dict:
    return score_row(task, name, tp, fp, fn, digits=None)


def triple_counts(outcomes: list[Outcome], strays: list) -> tuple[int, int, int]:
    """``tp, fp, fn`` of the metric triples (the ``triples`` row) over these outcomes."""
    tp = sum(o.correct for o in outcomes)
    fn = sum(not o.correct and "not_a_metric" not in o.gold for o in outcomes)
    fp = sum(not o.correct and o.found is not None for o in outcomes) + len(strays)
    return tp, fp, fn


def document_groups(gold_dir: Path) -> dict[str, tuple[str, str, bool]]:
    """``gold document name -> (genre, split, read before the split)`` for every gold file;
    a document missing from ``split.tsv`` beside the gold folders is an error."""
    split = read_split(gold_dir.parent / "split.tsv")
    groups = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        key = document_key(gold["document"])
        if key not in split:
            raise KeyError(f"{path.name}: {key} is not in {gold_dir.parent / 'split.tsv'}")
        groups[gold["document"]] = (*split[key], bool(gold.get("read_before_split")))
    return groups


def stretches_read_after(gold_dir: Path) -> dict[str, list[tuple[int, int]]]:
    """``gold document name -> [(start, end)]`` of the stretches that a file read before
    the split marks ``"read_before_split": false`` (added later, read blind)."""
    later: dict[str, list[tuple[int, int]]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        spans = [(s["start"], s["end"]) for s in gold["stretches"] if s.get("read_before_split") is False]
        if spans:
            later[gold["document"]] = spans
    return later


def split_rows(gold_dir: Path) -> list[dict]:
    """Triples rows per split, per genre and split (``triples sealed GENRE``), and for
    the sealed documents read before the split apart from the unseen ones; each row also
    counts its ``gold_metrics``."""
    outcomes, strays = judge(gold_dir)
    groups = document_groups(gold_dir)
    later = stretches_read_after(gold_dir)

    def row(name: str, *, genre: str | None = None, split: str | None = None, seen: bool | None = None) -> dict:
        def keep(document: str, at: int) -> bool:
            g, s, read = groups[document]
            read = read and not any(start <= at < end for start, end in later.get(document, ()))
            return genre in (None, g) and split in (None, s) and seen in (None, read)

        kept = [o for o in outcomes if keep(o.document, o.gold["start"])]
        stray = [m for document, m in strays if keep(document, m.start)]
        gold_metrics = sum("not_a_metric" not in o.gold for o in kept)
        return {**_row("metrics", name, *triple_counts(kept, stray)), "gold_metrics": gold_metrics}

    rows = [row(f"triples {split}", split=split) for split in ("tuning", "sealed")]
    rows.append(row("triples sealed, unseen", split="sealed", seen=False))
    rows.append(row("triples sealed, read before", split="sealed", seen=True))
    rows.append(row("triples read before the split", seen=True))
    for genre in sorted({g for g, _, _ in groups.values()}):
        rows += [row(f"triples {split} {genre}", genre=genre, split=split) for split in ("tuning", "sealed")]
    return rows


def evaluate(gold_dir: Path) -> list[dict]:
    """Rows ``{"task", "class", "tp", "fp", "fn", "precision", "recall"}`` for metrics:
    the classes over all gold documents, then the triples per split and genre."""
    outcomes, strays = judge(gold_dir)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rejected: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    qualifier = [0, 0, 0]
    for outcome in outcomes:
        gold, found = outcome.gold, outcome.found
        if "not_a_metric" in gold:
            key = gold["not_a_metric"]
            rejected[key][0 if found is None else 1] += 1
            counts["triples"][1] += found is not None
            continue
        for name in ["triples", *(gold["classes"] or ["plain"])]:
            tp_fp_fn = counts[name]
            if outcome.correct:
                tp_fp_fn[0] += 1
            else:
                tp_fp_fn[2] += 1
                tp_fp_fn[1] += found is not None
        if gold.get("qualifier"):
            if found is not None and found.qualifier == gold["qualifier"]:
                qualifier[0] += 1
            else:
                qualifier[2] += 1
                qualifier[1] += found is not None and found.qualifier is not None
    counts["triples"][1] += len(strays)
    order = ["triples", "plain", "fenbie", "separated", "carry", "fromto", "after", "qualifier", "ratio", "latin"]
    rows = [_row("metrics", name, *counts[name]) for name in order if name in counts]
    rows.append(_row("metrics", "qualifier word", *qualifier))
    rows += [_row("metrics", f"not a metric: {name}", *rejected[name]) for name in sorted(rejected)]
    return rows + split_rows(gold_dir)


def errors(gold_dir: Path) -> list[str]:
    """One line per wrong or missing extraction, for reading the failures, led by the
    split of its document (rules are written reading the ``tuning`` lines only)."""
    outcomes, strays = judge(gold_dir)
    groups = document_groups(gold_dir)
    lines = []
    for o in outcomes:
        if o.correct or ("not_a_metric" in o.gold and o.found is None):
            continue
        g, f = o.gold, o.found
        want = f"NOT {g['not_a_metric']}" if "not_a_metric" in g else f"{g['indicator']} {g['value']:g} {g['unit']} {g['change']}"
        got = "-" if f is None else f"{f.indicator} {f.value} {f.unit} {f.change} [{f.raw}]"
        lines.append(f"{groups[o.document][1]} {o.document}:{g['start']} {g['raw']}: want {want}; got {got}")
    lines += [f"{groups[doc][1]} {doc}:{m.start} {m.raw}: stray {m.indicator}" for doc, m in strays]
    return lines
