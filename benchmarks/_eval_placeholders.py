"""Placeholders (redaction marks) on redacted versions of real documents, and false
placeholders on the unredacted ones.

Every document of ``tests/gold/split.tsv`` but the seed (which is redacted already) is
redacted by ``_redact.redact`` with a seed taken from its name, so the gold is made, not
read: each placeholder's offsets and kind. A found placeholder is right when a gold one
has its ``start`` and ``end``; ``accuracy`` is the share of gold placeholders found with
their kind. Rows ``all``, ``all SPLIT`` and ``all SPLIT GENRE``, then ``false on
unredacted``: every placeholder found in the documents of ../shared/data/{real, genres,
provinces} as they are (``fp``; none is right).

Run: python3 benchmarks/_eval_placeholders.py [GOLD_DIR]   (lists the false placeholders)

Figures (45 documents, 7,093 placeholders; the seed left out): tuning P 1.000 R 1.000,
kind accuracy 0.966; sealed P 1.000 R 0.999, kind accuracy 0.957; no genre below R 0.990.
0 false placeholders on the 82 unredacted documents (14 before “数据要素×” was read as a
name's operator). The marks still missed stand beside a digit (XX1244万人, X2座: read as a
code) or alone on a line (a hidden speaker's name, read as a bullet).
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED  # noqa: E402
from _eval_metrics import read_split  # noqa: E402
from _redact import redact  # noqa: E402
from _scores import ratio, score_row  # noqa: E402

GOLD = ROOT / "tests" / "gold"
UNREDACTED_FOLDERS = ("real", "genres", "provinces")


def evaluate(gold_dir: Path = GOLD) -> list[dict]:
    """Precision, recall and kind accuracy of placeholders on redacted documents, and the
    false placeholders on unredacted ones.

    Parameters
    ----------
    gold_dir : pathlib.Path
        The folder holding ``split.tsv``.

    Returns
    -------
    list of dict
        Rows ``{"task", "class", "tp", "fp", "fn", "precision", "recall", "accuracy"}``.
    """
    counts: dict[str, list[int]] = {}  # class -> [tp, fp, fn, right kind]
    for document, (genre, split) in sorted(read_split(Path(gold_dir) / "split.tsv").items()):
        if document.startswith("seed/"):
            continue
        document_counts = score_document(SHARED / document)
        for name in ("all", f"all {split}", f"all {split} {genre}"):
            counts[name] = [a + b for a, b in zip(counts.get(name, [0] * 4), document_counts)]
    order = ["all"] + sorted(name for name in counts if name != "all")
    rows = [_row(name, *counts[name]) for name in order]
    return [*rows, _row("false on unredacted", 0, len(false_placeholders()), 0, 0)]


def score_document(path: Path) -> tuple[int, int, int, int]:
    """``(tp, fp, fn, right kind)`` of the placeholders found in a redacted version of a document."""
    from speechkit import read_speech
    from speechkit.extract.metrics.placeholders import extract_placeholders, is_markdown
    from speechkit import Speech

    speech = read_speech(path)
    seed = zlib.crc32(path.relative_to(SHARED).as_posix().encode("utf-8"))
    redacted, gold = redact(speech.text, seed=seed, markdown=is_markdown(speech.text, speech.path))
    found = {(p.start, p.end): p.kind for p in extract_placeholders(Speech(redacted, speech.meta, speech.path))}
    tp = sum((g.start, g.end) in found for g in gold)
    right_kind = sum(found.get((g.start, g.end)) == g.kind for g in gold)
    return tp, len(found) - tp, len(gold) - tp, right_kind


def false_placeholders(shared: Path = SHARED) -> list[str]:
    """``file: mark kind context`` for every placeholder found in an unredacted document."""
    from speechkit import read_speech
    from speechkit import extract_placeholders

    lines = []
    for folder in UNREDACTED_FOLDERS:
        for path in sorted((shared / folder).glob("*.txt")):
            for p in extract_placeholders(read_speech(path)):
                lines.append(f"{folder}/{path.name}: {p.text} {p.kind} {p.context}")
    return lines


def _row(name: str, tp: int, fp: int, fn: int, right_kind: int) -> dict:
    return score_row("placeholders", name, tp, fp, fn, accuracy=ratio(right_kind, tp + fn))


if __name__ == "__main__":
    from eval_extraction import format_table

    print(format_table(evaluate(Path(sys.argv[1]) if len(sys.argv) > 1 else GOLD)))
    print("\n".join(false_placeholders()) or "no false placeholders on the unredacted documents")
