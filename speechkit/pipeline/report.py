"""Assemble the report of a run from its results, tables and pictures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..render.report import embed_font, speech_page, table_data, write_report
from .measures import CAPTIONS as MEASURE_CAPTIONS

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..result import SpeechResult
    from .corpus_tables import CorpusTables
    from .measures import Measures
    from .options import AnalysisOptions

SPEECH_PICTURES = (
    ("wordcloud.png", "词云"),
    ("cooccurrence.png", "关键词共现网络"),
    ("topics.png", "主题图"),
)
CORPUS_GRAPHS = (("cooccurrence.png", "语料共现网络"), ("topics.png", "语料主题图"))
TABLES = (
    ("compare_changes", "逐年上升与下降的词（对数似然 G²，与上一年相比）", 60, False),
    ("slogans_by_year", "提法时间线（按年出现次数，首次与末次出现年份）", 60, True),
    ("structure_by_year", "各年提纲结构（每层标题数与篇幅）", None, False),
    ("indicators_by_year", "指标逐年对比（“redacted” 表示数字被隐去）", 60, True),
    ("categories_by_year", "各年主题词比例", None, True),
    ("compare_similarity", "年度相似度（TF-IDF 余弦）", None, True),
    ("keywords_by_year", "各年关键词（TF-IDF）", 60, False),
)


def _keywords_tables(result: SpeechResult, corpus_keywords, sid: str) -> list[tuple[str, dict]]:
    import pandas as pd

    tables = []
    if corpus_keywords is not None:
        mine = corpus_keywords[corpus_keywords["speech"] == sid][["term", "score", "count"]]
        tables.append(("TF-IDF（以语料为文档集）", table_data(mine, "TF-IDF", "tables/keywords_tfidf.csv")))
    labels = {"tfidf": "TF-IDF（jieba 通用 IDF）", "textrank": "TextRank"}
    for method, found in result.keywords.items():
        frame = pd.DataFrame([k.to_dict() for k in found], columns=["term", "score", "count"])
        tables.append((labels.get(method, method), table_data(frame, method, f"speeches/{sid}/keywords.csv")))
    return tables


def _section_themes(result: SpeechResult, sid: str) -> dict | None:
    """Category shares of the top-level sections, as percentages (the page's theme table)."""
    import pandas as pd

    frame = pd.DataFrame(list(result.categories_by_section))
    if frame.empty:
        return None
    top = frame[frame["level"] == 1]
    categories = [c for c in frame.columns if c not in ("section", "level", "title", "start", "end", "tokens")]
    table = top[["title", "tokens"]].assign(**{c: (top[c] * 100).round(1) for c in categories})
    return table_data(table.rename(columns={"title": "一级标题", "tokens": "实词数"}), "主题（%）",
                      f"speeches/{sid}/categories_by_section.csv", None)


def _top_sections(result: SpeechResult) -> int:
    return sum(1 for s in result.outline.sections if s.kind == "section")


def build_report(corpus: Corpus, results: list[SpeechResult], tables: CorpusTables, pictures: list[dict], out: Path,
                 options: AnalysisOptions, measures: Measures | None = None) -> Path:
    """Write ``out/report`` and return its index.html (with the targets ledger, and the
    reuse and diffusion tables and pages when ``measures`` has them)."""
    corpus_keywords = tables.frames.get("keywords_tfidf")
    pages = []
    for speech, result in zip(corpus, results):
        folder = out / "speeches" / speech.id
        images = [{"path": folder / name, "caption": caption} for name, caption in SPEECH_PICTURES]
        # The page shows the text, so it reads it; the template takes the result's JSON form.
        page = speech_page(speech, speech.id, result.to_dict(), _keywords_tables(result, corpus_keywords, speech.id), images)
        page["themes"] = _section_themes(result, speech.id)
        pages.append(page)
    charts = [*pictures, *({"path": out / "graphs" / name, "caption": caption} for name, caption in CORPUS_GRAPHS)]
    report_tables = [
        table_data(tables.frames[name], caption, f"tables/{name}.csv", limit, index)
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
            table_data(measures.frames[name], caption, f"tables/{name}.csv", 60)
            for name, caption in MEASURE_CAPTIONS.items()
            if name in measures.frames and not measures.frames[name].empty
        ]
        if measures.reuse is not None:
            links.append({"href": "reuse/index.html", "text": "文本借用：各篇与参照文件的共有段落（逐段对照）"})
    skipped = [s.to_dict() for s in corpus.skipped]
    index = write_report(out / "report", rows, skipped, charts, report_tables, pages, links=links)
    if measures is not None and measures.reuse is not None:
        from ..render.reuse_pages import write_reuse_pages

        write_reuse_pages(measures.reuse, out / "report" / "reuse", root="../", speech_links=True)
        # The font subset must also hold the characters of the reuse pages.
        embed_font(out / "report", [page.read_text(encoding="utf-8") for page in sorted((out / "report").rglob("*.html"))])
    return index
