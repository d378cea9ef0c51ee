"""Files to speeches: decoding, metadata, reading folders, bundled resources."""

from .read import Skipped, read_corpus, read_speech

__all__ = ["Skipped", "read_corpus", "read_speech"]
