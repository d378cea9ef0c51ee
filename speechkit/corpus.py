"""The Corpus: many speeches with their document variables."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SpeechkitError
from .speech import STANDARD_VARIABLES, Speech, docvars_frame, set_texts_aside

if TYPE_CHECKING:
    import pandas as pd

    from .analysis.by_group.compare import Comparison
    from .analysis.dtm import DocumentTermMatrix
    from .pipeline.options import AnalysisOptions
    from .results import Results
    from .segment import Tokenizer


def group_key(speech: Speech, by: str = "year"):
    """The group of a speech under ``by``: ``speech`` (its id), ``year``, ``speaker``,
    ``org`` or any manifest / front-matter column (``kind``, ``level`` …).

    A blank value counts as missing: the speech has no group (None).
    """
    value = speech.id if by == "speech" else speech.meta.get(by)
    if isinstance(value, str):
        value = value.strip() or None
    return value


def variable_names(speeches: Iterable[Speech]) -> set[str]:
    """The variables the speeches have values for (``speech`` always: the id)."""
    names = {"speech"}
    for speech in speeches:
        meta = speech.meta
        names.update(n for n in ("year", "title", "date", "speaker", "org") if getattr(meta, n) is not None)
        names.update(meta.extra)
    return names


def variables_hint(speeches: Iterable[Speech]) -> str:
    """The variables the speeches have values for, as a short hint for an error message."""
    return "variables: " + ", ".join(sorted(variable_names(speeches)))


def group_order(key) -> tuple:
    """Sort key of group keys: missing last, years and other numbers in numeric order."""
    return key is None, str(key).zfill(12)


class Corpus(Sequence):
    """An ordered collection of speeches plus the files that could not be read.

    Attributes
    ----------
    speeches : list of Speech
    skipped : list of Skipped
        Files that were found but not read, each with the reason.
    root : Path or None
        The folder the corpus was read from.
    """

    def __init__(self, speeches: Sequence[Speech], skipped=(), root: Path | None = None):
        self.speeches = list(speeches)
        self.skipped = list(skipped)
        self.root = root

    def __getitem__(self, index):
        """One speech, or for a slice (``corpus[2:5]``) a Corpus of those speeches."""
        if isinstance(index, slice):
            return self._with(self.speeches[index])
        return self.speeches[index]

    def _with(self, speeches: Sequence[Speech]) -> "Corpus":
        """A corpus of ``speeches`` (a part of this one) read from the same folder, with the
        same skipped files: what was not read stays reported."""
        return Corpus(speeches, skipped=self.skipped, root=self.root)

    def with_texts_aside(self, path: Path) -> "Corpus":
        """This corpus with its texts kept in the new file ``path`` rather than in memory, each
        read back when asked for (see :func:`~speechkit.speech.set_texts_aside`).

        Parameters
        ----------
        path : Path
            The file to write, which must not exist yet.

        Returns
        -------
        Corpus
        """
        return self._with(set_texts_aside(self.speeches, path))

    def __len__(self) -> int:
        return len(self.speeches)

    def __iter__(self) -> Iterator[Speech]:
        return iter(self.speeches)

    def __repr__(self) -> str:
        from .display import text_summary

        return text_summary(self._summary(), {"": self._shown()})

    def _repr_html_(self) -> str:
        from .display import html_summary

        return html_summary(self._summary(), {"": self._shown()})

    def _summary(self) -> str:
        """One line: counts, the years covered and the folder."""
        years = self.years()
        span = f", years {years[0]}–{years[-1]}" if years else ""
        root = f", from {self.root}" if self.root is not None else ""
        return f"Corpus({len(self.speeches)} speeches, {len(self.skipped)} skipped){span}{root}"

    def _shown(self) -> pd.DataFrame:
        """The document variables a display shows the first rows of (no file paths)."""
        return self.docvars().drop(columns="file")

    def years(self) -> list[int]:
        """The distinct years of the speeches, sorted.

        Returns
        -------
        list of int
        """
        return sorted({s.year for s in self.speeches if s.year is not None})

    def groups(self, by: str = "year") -> dict:
        """Speeches grouped by :func:`group_key`, in sorted key order (None last).

        Parameters
        ----------
        by : str
            A document variable (``year``, ``speaker``, a manifest column).

        Returns
        -------
        dict
            Group value to the list of its speeches.
        """
        grouped: dict = {}
        for speech in self.speeches:
            grouped.setdefault(group_key(speech, by), []).append(speech)
        return dict(sorted(grouped.items(), key=lambda kv: group_order(kv[0])))

    def to_frame(self, sizes: Sequence[tuple[int, int]] | None = None):
        """Document variables as a pandas DataFrame, one row per speech.

        ``sizes`` gives each speech's ``(characters, paragraphs)`` when known (the
        pipeline's results), so the texts need not be read.

        Parameters
        ----------
        sizes : sequence of (int, int), optional
            As above.

        Returns
        -------
        pandas.DataFrame
            :meth:`docvars` with ``characters`` and ``paragraphs``.
        """
        if sizes is None:
            sizes = [(len(speech.text), len(speech.paragraphs)) for speech in self.speeches]
        extra = [{"characters": characters, "paragraphs": paragraphs} for characters, paragraphs in sizes]
        return self.docvars(extra)

    def docvars(self, extra: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
        """The document variables alone (no text sizes): ``id``, ``file``, ``title``,
        ``year`` (nullable integer), ``date``, ``speaker``, ``org`` and every manifest or
        front-matter column; ``extra`` adds columns per speech.

        Parameters
        ----------
        extra : sequence of mapping, optional
            Further columns, one mapping per speech in corpus order.

        Returns
        -------
        pandas.DataFrame
        """
        return docvars_frame(self.speeches, extra)

    def subset(self, **docvars) -> "Corpus":
        """The speeches whose document variables have the given values (quanteda's
        ``corpus_subset``).

        Parameters
        ----------
        **docvars
            Variable name to a value (equality) or to a collection of allowed values
            (a list, set, tuple or range): ``corpus.subset(kind="govreport",
            year=range(2013, 2019))``. ``speech`` names the speech id. A manifest's
            values are text; a number given for one matches its text (``level=1``
            matches ``"1"``).

        Returns
        -------
        Corpus

        Raises
        ------
        SpeechkitError
            For a variable no speech has, naming the variables there are.
        """
        known = variable_names(self.speeches) | set(STANDARD_VARIABLES[2:])
        unknown = sorted(set(docvars) - known)
        if unknown:
            raise SpeechkitError(f"subset: unknown variable {', '.join(unknown)}; {variables_hint(self.speeches)}")
        allowed = {name: _allowed_values(value) for name, value in docvars.items()}
        return self._with([
            speech for speech in self.speeches
            if all(_is_allowed(group_key(speech, name), values) for name, values in allowed.items())
        ])

    def query(self, expr: str) -> "Corpus":
        """The speeches whose document variables satisfy ``expr``, in pandas query syntax
        (:meth:`pandas.DataFrame.query`) over :meth:`docvars`.

        ``corpus.query("kind == 'govreport' and 2013 <= year <= 2018")``. ``speech`` (as
        ``id``) names the speech id; a manifest column whose every value is a number is
        compared as numbers. A speech without a value for a variable (NA) is left out.

        Parameters
        ----------
        expr : str
            The expression.

        Returns
        -------
        Corpus

        Raises
        ------
        SpeechkitError
            For an unknown variable or an expression that does not parse or does not give
            true or false for each speech; the message names the variables there are.
        """
        import pandas as pd

        frame = _queryable(self.docvars())
        try:
            mask = frame.eval(expr)
            if not isinstance(mask, pd.Series) or not (pd.api.types.is_bool_dtype(mask) or mask.isna().all()):
                raise ValueError("it does not give true or false for each speech")
        except Exception as exc:  # pandas raises many kinds (SyntaxError, UndefinedVariableError, TypeError …)
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise SpeechkitError(f"query {expr!r}: {reason}; {variables_hint(self.speeches)}") from None
        keep = mask.fillna(False).astype(bool).tolist()
        return self._with([speech for speech, kept in zip(self.speeches, keep) if kept])

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, text: str = "text", docvars: Sequence[str] | None = None,
                   id: str | None = None) -> "Corpus":
        """A corpus of the rows of a pandas DataFrame, one speech per row.

        Parameters
        ----------
        frame : pandas.DataFrame
        text : str
            The column of the texts.
        docvars : sequence of str, optional
            The columns that become document variables (default: every column but
            ``text`` and ``id``). ``title``, ``year``, ``date``, ``speaker`` and ``org``
            are read as a ``metadata.csv`` row is (a year must be four digits); what
            they leave empty is inferred from the text's first lines, as for a file.
        id : str, optional
            The column of the speech ids (made unique and safe as file names); default
            ``text1``, ``text2`` … as in quanteda.

        Returns
        -------
        Corpus

        Raises
        ------
        SpeechkitError
            For a missing column, a text that is not a string, or a bad year.
        """
        from .ingest.decode import normalise_newlines
        from .ingest.metadata import infer_metadata, merge_metadata, metadata_from_row
        from .names import safe_file_name, unique_ids

        columns = [str(c) for c in frame.columns]
        if docvars is None:
            docvars = [c for c in frame.columns if c not in (text, id)]
        missing = [c for c in (text, id, *docvars) if c is not None and c not in frame.columns]
        if missing:
            raise SpeechkitError(f"from_frame: no column {', '.join(map(str, missing))}; columns: {', '.join(columns)}")
        names = [f"text{n}" for n in range(1, len(frame) + 1)] if id is None else [_cell(v) for v in frame[id]]
        speeches = []
        for position, (name, body, values) in enumerate(zip(names, frame[text], frame[list(docvars)].itertuples(index=False))):
            if not isinstance(body, str):
                raise SpeechkitError(f"from_frame: row {position} ({name}): {text!r} is not text ({type(body).__name__})")
            body = normalise_newlines(body)
            row = {str(column): _cell(value) for column, value in zip(docvars, values)}
            meta, problems = metadata_from_row(row)
            if problems:
                raise SpeechkitError(f"from_frame: row {position} ({name}): {'; '.join(problems)}")
            speeches.append(Speech(text=body, meta=merge_metadata(meta, infer_metadata(body, name)), name=name))
        for speech, unique in zip(speeches, unique_ids([[safe_file_name(s.name)] for s in speeches])):
            speech.name = unique
        return cls(speeches)

    def dtm(self, *, by: str = "speech", tokenizer: Tokenizer | None = None, **options) -> DocumentTermMatrix:
        """The document-term matrix of the corpus, one row per speech or per paragraph.

        ``by`` is ``"speech"`` or ``"paragraph"``; ``tokenizer`` segments (default: the
        process-wide one); ``pos=`` filters the terms (see
        :func:`speechkit.analysis.dtm.document_term_matrix`). The result unpacks as
        ``matrix, vocabulary, docvars``; :func:`speechkit.write_dtm` writes it for R.

        Parameters
        ----------
        by : {"speech", "paragraph"}
            The rows.
        tokenizer : Tokenizer, optional
            The segmentation (default: the process-wide one).
        **options
            ``pos=``: the parts of speech kept (see
            :func:`speechkit.analysis.dtm.document_term_matrix`).

        Returns
        -------
        DocumentTermMatrix
        """
        from .analysis.dtm import document_term_matrix

        return document_term_matrix(self, by=by, tokenizer=tokenizer, **options)

    def results(self, options: AnalysisOptions | None = None, *, jobs: int = 1, stream: bool | None = None,
                **values) -> Results:
        """The per-speech results of the corpus: the one input of every corpus table.

        Each speech's result comes from the cache when a run with the same text and options
        stored it, else it is computed (and cached), exactly as ``speechkit analyze`` does.

        Parameters
        ----------
        options : AnalysisOptions, optional
            The options of the results (segmenter, user dictionaries, ``top_keywords`` …).
        jobs : int
            Worker processes (``1``: in this process).
        stream : bool, optional
            Load each result from the cache when it is read instead of holding them all in
            memory; default: for a corpus of more than 1,000 speeches.
        **values
            Options by name instead of ``options`` (``segmenter="jieba"``,
            ``user_dicts=("my.dict",)``, ``use_cache=False`` …).

        Returns
        -------
        Results
            The speeches' results in corpus order (see :mod:`speechkit.results`).
        """
        from .pipeline.options import AnalysisOptions
        from .pipeline.results import corpus_results

        if values:
            from dataclasses import replace

            options = replace(options or AnalysisOptions(), **values)
        return corpus_results(self, options, jobs=jobs, stream=stream)

    def compare(self, *, by: str | None = None, pool: bool = False, over: str = "year", top: int = 20,
                extras: bool = True, options: AnalysisOptions | None = None) -> Comparison:
        """Compare the years of the corpus (or the groups of any variable, ``over``) from
        its results: the tables ``compare_*`` of ``speechkit analyze``.

        Parameters
        ----------
        by : str, optional
            Compare the years within each group of this column, as ``analyze --group-by``.
        pool : bool
            Compare the years of a corpus that mixes kinds or levels together (``--pool``).
        over : str
            What is compared: ``year``, or ``speaker``, ``org``, a manifest column.
        top : int
            Rising and falling terms kept per group.
        extras : bool
            Also the slogans, structure and metrics tables by the same groups.
        options : AnalysisOptions, optional
            The options of the results (see :meth:`results`).

        Returns
        -------
        Comparison
            See :func:`speechkit.analysis.by_group.compare.compare`.
        """
        from .analysis.by_group.compare import compare

        return compare(self.results(options), by=by, pool=pool, over=over, top=top, extras=extras)

    def slogans(self, kind=None, *, by: str | None = None, pool: bool = False, over: str = "year",
                options: AnalysisOptions | None = None) -> pd.DataFrame:
        """Slogan × year (or ``over`` group) counts with the years of first and last
        appearance, from the corpus's results: the table ``slogans_by_year`` of
        ``speechkit analyze``.

        Parameters
        ----------
        kind : str or list of str, optional
            Keep one kind (or a list of kinds) of ``quoted``, ``numbered``, ``parallel``,
            ``document``; without it the core formulations are kept too.
        by : str, optional
            Split by this column, as ``analyze --group-by``.
        pool : bool
            Keep a corpus that mixes kinds or levels together (``--pool``).
        over : str
            The variable of the columns (``year``, ``speaker``, a manifest column).
        options : AnalysisOptions, optional
            The options of the results (see :meth:`results`).

        Returns
        -------
        pandas.DataFrame
            See :func:`speechkit.analysis.by_group.slogans.slogans_by_year`; pass it to
            :func:`~speechkit.analysis.by_group.slogans.new_and_dropped` for the slogans
            new and dropped each year.
        """
        from .analysis.by_group.slogans import slogans_by_year

        return slogans_by_year(self.results(options), by=by, pool=pool, over=over, kind=kind)


def _allowed_values(value) -> Collection:
    """The values ``subset`` accepts for one variable: a collection as given, else the one value."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Collection):
        return (value,)
    return value


