"""Assemble the report of a run from its results, tables and pictures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.report import embed_font, page_characters, rows_data, speech_page, table_data, write_index, write_speech_pages
from ..render.tables import SPEECH_RECORDS
from ..analysis.grouping import PictureNames
from ..results import Results
from .measures import CAPTIONS as MEASURE_CAPTIONS

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..result import SpeechResult
    from .corpus_tables import CorpusTables
    from ..analysis.grouping import Grouping
    from .measures import Measures
    from .options import AnalysisOptions

SPEECH_PICTURES = (
    ("wordcloud.png", "词云"),
    ("cooccurrence.png", "关键词共现网络"),
    ("topics.png", "主题图"),
)
# Speeches named in a row of the table of groups; a larger group is counted.
GROUP_MEMBERS_SHOWN = 20
CORPUS_GRAPHS = (("cooccurrence.png", "语料共现网络"), ("topics.png", "语料主题图"))
TABLES = (
    ("compare_changes", "逐年上升与下降的词（对数似然 G²，与上一年相比）", 60, False),
    ("slogans_by_year", "提法时间线（按年出现次数，首次与末次出现年份）", 60, True),
    ("slogan_rates_by_year", "提法时间线（每万字出现次数）", 60, True),
    ("structure_by_year", "各年提纲结构（每层标题数与篇幅）", None, False),
    ("categories_by_year", "各年主题词比例", None, True),
    ("compare_similarity", "年度相似度（TF-IDF 余弦）", None, True),
    ("keywords_by_year", "各年关键词（关键性 G²，与其他年份相比；“排序依据”列说明）", 60, False),
    ("keyness_by_year", "各年关键性（G² 为正：该年多用；为负：其他年份多用）", 60, False),
)
TOPIC_CAPTIONS = {
    "topics": "主题（标签：最具排他性的词，FREX；主要来自一篇的主题已标出）",
    "topics_by_year": "各年主题比例（每篇讲话计一次）",
}
# The section pages of the report: slug, title, what they hold. A table or picture belongs
# to the first section one of whose names it has (a picture by its file stem).
SECTIONS = (
    ("keywords", "关键词与关键性", "各年关键词与关键性（G²）、上升与下降的词、词云、词频趋势、年度相似度、共现网络",
     ("keyness", "keywords_by_year", "wordcloud", "compare-", "compare_changes", "term_trends", "compare_similarity",
      "similarity", "cooccurrence", "dispersion", "categories_by_year", "structure_by_year")),
    ("formulations", "提法", "提法时间线：各年出现次数与每万字次数", ("slogan",)),
    ("topics", "主题", "主题模型：各年主题比例与主题图", ("topic",)),
    ("targets", "目标与指标", "指标数字逐年对比，目标与完成情况", ("indicators", "targets")),
    ("reuse", "文本借用", "与参照文件共有的文字（不含套话与含套话的比例）", ("reuse", "borrowed")),
    ("diffusion", "提法扩散", "各地首次使用核心提法的年份与时滞", ("diffusion", "adoption")),
)
# Every table above is by year, split by a grouping; the targets are split by the corpus's
# level column even without one (the figures of indicators_by_year are kept apart by place).
BY_YEAR = {name for name, *_ in TABLES}
FIGURES = ("targets_ledger",)


def speech_table_file(sid: str, name: str, speech_files: bool) -> str:
    """Where a speech's table ``name`` is, relative to OUT: its own CSV with ``speech_files``,
    else its line of ``speeches.jsonl``."""
    return f"speeches/{sid}/{name}.csv" if speech_files else SPEECH_RECORDS


def _keywords_tables(result: SpeechResult, corpus_keywords: dict | None, sid: str, speech_files: bool) -> list[tuple[str, dict]]:
    """The keyword tables of a page: corpus TF-IDF (``corpus_keywords``: the keywords_tfidf
    rows ``(term, score, count)`` of each speech) and the speech's own TF-IDF and TextRank keywords."""
    tables = []
    if corpus_keywords is not None:
        rows = corpus_keywords.get(sid, [])
        tables.append(("TF-IDF（以语料为文档集）", rows_data(["term", "score", "count"], rows, "TF-IDF", "tables/keywords_tfidf.csv")))
    labels = {"tfidf": "TF-IDF（jieba 通用 IDF）", "textrank": "TextRank"}
    for method, found in result.keywords.items():
        rows = [(k.term, k.score, k.count) for k in found]
        tables.append((labels.get(method, method), rows_data(["term", "score", "count"], rows, method, speech_table_file(sid, "keywords", speech_files))))
    return tables


def _section_themes(result: SpeechResult, sid: str, speech_files: bool) -> dict | None:
    """Category shares of the top-level sections, as percentages (the page's theme table)."""
    sections = result.categories_by_section
    if not sections:
        return None
    categories = list(sections[0].values)
    rows = [[row.title, row.tokens, *(round(row.values[c] * 100, 1) for c in categories)] for row in sections if row.level == 1]
    return rows_data(["一级标题", "实词数", *categories], rows, "主题（%）", speech_table_file(sid, "categories_by_section", speech_files), None)


