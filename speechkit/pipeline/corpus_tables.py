"""The corpus tables of ``speechkit analyze``.

Everything here is built from the per-speech results (:class:`~speechkit.result.SpeechResult`)
and the speeches' metadata: no text is read, nothing is segmented or extracted again.
Counts by year are reduced from mergeable per-speech partials
(:mod:`speechkit.analysis.aggregates`). The tables by year are built for the whole corpus,
or for each group of a grouping (:mod:`speechkit.analysis.grouping`). The graphs, the topic
model and the pictures drawn from these are in :mod:`speechkit.pipeline.artefacts`.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.aggregates import Tally, TallyReading, results_tally
from ..analysis.grouping import Grouping, resolve_grouping, stack_groups
from ..analysis.keyness import reference_year
from ..analysis.records import records_speech_tables
from ..analysis.speech_tables import FREQUENCIES, SpeechTable, corpus_frame, speech_sizes
from ..render.tables import SPEECH_RECORDS, SpeechRecordsWriter
from ..render.writers import DEFAULT_TABLE_FORMATS, TableWriter, write_frame, write_json
from ..results import Results

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from ..analysis.by_group.compare import Comparison
    from ..analysis.frequencies import Dispersion, PooledDispersion
    from ..analysis.passes import Consumer
    from ..analysis.speech_tables import Chunk
    from ..analysis.trends import TermTrends
    from ..corpus import Corpus
    from ..result import SpeechResult
    from .options import AnalysisOptions

# The tables by year keyed by their index (the others are long tables).
INDEXED_BY_YEAR = ("categories_by_year", "slogans_by_year", "slogan_rates_by_year", "compare_similarity")


@dataclass
class YearTables:
    """The tables by year of the whole corpus or of one group, with what their pictures
    need: the merged counts, the comparison of the years and the keywords of each year."""

    tally: Tally
    frames: dict = field(default_factory=dict)
    comparison: Comparison | None = None
    new_and_dropped: dict = field(default_factory=dict)
    keywords_by_year: dict = field(default_factory=dict)
    # Each year's word-cloud weights: (what they are, ``keyness`` or ``frequency``; {term: weight}).
    cloud_weights: dict = field(default_factory=dict)
    # The reference year of the keyness tables, or None: each year against the rest.
    reference: int | None = None


@dataclass
class CorpusTables:
    """The corpus tables by name, the merged counts and the tables by year of the corpus
    (key None) or of each group (keyed by its label)."""

    frames: dict = field(default_factory=dict)
    indexed: set = field(default_factory=set)
    # The tables with rows per speech, written a chunk of ``results`` at a time, never held whole.
    speech_tables: list[SpeechTable] = field(default_factory=list)
    results: Results | None = None
    tally: Tally = field(default_factory=Tally)
    warnings: list[str] = field(default_factory=list)
    grouping: Grouping = field(default_factory=Grouping)
    years: dict[str | None, YearTables] = field(default_factory=dict)
    # The slogans new and dropped, a row per slogan and change (CSV, Parquet; the JSON keeps the years' lists).
    new_and_dropped: pd.DataFrame | None = None
    # Each speech's speech_sizes, read while the tables with rows per speech are written (for the report).
    sizes: list[tuple[int, int, int, int]] = field(default_factory=list)
    # The files of the tables with rows per speech once written (by the run's one reading of the results), else None.
    speech_files: list[Path] | None = None
    # The data of the dispersion chart in its lanes, when the run's one reading of the results made it (see base_tables).
    dispersion: pd.DataFrame | None = None
    # The corpus's trend terms once ranked within its longest series (see artefacts.corpus_term_trends), else None.
    term_trends: TermTrends | None = None

    def add(self, name: str, frame, index: bool = False) -> None:
        self.frames[name] = frame
        if index:
            self.indexed.add(name)

    def write(self, folder: Path, safe_csv: bool = True, formats: Sequence[str] = DEFAULT_TABLE_FORMATS, *,
              speech_records: Path | None = None) -> list[Path]:
        """Write every table in each of ``formats`` (CSV, JSON, Parquet) into ``folder``
        (``safe_csv``: see :mod:`speechkit.render.writers`), and the speeches' records as
        JSON Lines into ``speech_records`` if given (see :meth:`write_speech_tables`)."""
        written = self.write_speech_tables(folder, safe_csv, formats, speech_records=speech_records)
        for name, frame in self.frames.items():
            written += write_frame(frame, folder / f"{name}.csv", index=name in self.indexed, safe_csv=safe_csv, formats=formats)
        # A row per slogan and change for spreadsheets and Parquet; the JSON keeps the by-year form (by group and year).
        changes = {label: years.new_and_dropped for label, years in self.years.items()}
        flat = [name for name in formats if name != "json"]
        if any(changes.values()) and flat and self.new_and_dropped is not None:
            written += write_frame(self.new_and_dropped, folder / "slogans_new_and_dropped.csv", safe_csv=safe_csv,
                                   formats=flat)
        if "json" in formats:
            by_year = {label: {str(y): v for y, v in change.items()} for label, change in changes.items()}
            data = by_year if self.grouping.by else by_year.get(None, {})
            written.append(write_json(data, folder / "slogans_new_and_dropped.json"))
        return written

    def write_speech_tables(self, folder: Path, safe_csv: bool = True, formats: Sequence[str] = DEFAULT_TABLE_FORMATS,
                            *, speech_records: Path | None = None) -> list[Path]:
        """Write the tables with rows per speech (:attr:`speech_tables`) into ``folder``, and
        the speeches' records (:func:`~speechkit.render.tables.write_speech_records`) into
        ``speech_records`` if given, from one reading of :attr:`results` in order, a chunk at a
        time (:class:`SpeechTablesWriting`); nothing again when they were written already
        (:attr:`speech_files`, by the reading :func:`base_tables` shares with other tables)."""
        from ..analysis.passes import read_once

        if self.results is None:
            return []
        if self.speech_files is not None:
            return list(self.speech_files)
        with SpeechTablesWriting(self, folder, safe_csv, formats, speech_records=speech_records) as writing:
            return read_once(self.results, [writing])[0]


class SpeechTablesWriting:
    """The tables with rows per speech of ``tables`` (:attr:`CorpusTables.speech_tables`) and
    the speeches' records written as a consumer of one reading of the results
    (:func:`~speechkit.analysis.passes.read_once`), a chunk at a time: however many the
    speeches, only a chunk's results and rows are held. Once finished, the table ``corpus``,
    whose columns are the whole corpus's metadata, is made from the sizes read on the way and
    kept in ``tables`` (written with the others), with the sizes (:attr:`CorpusTables.sizes`,
    the report's list of speeches) and the files written (:attr:`CorpusTables.speech_files`).
    The files are complete once it is finished; ``with`` lets them go unfinished on an error.
    """

    def __init__(self, tables: CorpusTables, folder: Path, safe_csv: bool = True,
                 formats: Sequence[str] = DEFAULT_TABLE_FORMATS, *, speech_records: Path | None = None):
        self.tables = tables
        self.sizes: list[tuple[int, int, int, int]] = []
        self._stack = ExitStack()
        with ExitStack() as opening:
            opening.enter_context(self._stack)  # a file that fails to open lets the others go
            self.writers = [self._stack.enter_context(TableWriter(folder / f"{table.name}.csv", safe_csv, formats=formats))
                            for table in tables.speech_tables]
            self.records = (self._stack.enter_context(SpeechRecordsWriter(speech_records))
                            if speech_records is not None else None)
            opening.pop_all()

    def add(self, chunk: Chunk) -> None:
        self.sizes += speech_sizes(chunk)
        for table, writer in zip(self.tables.speech_tables, self.writers):
            rows = table.rows(chunk)
            writer.write(rows.reset_index() if table.index else rows)
        if self.records is not None:
            self.records.write(chunk)

    def finish(self) -> list[Path]:
        self._stack.close()
        self.tables.add("corpus", corpus_frame(self.tables.results.corpus, self.sizes))
        self.tables.sizes = self.sizes
        self.tables.speech_files = ([path for writer in self.writers for path in writer.paths]
                                    + ([self.records.path] if self.records is not None else []))
        return list(self.tables.speech_files)

    def __enter__(self) -> "SpeechTablesWriting":
        return self

    def __exit__(self, kind, error, trace) -> None:
        self._stack.__exit__(kind, error, trace)


def build_tables(corpus: Corpus, results: Results | Sequence[SpeechResult], options: AnalysisOptions,
                 grouping: Grouping | None = None) -> CorpusTables:
    """Every corpus table of a run, from the per-speech results and the metadata, each by
    the public function of the analysis layer that gives it (the same table from the
    Python API); a long table of each registered extractor's records.

    ``grouping`` (default: :func:`~speechkit.analysis.grouping.resolve_grouping` of
    ``options.group_by``) splits the tables by year (the figures and targets, read from the
    texts, are in :mod:`speechkit.pipeline.measures`). The tables of the whole corpus are
    those of :func:`base_tables`, the tables by year of each group those of :func:`year_tables`
    (built apart when a run shares them out, then added by :func:`add_year_tables`).
    """
    results = results if isinstance(results, Results) else Results(corpus, tuple(results))
    return add_year_tables(base_tables(corpus, results, options, grouping), results, options)


def base_tables(corpus: Corpus, results: Results, options: AnalysisOptions, grouping: Grouping | None = None, *,
                out: Path | None = None, also: Sequence[Consumer] = ()) -> CorpusTables:
    """The corpus tables of :func:`build_tables` but the tables by year, and its warnings.

    The tables that read every result are made from one reading of them
    (:func:`~speechkit.analysis.passes.read_once`), which feeds ``also`` too (the run's
    measures, say). With ``out`` (a run's output folder) that reading also writes the tables
    with rows per speech into ``out/tables`` and the speeches' records
    (:meth:`CorpusTables.write_speech_tables` then writes nothing again) and makes the data of
    the dispersion chart (:attr:`CorpusTables.dispersion`).
    """
    from ..analysis.by_group.structure import SECTIONS
    from ..analysis.categories.tables import speech_categories_table
    from ..analysis.keywords import TfidfKeywords
    from ..analysis.passes import read_once
    from ..corpus import ungrouped, ungrouped_warning
    from .extractors import EXTRACTORS

    if grouping is None:
        grouping = resolve_grouping(corpus, options.group_by, pool=options.pool)
    tables = CorpusTables(tally=results_tally(results), grouping=grouping, results=results)
    # Written from one reading of the results (write_speech_tables), as the Python functions give them.
    tables.speech_tables = [
        FREQUENCIES,
        *records_speech_tables({extractor.name: extractor.columns for extractor in EXTRACTORS}),
        SECTIONS,
        speech_categories_table(),
    ]
    # Undated documents are left out of every table and chart by year, those without a group kept apart: say so.
    warnings = [
        ungrouped_warning(ungrouped(corpus, "year")),
        grouping.warning(),
        grouping.mixture_warning(),
        reference_group_warning(corpus, grouping, options.reference_group),
    ]
    keywords = TfidfKeywords(results, top=options.top_keywords) if len(corpus) > 1 else None
    # Only asked terms are counted: without --terms no result is read for them.
    asked = _MissingTerms(options.trend_terms) if options.trend_terms else None
    spread = _dispersion_reading(corpus, tables, options) if out is not None and results.years() else None
    with ExitStack() as stack:
        written = None if out is None else stack.enter_context(SpeechTablesWriting(
            tables, out / "tables", options.safe_csv, options.table_formats, speech_records=out / SPEECH_RECORDS))
        read_once(results, [c for c in (keywords, asked, written, spread) if c is not None] + list(also))
    tables.warnings = [w for w in (*warnings, asked.finish() if asked is not None else None) if w]
    if keywords is not None:
        tables.add("keywords_tfidf", keywords.finish())
    if spread is not None:
        tables.dispersion = spread.finish()
    return tables


class _MissingTerms:
    """The warning naming the terms asked with ``--terms`` that no speech says, as a consumer
    of one reading of the results (:func:`~speechkit.analysis.passes.read_once`)."""

    def __init__(self, terms: Sequence[str]):
        self.terms = terms
        self.missing = set(terms)

    def add(self, chunk: Chunk) -> None:
        from ..extract.phrases import missing_terms

        self.missing &= set(missing_terms((result.phrase_counts for _, result in chunk), self.terms))

    def finish(self) -> str | None:
        from ..extract.phrases import missing_terms_warning

        return missing_terms_warning([term for term in self.terms if term in self.missing])


def _dispersion_reading(corpus: Corpus, tables: CorpusTables, options: AnalysisOptions) -> Dispersion | PooledDispersion:
    """The consumer making the data of the run's dispersion chart (see
    :func:`~speechkit.pipeline.artefacts.dispersion_terms`): a row per occurrence when the chart
    has a lane per speech, else counts per lane and stretch, as the chart draws them."""
    from ..analysis.frequencies import Dispersion, PooledDispersion
    from .artefacts import DISPERSION_BINS, dispersion_lanes, dispersion_terms

    terms = dispersion_terms(tables, options)
    lanes, labels, _ = dispersion_lanes(corpus)
    return PooledDispersion(terms, lanes, DISPERSION_BINS) if len(labels) < len(corpus) else Dispersion(terms)


def year_groups(results: Results, grouping: Grouping) -> dict[str | None, Results]:
    """The results the tables by year are built of: of the whole corpus (key None) or of each
    group of ``grouping`` with a dated speech (keyed by its label); none without a year."""
    if not results.years():
        return {}
    if grouping.by is None:
        return {None: results}
    parts = {label: results.take(positions) for label, positions in grouping.groups.items()}
    return {label: part for label, part in parts.items() if part.years()}


def add_year_tables(tables: CorpusTables, results: Results, options: AnalysisOptions,
                    built: dict[str | None, YearTables] | None = None) -> CorpusTables:
    """``tables`` with the tables by year of each of :func:`year_groups` (``built`` already,
    else built here by :func:`year_tables`), stacked by group, and the slogans new and dropped."""
    from ..analysis.by_group.slogans import slogans_new_and_dropped

    grouping = tables.grouping
    if built is None:
        built = {label: year_tables(part, options) for label, part in year_groups(results, grouping).items()}
    tables.years = built
    for name in dict.fromkeys(name for years in tables.years.values() for name in years.frames):
        frames = {label: years.frames[name] for label, years in tables.years.items() if name in years.frames}
        indexed = name in INDEXED_BY_YEAR
        tables.add(name, frames[None] if grouping.by is None else stack_groups(frames, grouping.by, indexed), indexed)
    if tables.years:
        # The run's grouping exactly: split by its column, else kept whole.
        tables.new_and_dropped = slogans_new_and_dropped(results, by=grouping.by, pool=grouping.by is None)
    return tables


def year_tables(results: Results, options: AnalysisOptions) -> YearTables:
    """The tables by year of a corpus with dated speeches (the whole corpus, or one group)
    from its results, each by the public function that gives it (on these results alone,
    not split again); the two that read every result, categories and structure by year,
    from one reading of them as their consumers."""
    from ..analysis.by_group.compare import compare
    from ..analysis.by_group.slogans import new_and_dropped, slogan_rates_by_year, slogans_by_year
    from ..analysis.by_group.structure import SectionStructure
    from ..analysis.categories import default_dictionary
    from ..analysis.categories.tables import PooledCategories
    from ..analysis.passes import read_once
    from ..corpus import ungrouped
    from ..analysis.keyness import group_rankings
    from ..analysis.keywords import keyness_by_year, keywords_by_year

    years = results.years()
    officialese = options.officialese_words()
    # The tables here that read every result, from one reading (as categories_by_year and
    # structure_by_year give them with pool=True: these results are not split again), with the
    # group's counts by year when the map did not merge them (a group's part of the results).
    counted = None if ("tally", "year") in results.memos() else TallyReading()
    categories, structure, *_ = read_once(results, [PooledCategories(results.speeches, default_dictionary().names),
                                                    SectionStructure(results.corpus), *filter(None, [counted])])
    tally = results_tally(results) if counted is None else results.memo(("tally", "year"), counted.finish)
    tables = YearTables(tally, reference=reference_year(options.reference_group, years))
    tables.frames["categories_by_year"] = categories
    timeline = slogans_by_year(results, pool=True)
    tables.frames["slogans_by_year"] = timeline
    tables.frames["slogan_rates_by_year"] = slogan_rates_by_year(results, pool=True)
    tables.new_and_dropped = new_and_dropped(timeline)
    structure.attrs["ungrouped"] = ungrouped(results.corpus, "year")
    tables.frames["structure_by_year"] = structure
    comparison = compare(results, pool=True)
    tables.comparison = comparison
    tables.frames["compare_rates"] = comparison.rates
    tables.frames["compare_changes"] = comparison.changes
    tables.frames["compare_similarity"] = comparison.similarity
    frequencies = {year: counts for year, counts in tally.table("frequency").items() if year is not None}
    rankings = group_rankings(frequencies, weight=options.weight, reference=tables.reference, exclude=officialese)
    tables.cloud_weights = {year: (weight, {k.term: k.score for k in ranked}) for year, (weight, ranked) in rankings.items()}
    if len(years) > 1:
        chosen = {"reference_group": options.reference_group, "officialese": officialese}
        by_year = keywords_by_year(results, pool=True, top=options.top_keywords, weight=options.weight, **chosen)
        tables.frames["keywords_by_year"] = by_year
        tables.keywords_by_year = {
            year: group[["term", "score"]].to_dict("records") for year, group in by_year.groupby("year", sort=True)
        }
        tables.frames["keyness_by_year"] = keyness_by_year(results, pool=True, **chosen)
    return tables


def reference_group_warning(corpus: Corpus, grouping: Grouping, reference_group: str | None) -> str | None:
    """One line naming the groups without the year ``--reference-group`` names (their years
    are compared with the rest of the group), or None.

    Raises
    ------
    SpeechkitError
        When no speech has that year.
    """
    from ..errors import SpeechkitError

    if reference_group is None:
        return None
    if reference_year(reference_group, corpus.years()) is None:
        have = ", ".join(str(year) for year in corpus.years())
        raise SpeechkitError(f"--reference-group: no speech of the year {reference_group} (have: {have})")
    lacking = [label for label, positions in grouping.groups.items() if grouping.by is not None
               and reference_year(reference_group, {corpus[i].year for i in positions}) is None]
    if not lacking:
        return None
    return (f"warning: --reference-group {reference_group}: {grouping.by} {', '.join(lacking)} has no document of that year; "
            "its years are compared with the rest of the group")
