"""The main job, ``speechkit analyze``: per-speech results mapped over the corpus, then
corpus tables, pictures and the report built from those results."""

from .run import AnalysisOptions, Summary, analyze

__all__ = ["AnalysisOptions", "Summary", "analyze"]
