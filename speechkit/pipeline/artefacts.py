"""The corpus graphs, topic model and pictures of ``speechkit analyze``.

Drawn from the per-speech results (:class:`~speechkit.result.SpeechResult`), the speeches'
metadata and the corpus tables (:mod:`speechkit.pipeline.corpus_tables`): the corpus
co-occurrence and topic graphs, the topic model with its tables and prevalence chart, and
the charts and word clouds by year, of the whole corpus or of each group of a grouping.
Each is one task, so processes can share them out.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.grouping import PictureNames, resolve_grouping
from ..render.writers import write_frame, write_json_streamed

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from ..analysis.topics import TopicModel
    from ..analysis.trends import TermTrends
    from ..corpus import Corpus
    from ..results import Results
    from .corpus_tables import CorpusTables, YearTables
    from ..analysis.grouping import Grouping
    from .options import AnalysisOptions

TREND_TERMS = 8
DISPERSION_TERMS = 5
# Up to this many speeches the dispersion chart has a lane per speech, beyond it one per year.
DISPERSION_SPEECHES = 60
MISSING_YEAR = "未注明年份"
DISPERSION_BINS = 20
TOPIC_MODEL_FILE = "graphs/topics_model.json"
TOPIC_PREVALENCE_CAPTION = "各年主题比例（%，每篇讲话同权）"


def graph_tasks(results: Results, folder: Path, options: AnalysisOptions, *,
                tables: Path | None = None) -> list[Callable[[], list[Path]]]:
    """The corpus topic graph and co-occurrence graph (GEXF, GraphML, JSON, CSV, PNG), from
    the results alone (no corpus table, so they can be drawn while the tables are built), one
    task each (the topic graph, the longer, first), so processes can share them out; a task
    returns the files it wrote. The topic task also writes the topic model, its prevalence
    chart (into ``folder``) and its tables (into ``tables``, default: ``tables`` beside
    ``folder``, as in the output folder of ``analyze``)."""
    tables = folder.parent / "tables" if tables is None else tables
    return [functools.partial(_draw_topic_graph, results, folder, tables, options),
            functools.partial(_draw_cooccurrence_graph, results, folder, options)]


def _draw_cooccurrence_graph(results: Results, folder: Path, options: AnalysisOptions) -> list[Path]:
    from ..analysis.graphs import cooccurrence_graph
    from .speech_pictures import write_graph_files

    graph = cooccurrence_graph(results, weight=options.weight, exclude=options.officialese_words(), by=options.group_by,
                               pool=options.pool)
    if not graph.number_of_edges():
        return []
    years = [s.year for s in results.corpus if s.year is not None]
    return write_graph_files(graph, folder / "cooccurrence", title=PictureNames().caption("语料共现网络", years),
                             font=options.font)


def _draw_topic_graph(results: Results, folder: Path, table_folder: Path, options: AnalysisOptions) -> list[Path]:
    from ..analysis.topics import topic_graph, topic_model, topic_tables
    from ..errors import SpeechkitError
    from .speech_pictures import write_graph_files

    try:
        model = topic_model(results, remove=options.officialese_words())
    except (SpeechkitError, ValueError):
        return []
    grouping = resolve_grouping(results.corpus, options.group_by, pool=options.pool)
    tables = topic_tables(results, model=model, by=options.group_by, pool=options.pool)
    # Its units (last) are written one at a time: as dicts together they would be most of the task's memory.
    written = [write_json_streamed(model.described(), "units", model.units, folder / Path(TOPIC_MODEL_FILE).name)]
    for name, frame in tables.items():
        written += write_frame(frame, table_folder / f"{name}.csv", safe_csv=options.safe_csv, formats=options.table_formats)
    written += draw_topic_prevalence(tables["topics_by_year"], model, grouping, folder, options.font)
    return written + write_graph_files(topic_graph(model), folder / "topics", title=PictureNames().caption("语料主题图", results.years()),
                                       font=options.font)


def dispersion_terms(tables: CorpusTables, options: AnalysisOptions) -> list[str]:
    """The terms of the dispersion chart: those asked with ``--terms``, else the corpus's trend
    terms (:func:`corpus_trend_terms`), at most :data:`DISPERSION_TERMS`."""
    return (options.trend_terms or corpus_trend_terms(tables, options))[:DISPERSION_TERMS]


def corpus_trend_terms(tables: CorpusTables, options: AnalysisOptions) -> list[str]:
    """The corpus's :data:`TREND_TERMS` trend terms (:func:`corpus_term_trends`), best first."""
    trends = corpus_term_trends(tables, options)
    return trends.terms(TREND_TERMS) if trends is not None else []


