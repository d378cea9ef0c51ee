"""Readers for the small text files speechkit is configured with: word lists, tables
(bundled in ``speechkit/data`` or a researcher's own of the same shape), dictionaries.

Every such file is UTF-8 (a byte-order mark is allowed); a missing, unreadable or
undecodable one is one :class:`~speechkit.errors.SpeechkitError` naming the file and
what it was meant to be. Tables are tab-separated with a header line that must be
exactly the expected columns; lines starting with ``#`` and blank lines are ignored
anywhere (a table may open with a comment block).
"""

from __future__ import annotations

import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import SpeechkitError
from .names import readable_path


class TableRow(NamedTuple):
    """One data line of a tab-separated table."""

    line: int
    """Its line number in the file (1 is the first line)."""
    cells: list[str]
    """Its cells, each stripped of surrounding white space."""


def read_text_file(path: str | Path, *, what: str) -> str:
    """The text of a UTF-8 file, without a byte-order mark; line ends left as written.

    Parameters
    ----------
    path : str or Path
    what : str
        What the file is meant to be (``"word list"``), named in the error message.

    Raises
    ------
    SpeechkitError
        When the file is missing, not a regular file (a folder, a FIFO: refused
        before it is opened, so nothing blocks), unreadable or not UTF-8 text.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SpeechkitError(f"{readable_path(path)}: {what} not found") from None
    except OSError as exc:
        raise SpeechkitError(f"{readable_path(path)}: {what} cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(mode):
        raise SpeechkitError(f"{readable_path(path)}: {what} is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise SpeechkitError(f"{readable_path(path)}: {what} is not a regular file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SpeechkitError(f"{readable_path(path)}: {what} cannot be read ({exc.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpeechkitError(f"{readable_path(path)}: {what} is not UTF-8 text") from None


def content_lines(path: str | Path, *, what: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of each line that is neither blank nor a ``#`` comment.

    The line keeps its white space (a table's first cell may be empty); see
    :func:`read_text_file` for the errors.
    """
    for number, line in enumerate(read_text_file(path, what=what).splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield number, line


def read_table(path: str | Path, columns: Sequence[str], *, what: str, optional: Sequence[str] = (),
               exact: bool = False) -> Iterator[TableRow]:
    """The data rows of a tab-separated table whose header is ``columns``.

    Parameters
    ----------
    path : str or Path
    columns : sequence of str
        The header the first content line must start with, cell for cell.
    what : str
        What the table is (``"unit table"``), named in error messages.
    optional : sequence of str
        Columns the header may go on with, in this order (a prefix of them).
    exact : bool
        Refuse a row with fewer cells than the header; otherwise a short row is
        padded with empty cells.

    Yields
    ------
    TableRow
        With ``len(columns) + len(optional)`` cells (empty for an optional column
        the header leaves out).

    Raises
    ------
    SpeechkitError
        When the file cannot be read (see :func:`read_text_file`), the header is not
        ``columns`` (and optional ones), a row has text beyond the header's columns
        (nothing is dropped unseen) or, with ``exact``, fewer cells.
    """
    lines = content_lines(path, what=what)
    header = [cell.strip() for cell in next(lines, (0, ""))[1].split("\t")]
    width = len(header)
    if header != [*columns, *optional][:width] or width < len(columns):
        raise SpeechkitError(f"{readable_path(path)}: first line must be the tab-separated header {' '.join(columns)}"
                             + (f" (then {' '.join(optional)})" if optional else ""))
    full = len(columns) + len(optional)
    for number, line in lines:
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > width and not cells[-1]:
            cells.pop()  # trailing tabs
        if len(cells) > width or (exact and len(cells) < width):
            raise SpeechkitError(f"{readable_path(path)}: line {number} has {len(cells)} columns, not {width}")
        yield TableRow(number, cells + [""] * (full - len(cells)))
