"""The corpus stage of ``speechkit analyze``: tables, graphs and pictures.

Everything here is built from the per-speech results (:class:`~speechkit.result.SpeechResult`)
and the speeches' metadata: no text is read, nothing is segmented or extracted again.
Counts by year are reduced from mergeable per-speech partials
(:mod:`speechkit.analysis.aggregates`). The tables by year and their charts are built for
the whole corpus, or for each group of a grouping (:mod:`speechkit.analysis.grouping`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.aggregates import Tally, cooccurrence_from_tally, pair_tally, reduce_partials, speech_tally
from ..analysis.grouping import Grouping, PictureNames, resolve_grouping, stack_groups
from ..render.tables import METRIC_COLUMNS, PLACEHOLDER_COLUMNS, SLOGAN_COLUMNS, frequency_frames, long_frame
from ..render.writers import DEFAULT_TABLE_FORMATS, write_frame, write_frames, write_json

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

    from ..analysis.by_group.compare import Comparison
    from ..analysis.topics import TopicModel
    from ..corpus import Corpus
    from ..result import SpeechResult
    from .options import AnalysisOptions

TREND_TERMS = 8
DISPERSION_TERMS = 5
# Up to this many speeches the dispersion chart has a lane per speech, beyond it one per year.
DISPERSION_SPEECHES = 60
MISSING_YEAR = "未注明年份"
DISPERSION_BINS = 20
CORPUS_GRAPH_NODES = 80
# Candidate numbers of topics of the corpus model (each fitted with NMF and with LDA).
CORPUS_TOPIC_K = range(4, 13, 2)
TOPIC_MODEL_FILE = "graphs/topics_model.json"
TOPIC_PREVALENCE_CAPTION = "各年主题比例（%，每篇讲话同权）"
# Results merged per partial before the partials are merged as a tree.
REDUCE_CHUNK = 64
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
    tables.add("slogans", long_frame(ids, corpus, results, "slogans", SLOGAN_COLUMNS))
    tables.add("metrics", long_frame(ids, corpus, results, "metrics", METRIC_COLUMNS))
    tables.add("placeholders", long_frame(ids, corpus, results, "placeholders", PLACEHOLDER_COLUMNS))
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
    tables.frames["structure_by_year"] = structure_by_year(corpus, [r.outline for r in results])
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


def corpus_cooccurrence_graph(results: list[SpeechResult], top_n: int = CORPUS_GRAPH_NODES, *, periods=None,
                              weight: str = "keyness", exclude: frozenset[str] = frozenset()):
    """The corpus co-occurrence graph over sentences, its counts and pair counts reduced
    from per-speech partials.

    The nodes are the ``top_n`` terms that best set the periods apart
    (:func:`~speechkit.analysis.keyness.distinctive_vocabulary` over the speeches'
    ``periods``, a key per speech such as its group and year, None leaving a speech out;
    the speeches themselves when fewer than two periods are known), then, if they are fewer,
    the most frequent others; or with ``weight`` ``frequency`` the most frequent; never a
    term of ``exclude``. Edges carry the shared
    sentences (``weight``) and their NPMI (``npmi``), which chooses the edges kept.
    """
    from collections import Counter

    from ..analysis.graphs import graph_from_counts
    from ..analysis.keyness import distinctive_vocabulary
    from ..analysis.keywords import mean_tfidf

    counts_by_speech = [r.term_counts() for r in results]
    frequency: Counter = Counter()
    groups: dict = {}
    dated = periods is not None and len(set(periods) - {None}) > 1
    for position, counts in enumerate(counts_by_speech):
        frequency.update(counts)
        if not dated or periods[position] is not None:
            groups.setdefault(periods[position] if dated else position, Counter()).update(counts)
    terms = distinctive_vocabulary(groups, top_n, weight=weight, exclude=exclude)
    # Too few distinctive terms (years much alike): the most frequent others fill the graph.
    chosen = set(terms)
    terms += [t for t in sorted(frequency, key=lambda t: (-frequency[t], t)) if t not in chosen and t not in exclude][:top_n - len(terms)]
    pairs = reduce_partials((pair_tally(r, terms) for r in results), Tally.identity(), chunk=REDUCE_CHUNK)
    counts = cooccurrence_from_tally(pairs, terms)
    tfidf = mean_tfidf(counts_by_speech) if len(results) > 1 else _single_tfidf(results)
    return graph_from_counts(counts, dict(frequency), tfidf, context="sentence", measure="npmi")


def _single_tfidf(results: list[SpeechResult]) -> dict[str, float]:
    from ..analysis.keywords import speech_tfidf

    return speech_tfidf(results[0].term_counts()) if results else {}


def graph_tasks(corpus: Corpus, results: list[SpeechResult], folder: Path,
                options: AnalysisOptions, *, tables: Path | None = None) -> list[Callable[[], list[Path]]]:
    """The corpus topic graph and co-occurrence graph (GEXF, GraphML, JSON, CSV, PNG), from
    the results alone (no corpus table, so they can be drawn while the tables are built), one
    task each (the topic graph, the longer, first), so processes can share them out; a task
    returns the files it wrote. The topic task also writes the topic model, its prevalence
    chart (into ``folder``) and its tables (into ``tables``, default: ``tables`` beside
    ``folder``, as in the output folder of ``analyze``)."""
    tables = folder.parent / "tables" if tables is None else tables
    return [functools.partial(_draw_topic_graph, corpus, results, folder, tables, options),
            functools.partial(_draw_cooccurrence_graph, graph_periods(corpus, options), results, folder, options)]


def graph_periods(corpus: Corpus, options: AnalysisOptions) -> list:
    """The period of each speech whose distinctive terms make the corpus graph: its year
    within its group of the run's grouping (a congress report's year is not a work report's),
    None when undated."""
    grouping = resolve_grouping(corpus, options.group_by, pool=options.pool)
    label = {position: group for group, positions in grouping.groups.items() for position in positions}
    return [None if s.year is None else (label.get(i) if grouping.by is not None else None, s.year)
            for i, s in enumerate(corpus)]


def _draw_cooccurrence_graph(periods: list, results: list[SpeechResult], folder: Path, options: AnalysisOptions) -> list[Path]:
    from .per_speech import write_graph_files

    graph = corpus_cooccurrence_graph(results, periods=periods, weight=options.weight, exclude=options.officialese_words())
    if not graph.number_of_edges():
        return []
    years = [period[1] for period in periods if period is not None]
    return write_graph_files(graph, folder / "cooccurrence", title=PictureNames().caption("语料共现网络", years),
                             font=options.font)


def corpus_topic_model(corpus: Corpus, results: list[SpeechResult], *, remove: Collection[str] = ()) -> TopicModel:
    """The corpus topic model over the speeches' paragraphs: NMF and LDA over
    :data:`CORPUS_TOPIC_K`, the more coherent on held-out paragraphs kept; the terms of
    ``remove`` (the officialese function words) are left out of its vocabulary."""
    from ..analysis.topics import result_units, topic_model_from_units

    units = result_units([(s.id, r) for s, r in zip(corpus, results)], "paragraph")
    return topic_model_from_units(units, k_range=CORPUS_TOPIC_K, remove=remove)


def _draw_topic_graph(corpus: Corpus, results: list[SpeechResult], folder: Path, table_folder: Path,
                      options: AnalysisOptions) -> list[Path]:
    from ..analysis.topics import topic_graph
    from ..errors import SpeechkitError
    from .per_speech import write_graph_files

    try:
        model = corpus_topic_model(corpus, results, remove=options.officialese_words())
    except (SpeechkitError, ValueError):
        return []
    grouping = resolve_grouping(corpus, options.group_by, pool=options.pool)
    tables = topic_tables(corpus, model, grouping)
    written = [write_json(model.to_dict(), folder / Path(TOPIC_MODEL_FILE).name)]
    for name, frame in tables.items():
        written += write_frame(frame, table_folder / f"{name}.csv", safe_csv=options.safe_csv, formats=options.table_formats)
    written += draw_topic_prevalence(tables["topics_by_year"], model, grouping, folder, options.font)
    return written + write_graph_files(topic_graph(model), folder / "topics", title=PictureNames().caption("语料主题图", corpus.years()),
                                       font=options.font)


def trend_terms(tally: Tally, options: AnalysisOptions, count: int = TREND_TERMS) -> list[str]:
    """The default terms of the trend chart, from the corpus's term counts by year: those
    that best set the years apart (:func:`~speechkit.analysis.keyness.distinctive_vocabulary`),
    or with ``--weight frequency`` the most frequent; never an officialese word."""
    from ..analysis.keyness import distinctive_vocabulary

    by_year = {year: counts for year, counts in tally.table("terms").items() if year is not None}
    return distinctive_vocabulary(by_year, count, weight=options.weight, exclude=options.officialese_words())


def topic_summary(out: Path, outputs: Collection[str]) -> dict:
    """The corpus topic model in brief (:func:`~speechkit.analysis.topics.model_summary`)
    when this run wrote ``graphs/topics_model.json`` (``outputs``: the files it wrote),
    else empty."""
    import json

    from ..analysis.topics import model_summary

    if TOPIC_MODEL_FILE not in outputs:
        return {}
    return model_summary(json.loads((out / TOPIC_MODEL_FILE).read_text(encoding="utf-8")))


def topic_tables(corpus: Corpus, model: TopicModel, grouping: Grouping) -> dict:
    """The topic tables by name: ``topics`` (labels, terms, the one-document flag),
    ``topics_by_speech``, ``topics_by_year`` (each speech counts once; speeches without
    a year left out) and, with a ``grouping.by`` column, ``topics_by_<by>`` and a
    ``topics_by_year`` of a row per group and year (the group in the first column)."""
    import pandas as pd

    from ..analysis.topics import topic_prevalence, topics_by_speech
    from ..corpus import group_key, group_order

    by_speech = topics_by_speech(model)
    years = {s.id: group_key(s, "year") for s in corpus}
    tables = {"topics": model.label_frame(), "topics_by_speech": by_speech}
    if grouping.by is None:
        tables["topics_by_year"] = topic_prevalence(by_speech, years, "year", group_order)
        return tables
    labels = {corpus[position].id: label for label, positions in grouping.groups.items() for position in positions}
    order = list(grouping.groups)
    tables[f"topics_by_{grouping.by}"] = topic_prevalence(by_speech, labels, grouping.by, order.index)
    per_group = []
    for label in order:
        frame = topic_prevalence(by_speech[by_speech["speech"].map(labels) == label], years, "year", group_order)
        frame.insert(0, grouping.by, label)
        per_group.append(frame)
    tables["topics_by_year"] = pd.concat(per_group, ignore_index=True)
    return tables


def draw_topic_prevalence(by_year, model: TopicModel, grouping: Grouping, folder: Path, font=None) -> list[Path]:
    """The topics × years chart of ``topics_by_year`` (``topic_prevalence.png``; with a
    ``grouping.by`` column, one per group, ``topic_prevalence-<group>.png``) into
    ``folder``; none of a group without a year."""
    from ..render.charts import topic_prevalence_chart

    labels = [t["label"] + ("（主要来自一篇）" if t["one_document"] else "") for t in model.topics]
    if grouping.by is None:
        parts = [(PictureNames(), by_year)]
    else:
        parts = [(names, by_year[by_year[grouping.by] == label]) for label, names in grouping.picture_names().items()]
    return [topic_prevalence_chart(frame, folder / f"{names.stem('topic_prevalence')}.png", labels=labels,
                                   title=names.caption(TOPIC_PREVALENCE_CAPTION, set(frame["year"])), font=font)
            for names, frame in parts if len(frame)]


def dispersion_lanes(corpus: Corpus) -> tuple[dict[str, str], dict[str, str], str]:
    """The lane of each speech in the dispersion chart, the lanes top-down with their labels,
    and the caption: a lane per speech up to :data:`DISPERSION_SPEECHES` speeches, else a
    lane per year (a chart of a thousand lanes is neither legible nor cheap to draw)."""
    from ..corpus import group_key, group_order

    if len(corpus) <= DISPERSION_SPEECHES:
        return ({s.id: s.id for s in corpus}, {s.id: f"{s.year or ''} {s.id}".strip() for s in corpus},
                "词语在讲话中的位置（按句）")
    lanes = {s.id: str(group_key(s, "year") or MISSING_YEAR) for s in corpus}
    years = sorted({group_key(s, "year") for s in corpus}, key=group_order)
    order = [str(year or MISSING_YEAR) for year in years]
    return lanes, {lane: lane for lane in order}, f"词语在讲话中的位置（每年各讲话合并，{DISPERSION_BINS} 段，颜色越深出现越多）"


def draw_corpus_pictures(corpus: Corpus, results: list[SpeechResult], tables: CorpusTables, folder: Path,
                         options: AnalysisOptions, speech_pictures: bool = False) -> tuple[list[dict], list[dict]]:
    """Year charts and word clouds, of the corpus or of each group of ``tables.grouping``
    (``speech_pictures``: this run drew each speech's cloud), and the dispersion chart.

    Returns
    -------
    tuple of (list of dict, list of dict)
        ``{"path", "caption"}`` of each picture for the report, and ``{"picture",
        "why"}`` of each picture that could not be drawn.
    """
    return joined([task() for task in picture_tasks(corpus, results, tables, folder, options, speech_pictures)])


def joined(drawn: list[tuple[list[dict], list[dict]]]) -> tuple[list[dict], list[dict]]:
    """The pictures drawn and not drawn of several drawing tasks, in task order."""
    return [p for done, _ in drawn for p in done], [n for _, missed in drawn for n in missed]


def picture_tasks(corpus: Corpus, results: list[SpeechResult], tables: CorpusTables, folder: Path,
                  options: AnalysisOptions, speech_pictures: bool = False) -> list[Callable[[], tuple[list, list]]]:
    """The pictures of :func:`draw_corpus_pictures`, one task each (a year's cloud, a chart),
    so processes can share them out; a task returns the pictures drawn and not drawn."""
    from ..analysis.frequencies import unit_dispersion
    from ..render import charts

    if not tables.years:
        return []
    grouping = tables.grouping
    names = grouping.picture_names()
    tasks = []
    for label, years in tables.years.items():
        positions = range(len(corpus)) if label is None else grouping.groups[label]
        members = type(corpus)([corpus[i] for i in positions])
        # Each group's own years decide its trend terms: another kind's words are not its trends.
        terms = options.trend_terms or trend_terms(years.tally, options)
        tasks += year_picture_tasks(members, [results[i] for i in positions], years, folder, options, terms,
                                    names.get(label, PictureNames()), speech_pictures)
    dispersion_terms = (options.trend_terms or trend_terms(tables.tally, options))[:DISPERSION_TERMS]
    positions = unit_dispersion([(s.id, s.year, r) for s, r in zip(corpus, results)], dispersion_terms)
    lanes, labels, caption = dispersion_lanes(corpus)
    positions["speech"] = positions["speech"].map(lanes)
    pooled = len(labels) < len(corpus)
    dispersion = functools.partial(charts.dispersion_chart, speeches=list(labels), terms=dispersion_terms, labels=labels,
                                   bins=DISPERSION_BINS if pooled else None)
    tasks.append(functools.partial(draw_charts, [(dispersion, positions, "dispersion", PictureNames().caption(caption, corpus.years()))],
                                   folder, options.font))
    return tasks


def year_picture_tasks(corpus: Corpus, results: list[SpeechResult], years: YearTables, folder: Path,
                       options: AnalysisOptions, terms, names: PictureNames = PictureNames(),
                       speech_pictures: bool = False) -> list[Callable[[], tuple[list, list]]]:
    """The year word clouds and charts of ``corpus``, the whole corpus or the group of
    ``names``, from its tables by year, one task each; ``terms`` are those of the trend chart."""
    from ..analysis.by_group.compare import phrase_rates, rate_matrix
    from ..analysis.by_group.slogans import year_columns
    from ..analysis.categories import default_dictionary
    from ..render import charts

    font = options.font
    comparison = years.comparison
    frequencies = {year: counts for year, counts in years.tally.table("frequency").items() if year is not None}
    dated = type(corpus)([s for s in corpus if s.year is not None])
    members = dated.groups("year")
    # A year of a single speech drawn by frequency has that speech's cloud: copied when this run drew it.
    copied = speech_pictures and options.weight == "frequency"
    tasks: list = [functools.partial(_year_cloud, year, years.cloud_weights[year], [s.id for s in members[year]], folder, font,
                                     copied, names)
                   for year, counts in frequencies.items() if counts]
    if len(frequencies) > 1:
        from ..analysis.officialese import without_officialese

        first, last = list(frequencies)[-2:]
        pair = tuple(without_officialese(frequencies[year], options.officialese_words()) for year in (first, last))
        tasks.append(functools.partial(_comparison_cloud, (first, last), pair, folder, font, names))
    if options.trend_terms:
        # Requested terms are counted as text, so a term segmentation splits is not drawn as 0.
        counted = {s.id: r.phrase_counts for s, r in zip(corpus, results)}
        rates = phrase_rates(dated, counted, {s.id: r.words for s, r in zip(corpus, results)})
    else:
        rates = comparison.rates
    drawn = []
    shown = dated.years()  # the years a chart over years shows, named in its title
    several_years = len(shown) > 1
    if several_years:
        # A single year has no trend (a line of one dot) and no other year to resemble.
        drawn.append((charts.term_trends_chart, rate_matrix(rates, terms).T, "term_trends",
                      names.caption("词频趋势（每万词）", shown)))
        drawn.append((charts.similarity_heatmap, comparison.similarity, "similarity", names.caption("年度相似度（TF-IDF 余弦）", shown)))
    if years.keywords_by_year:
        drawn.append((charts.top_keywords_chart, years.keywords_by_year, "keywords_by_year",
                      names.caption(keywords_caption(options.weight), shown)))
    keyness = years.frames.get("keyness_by_year")
    if keyness is not None and not keyness.empty:
        last = max(keyness["year"])
        against = f"{years.reference} 年" if years.reference is not None and years.reference != last else "其他年份"
        chart = functools.partial(charts.keyness_chart, labels=(f"{last} 年多用", f"{against}多用"))
        drawn.append((chart, keyness[keyness["year"] == last], f"keyness-{last}", names.caption(f"{last} 年与{against}相比的关键词（G²）")))
    timeline = years.frames["slogan_rates_by_year"]
    if not timeline.empty and several_years:
        # Rates, not counts: a congress report is twice as long as a work report.
        chart = functools.partial(charts.slogan_timeline_chart, fmt=".1f")
        drawn.append((chart, timeline[year_columns(timeline)], "slogan_timeline", names.caption("提法时间线（每万字出现次数）", shown)))
    drawn.append((charts.category_shares_chart, years.frames["categories_by_year"][list(default_dictionary().names)],
                  "categories_by_year", names.caption("各主题所占比例", shown)))
    if not several_years:
        single = functools.partial(_single_year, [f"charts/{names.stem(stem)}.png" for stem in ("term_trends", "similarity", "slogan_timeline")],
                                   dated.years())
        tasks.append(single)
    return tasks + [functools.partial(draw_charts, [(draw, data, names.stem(stem), caption)], folder, font)
                    for draw, data, stem, caption in drawn]


def _single_year(pictures: list[str], years: list) -> tuple[list[dict], list[dict]]:
    """The charts over years not drawn for a corpus or group of one year (or none), each with the reason."""
    why = f"only one year ({years[0]}): no trend over years to draw" if years else "no speech has a year"
    return [], [{"picture": picture, "why": why} for picture in pictures]


def keywords_caption(weight: str) -> str:
    """The caption of the keywords-by-year chart, naming what ranks the terms."""
    return "各年关键词（关键性 G²，与其他年份相比）" if weight == "keyness" else "各年关键词（词频）"


def _year_cloud(year, weights: tuple[str, dict], speech_ids: list[str], folder: Path, font, copied: bool,
                names: PictureNames = PictureNames()) -> tuple[list[dict], list[dict]]:
    """The cloud of one year, ``wordclouds/<stem>-<year>.png``, its words sized by ``weights``
    (keyness against the other years, or frequency). A year of a single speech drawn by
    frequency has that speech's cloud, so when this run drew it (``copied``) it is copied
    rather than drawn again, under the year's title."""
    from ..errors import SpeechkitError
    from ..render.wordcloud import draw_wordcloud, group_filename, titled_copy

    weight, frequencies = weights
    path = folder / "wordclouds" / group_filename(year, names.stem("wordcloud"))
    if not frequencies and weight == "keyness":
        why = f"no term sets {year} apart from the other years (keyness); --weight frequency sizes its words by count"
        return [], [{"picture": path.relative_to(folder).as_posix(), "why": why}]
    own = folder / "speeches" / speech_ids[0] / "wordcloud.png"
    what = "关键性 G²" if weight == "keyness" else "词频"
    caption = names.caption(f"{year} 年词云（{what}）")
    if copied and weight == "frequency" and len(speech_ids) == 1 and own.exists():
        titled_copy(own, path, title=caption, font=font)
    else:
        try:
            draw_wordcloud(frequencies, path, font=font, title=caption)
        except SpeechkitError as exc:
            return [], [{"picture": path.relative_to(folder).as_posix(), "why": str(exc)}]
    return [{"path": path, "caption": caption}], []


def _comparison_cloud(years: tuple, frequencies: tuple, folder: Path, font,
                      names: PictureNames = PictureNames()) -> tuple[list[dict], list[dict]]:
    """The comparison cloud of two years."""
    from ..errors import SpeechkitError
    from ..render.wordcloud import draw_comparison_cloud

    first, last = years
    path = folder / "wordclouds" / f"{names.stem(f'compare-{first}-{last}')}.png"
    caption = names.caption(f"{first} 与 {last} 年对比词云")
    try:
        draw_comparison_cloud(*frequencies, path, labels=(str(first), str(last)), font=font, title=caption)
    except SpeechkitError as exc:
        return [], [{"picture": path.relative_to(folder).as_posix(), "why": str(exc)}]
    return [{"path": path, "caption": caption}], []


def draw_charts(drawn, folder: Path, font) -> tuple[list[dict], list[dict]]:
    """Draw each ``(draw, data, stem, caption)`` into ``charts/<stem>.png``, its caption
    (naming its years and group) as its title; a chart with nothing to show (a corpus without Chinese content
    words, say) is recorded as not drawn, it never costs the rest of the run.

    Returns
    -------
    tuple of (list of dict, list of dict)
        As :func:`draw_corpus_pictures`.
    """
    from ..errors import SpeechkitError

    pictures: list[dict] = []
    not_drawn: list[dict] = []
    for draw, data, stem, caption in drawn:
        name = f"{stem}.png"
        try:
            path = draw(data, folder / "charts" / name, font=font, title=caption)
            pictures.append({"path": path, "caption": caption})
        except SpeechkitError as exc:
            not_drawn.append({"picture": f"charts/{name}", "why": str(exc)})
    return pictures, not_drawn
