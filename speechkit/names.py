"""Names from the file system made safe for every output: readable text, safe file names, unique ids.

A file name that is not valid UTF-8 reaches Python with its bad bytes as lone
surrogates (``surrogateescape``); no UTF-8 file, JSON or terminal accepts those, so
every name is shown with such bytes escaped as ``\\xff``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import count
from pathlib import PurePath

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that no common file system accepts in a name, or that break a line or a path.
_UNSAFE_IN_FILE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED_NAMES = {"", ".", ".."}


def _escape(char: str) -> str:
    code = ord(char)
    # surrogateescape keeps an undecodable byte b as U+DC00 + b.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def readable(text: str) -> str:
    """``text`` with every lone surrogate (an undecodable byte of a file name) as ``\\xff``.

    >>> readable("a\\udcffb.txt")
    'a\\\\xffb.txt'
    """
    return _SURROGATE.sub(lambda m: _escape(m.group()), text) if _SURROGATE.search(text) else text


def printable(text: str, keep_lines: bool = False) -> str:
    """``text`` for one line of a terminal: :func:`readable`, with control characters
    (newlines, tabs, escape sequences that would restyle the terminal) written as ``\\x1b``;
    ``keep_lines`` keeps newlines and tabs (for multi-line text such as an outline).

    >>> printable("a\\nb\\x1b[31m")
    'a\\\\x0ab\\\\x1b[31m'
    """
    text = readable(text)
    pattern = _CONTROL_BUT_LINES if keep_lines else _CONTROL
    return pattern.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if pattern.search(text) else text


def readable_path(path: str | PurePath) -> str:
    """A path as readable text (see :func:`readable`)."""
    return readable(str(path))


def json_safe(json_text: str) -> str:
    """JSON text with lone surrogates written as the escaped text ``\\xff`` (valid JSON, UTF-8 encodable)."""
    if not _SURROGATE.search(json_text):
        return json_text
    return _SURROGATE.sub(lambda m: _escape(m.group()).replace("\\", "\\\\"), json_text)


def safe_file_name(name: str) -> str:
    """``name`` readable and usable as a file or folder name on any common system.

    Characters that a file system refuses, or that break a line or a path
    (``/ \\ : * ? " < > |`` and control characters), become ``_``.
    """
    name = _UNSAFE_IN_FILE_NAME.sub("_", readable(name)).strip(" ")
    return "_" + name if name in _RESERVED_NAMES or name.startswith(".") else name


def unique_ids(candidates: Sequence[Sequence[str]]) -> list[str]:
    """One distinct id per item from its candidate names, in order of preference.

    Level by level, an item still without an id takes its candidate of that level
    when no other such item shares it and it is not taken; items left at the end take
    their last candidate with ``-2``, ``-3`` … appended. The result depends only on the
    candidates and their order, so it is reproducible.

    >>> unique_ids([["same", "same.md"], ["same", "same.txt"], ["other", "other.txt"]])
    ['same.md', 'same.txt', 'other']
    """
    ids: list[str | None] = [None] * len(candidates)
    taken: set[str] = set()
    for level in range(max((len(c) for c in candidates), default=0)):
        open_items = [i for i, found in enumerate(ids) if found is None and level < len(candidates[i])]
        counts = Counter(candidates[i][level] for i in open_items)
        for i in open_items:
            name = candidates[i][level]
            if counts[name] == 1 and name not in taken:
                ids[i] = name
                taken.add(name)
    for i, found in enumerate(ids):
        if found is None:
            last = candidates[i][-1]
            ids[i] = next(f"{last}-{n}" for n in count(2) if f"{last}-{n}" not in taken)
            taken.add(ids[i])
    return ids  # type: ignore[return-value]
