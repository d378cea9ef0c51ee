"""The corpus stage of ``speechkit analyze``: tables, graphs and pictures.

Everything here is built from the per-speech results (:class:`~speechkit.result.SpeechResult`)
and the speeches' metadata: no text is read, nothing is segmented or extracted again.
Counts by year are reduced from mergeable per-speech partials
(:mod:`speechkit.pipeline.aggregates`). The tables by year and their charts are built for
the whole corpus, or for each group of a grouping (:mod:`speechkit.pipeline.grouping`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .aggregates import Tally, cooccurrence_from_tally, pair_tally, reduce_partials, speech_tally
from .grouping import Grouping, PictureNames, resolve_grouping, stack_groups
from ..render.tables import (METRIC_COLUMNS, PLACEHOLDER_COLUMNS, SLOGAN_COLUMNS, frequency_frames, long_frame, write_csv,
                             write_frame, write_frames, write_json)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..analysis.by_group.compare import Comparison
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
# Results merged per partial before the partials are merged as a tree.
REDUCE_CHUNK = 64
# The tables by year keyed by their index (the others are long tables).
INDEXED_BY_YEAR = ("categories_by_year", "slogans_by_year", "compare_similarity")


@dataclass
class YearTables:
    """The tables by year of the whole corpus or of one group, with what their pictures
    need: the merged counts, the comparison of the years and the keywords of each year."""

    tally: Tally
    frames: dict = field(default_factory=dict)
    comparison: Comparison | None = None
    new_and_dropped: dict = field(default_factory=dict)
    keywords_by_year: dict = field(default_factory=dict)


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

    def write(self, folder: Path, safe_csv: bool = True) -> list[Path]:
        """Write every table as CSV and JSON into ``folder`` (``safe_csv``: see :mod:`speechkit.render.tables`)."""
        from ..analysis.by_group.slogans import new_and_dropped_frame

        written = []
        for name, frame in self.frames.items():
            written += write_frame(frame, folder / f"{name}.csv", index=name in self.indexed, safe_csv=safe_csv)
        for name, pieces in self.streamed.items():
            written += write_frames(pieces(), folder / f"{name}.csv", safe_csv=safe_csv)
        # A row per slogan and change for spreadsheets; the JSON keeps the by-year form (by group and year).
        changes = {label: years.new_and_dropped for label, years in self.years.items()}
        if any(changes.values()):
            rows = {label: new_and_dropped_frame(change) for label, change in changes.items()}
            frame = rows[None] if self.grouping.by is None else stack_groups(rows, self.grouping.by)
            written.append(write_csv(frame, folder / "slogans_new_and_dropped.csv", safe_csv))
        by_year = {label: {str(y): v for y, v in change.items()} for label, change in changes.items()}
        data = by_year if self.grouping.by else by_year.get(None, {})
        written.append(write_json(data, folder / "slogans_new_and_dropped.json"))
        return written


def build_tables(corpus: Corpus, results: list[SpeechResult], options: AnalysisOptions,
                 grouping: Grouping | None = None) -> CorpusTables:
    """Every corpus table of a run, from the per-speech results and the metadata.

    ``grouping`` (default: :func:`~speechkit.pipeline.grouping.resolve_grouping` of
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
        grouping = resolve_grouping(corpus, options.group_by)
    tables = CorpusTables(tally=_year_tally(corpus, results, range(len(results))), grouping=grouping)
    # Undated documents are left out of every table and chart by year, those without a group kept apart: say so.
    tables.warnings = [w for w in (
        ungrouped_warning(ungrouped(corpus, "year")),
        grouping.warning(),
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
    from ..analysis.by_group.slogans import new_and_dropped, timeline_from_counts
    from ..analysis.by_group.structure import structure_by_year
    from ..analysis.categories import category_table
    from ..analysis.keywords import tfidf_keyword_frame

    years = corpus.years()
    tables = YearTables(tally)
    shares = {s.id: r.categories for s, r in zip(corpus, results)}
    tables.frames["categories_by_year"] = category_table(corpus, by="year", shares=shares)
    timeline = timeline_from_counts(tally.table("slogan"), tally.table("slogan_kind"), years)
    tables.frames["slogans_by_year"] = timeline
    tables.new_and_dropped = new_and_dropped(timeline)
    tables.frames["structure_by_year"] = structure_by_year(corpus, [r.outline for r in results])
    frequencies = {year: counts for year, counts in tally.table("frequency").items() if year is not None}
    words = tally.column("words")
    comparison = comparison_from_counts("year", frequencies, {year: words[year] for year in frequencies})
    tables.comparison = comparison
    tables.frames["compare_rates"] = comparison.rates
    tables.frames["compare_changes"] = comparison.changes
    tables.frames["compare_similarity"] = comparison.similarity
    if len(years) > 1:
        by_terms = [({"year": year}, counts) for year, counts in tally.table("terms").items() if year is not None]
        by_year = tfidf_keyword_frame(by_terms, options.top_keywords, by="year")
        tables.frames["keywords_by_year"] = by_year
        tables.keywords_by_year = {
            year: group[["term", "score"]].to_dict("records") for year, group in by_year.groupby("year", sort=True)
        }
    return tables


def corpus_cooccurrence_graph(results: list[SpeechResult], top_n: int = CORPUS_GRAPH_NODES):
    """The corpus co-occurrence graph over sentences: the ``top_n`` most frequent terms,
    their counts and pair counts reduced from per-speech partials."""
    from collections import Counter

    from ..analysis.graphs import graph_from_counts
    from ..analysis.keywords import mean_tfidf

    counts_by_speech = [r.term_counts() for r in results]
    frequency: Counter = Counter()
    for counts in counts_by_speech:
        frequency.update(counts)
    terms = sorted(frequency, key=lambda t: (-frequency[t], t))[:top_n]
    pairs = reduce_partials((pair_tally(r, terms) for r in results), Tally.identity(), chunk=REDUCE_CHUNK)
    counts = cooccurrence_from_tally(pairs, terms)
    tfidf = mean_tfidf(counts_by_speech) if len(results) > 1 else _single_tfidf(results)
    return graph_from_counts(counts, dict(frequency), tfidf, context="sentence")


def _single_tfidf(results: list[SpeechResult]) -> dict[str, float]:
    from ..analysis.keywords import speech_tfidf

    return speech_tfidf(results[0].term_counts()) if results else {}


def graph_tasks(corpus: Corpus, results: list[SpeechResult], folder: Path,
                options: AnalysisOptions) -> list[Callable[[], list[Path]]]:
    """The corpus topic graph and co-occurrence graph (GEXF, GraphML, JSON, CSV, PNG), from
    the results alone (no corpus table, so they can be drawn while the tables are built), one
    task each (the topic graph, the longer, first), so processes can share them out; a task
    returns the files it wrote."""
    return [functools.partial(_draw_topic_graph, corpus, results, folder, options),
            functools.partial(_draw_cooccurrence_graph, results, folder, options)]


def _draw_cooccurrence_graph(results: list[SpeechResult], folder: Path, options: AnalysisOptions) -> list[Path]:
    from .per_speech import write_graph_files

    graph = corpus_cooccurrence_graph(results)
    if not graph.number_of_edges():
        return []
    return write_graph_files(graph, folder / "cooccurrence", title="语料共现网络", font=options.font)


def _draw_topic_graph(corpus: Corpus, results: list[SpeechResult], folder: Path, options: AnalysisOptions) -> list[Path]:
    from ..analysis.topics import result_units, topic_graph, topic_model_from_units
    from ..errors import SpeechkitError
    from .per_speech import write_graph_files

    try:
        model = topic_model_from_units(result_units([(s.id, r) for s, r in zip(corpus, results)], "paragraph"))
    except (SpeechkitError, ValueError):
        return []
    written = [write_json(model.to_dict(), folder / "topics_model.json")]
    return written + write_graph_files(topic_graph(model), folder / "topics", title="语料主题图", font=options.font)


def trend_terms(rates, count: int = TREND_TERMS) -> list[str]:
    """The most frequent terms over all groups of the rates table: the default terms of the trend chart."""
    totals = rates.groupby("term")["count"].sum()
    return [term for term, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


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
    terms = options.trend_terms or trend_terms(tables.frames["compare_rates"])
    grouping = tables.grouping
    names = grouping.picture_names()
    tasks = []
    for label, years in tables.years.items():
        positions = range(len(corpus)) if label is None else grouping.groups[label]
        members = type(corpus)([corpus[i] for i in positions])
        tasks += year_picture_tasks(members, [results[i] for i in positions], years, folder, options, terms,
                                    names.get(label, PictureNames()), speech_pictures)
    dispersion_terms = terms[:DISPERSION_TERMS]
    positions = unit_dispersion([(s.id, s.year, r) for s, r in zip(corpus, results)], dispersion_terms)
    lanes, labels, caption = dispersion_lanes(corpus)
    positions["speech"] = positions["speech"].map(lanes)
    pooled = len(labels) < len(corpus)
    dispersion = functools.partial(charts.dispersion_chart, speeches=list(labels), terms=dispersion_terms, labels=labels,
                                   bins=DISPERSION_BINS if pooled else None)
    tasks.append(functools.partial(draw_charts, [(dispersion, positions, "dispersion", caption)], folder, options.font))
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
    tasks: list = [functools.partial(_year_cloud, year, counts, [s.id for s in members[year]], folder, font, speech_pictures, names)
                   for year, counts in frequencies.items() if counts]
    if len(frequencies) > 1:
        first, last = list(frequencies)[-2:]
        tasks.append(functools.partial(_comparison_cloud, (first, last), (frequencies[first], frequencies[last]), folder,
                                       font, names))
    if options.trend_terms:
        # Requested terms are counted as text, so a term segmentation splits is not drawn as 0.
        counted = {s.id: r.phrase_counts for s, r in zip(corpus, results)}
        rates = phrase_rates(dated, counted, {s.id: r.words for s, r in zip(corpus, results)})
    else:
        rates = comparison.rates
    drawn = [(charts.term_trends_chart, rate_matrix(rates, terms).T, "term_trends", "词频趋势（每万词）")]
    if len(dated.years()) > 1:
        # A single year has no other to resemble: its heat map would be empty.
        drawn.append((charts.similarity_heatmap, comparison.similarity, "similarity", "年度相似度（TF-IDF 余弦）"))
    if years.keywords_by_year:
        drawn.append((charts.top_keywords_chart, years.keywords_by_year, "keywords_by_year", "各年关键词（TF-IDF）"))
    timeline = years.frames["slogans_by_year"]
    if not timeline.empty:
        drawn.append((charts.slogan_timeline_chart, timeline[year_columns(timeline)], "slogan_timeline", "提法时间线"))
    drawn.append((charts.category_shares_chart, years.frames["categories_by_year"][list(default_dictionary().names)],
                  "categories_by_year", "各主题所占比例"))
    titled = names.label is not None
    return tasks + [functools.partial(draw_charts, [(draw, data, names.stem(stem), names.caption(caption))], folder, font,
                                      titled=titled) for draw, data, stem, caption in drawn]


def _year_cloud(year, frequencies: dict, speech_ids: list[str], folder: Path, font, speech_pictures: bool,
                names: PictureNames = PictureNames()) -> tuple[list[dict], list[dict]]:
    """The cloud of one year, ``wordclouds/<stem>-<year>.png``. A year of a single speech has
    that speech's cloud (same frequencies, same drawing), so when this run drew it
    (``speech_pictures``) it is copied rather than drawn again."""
    import shutil

    from ..render.wordcloud import draw_wordcloud, group_filename

    path = folder / "wordclouds" / group_filename(year, names.stem("wordcloud"))
    own = folder / "speeches" / speech_ids[0] / "wordcloud.png"
    if speech_pictures and len(speech_ids) == 1 and own.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(own, path)
    else:
        draw_wordcloud(frequencies, path, font=font)
    return [{"path": path, "caption": names.caption(f"{year} 年词云")}], []


def _comparison_cloud(years: tuple, frequencies: tuple, folder: Path, font,
                      names: PictureNames = PictureNames()) -> tuple[list[dict], list[dict]]:
    """The comparison cloud of two years."""
    from ..errors import SpeechkitError
    from ..render.wordcloud import draw_comparison_cloud

    first, last = years
    path = folder / "wordclouds" / f"{names.stem(f'compare-{first}-{last}')}.png"
    try:
        draw_comparison_cloud(*frequencies, path, labels=(str(first), str(last)), font=font)
    except SpeechkitError as exc:
        return [], [{"picture": path.relative_to(folder).as_posix(), "why": str(exc)}]
    return [{"path": path, "caption": names.caption(f"{first} 与 {last} 年对比词云")}], []


def draw_charts(drawn, folder: Path, font, titled: bool = False) -> tuple[list[dict], list[dict]]:
    """Draw each ``(draw, data, stem, caption)`` into ``charts/<stem>.png``, its caption as
    its title if ``titled``; a chart with nothing to show (a corpus without Chinese content
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
            path = draw(data, folder / "charts" / name, font=font, **({"title": caption} if titled else {}))
            pictures.append({"path": path, "caption": caption})
        except SpeechkitError as exc:
            not_drawn.append({"picture": f"charts/{name}", "why": str(exc)})
    return pictures, not_drawn
