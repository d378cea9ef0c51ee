"""Keyness: which terms a target group of speeches uses more than a reference group.

The statistic is quanteda's ``textstat_keyness(measure = "lr")``: for each term a 2×2
table of its count and all other terms' count in target and reference, the
log-likelihood ratio G² (Dunning 1993), signed positive when the target uses the term
more than expected, with a Williams (or Yates) correction and its p-value from the χ²
distribution with one degree of freedom. The effect size is Hardie's log ratio, the
binary log of the ratio of relative frequencies (a zero count taken as 0.5).

Rows are sorted by G², highest first: the target's key terms at the top, the
reference's (negative G²) at the bottom, as quanteda sorts them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..corpus import group_key, variables_hint
from ..errors import SpeechkitError
from ..model import Keyword, Record
from .terms import DEFAULT_POS, as_speeches, content_terms

if TYPE_CHECKING:
    import numpy as np

    from ..segment import Tokenizer
    from ..corpus import Corpus
    from ..speech import Speech

CORRECTIONS = ("williams", "yates", "none")
COLUMNS = ["term", "target_count", "reference_count", "g2", "log_ratio", "p"]
DIGITS = 6


@dataclass(frozen=True, slots=True)
class KeynessRow(Record):
    """Keyness of one term: counts in both groups, signed G², log ratio and p."""

    term: str
    target_count: int
    reference_count: int
    g2: float
    log_ratio: float
    p: float


def _g2(a, b, c, d, correction: str):
    """Signed G² of 2×2 tables given as arrays of their cells (quanteda's ``lr``)."""
    import numpy as np

    n = a + b + c + d
    expected_a = (a + b) * (a + c) / n
    if correction == "yates":
        # Yates applies only when some expected cell is small (as in quanteda).
        small = np.minimum.reduce(
            [(a + b) * (a + c), (a + b) * (b + d), (a + c) * (c + d), (c + d) * (b + d)]
        ) / n < 5
        delta = np.where((np.abs(a * d - b * c) >= n / 2) & small, 0.5, 0.0)
        sign = np.where(a * d - b * c > 0, 1.0, -1.0)
        a, b, c, d = a - sign * delta, b + sign * delta, c + sign * delta, d - sign * delta

    def term(o, row, col):
        expected = row * col / n
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(o > 0, o * np.log(o / expected), 0.0)

    g2 = 2 * (term(a, a + b, a + c) + term(b, a + b, b + d) + term(c, c + d, a + c) + term(d, c + d, b + d))
    if correction == "williams":
        with np.errstate(divide="ignore"):
            q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
        # quanteda leaves tables with an empty cell uncorrected.
        g2 = np.where(a * b * c * d == 0, g2, g2 / q)
    return np.where(a > expected_a, 1.0, -1.0) * np.maximum(g2, 0.0)


def keyness_table(
    target: Mapping[str, int],
    reference: Mapping[str, int],
    correction: str = "williams",
    p_threshold: float | None = 0.05,
    min_count: int = 3,
) -> list[KeynessRow]:
    """Keyness of every term from two frequency tables.

    Parameters
    ----------
    target, reference : Mapping of str to int
        Term counts of the two groups.
    correction : {"williams", "yates", "none"}
    p_threshold : float or None
        Keep terms with ``p <= p_threshold`` (None keeps all).
    min_count : int
        Keep terms occurring at least this often in both groups together.

    Returns
    -------
    list of KeynessRow
        Sorted by G² descending, then term.
    """
    scored = _scored(target, reference, correction, min_count)
    return _rows(scored, scored.p <= p_threshold if p_threshold is not None else None)


@dataclass(frozen=True)
class _Scored:
    """The keyness statistics of the terms of two frequency tables, as arrays in one order
    (not sorted: :func:`_rows` sorts the rows it makes)."""

    terms: np.ndarray
    target_count: np.ndarray
    reference_count: np.ndarray
    g2: np.ndarray
    log_ratio: np.ndarray
    p: np.ndarray


def _scored(target: Mapping[str, int], reference: Mapping[str, int], correction: str, min_count: int) -> _Scored:
    """G², log ratio and p of every term of ``target`` and ``reference`` with at least
    ``min_count`` occurrences in both together (see :func:`keyness_table`)."""
    from itertools import repeat

    import numpy as np
    from scipy.special import chdtrc

    if correction not in CORRECTIONS:
        raise SpeechkitError(f"unknown correction {correction!r}: choose one of {', '.join(CORRECTIONS)}")
    target_total, reference_total = sum(target.values()), sum(reference.values())
    if not target_total or not reference_total:
        raise SpeechkitError("keyness needs content terms in both the target and the reference group")
    # Every term once, its counts looked up by the dicts themselves: no Python loop per term.
    union = {**target, **reference}
    a = np.fromiter(map(target.get, union, repeat(0)), dtype=float, count=len(union))
    b = np.fromiter(map(reference.get, union, repeat(0)), dtype=float, count=len(union))
    frequent = a + b >= min_count
    terms = np.array(list(union), dtype=object)[frequent]
    a, b = a[frequent], b[frequent]
    g2 = _g2(a, b, target_total - a, reference_total - b, correction)
    # The χ² survival function with one degree of freedom (what scipy.stats.chi2.sf computes).
    p = chdtrc(1, np.abs(g2))
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / target_total) / (np.where(b > 0, b, 0.5) / reference_total))
    return _Scored(terms, a, b, g2, log_ratio, p)


