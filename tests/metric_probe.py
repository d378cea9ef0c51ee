"""The indicator the extractor gives one metric, found by where it is written: the probe
the metric tests share."""

from __future__ import annotations

from pathlib import Path

from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.speech import Speech


def indicator_of(text: str, raw: str) -> str | None:
    """The indicator of the metric written ``raw`` in ``text`` (first match)."""
    start = text.index(raw)
    return next(m.indicator for m in extract_metrics(Speech(text)) if m.start == start)


def indicator_in_document(path: Path, context: str, raw: str) -> str | None:
    """The indicator of the metric written ``raw`` inside ``context`` of the document ``path``."""
    text = path.read_text(encoding="utf-8")
    at = text.index(context) + context.index(raw)
    return {m.start: m for m in extract_metrics(Speech(text))}[at].indicator