def corpus_term_trends(tables: CorpusTables, options: AnalysisOptions) -> TermTrends | None:
    """The trend terms of the whole corpus
    (:func:`~speechkit.analysis.trends.term_trends` of ``tables.results``), ranked once for
    the run's tables (:attr:`CorpusTables.term_trends`): the dispersion chart and the
    corpus's trend chart both show them, and ranking them reads the results of a series."""
    from ..analysis.trends import term_trends

    if tables.term_trends is None and tables.results is not None:
        tables.term_trends = term_trends(tables.results, exclude=options.officialese_words())
    return tables.term_trends


def topic_summary(out: Path, outputs: Collection[str]) -> dict:
    """The corpus topic model in brief (:func:`~speechkit.analysis.topics.model_summary`)
    when this run wrote ``graphs/topics_model.json`` (``outputs``: the files it wrote),
    else empty."""
    from ..analysis.topics import model_summary

    if TOPIC_MODEL_FILE not in outputs:
        return {}
    return model_summary(_without_units(out / TOPIC_MODEL_FILE))


def _without_units(path: Path) -> dict:
    """The topic model file's data but its units: read up to the line that opens them (the
    last key, written indented by :func:`~speechkit.render.writers.write_json_streamed`), so
    a corpus's hundreds of thousands of units are never parsed."""
    import json

    head = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith('  "units": ['):
                break
            head.append(line)
    return json.loads("".join(head) + '  "units": []\n}')


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


def joined(drawn: list[tuple[list[dict], list[dict]]]) -> tuple[list[dict], list[dict]]:
    """The pictures drawn and not drawn of several drawing tasks, in task order."""
    return [p for done, _ in drawn for p in done], [n for _, missed in drawn for n in missed]


def picture_tasks(corpus: Corpus, results: Results, tables: CorpusTables, folder: Path,
                  options: AnalysisOptions, speech_pictures: bool = False) -> list[Callable[[], tuple[list, list]]]:
    """Year charts and word clouds, of the corpus or of each group of ``tables.grouping``
    (``speech_pictures``: this run drew each speech's cloud), and the dispersion chart, one
    task each (a year's cloud, a chart), so processes can share them out; a task returns
    the pictures drawn (``{"path", "caption"}`` each, for the report) and not drawn
    (``{"picture", "why"}`` each)."""
    from ..analysis.frequencies import dispersion
    from ..analysis.trends import term_trends
    from ..render import charts

    if not tables.years:
        return []
    grouping = tables.grouping
    names = grouping.picture_names()
    tasks = []
    for label, years in tables.years.items():
        positions = range(len(corpus)) if label is None else grouping.groups[label]
        members = type(corpus)([corpus[i] for i in positions])
        # The group's results as a part, read only if a chart needs them (never all loaded and held here).
        part = results if label is None else results.take(positions)
        # Each group's own series decides its trend terms: another kind's words are not its trends.
        trends = None if options.trend_terms else (
            corpus_term_trends(tables, options) if label is None else term_trends(part, exclude=options.officialese_words()))
        tasks += year_picture_tasks(members, part, years, folder, options, trends, names.get(label, PictureNames()),
                                    speech_pictures)
    terms = dispersion_terms(tables, options)
    lanes, labels, caption = dispersion_lanes(corpus)
    # Made in lanes by the reading that wrote the tables (base_tables), else read here.
    positions = tables.dispersion
    if positions is None:
        positions = dispersion(results, terms)
        positions = positions.assign(speech=positions["speech"].map(lanes))
    pooled = len(labels) < len(corpus)
    chart = functools.partial(charts.dispersion_chart, speeches=list(labels), terms=terms, labels=labels,
                              bins=DISPERSION_BINS if pooled else None)
    tasks.append(functools.partial(draw_charts, [(chart, positions, "dispersion", PictureNames().caption(caption, corpus.years()))],
                                   folder, options.font))
    return tasks


