"""The HTML report renderer on its own: escaping, links, fonts, browser."""

from __future__ import annotations

import re

import pytest

from browser import open_page
from speechkit import read_speech
from speechkit.model import Outline, Section, Slogan, Span
from speechkit.render.report import speech_page, table_data, write_index, write_speech_pages
from speechkit.result import SpeechResult


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return make_report(tmp_path_factory.mktemp("report"), TEXT)


def make_report(tmp_path, text):
    import pandas as pd

    path = tmp_path / "speech.txt"
    path.write_text(text, encoding="utf-8")
    speech = read_speech(path)
    start = text.index("四个意识")
    result = SpeechResult(
        characters=len(text),
        words=20,
        frequencies=(),
        outline=Outline(title=None, sections=[Section(level=1, marker="一、", number=1, title="总结成绩",
                                                      start=text.index("一、"), end=len(text))]),
        records={"slogans": (Slogan(text="四个意识", kind="numbered", count=1, spans=[Span(start, start + 4)]),)},
    )
    page = speech_page(speech, "speech", result, [("TF-IDF", table_data(pd.DataFrame({"term": ["园区"], "score": [0.5]}), "kw"))], [])
    characters = write_speech_pages(tmp_path / "report", [page])
    return write_index(
        tmp_path / "report",
        speeches=[{"id": "speech", "title": speech.title, "year": speech.year, "speaker": None,
                   "characters": len(text), "words": 20, "top_sections": 1}],
        skipped=[{"path": "bad.txt", "reason": "binary file, not text"}],
        sections=[{"slug": "keywords", "title": "关键词", "charts": [],
                   "tables": [table_data(pd.DataFrame({"年份": [2022], "<b>值</b>": ["<i>x</i>"]}), "对比")], "links": []}],
        characters=characters,
    )


TEXT = "2022年度工作总结\n\n同志们：\n一、总结成绩\n我们增强四个意识。页面里写着<script>alert(1)</script>也只是文字。\n"


def test_document_text_is_escaped(index):
    page = (index.parent / "speeches" / "speech.html").read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>值</b>" not in (index.parent / "keywords.html").read_text(encoding="utf-8")


def test_slogans_link_to_their_sentence(index):
    page = (index.parent / "speeches" / "speech.html").read_text(encoding="utf-8")
    target = re.search(r'<td>四个意识</td>.*?href="#(s\d+)"', page, re.S).group(1)
    sentence = re.search(rf'<span id="{target}">(.*?)</span>', page).group(1)
    assert sentence == "我们增强四个意识。"


def test_font_subset_covers_the_pages(tmp_path):
    from speechkit.render.fonts import covers
    index = make_report(tmp_path, TEXT)
    font = index.parent / "fonts" / "cjk.otf"
    assert covers(font, "总结成绩四个意识未能读取关键词")
    assert font.stat().st_size < 1_000_000


def test_report_opens_in_chromium_and_shows_text(index, tmp_path):
    dom, console = open_page(index.parent / "speeches" / "speech.html", tmp_path)
    assert console == []
    assert "总结成绩" in dom and "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "alert(1)</script>" not in dom


def test_the_font_cut_is_kept_in_the_cache_and_reused(tmp_path, monkeypatch):
    import speechkit.render.report as report

    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "cache"))
    first = report.embed_font(tmp_path / "one", {"两", "个", "确", "立"}).read_bytes()
    assert len(list((tmp_path / "cache" / "fonts").glob("*.otf"))) == 1
    monkeypatch.setattr(report, "_write_subset", lambda *a: (_ for _ in ()).throw(AssertionError("cut again")))
    assert report.embed_font(tmp_path / "two", {"立", "确", "个", "两"}).read_bytes() == first
    with pytest.raises(AssertionError, match="cut again"):
        report.embed_font(tmp_path / "three", {"新", "字"})


def test_the_font_is_cut_when_the_cache_cannot_be_written(tmp_path, monkeypatch):
    monkeypatch.setenv("SPEECHKIT_CACHE", str(tmp_path / "file"))
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    from fontTools.ttLib import TTFont

    from speechkit.render.report import embed_font

    font = TTFont(embed_font(tmp_path / "report", {"两", "个"}))
    assert {ord("两"), ord("个")} <= set(font.getBestCmap())


# The report of an analysis run: a short index, a page per section, pictures that open full size.

SECTION_PAGES = ("keywords", "formulations", "topics", "targets")


