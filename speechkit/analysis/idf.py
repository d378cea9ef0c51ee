"""IDF tables: jieba's bundled table, or one built from the user's own corpus.

A single speech has no corpus to compute document frequencies from, so its TF-IDF
keywords use an IDF table: by default the general-language table that ships with
jieba (read as a file), or, better for a research project, a table built once from the
researcher's own corpus, saved, and loaded again for every later speech.

The file format is jieba's (``term idf`` per line), so either kind of table can be
used by other tools; speechkit adds ``#`` comment lines naming the default IDF for
unseen terms and how the table was built.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..errors import SpeechkitError
from ..resource_files import read_text_file
from .terms import DEFAULT_POS, corpus_units

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..segment import Tokenizer
    from ..speech import Speech

_HEADER = "# speechkit IDF table"


def _identity(document):
    """Analyzer for pre-tokenised documents (module level so vectorizers pickle)."""
    return document


def tfidf_vectorizer(**options):
    """A scikit-learn ``TfidfVectorizer`` for documents given as lists of terms."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_identity, lowercase=False, **options)


@dataclass(frozen=True)
class IdfTable:
    """Inverse document frequencies of terms.

    Attributes
    ----------
    idf : Mapping of str to float
    default : float
        IDF given to a term missing from the table.
    documents : int or None
        Number of documents the table was built from (None if unknown).
    source : str
        Where the table comes from (``jieba``, ``corpus:speech`` ...).
    """

    idf: Mapping[str, float]
    default: float
    documents: int | None = None
    source: str = "user"

    def __getitem__(self, term: str) -> float:
        return self.idf.get(term, self.default)

    def __len__(self) -> int:
        return len(self.idf)

    @property
    def warning(self) -> str | None:
        """A one-line warning when the table cannot tell terms apart: built from one
        document, every term it holds has the same IDF."""
        if self.documents != 1:
            return None
        return ("warning: the IDF of one document is meaningless (every term gets the same value): "
                "build the table from many speeches, or from one speech's paragraphs with --unit paragraph")

    @classmethod
    def from_documents(cls, documents: Sequence[Sequence[str]], source: str = "user") -> "IdfTable":
        """Build a table from documents given as lists of terms.

        The IDF is scikit-learn's smoothed ``ln((1 + N) / (1 + df)) + 1``, the same as
        corpus TF-IDF uses; an unseen term gets the IDF of ``df = 0``.
        """
        import math

        documents = [d for d in documents if d]
        if not documents:
            raise SpeechkitError("cannot build an IDF table: no document has any content term")
        vectorizer = tfidf_vectorizer().fit(documents)
        terms = vectorizer.get_feature_names_out()
        idf = {str(t): float(v) for t, v in zip(terms, vectorizer.idf_)}
        n = len(documents)
        return cls(MappingProxyType(idf), math.log(1 + n) + 1, n, source)

    @classmethod
    def from_corpus(cls, speeches: Speech | Corpus | Sequence[Speech], unit: str = "speech", pos: Sequence[str] | None = DEFAULT_POS, tokenizer: Tokenizer | None = None) -> "IdfTable":
        """Build a table from a corpus; documents are its speeches (or their
        sections, paragraphs or sentences: ``unit``)."""
        units = corpus_units(speeches, unit, pos, tokenizer)
        return cls.from_documents([u.words for u in units], source=f"corpus:{unit}")

    def save(self, path: str | Path) -> Path:
        """Write the table in jieba's format (``term idf`` per line, sorted by term)."""
        path = Path(path)
        lines = [
            f"{_HEADER}: source={self.source} documents={self.documents if self.documents is not None else ''}",
            f"# default={self.default!r}",
        ]
        lines += [f"{term} {value!r}" for term, value in sorted(self.idf.items())]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        except OSError as exc:
            raise SpeechkitError(f"{path}: cannot write the IDF table ({exc.strerror})") from None
        return path

    @classmethod
    def load(cls, path: str | Path) -> "IdfTable":
        """Read a table written by :meth:`save`, or any jieba-format IDF file (whose
        unseen terms then get the median IDF, as jieba does)."""
        return _read_table(Path(path), source=str(path))


def _read_table(path: Path, source: str) -> IdfTable:
    lines = read_text_file(path, what="IDF table").splitlines()
    default = documents = None
    body = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#"):
            default, documents = _parse_comment(stripped, default, documents)
        elif stripped:
            body.append(stripped)
    # One split of the whole table: jieba's has 270,000 lines.
    fields = " ".join(body).split()
    try:
        if len(fields) != 2 * len(body):
            raise ValueError
        idf = dict(zip(fields[::2], map(float, fields[1::2])))
    except ValueError:
        raise SpeechkitError(_first_bad_line(path, lines)) from None
    if not idf:
        raise SpeechkitError(f"{path}: IDF table has no entries")
    if default is None:
        default = statistics.median(idf.values())
    return IdfTable(MappingProxyType(idf), default, documents, source)


def _first_bad_line(path: Path, lines: list[str]) -> str:
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        try:
            if len(parts) != 2:
                raise ValueError
            float(parts[1])
        except ValueError:
            return f"{path}:{number}: expected 'term idf', got {line.strip()[:40]!r}"
    return f"{path}: not an IDF table"


def _parse_comment(line: str, default, documents):
    for part in line.lstrip("#").split():
        key, _, value = part.partition("=")
        if key == "default" and value:
            default = float(value)
        elif key == "documents" and value.isdigit():
            documents = int(value)
    return default, documents


def jieba_idf_path() -> Path:
    """Path of the IDF table bundled with the jieba package (found without importing it)."""
    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise SpeechkitError("jieba is not installed: its IDF table is needed for single-speech TF-IDF (pip install jieba)")
    path = Path(spec.origin).parent / "analyse" / "idf.txt"
    if not path.is_file():
        raise SpeechkitError(f"{path}: jieba's IDF table is missing")
    return path


@lru_cache(maxsize=1)
def jieba_idf() -> IdfTable:
    """jieba's general-language IDF table (read once per process; immutable)."""
    return _read_table(jieba_idf_path(), source="jieba")
