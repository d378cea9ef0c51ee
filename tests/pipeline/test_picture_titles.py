"""Every picture ``analyze`` writes of the corpus (charts/, wordclouds/, graphs/) is titled
with the year or years it shows and, in a grouped run, its group: a PNG sent on its own
says what it shows. The titles are read from the drawing functions' calls."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from speechkit.pipeline import analyze
from speechkit.pipeline.options import AnalysisOptions

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# Kinds of the grouped run, from ../shared/data/real: three work reports and two congress reports.
GROUPED = {"govreport-2020.txt": ("2020", "work-report"), "govreport-2022.txt": ("2022", "work-report"),
           "govreport-2024.txt": ("2024", "work-report"), "party-congress-19.txt": ("2017", "congress-report"),
           "party-congress-20.txt": ("2022", "congress-report")}
pytestmark = pytest.mark.usefixtures("cache_dir")  # an empty cache: every picture is drawn by this run
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def record_titles(monkeypatch) -> dict[Path, str | None]:
    """Patch every function that draws a picture of the corpus to note the title it is given, by PNG."""
    from speechkit.pipeline import speech_pictures
    from speechkit.render import charts, wordcloud

    titles: dict[Path, str | None] = {}

    def noting(module, name, png_of):
        original = getattr(module, name)

        def drawing(*args, **kwargs):
            titles[Path(png_of(args, kwargs)).resolve()] = kwargs.get("title")
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, drawing)

    def png_argument(args, kwargs):
        # The last PNG named: a titled copy's source comes before it.
        return [a for a in (*args, *kwargs.values()) if isinstance(a, (str, Path)) and str(a).endswith(".png")][-1]

    for name in dir(charts):
        if name.endswith("_chart") or name in ("similarity_heatmap",):
            noting(charts, name, png_argument)
    for name in ("draw_wordcloud", "draw_comparison_cloud", "titled_copy"):
        noting(wordcloud, name, png_argument)
    noting(speech_pictures, "write_graph_files", lambda args, kwargs: Path(args[1]).with_suffix(".png"))
    return titles


def corpus_pictures(out: Path) -> list[Path]:
    return sorted(p.resolve() for folder in ("charts", "wordclouds", "graphs") for p in (out / folder).glob("*.png"))


def test_every_picture_of_an_ungrouped_run_names_its_years(monkeypatch, tmp_path):
    titles = record_titles(monkeypatch)
    # By frequency, each year's cloud is its one speech's cloud, copied: titled all the same.
    analyze(CORPUS, tmp_path / "out", options=AnalysisOptions(weight="frequency"))
    pictures = corpus_pictures(tmp_path / "out")
    assert {p.parent.name for p in pictures} == {"charts", "wordclouds", "graphs"}
    untitled = [p.name for p in pictures if not titles.get(p)]
    assert untitled == []
    for picture in pictures:
        named = {int(year) for year in YEAR.findall(titles[picture])}
        assert named, (picture.name, titles[picture])
    assert titles[(tmp_path / "out" / "wordclouds" / "wordcloud-2020.png").resolve()] == "2020 年词云（词频）"
    assert "（2018–2023）" in titles[(tmp_path / "out" / "charts" / "term_trends.png").resolve()]
    assert titles[(tmp_path / "out" / "graphs" / "cooccurrence.png").resolve()] == "语料共现网络（2018–2023）"
    # The report's captions are the titles.
    pages = "".join(page.read_text(encoding="utf-8") for page in (tmp_path / "out" / "report").glob("*.html"))
    for picture in pictures:
        assert f"<figcaption>{titles[picture]}" in pages, picture.name


def test_every_picture_of_a_grouped_run_names_its_years_and_group(monkeypatch, tmp_path, real_dir):
    folder = tmp_path / "kinds"
    folder.mkdir()
    for name in GROUPED:
        shutil.copyfile(real_dir / name, folder / name)
    rows = [f"{name},{year},{kind}" for name, (year, kind) in GROUPED.items()]
    (folder / "metadata.csv").write_text("file,year,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    titles = record_titles(monkeypatch)
    analyze(folder, tmp_path / "out", options=AnalysisOptions(speech_pictures=False))
    pictures = corpus_pictures(tmp_path / "out")
    years_of = {kind: {int(year) for year, k in GROUPED.values() if k == kind} for kind in ("work-report", "congress-report")}
    untitled = [p.name for p in pictures if not titles.get(p)]
    assert untitled == []
    grouped = 0
    for picture in pictures:
        title = titles[picture]
        named = {int(year) for year in YEAR.findall(title)}
        assert named, (picture.name, title)
        kind = next((kind for kind in years_of if f"-{kind}" in picture.stem), None)
        if kind is None:
            # A picture of the whole corpus (the dispersion chart, the graphs) spans every year.
            assert named <= {2017, 2020, 2022, 2024} and "kind：" not in title, (picture.name, title)
            continue
        grouped += 1
        assert f"（kind：{kind}）" in title, (picture.name, title)
        assert named <= years_of[kind], (picture.name, title)
    assert grouped >= 10
    work_trends = titles[(tmp_path / "out" / "charts" / "term_trends-work-report.png").resolve()]
    assert work_trends == "词频趋势（每万词）（kind：work-report）（2020–2024）"
    cloud = titles[(tmp_path / "out" / "wordclouds" / "wordcloud-congress-report-2017.png").resolve()]
    assert cloud.startswith("2017 年词云") and "（kind：congress-report）" in cloud


@pytest.mark.parametrize("years, span", [([2013, 2024, 2016], "2013–2024"), ([2020, None, 2020], "2020"),
                                         ([], ""), ([float("nan")], "")])
def test_year_span(years, span):
    from speechkit.analysis.grouping import year_span

    assert year_span(years) == span
