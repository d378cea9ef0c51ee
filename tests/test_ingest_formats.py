"""Web pages and PDF files of a real report read back as its text: the same outline, slogans and metrics.

The files are made here from ../shared/data/real/govreport-2016.txt: a web page as a
government site serves it (navigation, scripts, a date line, a footer around the article)
and a printed PDF (running header, page numbers, lines wrapped mid-paragraph, paragraphs
running across pages), drawn in the bundled CJK font.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from cli_run import run
from speechkit.extract.metrics.metrics import extract_metrics
from speechkit.extract.outline.structure import extract_outline
from speechkit.extract.slogans.slogans import extract_slogans
from speechkit.ingest.read import read_corpus, read_speech

REPORT = "govreport-2016.txt"
HEADER = "2016年政府工作报告（全文）"


# Other kinds of document: a long congress report, a local report with a dash-led title
# and Latin words, a notice whose paragraphs are mostly single lines.
OTHER_DOCUMENTS = ("party-congress-20.txt", "local-govreport-hailar-2017.txt", "policy-notice-2020-public-info.txt")


def report_lines(real_dir: Path, name: str = REPORT) -> list[str]:
    """A document's non-blank lines: its title, then one line per paragraph."""
    return [line.strip() for line in (real_dir / name).read_text(encoding="utf-8").split("\n") if line.strip()]


def write_html(lines: list[str], path: Path) -> Path:
    """The report as a government site's article page, with the noise around it."""
    title, body = lines[0], lines[1:]
    paragraphs = "\n".join(f"<p style=\"text-indent: 2em\">{html.escape(line)}</p>" for line in body)
    path.write_text(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}_中国政府网</title>