def _rows(scored: _Scored, chosen: np.ndarray | None) -> list[KeynessRow]:
    """The rows of the ``chosen`` terms of ``scored`` (all if None), sorted by G² descending,
    then term; the statistics rounded as the tables give them."""
    import numpy as np

    at = np.flatnonzero(chosen) if chosen is not None else range(len(scored.terms))
    rows = [
        KeynessRow(scored.terms[i], int(scored.target_count[i]), int(scored.reference_count[i]),
                   round(float(scored.g2[i]), DIGITS), round(float(scored.log_ratio[i]), DIGITS),
                   float(f"{scored.p[i]:.6g}"))
        for i in at
    ]
    rows.sort(key=lambda r: (-r.g2, r.term))
    return rows


def group_counts(speeches: Speech | Corpus | Sequence[Speech], pos: Sequence[str] | None = DEFAULT_POS, tokenizer: Tokenizer | None = None) -> Counter:
    """Content-term counts summed over a group of speeches."""
    counts: Counter = Counter()
    for speech in as_speeches(speeches):
        counts.update(t.text for t in content_terms(speech, pos, tokenizer))
    return counts


def keyness(
    target_speeches,
    reference_speeches,
    *,
    pos: Sequence[str] | None = DEFAULT_POS,
    tokenizer: Tokenizer | None = None,
    correction: str = "williams",
    p_threshold: float | None = 0.05,
    min_count: int = 3,
):
    """Keyness of a target group of speeches against a reference group.

    Parameters
    ----------
    target_speeches, reference_speeches : Speech, Corpus or sequence of Speech
    pos, tokenizer
        Which content terms are counted (see :mod:`speechkit.analysis.terms`).
    correction, p_threshold, min_count
        See :func:`keyness_table`.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, target_count, reference_count, g2, log_ratio, p``; positive
        ``g2`` marks the target's terms, negative the reference's.
    """
    import pandas as pd

    rows = keyness_table(
        group_counts(target_speeches, pos, tokenizer),
        group_counts(reference_speeches, pos, tokenizer),
        correction,
        p_threshold,
        min_count,
    )
    return pd.DataFrame([r.to_dict() for r in rows], columns=COLUMNS)


def keyness_by(
    corpus: Corpus | Sequence[Speech],
    by: str = "year",
    *,
    pos: Sequence[str] | None = DEFAULT_POS,
    tokenizer: Tokenizer | None = None,
    correction: str = "williams",
    p_threshold: float | None = 0.05,
    min_count: int = 3,
):
    """Keyness of every group (each year, say) against all the other speeches.

    Each speech is counted once; a group's reference is the corpus minus the group.
    Speeches without a value of ``by`` count in the references only.

    Parameters
    ----------
    corpus : Corpus or sequence of Speech
    by : str
        The grouping variable (``year``, ``speaker``, ``org`` or a manifest column).
    pos, tokenizer, correction, p_threshold, min_count
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        Column ``by`` followed by the columns of :func:`keyness`, groups in sorted
        order; empty when there are fewer than two groups.
    """
    counts: dict = {}
    total: Counter = Counter()
    for speech in as_speeches(corpus):
        speech_counts = group_counts(speech, pos, tokenizer)
        total.update(speech_counts)
        value = group_key(speech, by)
        if value is not None:
            counts.setdefault(value, Counter()).update(speech_counts)
    return grouped_keyness(counts, by=by, total=total, correction=correction, p_threshold=p_threshold,
                           min_count=min_count)


