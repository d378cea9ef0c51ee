"""Hostile and oversized files: each is skipped with its reason before it costs memory, the rest are read.

Also the per-file errors of metadata (front matter, metadata.csv rows) and the smaller
decoding cases: a NUL deep in a file, UTF-16 without a BOM.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cli_run import run
from speechkit.ingest.decode import decode_bytes
from speechkit.ingest.limits import DEFAULT_MAX_FILE_MB, ReadLimits
from speechkit.ingest.metadata import front_matter_value
from speechkit.ingest.read import read_corpus, read_speech

SPEECH = "{year}年工作总结\n同志们：\n一、坚持稳中求进。全年完成产值{year}亿元，增长5%。\n二、抓好“两个确立”。\n"


def _speech(path: Path, year: int = 2022, text: str = SPEECH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.format(year=year), encoding="utf-8")
    return path


def _reasons(corpus) -> dict[str, str]:
    return {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.skipped}


def write_zip_bomb(path: Path, megabytes: int = 100) -> Path:
    """A .docx whose word/document.xml is ``megabytes`` MB of one paragraph repeated (a few hundred KB zipped)."""
    paragraph = b"<w:p><w:r><w:t>\xe5\x90\x8c\xe5\xbf\x97\xe4\xbb\xac</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(megabytes * 1_000_000 // len(paragraph)):
                member.write(paragraph)
            member.write(b"</w:body></w:document>")
    return path


@pytest.fixture
def never_parsed(monkeypatch):
    """python-docx's reader, made to fail the test if anything reaches it."""
    docx = pytest.importorskip("docx")

    def parse(*args, **kwargs):
        raise AssertionError("a refused file reached the .docx parser")

    monkeypatch.setattr(docx, "Document", parse)


def test_zip_bomb_docx_is_refused_from_its_directory_and_the_folder_read(tmp_path, never_parsed):
    bomb = write_zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 2_000_000  # small on disk, 100 MB inside
    _speech(tmp_path / "good.txt")
    _speech(tmp_path / "sub" / "also.md", 2021)
    # Even with a limit that admits 100 MB members, the compression ratio gives it away.
    for limits in (ReadLimits(), ReadLimits(max_file_mb=200)):
        corpus = read_corpus(tmp_path, limits=limits)
        assert sorted(s.id for s in corpus) == ["also", "good"]
        reason = _reasons(corpus)["bomb.docx"]
        assert reason.startswith("member word/document.xml expands ") and reason.endswith("(a zip bomb?)")


