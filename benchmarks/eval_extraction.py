"""Precision and recall of extraction per error class, against the hand-read gold of tests/gold/.

Tasks and their gold folders:

- metrics: ``tests/gold/metrics`` scored by ``_eval_metrics.py`` (its docstring gives
  the matching rules: value exact after conversion to the base unit, unit equal after
  normalisation, indicator equal after normalisation or contained with ≥ 3 characters,
  change direction where the gold states one);
- numbered formulations: ``tests/gold/formulations`` scored by ``_eval_formulations.py``;
- inline lists: ``tests/gold/lists`` scored by ``_eval_lists.py`` (accuracy of the item count).

Each scorer exposes ``evaluate(gold_dir) -> list[dict]`` with rows ``{"task", "class",
"tp", "fp", "fn", "precision", "recall"}`` (or ``"accuracy"``); a scorer whose module
or gold folder is missing is reported and skipped. The documents are read from
../shared/data (real/ and seed/).

Run: python3 benchmarks/eval_extraction.py [--errors]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

GOLD = HERE.parent / "tests" / "gold"
SCORERS = (("_eval_metrics", "metrics"), ("_eval_formulations", "formulations"), ("_eval_lists", "lists"))


def collect_rows() -> tuple[list[dict], list[str]]:
    """Rows of every scorer present, and a note for each one skipped."""
    rows: list[dict] = []
    notes: list[str] = []
    for module_name, folder in SCORERS:
        gold_dir = GOLD / folder
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            notes.append(f"{module_name}.py is not present: {folder} not scored")
            continue
        if not gold_dir.is_dir():
            notes.append(f"{gold_dir} is missing: {folder} not scored")
            continue
        rows += module.evaluate(gold_dir)
    return rows, notes


def _fmt(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(rows: list[dict]) -> str:
    """The rows as a fixed-width text table."""
    lines = [f"{'task':14} {'class':28} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>9} {'recall':>7} {'accuracy':>8}"]
    for row in rows:
        lines.append(
            f"{row['task']:14} {row['class']:28} {row.get('tp', '-')!s:>5} {row.get('fp', '-')!s:>5}"
            f" {row.get('fn', '-')!s:>5} {_fmt(row.get('precision')):>9} {_fmt(row.get('recall')):>7}"
            f" {_fmt(row.get('accuracy')):>8}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="also list every wrong or missing metric")
    args = parser.parse_args()
    rows, notes = collect_rows()
    print(format_table(rows))
    for note in notes:
        print(note)
    if args.errors:
        from _eval_metrics import errors

        print("\n".join(errors(GOLD / "metrics")))


if __name__ == "__main__":
    main()