def _table_caption(name: str, caption: str, grouping: Grouping) -> str:
    """A table's caption, saying how its rows are split: the tables by year and the
    targets by the grouping, the figures also by the corpus's level column alone."""
    if grouping.by is not None and (name in BY_YEAR or name in FIGURES):
        return f"{caption}（按 {grouping.by} 分组）"
    if name in FIGURES and grouping.indicators is not None:
        return f"{caption}（按 {grouping.indicators} 分行）"
    return caption


def _groups_table(corpus: Corpus, grouping: Grouping) -> dict:
    """The groups of a run with their speeches (those without a value under ``(none)``)."""
    import pandas as pd

    column = grouping.indicators
    rows = []
    for label, positions in grouping.groups.items():
        ids = [corpus[i].id for i in positions[:GROUP_MEMBERS_SHOWN]]
        more = f" 等 {len(positions)} 篇" if len(positions) > GROUP_MEMBERS_SHOWN else ""
        rows.append([label, len(positions), "、".join(ids) + more])
    frame = pd.DataFrame(rows, columns=[column, "篇数", "讲话"])
    what = "各年表格与图" if grouping.by is not None else "指标与目标表"
    return table_data(frame, f"分组：{what}按 {column} 分开", limit=None)


def placement(name: str) -> tuple[str | None, int]:
    """The slug of the section a table or picture named ``name`` (a table's name, a
    picture's file stem) belongs to, and its rank there (the order of :data:`SECTIONS`'s
    names); ``(None, 0)`` when it belongs to none."""
    for slug, _, _, names in SECTIONS:
        for rank, prefix in enumerate(names):
            if name.startswith(prefix):
                return slug, rank
    return None, 0


def sections_of(charts: list[dict], tables: list[tuple[str, dict]], links: list[tuple[str, dict]],
                not_drawn: Sequence[dict] = ()) -> list[dict]:
    """The report's section pages: each with the pictures (by file stem), the named tables
    (``(name, table_data)``), the links (``(slug, link)``) and the pictures not drawn
    (``{"picture", "why"}``) that belong to it, in the order of :data:`SECTIONS`' names;
    pictures and tables of no section are on a last page of their own."""
    slugs = [slug for slug, *_ in SECTIONS]
    sections = {slug: {"slug": slug, "title": title, "summary": summary, "charts": [], "tables": [], "links": [], "missing": []}
                for slug, title, summary, _ in SECTIONS}
    sections["other"] = {"slug": "other", "title": "其他", "summary": "", "charts": [], "tables": [], "links": [], "missing": []}
    named = [("charts", Path(chart["path"]).stem, chart) for chart in charts] + [("tables", name, t) for name, t in tables]
    named += [("missing", Path(row["picture"]).stem, row) for row in not_drawn]
    for kind, name, item in sorted(named, key=lambda entry: placement(entry[1])[1]):
        slug, _ = placement(name)
        sections[slug if slug in slugs else "other"][kind].append(item)
    for slug, link in links:
        sections[slug]["links"].append(link)
    return list(sections.values())


def _topic_tables(out: Path) -> list[tuple[str, dict]]:
    """The topic tables the corpus topic model wrote (``tables/topics.csv`` and
    ``tables/topics_by_year.csv``), the prevalence columns named by their topics' labels;
    none when the run has no topic model."""
    import pandas as pd

    topics_file, by_year_file = out / "tables" / "topics.csv", out / "tables" / "topics_by_year.csv"
    if not topics_file.is_file():
        return []
    topics = pd.read_csv(topics_file)
    tables = [("topics", table_data(topics, TOPIC_CAPTIONS["topics"], "tables/topics.csv", None))]
    if by_year_file.is_file():
        names = {f"topic_{t}": f"{t}：{label}" for t, label in zip(topics["topic"], topics["label"])}
        by_year = pd.read_csv(by_year_file).rename(columns=names)
        tables.append(("topics_by_year", table_data(by_year, TOPIC_CAPTIONS["topics_by_year"], "tables/topics_by_year.csv", 60)))
    return tables


def corpus_keywords(tables: CorpusTables) -> dict[str, list[tuple]] | None:
    """The rows ``(term, score, count)`` of ``keywords_tfidf`` by speech, or None when the run has no such table."""
    frame = tables.frames.get("keywords_tfidf")
    return _rows_by_speech(frame, ["term", "score", "count"]) if frame is not None else None


def write_pages(results: Results, out: Path, *, keywords: dict[str, list[tuple]] | None = None,
                speech_files: bool = False) -> set[str]:
    """Write the report pages of the speeches of ``results`` one at a time (a page shows the
    text, so it reads it); return the characters the pages use. ``keywords``: each speech's
    corpus TF-IDF keywords (:func:`corpus_keywords`; those of these speeches are enough). A
    page names where its speech's full tables are: ``speeches.jsonl``, or with
    ``speech_files`` the speech's own files."""
    pages = (
        # A text set aside in a file (StoredSpeech) is read once for the page's several readings.
        speech_page(speech.with_text(), speech.id, result, _keywords_tables(result, keywords, speech.id, speech_files),
                    [{"path": out / "speeches" / speech.id / name, "caption": caption} for name, caption in SPEECH_PICTURES],
                    _section_themes(result, speech.id, speech_files))
        for speech, result in results.pairs()
    )
    return write_speech_pages(out / "report", pages)


