"""Outline headings (levels 1 and 2) against the hand-read gold of ``tests/gold/outline``.

Each file of ``tests/gold/outline`` names a document under ../shared/data and lists
EVERY heading of it (``headings``): the offset of its marker as written (``start``),
its ``level`` in its tree, the ``marker`` (一、, （一）, 1., 第一，, 第三条, 专栏1, 附件2;
empty for an unnumbered heading), the ``tree`` it belongs to (0 for the body; a new
tree for each annex, glossary, speaker or part that restarts its numbering) and a
``snippet`` of the heading for the reader.

Scoring, per document, of the extractor's section tree (``iter_sections``):

``L1``
    a found level-1 section is right when a gold level-1 heading starts at its offset;
``L2``
    a found level-2 section is right when a gold level-2 heading starts at its offset
    and its parent (the section above it) starts where the gold parent does: a
    heading nested under the wrong section is wrong.

Rows ``L1`` and ``L2`` over all documents, then ``L1 tuning``, ``L1 sealed GENRE``…
per split and per genre and split (``tests/gold/split.tsv``; a document missing from
it is an error), each with precision, recall and ``f1``.

Run: python3 benchmarks/_eval_outline.py [GOLD_DIR]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT  # noqa: E402
from _eval_metrics import document_key, document_path, read_split  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "outline"
LEVELS = (1, 2)


def gold_levels(headings: list[dict]) -> dict[int, set]:
    """``level -> {(start, parent start)}`` of the gold headings (parent None at level 1)."""
    result: dict[int, set] = defaultdict(set)
    open_at: dict[tuple[int, int], int] = {}  # (tree, level) -> start of the open heading
    for heading in sorted(headings, key=lambda h: h["start"]):
        tree, level = heading["tree"], heading["level"]
        open_at[(tree, level)] = heading["start"]
        parent = open_at.get((tree, level - 1)) if level > 1 else None
        result[level].add((heading["start"], parent))
    return result


def found_levels(outline) -> dict[int, set]:
    """``level -> {(start, parent start)}`` of the extractor's sections."""
    result: dict[int, set] = defaultdict(set)

    def walk(sections, parent: int | None) -> None:
        for section in sections:
            result[section.level].add((section.start, parent))
            walk(section.children, section.start)

    walk(outline.sections, None)
    return result


def score_document(gold: dict) -> dict[int, tuple[int, int, int]]:
    """``level -> (tp, fp, fn)`` of one gold file."""
    from speechkit import read_speech
    from speechkit import extract_outline

    truth = gold_levels(gold["headings"])
    found = found_levels(extract_outline(read_speech(document_path(gold["document"])), keywords=0))
    return {
        level: (len(truth[level] & found[level]), len(found[level] - truth[level]), len(truth[level] - found[level]))
        for level in LEVELS
    }


def errors(gold_dir: Path = GOLD) -> list[str]:
    """One line per heading missed or found wrongly at levels 1 and 2, led by the
    document's split (for reading the tuning failures only)."""
    from speechkit import read_speech
    from speechkit.extract.outline import extract_outline

    split = read_split(Path(gold_dir).parent / "split.tsv")
    lines = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = document_path(gold["document"]).read_text(encoding="utf-8")
        head = f"outline {split[document_key(gold['document'])][1]} {gold['document']}"
        truth = gold_levels(gold["headings"])
        found = found_levels(extract_outline(read_speech(document_path(gold["document"])), keywords=0))
        for level in LEVELS:
            for what, starts in (("missed", truth[level] - found[level]), ("false", found[level] - truth[level])):
                lines += [f"{head}:{start} L{level} {what} under {parent}: {text[start:start + 16]!r}" for start, parent in sorted(starts)]
    return lines


def evaluate(gold_dir: Path = GOLD) -> list[dict]:
    """L1 and L2 precision, recall and F1 over all gold files, per split and per genre and split.

    Parameters
    ----------
    gold_dir : pathlib.Path
        A folder of gold JSON files (see the module docstring); ``split.tsv`` beside it.

    Returns
    -------
    list of dict
        Rows ``{"task", "class", "tp", "fp", "fn", "precision", "recall", "f1"}``.
    """
    split = read_split(Path(gold_dir).parent / "split.tsv")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        key = document_key(gold["document"])
        if key not in split:
            raise KeyError(f"{path.name}: {key} is not in {Path(gold_dir).parent / 'split.tsv'}")
        genre, part = split[key]
        for level, tp_fp_fn in score_document(gold).items():
            for name in (f"L{level}", f"L{level} {part}", f"L{level} {part} {genre}"):
                counts[name] = [a + b for a, b in zip(counts[name], tp_fp_fn)]
    order = sorted(counts, key=lambda name: (name.split(" ")[0], len(name.split(" ")) > 1, name))
    return [row("outline", name, *counts[name]) for name in order]


def row(task: str, name: str, tp: int, fp: int, fn: int) -> dict:
    """A result row with precision, recall and their harmonic mean (None when undefined)."""
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if tp + fp and tp + fn else None)
    return {"task": task, "class": name, "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def main() -> None:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    print(f"{'class':<32}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'f1':>8}")
    for r in evaluate(gold_dir):
        print(f"{r['class']:<32}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{_fmt(r['precision']):>11}{_fmt(r['recall']):>8}{_fmt(r['f1']):>8}")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
