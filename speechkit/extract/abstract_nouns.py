"""The reference inventory of abstract nouns (``speechkit/data/abstract_nouns.tsv``).

Things of the mind, of reasoning and of affairs rather than objects (see the table's
header for its source, the Tongyici Cilin): the metrics read a count of them as no
measurement (三个问题), the numbered formulations read 大 and one of them as a
formulation's head (六大能力).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..resource_files import read_table
from ..resources import data_path

_ABSTRACT_HEADER = ["word", "class"]


@lru_cache(maxsize=1)
def abstract_nouns() -> frozenset[str]:
    """The bundled abstract nouns (``speechkit/data/abstract_nouns.tsv``), read once."""
    return read_abstract_nouns(data_path("abstract_nouns.tsv"))


def read_abstract_nouns(path: str | Path) -> frozenset[str]:
    """The words of an abstract-noun table (columns ``word``, ``class``).

    Raises
    ------
    SpeechkitError
        When the file is missing or its header is not ``word class``.
    """
    return frozenset(cells[0] for _, cells in read_table(path, _ABSTRACT_HEADER, what="abstract-noun table"))


@lru_cache(maxsize=8)
def abstract_nouns_of(*classes: str) -> frozenset[str]:
    """The bundled abstract nouns whose Cilin class opens with one of ``classes``
    (``"Di22A"``: 任务, 责任; ``"Di19A"``: 工作), read once per set of classes."""
    rows = read_table(data_path("abstract_nouns.tsv"), _ABSTRACT_HEADER, what="abstract-noun table")
    return frozenset(cells[0] for _, cells in rows if cells[1].startswith(classes))

