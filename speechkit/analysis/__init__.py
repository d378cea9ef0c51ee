"""Corpus statistics: keywords, keyness, keyword in context, co-occurrence and topic
graphs, comparisons by year or group, slogans, indicators and targets, categories,
text reuse and diffusion.

The names are imported on first use, so that importing one analysis module does not
load every other. ``kwic``, ``keyness`` and ``collocations`` are exported by
:mod:`speechkit` itself: here the names are those of their modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

_EXPORTS = {
    "Collocation": ".collocations",
    "Comparison": ".by_group.compare",
    "KwicHit": ".kwic",
    "TargetLedger": ".targets",
    "TopicModel": ".topics",
    "align": ".reuse",
    "categories_by_speech": ".categories",
    "categories_by_year": ".categories",
    "category_shares": ".categories",
    "category_table": ".categories",
    "compare": ".by_group.compare",
    "compare_changes": ".by_group.compare",
    "compare_rates": ".by_group.compare",
    "compare_similarity": ".by_group.compare",
    "cooccurrence_graph": ".graphs",
    "corpus_keywords": ".keywords",
    "corpus_table": ".speech_tables",
    "dispersion": ".frequencies",
    "document_term_matrix": ".dtm",
    "find_reuse": ".reuse",
    "frequency_table": ".speech_tables",
    "group_frequencies": ".frequencies",
    "group_parts": ".grouping",
    "indicator_table": ".by_group.metrics",
    "indicators_by_year": ".by_group.metrics",
    "indicators_by_year_wide": ".by_group.metrics",
    "jieba_idf": ".idf",
    "keyness_by": ".keyness",
    "keyness_by_year": ".keywords",
    "keywords_by_year": ".keywords",
    "keywords_tfidf": ".keywords",
    "load_dictionary": ".categories",
    "metrics_table": ".by_group.metrics",
    "outcomes_table": ".targets",
    "placeholders_table": ".by_group.metrics",
    "rate_matrix": ".by_group.compare",
    "records_table": ".records",
    "resolve_grouping": ".grouping",
    "results_tally": ".aggregates",
    "section_category_table": ".categories",
    "sections_frame": ".by_group.structure",
    "sections_table": ".by_group.structure",
    "slogan_rates_by_year": ".by_group.slogans",
    "slogan_table": ".by_group.slogans",
    "slogans_by_year": ".by_group.slogans",
    "slogans_new_and_dropped": ".by_group.slogans",
    "speech_frequencies": ".frequencies",
    "speech_keywords": ".keywords",
    "split_results": ".grouping",
    "structure_by_year": ".by_group.structure",
    "structure_table": ".by_group.structure",
    "tables_by_group": ".grouping",
    "target_ledger": ".targets",
    "target_ledgers": ".targets",
    "targets_ledger_table": ".targets",
    "targets_table": ".targets",
    "topic_graph": ".topics",
    "topic_model": ".topics",
    "topic_tables": ".topics",
    "term_trends": ".trends",
    "trace_diffusion": ".diffusion",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:
    from .aggregates import results_tally
    from .by_group.compare import Comparison, compare, compare_changes, compare_rates, compare_similarity, rate_matrix
    from .by_group.metrics import (
        indicator_table,
        indicators_by_year,
        indicators_by_year_wide,
        metrics_table,
        placeholders_table,
    )
    from .by_group.slogans import slogan_rates_by_year, slogan_table, slogans_by_year, slogans_new_and_dropped
    from .by_group.structure import sections_frame, sections_table, structure_by_year, structure_table
    from .categories import (
        categories_by_speech,
        categories_by_year,
        category_shares,
        category_table,
        load_dictionary,
        section_category_table,
    )
    from .collocations import Collocation
    from .diffusion import trace_diffusion
    from .dtm import document_term_matrix
    from .frequencies import dispersion, group_frequencies, speech_frequencies
    from .graphs import cooccurrence_graph
    from .grouping import group_parts, resolve_grouping, split_results, tables_by_group
    from .idf import jieba_idf
    from .keyness import keyness_by
    from .keywords import corpus_keywords, keyness_by_year, keywords_by_year, keywords_tfidf, speech_keywords
    from .kwic import KwicHit
    from .records import records_table
    from .reuse import align, find_reuse
    from .speech_tables import corpus_table, frequency_table
    from .targets import (
        TargetLedger,
        outcomes_table,
        target_ledger,
        target_ledgers,
        targets_ledger_table,
        targets_table,
    )
    from .topics import TopicModel, topic_graph, topic_model, topic_tables
    from .trends import term_trends
