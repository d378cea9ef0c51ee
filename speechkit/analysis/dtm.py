"""The document-term matrix: content-term counts per speech or per paragraph, for
scikit-learn, or for R's quanteda and stm (see :func:`speechkit.render.dtm.write_dtm`).

A term is what every other analysis counts (:mod:`speechkit.analysis.terms`): the same
tokenizer, stopwords and POS filter, so the matrix agrees with the keyword and topic tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..errors import SpeechkitError
from .terms import DEFAULT_POS, TermUnit, iter_term_units

if TYPE_CHECKING:
    import pandas as pd
    import scipy.sparse

    from ..corpus import Corpus
    from ..segment import Tokenizer

DTM_UNITS = ("speech", "paragraph")
# The most frequent terms a display names.
SHOWN_TERMS = 8


class DocumentTermMatrix(NamedTuple):
    """Counts of each term in each document; unpacks as ``matrix, vocabulary, docvars``.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Documents × terms, integer counts.
    vocabulary : list of str
        The term of each column, sorted.
    docvars : pandas.DataFrame
        One row per matrix row: ``doc_id`` first, then (for paragraphs) ``speech``,
        ``paragraph``, ``start``, ``end``, then the speech's document variables.
    """

    matrix: scipy.sparse.csr_matrix
    vocabulary: list[str]
    docvars: pd.DataFrame

    def __repr__(self) -> str:
        from ..display import text_summary

        return text_summary(self._headline(), {"docvars": self.docvars})

    def _repr_html_(self) -> str:
        from ..display import html_summary

        return html_summary(self._headline(), {"docvars": self.docvars})

    def _headline(self) -> str:
        """One line: the shape and the most frequent terms with their counts."""
        rows, columns = self.matrix.shape
        totals = self.matrix.sum(axis=0).A1
        top = sorted(range(columns), key=lambda j: (-totals[j], self.vocabulary[j]))[:SHOWN_TERMS]
        shown = ", ".join(f"{self.vocabulary[j]} {int(totals[j])}" for j in top)
        return f"DocumentTermMatrix({rows} documents × {columns} terms, {self.matrix.nnz} non-zero; most frequent: {shown})"


def _unit_words(unit: TermUnit) -> list[str]:
    """The analyzer of the vectorizer: a unit's terms are already counted out."""
    return unit.words


def document_term_matrix(corpus: Corpus, *, by: str = "speech", pos: Sequence[str] | None = DEFAULT_POS,
                         tokenizer: Tokenizer | None = None) -> DocumentTermMatrix:
    """Count the content terms of each speech (or paragraph) of ``corpus``.

    Parameters
    ----------
    corpus : Corpus
    by : {"speech", "paragraph"}
        One row per speech, or per paragraph (non-blank line) of each speech. Every
        speech or paragraph has its row, even one without terms.
    pos : sequence of str or None
        POS filter of the terms (:func:`speechkit.analysis.terms.pos_matcher`); the
        default keeps nouns, verbs, verbal nouns and abbreviations as the keyword and
        topic tables do; ``None`` keeps every content token.
    tokenizer : Tokenizer, optional
        Segmentation and stopwords; default: the process-wide tokenizer.

    Returns
    -------
    DocumentTermMatrix
        ``(matrix, vocabulary, docvars)``; the columns are in sorted term order.
    """
    import pandas as pd
    from sklearn.feature_extraction.text import CountVectorizer

    if by not in DTM_UNITS:
        raise SpeechkitError(f"dtm: by={by!r}; choose one of {', '.join(DTM_UNITS)}")
    units = [unit for speech in corpus for unit in iter_term_units(speech, by, pos, tokenizer, keep_empty=True)]
    speeches = corpus.docvars()
    if by == "speech":
        docvars = speeches.rename(columns={"id": "doc_id"})
    else:
        layout = pd.DataFrame(
            [{"doc_id": f"{u.speech}.{u.index + 1}", "speech": u.speech, "paragraph": u.index + 1, "start": u.start,
              "end": u.end} for u in units],
            columns=["doc_id", "speech", "paragraph", "start", "end"],
        )
        docvars = layout.merge(speeches.rename(columns={"id": "speech"}), on="speech", how="left", validate="many_to_one")
    if not any(unit.terms for unit in units):
        import scipy.sparse

        # The vectorizer refuses an empty vocabulary; a corpus without terms has a matrix with no column.
        return DocumentTermMatrix(scipy.sparse.csr_matrix((len(units), 0), dtype="int64"), [], docvars)
    vectorizer = CountVectorizer(analyzer=_unit_words)
    matrix = vectorizer.fit_transform(units).tocsr()
    return DocumentTermMatrix(matrix, vectorizer.get_feature_names_out().tolist(), docvars)
