"""The corpus-level part of ``speechkit analyze``: tables, graphs and pictures.

Everything here is built from the per-speech results (cached JSON), except the
corpus keywords, graphs and topics, which need the speeches' tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..render.tables import METRIC_COLUMNS, PLACEHOLDER_COLUMNS, SLOGAN_COLUMNS, frequency_frame, long_frame, write_frame, write_json

TREND_TERMS = 8
DISPERSION_TERMS = 5
CORPUS_GRAPH_NODES = 80


@dataclass
class CorpusTables:
    """The corpus tables by name, plus the comparison and JSON extras."""

    frames: dict = field(default_factory=dict)
    indexed: set = field(default_factory=set)
    comparison: object = None
    new_and_dropped: dict = field(default_factory=dict)
    keywords_by_year: dict = field(default_factory=dict)

    def add(self, name: str, frame, index: bool = False) -> None:
        self.frames[name] = frame
        if index:
            self.indexed.add(name)

    def write(self, folder: Path, safe_csv: bool = True) -> list[Path]:
        """Write every table as CSV and JSON into ``folder`` (``safe_csv``: see :mod:`speechkit.render.tables`)."""
        written = []
        for name, frame in self.frames.items():
            written += write_frame(frame, folder / f"{name}.csv", index=name in self.indexed, safe_csv=safe_csv)
        written.append(write_json({str(y): v for y, v in self.new_and_dropped.items()}, folder / "slogans_new_and_dropped.json"))
        return written


def build_tables(corpus, results, options) -> CorpusTables:
    """Every corpus table of a run, from the per-speech results."""
    from ..analysis.categories import category_table
    from ..analysis.by_group.compare import compare
    from ..analysis.keywords import corpus_keywords
    from ..analysis.by_group.metrics import indicator_table_from_metrics
    from ..analysis.by_group.slogans import new_and_dropped, timeline_from_records
    from ..analysis.by_group.structure import sections_frame, structure_by_year

    ids = [s.id for s in corpus]
    outlines = [r["outline"] for r in results]
    tables = CorpusTables()
    tables.add("corpus", corpus.to_frame().assign(words=[r["words"] for r in results]))
    tables.add("frequencies", frequency_frame(ids, corpus, results))
    tables.add("slogans", long_frame(ids, corpus, results, "slogans", SLOGAN_COLUMNS))
    tables.add("metrics", long_frame(ids, corpus, results, "metrics", METRIC_COLUMNS))
    tables.add("placeholders", long_frame(ids, corpus, results, "placeholders", PLACEHOLDER_COLUMNS))
    tables.add("sections", sections_frame(corpus, outlines))
    shares = {sid: r["categories"] for sid, r in zip(ids, results)}
    tables.add("categories_by_speech", category_table(corpus, by="speech", shares=shares), index=True)
    tokenizer = options.tokenizer()
    if len(corpus) > 1:
        tables.add("keywords_tfidf", corpus_keywords(corpus, "tfidf", options.top_keywords, tokenizer=tokenizer))
    years = [y for y in corpus.years()]
    if not years:
        return tables
    tables.add("categories_by_year", category_table(corpus, by="year", shares=shares), index=True)
    timeline = timeline_from_records([(s.year, r["slogans"]) for s, r in zip(corpus, results)])
    tables.add("slogans_by_year", timeline, index=True)
    tables.new_and_dropped = new_and_dropped(timeline)
    tables.add("structure_by_year", structure_by_year(corpus, outlines))
    tables.add("indicators_by_year", indicator_table_from_metrics([(s.year, r["metrics"]) for s, r in zip(corpus, results)]), index=True)
    comparison = compare(
        corpus,
        by="year",
        frequencies={sid: dict(r["frequencies"]) for sid, r in zip(ids, results)},
        word_counts={sid: r["words"] for sid, r in zip(ids, results)},
        extras=False,
    )
    comparison.extra = {"slogans": timeline, "structure": tables.frames["structure_by_year"], "metrics": tables.frames["indicators_by_year"]}
    tables.comparison = comparison
    tables.add("compare_rates", comparison.rates)
    tables.add("compare_changes", comparison.changes)
    tables.add("compare_similarity", comparison.similarity, index=True)
    if len(years) > 1:
        by_year = corpus_keywords(corpus, "tfidf", options.top_keywords, by="year", tokenizer=tokenizer)
        tables.add("keywords_by_year", by_year)
        tables.keywords_by_year = {
            year: group[["term", "score"]].to_dict("records") for year, group in by_year.groupby("year", sort=True)
        }
    return tables


def draw_corpus_graphs(corpus, folder: Path, options) -> list[Path]:
    """The corpus co-occurrence graph and topic graph (GEXF, GraphML, JSON, CSV, PNG)."""
    from ..analysis.graphs import cooccurrence_graph
    from ..analysis.topics import topic_graph, topic_model
    from ..errors import SpeechkitError
    from .per_speech import write_graph_files

    tokenizer = options.tokenizer()
    written = []
    graph = cooccurrence_graph(list(corpus), top_n=CORPUS_GRAPH_NODES, tokenizer=tokenizer)
    if graph.number_of_edges():
        written += write_graph_files(graph, folder / "cooccurrence", title="语料共现网络", font=options.font)
    try:
        model = topic_model(list(corpus), unit="paragraph", tokenizer=tokenizer)
    except (SpeechkitError, ValueError):
        return written
    written.append(write_json_model(model, folder / "topics_model.json"))
    written += write_graph_files(topic_graph(model), folder / "topics", title="语料主题图", font=options.font)
    return written


def write_json_model(model, path: Path) -> Path:
    """The fitted topic model's topics, coherence and unit shares as JSON."""
    return write_json(model.to_dict(), path)