def grouped_keyness(groups: Mapping, *, by: str = "year", reference=None, total: Mapping[str, int] | None = None,
                    exclude: frozenset[str] = frozenset(), correction: str = "williams",
                    p_threshold: float | None = 0.05, min_count: int = 3):
    """Keyness of every group given as term counts against the rest (or the group ``reference``).

    Parameters
    ----------
    groups : mapping of group value to mapping of str to int
    by : str
        The name of the first column.
    reference : optional
        A group value every other group is compared with (the reference group itself is
        compared with all the others).
    total : mapping of str to int, optional
        The counts of the whole corpus, when it holds more than the groups (speeches
        without a value); default: the groups' sum.
    exclude : frozenset of str
        Terms left out before the test (the officialese words).
    correction, p_threshold, min_count
        See :func:`keyness_table`.

    Returns
    -------
    pandas.DataFrame
        Column ``by`` followed by the columns of :func:`keyness`, groups in sorted
        order; empty when there are fewer than two groups.
    """
    import pandas as pd

    def kept(counts):
        return Counter({t: n for t, n in counts.items() if t not in exclude})

    counts = {value: kept(c) for value, c in groups.items()}
    whole = kept(total) if total is not None else sum(counts.values(), Counter())
    chosen = next((v for v in counts if reference is not None and str(v) == str(reference)), None)
    frames = []
    if len(counts) >= 2:
        for value in sorted(counts, key=lambda v: (str(type(v)), v)):
            other = counts[chosen] if chosen is not None and value != chosen else _less(whole, counts[value])
            if not sum(other.values()) or not sum(counts[value].values()):
                continue
            rows = keyness_table(counts[value], other, correction, p_threshold, min_count)
            # Column by column: the same frame as from a dict per row, without the dicts.
            columns = {by: [value] * len(rows), **{name: [getattr(r, name) for r in rows] for name in COLUMNS}}
            frames.append(pd.DataFrame(columns if rows else [], columns=[by, *COLUMNS]))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[by, *COLUMNS])


def _less(total: Mapping[str, int], part: Mapping[str, int]) -> dict[str, int]:
    """``total`` less ``part``, the terms left with a positive count: what Counter subtraction
    gives, without its Python-level loop."""
    return {t: n - part.get(t, 0) for t, n in total.items() if n > part.get(t, 0)}


def split_groups(corpus: Corpus | Sequence[Speech], by: str, target, reference=None) -> tuple[list, list]:
    """The speeches whose ``by`` variable equals ``target``, and those equal to
    ``reference`` (default: all the others). Values compare as strings, so
    ``target="2022"`` matches the year 2022.

    Raises
    ------
    SpeechkitError
        Naming ``--by`` when no speech has a value for it (a misspelt variable),
        else ``--target`` or ``--reference`` when its group is empty.
    """
    values = [group_key(speech, by) for speech in corpus]
    if all(v is None for v in values):
        raise SpeechkitError(f"--by: no speech has a value for {by!r} ({variables_hint(corpus)})")
    keyed = [(s, None if v is None else str(v)) for s, v in zip(corpus, values)]
    target_group = [s for s, v in keyed if v == str(target)]
    if reference is None:
        reference_group = [s for s, v in keyed if v != str(target)]
    else:
        reference_group = [s for s, v in keyed if v == str(reference)]
    if not target_group:
        raise SpeechkitError(f"--target: no speech has {by} = {target}")
    if not reference_group:
        what = f"{by} = {reference}" if reference is not None else f"{by} other than {target}"
        raise SpeechkitError(f"--reference: no speech has {what}")
    return target_group, reference_group


WEIGHTS = ("keyness", "frequency")
# A distinctive term is at least twice as frequent (relatively) as in the reference.
MIN_LOG_RATIO = 1.0


