"""SpeechResult: everything the corpus stage needs from one speech, and the cache format.

The per-speech stage (:func:`speechkit.pipeline.per_speech.speech_result`) makes one
:class:`SpeechResult` per speech; the corpus stage builds every table, graph, topic model
and picture from these results plus the speeches' metadata, without the text.

Term counts are kept per unit (paragraph, sentence and top-level section) as sparse
``(term index, count)`` pairs over the speech's own term list, with each unit's offsets and
section, so corpus TF-IDF, keyness, co-occurrence, topic models and dispersion need no
tokenizer. The speech's id and metadata are not part of the result (they live beside it,
in the corpus), so one cached result serves every file with the same text.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from sys import intern
from typing import TYPE_CHECKING, Any

from .errors import SpeechkitError
from .model import CategoryShares, Keyword, Metric, Outline, Placeholder, Record, SectionCategories, Slogan, json_default

if TYPE_CHECKING:
    from .extractors import Registry

SCHEMA_VERSION = 2
UNIT_KINDS = ("paragraph", "sentence", "section")
_COLUMNS = ("index", "starts", "ends", "sections", "indptr", "terms", "counts")


@dataclass(frozen=True, slots=True)
class TermUnits:
    """Sparse term counts of the units of one kind (paragraphs, say) of a speech.

    Only units holding a term are kept. Unit ``i`` has the entries
    ``indptr[i]:indptr[i + 1]`` of ``terms`` (indices into :attr:`SpeechResult.terms`,
    ascending) and ``counts``.

    Attributes
    ----------
    total : int
        Number of units of this kind in the speech, empty ones included.
    index : tuple of int
        Position of each unit among all units of its kind in the speech (empty ones included).
    starts, ends : tuple of int
        Offsets of each unit in the speech text.
    sections : tuple of int
        Index into :attr:`SpeechResult.section_labels` of the top-level section each unit
        starts in; -1 outside every section.
    indptr, terms, counts : tuple of int
        The sparse counts (CSR layout).

    Every column is stored as a packed ``array("i")`` whatever sequence it is given as.
    """

    total: int = 0
    index: Sequence[int] = ()
    starts: Sequence[int] = ()
    ends: Sequence[int] = ()
    sections: Sequence[int] = ()
    indptr: Sequence[int] = (0,)
    terms: Sequence[int] = ()
    counts: Sequence[int] = ()

    def __post_init__(self) -> None:
        # Packed machine integers: a tuple of Python ints costs 9 times the memory, and a
        # corpus of a thousand speeches holds millions of these numbers.
        for name in _COLUMNS:
            object.__setattr__(self, name, array("i", getattr(self, name)))

    def __len__(self) -> int:
        return len(self.index)

    def unit(self, i: int) -> Iterator[tuple[int, int]]:
        """``(term index, count)`` pairs of unit ``i``."""
        lo, hi = self.indptr[i], self.indptr[i + 1]
        return zip(self.terms[lo:hi], self.counts[lo:hi])

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, **{name: getattr(self, name).tolist() for name in _COLUMNS}}

    def as_arrays(self) -> dict[str, Any]:
        """:meth:`to_dict` with the columns as numpy views of the packed arrays (no copy), for
        an encoder that writes arrays (orjson)."""
        import numpy as np

        return {"total": self.total, **{name: np.frombuffer(getattr(self, name), dtype=np.intc) for name in _COLUMNS}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TermUnits":
        units = cls(int(data["total"]), **{name: data[name] for name in _COLUMNS})
        if len(units.indptr) != len(units) + 1 or not len(units.terms) == len(units.counts) == units.indptr[-1]:
            raise ValueError("term units: inconsistent sparse layout")
        return units

    @classmethod
    def build(
        cls,
        spans: Sequence[tuple[int, int]],
        term_starts: Sequence[int],
        term_ids: Sequence[int],
        section_starts: Sequence[int] = (),
        section_ids: Sequence[int] = (),
    ) -> "TermUnits":
        """Count terms (given by start offset and term index, in text order) in units.

        ``spans`` are the units' ``(start, end)`` in text order; ``section_starts`` and
        ``section_ids`` (ascending starts) label each unit with the section it starts in.
        """
        import numpy as np

        # One vectorised pass: the unit of each term, then the (unit, term) pairs counted.
        starts = np.asarray(term_starts, dtype=np.int64)
        ids = np.asarray(term_ids, dtype=np.int64)
        unit_starts = np.array([start for start, _ in spans], dtype=np.int64)
        unit_ends = np.array([end for _, end in spans], dtype=np.int64)
        unit = np.searchsorted(unit_starts, starts, side="right") - 1
        inside = unit >= 0
        inside[inside] = starts[inside] < unit_ends[unit[inside]]
        width = int(ids.max()) + 1 if len(ids) else 1
        pairs, counts = np.unique(unit[inside] * width + ids[inside], return_counts=True)
        pair_units, terms = pairs // width, pairs % width
        present = np.unique(pair_units)
        indptr = np.searchsorted(pair_units, present, side="left").tolist() + [len(pairs)]
        section = np.searchsorted(np.asarray(section_starts, dtype=np.int64), unit_starts[present], side="right") - 1
        labels = [section_ids[j] if j >= 0 else -1 for j in section.tolist()]
        return cls(len(spans), _packed(present), _packed(unit_starts[present]), _packed(unit_ends[present]), labels, indptr,
                   _packed(terms), _packed(counts))


def _packed(values) -> array:
    """A numpy array of integers as the packed ``array("i")`` of a :class:`TermUnits` column,
    copied as machine integers at once (no Python int per value)."""
    import numpy as np

    return array("i", values.astype(np.intc).tobytes())


@dataclass(frozen=True)
class SpeechResult:
    """Everything later stages need from one speech.

    Attributes
    ----------
    characters : int
        Length of the text (positions in dispersion plots are fractions of it).
    words : int
        Word tokens (everything but spaces and punctuation): the base of rates.
    frequencies : tuple of (str, int)
        Content-token counts, most first (ties by term).
    outline : Outline
        The speech's outline.
    records : dict of str to tuple of Record
        The records of each registered extractor (:mod:`speechkit.extractors`) by its
        name, in registration order: ``slogans``, ``metrics``, ``placeholders`` and any
        other. :attr:`slogans`, :attr:`metrics` and :attr:`placeholders` name the first three.
    categories : CategoryShares
        Category shares of the whole speech (the ``categories.json`` contract).
    categories_by_section : tuple of SectionCategories
        One row per outline section: ``section, level, title, start, end, tokens`` and
        the share of each category.
    keywords : dict of str to tuple of Keyword
        ``tfidf`` and ``textrank`` keywords, best first.
    terms : tuple of str
        The speech's content terms (POS-filtered, see :mod:`speechkit.analysis.terms`),
        sorted; the units count them by index.
    section_labels : tuple of str
        Labels of the top-level sections (marker and title), in text order.
    paragraphs, sentences, sections : TermUnits
        Term counts per paragraph, per sentence and per top-level section (the opening
        and closing outside every section are section units of their own, labelled -1).
    phrase_counts : dict of str to int
        The run's requested terms (``--terms``) counted as text, zeros included
        (:func:`speechkit.extract.phrases.term_counts`): a term segmentation splits is
        still counted.
    """

    characters: int
    words: int
    frequencies: tuple[tuple[str, int], ...]
    outline: Outline
    records: dict[str, tuple[Record, ...]] = field(default_factory=dict)
    categories: CategoryShares = CategoryShares()
    categories_by_section: tuple[SectionCategories, ...] = ()
    keywords: dict[str, tuple[Keyword, ...]] = field(default_factory=dict)
    terms: tuple[str, ...] = ()
    section_labels: tuple[str, ...] = ()
    paragraphs: TermUnits = field(default_factory=TermUnits)
    sentences: TermUnits = field(default_factory=TermUnits)
    sections: TermUnits = field(default_factory=TermUnits)
    phrase_counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "frequencies", _interned_counts(self.frequencies))
        object.__setattr__(self, "terms", tuple(map(intern, self.terms)))

    def __setstate__(self, state: dict[str, Any]) -> None:
        # Unpickled (from a worker) without __init__: intern its words as __post_init__ does.
        self.__dict__.update(state, frequencies=_interned_counts(state["frequencies"]), terms=tuple(map(intern, state["terms"])))

    @property
    def slogans(self) -> tuple[Slogan, ...]:
        """The records of the ``slogans`` extractor."""
        return self.records.get("slogans", ())

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The records of the ``metrics`` extractor."""
        return self.records.get("metrics", ())

    @property
    def placeholders(self) -> tuple[Placeholder, ...]:
        """The records of the ``placeholders`` extractor."""
        return self.records.get("placeholders", ())

    def units(self, kind: str) -> TermUnits:
        """The term units of one kind: ``paragraph``, ``sentence`` or ``section``.

        Parameters
        ----------
        kind : {"paragraph", "sentence", "section"}

        Returns
        -------
        TermUnits
        """
        if kind not in UNIT_KINDS:
            raise ValueError(f"unknown unit {kind!r}: choose one of {', '.join(UNIT_KINDS)}")
        return getattr(self, f"{kind}s")

    def term_counts(self, kind: str = "paragraph") -> dict[str, int]:
        """Occurrences of each content term over the units of ``kind``.

        Parameters
        ----------
        kind : {"paragraph", "sentence", "section"}

        Returns
        -------
        dict of str to int
        """
        units = self.units(kind)
        totals: dict[str, int] = {}
        for term, count in zip(units.terms, units.counts):
            word = self.terms[term]
            totals[word] = totals.get(word, 0) + count
        return totals

    def unit_words(self, kind: str, i: int) -> list[str]:
        """The distinct terms of unit ``i`` of ``kind``, in term order.

        Parameters
        ----------
        kind : {"paragraph", "sentence", "section"}
        i : int
            The unit's position.

        Returns
        -------
        list of str
        """
        return [self.terms[term] for term, _ in self.units(kind).unit(i)]

    def section_label(self, units: TermUnits, i: int) -> str | None:
        """The label of the section unit ``i`` of ``units`` starts in, or None.

        Parameters
        ----------
        units : TermUnits
        i : int
            The unit's position.

        Returns
        -------
        str or None
        """
        section = units.sections[i]
        return self.section_labels[section] if section >= 0 else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with ``schema`` set to :data:`SCHEMA_VERSION`.

        Returns
        -------
        dict
        """
        return {key: _plain(value) for key, value in self._data().items()}

    def to_json(self) -> bytes:
        """:meth:`to_dict` encoded as JSON (the cache entry), without building it first.

        orjson encodes the records' :meth:`~speechkit.model.Record.serialised` fields
        itself, so no nested dict is made per record, and the term units' columns as
        arrays, with no Python int per value. Raises ``orjson.JSONEncodeError`` for text JSON cannot
        hold (a lone surrogate).

        Returns
        -------
        bytes
        """
        import orjson

        return orjson.dumps(self._data(TermUnits.as_arrays), default=json_default,
                            option=orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_SERIALIZE_NUMPY)

    def _data(self, units: Callable[[TermUnits], dict[str, Any]] = TermUnits.to_dict) -> dict[str, Any]:
        """The result by output key, records as they are (see :meth:`to_dict`), each kind of
        term units as ``units`` gives it."""
        return {
            "schema": SCHEMA_VERSION,
            "characters": self.characters,
            "words": self.words,
            "frequencies": self.frequencies,
            "outline": self.outline,
            **self.records,
            "categories": self.categories,
            "categories_by_section": self.categories_by_section,
            "keywords": self.keywords,
            "terms": self.terms,
            "section_labels": self.section_labels,
            **{f"{kind}s": units(self.units(kind)) for kind in UNIT_KINDS},
            "phrase_counts": self.phrase_counts,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], extractors: Registry) -> "SpeechResult":
        """The result back from :meth:`to_dict`, the records of each of ``extractors``
        rebuilt as its record type.

        Parameters
        ----------
        data : dict
        extractors : Registry
            The extractors whose records ``data`` holds.

        Returns
        -------
        SpeechResult

        Raises
        ------
        ValueError
            When ``data`` is of another schema version or of the wrong shape, or lacks
            the records of one of ``extractors`` (the cache then recomputes the result).
        """
        _check_stored(data, extractors)
        try:
            return cls(**{name: decode(data, extractors) for name, decode in _DECODERS.items()})
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"speech result: wrong shape ({exc})") from None

    @classmethod
    def from_stored(cls, data: dict[str, Any], extractors: Registry) -> "SpeechResult":
        """The result of :meth:`from_dict`, each field decoded from ``data`` only when it is
        first read (:class:`StoredResult`): a table that reads a few fields of every result
        streamed from the cache (the term units, say) does not build the others' records.

        Parameters
        ----------
        data : dict
        extractors : Registry
            The extractors whose records ``data`` holds.

        Returns
        -------
        SpeechResult

        Raises
        ------
        ValueError
            When ``data`` is of another schema version or lacks a field (the cache then
            recomputes the result).
        """
        _check_stored(data, extractors)
        return StoredResult(data, extractors)


def _check_stored(data: Any, extractors: Registry) -> None:
    """Raise ``ValueError`` unless ``data`` is a result of this schema with every field and
    the records of each of ``extractors``."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_VERSION:
        raise ValueError("speech result: missing or other schema version")
    missing = [key for key in (*_STORED_KEYS, *(e.name for e in extractors)) if key not in data]
    if missing:
        raise ValueError(f"speech result: wrong shape (no {', '.join(missing)})")


