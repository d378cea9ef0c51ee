"""Pure extractors: a Speech in, records with offsets out."""

from .metrics import extract_metrics, extract_placeholders
from .metrics.indicators import default_indicators
from .metrics.units import default_units
from .outline import extract_outline, iter_sections, section_at
from .slogans import extract_slogans
from .slogans.lexicon import load_lexicon

__all__ = [
    "default_indicators", "default_units", "extract_metrics", "extract_outline", "extract_placeholders",
    "extract_slogans", "iter_sections", "load_lexicon", "section_at",
]  # fmt: skip
