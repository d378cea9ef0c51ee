"""How far two careful readers of the same numbers agree: a second reading of stretches of
the metric gold, written blind (``tests/gold/agreement/metrics``), scored against the gold
of ``tests/gold/metrics``.

The second reading is scored as if it were the extractor, by the same matching
(``_eval_metrics.judge_stretch``: value and unit after conversion to the base unit,
indicator equal or contained, change direction): its precision and recall of metric
triples are the agreement of the two readers, the ceiling a tool can be held to on exact
triples. Beside them, on the same stretches, the extractor scored against the gold and
against the second reading.

Where the readers differ on a gold number (or on a number only the second reader called
a metric), the difference is put in the first of these classes that holds:

- ``metric or not``: one reader calls the number a metric, the other does not;
- ``unit or value``: both call it a metric, with a different value or unit;
- ``indicator only``: same value and unit, the indicator differs;
- ``change``: same triple, the direction of the change differs.

Each class is a row whose ``tp`` counts the numbers where the readers agree on it and
``fn`` those where they differ, over the numbers the class can be judged on (all numbers;
numbers both call metrics; those with the same value and unit; those with the same
triple), and ``accuracy`` is the share that agree. Both readings must be of *tuning*
documents: a second reading names a sealed document only by mistake, and is refused.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from _eval_metrics import (
    Outcome,
    change_direction,
    change_matches,
    document_key,
    document_path,
    indicator_matches,
    judge_stretch,
    normalise_indicator,
    read_split,
    triple_counts,
    value_unit_match,
)
from _eval_outline import row as prf_row

if TYPE_CHECKING:
    from speechkit.model import Metric

TASK = "agreement"
DIFFERENCES = ("metric or not", "unit or value", "indicator only", "change")


@dataclass(frozen=True)
class PairedStretch:
    """One stretch as the gold and the second reading judge it."""

    document: str
    genre: str
    gold: dict
    second: dict


@dataclass(frozen=True)
class Judged:
    """The outcomes of one paired stretch: the second reading, the extractor against the
    gold, and the extractor against the second reading (each ``(outcomes, strays)``)."""

    pair: PairedStretch
    second: tuple[list[Outcome], list]
    tool: tuple[list[Outcome], list]
    tool_on_second: tuple[list[Outcome], list]


def paired_stretches(agreement_dir: Path) -> list[PairedStretch]:
    """Every stretch of the second reading with the gold stretch of the same bounds.

    Raises
    ------
    ValueError
        When a reading has no gold file, names another document, holds a stretch the gold
        does not, or is of a document that is not *tuning* in ``split.tsv``.
    """
    gold_dir = agreement_dir.parent / "metrics"
    split = read_split(agreement_dir.parent / "split.tsv")
    pairs = []
    for path in sorted((agreement_dir / "metrics").glob("*.json")):
        second = json.loads(path.read_text(encoding="utf-8"))
        gold_path = gold_dir / path.name
        if not gold_path.is_file():
            raise ValueError(f"{path.name}: no gold file {gold_path}")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if gold["document"] != second["document"]:
            raise ValueError(f"{path.name}: reads {second['document']}, the gold {gold['document']}")
        genre, part = split[document_key(second["document"])]
        if part != "tuning":
            raise ValueError(
                f"{path.name}: {second['document']} is {part}; a second reading is of tuning documents only"
            )
        bounds = {(s["start"], s["end"]): s for s in gold["stretches"]}
        for stretch in second["stretches"]:
            key = (stretch["start"], stretch["end"])
            if key not in bounds:
                raise ValueError(f"{path.name}: stretch {key[0]}–{key[1]} is not a stretch of {gold_path.name}")
            pairs.append(PairedStretch(second["document"], genre, bounds[key], stretch))
    return pairs


def reading_metrics(stretch: dict) -> list[Metric]:
    """The metrics of a reading's stretch as the extractor's records, so that the scorer of
    the extractor judges them unchanged (the direction is read from the change word)."""
    from speechkit.model import Metric

    return [
        Metric(
            indicator=number["indicator"], value=number["value"], raw=number["raw"], unit=number["unit"],
            qualifier=number["qualifier"], change=number["change"], placeholder=False, start=number["start"],
            end=number["start"] + len(number["raw"]), sentence="", high=number.get("high"),
            direction=change_direction(number["change"]) if number["change"] else None,
        )
        for number in stretch["numbers"]
        if "not_a_metric" not in number
    ]


@lru_cache(maxsize=2)
def judge_agreement(agreement_dir: Path) -> list[Judged]:
    """The outcomes of every paired stretch (the extractor runs once per document)."""
    from speechkit import Speech, extract_metrics

    table, units = _tables()
    extracted: dict[str, list] = {}
    judged = []
    for pair in paired_stretches(agreement_dir):
        if pair.document not in extracted:
            text = document_path(pair.document).read_text(encoding="utf-8")
            extracted[pair.document] = [m for m in extract_metrics(Speech(text)) if m.value is not None]
        tool = extracted[pair.document]
        judged.append(Judged(
            pair,
            judge_stretch(pair.document, pair.gold, reading_metrics(pair.second), table, units),
            judge_stretch(pair.document, pair.gold, tool, table, units),
            judge_stretch(pair.document, pair.second, tool, table, units),
        ))
    return judged


def difference(outcome: Outcome, table, units) -> str | None:
    """The class of ``DIFFERENCES`` in which the second reading (``outcome.found``) differs
    from the gold number, or None when they agree."""
    gold, found = outcome.gold, outcome.found
    if ("not_a_metric" in gold) != (found is None):
        return "metric or not"
    if found is None:
        return None
    if not value_unit_match(gold, found, units):
        return "unit or value"
    if not indicator_matches(gold["indicator"], found.indicator, table):
        return "indicator only"
    return None if change_matches(gold, found) else "change"


def differences(judged: list[Judged]) -> list[tuple[Judged, Outcome | None, object | None, str]]:
    """``(paired stretch, gold outcome, stray, class)`` for every number the readers judge
    differently; a metric only the second reader annotated is a stray, ``metric or not``."""
    table, units = _tables()
    found = []
    for item in judged:
        outcomes, strays = item.second
        found += [(item, o, None, kind) for o in outcomes if (kind := difference(o, table, units))]
        found += [(item, None, stray, "metric or not") for stray in strays]
    return found


def _triples(name: str, judged: list[Judged], which: str) -> dict:
    outcomes = [o for item in judged for o in getattr(item, which)[0]]
    strays = [m for item in judged for m in getattr(item, which)[1]]
    gold_metrics = sum("not_a_metric" not in o.gold for o in outcomes)
    return {**prf_row(TASK, name, *triple_counts(outcomes, strays)), "gold_metrics": gold_metrics}


def _difference_rows(judged: list[Judged]) -> list[dict]:
    """One row per class of ``DIFFERENCES``: agreeing and differing numbers over the
    numbers the class can be judged on."""
    counts = defaultdict(int)
    for _, _, _, kind in differences(judged):
        counts[kind] += 1
    outcomes = [o for item in judged for o in item.second[0]]
    strays = sum(len(item.second[1]) for item in judged)
    both = sum(o.found is not None and "not_a_metric" not in o.gold for o in outcomes)
    judged_on = {"metric or not": len(outcomes) + strays, "unit or value": both}
    judged_on["indicator only"] = both - counts["unit or value"]
    judged_on["change"] = judged_on["indicator only"] - counts["indicator only"]
    wording, judged_on["indicator wording, exactly"] = _wording_differences(outcomes)
    classes, judged_on["class of non-metric"] = _class_differences(judged)
    counts["indicator wording, exactly"], counts["class of non-metric"] = len(wording), len(classes)
    rows = []
    for kind in (*DIFFERENCES, "indicator wording, exactly", "class of non-metric"):
        agree = judged_on[kind] - counts[kind]
        share = agree / judged_on[kind] if judged_on[kind] else None
        rows.append({"task": TASK, "class": f"same {kind}", "tp": agree, "fn": counts[kind], "accuracy": share})
    return rows


def _wording_differences(outcomes: list[Outcome]) -> tuple[list[Outcome], int]:
    """``(differing, judged)``: of the numbers both readers call metrics with the same value
    and unit (``judged`` of them), those whose indicators differ after normalisation alone
    (no containment): how often two readers choose the same words."""
    table, units = _tables()
    same_quantity = [
        o for o in outcomes
        if o.found is not None and "not_a_metric" not in o.gold and value_unit_match(o.gold, o.found, units)
    ]
    differing = [
        o for o in same_quantity
        if normalise_indicator(o.gold["indicator"], table) != normalise_indicator(o.found.indicator, table)
    ]
    return differing, len(same_quantity)


def _class_differences(judged: list[Judged]) -> tuple[list[tuple[str, dict, dict]], int]:
    """``(differing, judged)``: of the numbers both readers leave out as not a metric (their
    spans overlapping; ``judged`` of them), those they put in different classes (year,
    ordinal, name …), as ``(document, gold number, second number)``."""
    differing, both = [], 0
    for item in judged:
        for number in item.pair.gold["numbers"]:
            if "not_a_metric" not in number:
                continue
            end = number["start"] + len(number["raw"])
            other = next((n for n in item.pair.second["numbers"]
                          if n["start"] < end and number["start"] < n["start"] + len(n["raw"])), None)
            if other is not None and "not_a_metric" in other:
                both += 1
                if other["not_a_metric"] != number["not_a_metric"]:
                    differing.append((item.pair.document, number, other))
    return differing, both


def evaluate(agreement_dir: Path) -> list[dict]:
    """Rows for the ``agreement`` task: metric triples of the second reading against the
    gold (``second reading``), of the extractor against the gold on the same stretches
    (``speechkit``) and against the second reading (``speechkit vs second``), all with
    ``f1`` and ``gold_metrics``, overall and per genre; then one row per class of
    difference (see the module docstring)."""
    judged = judge_agreement(agreement_dir)
    rows = []
    for genre in ["", *sorted({item.pair.genre for item in judged})]:
        kept = [item for item in judged if genre in ("", item.pair.genre)]
        suffix = f" {genre}" if genre else ""
        rows.append(_triples(f"second reading{suffix}", kept, "second"))
        rows.append(_triples(f"speechkit{suffix}", kept, "tool"))
        if not genre:
            rows.append(_triples("speechkit vs second", kept, "tool_on_second"))
    return rows + _difference_rows(judged)


def _describe(number: dict | None) -> str:
    if number is None:
        return "-"
    if "not_a_metric" in number:
        return f"NOT {number['not_a_metric']}"
    return f"{number['indicator']} {number['value']:g} {number['unit']} {number['change']}"


def _described_metric(metric) -> str:
    return "-" if metric is None else f"{metric.indicator} {metric.value:g} {metric.unit} {metric.change}"


def _number_at(stretch: dict, at: int) -> dict | None:
    """The number of a reading's stretch whose span holds offset ``at``."""
    return next((n for n in stretch["numbers"] if n["start"] <= at < n["start"] + len(n["raw"])), None)


