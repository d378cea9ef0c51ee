"""The words of a stretch of text as the metrics read them (their offsets and tags).

The metrics read parts of speech with the bundled dictionaries only, so the figures of a
speech do not change with a run's user dictionaries or stopwords.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...segment import get_tokenizer

if TYPE_CHECKING:
    from ...tokens import Tokens


def tag_words(text: str, offset: int = 0) -> Tokens:
    """The words of ``text`` with the bundled segmentation's offsets and tags."""
    return get_tokenizer().tokenize(text, offset)
