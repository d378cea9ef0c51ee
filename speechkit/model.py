"""Plain data records shared by every capability.

Every record that points into a speech carries ``start``/``end`` character offsets
into ``Speech.text`` such that ``speech.text[start:end]`` is exactly the matched text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


class Record:
    """Mixin giving dataclass records a JSON-ready ``to_dict`` and its inverse ``from_dict``."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data: nested records as dicts, lists and tuples kept, scalars shared
        (records hold only immutable scalars, so nothing needs copying)."""
        return {name: plain(getattr(self, name)) for name in _field_names(type(self))}

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """The record back from its ``to_dict()`` form; unknown or missing keys raise ``TypeError``."""
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Span(Record):
    """A stretch of text ``[start, end)`` in a speech."""

    start: int
    end: int


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

    ``extra`` holds any further column of a ``metadata.csv`` manifest or key of
    front matter, so researchers can group by their own variables.
    """

    title: str | None = None
    year: int | None = None
    date: str | None = None
    speaker: str | None = None
    org: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        """Return a named variable, looking in ``extra`` for non-standard names."""
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
        return cls(**{**data, "children": [cls.from_dict(child) for child in data.get("children", [])]})


@dataclass(slots=True)
class Section(Record):
    """A numbered section: heading to the next heading of the same or a higher level.

    ``kind`` is ``section``, ``annex`` (附件) or ``box`` (专栏); ``title_start``/``title_end``
    locate the title in the text; ``characters`` counts the section's non-space
    characters, ``share`` their fraction of the speech's; ``keywords`` are the most
    frequent content words (``{"term", "count"}``).
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
    title_start: int = 0
    title_end: int = 0
    characters: int = 0
    share: float = 0.0
    keywords: list[dict] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Section":
        fields = dict(data)
        fields["items"] = [Item.from_dict(item) for item in data.get("items", [])]
        fields["children"] = [cls.from_dict(child) for child in data.get("children", [])]
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
    """The numbered structure of a speech, with its title line, salutation and closing."""

    title: str | None
    sections: list[Section] = field(default_factory=list)
    warnings: list[OutlineWarning] = field(default_factory=list)
    title_span: Span | None = None
    salutation: Span | None = None
    closing: Span | None = None
    items: list[Item] = field(default_factory=list)  # lists outside every section

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Outline":
        """The outline back from its ``to_dict()`` form (e.g. a cached result)."""
        return cls(
            title=data.get("title"),
            sections=[Section.from_dict(s) for s in data.get("sections", [])],
            warnings=[OutlineWarning.from_dict(w) for w in data.get("warnings", [])],
            title_span=_span_or_none(data.get("title_span")),
            salutation=_span_or_none(data.get("salutation")),
            closing=_span_or_none(data.get("closing")),
            items=[Item.from_dict(item) for item in data.get("items", [])],
        )


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


@lru_cache(maxsize=None)
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


# --- Slogans (speechkit.extract.slogans.slogans) ---------------------------------------------


@dataclass(slots=True)
class Slogan(Record):
    """A formulation (提法) and every place it occurs.

    ``kind`` is one of ``quoted``, ``numbered``, ``parallel``, ``document``,
    ``redacted``; ``spans`` are ``[start, end]`` pairs into the speech text.
    ``variants`` are the other spellings the speech uses (the text at a span is
    ``text`` or one of them); ``contexts`` holds, for a redacted slogan, the words
    around each occurrence.
    """

    text: str
    kind: str
    count: int
    spans: list[list[int]]
    subkind: str | None = None
    gloss: str | None = None
    template: str | None = None
    members: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)


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


@dataclass(slots=True)
class Placeholder(Record):
    """A redaction mark (``*``, ``**``, ``××``, ``XX``, ``○○``, ``□□`` …) and its kind."""

    text: str
    kind: str
    start: int
    end: int
    context: str


# --- Keywords (speechkit.analysis.keywords) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Keyword(Record):
    """A keyword with its score and its number of occurrences."""

    term: str
    score: float
    count: int
