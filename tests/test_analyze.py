"""``speechkit analyze`` end to end: the demo corpus, the real documents, bad files,
determinism, worker processes, and the report in headless Chromium."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from browser import open_page

from speechkit.pipeline.run import AnalysisOptions, analyze

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def speech_records(out: Path) -> dict[str, dict]:
    """The lines of OUT/speeches.jsonl by speech id, in file order."""
    lines = (out / "speeches.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["id"]: record for record in map(json.loads, lines)}


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, cache_dir):
    out = tmp_path_factory.mktemp("demo")
    return analyze(None, out), out


def test_demo_summary_and_files(demo_run):
    summary, out = demo_run
    assert summary.read == 6 and summary.skipped == []
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["read"] == 6 and data["report"] == str(out / "report" / "index.html")
    assert all((out / name).is_file() for name in data["outputs"])
    ids = [f"yunxi-{y}" for y in range(2018, 2024)]
    records = speech_records(out)
    assert list(records) == ids
    for sid in ids:
        assert {"outline", "slogans", "metrics", "placeholders", "keywords", "categories", "categories_by_section"} <= set(records[sid])
        # The folder of a speech holds its pictures only: its results are its line of speeches.jsonl.
        folder = out / "speeches" / sid
        assert {"wordcloud.png", "cooccurrence.gexf", "cooccurrence.png"} <= {p.name for p in folder.iterdir()}
        separate = {"outline.json", "outline.md", "slogans.csv", "metrics.json", "keywords.csv", "frequencies.csv", "categories.json"}
        assert not separate & {p.name for p in folder.iterdir()}
    for name in ("term_trends", "similarity", "keywords_by_year", "slogan_timeline", "categories_by_year", "dispersion"):
        assert (out / "charts" / f"{name}.png").is_file()
    for name in ("cooccurrence.gexf", "cooccurrence.graphml", "topics.gexf", "topics.png"):
        assert (out / "graphs" / name).is_file()


def test_demo_tables_hold_the_right_data(demo_run):
    _, out = demo_run
    timeline = pd.read_csv(out / "tables" / "slogans_by_year.csv", index_col=0)
    assert timeline.loc["两个确立", "first_year"] == 2021
    assert timeline.loc["园区二次创业", "first_year"] == timeline.loc["园区二次创业", "last_year"] == 2023
    new = json.loads((out / "tables" / "slogans_new_and_dropped.json").read_text(encoding="utf-8"))
    assert "两个确立" in new["2021"]["new"] and "项目建设年" in new["2020"]["dropped"]
    indicators = pd.read_csv(out / "tables" / "indicators_by_year_wide.csv").set_index(["indicator", "kind", "unit"])
    assert float(indicators.loc[("规上工业总产值", "outcome", "亿元"), "2019"]) == 97.2
    assert indicators.loc[("规上工业总产值", "outcome", "亿元"), "2022"] == "redacted"
    records = speech_records(out)
    outline = records["yunxi-2019"]["outline"]
    assert outline["sections"][0]["marker"] == "一、"
    placeholders = pd.read_csv(out / "tables" / "placeholders.csv")
    assert set(placeholders["year"]) == {2020, 2022}
    sections = pd.DataFrame(records["yunxi-2020"]["categories_by_section"])
    outline_2020 = records["yunxi-2020"]["outline"]
    assert sections["title"].iloc[0] == outline_2020["sections"][0]["title"]
    assert sections["安全稳定"].max() > 0
    frequencies = pd.read_csv(out / "tables" / "frequencies.csv")
    assert frequencies.groupby("speech")["term"].apply(lambda t: "园区" in set(t)).all()


def test_gexf_has_node_and_edge_attributes(demo_run):
    import networkx as nx

    _, out = demo_run
    graph = nx.read_gexf(out / "graphs" / "cooccurrence.gexf")
    node = next(iter(graph.nodes(data=True)))[1]
    assert {"community", "pagerank", "degree"} <= set(node)
    edge = next(iter(graph.edges(data=True)))[2]
    assert "weight" in edge


def test_report_pages_link_existing_images(demo_run):
    _, out = demo_run
    report = out / "report"
    pages = [*sorted(report.glob("*.html")), *sorted((report / "speeches").glob("*.html"))]
    assert len(list((report / "speeches").glob("*.html"))) == 6
    for page in pages:
        for src in re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / src).is_file(), (page, src)
    # The pictures are on the section pages, not on the index.
    assert "<img" not in (report / "index.html").read_text(encoding="utf-8")
    assert sum(page.read_text(encoding="utf-8").count("<img") for page in report.glob("*.html")) >= 12
    page = (report / "speeches" / "yunxi-2020.html").read_text(encoding="utf-8")
    themes = page[page.index('id="themes"'):page.index('id="slogans"')]
    assert "2020年工作回顾" in themes and "安全稳定" in themes


def test_each_page_lists_its_own_corpus_tfidf_keywords(demo_run):
    # The keywords_tfidf rows of a speech, in order, are the first keyword table of its page.
    import csv

    _, out = demo_run
    with open(out / "tables" / "keywords_tfidf.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for sid in ("yunxi-2020", "yunxi-2023"):
        terms = [row["term"] for row in rows if row["speech"] == sid]
        page = (out / "report" / "speeches" / f"{sid}.html").read_text(encoding="utf-8")
        table = page[page.index("TF-IDF（以语料为文档集）"):]
        table = table[: table.index("</table>")]
        assert terms and re.findall(r"<tr><td>([^<]+)</td>", table) == terms


def test_report_in_chromium(demo_run, tmp_path):
    from PIL import Image

    _, out = demo_run
    outline = speech_records(out)["yunxi-2022"]["outline"]
    page = out / "report" / "speeches" / "yunxi-2022.html"
    shot = tmp_path / "speech.png"
    dom, console = open_page(page, tmp_path, screenshot=shot)
    assert console == []
    for section in outline["sections"]:
        assert section["title"] in dom
    image = Image.open(shot)
    assert image.size == (1280, 2400) and sum(1 for n in image.convert("L").histogram() if n) > 50
    dom, console = open_page(out / "report" / "index.html", tmp_path)
    assert console == [] and "语料总览" in dom


def test_second_run_writes_identical_files(demo_run, tmp_path_factory):
    _, first = demo_run
    second = tmp_path_factory.mktemp("again")
    # Rebuilt, not copied from the run cache: the corpus stage on two processes gives the same files.
    analyze(None, second, jobs=2, options=AnalysisOptions(use_cache=False))
    assert gc.get_freeze_count() == 0  # the results kept out of collection during the run are returned to it
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    different = [n for n in names if n != "summary.json" and (first / n).read_bytes() != (second / n).read_bytes()]
    assert different == []


def test_bad_file_is_listed_not_fatal(tmp_path, cache_dir):
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "yunxi-2021.txt").write_bytes((CORPUS / "yunxi-2021.txt").read_bytes())
    (folder / "yunxi-2022.txt").write_bytes((CORPUS / "yunxi-2022.txt").read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\xff\x00\xfe" * 64)
    summary = analyze(folder, tmp_path / "out")
    assert summary.read == 2
    assert summary.skipped == [{"path": str(folder / "broken.txt"), "reason": "binary file, not text"}]
    index = (tmp_path / "out" / "report" / "index.html").read_text(encoding="utf-8")
    assert "broken.txt" in index and "binary file, not text" in index


def test_cli_analyze_prints_where_the_report_is(tmp_path, cache_dir):
    from typer.testing import CliRunner

    from speechkit.cli import app

    args = ["analyze", str(CORPUS / "yunxi-2018.txt"), "-o", str(tmp_path), "--no-speech-pictures", "--speech-files"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 read, 0 skipped" in result.stdout
    assert f"report: {tmp_path / 'report' / 'index.html'}" in result.stdout
    folder = tmp_path / "speeches" / "yunxi-2018"
    assert (folder / "outline.json").is_file() and not (folder / "wordcloud.png").exists()


def test_real_documents(real_dir, tmp_path, cache_dir):
    summary = analyze(real_dir, tmp_path, options=AnalysisOptions())
    assert summary.read == 22
    assert [s["reason"] for s in summary.skipped] == ["unsupported file type .tsv"]
    sections = pd.read_csv(tmp_path / "tables" / "sections.csv")
    assert (sections[sections.speech == "govreport-2024"]["level"] == 1).sum() >= 3
    changes = pd.read_csv(tmp_path / "tables" / "compare_changes.csv")
    assert not changes.empty
    timeline = pd.read_csv(tmp_path / "tables" / "slogans_by_year.csv", index_col=0)
    assert timeline.loc["两个确立", "first_year"] == 2022
    assert (tmp_path / "report" / "speeches" / "party-congress-20.html").is_file()


def test_public_api_takes_options_by_name(tmp_path, cache_dir):
    import speechkit as sk

    summary = sk.analyze(CORPUS / "yunxi-2019.txt", tmp_path, speech_pictures=False, top_keywords=5)
    assert summary.read == 1 and summary.report == tmp_path / "report" / "index.html"
    keywords = speech_records(tmp_path)["yunxi-2019"]["keywords"]
    assert {method: len(found) for method, found in keywords.items()} == {"textrank": 5, "tfidf": 5}
