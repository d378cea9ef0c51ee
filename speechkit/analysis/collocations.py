"""Collocations: runs of adjacent content words that behave like one term.

A phrase such as 营商 环境 that the segmentation splits, but that recurs and whose
parts occur together far more often than chance, is a candidate entry for the user
dictionary (营商环境). Candidates are runs of two or more content tokens written
directly after one another (nothing between them, not even punctuation), scored by
frequency and pointwise mutual information

    PMI = log2(count(w1 … wn) · N^(n-1) / (count(w1) · … · count(wn)))

with ``N`` the number of content tokens. Phrases the tokenizer already keeps whole
are left out: they are in the dictionary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..model import Record
from .terms import as_speeches, content_terms

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..segment import Tokenizer
    from ..speech import Speech

DIGITS = 4


@dataclass(frozen=True, slots=True)
class Collocation(Record):
    """A candidate multi-token term with its parts, frequency and PMI.

    Attributes
    ----------
    phrase : str
        The tokens joined.
    parts : list of str
        The tokens.
    count : int
        Occurrences of the run of tokens.
    pmi : float
        Pointwise mutual information of the parts (log base 2).
    """

    phrase: str
    parts: list[str] = field(hash=False)
    count: int
    pmi: float


def _adjacent_runs(tokens, size: int):
    """Runs of ``size`` content tokens, each starting where the previous one ends."""
    for i in range(len(tokens) - size + 1):
        run = tokens[i : i + size]
        if all(run[k].end == run[k + 1].start for k in range(size - 1)):
            yield tuple(t.text for t in run)


def collocations(
    speeches: Speech | Corpus | Sequence[Speech],
    *,
    max_size: int = 3,
    min_count: int = 3,
    min_pmi: float = 3.0,
    tokenizer: Tokenizer | None = None,
) -> list[Collocation]:
    """Candidate dictionary entries found in one speech or a corpus.

    Parameters
    ----------
    speeches : Speech, Corpus or sequence of Speech
    max_size : int
        Longest run of tokens considered (2 = pairs only).
    min_count : int
        Minimum occurrences of the phrase.
    min_pmi : float
        Minimum PMI (bits).
    tokenizer : Tokenizer, optional
        The segmentation whose dictionary the candidates would extend.

    Returns
    -------
    list of Collocation
        Sorted by count, then PMI (both descending), then phrase.
    """
    from ..segment import get_tokenizer

    if max_size < 2:
        raise SpeechkitError("max_size must be at least 2")
    unigrams: Counter = Counter()
    runs: Counter = Counter()
    for speech in as_speeches(speeches):
        # Any part of speech: a collocation's parts are often tagged oddly once split.
        tokens = content_terms(speech, None, tokenizer)
        unigrams.update(t.text for t in tokens)
        for size in range(2, max_size + 1):
            runs.update(_adjacent_runs(tokens, size))
    total = sum(unigrams.values())
    cutter = tokenizer or get_tokenizer()
    found = []
    for parts, count in runs.items():
        if count < min_count:
            continue
        pmi = math.log2(count * total ** (len(parts) - 1) / math.prod(unigrams[p] for p in parts))
        phrase = "".join(parts)
        if pmi >= min_pmi and len(cutter.tokenize(phrase)) > 1:
            found.append(Collocation(phrase, list(parts), count, round(pmi, DIGITS)))
    found.sort(key=lambda c: (-c.count, -c.pmi, c.phrase))
    return found


def userdict_lines(found: Sequence[Collocation], pos: str = "n") -> list[str]:
    """Lines for a jieba-format user dictionary adding the phrases (``word pos``: with
    no frequency given, the engine picks one high enough to keep the word whole)."""
    return [f"{c.phrase} {pos}" for c in found]


def write_userdict(found: Sequence[Collocation], path: str | Path, pos: str = "n") -> Path:
    """Write the candidates as a user dictionary that ``--userdict`` accepts."""
    path = Path(path)
    try:
        path.write_text("\n".join(userdict_lines(found, pos)) + "\n", encoding="utf-8")
    except OSError as exc:
        raise SpeechkitError(f"{path}: cannot write ({exc.strerror})") from None
    return path