def _topic_prevalence_pictures(corpus: Corpus, out: Path, grouping: Grouping) -> list[dict]:
    """The topic prevalence charts of the corpus, or of each group of ``grouping.by``,
    captioned with the years of its speeches as the chart is titled."""
    from .artefacts import TOPIC_PREVALENCE_CAPTION

    if grouping.by is None:
        parts = [(PictureNames(), corpus.years())]
    else:
        parts = [(names, [corpus[i].year for i in grouping.groups[label]]) for label, names in grouping.picture_names().items()]
    return [{"path": out / "graphs" / f"{n.stem('topic_prevalence')}.png", "caption": n.caption(TOPIC_PREVALENCE_CAPTION, years)}
            for n, years in parts]


def build_report(corpus: Corpus, results: list[SpeechResult], tables: CorpusTables, pictures: list[dict], out: Path,
                 options: AnalysisOptions, measures: Measures | None = None, characters: set[str] | None = None,
                 not_drawn: Sequence[dict] = ()) -> Path:
    """Write ``out/report`` and return its index.html (with the targets ledger, and the
    reuse and diffusion tables and pages when ``measures`` has them). ``not_drawn``: the
    ``{"picture", "why"}`` of each picture not drawn, named on its section's page.

    ``characters`` are those of the speech pages when :func:`write_pages` has written
    them already (in another process, say); without, the pages are written here.
    """
    if characters is None:
        pages_of = results if isinstance(results, Results) else Results(corpus, tuple(results))
        characters = write_pages(pages_of, out, keywords=corpus_keywords(tables), speech_files=options.speech_files)
    table_format = options.table_formats[0]  # the file a truncated table's note names
    grouping = tables.grouping
    charts = [*pictures, *({"path": out / "graphs" / name, "caption": PictureNames().caption(caption, corpus.years())}
                           for name, caption in CORPUS_GRAPHS),
              *_topic_prevalence_pictures(corpus, out, grouping)]
    overview = [_groups_table(corpus, grouping)] if grouping.groups else []
    report_tables = [
        (name, table_data(tables.frames[name], _table_caption(name, caption, grouping), f"tables/{name}.{table_format}", limit, index))
        for name, caption, limit, index in TABLES
        if name in tables.frames and not tables.frames[name].empty
    ]
    # The sizes read while the tables were written: the results are not read again for them.
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "year": s.year,
            "speaker": s.meta.speaker,
            "characters": characters,
            "words": words,
            "top_sections": top_sections,
        }
        for s, (characters, _, words, top_sections) in zip(corpus, report_sizes(tables))
    ]
    report_tables += _topic_tables(out)
    links = []
    if measures is not None:
        report_tables += [
            (name, table_data(measures.frames[name], _table_caption(name, caption, grouping), f"tables/{name}.{table_format}", 60))
            for name, caption in MEASURE_CAPTIONS.items()
            if name in measures.frames and not measures.frames[name].empty
        ]
        if measures.reuse is not None:
            links.append(("reuse", {"href": "reuse/index.html", "text": "各篇与参照文件的共有段落（逐段对照）"}))
    skipped = [s.to_dict() for s in corpus.skipped]
    warnings = [*tables.warnings, *(measures.warnings if measures is not None else [])]
    index = write_index(out / "report", rows, skipped, sections_of(charts, report_tables, links, not_drawn), overview,
                        warnings, characters)
    if measures is not None and measures.reuse is not None:
        from ..render.reuse_pages import write_reuse_pages

        write_reuse_pages(measures.reuse, out / "report" / "reuse", root="../", speech_links=True)
        # The font subset must also hold the characters of the reuse pages.
        embed_font(out / "report", page_characters(page.read_text(encoding="utf-8") for page in sorted((out / "report").rglob("*.html"))))
    return index


def report_sizes(tables: CorpusTables) -> list[tuple[int, int, int, int]]:
    """Each speech's :func:`~speechkit.analysis.speech_tables.speech_sizes`: those read when
    ``tables`` were written, else read from their results."""
    from ..analysis.speech_tables import speech_sizes

    if tables.results is None or len(tables.sizes) == len(tables.results):
        return tables.sizes
    return [size for chunk in tables.results.chunks() for size in speech_sizes(chunk)]


def _rows_by_speech(frame, columns: list[str]) -> dict[str, list[tuple]]:
    """The rows of a long table (``columns`` of each) by its ``speech`` column, in table order:
    one pass over the table, not a filter per page."""
    rows: dict[str, list[tuple]] = {}
    for sid, *values in frame[["speech", *columns]].itertuples(index=False, name=None):
        rows.setdefault(sid, []).append(tuple(values))
    return rows
