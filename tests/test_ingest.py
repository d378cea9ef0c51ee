"""Ingest: encodings, bad files, metadata."""

from __future__ import annotations

import pytest

from speechkit import SpeechkitError, read_corpus, read_speech
from speechkit.ingest.decode import decode_bytes

TRADITIONAL = (
    "各位同仁：\n過去一年，我們堅持以人民為中心的發展思想，推動經濟高質量發展，"
    "營商環境持續優化，招商引資成果豐碩。園區黨工委帶領幹部職工真抓實幹。\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_seed_reads_back_identical_in_each_encoding(tmp_path, seed_path, encoding):
    text = seed_path.read_text(encoding="utf-8")
    target = tmp_path / "speech.txt"
    target.write_bytes(text.encode(encoding))
    assert read_speech(target).text == text


def test_gbk_subset_reads_back(tmp_path):
    text = "同志们：\n今年园区规上工业总产值增长，营商环境持续优化。\n"
    target = tmp_path / "gbk.txt"
    target.write_bytes(text.encode("gbk"))
    assert read_speech(target).text == text


def test_big5_traditional_text_reads_back(tmp_path):
    target = tmp_path / "big5.txt"
    target.write_bytes(TRADITIONAL.encode("big5"))
    assert read_speech(target).text == TRADITIONAL


def test_short_gb_text_is_not_read_as_big5():
    assert decode_bytes("同志们：".encode("gb18030")) == "同志们："


def test_newlines_normalised_and_nothing_else_changed(tmp_path):
    target = tmp_path / "crlf.txt"
    target.write_bytes("标题\r\n\r\n　　一、总结\r旧式换行\n".encode("utf-8"))
    assert read_speech(target).text == "标题\n\n　　一、总结\n旧式换行\n"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"  \n\n", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file")],
)
def test_bad_files_raise_clear_error(tmp_path, content, reason):
    target = tmp_path / "bad.txt"
    target.write_bytes(content)
    with pytest.raises(SpeechkitError, match=reason) as info:
        read_speech(target)
    assert "bad.txt" in str(info.value)


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(SpeechkitError, match="no such file"):
        read_speech(tmp_path / "nope.txt")
    rtf = tmp_path / "a.rtf"
    rtf.write_bytes(b"{\\rtf1 }")
    with pytest.raises(SpeechkitError, match="unsupported file type .rtf"):
        read_speech(rtf)


def test_corpus_reads_good_files_and_lists_bad_ones(tmp_path, seed_path):
    (tmp_path / "good.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "also-good.md").write_text("2021年工作总结\n\n同志们：\n一、成绩\n很好。\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    corpus = read_corpus(tmp_path)
    assert sorted(s.path.name for s in corpus) == ["also-good.md", "good.txt"]
    reasons = {s.path.rsplit("/", 1)[-1]: s.reason for s in corpus.skipped}
    assert reasons == {"binary.txt": "binary file, not text", "empty.txt": "empty file"}


def test_seed_metadata_inferred(seed):
    assert seed.year == 2022
    assert seed.title == "省级工业园党工委书记在2022年度工作总结大会上的讲话"


def test_year_from_government_report_title(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("2023年政府工作报告\n各位代表：\n现在，我代表市人民政府作报告。\n", encoding="utf-8")
    assert read_speech(target).year == 2023


def test_year_from_file_name_when_text_has_none(tmp_path):
    target = tmp_path / "speech-2019.txt"
    target.write_text("同志们：\n今天我们开会。\n", encoding="utf-8")
    assert read_speech(target).year == 2019


def test_manifest_wins_over_inference_and_front_matter_is_removed(tmp_path):
    (tmp_path / "a.txt").write_text("2020年度工作总结\n同志们：\n好。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: 前言标题\nyear: 2017\nspeaker: 王某\n---\n正文第一段。\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,year,speaker,district\na.txt,2021,李某,东区\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    a, b = corpus
    assert (a.year, a.meta.speaker, a.meta.extra) == (2021, "李某", {"district": "东区"})
    assert (b.year, b.title, b.meta.speaker, b.text) == (2017, "前言标题", "王某", "正文第一段。\n")


def test_real_documents_have_years_and_government_reports_all_do(real_corpus):
    reports = [s for s in real_corpus if "govreport" in s.id]
    assert len(reports) == 16
    assert all(s.year is not None for s in reports)
    years = {s.id: s.year for s in real_corpus}
    assert years["govreport-2013"] == 2013
    assert years["local-govreport-hailar-2017"] == 2017
    assert years["party-congress-20"] == 2022
    assert years["provincial-govreport-guizhou-2026"] == 2026


def test_real_document_speakers(real_corpus):
    speakers = {s.id: s.meta.speaker for s in real_corpus}
    assert speakers["govreport-2013"] == "温家宝"
    assert speakers["govreport-2014"] == "李克强"
    assert speakers["party-congress-20"] == "习近平"
    assert speakers["provincial-govreport-guangdong-2026"] == "孟凡利"
    assert speakers["govreport-2024"] == "李强"


def test_docx_is_read(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("2022年度工作总结")
    document.add_paragraph("同志们：")
    document.add_paragraph("一、主要成绩")
    path = tmp_path / "speech.docx"
    document.save(str(path))
    speech = read_speech(path)
    assert speech.text == "2022年度工作总结\n同志们：\n一、主要成绩"
    assert speech.year == 2022


def test_corrupt_docx_is_a_clear_error(tmp_path):
    pytest.importorskip("docx")
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(SpeechkitError, match="broken.docx: not a readable .docx"):
        read_speech(path)


def test_same_file_names_in_subfolders_get_unique_ids(tmp_path):
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "2022.txt").write_text(f"{folder}园区2022年度工作总结\n发展。\n", encoding="utf-8")
    (tmp_path / "2021.txt").write_text("2021年度工作总结\n发展。\n", encoding="utf-8")
    assert [s.id for s in read_corpus(tmp_path)] == ["2021", "east__2022", "west__2022"]
