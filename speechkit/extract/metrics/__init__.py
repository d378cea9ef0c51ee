"""Metrics (indicator, value, unit, change) and redacted placeholders."""

from .metrics import extract_metrics, metrics_json
from .placeholders import extract_placeholders

__all__ = ["extract_metrics", "extract_placeholders", "metrics_json"]
