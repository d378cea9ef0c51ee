"""Term frequencies and term positions: the plain data behind word clouds and charts.

Frequencies count content tokens (:func:`speechkit.segment.is_content`: Chinese words
of two or more characters, no stopwords, numbers, placeholders or punctuation). They are
plain ``{term: count}`` dicts ordered by count (most first, ties by term), so they can
be cached, summed per year and handed to the renderers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from typing import TYPE_CHECKING

from ..segment import is_content

if TYPE_CHECKING:
    from ..speech import Speech
    from ..corpus import Corpus
    from ..segment import Tokenizer
    from ..result import SpeechResult


def ordered_counts(counts: Mapping[str, float]) -> dict[str, float]:
    """``counts`` as a dict ordered by count (most first), ties by term: a stable order
    whatever order the terms were counted in."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def speech_frequencies(speech: Speech, tokenizer: Tokenizer | None = None) -> dict[str, int]:
    """Occurrences of each content token of ``speech``.

    Parameters
    ----------
    speech : Speech
    tokenizer : Tokenizer, optional
        Segment with this tokenizer instead of the speech's default tokens.

    Returns
    -------
    dict of str to int
        Ordered by count, most first.
    """
    return ordered_counts(Counter(t.text for t in speech.tokens(tokenizer) if is_content(t)))


def sum_frequencies(mappings: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """The term-wise sum of several frequency mappings, ordered by count."""
    total: Counter = Counter()
    for mapping in mappings:
        total.update(mapping)
    return ordered_counts(total)


def group_frequencies(corpus: Corpus, by: str = "year", *, frequencies: Mapping[str, Mapping] | None = None,
                      tokenizer: Tokenizer | None = None) -> dict:
    """Summed frequencies of the speeches of each group (year, speaker, any metadata).

    Parameters
    ----------
    corpus : Corpus
    by : str
        A metadata variable; ``"speech"`` gives one entry per speech id.
    frequencies : mapping of speech id to frequencies, optional
        Frequencies computed earlier (e.g. cached); other speeches are counted here.
    tokenizer : Tokenizer, optional
        The segmentation (default: the process default).

    Returns
    -------
    dict
        Group value to ``{term: count}``, groups in the corpus' sorted group order.
    """
    frequencies = frequencies or {}

    def of(speech):
        cached = frequencies.get(speech.id)
        return cached if cached is not None else speech_frequencies(speech, tokenizer)

    if by == "speech":
        return {speech.id: ordered_counts(of(speech)) for speech in corpus}
    return {group: sum_frequencies(of(s) for s in members) for group, members in corpus.groups(by).items()}


def term_offsets(text: str, term: str) -> list[int]:
    """Start offsets of the non-overlapping occurrences of ``term`` in ``text``."""
    if not term:
        return []
    offsets, start = [], text.find(term)
    while start != -1:
        offsets.append(start)
        start = text.find(term, start + len(term))
    return offsets


def dispersion(speeches: Sequence, terms: Sequence[str]):
    """Where each term occurs in each speech, as a fraction of the speech's length.

    Occurrences are found in the text (not the tokens), so a term the segmenter splits
    is still found; 安全 is also found inside 安全生产.

    Parameters
    ----------
    speeches : sequence of Speech
    terms : sequence of str
        The terms to find, as written.

    Returns
    -------
    pandas.DataFrame
        Columns ``speech``, ``year``, ``term``, ``start`` and ``position``
        (``start / len(text)``, from 0 to 1), in speech order, then term order, then
        position. A speech without any occurrence has no row (pass the speech ids to
        the dispersion chart to keep its line).
    """
    import pandas as pd

    rows = []
    for speech in speeches:
        length = max(len(speech.text), 1)
        for term in terms:
            for start in term_offsets(speech.text, term):
                rows.append({"speech": speech.id, "year": speech.year, "term": term,
                             "start": start, "position": start / length})
    frame = pd.DataFrame(rows, columns=["speech", "year", "term", "start", "position"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def unit_dispersion(speeches: Sequence[tuple[str, int | None, SpeechResult]], terms: Sequence[str], unit: str = "sentence"):
    """Where each term occurs in each speech, from the results' term units (no text).

    Each occurrence is placed at the start of its unit (a sentence by default).

    Parameters
    ----------
    speeches : sequence of (speech id, year, SpeechResult)
    terms : sequence of str

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`dispersion`.
    """
    import pandas as pd

    rows = []
    for speech_id, year, result in speeches:
        length = max(result.characters, 1)
        index = {term: i for i, term in enumerate(result.terms)}
        wanted = {index[term]: term for term in terms if term in index}
        units = result.units(unit)
        found: list[tuple[int, int, int]] = []  # (term order, start, count)
        order = {term: i for i, term in enumerate(terms)}
        for i in range(len(units)):
            for term, count in units.unit(i):
                if term in wanted:
                    found.append((order[wanted[term]], units.starts[i], count))
        for term_order, start, count in sorted(found):
            rows += [{"speech": speech_id, "year": year, "term": terms[term_order], "start": start,
                      "position": start / length}] * count
    frame = pd.DataFrame(rows, columns=["speech", "year", "term", "start", "position"])
    frame["year"] = frame["year"].astype("Int64")
    return frame
