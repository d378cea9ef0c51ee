"""Files to speeches: decoding, metadata, reading folders, limits."""

from .errors import UnreadableFile
from .limits import ReadLimits
from .metadata import infer_metadata
from .read import Skipped, read_corpus, read_speech, speech_from_text

__all__ = ["ReadLimits", "Skipped", "UnreadableFile", "infer_metadata", "read_corpus", "read_speech", "speech_from_text"]
