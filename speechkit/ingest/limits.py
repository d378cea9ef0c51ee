"""Limits on what one file may cost to read, checked before it is parsed.

``analyze`` holds about 600 MB plus 35-50 MB per MB of a document's text while it works on
it (``benchmarks/bench_read.py --memory``: 16 MB peaked at 1.05 GB, 50 MB at 2.7 GB). The
default of 20 MB per file keeps one document near 1.3 GB, so two worker processes fit a
laptop of 2 cores and 8 GB beside the user's other programs; government reports are
0.05-0.2 MB, so only an accident or an attack reaches it. ``--max-file-mb`` raises or lowers it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import UnreadableFile

DEFAULT_MAX_FILE_MB = 20.0
# A PDF carries its pictures and fonts as well as its text, so it may be larger on disk;
# its text is held to the limit while it is taken out.
PDF_SIZE_FACTOR = 5
# The XML of a .docx is the text plus its markup: a member may hold twice the limit.
ZIP_MEMBER_FACTOR = 2
# Word's XML compresses 5-15 times; a zip bomb's runs of one paragraph compress
# a thousand times. Small members (styles, settings) are not worth refusing.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE = 1_000_000


@dataclass(frozen=True)
class ReadLimits:
    """How much one file may hold, and whether links leading out of the folder are followed.

    Parameters
    ----------
    max_file_mb : float
        The largest file read, in MB (10^6 bytes); also the most text taken out of a
        .docx, .pdf or .html file. A PDF may be :data:`PDF_SIZE_FACTOR` times larger on
        disk; a member of a .docx :data:`ZIP_MEMBER_FACTOR` times larger uncompressed.
    follow_links : bool
        Read files and folders reached through a symbolic link to outside the folder.
    """

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    follow_links: bool = False

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)

    @property
    def max_characters(self) -> int:
        """The most characters of text a document may yield."""
        return self.max_bytes


def _megabytes(size: float) -> str:
    megabytes = size / 1_000_000
    # Three significant digits: a small limit (0.05 MB) shows as itself, not as 0.1 or 0.0.
    return f"{megabytes:,.0f} MB" if megabytes >= 100 else f"{megabytes:.3g} MB"


def over_limit(what: str, size: int, limit: int) -> str:
    """The reason a file is refused: ``what`` of ``size`` bytes is over ``limit``."""
    return f"{what} {_megabytes(size)} is over the limit of {_megabytes(limit)} (--max-file-mb)"


def check_file_size(path: Path, size: int, limits: ReadLimits) -> None:
    """Refuse a file whose size on disk is over its limit (a PDF's is larger, see :class:`ReadLimits`).

    Raises
    ------
    UnreadableFile
        If the file is too large.
    """
    limit = limits.max_bytes * (PDF_SIZE_FACTOR if path.suffix.lower() == ".pdf" else 1)
    if size > limit:
        raise UnreadableFile(path, over_limit("file of", size, limit))


def check_zip_members(path: Path, limits: ReadLimits) -> None:
    """Refuse a zip-based file (.docx) from its directory, before anything is decompressed:
    a member larger than its limit uncompressed, a large member compressed more than
    :data:`MAX_COMPRESSION_RATIO` times, or members together over the limit.

    Python's zipfile never inflates a member beyond the size its directory declares,
    so checking the declared sizes bounds what parsing can take.

    Raises
    ------
    UnreadableFile
        If the file is not a zip archive, or a member is over a limit.
    """
    limit = limits.max_bytes * ZIP_MEMBER_FACTOR
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(path, f"not a readable {path.suffix.lower()} file ({type(exc).__name__})") from None
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_COMPRESSION_RATIO:
            raise UnreadableFile(
                path,
                f"member {member.filename} expands {ratio:,.0f} times ({_megabytes(member.compress_size)} to "
                f"{_megabytes(member.file_size)}), over the limit of {MAX_COMPRESSION_RATIO} (a zip bomb?)",
            )
        if member.file_size > limit:
            raise UnreadableFile(path, over_limit(f"member {member.filename} uncompressed", member.file_size, limit))
    total = sum(member.file_size for member in members)
    if total > limit:
        raise UnreadableFile(path, over_limit("members uncompressed", total, limit))


def check_text_size(path: Path, characters: int, limits: ReadLimits) -> None:
    """Refuse a document whose text, taken out so far, is over the limit.

    Raises
    ------
    UnreadableFile
        If ``characters`` is over :attr:`ReadLimits.max_characters`.
    """
    if characters > limits.max_characters:
        raise UnreadableFile(
            path, f"text of more than {limits.max_characters:,} characters is over the limit (--max-file-mb)"
        )
