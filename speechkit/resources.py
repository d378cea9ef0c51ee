"""Bundled data files (written by us) and readers for word lists.

Word-list files are UTF-8 text, one entry per line; lines starting with ``#`` and
blank lines are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from .errors import SpeechkitError
from .resource_files import content_lines

T = TypeVar("T")


def data_path(name: str) -> Path:
    """Return the path of a bundled data file in ``speechkit/data``."""
    return _data_folder() / name


@lru_cache(maxsize=1)
def _data_folder() -> Path:
    # Looked up once: the extractors ask for their data files for every speech.
    return Path(str(resources.files("speechkit") / "data"))


def iter_entries(path: str | Path) -> Iterator[str]:
    """Yield the non-comment, non-blank lines of a word-list file, stripped."""
    for _, line in content_lines(path, what="word list"):
        yield line.strip()


def read_wordlist(path: str | Path) -> set[str]:
    """Return the set of words in a one-word-per-line file."""
    return {line.split()[0] for line in iter_entries(path)}


def read_userdict(path: str | Path) -> list[tuple[str, int | None, str | None]]:
    """Parse a jieba-format user dictionary: ``word [freq] [pos]`` per line."""
    entries = []
    for line in iter_entries(path):
        parts = line.split()
        word, freq, tag = parts[0], None, None
        for part in parts[1:3]:
            if part.isdigit():
                freq = int(part)
            else:
                tag = part
        entries.append((word, freq, tag))
    return entries


def load_data_file(reader: Callable[[str], T], path: str | Path | None, default: str, what: str) -> T:
    """``reader(path)`` for a data file (``path``, or the bundled file named ``default``),
    read once per process and per version of the file (its modification time).

    Raises
    ------
    SpeechkitError
        When the file does not exist (``what`` names it in the message).
    """
    path = Path(path) if path is not None else data_path(default)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise SpeechkitError(f"{path}: {what} not found") from None
    return _read_once(reader, str(path), mtime)


@lru_cache(maxsize=16)
def _read_once(reader: Callable[[str], T], path: str, mtime: float) -> T:
    return reader(path)