def trend_terms(comparison, count: int = TREND_TERMS) -> list[str]:
    """The most frequent terms over all groups: the default terms of the trend chart."""
    totals = comparison.rates.groupby("term")["count"].sum()
    return [term for term, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:count]]


def year_wordclouds(corpus, years: dict, folder: Path, font) -> dict:
    """One word cloud per year. A year of a single speech has that speech's cloud
    (same frequencies, same drawing), so it is copied rather than drawn again."""
    import shutil

    from ..render.wordcloud import draw_wordcloud, group_filename

    target = folder / "wordclouds"
    target.mkdir(parents=True, exist_ok=True)
    drawn = {}
    members = corpus.groups("year")
    for year, frequencies in years.items():
        path = target / group_filename(year)
        own = folder / "speeches" / members[year][0].id / "wordcloud.png"
        if len(members[year]) == 1 and own.exists():
            shutil.copyfile(own, path)
        elif frequencies:
            draw_wordcloud(frequencies, path, font=font)
        else:
            continue
        drawn[year] = path
    return drawn


def draw_corpus_pictures(corpus, results, tables: CorpusTables, folder: Path, options) -> list[dict]:
    """Year charts and word clouds; returns ``{"path", "caption"}`` for the report."""
    from ..analysis.by_group.compare import rate_matrix
    from ..analysis.frequencies import dispersion, group_frequencies
    from ..render import charts
    from ..render.wordcloud import draw_comparison_cloud

    pictures: list[dict] = []
    comparison = tables.comparison
    if comparison is None:
        return pictures
    font = options.font
    frequencies = {s.id: dict(r["frequencies"]) for s, r in zip(corpus, results)}
    dated = type(corpus)([s for s in corpus if s.year is not None])
    years = group_frequencies(dated, "year", frequencies)
    for year, path in year_wordclouds(dated, years, folder, font).items():
        pictures.append({"path": path, "caption": f"{year} 年词云"})
    ordered = list(years)
    if len(ordered) > 1:
        first, last = ordered[-2], ordered[-1]
        path = draw_comparison_cloud(years[first], years[last], folder / "wordclouds" / f"compare-{first}-{last}.png",
                                     labels=(str(first), str(last)), font=font)
        pictures.append({"path": path, "caption": f"{first} 与 {last} 年对比词云"})
    terms = options.trend_terms or trend_terms(comparison)
    chart_dir = folder / "charts"
    drawn = [
        (charts.term_trends_chart, rate_matrix(comparison.rates, terms).T, "term_trends.png", "词频趋势（每万词）"),
        (charts.similarity_heatmap, comparison.similarity, "similarity.png", "年度相似度（TF-IDF 余弦）"),
    ]
    if tables.keywords_by_year:
        drawn.append((charts.top_keywords_chart, tables.keywords_by_year, "keywords_by_year.png", "各年关键词（TF-IDF）"))
    timeline = tables.frames.get("slogans_by_year")
    if timeline is not None and not timeline.empty:
        from ..analysis.by_group.slogans import year_columns

        drawn.append((charts.slogan_timeline_chart, timeline[year_columns(timeline)], "slogan_timeline.png", "提法时间线"))
    by_year = tables.frames.get("categories_by_year")
    if by_year is not None:
        from ..analysis.categories import default_dictionary

        drawn.append((charts.category_shares_chart, by_year[list(default_dictionary().names)],
                      "categories_by_year.png", "各主题所占比例"))
    for draw, data, name, caption in drawn:
        pictures.append({"path": draw(data, chart_dir / name, font=font), "caption": caption})
    dispersion_terms = terms[:DISPERSION_TERMS]
    positions = dispersion(list(corpus), dispersion_terms)
    labels = {s.id: f"{s.year or ''} {s.id}".strip() for s in corpus}
    path = charts.dispersion_chart(positions, chart_dir / "dispersion.png", speeches=[s.id for s in corpus],
                                   terms=dispersion_terms, labels=labels, font=font)
    pictures.append({"path": path, "caption": "词语在讲话中的位置"})
    return pictures
