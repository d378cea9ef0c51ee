"""The rows every scorer of eval_extraction.py returns: counts and the ratios made of them."""

from __future__ import annotations


def ratio(part: int, whole: int, digits: int | None = 3) -> float | None:
    """``part / whole`` (rounded to ``digits`` unless None), or None when ``whole`` is 0."""
    if not whole:
        return None
    return part / whole if digits is None else round(part / whole, digits)


def score_row(task: str, name: str, tp: int, fp: int, fn: int, *, digits: int | None = 3,
              recall: bool = True, **extra) -> dict:
    """One row ``{task, class, tp, fp, fn, precision, recall}`` plus ``extra`` columns
    (an ``accuracy`` …); ``recall=False`` leaves recall out (None) where the gold has no
    positives to find (near misses)."""
    return {
        "task": task,
        "class": name,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": ratio(tp, tp + fp, digits),
        "recall": ratio(tp, tp + fn, digits) if recall else None,
        **extra,
    }
