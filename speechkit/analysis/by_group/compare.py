"""Compare groups of speeches (years by default, or any metadata variable).

Each comparison is a pandas table: term rates per 10,000 tokens, rising and falling
terms (keyness of each group against the previous one), similarity between groups
(cosine of TF-IDF), and — from the extractors — slogans, structure and metrics by group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...corpus import ungrouped
from ..frequencies import group_frequencies

if TYPE_CHECKING:
    from ...corpus import Corpus
    from ...extract.slogans.lexicon import Lexicon
    from ...segment import Tokenizer

RATE_BASE = 10_000


@dataclass
class Comparison:
    """The tables of a comparison; ``tables()`` names them,
    :func:`speechkit.render.comparison.write_comparison` writes them.

    Attributes
    ----------
    by : str
        The variable compared (``year``, a docvar).
    rates, changes, similarity : pandas.DataFrame
        Term rates per group, the terms that rose and fell, and the groups' similarity.
    extra : dict of str to pandas.DataFrame
        The slogans, structure and metrics tables, by name.
    """

    by: str
    rates: object
    changes: object
    similarity: object
    extra: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        from ...display import text_summary

        return text_summary(self._headline(), {"changes": self.changes})

    def _repr_html_(self) -> str:
        from ...display import html_summary

        return html_summary(self._headline(), {"changes": self.changes})

    def _headline(self) -> str:
        """One line: the grouping and every table with its size."""
        sizes = ", ".join(f"{name} {len(table)}×{len(table.columns)}" for name, table in self.tables().items())
        return f"Comparison by {self.by}: {sizes}"

    def tables(self) -> dict:
        """Every table by name: rates, changes, similarity, then slogans, structure, metrics.

        Returns
        -------
        dict of str to pandas.DataFrame
        """
        return {"rates": self.rates, "changes": self.changes, "similarity": self.similarity, **self.extra}


def group_word_counts(corpus, by: str, word_counts: Mapping[str, int]) -> dict:
    """Total word tokens of each group, from per-speech counts keyed by speech id."""
    return {group: sum(word_counts[s.id] for s in members) for group, members in corpus.groups(by).items()}


def term_rates(counts: Mapping, totals: Mapping, min_count: int = 1):
    """Long table ``group, term, count, per_10k`` of every term of every group."""
    import pandas as pd

    rows = [
        {"group": group, "term": term, "count": count, "per_10k": round(count * RATE_BASE / max(totals[group], 1), 3)}
        for group, terms in counts.items()
        for term, count in terms.items()
        if count >= min_count
    ]
    return pd.DataFrame(rows, columns=["group", "term", "count", "per_10k"])


def phrase_rates(corpus: Corpus, phrase_counts: Mapping[str, Mapping[str, int]], word_counts: Mapping[str, int],
                 by: str = "year"):
    """Rates per 10,000 tokens of phrases counted as text (requested terms), by group.

    Parameters
    ----------
    corpus : Corpus
    phrase_counts : mapping of speech id to ``{phrase: count}``
        From :func:`speechkit.extract.phrases.term_counts`, zeros included.
    word_counts : mapping of speech id to word tokens
    by : str
        The grouping variable; speeches without a value are left out.

    Returns
    -------
    pandas.DataFrame
        The long table of :func:`term_rates`, zero counts kept, so a phrase no
        group says shows as 0 rather than being missing.
    """
    counts, totals = {}, {}
    for group, members in corpus.groups(by).items():
        if group is None:
            continue
        summed: dict[str, int] = {}
        for speech in members:
            for phrase, count in phrase_counts[speech.id].items():
                summed[phrase] = summed.get(phrase, 0) + count
        counts[group] = summed
        totals[group] = sum(word_counts[speech.id] for speech in members)
    return term_rates(counts, totals, min_count=0)


def rate_matrix(rates, terms=None):
    """Wide table term × group of rates per 10,000 tokens (zeros filled).

    Parameters
    ----------
    rates : pandas.DataFrame
        :attr:`Comparison.rates` (columns ``group``, ``term``, ``per_10k``).
    terms : sequence of str, optional
        The rows, in this order (default: every term).

    Returns
    -------
    pandas.DataFrame
        Index ``term``, a column per group.
    """
    wide = rates.pivot_table(index="term", columns="group", values="per_10k", aggfunc="sum", fill_value=0.0)
    if terms is not None:
        wide = wide.reindex(list(terms), fill_value=0.0)
    return wide


def rising_and_falling(counts: Mapping, top: int = 20, p_threshold: float = 0.05, min_count: int = 3):
    """Keyness of each group against the previous one: its rising and falling terms.

    Returns
    -------
    pandas.DataFrame
        ``group, previous, direction, term, target_count, reference_count, g2,
        log_ratio, p``; at most ``top`` rising and ``top`` falling terms per group.
    """
    import pandas as pd

    from ..keyness import keyness_table

    rows = []
    groups = list(counts)
    for previous, group in zip(groups, groups[1:]):
        if not counts[group] or not counts[previous]:
            continue
        table = keyness_table(counts[group], counts[previous], p_threshold=p_threshold, min_count=min_count)
        rising = [r for r in table if r.g2 > 0][:top]
        falling = [r for r in reversed(table) if r.g2 < 0][:top]
        for direction, chosen in (("rising", rising), ("falling", falling)):
            rows += [{"group": group, "previous": previous, "direction": direction, **r.to_dict()} for r in chosen]
    columns = ["group", "previous", "direction", "term", "target_count", "reference_count", "g2", "log_ratio", "p"]
    return pd.DataFrame(rows, columns=columns)


def similarity_matrix(counts: Mapping):
    """Cosine similarity of the groups' TF-IDF vectors, as a square DataFrame."""
    import pandas as pd
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity

    groups = list(counts)
    if not groups:
        return pd.DataFrame()
    matrix = DictVectorizer(sort=True).fit_transform([dict(counts[g]) for g in groups])
    if not matrix.shape[1]:
        # No group has a content term (e.g. English-only texts): similarity is undefined.
        return pd.DataFrame(float("nan"), index=groups, columns=groups)
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(matrix)
    similarity = cosine_similarity(tfidf).round(6)
    return pd.DataFrame(similarity, index=groups, columns=groups)


