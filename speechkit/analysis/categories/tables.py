"""Category tables: shares (or counts) per section of a speech, and per speech or group of a corpus."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ...errors import SpeechkitError
from ...model import CategoryShares
from .counts import _count, _section_rows, category_shares
from .dictionary import as_dictionary
from .matcher import CategoryMatcher

if TYPE_CHECKING:
    from ...segment import Tokenizer
    from ...speech import Speech


def section_category_table(speech: Speech, outline=None, *, dictionary=None, value: str = "share",
                           tokenizer: Tokenizer | None = None):
    """Category shares (or counts) in every section of a speech's outline.

    Parameters
    ----------
    speech : Speech
    outline : Outline or list of Section, optional
        The outline; by default :func:`speechkit.extract.outline.structure.extract_outline`.
    dictionary : CategoryDictionary, mapping, path or None
    value : {"share", "count"}
        What the category columns hold.
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).

    Returns
    -------
    pandas.DataFrame
        One row per section in document order (a parent before its children), with
        columns ``section`` (position path such as ``2.3``), ``level``, ``title``,
        ``start``, ``end``, ``tokens`` (content tokens in the section) and one column
        per category. A parent's span includes its children.
    """
    import pandas as pd

    _check_value(value)
    dictionary = as_dictionary(dictionary)
    if outline is None:
        from ...extract.outline.structure import extract_outline

        outline = extract_outline(speech, keywords=0)
    sections = getattr(outline, "sections", outline)
    matcher = CategoryMatcher(dictionary, tokenizer)
    counted = _count(speech.tokens(tokenizer), matcher)
    rows = _section_rows(counted, matcher.names, sections, [m.start for m in counted.matches], value)
    columns = ["section", "level", "title", "start", "end", "tokens", *matcher.names]
    return pd.DataFrame([row.serialised() for row in rows], columns=columns)


def category_table(corpus, dictionary=None, *, by: str = "speech", value: str = "share",
                   shares: Mapping[str, CategoryShares] | None = None, tokenizer: Tokenizer | None = None):
    """Category shares (or counts) per speech, per year or per any metadata variable.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    dictionary : CategoryDictionary, mapping, path or None
    by : str
        ``"speech"`` for one row per speech, or a metadata variable (``"year"``,
        ``"speaker"``, a manifest column) to pool the speeches of each value.
    value : {"share", "count"}
        What the category columns hold. A group's share is its pooled count divided by
        its pooled content tokens (long speeches weigh more than short ones).
    shares : mapping of speech id to :func:`category_shares` result, optional
        Results computed earlier (e.g. cached by the pipeline); other speeches are
        computed here.
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).

    Returns
    -------
    pandas.DataFrame
        Indexed by speech id (with ``year`` and ``title`` columns) or by the group value,
        with ``tokens`` and one column per category, in dictionary order.
    """
    import pandas as pd

    _check_value(value)
    dictionary = as_dictionary(dictionary)
    matcher = None
    results: dict[str, CategoryShares] = {}
    for speech in corpus:
        cached = (shares or {}).get(speech.id)
        if cached is None:
            matcher = matcher or CategoryMatcher(dictionary, tokenizer)
            cached = category_shares(speech, tokenizer=tokenizer, matcher=matcher)
        results[speech.id] = cached
    names = dictionary.names
    if by == "speech":
        rows = [_table_row({"speech": s.id, "year": s.year, "title": s.title}, [results[s.id]], names, value) for s in corpus]
        key = "speech"
    else:
        rows = [_table_row({by: group}, [results[s.id] for s in members], names, value)
                for group, members in _groups(corpus, by).items()]
        key = by
    frame = pd.DataFrame(rows, columns=[*rows[0]] if rows else [key, "tokens", *names])
    if by == "speech":
        frame["year"] = frame["year"].astype("Int64")
    return frame.set_index(key)


def _groups(corpus, by: str) -> dict:
    if hasattr(corpus, "groups"):
        return corpus.groups(by)
    from ...corpus import Corpus

    return Corpus(list(corpus)).groups(by)


def _table_row(row: dict, results: list[CategoryShares], names: list[str], value: str) -> dict:
    tokens = sum(r.tokens for r in results)
    counts = dict.fromkeys(names, 0)
    for result in results:
        for entry in result.categories:
            if entry.category in counts:
                counts[entry.category] += entry.count
    row["tokens"] = tokens
    for name in names:
        row[name] = counts[name] if value == "count" else (counts[name] / tokens if tokens else 0.0)
    return row


def _check_value(value: str) -> None:
    if value not in ("share", "count"):
        raise SpeechkitError(f"value must be 'share' or 'count', not {value!r}")
