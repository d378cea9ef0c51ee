"""Pure extractors: a Speech in, records with offsets out."""

from .metrics import extract_metrics, extract_placeholders
from .outline import extract_outline
from .slogans import extract_slogans

__all__ = ["extract_metrics", "extract_outline", "extract_placeholders", "extract_slogans"]