def compare(corpus: Corpus, by: str = "year", *, frequencies: Mapping | None = None, word_counts: Mapping | None = None,
            top: int = 20, extras: bool = True, tokenizer: Tokenizer | None = None,
            lexicon: Lexicon | None = None) -> Comparison:
    """Compare the groups of a corpus.

    Parameters
    ----------
    corpus : Corpus
    by : str
        A metadata variable (``year``, ``speaker``, a manifest column …). Speeches
        without a value are left out.
    frequencies, word_counts : mapping of speech id, optional
        Per-speech content-term counts and word-token totals computed earlier (the
        pipeline's cache); missing speeches are counted here.
    top : int
        Rising and falling terms kept per group.
    extras : bool
        Also build the slogans, structure and metrics tables by the same groups.
    tokenizer : Tokenizer, optional
        Segments what is counted here and the slogans (default: the process-wide one).
    lexicon : Lexicon, optional
        The formulations of the slogans and metrics tables (default: the bundled lexicon).

    Returns
    -------
    Comparison
        Its tables' ``attrs["ungrouped"]`` list the speeches left out.
    """
    from ...segment import count_words

    left_out = ungrouped(corpus, by)
    grouped = {g: m for g, m in corpus.groups(by).items() if g is not None}
    kept = [s for members in grouped.values() for s in members]
    sub = type(corpus)(kept, root=corpus.root)
    counts = group_frequencies(sub, by, frequencies=frequencies, tokenizer=tokenizer)
    word_counts = dict(word_counts or {})
    for speech in kept:
        if speech.id not in word_counts:
            word_counts[speech.id] = count_words(speech.tokens(tokenizer))
    totals = group_word_counts(sub, by, word_counts)
    comparison = comparison_from_counts(by, counts, totals, top)
    if extras:
        comparison.extra = extractor_tables(sub, by, tokenizer=tokenizer, lexicon=lexicon)
    for table in comparison.tables().values():
        table.attrs["ungrouped"] = left_out
    return comparison


def comparison_from_counts(by: str, counts: Mapping, totals: Mapping, top: int = 20) -> Comparison:
    """The rates, changes and similarity tables from term counts and word totals per
    group (groups in order), as the pipeline reduces them from per-speech results."""
    return Comparison(
        by=by,
        rates=term_rates(counts, totals),
        changes=rising_and_falling(counts, top),
        similarity=similarity_matrix(counts),
    )


def extractor_tables(corpus: Corpus, by: str = "year", *, tokenizer: Tokenizer | None = None,
                     lexicon: Lexicon | None = None) -> dict:
    """Slogans, structure and metrics tables by the groups of ``by``, from the extractors
    run with ``tokenizer`` and ``lexicon`` (see :func:`compare`)."""
    from .metrics import indicator_table
    from .slogans import slogan_timeline
    from .structure import structure_by_year

    return {
        "slogans": slogan_timeline(corpus, by=by, tokenizer=tokenizer, lexicon=lexicon),
        "structure": structure_by_year(corpus, by=by),
        "metrics": indicator_table(corpus.results(), by=by),
    }
