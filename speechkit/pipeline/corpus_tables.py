"""The corpus tables of ``speechkit analyze``.

Everything here is built from the per-speech results (:class:`~speechkit.result.SpeechResult`)
and the speeches' metadata: no text is read, nothing is segmented or extracted again.
Counts by year are reduced from mergeable per-speech partials
(:mod:`speechkit.analysis.aggregates`). The tables by year are built for the whole corpus,
or for each group of a grouping (:mod:`speechkit.analysis.grouping`). The graphs, the topic
model and the pictures drawn from these are in :mod:`speechkit.pipeline.artefacts`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.aggregates import REDUCE_CHUNK, Tally, reduce_partials, speech_tally
from ..analysis.grouping import Grouping, resolve_grouping, stack_groups
from ..analysis.records import records_table
from ..render.tables import frequency_frames
from ..render.writers import DEFAULT_TABLE_FORMATS, write_frame, write_frames, write_json
from ..results import Results

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..analysis.by_group.compare import Comparison
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
    # Long tables written piece by piece, never held whole: name -> a function giving the pieces.
    streamed: dict = field(default_factory=dict)
    tally: Tally = field(default_factory=Tally)
    warnings: list[str] = field(default_factory=list)
    grouping: Grouping = field(default_factory=Grouping)
    years: dict[str | None, YearTables] = field(default_factory=dict)

    def add(self, name: str, frame, index: bool = False) -> None:
        self.frames[name] = frame
        if index:
            self.indexed.add(name)

    def write(self, folder: Path, safe_csv: bool = True, formats: Sequence[str] = DEFAULT_TABLE_FORMATS) -> list[Path]:
        """Write every table in each of ``formats`` (CSV, JSON, Parquet) into ``folder``
        (``safe_csv``: see :mod:`speechkit.render.writers`)."""
        from ..analysis.by_group.slogans import new_and_dropped_frame

        written = []
        for name, frame in self.frames.items():
            written += write_frame(frame, folder / f"{name}.csv", index=name in self.indexed, safe_csv=safe_csv, formats=formats)
        for name, pieces in self.streamed.items():
            written += write_frames(pieces(), folder / f"{name}.csv", safe_csv=safe_csv, formats=formats)
        # A row per slogan and change for spreadsheets and Parquet; the JSON keeps the by-year form (by group and year).
        changes = {label: years.new_and_dropped for label, years in self.years.items()}
        flat = [name for name in formats if name != "json"]
        if any(changes.values()) and flat:
            rows = {label: new_and_dropped_frame(change) for label, change in changes.items()}
            frame = rows[None] if self.grouping.by is None else stack_groups(rows, self.grouping.by)
            written += write_frame(frame, folder / "slogans_new_and_dropped.csv", safe_csv=safe_csv, formats=flat)
        if "json" in formats:
            by_year = {label: {str(y): v for y, v in change.items()} for label, change in changes.items()}
            data = by_year if self.grouping.by else by_year.get(None, {})
            written.append(write_json(data, folder / "slogans_new_and_dropped.json"))
        return written


def build_tables(corpus: Corpus, results: list[SpeechResult], options: AnalysisOptions,
                 grouping: Grouping | None = None) -> CorpusTables:
    """Every corpus table of a run, from the per-speech results and the metadata.

    ``grouping`` (default: :func:`~speechkit.analysis.grouping.resolve_grouping` of
    ``options.group_by``) splits the tables by year (the figures and targets, read from the
    texts, are in :mod:`speechkit.pipeline.measures`).
    """
    from ..corpus import ungrouped, ungrouped_warning
    from ..extract.phrases import missing_terms, missing_terms_warning
    from ..analysis.by_group.structure import sections_frame
    from ..analysis.categories import category_table
    from ..analysis.keywords import tfidf_keyword_frame
    from .extractors import EXTRACTORS

    ids = [s.id for s in corpus]
    if grouping is None:
        grouping = resolve_grouping(corpus, options.group_by, pool=options.pool)
    tables = CorpusTables(tally=_year_tally(corpus, results, range(len(results))), grouping=grouping)
    # Undated documents are left out of every table and chart by year, those without a group kept apart: say so.
    tables.warnings = [w for w in (
        ungrouped_warning(ungrouped(corpus, "year")),
        grouping.warning(),
        grouping.mixture_warning(),
        reference_group_warning(corpus, grouping, options.reference_group),
        missing_terms_warning(missing_terms((r.phrase_counts for r in results), options.trend_terms)),
    ) if w]
    sizes = [(r.characters, r.paragraphs.total) for r in results]
    tables.add("corpus", corpus.to_frame(sizes).assign(words=[r.words for r in results]))
    tables.streamed["frequencies"] = functools.partial(frequency_frames, ids, corpus, results)
    for extractor in EXTRACTORS:
        tables.add(extractor.name, records_table(Results(corpus, results), extractor.name, extractor.columns))
    outlines = [r.outline for r in results]
    tables.add("sections", sections_frame(corpus, outlines))
    shares = {sid: r.categories for sid, r in zip(ids, results)}
    tables.add("categories_by_speech", category_table(corpus, by="speech", shares=shares), index=True)
    if len(corpus) > 1:
        documents = [({"speech": s.id, "year": s.year}, r.term_counts()) for s, r in zip(corpus, results)]
        tables.add("keywords_tfidf", tfidf_keyword_frame(documents, options.top_keywords))
    if not corpus.years():
        return tables
    if grouping.by is None:
        tables.years = {None: year_tables(corpus, results, tables.tally, options)}
    else:
        for label, positions in grouping.groups.items():
            members = type(corpus)([corpus[i] for i in positions])
            if members.years():
                tally = _year_tally(corpus, results, positions)
                tables.years[label] = year_tables(members, [results[i] for i in positions], tally, options)
    for name in dict.fromkeys(name for years in tables.years.values() for name in years.frames):
        frames = {label: years.frames[name] for label, years in tables.years.items() if name in years.frames}
        indexed = name in INDEXED_BY_YEAR
        tables.add(name, frames[None] if grouping.by is None else stack_groups(frames, grouping.by, indexed), indexed)
    return tables


def _year_tally(corpus: Corpus, results: list[SpeechResult], positions) -> Tally:
    """The merged partials by year of the speeches at ``positions``, made as they are merged."""
    partials = (speech_tally(results[i], corpus[i].year) for i in positions)
    return reduce_partials(partials, Tally.identity(), chunk=REDUCE_CHUNK)


def year_tables(corpus: Corpus, results: list[SpeechResult], tally: Tally, options: AnalysisOptions) -> YearTables:
    """The tables by year of a corpus with dated speeches (the whole corpus, or one group)
    from its results and its merged partials ``tally``."""
    from ..analysis.by_group.compare import comparison_from_counts
    from ..analysis.by_group.slogans import new_and_dropped, timeline_from_counts, timeline_rates
    from ..analysis.by_group.structure import structure_by_year
    from ..analysis.categories import category_table
    from ..analysis.keyness import group_rankings, grouped_keyness
    from ..analysis.keywords import keyness_keyword_frame

    years = corpus.years()
    officialese = options.officialese_words()
    tables = YearTables(tally, reference=reference_year(options.reference_group, years))
    shares = {s.id: r.categories for s, r in zip(corpus, results)}
    tables.frames["categories_by_year"] = category_table(corpus, by="year", shares=shares)
    timeline = timeline_from_counts(tally.table("slogan"), tally.table("slogan_kind"), years)
    tables.frames["slogans_by_year"] = timeline
    tables.frames["slogan_rates_by_year"] = timeline_rates(timeline, tally.column("characters"))
    tables.new_and_dropped = new_and_dropped(timeline)
    tables.frames["structure_by_year"] = structure_by_year(corpus, outlines=[r.outline for r in results])
    frequencies = {year: counts for year, counts in tally.table("frequency").items() if year is not None}
    words = tally.column("words")
    comparison = comparison_from_counts("year", frequencies, {year: words[year] for year in frequencies})
    tables.comparison = comparison
    tables.frames["compare_rates"] = comparison.rates
    tables.frames["compare_changes"] = comparison.changes
    tables.frames["compare_similarity"] = comparison.similarity
    rankings = group_rankings(frequencies, weight=options.weight, reference=tables.reference, exclude=officialese)
    tables.cloud_weights = {year: (weight, {k.term: k.score for k in ranked}) for year, (weight, ranked) in rankings.items()}
    if len(years) > 1:
        by_terms = {year: counts for year, counts in tally.table("terms").items() if year is not None}
        by_year = keyness_keyword_frame([({"year": year}, counts) for year, counts in by_terms.items()], options.top_keywords,
                                        by="year", weight=options.weight, reference=tables.reference, officialese=officialese)
        tables.frames["keywords_by_year"] = by_year
        tables.keywords_by_year = {
            year: group[["term", "score"]].to_dict("records") for year, group in by_year.groupby("year", sort=True)
        }
        tables.frames["keyness_by_year"] = grouped_keyness(by_terms, by="year", reference=tables.reference, exclude=officialese)
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


def reference_year(reference_group: str | None, years) -> int | None:
    """The year of ``years`` that ``--reference-group`` names (compared as text), or None."""
    return next((year for year in years if reference_group is not None and str(year) == str(reference_group)), None)