# How each field of a SpeechResult is read back from its to_dict() form (with the extractors' registry).
_DECODERS: dict[str, Callable[[dict[str, Any], Any], Any]] = {
    "characters": lambda data, _: int(data["characters"]),
    "words": lambda data, _: int(data["words"]),
    "frequencies": lambda data, _: _interned_counts((str(term), int(count)) for term, count in data["frequencies"]),
    "outline": lambda data, _: Outline.from_dict(data["outline"]),
    "records": lambda data, extractors: extractors.records_from_dicts(data),
    "categories": lambda data, _: CategoryShares.from_dict(data["categories"]),
    "categories_by_section": lambda data, _: tuple(SectionCategories.from_dict(row) for row in data["categories_by_section"]),
    "keywords": lambda data, _: {method: tuple(Keyword.from_dict(k) for k in found) for method, found in data["keywords"].items()},
    "terms": lambda data, _: tuple(map(intern, data["terms"])),
    "section_labels": lambda data, _: tuple(data["section_labels"]),
    **{f"{kind}s": (lambda data, _, key=f"{kind}s": TermUnits.from_dict(data[key])) for kind in UNIT_KINDS},
    "phrase_counts": lambda data, _: {str(term): int(count) for term, count in data["phrase_counts"].items()},
}
# The keys of a stored result besides its records: every field's but the records'.
_STORED_KEYS = tuple(name for name in _DECODERS if name != "records")


