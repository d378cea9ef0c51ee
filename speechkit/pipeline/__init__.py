"""The main job, ``speechkit analyze``: per-speech results mapped over the corpus, then
corpus tables, pictures and the report built from those results."""

from .options import AnalysisOptions
from .run import Summary, analyze

__all__ = ["AnalysisOptions", "Summary", "analyze"]
