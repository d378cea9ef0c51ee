"""Category dictionaries: the model (category name to terms), reading one from YAML,
and the bundled default (see :mod:`speechkit.analysis.categories` for the format)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import SpeechkitError
from ...resources import data_path
from ...resource_files import read_text_file

DEFAULT_DICTIONARY = "categories.yaml"
_GLOB_CHARS = frozenset("*?")


@dataclass(frozen=True)
class CategoryDictionary:
    """An ordered mapping of category name to its terms.

    Attributes
    ----------
    categories : tuple of (str, tuple of str)
        Category names with their terms, in the order of the source file.
    source : str or None
        Where the dictionary was read from (for messages).
    """

    categories: tuple[tuple[str, tuple[str, ...]], ...]
    source: str | None = None

    @property
    def names(self) -> list[str]:
        """The category names, in dictionary order."""
        return [name for name, _ in self.categories]

    def terms(self, name: str) -> tuple[str, ...]:
        """The terms of one category.

        Parameters
        ----------
        name : str
            The category.

        Returns
        -------
        tuple of str

        Raises
        ------
        KeyError
            When the dictionary has no category ``name``.
        """
        for category, terms in self.categories:
            if category == name:
                return terms
        raise KeyError(name)

    def extended(self, other: "CategoryDictionary") -> "CategoryDictionary":
        """This dictionary with ``other`` laid over it.

        Parameters
        ----------
        other : CategoryDictionary
            Its categories replace those of the same name here; new ones come after the
            existing ones.

        Returns
        -------
        CategoryDictionary
        """
        replaced = dict(other.categories)
        merged = [(name, replaced.pop(name, terms)) for name, terms in self.categories]
        merged += [(name, terms) for name, terms in other.categories if name in replaced]
        return CategoryDictionary(tuple(merged), other.source)

    def to_dict(self) -> dict[str, list[str]]:
        """The dictionary as JSON-ready data.

        Returns
        -------
        dict of str to list of str
            ``{category: [terms]}``.
        """
        return {name: list(terms) for name, terms in self.categories}


def dictionary_from_mapping(data: Any, source: str = "<dictionary>") -> CategoryDictionary:
    """Validate a ``{category: [terms]}`` mapping and build a CategoryDictionary.

    Raises
    ------
    SpeechkitError
        If the mapping is empty, a name is not text, or a category's terms are not a
        non-empty list of non-empty strings (a glob must contain more than ``*``/``?``).
    """
    if not isinstance(data, Mapping) or not data:
        raise SpeechkitError(f"{source}: a category dictionary must be a non-empty mapping 'category: [terms]'")
    categories = []
    for name, terms in data.items():
        if not isinstance(name, str) or not name.strip():
            raise SpeechkitError(f"{source}: category name {name!r} is not a non-empty text")
        name = name.strip()
        if isinstance(terms, str) or not isinstance(terms, Sequence) or not terms:
            raise SpeechkitError(f"{source}: category {name!r} needs a non-empty list of terms, got {terms!r}")
        categories.append((name, _clean_terms(terms, name, source)))
    return CategoryDictionary(tuple(categories), source)


def _clean_terms(terms: Sequence, name: str, source: str) -> tuple[str, ...]:
    cleaned: dict[str, None] = {}
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise SpeechkitError(f"{source}: category {name!r} has a term {term!r} that is not a non-empty text")
        term = " ".join(term.split())
        if is_glob(term):
            if " " in term:
                raise SpeechkitError(f"{source}: category {name!r}: glob term {term!r} cannot span several words")
            if not set(term) - _GLOB_CHARS:
                raise SpeechkitError(f"{source}: category {name!r}: glob term {term!r} would match every word")
        cleaned.setdefault(term, None)
    return tuple(cleaned)


def read_dictionary(path: str | Path) -> CategoryDictionary:
    """Read a category dictionary from a YAML file (``category: [terms]``).

    Raises
    ------
    SpeechkitError
        If the file is missing, not UTF-8, not valid YAML or not of that format.
    """
    import yaml

    text = read_text_file(path, what="category dictionary")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise SpeechkitError(f"{path}: not valid YAML{where}") from None
    return dictionary_from_mapping(data, str(path))


@lru_cache(maxsize=1)
def default_dictionary() -> CategoryDictionary:
    """The bundled category dictionary (党的建设, 经济发展, 项目与投资 …); read once,
    it is immutable."""
    return read_dictionary(data_path(DEFAULT_DICTIONARY))


def load_dictionary(path: str | Path | None = None, *, extend: bool = False) -> CategoryDictionary:
    """The dictionary to use: the bundled one, a user file, or a user file over the bundled one.

    Parameters
    ----------
    path : str or Path, optional
        A user YAML dictionary. Without it, the bundled default.
    extend : bool
        Lay the user dictionary over the bundled one (same-named categories are
        replaced, new ones added) instead of using it alone.

    Returns
    -------
    CategoryDictionary
    """
    if path is None:
        return default_dictionary()
    user = read_dictionary(path)
    return default_dictionary().extended(user) if extend else user


def as_dictionary(dictionary: CategoryDictionary | Mapping | str | Path | None) -> CategoryDictionary:
    """Accept a CategoryDictionary, a plain ``{category: [terms]}`` mapping, a YAML path,
    or None (the bundled default)."""
    if dictionary is None:
        return default_dictionary()
    if isinstance(dictionary, CategoryDictionary):
        return dictionary
    if isinstance(dictionary, Mapping):
        return dictionary_from_mapping(dictionary)
    return read_dictionary(dictionary)


def is_glob(term: str) -> bool:
    """Whether a term is a glob over single words (holds ``*`` or ``?``)."""
    return any(ch in _GLOB_CHARS for ch in term)
