"""Files to speeches: decoding, metadata, reading folders, limits."""

from .limits import ReadLimits
from .read import Skipped, read_corpus, read_speech

__all__ = ["ReadLimits", "Skipped", "read_corpus", "read_speech"]