@pytest.fixture(scope="module")
def real_report(real_dir, tmp_path_factory, cache_dir):
    from speechkit.pipeline.run import AnalysisOptions, analyze

    out = tmp_path_factory.mktemp("real")
    analyze(real_dir, out, options=AnalysisOptions(speech_pictures=False))
    return out / "report"


def test_the_index_is_an_overview_that_links_the_section_pages(real_report):
    index = (real_report / "index.html").read_text(encoding="utf-8")
    # No pictures and at most the small table of groups: the tables are on the section pages.
    assert "<img" not in index
    assert index.count("<table") <= 1 and index.count("<tr") <= 12
    assert len(index) < 10_000
    links = set(re.findall(r'<a href="([^"#]+)"', index))
    for slug in SECTION_PAGES:
        assert f"{slug}.html" in links and (real_report / f"{slug}.html").is_file()
    assert "speeches.html" in links
    speeches = (real_report / "speeches.html").read_text(encoding="utf-8")
    pages = re.findall(r'<a href="(speeches/[^"]+\.html)"', speeches)
    assert len(pages) == 22 and all((real_report / p).is_file() for p in pages)


def test_every_picture_opens_full_size(real_report):
    pictures = 0
    for page in [*real_report.glob("*.html"), *real_report.glob("*/*.html")]:
        html = page.read_text(encoding="utf-8")
        images = re.findall(r"<img [^>]*>", html)
        linked = re.findall(r'<a href="([^"]+)"[^>]*><img src="([^"]+)"', html)
        assert len(linked) == len(images), page
        assert all(href == src and (page.parent / src).is_file() for href, src in linked), page
        pictures += len(images)
    keywords = (real_report / "keywords.html").read_text(encoding="utf-8")
    assert keywords.count("<img") >= 10 and pictures >= 15


def test_section_pages_have_chinese_column_headers(real_report):
    headers = [header for slug in SECTION_PAGES
               for header in re.findall(r"<th>([^<]*)</th>", (real_report / f"{slug}.html").read_text(encoding="utf-8"))]
    assert {"词语", "G²", "提法", "首次年份", "年份"} <= set(headers)
    english = [h for h in headers if re.fullmatch(r"[A-Za-z_ ]+", h)]
    assert english == []


def test_a_year_of_one_speech_gets_no_trend_chart(tmp_path, cache_dir):
    from speechkit.pipeline.run import AnalysisOptions, analyze

    folder = tmp_path / "one-year"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text(
            f"2021年{name}工作报告\n\n一、经济发展\n我们推进乡村振兴，坚持高质量发展，建设园区{name}。\n"
            "二、民生\n我们办好民生实事，完善社会保障，稳定就业。\n", encoding="utf-8")
    summary = analyze(folder, tmp_path / "out", options=AnalysisOptions(speech_pictures=False))
    assert not (tmp_path / "out" / "charts" / "term_trends.png").exists()
    missed = {row["picture"]: row["why"] for row in summary.not_drawn}
    assert "only one year (2021)" in missed["charts/term_trends.png"]
    assert "<img" not in (tmp_path / "out" / "report" / "index.html").read_text(encoding="utf-8")
    keywords = (tmp_path / "out" / "report" / "keywords.html").read_text(encoding="utf-8")
    assert "未绘制的图" in keywords and "<code>charts/term_trends.png</code>：only one year (2021)" in keywords


def test_the_index_fits_in_three_screens(real_report, tmp_path):
    from browser import screenshot_height

    # 900 px a screen at 1280 px wide.
    assert screenshot_height(real_report / "index.html", tmp_path) <= 2700


def test_every_table_and_picture_of_a_run_has_its_section():
    from speechkit.pipeline.measures import CAPTIONS
    from speechkit.pipeline.report import TABLES, TOPIC_CAPTIONS, placement

    names = [name for name, *_ in TABLES] + list(CAPTIONS) + list(TOPIC_CAPTIONS)
    assert all(placement(name)[0] is not None for name in names), [n for n in names if placement(n)[0] is None]
    pictures = {"keyness-2026": "keywords", "wordcloud-national-2024": "keywords", "compare-2024-2026": "keywords",
                "term_trends-local": "keywords", "slogan_timeline": "formulations", "topic_prevalence-national": "topics",
                "topics": "topics", "targets-national": "targets", "borrowed_share": "reuse",
                "adoption_lags": "diffusion", "diffusion_timeline": "diffusion"}
    assert {name: placement(name)[0] for name in pictures} == pictures
