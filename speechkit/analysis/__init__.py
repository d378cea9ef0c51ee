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
    "category_shares": ".categories",
    "category_table": ".categories",
    "compare": ".by_group.compare",
    "cooccurrence_graph": ".graphs",
    "corpus_keywords": ".keywords",
    "dispersion": ".frequencies",
    "document_term_matrix": ".dtm",
    "find_reuse": ".reuse",
    "group_frequencies": ".frequencies",
    "indicator_table": ".by_group.metrics",
    "indicators_by_year": ".by_group.metrics",
    "indicators_by_year_wide": ".by_group.metrics",
    "jieba_idf": ".idf",
    "keyness_by": ".keyness",
    "load_dictionary": ".categories",
    "metrics_table": ".by_group.metrics",
    "outcomes_table": ".targets",
    "placeholders_table": ".by_group.metrics",
    "rate_matrix": ".by_group.compare",
    "records_table": ".records",
    "resolve_grouping": ".grouping",
    "section_category_table": ".categories",
    "sections_frame": ".by_group.structure",
    "slogan_timeline": ".by_group.slogans",
    "speech_frequencies": ".frequencies",
    "speech_keywords": ".keywords",
    "split_results": ".grouping",
    "structure_by_year": ".by_group.structure",
    "target_ledger": ".targets",
    "target_ledgers": ".targets",
    "targets_ledger_table": ".targets",
    "targets_table": ".targets",
    "topic_graph": ".topics",
    "topic_model": ".topics",
    "topic_tables": ".topics",
    "trace_diffusion": ".diffusion",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

if TYPE_CHECKING:
    from .by_group.compare import Comparison, compare, rate_matrix
    from .by_group.metrics import indicator_table, indicators_by_year, indicators_by_year_wide, metrics_table, placeholders_table
    from .by_group.slogans import slogan_timeline
    from .by_group.structure import sections_frame, structure_by_year
    from .categories import category_shares, category_table, load_dictionary, section_category_table
    from .collocations import Collocation
    from .diffusion import trace_diffusion
    from .dtm import document_term_matrix
    from .frequencies import dispersion, group_frequencies, speech_frequencies
    from .graphs import cooccurrence_graph
    from .grouping import resolve_grouping, split_results
    from .idf import jieba_idf
    from .keyness import keyness_by
    from .keywords import corpus_keywords, speech_keywords
    from .kwic import KwicHit
    from .records import records_table
    from .reuse import align, find_reuse
    from .targets import TargetLedger, outcomes_table, target_ledger, target_ledgers, targets_ledger_table, targets_table
    from .topics import TopicModel, topic_graph, topic_model, topic_tables
