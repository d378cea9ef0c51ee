"""The Speech: one document's text, its metadata and lazily computed units."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import Metadata, TextUnit
from .names import readable_path, safe_file_name
from .tokens import Tokens
from .text import paragraphs, sentences
from .display import CELL_CHARACTERS, shortened

if TYPE_CHECKING:
    import pandas as pd

    from .segment import Tokenizer

# Characters of the text Jupyter shows of a speech.
REPR_OPENING = 300
STANDARD_VARIABLES = ("id", "file", "title", "year", "date", "speaker", "org")


@dataclass(eq=False)
class Speech:
    """One speech or report.

    Attributes
    ----------
    text : str
        The decoded text with newlines normalised to ``\\n``; every offset of every
        record refers to this string.
    meta : Metadata
        Title, year, date, speaker, organisation and any further variables.
    path : Path or None
        The file it was read from.
    name : str or None
        An explicit id (see :attr:`id`).
    """

    text: str
    meta: Metadata = field(default_factory=Metadata)
    path: Path | None = None
    name: str | None = None

    @property
    def id(self) -> str:
        """A short name for tables and file names: ``name`` if set, else the file stem,
        else a hash prefix, always a safe file name (:func:`speechkit.names.safe_file_name`).
        :func:`speechkit.read_corpus` makes ids unique."""
        if self.name:
            return safe_file_name(self.name)
        return safe_file_name(self.path.stem) if self.path is not None else self.digest[:12]

    @property
    def file(self) -> str | None:
        """The path read from, as readable text (undecodable bytes of its name as ``\\xff``)."""
        return readable_path(self.path) if self.path is not None else None

    @property
    def year(self) -> int | None:
        return self.meta.year

    @property
    def title(self) -> str | None:
        return self.meta.title

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the text: the key under which per-speech results are cached."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @cached_property
    def paragraphs(self) -> list[TextUnit]:
        """Paragraphs (non-blank lines) with offsets."""
        return paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[TextUnit]:
        """Sentences with offsets (see :mod:`speechkit.text`)."""
        return sentences(self.text)

    def tokens(self, tokenizer: Tokenizer | None = None) -> Tokens:
        """Tokens of the whole text, from ``tokenizer`` or the process default.

        The result for the last tokenizer used is kept on the speech, so the
        extractors that run one after another segment the text once.

        Parameters
        ----------
        tokenizer : Tokenizer, optional
            The segmentation.

        Returns
        -------
        Tokens
        """
        if tokenizer is None:
            from .segment import get_tokenizer

            tokenizer = get_tokenizer()
        cached = self.__dict__.get("_tokens")
        if cached is None or cached[0] is not tokenizer:
            cached = self.__dict__["_tokens"] = (tokenizer, tokenizer.tokenize(self.text))
        return cached[1]

    def forget_derived(self) -> None:
        """Drop the tokens, paragraphs and sentences kept on the speech (they are made
        again when asked for): a corpus run in one process keeps only its texts."""
        for name in ("_tokens", "paragraphs", "sentences"):
            self.__dict__.pop(name, None)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        title = "" if self.title is None else f", title={shortened(self.title, CELL_CHARACTERS)!r}"
        return f"Speech(id={self.id!r}, year={self.year}, chars={len(self.text)}{title})"

    def _repr_html_(self) -> str:
        """Jupyter: the metadata as a one-row table and the opening of the text."""
        from html import escape

        from .display import html_summary

        meta = docvars_frame([self], [{"characters": len(self.text), "paragraphs": len(self.paragraphs)}])
        opening = shortened(self.text, REPR_OPENING)
        return html_summary(repr(self), {"": meta}) + f"<pre style=\"white-space: pre-wrap\">{escape(opening)}</pre>"

    def __getstate__(self):
        # Tokens are cheap to recompute and large to ship to worker processes.
        state = dict(self.__dict__)
        state.pop("_tokens", None)
        return state

    def with_text(self) -> "Speech":
        """The speech with its text in memory: itself (see :class:`StoredSpeech`).

        Returns
        -------
        Speech
        """
        return self


@dataclass(frozen=True)
class StoredText:
    """Where a text set aside is kept: ``size`` bytes of UTF-8 at ``offset`` in the file ``path``."""

    path: Path
    offset: int
    size: int

    def read(self) -> str:
        """The text, read back from its file."""
        with open(self.path, "rb") as file:
            file.seek(self.offset)
            return file.read(self.size).decode("utf-8")


class StoredSpeech(Speech):
    """A speech whose text is kept in a file rather than in memory, and read from it each
    time it is asked for (:func:`set_texts_aside`): what a run over a large corpus keeps
    of each speech while it builds its tables. Its digest is the one its text had in memory.

    Parameters
    ----------
    speech : Speech
        The speech whose text was written to ``stored``.
    stored : StoredText
        Where the text is.
    """

    def __init__(self, speech: Speech, stored: StoredText):
        self.meta, self.path, self.name = speech.meta, speech.path, speech.name
        self.__dict__["digest"] = speech.digest
        self.stored = stored

    @property
    def text(self) -> str:
        return self.stored.read()

    def with_text(self) -> Speech:
        """The speech with its text read into memory (for work that reads it many times).

        Returns
        -------
        Speech
        """
        speech = Speech(self.text, self.meta, self.path, self.name)
        speech.__dict__["digest"] = self.digest
        return speech


def set_texts_aside(speeches: Sequence[Speech], path: Path) -> list[Speech]:
    """``speeches`` with their texts written one after another into the new file ``path``,
    each a :class:`StoredSpeech` that reads its text back from it when asked for, in order."""
    stored = []
    offset = 0
    with open(path, "xb") as file:
        for speech in speeches:
            data = speech.text.encode("utf-8")
            file.write(data)
            stored.append(StoredSpeech(speech, StoredText(path, offset, len(data))))
            offset += len(data)
    return stored


def docvars_frame(speeches: Sequence[Speech], extra: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """The document variables of ``speeches``, one row each: ``id``, ``file``, ``title``,
    ``year`` (nullable integer), ``date``, ``speaker``, ``org`` and every manifest or
    front-matter column; ``extra`` adds columns per speech."""
    import pandas as pd

    rows = []
    for index, speech in enumerate(speeches):
        meta = speech.meta
        row = {"id": speech.id, "file": speech.file, **{n: meta.get(n) for n in STANDARD_VARIABLES[2:]}, **meta.extra}
        rows.append({**row, **extra[index]} if extra is not None else row)
    frame = pd.DataFrame(rows, columns=None if rows else list(STANDARD_VARIABLES))
    frame["year"] = frame["year"].astype("Int64")
    return frame
