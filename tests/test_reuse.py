"""Text reuse: candidate search, alignment, passages with offsets in both texts."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cli_run import run
from conftest import real_speech
from speechkit import Corpus, Speech
from speechkit.analysis.reuse import CharacterCounts, align, find_reuse, minhash_signatures, numbers_agree
from speechkit.model import Metadata

CENTRAL = (
    "二〇一三年是全面贯彻落实党的十八大精神的开局之年。我们要坚持稳中求进工作总基调，"
    "把改善需求结构、优化产业结构、促进区域协调发展、推进城镇化作为主攻方向。"
    "各级政府要切实转变职能，深入推进简政放权、放管结合、优化服务改革。"
)
LOCAL = (
    "今年全区工作的总体要求是：坚持稳中求进工作总基调，加快建设生态园区。"
    "全区上下要切实转变职能，深入推进简政放权、放管结合、优化服务改革，为企业松绑减负。"
    "园区新引进企业十二家。"
)


NUMERALS = "0123456789〇○零一二三四五六七八九十百千万亿两"


def speech(text: str, name: str, year: int | None = None) -> Speech:
    return Speech(text, Metadata(year=year), name=name)


def results_of(*speeches: Speech):
    """The results of ``speeches``, computed here (the user's cache untouched)."""
    return Corpus(list(speeches)).results(use_cache=False)


def test_align_gives_exact_boundaries_and_joins_small_gaps():
    a = "全区上下要切实转变职能，深入推进简政放权、放管结合、优化服务改革，为企业松绑减负。"
    b = "各级政府要切实转变职能，深入推进简政放权、放管结合、优化服务改革。"
    [(s, e, rs, re_, matched)] = align(a, b)
    assert a[s:e] == "要切实转变职能，深入推进简政放权、放管结合、优化服务改革"
    assert b[rs:re_] == a[s:e] and matched == 25
    # One changed character inside a passage is a gap, not a break.
    [(s, e, _, _, matched)] = align("坚持稳中求进工作总基调不动摇推进改革", "坚持稳中有进工作总基调不动摇推进改革")
    assert (s, e, matched) == (0, 18, 17)
    assert align("坚持稳中求进工作总基调", "完全不同的另一段文字内容在此") == []


def test_find_reuse_locates_passages_in_both_texts():
    central, local = speech(CENTRAL, "central", 2013), speech(LOCAL, "local", 2013)
    result = find_reuse(results_of(local), [central])
    texts = [p.text for p in result.passages]
    for p in result.passages:
        assert local.text[p.start : p.end] == p.text and central.text[p.ref_start : p.ref_end] == p.ref_text
    assert any("简政放权、放管结合、优化服务改革" in t for t in texts)
    # 坚持稳中求进工作总基调 has 11 characters: under the 15-character default, kept at 10.
    assert not any(t == "坚持稳中求进工作总基调" for t in texts)
    assert any(p.text == "坚持稳中求进工作总基调" for p in find_reuse(results_of(local), [central], min_length=10).passages)
    row = result.speech_frame().iloc[0]
    counts = CharacterCounts(LOCAL)
    assert row["characters"] == counts.between(0, len(LOCAL)) and 0 < row["share"] < 1
    assert row["top_reference"] == "central" and row["borrowed_sentences"] == 1


def test_references_dated_after_the_speech_are_left_out_unless_asked():
    central, local = speech(CENTRAL, "central", 2014), speech(LOCAL, "local", 2013)
    assert find_reuse(results_of(local), [central]).passages == []
    assert find_reuse(results_of(local), [central], later_references=True).passages


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    prefix=st.text(alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经", max_size=60),
    suffix=st.text(alphabet="十三五规划纲要全面建成小康社会决胜阶段脱贫攻坚战乡村振兴战略", max_size=60),
    start=st.integers(0, 40),
    length=st.integers(16, 60),
)
@example(prefix="", suffix="", start=0, length=16)
@example(prefix="", suffix="", start=1, length=16)
def test_a_copied_passage_is_found_with_its_offsets(prefix, suffix, start, length):
    reference = speech(CENTRAL, "central", 2013)
    copied = CENTRAL[start : start + length]
    local = speech(prefix + "。" + copied + "。" + suffix, "local", 2013)
    result = find_reuse(results_of(local), [reference], min_length=12, sections=False)
    for p in result.passages:
        assert local.text[p.start : p.end] == p.text and reference.text[p.ref_start : p.ref_end] == p.ref_text
        assert numbers_agree(local.text, p.start, p.end, reference.text, p.ref_start, p.ref_end)
    words = CharacterCounts(copied).between(0, len(copied))
    # A copy that cuts a number (〇一三 of 二〇一三) holds another number than the reference.
    end = start + length
    cuts_number = any(0 < i < len(CENTRAL) and CENTRAL[i - 1] in NUMERALS and CENTRAL[i] in NUMERALS for i in (start, end))
    if words >= 14 and not cuts_number:
        covered = {i for p in result.passages for i in range(p.start, p.end)}
        body = range(len(prefix) + 1, len(prefix) + 1 + len(copied))
        inside = [i for i in body if local.text[i] not in "，、；。"]
        assert sum(i in covered for i in inside) >= 0.8 * len(inside)


def test_minhash_signatures_are_deterministic_and_similar_for_similar_text():
    import numpy as np

    keys = ["坚持稳中求进工作总基调", "坚持稳中求进工作总基调", "完全不同的另一段文字"]
    first, again = minhash_signatures(keys), minhash_signatures(list(keys))
    assert (first == again).all() and (first[0] == first[1]).all()
    assert float(np.mean(first[0] == first[2])) < 0.2


def test_national_reports_repeat_earlier_years(real_corpus):
    reports = [real_speech(real_corpus, f"govreport-{year}") for year in range(2013, 2019)]
    result = find_reuse(results_of(*reports))
    frame = result.speech_frame().set_index("speech")
    assert frame.loc["govreport-2013", "borrowed"] == 0  # nothing earlier to copy from
    assert all(frame.loc[f"govreport-{year}", "share"] > 0.02 for year in range(2014, 2019))
    by_id = {s.id: s for s in reports}
    for p in result.passages:
        assert by_id[p.reference].year < by_id[p.speech].year
        assert by_id[p.speech].text[p.start : p.end] == p.text
        assert by_id[p.reference].text[p.ref_start : p.ref_end] == p.ref_text
        assert len(p.text) >= 15
    # The closing formula of the reports' opening paragraph, copied year after year.
    assert any("请予审议" in p.text for p in result.passages if p.speech == "govreport-2015")
    sections = result.section_frame()
    assert set(sections["speech"]) == set(by_id) and (sections["share"].between(0, 1)).all()
    groups = result.group_frame()
    assert groups["year"].tolist() == list(range(2013, 2019)) and (groups["speeches"] == 1).all()
    assert find_reuse(results_of(*reports)).passages == result.passages  # the same input, the same passages


def test_cli_reuse_tables_and_chart(monkeypatch, capsys, real_dir, tmp_path):
    folder = tmp_path / "national"
    folder.mkdir()
    for year in (2013, 2014, 2015):
        (folder / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    local = real_dir / "local-govreport-hailar-2016.txt"
    code, out, err = run(monkeypatch, capsys, "reuse", local, "--against", folder, "--table", "passages", "--format", "json",
                         "--chart", tmp_path / "share.png")
    assert code == 0, err
    passages = json.loads(out)
    text = local.read_text(encoding="utf-8")
    assert passages and all(text[p["start"] : p["end"]] == p["text"] for p in passages)
    assert (tmp_path / "share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, out, _ = run(monkeypatch, capsys, "reuse", folder, "--table", "groups", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "year,speeches,mean_share,mean_share_with_boilerplate,mean_sentence_share"
    code, _, err = run(monkeypatch, capsys, "reuse", folder, "--table", "nothing")
    assert code == 2 and err.count("\n") == 1 and "--table" in err


def test_pages_show_passages_side_by_side_escaped(tmp_path):
    from speechkit.render.reuse_pages import pair_page_name, write_reuse_pages

    hostile = "<b>要切实转变职能</b>，深入推进简政放权、放管结合、优化服务改革。"
    central, local = speech(CENTRAL, "central", 2013), speech(LOCAL + hostile, "a#b%c", 2013)
    result = find_reuse(results_of(local), [central])
    written = write_reuse_pages(result, tmp_path, root="", speech_links=True)
    names = {p.name for p in written}
    assert "index.html" in names and pair_page_name("a#b%c", "central") in names
    assert pair_page_name("a#b%c", "central") == "a%23b%25c--central.html"
    page = (tmp_path / pair_page_name("a#b%c", "central")).read_text(encoding="utf-8")
    assert "<b>" not in page and "&lt;b&gt;" in page
    for p in result.passages:
        assert f"<mark>{p.text}</mark>" in page
    assert 'href="../speeches/a%23b%25c.html#s' in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    # The file name holds %23 literally, so the link quotes its % once more.
    assert 'href="a%2523b%2525c--central.html"' in index


def test_analyze_with_references_writes_reuse_diffusion_and_targets(real_dir, tmp_path):
    from speechkit.pipeline.options import AnalysisOptions
    from speechkit.pipeline.run import analyze

    local, national = tmp_path / "local", tmp_path / "national"
    local.mkdir()
    national.mkdir()
    for year in (2016, 2017):
        (local / f"hailar-{year}.txt").write_bytes((real_dir / f"local-govreport-hailar-{year}.txt").read_bytes())
    for year in (2014, 2015, 2016):
        (national / f"govreport-{year}.txt").write_bytes((real_dir / f"govreport-{year}.txt").read_bytes())
    out = tmp_path / "out"
    summary = analyze(local, out, options=AnalysisOptions(reference=str(national), speech_pictures=False))
    tables = out / "tables"
    passages = json.loads((tables / "reuse_passages.json").read_text(encoding="utf-8"))
    texts = {f"hailar-{y}": (local / f"hailar-{y}.txt").read_text(encoding="utf-8") for y in (2016, 2017)}
    assert passages and all(texts[p["speech"]][p["start"] : p["end"]] == p["text"] for p in passages)
    assert all(p["reference_year"] <= p["year"] for p in passages)
    for name in ("reuse_by_speech", "reuse_by_year", "diffusion_adoption", "targets_ledger"):
        assert f"tables/{name}.csv" in summary.outputs
    ledger = json.loads((tables / "targets_ledger.json").read_text(encoding="utf-8"))
    gdp = [r for r in ledger if r["indicator"] == "gdp_growth" and r["year"] == 2016 and r["unit"] == "%"]
    assert gdp and gdp[0]["outcome"] == 7.2 and gdp[0]["verdict"] == "missed"
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert 'href="reuse.html"' in index and "文本借用" in index
    assert 'href="reuse/index.html"' in (out / "report" / "reuse.html").read_text(encoding="utf-8")
    assert (out / "report" / "reuse" / "index.html").exists()
    assert {"charts/borrowed_share.png", "charts/targets.png", "charts/diffusion_timeline.png"} <= set(summary.outputs)


# --- numbers, boilerplate, word boundaries --------------------------------------------

TARGETS_2014 = "今年经济社会发展的主要预期目标是：国内生产总值增长7.5%左右，居民消费价格涨幅控制在3.5%左右，城镇新增就业1000万人以上。"
TARGETS_2015 = "今年经济社会发展的主要预期目标是：国内生产总值增长7%左右，居民消费价格涨幅控制在3%左右，城镇新增就业1000万人以上。"
STOCK = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。"


def test_a_passage_that_differs_in_numbers_is_a_template_not_borrowed():
    result = find_reuse(results_of(speech(TARGETS_2015, "local", 2015)), [speech(TARGETS_2014, "central", 2014)], min_length=10,
                        sections=False)
    for p in result.passages:
        assert numbers_agree(p.text, 0, len(p.text), p.ref_text, 0, len(p.ref_text))
        assert "7" not in p.text and "3" not in p.text
    assert result.templates and all(t.kind == "template" for t in result.templates)
    assert any("7%" in t.text and "7.5%" in t.ref_text for t in result.templates)
    congress = find_reuse(results_of(speech("全面贯彻党的十九大精神，坚持以人民为中心的发展思想不动摇。", "local", 2018)),
                          [speech("全面贯彻党的十八大精神，坚持以人民为中心的发展思想不动摇。", "central", 2013)], min_length=10,
                          sections=False)
    assert all("十九大" not in p.text for p in congress.passages) and congress.templates


def test_a_stock_phrase_of_many_references_is_boilerplate_and_shares_are_given_both_ways():
    references = [speech(f"第{n}份文件。{STOCK}其他内容各不相同之处第{n}。", f"c{n}", 2020) for n in "一二三"]
    local = speech(f"本区工作。{STOCK}全区招商引资工作取得突破。", "local", 2021)
    result = find_reuse(results_of(local), references, min_length=10, sections=False)
    assert result.passages and {p.kind for p in result.passages} == {"boilerplate"}
    row = result.speech_frame().iloc[0]
    assert row["share"] == 0 and row["share_with_boilerplate"] > 0.5 and row["boilerplate_share"] == row["share_with_boilerplate"]
    alone = find_reuse(results_of(local), references[:1], min_length=10, sections=False)
    assert {p.kind for p in alone.passages} == {"borrowed"} and alone.speech_frame().iloc[0]["share"] > 0.5


def test_real_reuse_counts_no_passage_whose_numbers_differ_and_starts_on_words(real_corpus):
    from speechkit.analysis.reuse import word_boundaries

    national = [real_speech(real_corpus, f"govreport-{year}") for year in (2013, 2014, 2015, 2016, 2017, 2018)]
    hailar = [real_speech(real_corpus, f"local-govreport-hailar-{year}") for year in (2016, 2017, 2018)]
    for result in (find_reuse(results_of(*national), sections=False), find_reuse(results_of(*hailar), national, sections=False)):
        speeches = {s.id: s for s in result.speeches}
        assert result.passages
        for p in result.passages:
            text, ref = speeches[p.speech].text, result.references[p.reference].text
            assert numbers_agree(text, p.start, p.end, ref, p.ref_start, p.ref_end), (p.text, p.ref_text)
            boundaries = word_boundaries(speeches[p.speech])
            assert p.start in boundaries and p.end in boundaries, p.text
        frame = result.speech_frame()
        assert (frame["share"] <= frame["share_with_boilerplate"]).all()
        assert ((frame["boilerplate_share"] - (frame["share_with_boilerplate"] - frame["share"])).abs() <= 1.5e-4).all()
    # Year on year the reports repeat their targets with new figures: template matches, reported apart.
    yearly = find_reuse(results_of(*national), sections=False)
    assert yearly.templates and yearly.speech_frame()["boilerplate_share"].max() > 0
    assert not yearly.passage_frame(templates=True).empty and set(yearly.passage_frame()["kind"]) <= {"borrowed", "boilerplate"}
