"""The main job, ``speechkit analyze``: per-speech results mapped over the corpus, then
corpus tables, pictures and the report built from those results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .options import AnalysisOptions
from .run import Summary, analyze

_EXPORTS = {"speech_result": ".per_speech"}
__all__ = ["AnalysisOptions", "Summary", "analyze", "speech_result"]
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:
    from .per_speech import speech_result
