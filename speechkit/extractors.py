"""Per-speech extractors: what each declares, and the registry that runs them.

An extractor finds records of one kind in a speech (slogans, metrics, placeholders …).
It declares its :attr:`~Extractor.name` (the key of its records in a
:class:`~speechkit.result.SpeechResult`, in ``speeches.jsonl`` and the cache, and the name
of its per-speech files and its long corpus table), what it :attr:`~Extractor.reads`, the
:attr:`~Extractor.record` type it returns and, through that type's ``COLUMNS``, its table
columns. A :class:`Registry` runs the extractors it holds on one speech, each once, after
those whose records it reads.

What an extractor may read, passed to its function as keyword arguments of these names:

- ``speech``: the :class:`~speechkit.speech.Speech` (its text, paragraphs, sentences);
- ``tokenizer``: the run's :class:`~speechkit.segment.Tokenizer` (its user dictionaries);
- ``tokens``: the speech's :class:`~speechkit.tokens.Tokens` under that tokenizer;
- ``content``: one flag per token, True for a content word;
- ``outline``: the speech's :class:`~speechkit.model.Outline`;
- the name of another registered extractor: that extractor's records (a tuple).

The registry of ``speechkit analyze`` is :data:`speechkit.pipeline.extractors.EXTRACTORS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import SpeechkitError

if TYPE_CHECKING:
    from .model import Record

INPUTS = ("speech", "tokenizer", "tokens", "content", "outline")
# Keys of a SpeechResult's own data and a speech's line of speeches.jsonl, and the corpus tables
# beside the extractors' (tables/<name>): an extractor of one of these names would overwrite it.
RESERVED = ("schema", "id", "file", "title", "year", "characters", "words", "frequencies", "outline", "categories",
            "categories_by_section", "keywords", "terms", "section_labels", "paragraphs", "sentences", "sections",
            "phrase_counts", "corpus", "categories_by_speech", "keywords_tfidf")


@dataclass(frozen=True)
class Extractor:
    """The declaration of one per-speech extractor.

    Attributes
    ----------
    name : str
        The key of its records and the name of its tables (``slogans``, ``metrics`` …).
    record : type
        The :class:`~speechkit.model.Record` type it returns; its ``COLUMNS`` (a tuple of
        field names) are the columns of its tables, in order.
    reads : tuple of str
        What it reads: names of :data:`INPUTS` or of other extractors.
    extract : callable
        Called with one keyword argument per name of ``reads``; returns the records, in
        text order.
    """

    name: str
    record: type[Record]
    reads: tuple[str, ...]
    extract: Callable[..., Iterable[Record]]

    @property
    def columns(self) -> tuple[str, ...]:
        """The table columns, declared on the record type."""
        return self.record.COLUMNS

    def run(self, inputs: Mapping[str, Any]) -> tuple[Record, ...]:
        """The records of one speech, from ``inputs`` (every name of :attr:`reads`)."""
        return tuple(self.extract(**{name: inputs[name] for name in self.reads}))


class Registry:
    """Extractors by name, in the order their records are kept and written.

    Parameters
    ----------
    extractors : iterable of Extractor
        Registered in this order (see :meth:`register`).
    """

    def __init__(self, extractors: Iterable[Extractor] = ()) -> None:
        self._extractors: dict[str, Extractor] = {}
        for extractor in extractors:
            self.register(extractor)

    def register(self, extractor: Extractor) -> None:
        """Add ``extractor`` after those already registered (its records come after theirs).

        Raises
        ------
        SpeechkitError
            When its name is taken (by another extractor, an input or the result's own
            data) or a column of its record type's ``COLUMNS`` is not a field of it.
        """
        name = extractor.name
        if name in self._extractors or name in INPUTS or name in RESERVED:
            raise SpeechkitError(f"extractor {name!r}: the name is taken")
        missing = [column for column in extractor.columns if column not in extractor.record.__dataclass_fields__]
        if missing:
            raise SpeechkitError(f"extractor {name!r}: {', '.join(missing)} in COLUMNS but not a field of its record")
        self._extractors[name] = extractor

    def unregister(self, name: str) -> Extractor:
        """Remove and return the extractor ``name``.

        Raises
        ------
        SpeechkitError
            When no extractor of that name is registered, or another reads its records.
        """
        readers = [other.name for other in self._extractors.values() if name in other.reads]
        if readers:
            raise SpeechkitError(f"extractor {name!r} is read by {', '.join(readers)}")
        try:
            return self._extractors.pop(name)
        except KeyError:
            raise SpeechkitError(f"no extractor {name!r} is registered") from None

    def __iter__(self) -> Iterator[Extractor]:
        return iter(list(self._extractors.values()))

    def __len__(self) -> int:
        return len(self._extractors)

    def __contains__(self, name: object) -> bool:
        return name in self._extractors

    def __getitem__(self, name: str) -> Extractor:
        return self._extractors[name]

    def names(self) -> tuple[str, ...]:
        """The registered names, in order."""
        return tuple(self._extractors)

    def run(self, inputs: Mapping[str, Any]) -> dict[str, tuple[Record, ...]]:
        """Every extractor's records of one speech, by name in registration order.

        ``inputs`` gives the :data:`INPUTS` the extractors read; each extractor runs once,
        after those whose records it reads.
        """
        made: dict[str, Any] = dict(inputs)
        for name in self.order():
            made[name] = self._extractors[name].run(made)
        return {name: made[name] for name in self._extractors}

    def order(self) -> list[str]:
        """The names in an order where each extractor comes after those it reads.

        Raises
        ------
        SpeechkitError
            When an extractor reads something that is neither an input nor a registered
            extractor, or extractors read each other in a circle.
        """
        from graphlib import CycleError, TopologicalSorter

        graph = {}
        for name, extractor in self._extractors.items():
            unknown = [read for read in extractor.reads if read not in INPUTS and read not in self._extractors]
            if unknown:
                raise SpeechkitError(f"extractor {name!r} reads {', '.join(unknown)}: neither an input nor a registered extractor")
            graph[name] = [read for read in extractor.reads if read in self._extractors]
        try:
            return list(TopologicalSorter(graph).static_order())
        except CycleError as exc:
            raise SpeechkitError(f"extractors read each other in a circle: {' -> '.join(exc.args[1])}") from None

    def records_from_dicts(self, data: Mapping[str, Any]) -> dict[str, tuple[Record, ...]]:
        """Every extractor's records back from their ``to_dict()`` forms in ``data``
        (a :meth:`~speechkit.result.SpeechResult.to_dict`); raises ``KeyError`` when
        one is missing."""
        return {e.name: tuple(e.record.from_dict(item) for item in data[e.name]) for e in self._extractors.values()}
