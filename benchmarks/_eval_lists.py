"""Inline enumerations (一是…二是…, 一要…, 第一，…, 首先…其次…, 一方面…另一方面…)
against the hand-read gold.

Each file of ``tests/gold/lists`` names a document under ../shared/data, the
stretches read (``sections``) and every inline list in them: the offset of its first
marker (``start``), its ``kind``, the offsets of its members' markers, its item count
and the ``start`` of the list it is nested in (``parent``, or null). Lists numbered
（1） inside a paragraph and —— lists are not part of the set, nor 第一，… opening
paragraphs of their own (the outline makes those headings).

A found list is right when a gold list starts at its first marker. Rows per kind,
for ``nested`` lists (right only with the right parent) and for ``all``, then ``all``
per split and per genre and split (``all sealed GENRE``: ``tests/gold/split.tsv``
beside the gold folder; a document missing from it is an error) and for the files
read before the split (``all read before the split``: ``"read_before_split": true``,
the files the rules were written on); ``accuracy`` is the share of gold lists found
with the right item count.

Run: python3 benchmarks/_eval_lists.py [GOLD_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED  # noqa: E402
from _eval_metrics import document_groups  # noqa: E402
from _scores import ratio, score_row  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "lists"
KINDS = ("shi", "yao", "bu", "ordinal", "sequence", "aspect", "verb")


def _found_in_sections(gold: dict) -> dict[int, dict]:
    """The extractor's lists of the kinds scored inside the gold file's stretches, by first marker."""
    from speechkit import read_speech
    from speechkit.extract.outline import extract_outline

    outline = extract_outline(read_speech(SHARED / gold["document"]), keywords=0)
    return {
        lst["start"]: lst
        for lst in found_lists(outline)
        if lst["kind"] in KINDS and any(a <= lst["start"] < b for a, b in gold["sections"])
    }


def errors(gold_dir: Path = GOLD) -> list[str]:
    """One line per gold list missed or counted wrong and per list found where the gold
    has none, each led by the document's split (for reading the tuning failures only)."""
    groups = document_groups(Path(gold_dir))
    lines = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = _found_in_sections(gold)
        _, split, _ = groups[gold["document"]]
        head = f"lists {split} {gold['document']}"
        for lst in gold["lists"]:
            hit = found.get(lst["start"])
            if hit is None:
                lines.append(f"{head}:{lst['start']} missed {lst['kind']} of {lst['items']} {lst.get('snippet', '')}")
            elif hit["items"] != lst["items"] or hit["parent"] != lst["parent"]:
                lines.append(f"{head}:{lst['start']} {hit['items']} items under {hit['parent']}, want {lst['items']} under {lst['parent']}")
        gold_starts = {lst["start"] for lst in gold["lists"]}
        lines += [f"{head}:{start} false {lst['kind']} of {lst['items']}" for start, lst in found.items() if start not in gold_starts]
    return lines


def evaluate(gold_dir: Path = GOLD) -> list[dict]:
    """Precision, recall and item-count accuracy of inline lists per class.

    Parameters
    ----------
    gold_dir : pathlib.Path
        A folder of gold JSON files (see the module docstring).

    Returns
    -------
    list of dict
        Rows ``{"task", "class", "tp", "fp", "fn", "precision", "recall", "accuracy"}``.
    """
    groups = document_groups(Path(gold_dir))
    counts: dict[str, list[int]] = {}  # class -> [tp, fp, fn, right count, gold]
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = _found_in_sections(gold)
        document: dict[str, list[int]] = {}
        _score(gold["lists"], found, document)
        genre, split, seen = groups[gold["document"]]
        groups_of_all = [f"all {split}", f"all {split} {genre}"] + (["all read before the split"] if seen else [])
        for name, row in [*document.items(), *[(n, document.get("all", [0] * 5)) for n in groups_of_all]]:
            counts[name] = [a + b for a, b in zip(counts.get(name, [0] * 5), row)]
    order = [kind for kind in KINDS if kind in counts] + [name for name in ("nested", "all") if name in counts]
    order += sorted(name for name in counts if name.startswith("all "))
    return [_row(name, *counts[name]) for name in order]


def found_lists(outline) -> list[dict]:
    """Every list of an outline, nested ones included: first marker, kind, item count
    and the first marker of the list holding it."""
    from speechkit.extract import iter_sections

    result: list[dict] = []

    def walk(items, parent: int | None) -> None:
        groups: dict[int, list] = {}
        for item in items:
            groups.setdefault(item.group, []).append(item)
        for members in groups.values():
            result.append({"start": members[0].start, "kind": members[0].kind, "items": len(members), "parent": parent})
            for member in members:
                walk(member.children, members[0].start)

    walk(outline.items, None)
    for section in iter_sections(outline.sections):
        walk(section.items, None)
    return result


def _score(gold_lists: list[dict], found: dict[int, dict], counts: dict) -> None:
    for lst in gold_lists:
        hit = found.get(lst["start"])
        classes = [lst["kind"], "all"] + (["nested"] if lst["parent"] is not None else [])
        for name in classes:
            row = counts.setdefault(name, [0, 0, 0, 0, 0])
            right = hit is not None and (name != "nested" or hit["parent"] == lst["parent"])
            row[0 if right else 2] += 1
            row[3] += right and hit["items"] == lst["items"]
            row[4] += 1
    gold_starts = {lst["start"] for lst in gold_lists}
    for start, lst in found.items():
        if start in gold_starts:
            continue
        for name in [lst["kind"], "all"] + (["nested"] if lst["parent"] is not None else []):
            counts.setdefault(name, [0, 0, 0, 0, 0])[1] += 1


def _row(name: str, tp: int, fp: int, fn: int, right: int, total: int) -> dict:
    return score_row("lists", name, tp, fp, fn, accuracy=ratio(right, total))


def main() -> None:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    print(f"{'task':<7}{'class':<10}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'accuracy':>10}")
    for row in evaluate(gold_dir):
        print(
            f"{row['task']:<7}{row['class']:<10}{row['tp']:>5}{row['fp']:>5}{row['fn']:>5}"
            f"{_fmt(row['precision']):>11}{_fmt(row['recall']):>8}{_fmt(row['accuracy']):>10}"
        )


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
