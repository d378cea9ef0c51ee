"""Write a document-term matrix for R (quanteda, stm) and other tools: Matrix Market
and two CSV files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeechkitError

if TYPE_CHECKING:
    from ..analysis.dtm import DocumentTermMatrix

MATRIX_FILE = "matrix.mtx"
VOCABULARY_FILE = "vocabulary.csv"
DOCVARS_FILE = "docvars.csv"


def write_dtm(dtm: DocumentTermMatrix, folder: str | Path) -> list[Path]:
    """Write ``dtm`` into ``folder`` as ``matrix.mtx`` (Matrix Market, documents × terms),
    ``vocabulary.csv`` (column ``term``, one row per matrix column) and ``docvars.csv``
    (one row per matrix row, ``doc_id`` first), all UTF-8.

    In R: ``m <- Matrix::readMM("matrix.mtx")``, ``dimnames(m) <- list(docvars$doc_id,
    vocabulary$term)``, then ``quanteda::as.dfm(m)`` (see the README). The CSV cells are
    written raw (no spreadsheet guard), as R and pandas read them.

    Parameters
    ----------
    dtm : DocumentTermMatrix
        ``Corpus.dtm()``.
    folder : str or Path
        Created if missing; the three files are overwritten.

    Returns
    -------
    list of Path
        The three files written.
    """
    import pandas as pd
    import scipy.io

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SpeechkitError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    paths = [folder / MATRIX_FILE, folder / VOCABULARY_FILE, folder / DOCVARS_FILE]
    scipy.io.mmwrite(paths[0], dtm.matrix, field="integer")
    pd.DataFrame({"term": dtm.vocabulary}).to_csv(paths[1], index=False, lineterminator="\n")
    dtm.docvars.to_csv(paths[2], index=False, lineterminator="\n")
    return paths