def errors(agreement_dir: Path) -> list[str]:
    """One line per number the two readers judge differently: its class, the gold's
    reading and the second one."""
    judged = judge_agreement(agreement_dir)
    lines = []
    for item, outcome, stray, kind in differences(judged):
        if outcome is None:
            at, raw, second = stray.start, stray.raw, _described_metric(stray)
            first = _describe(_number_at(item.pair.gold, stray.start))
        else:
            at, raw, first = outcome.gold["start"], outcome.gold["raw"], _describe(outcome.gold)
            found = outcome.found
            second = _described_metric(found) if found else _describe(_number_at(item.pair.second, at))
        lines.append(f"agreement {item.pair.document}:{at} {raw}: {kind}; gold {first}; second {second}")
    # Differences the matching forgives: words of an indicator it finds contained.
    for o in _wording_differences([o for item in judged for o in item.second[0]])[0]:
        if not difference(o, *_tables()):
            lines.append(f"agreement {o.document}:{o.gold['start']} {o.gold['raw']}: wording;"
                         f" gold {o.gold['indicator']}; second {o.found.indicator}")
    for document, number, other in _class_differences(judged)[0]:
        lines.append(f"agreement {document}:{number['start']} {number['raw']}: class of non-metric;"
                     f" gold {number['not_a_metric']}; second {other['not_a_metric']} ({other['raw']})")
    return lines


@lru_cache(maxsize=1)
def _tables():
    """The indicator and unit tables the matching uses."""
    from speechkit.extract import default_indicators, default_units

    return default_indicators(), default_units()