def _is_allowed(found, allowed: Collection) -> bool:
    """Whether a speech's value is one of ``allowed``; a manifest's text value matches a number
    given for it (``"1"`` and ``1``)."""
    if found is None:
        return False
    return found in allowed or (isinstance(found, str) and found in {str(v) for v in allowed if not isinstance(v, str)})


def _queryable(frame: pd.DataFrame) -> pd.DataFrame:
    """The docvars for :meth:`Corpus.query`: ``speech`` names the id, and a column of
    numbers written as text (a manifest's ``level`` 1, 2, 3) holds numbers."""
    import pandas as pd

    frame = frame.assign(speech=frame["id"])
    for column in frame.columns.difference([*STANDARD_VARIABLES, "speech"]):
        if not pd.api.types.is_numeric_dtype(frame[column]):
            try:
                frame[column] = pd.to_numeric(frame[column])
            except (TypeError, ValueError):
                pass  # a column of words stays text
    return frame


def _cell(value) -> str:
    """A DataFrame cell as the text a ``metadata.csv`` would hold: missing values empty,
    a whole float (``2018.0``, from a column with gaps) as an integer, a timestamp as its date."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def ungrouped(speeches: Iterable[Speech], by: str = "year") -> list[str]:
    """Ids of the speeches that have no value for ``by`` (left out of every table by ``by``)."""
    return [speech.id for speech in speeches if group_key(speech, by) is None]


def ungrouped_warning(ids: Sequence[str], by: str = "year", kept_as: str | None = None,
                      where: str = "every table and chart") -> str | None:
    """One line telling which documents ``where`` (the tables) by ``by`` leave out (or,
    with ``kept_as``, put in a group of that name), and how to fix it.

    Returns None when no document lacks a value.

    Examples
    --------
    >>> ungrouped_warning(["party-congress-19"])
    'warning: 1 document has no year and is left out of every table and chart by year (party-congress-19): give it a year column in metadata.csv in the corpus folder'
    >>> ungrouped_warning(["party-congress-19"], "kind", kept_as="(none)")
    'warning: 1 document has no kind and is grouped as (none) in every table and chart by kind (party-congress-19): give it a kind column in metadata.csv in the corpus folder'
    """
    if not ids:
        return None
    count = len(ids)
    noun, verb = ("document", "is") if count == 1 else ("documents", "are")
    shown = ", ".join(ids[:5]) + (f" and {count - 5} more" if count > 5 else "")
    fate = "left out of" if kept_as is None else f"grouped as {kept_as} in"
    return (
        f"warning: {count} {noun} {'has' if count == 1 else 'have'} no {by} and {verb} {fate} {where} "
        f"by {by} ({shown}): give {'it' if count == 1 else 'them'} a {by} column in metadata.csv in the corpus folder"
    )