def year_picture_tasks(corpus: Corpus, results: Results, years: YearTables, folder: Path,
                       options: AnalysisOptions, trends: TermTrends | None, names: PictureNames = PictureNames(),
                       speech_pictures: bool = False) -> list[Callable[[], tuple[list, list]]]:
    """The year word clouds and charts of ``corpus``, the whole corpus or the group of
    ``names``, from its tables by year, one task each; ``trends`` are those of the trend
    chart (None: terms asked with ``--terms``, see :func:`trend_chart_data`)."""
    from ..analysis.by_group.slogans import formulations_only, year_columns
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
    drawn = []
    shown = dated.years()  # the years a chart over years shows, named in its title
    several_years = len(shown) > 1
    if several_years:
        # A single year has no trend (a line of one dot) and no other year to resemble.
        trend, caption = trend_chart_data(corpus, results, options, trends, names)
        if trend is None:
            tasks.append(functools.partial(_not_drawn, [f"charts/{names.stem('term_trends')}.png"], caption))
        else:
            drawn.append((charts.term_trends_chart, trend, "term_trends", caption))
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
    timeline = formulations_only(timeline)
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


def trend_chart_data(corpus: Corpus, results: Results, options: AnalysisOptions, trends: TermTrends | None,
                     names: PictureNames = PictureNames()):
    """The rates per 10,000 words of the trend chart of ``corpus`` (years × terms) and its
    caption; or None and why it is not drawn.

    Terms asked with ``--terms`` are counted as text in each year of ``corpus`` (``results``,
    of its speeches, are read for them once, a chunk at a time). Otherwise the chart shows
    the :data:`TREND_TERMS` best of ``trends`` in the years of the series they are ranked
    within, and its caption names that series when the corpus has several.
    """
    from ..analysis.by_group.compare import phrase_rates, rate_matrix

    if options.trend_terms:
        # Requested terms are counted as text, so a term segmentation splits is not drawn as 0.
        dated = type(corpus)([s for s in corpus if s.year is not None])
        counted, words = {}, {}
        for speech, result in zip(corpus, results):
            counted[speech.id], words[speech.id] = result.phrase_counts, result.words
        rates = phrase_rates(dated, counted, words)
        return rate_matrix(rates, options.trend_terms).T, names.caption("词频趋势（每万词）", dated.years())
    if trends is None or trends.ranking.empty:
        return None, no_trend_reason(trends)
    series = trends.series
    caption = "词频趋势（每万词）" if series.label is None else f"词频趋势（每万词；{series.series} 个系列中年份最多的：{series.label}）"
    return trends.rates[trends.terms(TREND_TERMS)], names.caption(caption, series.years)


def no_trend_reason(trends: TermTrends | None) -> str:
    """Why there is no trend chart though the corpus has several years."""
    from ..analysis.trends import MIN_DOCUMENTS, MIN_YEARS

    if trends is None:
        return "no speech has a year"
    series = trends.series
    named = f" ({series.label})" if series.label is not None else ""
    if len(series.years) < 2:
        return (f"no series of documents spans two years (the longest{named} has only {series.years[0]}): "
                "no trend over years to draw; a 'series' column in metadata.csv says which documents form one")
    return (f"no term of content recurs across the series{named}: a trend term is held by {MIN_DOCUMENTS} documents "
            f"in {MIN_YEARS} years (all of a shorter series' years and documents, at least two)")


def _not_drawn(pictures: list[str], why: str) -> tuple[list[dict], list[dict]]:
    """Pictures not drawn, each with why."""
    return [], [{"picture": picture, "why": why} for picture in pictures]


def _single_year(pictures: list[str], years: list) -> tuple[list[dict], list[dict]]:
    """The charts over years not drawn for a corpus or group of one year (or none), each with the reason."""
    return _not_drawn(pictures, f"only one year ({years[0]}): no trend over years to draw" if years else "no speech has a year")


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
        As :func:`picture_tasks`.
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