def distinctive_terms(target: Mapping[str, int], reference: Mapping[str, int], *, top: int | None = None,
                      exclude: frozenset[str] = frozenset(), p_threshold: float | None = 0.05,
                      min_count: int = 3, min_log_ratio: float = MIN_LOG_RATIO) -> list[Keyword]:
    """The terms ``target`` uses significantly and markedly more than ``reference``, by G²
    (highest first).

    Significance alone favours frequent words: a long report's 经济 or 社会 is
    significantly more frequent than elsewhere while being used a fifth more. As Hardie
    (2014) advises, the effect size filters too: a term is kept when its relative
    frequency is at least ``2 ** min_log_ratio`` times the reference's (twice, by default).

    Parameters
    ----------
    target, reference : Mapping of str to int
        Term counts.
    top : int or None
        How many terms (None: all with a positive G²).
    exclude : frozenset of str
        Terms left out of both tables before the test (the officialese words, say).
    p_threshold, min_count
        See :func:`keyness_table`.
    min_log_ratio : float
        The least log ratio (binary log of the ratio of relative frequencies) of a term kept.

    Returns
    -------
    list of Keyword
        ``score`` is the G², ``count`` the term's count in the target.
    """
    scored = _scored({t: n for t, n in target.items() if t not in exclude},
                     {t: n for t, n in reference.items() if t not in exclude}, "williams", min_count)
    # Rows only for the terms that may pass (the tests below are on the rounded figures, as tables give them).
    candidates = (scored.g2 > 0) & (scored.log_ratio >= min_log_ratio - 10.0 ** -DIGITS)
    if p_threshold is not None:
        candidates &= scored.p <= p_threshold
    found = [Keyword(row.term, row.g2, row.target_count) for row in _rows(scored, candidates)
             if row.g2 > 0 and row.log_ratio >= min_log_ratio]
    return found if top is None else found[:top]


def group_rankings(groups: Mapping, *, weight: str = "keyness", reference=None, top: int | None = None,
                   exclude: frozenset[str] = frozenset()) -> dict:
    """Each group's terms ranked by keyness against the rest of the groups (or against the
    group ``reference``), or by frequency.

    Parameters
    ----------
    groups : mapping of group value to mapping of str to int
        Term counts of each group (each year, say).
    weight : {"keyness", "frequency"}
        ``keyness``: G² of the group against the sum of the other groups (or of the
        ``reference`` group; the reference group itself against all the others), terms the
        group uses significantly more; ``frequency``: the group's counts.
    reference : optional
        A group value (compared as text: ``"2013"`` names the year 2013).
    top : int or None
        Terms per group.
    exclude : frozenset of str
        Terms never ranked (the officialese words).

    Returns
    -------
    dict of group value to (str, list of Keyword)
        The weight each group was ranked by (``keyness``, or ``frequency`` for a group with
        nothing to compare against: the only group of a corpus) and its terms, best first.

    Raises
    ------
    SpeechkitError
        On an unknown ``weight``, or a ``reference`` that names no group.
    """
    if weight not in WEIGHTS:
        raise SpeechkitError(f"unknown weight {weight!r}: choose one of {', '.join(WEIGHTS)}")
    by_text = {str(value): value for value in groups}
    if reference is not None and str(reference) not in by_text:
        raise SpeechkitError(f"--reference-group: no group {reference} (have: {', '.join(by_text)})")
    total: Counter = Counter()
    for counts in groups.values():
        total.update(counts)
    rankings = {}
    for value, counts in groups.items():
        if reference is not None and str(value) != str(reference):
            rest = groups[by_text[str(reference)]]
        else:
            rest = _less(total, counts)
        if weight == "keyness" and sum(rest.values()) and sum(counts.values()):
            rankings[value] = ("keyness", distinctive_terms(counts, rest, top=top, exclude=exclude))
        else:
            kept = {t: n for t, n in counts.items() if t not in exclude}
            ordered = sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))
            ranked = [Keyword(t, float(n), int(n)) for t, n in (ordered if top is None else ordered[:top])]
            rankings[value] = ("frequency", ranked)
    return rankings


def distinctive_vocabulary(groups: Mapping, top_n: int, *, weight: str = "keyness",
                           exclude: frozenset[str] = frozenset()) -> list[str]:
    """The ``top_n`` terms that best set the groups apart: each group's best term, then each
    group's second, and so on (:func:`group_rankings`); ties by G², then term.

    Used for the nodes of the corpus co-occurrence graph, so they show what changes between
    years rather than what every year repeats.
    """
    best: dict[str, tuple] = {}
    for _, ranked in group_rankings(groups, weight=weight, exclude=exclude).values():
        for rank, keyword in enumerate(ranked):
            key = (rank, -keyword.score, keyword.term)
            best[keyword.term] = min(best.get(keyword.term, key), key)
    return sorted(best, key=best.__getitem__)[:top_n]


def reference_year(reference_group: str | int | None, years) -> int | None:
    """The year of ``years`` that ``--reference-group`` names (compared as text), or None.

    Parameters
    ----------
    reference_group : str or int, optional
    years : iterable of int

    Returns
    -------
    int or None
    """
    return next((year for year in years if reference_group is not None and str(year) == str(reference_group)), None)
