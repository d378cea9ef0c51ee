"""The Corpus: many speeches with their document variables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .speech import Speech


def group_key(speech: Speech, by: str = "year"):
    """The group of a speech under ``by``: ``speech`` (its id), ``year``, ``speaker``,
    ``org`` or any manifest / front-matter column (``kind``, ``level`` …).

    A blank value counts as missing: the speech has no group (None).
    """
    value = speech.id if by == "speech" else speech.meta.get(by)
    if isinstance(value, str):
        value = value.strip() or None
    return value


def variables_hint(speeches: Iterable[Speech]) -> str:
    """The variables the speeches have values for, as a short hint for an error message."""
    names = {"speech"}
    for speech in speeches:
        meta = speech.meta
        names.update(n for n in ("year", "title", "date", "speaker", "org") if getattr(meta, n) is not None)
        names.update(meta.extra)
    return "variables: " + ", ".join(sorted(names))


def group_order(key) -> tuple:
    """Sort key of group keys: missing last, years and other numbers in numeric order."""
    return key is None, str(key).zfill(12)


class Corpus(Sequence):
    """An ordered collection of speeches plus the files that could not be read.

    Attributes
    ----------
    speeches : list of Speech
    skipped : list of Skipped
        Files that were found but not read, each with the reason.
    root : Path or None
        The folder the corpus was read from.
    """

    def __init__(self, speeches: Sequence[Speech], skipped=(), root: Path | None = None):
        self.speeches = list(speeches)
        self.skipped = list(skipped)
        self.root = root

    def __getitem__(self, index):
        return self.speeches[index]

    def __len__(self) -> int:
        return len(self.speeches)

    def __iter__(self) -> Iterator[Speech]:
        return iter(self.speeches)

    def __repr__(self) -> str:
        return f"Corpus({len(self.speeches)} speeches, {len(self.skipped)} skipped)"

    def years(self) -> list[int]:
        """The distinct years of the speeches, sorted."""
        return sorted({s.year for s in self.speeches if s.year is not None})

    def groups(self, by: str = "year") -> dict:
        """Speeches grouped by :func:`group_key`, in sorted key order (None last)."""
        grouped: dict = {}
        for speech in self.speeches:
            grouped.setdefault(group_key(speech, by), []).append(speech)
        return dict(sorted(grouped.items(), key=lambda kv: group_order(kv[0])))

    def to_frame(self, sizes: Sequence[tuple[int, int]] | None = None):
        """Document variables as a pandas DataFrame, one row per speech.

        ``sizes`` gives each speech's ``(characters, paragraphs)`` when known (the
        pipeline's results), so the texts need not be read.
        """
        import pandas as pd

        if sizes is None:
            sizes = [(len(speech.text), len(speech.paragraphs)) for speech in self.speeches]
        rows = []
        for speech, (characters, paragraphs) in zip(self.speeches, sizes):
            meta = speech.meta
            rows.append(
                {
                    "id": speech.id,
                    "file": speech.file,
                    "title": meta.title,
                    "year": meta.year,
                    "date": meta.date,
                    "speaker": meta.speaker,
                    "org": meta.org,
                    **meta.extra,
                    "characters": characters,
                    "paragraphs": paragraphs,
                }
            )
        frame = pd.DataFrame(rows)
        if not frame.empty:
            frame["year"] = frame["year"].astype("Int64")
        return frame

    def compare(self, by: str = "year", top: int = 20):
        """Compare the groups of the corpus (years by default, or any metadata variable).

        Returns a :class:`speechkit.analysis.by_group.compare.Comparison` whose tables are term
        rates per 10,000 tokens, rising and falling terms, the similarity matrix, and
        slogans, structure and metrics by group.
        """
        from .analysis.by_group.compare import compare

        return compare(self, by=by, top=top)

    def slogans(self, kind=None, by: str = "year"):
        """Slogan × year (or ``by`` group) counts with the groups of first and last appearance.

        ``kind`` keeps one kind (or a list of kinds) of ``quoted``, ``numbered``,
        ``parallel``, ``document``, ``redacted``; without it the core formulations
        are counted too. See
        :func:`speechkit.analysis.by_group.slogans.slogan_timeline`; pass the table to
        :func:`~speechkit.analysis.by_group.slogans.new_and_dropped` for the slogans
        new and dropped each year.
        """
        from .analysis.by_group.slogans import slogan_timeline

        return slogan_timeline(self, kind=kind, by=by)


def ungrouped(speeches: Iterable[Speech], by: str = "year") -> list[str]:
    """Ids of the speeches that have no value for ``by`` (left out of every table by ``by``)."""
    return [speech.id for speech in speeches if group_key(speech, by) is None]


def ungrouped_warning(ids: Sequence[str], by: str = "year", kept_as: str | None = None,
                      where: str = "every table and chart") -> str | None:
    """One line telling which documents ``where`` (the tables) by ``by`` leave out (or,
    with ``kept_as``, put in a group of that name), and how to fix it.

    Returns None when no document lacks a value.

    Examples
    --------
    >>> ungrouped_warning(["party-congress-19"])
    'warning: 1 document has no year and is left out of every table and chart by year (party-congress-19): give it a year column in metadata.csv in the corpus folder'
    >>> ungrouped_warning(["party-congress-19"], "kind", kept_as="(none)")
    'warning: 1 document has no kind and is grouped as (none) in every table and chart by kind (party-congress-19): give it a kind column in metadata.csv in the corpus folder'
    """
    if not ids:
        return None
    count = len(ids)
    noun, verb = ("document", "is") if count == 1 else ("documents", "are")
    shown = ", ".join(ids[:5]) + (f" and {count - 5} more" if count > 5 else "")
    fate = "left out of" if kept_as is None else f"grouped as {kept_as} in"
    return (
        f"warning: {count} {noun} {'has' if count == 1 else 'have'} no {by} and {verb} {fate} {where} "
        f"by {by} ({shown}): give {'it' if count == 1 else 'them'} a {by} column in metadata.csv in the corpus folder"
    )