def test_docx_member_over_the_size_limit_is_refused(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for number in range(2000):
        document.add_paragraph(f"各位代表：现在，我代表国务院，向大会报告政府工作，请予审议。（{number}）")
    path = tmp_path / "long.docx"
    document.save(str(path))
    assert read_speech(path).text.startswith("各位代表")
    assert path.stat().st_size < 100_000
    corpus = read_corpus(tmp_path, limits=ReadLimits(max_file_mb=0.1))
    assert len(corpus) == 0
    assert _reasons(corpus)["long.docx"].startswith("member word/document.xml uncompressed ")
    assert _reasons(corpus)["long.docx"].endswith("is over the limit of 0.2 MB (--max-file-mb)")


def test_file_over_the_size_limit_is_skipped_unread(tmp_path, monkeypatch, capsys):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: 25 MB that take no disk and, unread, no memory
        handle.truncate(25_000_000)
    _speech(tmp_path / "good.txt")
    corpus = read_corpus(tmp_path)
    assert [s.id for s in corpus] == ["good"]
    assert _reasons(corpus) == {"big.txt": "file of 25 MB is over the limit of 20 MB (--max-file-mb)"}
    assert DEFAULT_MAX_FILE_MB == 20
    code, out, err = run(monkeypatch, capsys, "corpus", tmp_path, "--max-file-mb", "30")
    assert code == 0
    assert f"skipped {big}: binary file, not text" in err.splitlines()  # read, once the limit allows it


def test_max_file_mb_reaches_analyze_and_every_reading_command(real_dir, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "in"
    report = (real_dir / "govreport-2016.txt").read_text(encoding="utf-8")
    _speech(folder / "large.txt", text=report.replace("{", "{{").replace("}", "}}") * 3)  # 180 KB, generated
    _speech(folder / "small.txt")
    reason = "file of 0.181 MB is over the limit of 0.1 MB (--max-file-mb)"
    code, out, err = run(monkeypatch, capsys, "kwic", folder, "产值", "--max-file-mb", "0.1")
    assert code == 0 and f"skipped {folder / 'large.txt'}: {reason}" in err.splitlines()
    out_dir = tmp_path / "out"
    code, out, err = run(monkeypatch, capsys, "analyze", folder, "-o", out_dir, "--no-speech-pictures", "--no-cache",
                         "--max-file-mb", "0.1")
    assert code == 0, err
    assert f"skipped {folder / 'large.txt'}: {reason}" in err.splitlines()
    assert "1 read, 1 skipped" in out


def test_html_over_the_limit_is_skipped(tmp_path):
    pytest.importorskip("readability")
    page = "<html><body>" + "<p>各位代表：现在，我代表国务院，向大会报告政府工作。</p>" * 400 + "</body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert len(read_corpus(tmp_path)) == 1
    corpus = read_corpus(tmp_path, limits=ReadLimits(max_file_mb=0.01))
    assert _reasons(corpus) == {"page.html": "file of 0.0328 MB is over the limit of 0.01 MB (--max-file-mb)"}


def test_pdf_text_over_the_limit_stops_the_reading(tmp_path, seed_path):
    fpdf = pytest.importorskip("fpdf")
    fonts = pytest.importorskip("pylopdf_fonts_zh_cn")
    pytest.importorskip("pypdfium2")
    from speechkit.ingest.errors import UnreadableFile
    from speechkit.ingest.pdf import read_pdf

    pdf = fpdf.FPDF()
    pdf.add_font("cjk", fname=fonts.sans_path())
    pdf.set_font("cjk", size=12)
    lines = [line[:30] for line in seed_path.read_text(encoding="utf-8").split("\n") if line.strip()]
    for page in range(3):
        pdf.add_page()
        for line in lines[page * 20:page * 20 + 20]:
            pdf.cell(0, 8, line)
            pdf.ln(8)
    path = tmp_path / "report.pdf"
    pdf.output(str(path))
    assert read_pdf(path, limits=ReadLimits()).startswith(lines[0])
    with pytest.raises(UnreadableFile, match=r"text of more than 200 characters is over the limit \(--max-file-mb\)"):
        read_pdf(path, limits=ReadLimits(max_file_mb=0.0002))


# Per-file errors of metadata


def test_front_matter_comment_is_a_comment(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nyear: 2024  # 年份\ntitle: '#1 报告'  # 标题\nspeaker: 李强#不是注释\n---\n正文。\n", encoding="utf-8")
    speech = read_speech(path)
    assert (speech.year, speech.title, speech.meta.speaker) == (2024, "#1 报告", "李强#不是注释")
    assert speech.text == "正文。\n"


_PLAIN = st.text(st.characters(blacklist_categories=("Cc", "Zl", "Zp")), min_size=1).filter(
    lambda v: v == v.strip() and " #" not in v and "\t#" not in v and not v.startswith(("#", "'", '"')))


@given(value=_PLAIN, comment=st.text(st.characters(blacklist_categories=("Cc", "Zl", "Zp"))))
@example(value="2024", comment=" 年份")
@example(value="C#", comment="")
def test_a_comment_after_any_plain_value_is_dropped(value, comment):
    assert front_matter_value(value) == value
    assert front_matter_value(f"{value}  #{comment}") == value
    assert front_matter_value(f"'{value}'  #{comment}") == value


def test_bad_front_matter_value_skips_that_file_only(tmp_path, monkeypatch, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text("---\nyear: 20222\n---\n2022年工作总结\n", encoding="utf-8")
    _speech(tmp_path / "good.txt")
    corpus = read_corpus(tmp_path)
    assert [s.id for s in corpus] == ["good"]
    assert _reasons(corpus) == {"bad.md": "front matter: year '20222' is not a four-digit year"}
    code, out, err = run(monkeypatch, capsys, "analyze", tmp_path, "-o", tmp_path / "out", "--no-speech-pictures")
    assert code == 0, err
    assert f"skipped {bad}: front matter: year '20222' is not a four-digit year" in err.splitlines()


def test_manifest_problems_are_reported_by_row_and_the_folder_read(tmp_path):
    for name, year in (("a.txt", 2020), ("b.txt", 2021), ("c.txt", 2022)):
        _speech(tmp_path / name, year)
    (tmp_path / "metadata.csv").write_text(
        "file,year,title\n"
        "a.txt,2020,甲\n"
        "b.txt,20222,乙\n"  # line 3: a bad year, dropped; the file keeps its title
        "c.txt,2022,丙,extra\n"  # line 4: a cell beyond the header
        "a.txt,2019,又一个甲\n",  # line 5: a second row for a.txt
        encoding="utf-8",
    )
    corpus = read_corpus(tmp_path)
    by_id = {s.id: s for s in corpus}
    assert sorted(by_id) == ["a", "b", "c"]
    assert (by_id["a"].year, by_id["a"].title) == (2020, "甲")
    assert (by_id["b"].year, by_id["b"].title) == (2021, "乙")  # the year inferred from the text
    manifest = str(tmp_path / "metadata.csv")
    assert [s.to_dict() for s in corpus.skipped] == [
        {"path": f"{manifest}:3", "reason": "year '20222' is not a four-digit year; value dropped"},
        {"path": f"{manifest}:4", "reason": "1 cell(s) beyond the header's columns dropped: ['extra']"},
        {"path": f"{manifest}:5", "reason": "a second row for 'a.txt' (first at line 2), ignored"},
    ]


# Decoding


def test_nul_after_the_first_8_kb_is_binary_like_one_before(tmp_path):
    text = SPEECH.format(year=2022) * 200
    assert len(text.encode("utf-8")) > 8192 * 2
    for at in (100, 20_000):
        data = text.encode("utf-8")
        (tmp_path / "nul.txt").write_bytes(data[:at] + b"\x00" + data[at:])
        with pytest.raises(Exception, match="binary file, not text"):
            read_speech(tmp_path / "nul.txt")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path, seed_path, encoding):
    text = seed_path.read_text(encoding="utf-8")
    (tmp_path / "seed.txt").write_bytes(text.encode(encoding))
    assert read_speech(tmp_path / "seed.txt").text == read_speech(seed_path).text
    assert decode_bytes("a\n一二".encode(encoding)) == "a\n一二"


def test_analysis_options_carry_the_limits_outside_the_cache_key():
    from speechkit.pipeline.options import AnalysisOptions

    options = AnalysisOptions(max_file_mb=64, follow_links=True)
    assert options.read_limits() == ReadLimits(max_file_mb=64, follow_links=True)
    assert AnalysisOptions().read_limits() == ReadLimits()
    # Which files are read is decided before the per-speech work; a speech's results do not change.
    assert options.key() == AnalysisOptions().key()
