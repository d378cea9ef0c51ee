"""Numbered formulations (kind ``numbered``) against the hand-read gold.

Each file of ``tests/gold/formulations`` names a document under ../shared/data, the
whole sections read (``sections``), every numbered formulation in them
(``formulations``: offsets, text, whether it is quoted) and the near misses
(``not_formulations``: counts, ordinals, congress numbers, names, with why).
Every ``numbered`` span the extractor gives inside a read section is judged: it is
right when a gold formulation has exactly its offsets. Rows per class:

``quoted`` / ``unquoted`` / ``all``
    precision and recall of the formulations written in quotes, without, and both
    (a wrong span counts against the class of the quote it stands in);
``near_miss``
    the near misses: ``tp`` those left alone, ``fp`` those taken for formulations;
    ``precision`` is the share left alone;
``all tuning``, ``all sealed GENRE`` …
    the ``all`` row per split and per genre and split (``tests/gold/split.tsv``
    beside the gold folder; a document missing from it is an error);
``all read before the split``, ``near_miss read before the split``
    the files the rules were written on, before the split (``"read_before_split":
    true``), on their own.

Run: python3 benchmarks/_eval_formulations.py [GOLD_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED  # noqa: E402
from _eval_metrics import document_groups  # noqa: E402
from _scores import score_row  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "formulations"
CLASSES = ("quoted", "unquoted", "all")
_QUOTE_OPENERS = "“‘「『\""


def evaluate(gold_dir: Path = GOLD) -> list[dict]:
    """Precision and recall of numbered formulations per class over every gold file.

    Parameters
    ----------
    gold_dir : pathlib.Path
        A folder of gold JSON files (see the module docstring).

    Returns
    -------
    list of dict
        Rows ``{"task", "class", "tp", "fp", "fn", "precision", "recall"}``.
    """
    from speechkit import read_speech
    from speechkit import extract_slogans

    groups = document_groups(Path(gold_dir))
    counts = {name: [0, 0, 0] for name in (*CLASSES, "near_miss")}
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        speech = read_speech(SHARED / gold["document"])
        found = {(s, e) for slogan in extract_slogans(speech, kinds="numbered") for s, e in slogan.spans}
        found = {span for span in found if _inside(span, gold["sections"])}
        document = {name: [0, 0, 0] for name in (*CLASSES, "near_miss")}
        _score(speech.text, gold, found, document)
        genre, split, seen = groups[gold["document"]]
        document.update({f"all {split}": document["all"], f"all {split} {genre}": document["all"]})
        if seen:
            document.update({f"{name} read before the split": document[name] for name in ("all", "near_miss")})
        for name, tp_fp_fn in document.items():
            counts[name] = [a + b for a, b in zip(counts.get(name, [0, 0, 0]), tp_fp_fn)]
    return [_row(name, *counts[name]) for name in (*CLASSES, "near_miss", *sorted(set(counts) - {*CLASSES, "near_miss"}))]


def errors(gold_dir: Path = GOLD) -> list[str]:
    """One line per gold formulation missed, per ``numbered`` span found where the gold
    has none and per near miss taken, each led by the document's split (for reading the
    tuning failures only)."""
    from speechkit import extract_slogans, read_speech

    groups = document_groups(Path(gold_dir))
    lines = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        _, split, _ = groups[gold["document"]]
        speech = read_speech(SHARED / gold["document"])
        found = {(s, e) for slogan in extract_slogans(speech, kinds="numbered") for s, e in slogan.spans}
        found = {span for span in found if _inside(span, gold["sections"])}
        truth = {(g["start"], g["end"]) for g in gold["formulations"]}
        head = f"{split} formulations {gold['document']}"
        text = speech.text
        for g in gold["formulations"]:
            if (g["start"], g["end"]) not in found:
                lines.append(f"{head}:{g['start']} missed {g['text']} ({'quoted' if g['quoted'] else 'unquoted'})"
                             f" in …{text[max(0, g['start'] - 12):g['end'] + 8]}…")
        for start, end in sorted(found - truth):
            lines.append(f"{head}:{start} false {text[start:end]} in …{text[max(0, start - 12):end + 8]}…")
        for miss in gold["not_formulations"]:
            if any(s < miss["end"] and miss["start"] < e for s, e in found):
                lines.append(f"{head}:{miss['start']} near miss taken {miss['text']} ({miss['why']})")
    return [line.replace("\n", " ") for line in lines]


def _inside(span: tuple[int, int], sections: list[list[int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in sections)


def _is_quoted(text: str, start: int) -> bool:
    """True when the span opens a quote or a clause of one (“和平统一、一国两制”)."""
    before = start
    while before > 0 and text[before - 1] not in _QUOTE_OPENERS + "”’」』。；\n":
        before -= 1
    return before > 0 and text[before - 1] in _QUOTE_OPENERS


def _score(text: str, gold: dict, found: set[tuple[int, int]], counts: dict) -> None:
    truth = {(g["start"], g["end"]): g["quoted"] for g in gold["formulations"]}
    for span, quoted in truth.items():
        for name in ("quoted" if quoted else "unquoted", "all"):
            counts[name][0 if span in found else 2] += 1
    for span in found - truth.keys():
        for name in ("quoted" if _is_quoted(text, span[0]) else "unquoted", "all"):
            counts[name][1] += 1
    for miss in gold["not_formulations"]:
        taken = any(s < miss["end"] and miss["start"] < e for s, e in found)
        counts["near_miss"][1 if taken else 0] += 1


def _row(name: str, tp: int, fp: int, fn: int) -> dict:
    return score_row("formulations", name, tp, fp, fn, recall=not name.startswith("near_miss"))


def main() -> None:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD
    print(f"{'task':<14}{'class':<11}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    for row in evaluate(gold_dir):
        print(
            f"{row['task']:<14}{row['class']:<11}{row['tp']:>5}{row['fp']:>5}{row['fn']:>5}"
            f"{_fmt(row['precision']):>11}{_fmt(row['recall']):>8}"
        )


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    main()
