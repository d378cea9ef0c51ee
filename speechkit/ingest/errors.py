"""The error of a file that cannot be read as a speech."""

from __future__ import annotations

import os

from ..errors import SpeechkitError
from ..names import readable_path


class UnreadableFile(SpeechkitError):
    """A file that cannot be read as a speech; ``path`` (readable text) and ``reason`` kept apart.

    The message is ``path: reason``; a folder listing records the two fields
    separately, since a path may itself contain ``: ``.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    reason : str
        Why it cannot be read.
    """

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = readable_path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
