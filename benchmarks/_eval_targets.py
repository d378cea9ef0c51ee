"""Precision and recall of the targets ledger against the hand-read gold of tests/gold/targets.

Gold files: ``national.tsv`` and ``provinces.tsv`` (columns in tests/gold/targets/README.md);
a file that is absent is reported and not scored. Every document a gold file names
(../shared/data/…) is read, with no metadata but what the files themselves give, and one
ledger is built over all of them together: places must be told apart by the code.

A ledger row is **right** when place, year, indicator, target value or range
(``target_low``/``target_high``) and outcome value (or its absence) all match a gold row.
Precision: right rows / ledger rows of canonical indicators for the gold's places and years (rows of targets stated
in words only, reason ``qualitative``, only when the gold has such rows: the gold's rule is to
list the quantitative targets); recall: right rows / gold rows. Verdict accuracy: among gold rows whose (place, year, indicator) the ledger has,
the share whose verdict, or reason when there is no verdict, is the gold's. Figures are
given per file and split (``tuning``: rules were written looking at these documents;
``sealed``: never looked at while writing rules), with the errors counted per class:
``missing`` (no ledger row), ``extra`` (a row the gold has not), ``target`` (wrong value or
range), ``outcome`` (wrong or missing outcome, or one where the gold has none), ``verdict``
(wrong verdict or reason).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "tests" / "gold" / "targets"
SHARED = HERE.parent.parent / "shared" / "data"
FILES = ("national.tsv", "provinces.tsv")
ERROR_CLASSES = ("missing", "extra", "target", "outcome", "verdict")


def read_gold(path: Path) -> list[dict]:
    """The rows of one gold file, numbers as floats (None where empty)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        row["year"] = int(row["year"])
        for column in ("target_low", "target_high", "outcome"):
            row[column] = float(row[column]) if row[column] else None
    return rows


def build_ledger(documents: list[str], *, tolerance: float = 0.1):
    """The ledger of the documents (paths relative to ../shared/data), read together."""
    from speechkit import Corpus, read_speech, target_ledger

    speeches = [read_speech(SHARED / document) for document in sorted(set(documents))]
    return target_ledger(Corpus(speeches).results(), tolerance=tolerance).ledger()


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) < 1e-6


# A bare magnitude written as the unit (1000万以上: 1000, 万) and folded into the value
# (10000000, no unit) state the same target.
_MAGNITUDES = {"万": 1e4, "亿": 1e8, "万亿": 1e12}


def _folded(value: float | None, unit) -> float | None:
    """``value`` with a bare magnitude unit (万, 亿) folded in."""
    return None if value is None else value * _MAGNITUDES.get(unit or "", 1.0)


def _plain(value):
    return None if value is None or value != value else value


def compare(gold: list[dict], ledger) -> dict:
    """Counts of right rows, ledger rows in scope, verdicts and errors per class.

    Parameters
    ----------
    gold : list of dict
        Rows of :func:`read_gold` (one split of one file).
    ledger : pandas.DataFrame
        :meth:`speechkit.analysis.targets.TargetLedger.ledger` over the documents.
    """
    scope = {(row["place"], row["year"]) for row in gold}
    # The gold lists quantitative targets; words-only targets count where it lists them too.
    words_only = any(row["reason"] == "qualitative" for row in gold)
    found = {}
    for row in ledger.to_dict("records"):
        if row["reason"] == "qualitative" and not words_only:
            continue
        # The gold lists indicators of the canonical table; local indicators are out of its scope.
        if _plain(row["canonical"]) is None:
            continue
        if (row["place"], _plain(row["year"])) in scope:
            found[(row["place"], int(row["year"]), row["indicator"])] = {k: _plain(v) for k, v in row.items()}
    in_scope = len(found)
    errors: dict[str, list[str]] = defaultdict(list)
    right = judged = verdicts = 0
    for row in gold:
        key = (row["place"], row["year"], row["indicator"])
        got = found.pop(key, None)
        if got is None:
            errors["missing"].append(f"{key} target {row['target_raw']}")
            continue
        target_ok = all(
            _close(_folded(got[end], got["unit"]), _folded(row[end], row["unit"])) for end in ("target_low", "target_high")
        )
        outcome_ok = _close(got["outcome"], row["outcome"])
        if not target_ok:
            errors["target"].append(f"{key} gold {row['target_low']}–{row['target_high']}, "
                                    f"ledger {got['target_low']}–{got['target_high']}")
        if not outcome_ok:
            errors["outcome"].append(f"{key} gold {row['outcome']}, ledger {got['outcome']} ({got['outcome_raw']})")
        right += target_ok and outcome_ok
        judged += 1
        expected = row["verdict"] or row["reason"]
        given = got["verdict"] or got["reason"]
        if expected == given:
            verdicts += 1
        else:
            errors["verdict"].append(f"{key} gold {expected}, ledger {given}")
    errors["extra"] = [f"{key} target {row['target_raw']}" for key, row in sorted(found.items())]
    return {"right": right, "ledger": in_scope, "gold": len(gold), "judged": judged, "verdicts": verdicts,
            "errors": errors}


def evaluate(gold_dir: Path = GOLD, *, with_errors: bool = False) -> list[dict]:
    """Rows ``{"task", "class", "tp", "fp", "fn", "precision", "recall", "accuracy"}`` per
    gold file and split, then one row per class of error (its count in ``fn``); with
    ``with_errors`` each row also lists the errors (``"errors"``)."""
    gold_dir = Path(gold_dir)
    files = {name: gold_dir / name for name in FILES}
    present = {name: read_gold(path) for name, path in files.items() if path.exists()}
    rows = [{"task": "targets", "class": f"{name} absent: not scored"} for name in FILES if name not in present]
    documents = [doc for gold in present.values() for row in gold for doc in (row["target_doc"], row["outcome_doc"]) if doc]
    if not documents:
        return rows
    ledger = build_ledger(documents)
    for name, gold in present.items():
        for split in ("tuning", "sealed"):
            part = [row for row in gold if row["split"] == split]
            if not part:
                continue
            counts = compare(part, ledger)
            label = f"{name.removesuffix('.tsv')} {split}"
            rows.append({
                "task": "targets", "class": f"{label} ledger", "tp": counts["right"],
                "fp": counts["ledger"] - counts["right"], "fn": counts["gold"] - counts["right"],
                "precision": counts["right"] / counts["ledger"] if counts["ledger"] else None,
                "recall": counts["right"] / counts["gold"],
                "accuracy": counts["verdicts"] / counts["judged"] if counts["judged"] else None,
            })  # fmt: skip
            for error in ERROR_CLASSES:
                row = {"task": "targets", "class": f"{label} error: {error}", "fn": len(counts["errors"][error])}
                if with_errors:
                    row["errors"] = counts["errors"][error]
                rows.append(row)
    return rows
