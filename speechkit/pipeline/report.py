"""Assemble the report of a run from its results, tables and pictures."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.report import embed_font, page_characters, rows_data, speech_page, table_data, write_index, write_speech_pages
from ..render.tables import SPEECH_RECORDS
from .measures import CAPTIONS as MEASURE_CAPTIONS

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..result import SpeechResult
    from .corpus_tables import CorpusTables
    from .grouping import Grouping
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
    ("keywords_by_year", "各年关键词（关键性 G²，与其他年份相比；weight 列说明排序依据）", 60, False),
    ("keyness_by_year", "各年关键性（G² 为正：该年多用；为负：其他年份多用）", 60, False),
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
    categories = [c for c in sections[0] if c not in ("section", "level", "title", "start", "end", "tokens")]
    rows = [[row["title"], row["tokens"], *(round(row[c] * 100, 1) for c in categories)] for row in sections if row["level"] == 1]
    return rows_data(["一级标题", "实词数", *categories], rows, "主题（%）", speech_table_file(sid, "categories_by_section", speech_files), None)


def _top_sections(result: SpeechResult) -> int:
    return sum(1 for s in result.outline.sections if s.kind == "section")


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


def write_pages(corpus: Corpus, results: list[SpeechResult], tables: CorpusTables, out: Path,
                indices: Sequence[int] | None = None, *, speech_files: bool = False) -> set[str]:
    """Write the report pages of the speeches at ``indices`` (all by default) one at a time
    (a page shows the text, so it reads it); return the characters the pages use. A page
    names where its speech's full tables are: ``speeches.jsonl``, or with ``speech_files``
    the speech's own files."""
    corpus_keywords = tables.frames.get("keywords_tfidf")
    keywords_of = _rows_by_speech(corpus_keywords, ["term", "score", "count"]) if corpus_keywords is not None else None
    pages = (
        speech_page(speech, speech.id, result, _keywords_tables(result, keywords_of, speech.id, speech_files),
                    [{"path": out / "speeches" / speech.id / name, "caption": caption} for name, caption in SPEECH_PICTURES],
                    _section_themes(result, speech.id, speech_files))
        for speech, result in (
            (corpus[i], results[i]) for i in (range(len(results)) if indices is None else indices)
        )
    )
    return write_speech_pages(out / "report", pages)


def _topic_prevalence_pictures(out: Path, grouping: Grouping) -> list[dict]:
    """The topic prevalence charts of the corpus, or of each group of ``grouping.by``."""
    from .corpus_tables import TOPIC_PREVALENCE_CAPTION
    from .grouping import PictureNames

    names = list(grouping.picture_names().values()) if grouping.by else [PictureNames()]
    return [{"path": out / "graphs" / f"{n.stem('topic_prevalence')}.png", "caption": n.caption(TOPIC_PREVALENCE_CAPTION)}
            for n in names]


def build_report(corpus: Corpus, results: list[SpeechResult], tables: CorpusTables, pictures: list[dict], out: Path,
                 options: AnalysisOptions, measures: Measures | None = None, characters: set[str] | None = None) -> Path:
    """Write ``out/report`` and return its index.html (with the targets ledger, and the
    reuse and diffusion tables and pages when ``measures`` has them).

    ``characters`` are those of the speech pages when :func:`write_pages` has written
    them already (in another process, say); without, the pages are written here.
    """
    if characters is None:
        characters = write_pages(corpus, results, tables, out, speech_files=options.speech_files)
    table_format = options.table_formats[0]  # the file a truncated table's note names
    grouping = tables.grouping
    charts = [*pictures, *({"path": out / "graphs" / name, "caption": caption} for name, caption in CORPUS_GRAPHS),
              *_topic_prevalence_pictures(out, grouping)]
    report_tables = [_groups_table(corpus, grouping)] if grouping.groups else []
    report_tables += [
        table_data(tables.frames[name], _table_caption(name, caption, grouping), f"tables/{name}.{table_format}", limit, index)
        for name, caption, limit, index in TABLES
        if name in tables.frames and not tables.frames[name].empty
    ]
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "year": s.year,
            "speaker": s.meta.speaker,
            "characters": r.characters,
            "words": r.words,
            "top_sections": _top_sections(r),
        }
        for s, r in zip(corpus, results)
    ]
    links = []
    if measures is not None:
        report_tables += [
            table_data(measures.frames[name], _table_caption(name, caption, grouping), f"tables/{name}.{table_format}", 60)
            for name, caption in MEASURE_CAPTIONS.items()
            if name in measures.frames and not measures.frames[name].empty
        ]
        if measures.reuse is not None:
            links.append({"href": "reuse/index.html", "text": "文本借用：各篇与参照文件的共有段落（逐段对照）"})
    skipped = [s.to_dict() for s in corpus.skipped]
    index = write_index(out / "report", rows, skipped, charts, report_tables, links, characters)
    if measures is not None and measures.reuse is not None:
        from ..render.reuse_pages import write_reuse_pages

        write_reuse_pages(measures.reuse, out / "report" / "reuse", root="../", speech_links=True)
        # The font subset must also hold the characters of the reuse pages.
        embed_font(out / "report", page_characters(page.read_text(encoding="utf-8") for page in sorted((out / "report").rglob("*.html"))))
    return index


def _rows_by_speech(frame, columns: list[str]) -> dict[str, list[tuple]]:
    """The rows of a long table (``columns`` of each) by its ``speech`` column, in table order:
    one pass over the table, not a filter per page."""
    rows: dict[str, list[tuple]] = {}
    for sid, *values in frame[["speech", *columns]].itertuples(index=False, name=None):
        rows.setdefault(sid, []).append(tuple(values))
    return rows