<meta name="firstpublishedtime" content="2016-03-17-08:30:00">
<script>var _hmt = _hmt || []; document.write("统计代码：访问量");</script>
<style>.nav li {{ float: left; }}</style></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zhengce/">政策</a></li>
<li><a href="/hudong/">互动</a></li><li><a href="/fuwu/">服务</a></li><li><a href="/shuju/">数据</a></li></ul>
<form><input name="q" placeholder="搜索"></form></div>
<div class="crumbs"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a> &gt; 政府工作报告</div>
<div class="article"><h1>{html.escape(title)}</h1>
<div class="pages-date">2016-03-17 08:30　来源： 新华社</div>
<div class="pages_content" id="UCAP-CONTENT">
{paragraphs}
</div><div class="share">分享到：微信 微博 QQ空间</div></div>
<div class="related"><h3>相关稿件</h3><ul><li><a href="/a">2015年政府工作报告</a></li><li><a href="/b">2014年政府工作报告</a></li></ul></div>
<div class="footer"><p>版权所有：中国政府网 | 关于本网 | 网站声明 | 网站地图 | 联系我们</p>
<p>京ICP备05070218号 京公网安备11010202000001号</p></div>
<script>console.log("分享到微信");</script>
</body></html>
""", encoding="utf-8")
    return path


def write_pdf(lines: list[str], path: Path) -> Path:
    """The report printed on A4: a running header, page numbers, paragraphs indented and wrapped."""
    fpdf = pytest.importorskip("fpdf")
    fonts = pytest.importorskip("pylopdf_fonts_zh_cn")

    class Printed(fpdf.FPDF):
        def header(self):
            self.set_font("cjk", size=9)
            self.cell(0, 6, HEADER, align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("cjk", size=9)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Printed(format="A4")
    pdf.add_font("cjk", fname=fonts.sans_path())
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    indent = 8.5
    for number, paragraph in enumerate(lines):
        pdf.set_font("cjk", size=16 if number == 0 else 12)
        if number == 0:  # the title, centred
            pdf.cell(0, 10, paragraph, align="C")
            pdf.ln(14)
            continue
        line, first = "", True
        # Wrapped as a typesetter wraps Chinese: after any character, but not inside a Latin word.
        for unit in [*re.findall(r"[A-Za-z]+|.", paragraph), "\n"]:
            room = width - (indent if first else 0)
            if unit != "\n" and pdf.get_string_width(line + unit) <= room:
                line += unit
                continue
            if pdf.get_y() + 7 > pdf.h - 20:
                pdf.add_page()
                pdf.set_font("cjk", size=12)
            pdf.set_x(pdf.l_margin + (indent if first else 0))
            pdf.cell(room, 7, line)
            pdf.ln(7)
            line, first = unit, False
    pdf.output(str(path))
    return path


def outline_shape(speech) -> list:
    """The outline without offsets: level, marker, number, title and items of every section."""

    def shape(section) -> dict:
        data = section.to_dict()
        return {
            "level": data["level"], "marker": data["marker"], "number": data["number"], "title": data["title"],
            "items": [(i["marker"], i["number"], i["text"]) for i in data["items"]],
            "children": [shape(child) for child in section.children],
        }

    outline = extract_outline(speech, keywords=0)
    return [shape(section) for section in outline.sections]


def findings(speech) -> tuple:
    slogans = sorted((s.text, s.kind, s.count) for s in extract_slogans(speech))
    metrics = [(m.indicator, m.value, m.raw, m.unit) for m in extract_metrics(speech)]
    return outline_shape(speech), slogans, metrics


@pytest.fixture(scope="module")
def formats_folder(real_dir, tmp_path_factory) -> Path:
    """The report as .txt, .html and .pdf in one folder."""
    pytest.importorskip("readability")
    pytest.importorskip("pypdfium2")
    folder = tmp_path_factory.mktemp("formats")
    lines = report_lines(real_dir)
    (folder / REPORT).write_bytes((real_dir / REPORT).read_bytes())
    write_html(lines, folder / "govreport-2016.html")
    write_pdf(lines, folder / "govreport-2016.pdf")
    return folder


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_web_page_and_pdf_read_back_as_the_reports_paragraphs(formats_folder, real_dir, suffix):
    speech = read_speech(formats_folder / f"govreport-2016{suffix}")
    assert speech.text.split("\n") == report_lines(real_dir)
    assert (speech.title, speech.year) == ("2016年国务院政府工作报告", 2016)


@pytest.mark.parametrize("name", OTHER_DOCUMENTS)
def test_other_real_documents_read_back_from_web_page_and_pdf(real_dir, tmp_path, name):
    pytest.importorskip("readability")
    pytest.importorskip("pypdfium2")
    lines = report_lines(real_dir, name)
    txt = read_speech(real_dir / name)
    for path in (write_html(lines, tmp_path / "page.html"), write_pdf(lines, tmp_path / "printed.pdf")):
        speech = read_speech(path)
        assert speech.text.split("\n") == lines, path.name
        assert outline_shape(speech) == outline_shape(txt), path.name


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_outline_slogans_and_metrics_match_the_txt(formats_folder, suffix):
    txt = findings(read_speech(formats_folder / REPORT))
    other = findings(read_speech(formats_folder / f"govreport-2016{suffix}"))
    assert len(txt[0]) >= 3 and txt[1] and txt[2]  # the report has an outline, slogans and metrics to compare
    assert other == txt


def test_web_page_date_and_no_page_furniture(formats_folder):
    page = read_speech(formats_folder / "govreport-2016.html")
    assert page.meta.date == "2016-03-17"
    for noise in ("首页", "统计代码", "版权所有", "分享到", "相关稿件", "document.write"):
        assert noise not in page.text
    printed = read_speech(formats_folder / "govreport-2016.pdf")
    assert HEADER not in printed.text and "- 2 -" not in printed.text


def test_analyze_gives_each_format_the_same_outline_and_slogans(formats_folder, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    code, _, err = run(monkeypatch, capsys, "analyze", formats_folder, "-o", out, "--no-speech-pictures", "--no-cache")
    assert code == 0, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["read"] == 3 and summary["skipped"] == []
    by_speech: dict[str, tuple[list, list]] = {}
    for row in json.loads((out / "tables" / "sections.json").read_text(encoding="utf-8")):
        by_speech.setdefault(row["speech"], ([], []))[0].append(
            (row["path"], row["level"], row["marker"], row["number"], row["title"], row["items"]))
    for row in json.loads((out / "tables" / "slogans.json").read_text(encoding="utf-8")):
        by_speech.setdefault(row["speech"], ([], []))[1].append((row["text"], row["kind"], row["count"]))
    assert sorted(by_speech) == ["govreport-2016.html", "govreport-2016.pdf", "govreport-2016.txt"]
    txt = by_speech["govreport-2016.txt"]
    assert len(txt[0]) >= 5 and len(txt[1]) >= 10
    assert by_speech["govreport-2016.html"] == txt
    assert by_speech["govreport-2016.pdf"] == txt


def test_doc_is_reported_with_the_conversion_to_make(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (tmp_path / "new.txt").write_text("2024年工作总结\n同志们：\n一、成绩\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert [s.id for s in corpus] == ["new"]
    assert [s.reason for s in corpus.skipped] == [
        "old Word .doc is not read; convert it to .docx: libreoffice --headless --convert-to docx FILE"]


@pytest.mark.parametrize(
    ("suffix", "module", "extra"), [(".html", "readability", "html"), (".html", "htmldate", "html"), (".pdf", "pypdfium2", "pdf")]
)
def test_a_missing_extra_is_a_one_line_reason(tmp_path, monkeypatch, suffix, module, extra):
    import sys

    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    (tmp_path / f"page{suffix}").write_bytes(b"<html><body><p>\xe6\x96\x87</p></body></html>")
    corpus = read_corpus(tmp_path)
    assert [s.reason for s in corpus.skipped] == [f"reading {suffix} needs the {extra} extra: pip install 'speechkit[{extra}]'"]


def test_xhtml_page_in_gb18030_with_an_xml_declaration(tmp_path):
    pytest.importorskip("readability")
    body = "".join(f"<p>{i}、各位代表：现在，我代表国务院，向大会报告政府工作，请予审议。</p>" for i in "一二三四五")
    page = (f'<?xml version="1.0" encoding="gb18030"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
            f"<title>政府工作报告</title></head><body><div class=\"content\">{body}</div></body></html>")
    (tmp_path / "old.htm").write_bytes(page.encode("gb18030"))
    speech = read_speech(tmp_path / "old.htm")
    assert speech.text.split("\n")[0] == "政府工作报告"
    assert speech.text.split("\n")[1:] == [f"{i}、各位代表：现在，我代表国务院，向大会报告政府工作，请予审议。" for i in "一二三四五"]
