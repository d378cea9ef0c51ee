"""Category dictionaries: how much attention a speech gives each theme.

A category dictionary maps a category (党的建设, 营商环境 …) to the terms that signal it,
as KH Coder's coding rules and quanteda's dictionaries do. speechkit bundles a default
written for the genre (``speechkit/data/categories.yaml``); researchers load their own
YAML file of the same format::

    党的建设: [党建, 党组织, 从严治党]
    招商: [招商*, 签约, 落地]

Terms are matched against a speech's tokens. A term the segmenter splits into several
words is matched as that word sequence; spaces in a term spell the sequence out. A term
with ``*`` or ``?`` is a glob over single content words (``招商*`` matches 招商 and
招商引资). The share of a category is its number of matches divided by the number of
content tokens (:func:`speechkit.segment.is_content`); a word may count for several
categories, so shares need not add up to 1.
"""

from .dictionary import (
    DEFAULT_DICTIONARY,
    CategoryDictionary,
    as_dictionary,
    default_dictionary,
    dictionary_from_mapping,
    load_dictionary,
    read_dictionary,
)
from .matcher import CategoryMatcher, Match, default_matcher
from .counts import category_shares, speech_categories
from .tables import category_table, section_category_table

# The public names; the matcher and the per-speech counts serve the pipeline.
__all__ = [
    "CategoryDictionary",
    "category_shares",
    "category_table",
    "load_dictionary",
    "section_category_table",
]
