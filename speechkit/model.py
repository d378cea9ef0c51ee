"""Plain data records shared by every capability.

Every record that points into a speech carries ``start``/``end`` character offsets
into ``Speech.text`` such that ``speech.text[start:end]`` is exactly the matched text.
"""

from __future__ import annotations

import json

from dataclasses import dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Mixin giving dataclass records a JSON-ready ``to_dict`` and its inverse ``from_dict``.

    A record is written as its :meth:`serialised` fields; a record whose written form
    differs from its fields (spans written as pairs) overrides that method alone.
    """

    def serialised(self) -> dict[str, Any]:
        """The fields as written to files, one level deep: nested records as they are."""
        return {name: getattr(self, name) for name in _field_names(type(self))}

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data: nested records as dicts, lists and tuples kept, scalars shared
        (records hold only immutable scalars, so nothing needs copying)."""
        return {name: plain(value) for name, value in self.serialised().items()}

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """The record back from its ``to_dict()`` form; unknown or missing keys raise ``TypeError``."""
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A stretch of text ``[start, end)`` in a speech.

    It unpacks as ``start, end``; where a table or a file holds spans as ``[start, end]``
    pairs (a slogan's places) :meth:`pair` gives that form and :meth:`from_pair` reads it.

    Attributes
    ----------
    start, end : int
        Character offsets into the speech text.
    """

    start: int
    end: int

    def __iter__(self):
        yield self.start
        yield self.end

    def pair(self) -> list[int]:
        """The span as a pair, the form tables and files hold it in.

        Returns
        -------
        list of int
            ``[start, end]``.
        """
        return [self.start, self.end]

    @classmethod
    def from_pair(cls, pair) -> "Span":
        """The span of a pair.

        Parameters
        ----------
        pair : sequence of int
            ``[start, end]``, as :meth:`pair` gives it.

        Returns
        -------
        Span
        """
        start, end = pair
        return cls(start, end)


@dataclass(frozen=True, slots=True)
class TermCount(Record):
    """A term and how often it occurs (a section's most frequent words)."""

    term: str
    count: int


@dataclass(slots=True)
class Token(Record):
    """One token of the segmentation.

    Attributes
    ----------
    text : str
        The token as written; joining all tokens gives back the speech text.
    start, end : int
        Character offsets into the speech text.
    pos : str
        Part-of-speech tag in jieba's tag set (``x`` for punctuation and space,
        ``m`` for numbers, ``eng`` for Latin words and addresses).
    is_stop : bool
        True for stopwords of the active stopword list.
    """

    text: str
    start: int
    end: int
    pos: str
    is_stop: bool


@dataclass(frozen=True, slots=True)
class TextUnit(Record):
    """A paragraph or a sentence, with its offsets and its text."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Metadata(Record):
    """Descriptive variables of one speech (quanteda's document variables).

    Attributes
    ----------
    title, date, speaker, org : str or None
        As given by a ``metadata.csv`` manifest or front matter, or inferred from the
        text's first lines; ``date`` as ``YYYY-MM-DD``.
    year : int or None
        The year of the speech.
    extra : dict of str to str
        Any further column of a ``metadata.csv`` manifest or key of front matter, so
        researchers can group by their own variables.
    """

    title: str | None = None
    year: int | None = None
    date: str | None = None
    speaker: str | None = None
    org: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        """Return a named variable, looking in ``extra`` for non-standard names.

        Parameters
        ----------
        name : str
            ``title``, ``year``, ``date``, ``speaker``, ``org`` or any other variable.

        Returns
        -------
        Any
            The value, or None when the speech has none.
        """
        if name in ("title", "year", "date", "speaker", "org"):
            return getattr(self, name)
        return self.extra.get(name)


# --- Outline (speechkit.extract.outline.structure) -------------------------------------------


@dataclass(slots=True)
class Item(Record):
    """One member of an inline enumeration (一是…二是…) inside a section.

    ``kind`` names the enumeration style (``shi`` 一是, ``yao`` 一要, ``bu`` 一不…,
    ``ordinal`` 第一，, ``sequence`` 首先/其次/最后, ``aspect`` 一方面/另一方面,
    ``numbered`` （1） inside a paragraph, ``dash`` ——, ``verb`` 一抓…二抓…); ``group`` numbers the lists of
    a section (or of the outline, for items outside every section) from 0.
    ``children`` are the members of the lists nested in this item (一方面…另一方面…
    inside an 一是), their ``group`` numbering those lists within the item.

    Attributes
    ----------
    marker : str
        The marker as written (一是, 第一，, （1）).
    number : int
        Its position in its list, from 1.
    text : str
        The member's text.
    start, end : int
        Character offsets into the speech text.
    kind : str
        The enumeration style, above.
    group : int
        The list the item belongs to, above.
    children : list of Item
        The members of the lists nested in this item.
    """

    marker: str
    number: int
    text: str
    start: int
    end: int
    kind: str = ""
    group: int = 0
    children: list["Item"] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Item":
        """The item back from its ``to_dict()`` form, with its nested items.

        Parameters
        ----------
        data : dict

        Returns
        -------
        Item
        """
        return cls(**{**data, "children": [cls.from_dict(child) for child in data.get("children", [])]})


@dataclass(slots=True)
class Section(Record):
    """A numbered section: heading to the next heading of the same or a higher level.

    ``kind`` is ``section``, ``annex`` (附件) or ``box`` (专栏); ``title_span`` locates
    the title in the text (``title_start``/``title_end`` in :meth:`to_dict`); ``characters``
    counts the section's non-space characters, ``share`` their fraction of the speech's;
    ``keywords`` are the most frequent content words.

    Attributes
    ----------
    level : int
        Depth in the tree (1 = top: 一、; 2: （一）; 3: 1.; 4: （1）).
    marker : str
        The heading marker as written.
    number : int
        The number the marker gives.
    title : str
        The heading's title.
    start, end : int
        Character offsets of the section (heading included) into the speech text.
    items : list of Item
        The inline enumerations of the section.
    children : list of Section
        Its subsections.
    kind, title_span, characters, share, keywords
        As above.
    """

    level: int
    marker: str
    number: int
    title: str
    start: int
    end: int
    items: list[Item] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    kind: str = "section"
    title_span: Span = Span(0, 0)
    characters: int = 0
    share: float = 0.0
    keywords: list[TermCount] = field(default_factory=list)

    def serialised(self) -> dict[str, Any]:
        """The fields as written to files.

        Returns
        -------
        dict
            The fields, the title's span as ``title_start`` and ``title_end``.
        """
        data = {}
        for name in _field_names(Section):
            if name == "title_span":
                data["title_start"], data["title_end"] = self.title_span
            else:
                data[name] = getattr(self, name)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Section":
        """The section back from its ``to_dict()`` form, with its items and subsections.

        Parameters
        ----------
        data : dict

        Returns
        -------
        Section
        """
        fields = dict(data)
        fields["items"] = [Item.from_dict(item) for item in data.get("items", [])]
        fields["children"] = [cls.from_dict(child) for child in data.get("children", [])]
        fields["title_span"] = Span(fields.pop("title_start", 0), fields.pop("title_end", 0))
        fields["keywords"] = [TermCount.from_dict(keyword) for keyword in data.get("keywords", [])]
        return cls(**fields)


@dataclass(slots=True)
class OutlineWarning(Record):
    """A numbering irregularity, kept in the outline and reported.

    ``kind`` is ``gap`` (一、 then 三、), ``repeat`` (二、 twice) or ``start`` (a first
    sibling not numbered 1).
    """

    message: str
    start: int
    kind: str = ""


@dataclass(slots=True)
class Outline(Record):
    """The numbered structure of a speech, with its title line, salutation and closing.

    Attributes
    ----------
    title : str or None
        The title line.
    sections : list of Section
        The top-level sections, each with its subsections.
    warnings : list of OutlineWarning
        Numbering irregularities (a gap, a repeat, a list not starting at 1).
    title_span, salutation, closing : Span or None
        Where the title line, the salutation (同志们：) and the closing are.
    items : list of Item
        The inline enumerations outside every section.
    """

    title: str | None
    sections: list[Section] = field(default_factory=list)
    warnings: list[OutlineWarning] = field(default_factory=list)
    title_span: Span | None = None
    salutation: Span | None = None
    closing: Span | None = None
    items: list[Item] = field(default_factory=list)  # lists outside every section

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Outline":
        """The outline back from its ``to_dict()`` form (e.g. a cached result).

        Parameters
        ----------
        data : dict

        Returns
        -------
        Outline
        """
        return cls(
            title=data.get("title"),
            sections=[Section.from_dict(s) for s in data.get("sections", [])],
            warnings=[OutlineWarning.from_dict(w) for w in data.get("warnings", [])],
            title_span=_span_or_none(data.get("title_span")),
            salutation=_span_or_none(data.get("salutation")),
            closing=_span_or_none(data.get("closing")),
            items=[Item.from_dict(item) for item in data.get("items", [])],
        )


# --- Categories (speechkit.analysis.categories) ----------------------------------------------


@dataclass(frozen=True, slots=True)
class CategoryCount(Record):
    """One category's matches in a stretch of text: how many, their share of its content
    tokens, and each matched term with its count (most first)."""

    category: str
    count: int
    share: float
    terms: tuple[TermCount, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CategoryCount":
        """The count back from :meth:`to_dict`."""
        return cls(**{**data, "terms": tuple(TermCount.from_dict(term) for term in data.get("terms", ()))})


@dataclass(frozen=True, slots=True)
class CategoryShares(Record):
    """The categories of a speech (the ``categories.json`` contract): its number of
    content tokens and a :class:`CategoryCount` per category, in dictionary order."""

    tokens: int = 0
    categories: tuple[CategoryCount, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CategoryShares":
        """The shares back from :meth:`to_dict`."""
        return cls(int(data["tokens"]), tuple(CategoryCount.from_dict(entry) for entry in data["categories"]))


@dataclass(frozen=True, slots=True)
class SectionCategories(Record):
    """The categories of one outline section: where it is (``section`` is its position
    path, such as ``2.3``), its content tokens, and a value (share or count) per category,
    written as one column per category."""

    section: str
    level: int
    title: str
    start: int
    end: int
    tokens: int
    values: dict[str, float]

    def serialised(self) -> dict[str, Any]:
        """The fields as written: the place, then one key per category."""
        return {"section": self.section, "level": self.level, "title": self.title, "start": self.start,
                "end": self.end, "tokens": self.tokens, **self.values}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SectionCategories":
        """The row back from :meth:`to_dict`."""
        place = [data[name] for name in _SECTION_PLACE]
        return cls(*place, {name: value for name, value in data.items() if name not in _SECTION_PLACE})


_SECTION_PLACE = ("section", "level", "title", "start", "end", "tokens")


def _span_or_none(value: dict[str, int] | None) -> Span | None:
    return None if value is None else Span.from_dict(value)


def plain(value: Any) -> Any:
    """``value`` with every record in it replaced by its ``to_dict()``."""
    if isinstance(value, Record):
        return value.to_dict()
    if type(value) in (list, tuple):
        return type(value)(plain(item) for item in value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def nested_as_text(value: Any) -> Any:
    """A table cell: a list, tuple or dict (records in it as their ``to_dict()``) as compact
    JSON text, as the per-speech CSV files write it; any other value as it is."""
    return COMPACT_JSON.encode(plain(value)) if isinstance(value, (list, tuple, dict)) else value


# One encoder for the many small values of table cells (json.dumps builds one per call).
COMPACT_JSON = json.JSONEncoder(ensure_ascii=False)


def json_default(value: Any) -> dict[str, Any]:
    """orjson's ``default`` for records (with ``OPT_PASSTHROUGH_DATACLASS``): a record as its
    :meth:`Record.serialised` fields, which orjson encodes in turn, so no dict is built per
    nested record; another dataclass as its fields, as orjson itself would write it.

    Raises
    ------
    TypeError
        For a value that is neither.
    """
    if isinstance(value, Record):
        return value.serialised()
    if is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in _field_names(type(value))}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@lru_cache(maxsize=None)
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


# --- Slogans (speechkit.extract.slogans.slogans) ---------------------------------------------


@dataclass(slots=True)
class Slogan(Record):
    """A formulation (提法) and every place it occurs.

    ``kind`` is one of ``quoted``, ``numbered``, ``parallel``, ``document``,
    ``redacted``; ``spans`` are its places in the speech text (``[start, end]`` pairs
    in :meth:`to_dict`).
    ``variants`` are the other spellings the speech uses (the text at a span is
    ``text`` or one of them); ``contexts`` holds, for a redacted slogan, the words
    around each occurrence.

    Attributes
    ----------
    text : str
        The formulation.
    kind : str
        How it was found, above.
    count : int
        Its number of occurrences.
    spans : list of [int, int]
        Where it occurs.
    subkind : str or None
        A quotation's kind (``slogan``, ``term``, ``emphasis``), or ``quoted`` for a
        numbered slogan the speech quotes.
    gloss : str or None
        The lexicon's one-line gloss of a known formulation.
    template, members
        Of a parallel run: the shared template (不X腐) and its phrases.
    contexts, variants : list of str
        As above.
    """

    text: str
    kind: str
    count: int
    spans: list[Span]
    subkind: str | None = None
    gloss: str | None = None
    template: str | None = None
    members: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)

    def serialised(self) -> dict[str, Any]:
        """The fields as written to files.

        Returns
        -------
        dict
            The fields, the spans as ``[start, end]`` pairs.
        """
        data = Record.serialised(self)
        data["spans"] = [span.pair() for span in self.spans]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Slogan":
        """The slogan back from :meth:`to_dict`.

        Parameters
        ----------
        data : dict
            The slogan's ``to_dict()`` form (spans as pairs).

        Returns
        -------
        Slogan
        """
        return cls(**{**data, "spans": [Span.from_pair(pair) for pair in data["spans"]]})

    # The columns of the slogans tables (per speech and of the corpus), in order.
    COLUMNS: ClassVar[tuple[str, ...]] = ("text", "kind", "subkind", "count", "template", "members", "gloss", "spans")


# --- Metrics and placeholders (speechkit.extract.metrics.metrics) ----------------------------


@dataclass(slots=True)
class Metric(Record):
    """A quantity: its indicator, value (None when redacted), unit and position.

    ``period`` is the time expression the sentence gives (2022年, 全年, 一年来) and
    ``year`` its calendar year when written; ``role`` is ``target`` or ``actual``;
    ``direction`` is ``up`` or ``down`` for a change; ``link`` is the ``start`` of the
    paired record (a target and its actual). A range (3—5万元) has ``low`` and ``high``
    and its ``value`` is ``low``.

    ``role`` may also be ``plan`` (今年拟安排财政赤字…). ``refers`` is the time expression
    that governs the figure, read back to the start of its paragraph (今年, 去年, 2019年,
    过去五年 …; a comparison base such as 比去年 is not one); ``review`` is True when the
    figure stands before the document's first announcement of targets (the review of a
    work report). ``measure`` is ``change`` for a difference or a rate of change
    (比去年增加2700亿元, 增长6.9%), ``level`` for a figure at a point (财政赤字1.62万亿元).
    The calendar year these give depends on the document's year: see
    :mod:`speechkit.analysis.figures`.

    Attributes
    ----------
    indicator : str or None
        What is measured (地区生产总值), as written before the figure.
    value : float or None
        The figure in ``unit``; None when redacted.
    raw : str
        The figure as written.
    unit : str or None
        The unit as written (亿元, %).
    qualifier : str or None
        A hedge such as 左右, 以上, 约.
    change : str or None
        The verb of a change (增长, 下降).
    placeholder : bool
        True for a redacted figure.
    start, end : int
        Character offsets into the speech text.
    sentence : str
        The sentence the figure is in.
    period, role, year, direction, link, low, high, refers, review, measure
        As above.
    """

    indicator: str | None
    value: float | None
    raw: str
    unit: str | None
    qualifier: str | None
    change: str | None
    placeholder: bool
    start: int
    end: int
    sentence: str
    period: str | None = None
    role: str | None = None
    year: int | None = None
    direction: str | None = None
    link: int | None = None
    low: float | None = None
    high: float | None = None
    refers: str | None = None
    review: bool = False
    measure: str | None = None

    # The columns of the metrics tables (per speech and of the corpus), in order.
    COLUMNS: ClassVar[tuple[str, ...]] = ("indicator", "value", "raw", "unit", "qualifier", "change", "placeholder", "period",
                                          "role", "start", "end", "sentence")


@dataclass(slots=True)
class Placeholder(Record):
    """A redaction mark (``*``, ``**``, ``××``, ``XX``, ``○○``, ``□□`` …) and its kind.

    Attributes
    ----------
    text : str
        The mark as written.
    kind : str
        What it hides: ``number``, ``name``, ``slogan`` or ``date``.
    start, end : int
        Character offsets into the speech text.
    context : str
        The text around the mark.
    """

    text: str
    kind: str
    start: int
    end: int
    context: str

    # The columns of the placeholders tables (per speech and of the corpus), in order.
    COLUMNS: ClassVar[tuple[str, ...]] = ("text", "kind", "start", "end", "context")


# --- Keywords (speechkit.analysis.keywords) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Keyword(Record):
    """A keyword with its score and its number of occurrences.

    Attributes
    ----------
    term : str
        The keyword.
    score : float
        Its score under the ranking method (G², TF-IDF, TextRank or the count).
    count : int
        Its occurrences in the document.
    """

    term: str
    score: float
    count: int