class _Decoded:
    """A field of a :class:`StoredResult`, decoded from the stored data when first read and
    then kept on the instance (which the class's own lookups find first). The stored data
    of the field is then let go, and the whole of it once every field is decoded: a result
    does not hold its records twice, as stored data and as records."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, result: "StoredResult | None", owner: type | None = None) -> Any:
        if result is None:
            return self
        data, extractors = result.__dict__["_stored"]
        try:
            value = _DECODERS[self.name](data, extractors)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            # Found while the corpus is read, too late to recompute the speech: say what to do.
            raise SpeechkitError(
                f"a speech result in the cache is damaged ({self.name}: {exc}): delete the cache folder "
                "($SPEECHKIT_CACHE; it can be deleted at any time) or run with --no-cache"
            ) from None
        fields = result.__dict__
        fields[self.name] = value
        if all(name in fields for name in _DECODERS):
            del fields["_stored"]
        elif self.name != "records":  # each other field is decoded from its own key alone
            del data[self.name]
        return value


class StoredResult(SpeechResult):
    """A :class:`SpeechResult` read back from the cache (:meth:`SpeechResult.from_stored`),
    equal to the one :meth:`~SpeechResult.from_dict` gives: each field is decoded from the
    stored data when first read. Building the records is most of what a reading of a cached
    result costs, and most tables read only a few of its fields. Pickled, it is sent as the
    plain :class:`SpeechResult` of every field."""

    def __init__(self, data: dict[str, Any], extractors: Registry):  # noqa: D107 - see the class
        self.__dict__["_stored"] = (data, extractors)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SpeechResult):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _DECODERS)

    __hash__ = None  # as SpeechResult's: its fields hold dicts

    def __reduce__(self):
        return SpeechResult, tuple(getattr(self, name) for name in _DECODERS)


for _name in _DECODERS:
    setattr(StoredResult, _name, _Decoded(_name))
del _name


def _plain(value: Any) -> Any:
    """A value of :meth:`SpeechResult._data` as plain data: records as dicts, tuples as lists,
    dicts copied; lists (the term units' columns) and scalars as they are. The result's
    tuples hold items of one type: a tuple of words or rows is listed as it is."""
    if isinstance(value, Record):
        return value.to_dict()
    if type(value) is tuple:
        return [_plain(item) for item in value] if value and isinstance(value[0], (Record, tuple)) else list(value)
    if type(value) is dict:
        return {key: _plain(item) for key, item in value.items()}
    return value


def _interned_counts(counts) -> tuple[tuple[str, int], ...]:
    """``(term, count)`` pairs with each term interned: the results of a corpus, their merged
    counts and tables then hold one copy of each word, not one per speech."""
    return tuple((intern(term), count) for term, count in counts)
