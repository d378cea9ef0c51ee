"""Keyword in context: every occurrence of a term, a string or a pattern.

Each hit is one row: the speech and its year, the outline section the hit is in, the
``window`` characters before and after it, and its offsets, so that
``speech.text[start:end]`` is the match and ``left``/``right`` are the text around it
exactly as written.

Three ways to search:

- a plain string (default), found wherever it is written, also inside longer words
  (园区 in 园区经济); a slogan is searched this way, as its text;
- a term (``term=True``): only where the match begins and ends on token boundaries,
  so 园区 does not match inside 园区经济;
- a regular expression (``regex=True``), Python syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..model import Record
from .terms import as_speeches, section_label, speech_tokens

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..segment import Tokenizer
    from ..speech import Speech

COLUMNS = ["speech", "year", "section", "left", "match", "right", "start", "end"]


@dataclass(frozen=True, slots=True)
class KwicHit(Record):
    """One occurrence with its context and position.

    Attributes
    ----------
    speech : str
        The speech's id.
    year : int or None
        Its year.
    section : str or None
        The outline section the hit is in.
    left, match, right : str
        The text before, of and after the hit, as written.
    start, end : int
        Character offsets of the match into the speech text.
    """

    speech: str
    year: int | None
    section: str | None
    left: str
    match: str
    right: str
    start: int
    end: int


def _compile(query: str, regex: bool) -> re.Pattern:
    if not query:
        raise SpeechkitError("kwic: the search term is empty")
    if not regex:
        return re.compile(re.escape(query))
    try:
        return re.compile(query)
    except re.error as exc:
        raise SpeechkitError(f"kwic: invalid regular expression {query!r} ({exc})") from None


def _matches(pattern: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    for m in pattern.finditer(text):
        if m.end() > m.start():  # an empty match has no text to show
            yield m.span()


def _token_boundaries(speech, tokenizer) -> set[int]:
    tokens = speech_tokens(speech, tokenizer)
    starts = getattr(tokens, "starts", None)
    boundaries = set(starts) if starts is not None else {t.start for t in tokens}
    boundaries.add(len(speech.text))
    return boundaries


def speech_kwic(
    speech: Speech,
    query: str,
    *,
    window: int = 20,
    regex: bool = False,
    term: bool = False,
    tokenizer: Tokenizer | None = None,
) -> list[KwicHit]:
    """Every occurrence of ``query`` in one speech, in text order.

    Parameters
    ----------
    speech : Speech
    query : str
        The term, string or regular expression.
    window : int
        Characters of context on each side.
    regex : bool
        Treat ``query`` as a regular expression.
    term : bool
        Keep only matches that start and end on token boundaries.
    tokenizer : Tokenizer, optional
        Segmentation deciding the token boundaries (``term`` only).

    Returns
    -------
    list of KwicHit
    """
    if window < 0:
        raise SpeechkitError("kwic: --window must not be negative")
    pattern = _compile(query, regex)
    text = speech.text
    spans = list(_matches(pattern, text))
    if term and spans:
        boundaries = _token_boundaries(speech, tokenizer)
        spans = [(s, e) for s, e in spans if s in boundaries and e in boundaries]
    if not spans:
        return []
    from ..extract.outline.structure import extract_outline, section_at

    outline = extract_outline(speech, keywords=0)
    hits = []
    for start, end in spans:
        section = section_at(outline, start)
        hits.append(
            KwicHit(
                speech=speech.id,
                year=speech.year,
                section=section_label(section) if section is not None else None,
                left=text[max(0, start - window) : start],
                match=text[start:end],
                right=text[end : end + window],
                start=start,
                end=end,
            )
        )
    return hits


def kwic(corpus: Corpus | Speech | Sequence[Speech], query: str, *, window: int = 20, regex: bool = False,
         term: bool = False, tokenizer: Tokenizer | None = None):
    """Keyword in context over a corpus (or one speech), as a table.

    Parameters
    ----------
    corpus : Corpus, Speech or sequence of Speech
    query, window, regex, term, tokenizer
        As in :func:`speech_kwic`.

    Returns
    -------
    pandas.DataFrame
        Columns ``speech, year, section, left, match, right, start, end``; speeches
        in corpus order, hits in text order.
    """
    import pandas as pd

    rows = [hit.to_dict() for speech in as_speeches(corpus) for hit in speech_kwic(speech, query, window=window, regex=regex, term=term, tokenizer=tokenizer)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame
