"""Officialese function words (官话虚词): left out of keyword lists, word clouds, trend terms
and the corpus co-occurrence graph.

Official prose repeats the same adverbs, modal, light and relational verbs in every
document (进一步, 只能, 进行, 在于, 离不开): they say nothing about a year or a place, yet
they crowd a ranking by frequency and even one by keyness (a long report uses more of
them). The bundled list (``speechkit/data/officialese.txt``, built by
``scripts/build_officialese.py`` from the segmenter dictionary's parts of speech plus a
reviewed list) removes them; a researcher's own file (one word a line, ``#`` comments)
replaces it, and an empty file keeps every word.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..resources import load_data_file, read_wordlist

DEFAULT_FILE = "officialese.txt"


def _read(path: str) -> frozenset[str]:
    return frozenset(read_wordlist(path))


def load_officialese(path: str | Path | None = None) -> frozenset[str]:
    """The officialese words of ``path`` (default: the bundled list), read once per file version.

    Raises
    ------
    SpeechkitError
        When the file does not exist or is not UTF-8 text.
    """
    return load_data_file(_read, path, DEFAULT_FILE, "officialese word list")


def without_officialese(counts: Mapping[str, float], words: frozenset[str]) -> dict[str, float]:
    """``counts`` without the terms of ``words``, in the same order."""
    return {term: n for term, n in counts.items() if term not in words}
