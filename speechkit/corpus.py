"""The Corpus: many speeches with their document variables."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .speech import Speech


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
        """Speeches grouped by a metadata variable, in sorted key order (None last)."""
        grouped: dict = {}
        for speech in self.speeches:
            grouped.setdefault(speech.meta.get(by), []).append(speech)
        return dict(sorted(grouped.items(), key=lambda kv: (kv[0] is None, str(kv[0]).zfill(12))))

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

    def slogans(self, kind=None):
        """Slogan × year counts with the years of first and last appearance.

        ``kind`` keeps one kind (or a list of kinds) of ``quoted``, ``numbered``,
        ``parallel``, ``document``, ``redacted``. See
        :func:`speechkit.analysis.by_group.slogans.slogan_timeline`; pass the table to
        :func:`~speechkit.analysis.by_group.slogans.new_and_dropped` for the slogans
        new and dropped each year.
        """
        from .analysis.by_group.slogans import slogan_timeline

        return slogan_timeline(self, kind=kind)
