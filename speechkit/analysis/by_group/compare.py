"""Compare groups of speeches (years by default, or any metadata variable).

Each comparison is a pandas table: term rates per 10,000 tokens, rising and falling
terms (keyness of each group against the previous one), similarity between groups
(cosine of TF-IDF), and — from the extractors — slogans, structure and metrics by group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...corpus import group_key, group_order, ungrouped
from ..grouping import group_parts, stack_groups

if TYPE_CHECKING:
    import pandas as pd

    from ...corpus import Corpus
    from ...results import Results

RATE_BASE = 10_000
# The tables of a comparison keyed by their index (a year, a slogan, an indicator).
KEYED_TABLES = frozenset({"similarity", "slogans", "metrics"})


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


def compare(results: Results, *, by: str | None = None, pool: bool = False, over: str = "year", top: int = 20,
            extras: bool = False) -> Comparison:
    """Compare the years (or the groups of any variable) of a corpus: the tables
    ``compare_rates``, ``compare_changes`` and ``compare_similarity`` of ``speechkit analyze``.

    Parameters
    ----------
    results : Results
        The speeches' results (:meth:`speechkit.Corpus.results`).
    by : str, optional
        Compare the years within each group of this column, the tables stacked under it,
        as ``analyze --group-by`` does (default: within each kind or level a corpus mixes).
    pool : bool
        Compare the years of a corpus that mixes kinds or levels together (``analyze --pool``).
    over : str
        What is compared: ``year``, or ``speaker``, ``org``, a manifest column. Speeches
        without a value are left out.
    top : int
        Rising and falling terms kept per group.
    extras : bool
        Also the slogans, structure and metrics tables by the same groups.

    Returns
    -------
    Comparison
        Its tables' ``attrs["ungrouped"]`` list the speeches left out.
    """
    column, parts = group_parts(results, by=by, pool=pool, over=over)
    compared = {label: _comparison(part, over, top, extras) for label, part in parts.items()}
    if column is None:
        comparison = compared[None]
    else:
        tables = {name: stack_groups({label: c.tables()[name] for label, c in compared.items()}, column,
                                     index=name in KEYED_TABLES)
                  for name in next(iter(compared.values())).tables()}
        comparison = Comparison(over, tables.pop("rates"), tables.pop("changes"), tables.pop("similarity"), tables)
    left_out = ungrouped(results.corpus, over)
    for table in comparison.tables().values():
        table.attrs["ungrouped"] = left_out
    return comparison


def compare_rates(results: Results, *, by: str | None = None, pool: bool = False) -> pd.DataFrame:
    """Each year's terms with their count and rate per 10,000 word tokens: the table
    ``compare_rates`` of ``speechkit analyze`` (see :func:`compare`).

    Parameters
    ----------
    results, by, pool
        As for :func:`compare`.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, term, count, per_10k``.
    """
    return compare(results, by=by, pool=pool).rates


def compare_changes(results: Results, *, by: str | None = None, pool: bool = False, top: int = 20) -> pd.DataFrame:
    """The terms rising and falling most from each year to the next (keyness): the table
    ``compare_changes`` of ``speechkit analyze`` (see :func:`compare`).

    Parameters
    ----------
    results, by, pool
        As for :func:`compare`.
    top : int
        Rising and falling terms kept per year.

    Returns
    -------
    pandas.DataFrame
        See :func:`rising_and_falling`.
    """
    return compare(results, by=by, pool=pool, top=top).changes


def compare_similarity(results: Results, *, by: str | None = None, pool: bool = False) -> pd.DataFrame:
    """Cosine similarity of the years' TF-IDF vectors: the table ``compare_similarity`` of
    ``speechkit analyze`` (see :func:`compare`).

    Parameters
    ----------
    results, by, pool
        As for :func:`compare`.

    Returns
    -------
    pandas.DataFrame
        Square, indexed and labelled by year.
    """
    return compare(results, by=by, pool=pool).similarity


def _comparison(results: Results, over: str, top: int, extras: bool) -> Comparison:
    """The comparison of one group's results, from their merged counts."""
    from ..aggregates import results_tally

    tally = results_tally(results, over)
    # Every group is compared, one without a content term too (its similarity is undefined, NaN).
    groups = sorted({group_key(speech, over) for speech in results.corpus} - {None}, key=group_order)
    counts, words = tally.table("frequency"), tally.column("words")
    frequencies = {group: counts.get(group, {}) for group in groups}
    comparison = comparison_from_counts(over, frequencies, {group: words[group] for group in groups}, top)
    if extras:
        comparison.extra = extractor_tables(results, over)
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


def extractor_tables(results: Results, over: str = "year") -> dict:
    """Slogans, structure and metrics tables by the groups of ``over``, from the
    speeches' results (speeches without a value left out)."""
    from .metrics import indicator_table
    from .slogans import slogans_by_year
    from .structure import structure_by_year

    valued = results.take([i for i, speech in enumerate(results.corpus) if group_key(speech, over) is not None])
    return {
        "slogans": slogans_by_year(valued, pool=True, over=over),
        "structure": structure_by_year(valued, pool=True, over=over),
        "metrics": indicator_table(valued, by=over),
    }
