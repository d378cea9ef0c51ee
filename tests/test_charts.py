"""Charts: Chinese labels in the bundled font, deterministic PNGs, right data drawn."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from speechkit import SpeechkitError
from speechkit.analysis.categories import category_table, default_dictionary
from speechkit.analysis.frequencies import dispersion, group_frequencies
from speechkit.render import charts
from speechkit.render.fonts import covers, resolve_font

TERMS = ["疫情防控", "营商环境", "高质量发展", "招商引资"]
SLOGANS = ["四个意识", "两个维护", "两个确立", "六稳", "六保", "双招双引", "一园三区", "中国式现代化", "新发展格局"]


@pytest.fixture(scope="module")
def data(demo_corpus):
    """Plain chart inputs computed from our corpus."""
    years = group_frequencies(demo_corpus, "year")
    totals = {year: sum(f.values()) for year, f in years.items()}
    rates = pd.DataFrame({t: [years[y].get(t, 0) * 10_000 / totals[y] for y in years] for t in TERMS}, index=list(years))
    keywords = {y: [{"term": t, "score": float(n)} for t, n in list(f.items())[:8]] for y, f in years.items()}
    groups = demo_corpus.groups("year")
    slogans = pd.DataFrame(
        {y: [sum(s.text.count(slogan) for s in groups[y]) for slogan in SLOGANS] for y in groups}, index=SLOGANS
    )
    vectors = np.array([[years[y].get(t, 0) for t in sorted(years[2018])] for y in years], dtype=float)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    similarity = pd.DataFrame(unit @ unit.T, index=list(years), columns=list(years))
    shares = category_table(demo_corpus, by="year")[default_dictionary().names]
    positions = dispersion(demo_corpus.results(use_cache=False), ["疫情", "营商环境"])
    return {
        "term_trends_chart": (rates, {}),
        "top_keywords_chart": (keywords, {}),
        "slogan_timeline_chart": (slogans, {}),
        "similarity_heatmap": (similarity, {}),
        "category_shares_chart": (shares, {}),
        "dispersion_chart": (positions, {"speeches": [s.id for s in demo_corpus], "labels": {s.id: str(s.year) for s in demo_corpus}}),
    }


CHARTS = ["term_trends_chart", "top_keywords_chart", "slogan_timeline_chart", "similarity_heatmap", "category_shares_chart", "dispersion_chart"]


def figure_texts(figure) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("name", CHARTS)
def test_chart_writes_a_deterministic_png_without_missing_glyphs(tmp_path, data, name):
    chart = getattr(charts, name)
    values, options = data[name]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first = chart(values, tmp_path / "sub" / "a.png", **options)
        second = chart(values, tmp_path / "sub" / "b.png", **options)
    glyph_warnings = [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert glyph_warnings == []
    assert first == tmp_path / "sub" / "a.png"
    assert first.read_bytes() == second.read_bytes()
    with Image.open(first) as image:
        assert image.format == "PNG"
        assert "Software" not in image.info
        assert image.size[0] >= 6 * charts.DPI


@pytest.mark.parametrize("name", CHARTS)
def test_the_font_covers_every_label_drawn(data, name):
    values, options = data[name]
    draw = getattr(charts, name).__wrapped__
    from speechkit.render.fonts import matplotlib_font

    with matplotlib_font():
        figure = draw(values, **options)
    text = "".join(figure_texts(figure)).replace(" ", "").replace("\n", "")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    assert covers(resolve_font(), text)


def test_the_glyph_check_can_fail_without_our_font(tmp_path):
    """Negative control: matplotlib's default font warns on Chinese labels."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = Figure()
        FigureCanvasAgg(figure)
        figure.add_subplot().set_title("营商环境")
        figure.savefig(tmp_path / "x.png")
    assert any("Glyph" in str(w.message) for w in caught)


def test_labels_of_years_are_written_as_people_write_them(data):
    from speechkit.render.fonts import matplotlib_font

    shares = data["category_shares_chart"][0].copy()
    assert len(shares) == 6
    # What pandas makes of years when one speech has none: floats and NaN.
    shares.index = [2013.0, 2014.0, np.nan, None, 2024, 2025]
    with matplotlib_font():
        figure = charts.category_shares_chart.__wrapped__(shares)
    labels = [t.get_text() for t in figure.axes[0].get_xticklabels()]
    assert labels == ["2013", "2014", "未注明", "未注明", "2024", "2025"]


def test_term_trends_keep_the_gaps_between_years():
    from speechkit.render.fonts import matplotlib_font

    rates = pd.DataFrame({"疫情防控": [0.0, 30.0, 4.0]}, index=[2018, 2020, 2024])
    with matplotlib_font():
        figure = charts.term_trends_chart.__wrapped__(rates)
    line = figure.axes[0].get_lines()[0]
    assert list(line.get_xdata()) == [2018, 2020, 2024]
    assert list(line.get_ydata()) == [0.0, 30.0, 4.0]


def test_slogan_timeline_marks_first_appearances(data):
    from matplotlib.patches import Rectangle

    from speechkit.render.fonts import matplotlib_font

    counts = data["slogan_timeline_chart"][0]
    with matplotlib_font():
        figure = charts.slogan_timeline_chart.__wrapped__(counts)
    axes = figure.axes[0]
    rows = [t.get_text() for t in axes.get_yticklabels()]
    years = [int(t.get_text()) for t in axes.get_xticklabels()]
    frames = {rows[round(p.get_y() + 0.5)]: years[round(p.get_x() + 0.5)] for p in axes.patches if isinstance(p, Rectangle)}
    assert frames["两个确立"] == 2021 and frames["双招双引"] == 2020 and frames["中国式现代化"] == 2022
    assert frames["四个意识"] == 2018
    # Rows go by first appearance.
    firsts = [frames[row] for row in rows]
    assert firsts == sorted(firsts)


def test_slogan_timeline_leaves_out_slogans_that_never_occur_and_caps_rows():
    from speechkit.render.fonts import matplotlib_font

    counts = pd.DataFrame({2020: [0, 3, 1, 2], 2021: [0, 1, 0, 5]}, index=["从未出现", "六保", "六稳", "双招双引"])
    with matplotlib_font():
        figure = charts.slogan_timeline_chart.__wrapped__(counts, max_rows=2)
    rows = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert rows == ["双招双引", "六保"]
    with pytest.raises(SpeechkitError, match="nothing to draw"):
        charts.slogan_timeline_chart(counts.loc[["从未出现"]], "/tmp/never.png")


@pytest.mark.parametrize("name", ["slogan_timeline_chart", "similarity_heatmap"])
def test_year_labels_of_a_heat_map_of_many_years_do_not_run_into_each_other(name):
    from speechkit.render.fonts import matplotlib_font

    years = list(range(2000, 2026))
    rng = np.random.default_rng(0)
    frames = {
        "slogan_timeline_chart": pd.DataFrame(rng.integers(1, 50, (30, len(years))), index=[f"提法{i}" for i in range(30)], columns=years),
        "similarity_heatmap": pd.DataFrame(rng.uniform(0.5, 0.9, (len(years), len(years))), index=years, columns=years),
    }
    with matplotlib_font():
        figure = getattr(charts, name).__wrapped__(frames[name])
        figure.canvas.draw()
        boxes = [t.get_window_extent() for t in figure.axes[0].get_xticklabels()]
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()] == [str(y) for y in years]
    assert not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))


def _tick_labels_apart(axes) -> bool:
    axes.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in axes.get_xticklabels() if t.get_text()]
    return not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))


def test_a_long_run_of_years_is_labelled_every_few_round_years():
    from speechkit.render.fonts import matplotlib_font

    years = list(range(2000, 2026))
    rates = pd.DataFrame({term: np.linspace(1, 9, len(years)) for term in TERMS}, index=years)
    ledger = pd.DataFrame({"place": "全国", "indicator": "gdp_growth", "unit": "%", "year": years, "target": 7.0,
                           "target_low": 7.0, "target_high": 7.0, "outcome": 7.5, "verdict": "exceeded"})
    with matplotlib_font():  # the labels are measured in the font they are drawn in
        trends = charts.term_trends_chart.__wrapped__(rates).axes[0]
        panel = charts.target_outcome_chart.__wrapped__(ledger).axes[0]
        groups = charts.term_trends_chart.__wrapped__(rates.set_axis([f"第{i}组" for i in range(len(years))])).axes[0]
        assert _tick_labels_apart(trends) and _tick_labels_apart(panel) and _tick_labels_apart(groups)
    assert [t.get_text() for t in trends.get_xticklabels()] == [str(y) for y in range(2000, 2026, 2)]
    assert [t.get_text() for t in panel.get_xticklabels()] == ["2000", "2005", "2010", "2015", "2020", "2025"]
    assert [t.get_text() for t in groups.get_xticklabels()] == [f"第{i}组" for i in range(len(years))]


def test_category_bars_stack_to_the_total_share(data):
    from speechkit.render.fonts import matplotlib_font

    shares = data["category_shares_chart"][0]
    with matplotlib_font():
        figure = charts.category_shares_chart.__wrapped__(shares)
    tops = {}
    for bar in figure.axes[0].patches:
        x = round(bar.get_x() + bar.get_width() / 2)
        tops[x] = max(tops.get(x, 0.0), bar.get_y() + bar.get_height())
    assert [round(tops[i], 9) for i in range(len(shares))] == [round(v, 9) for v in shares.sum(axis=1)]


def test_dispersion_keeps_a_line_for_speeches_without_the_term(demo_corpus):
    from speechkit.render.fonts import matplotlib_font

    results = demo_corpus.results(use_cache=False)
    positions = dispersion(results, ["疫情防控"])
    assert len(positions) and set(positions["speech"]) < {s.id for s in demo_corpus}
    assert ((positions["position"] >= 0) & (positions["position"] < 1)).all()
    # Each occurrence is placed at the start of its sentence, once per time the term is counted there.
    for speech, result in results.pairs():
        sentences = result.units("sentence")
        holding = {start for start, end in zip(sentences.starts, sentences.ends) if "疫情防控" in speech.text[start:end]}
        placed = positions[positions["speech"] == speech.id]["start"].tolist()
        assert set(placed) <= holding
        assert len(placed) == result.term_counts("sentence").get("疫情防控", 0)
    with matplotlib_font():
        figure = charts.dispersion_chart.__wrapped__(positions, speeches=[s.id for s in demo_corpus])
    assert len(figure.axes[0].get_yticklabels()) == len(demo_corpus)


def test_keywords_accept_pairs_and_records(tmp_path):
    path = charts.top_keywords_chart({2020: [("疫情防控", 3.0), ("复工复产", 2.0)], 2021: [{"term": "开局", "score": 1.5}]}, tmp_path / "k.png")
    assert path.exists()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("term_trends_chart", pd.DataFrame(), "nothing to draw"),
        ("similarity_heatmap", pd.DataFrame([[1.0, 0.5]], index=["a"], columns=["a", "b"]), "square"),
        ("category_shares_chart", pd.DataFrame(), "nothing to draw"),
        ("top_keywords_chart", {2020: []}, "nothing to draw"),
        ("dispersion_chart", pd.DataFrame(columns=["speech", "term", "position"]), "nothing to draw"),
    ],
)
def test_empty_or_malformed_data_are_user_errors(tmp_path, name, value, message):
    with pytest.raises(SpeechkitError, match=message):
        getattr(charts, name)(value, tmp_path / "x.png")


MATH_LIKE = ["$\\foo$", "收入 $5 与 $10", "^_{x}", "\\alpha$"]


@pytest.mark.parametrize("name", CHARTS)
def test_titles_and_labels_are_drawn_literally(tmp_path, name):
    """Text such as $\\foo$ is drawn as written, never parsed as mathtext (which raises)."""
    frames = {
        "term_trends_chart": pd.DataFrame({t: [1.0, 2.0] for t in MATH_LIKE}, index=[2020, 2021]),
        "top_keywords_chart": {"$\\foo$": [(t, 1.0) for t in MATH_LIKE]},
        "slogan_timeline_chart": pd.DataFrame({2020: [1, 2, 3, 4], 2021: [0, 1, 0, 2]}, index=MATH_LIKE),
        "similarity_heatmap": pd.DataFrame(np.eye(4), index=MATH_LIKE, columns=MATH_LIKE),
        "category_shares_chart": pd.DataFrame({t: [0.1, 0.2] for t in MATH_LIKE}, index=["$a$", "$b$"]),
        "dispersion_chart": pd.DataFrame({"speech": ["$s$"] * 4, "term": MATH_LIKE, "position": [0.1, 0.3, 0.5, 0.9]}),
    }
    path = getattr(charts, name)(frames[name], tmp_path / "x.png", title="报告 $\\foo$ 标题")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from speechkit.render.fonts import matplotlib_font

    with matplotlib_font():
        figure = getattr(charts, name).__wrapped__(frames[name], title="报告 $\\foo$ 标题")
    texts = figure_texts(figure)
    assert any(t.startswith("报告 $\\foo$ 标题") for t in texts)
    assert any("$" in t for t in texts if not t.startswith("报告"))


def test_labels_cut_to_the_same_text_stay_distinct(tmp_path):
    from speechkit.render.fonts import matplotlib_font

    long_a = "坚持以人民为中心的发展思想不断增强人民群众获得感"
    long_b = "坚持以人民为中心的发展思想不断增强人民群众幸福感"
    counts = pd.DataFrame({2020: [3, 2, 1], 2021: [1, 1, 1]}, index=[long_a, long_b, "六稳"])
    with matplotlib_font():
        figure = charts.slogan_timeline_chart.__wrapped__(counts)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert len(set(labels)) == 3 and "六稳" in labels
    assert all(len(label) <= 18 for label in labels)
    assert {label[-3:] for label in labels if label != "六稳"} == {"获得感", "幸福感"}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.text(alphabet="发展改革创新…ab ", max_size=30), st.integers(1990, 2030),
                          st.floats(1990, 2030).map(float.__floor__).map(float), st.none()), max_size=12),
       st.integers(4, 20))
@example(["a" * 30, "a" * 30, "a" * 16 + "…" + "a" * 12], 18)
def test_short_labels_are_unique_and_keep_short_ones_whole(values, limit):
    labels = charts._short_labels(values, limit)
    assert len(labels) == len(values) and len(set(labels)) == len(labels)
    full = [charts._label(v) for v in values]
    for text, label in zip(full, labels):
        if len(text) <= limit and full.count(text) == 1 and labels.count(text) == 1:
            assert label == text
    for value, label in zip(values, labels):
        if isinstance(value, float):  # a whole-number year, written without ".0"
            assert label.split(" ")[0] == str(int(value))


CHART_SCRIPT = """
import sys
import pandas as pd
from speechkit.render import charts

shares = pd.DataFrame({"经济": [0.2, 0.3, 0.25], "民生": [0.1, 0.15, 0.2]}, index=[2013.0, 2014.0, 2016.0])
charts.category_shares_chart(shares, sys.argv[1])
"""


def test_chart_bytes_do_not_depend_on_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"{hash_seed}.png"
        result = subprocess.run([sys.executable, "-c", CHART_SCRIPT, str(out)], capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_dispersion_in_cells_shades_each_lane_by_its_densest_cell(tmp_path):
    # Lane "2020": 发展 three times in the first tenth, once at the end; "2021": one mark mid-text.
    positions = pd.DataFrame({"speech": ["2020", "2020", "2020", "2020", "2021"], "term": ["发展"] * 5,
                              "position": [0.01, 0.05, 0.09, 0.99, 0.5]})
    figure = charts.dispersion_chart.__wrapped__(positions, speeches=["2020", "2021"], terms=["发展"], bins=10)
    from matplotlib.collections import PatchCollection

    (cells,) = [c for c in figure.axes[0].collections if isinstance(c, PatchCollection)]
    alphas = cells.get_facecolors()[:, 3].reshape(2, 10)
    assert alphas[0].tolist() == [1.0] + [0.0] * 8 + [pytest.approx(1 / 3)]
    assert alphas[1].tolist() == [0.0] * 5 + [1.0] + [0.0] * 4
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["发展"]
    path = charts.dispersion_chart(positions, tmp_path / "cells.png", speeches=["2020", "2021"], terms=["发展"], bins=10)
    assert Image.open(path).size[0] == 1500


def test_targets_chart_draws_each_target_year_alone_ranges_as_bands_and_places_apart():
    from matplotlib.collections import LineCollection, PolyCollection

    from speechkit.render.fonts import matplotlib_font

    ledger = pd.DataFrame([
        # place, year, low, high, outcome, verdict: 2017 has no target (none set that year), 2018 a range, 2019 words only
        ("全国", 2016, 7.0, 7.0, 6.9, "missed"), ("全国", 2018, 6.5, 7.0, 6.7, "met"),
        ("全国", 2019, None, None, 6.1, None), ("某某省", 2016, 8.0, 8.0, 8.2, "exceeded"),
    ], columns=["place", "year", "target_low", "target_high", "outcome", "verdict"])
    ledger = ledger.assign(indicator="gdp_growth", unit=["%", "%", None, "%"])
    with matplotlib_font():
        figure = charts.target_outcome_chart.__wrapped__(ledger)
    titles = [axes.get_title() for axes in figure.axes]
    assert titles == ["全国 · 国内生产总值增长（%）", "某某省 · 国内生产总值增长（%）"]  # the words-only row joins its panel
    nation = figure.axes[0]
    lines = [segment for c in nation.collections if isinstance(c, LineCollection) for segment in c.get_segments()]
    assert [(round(s[0][0], 2), s[0][1]) for s in lines] == [(2015.65, 7.0)]  # one target line: 2016 only
    bands = [c for c in nation.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1 and bands[0].get_paths()[0].vertices[:, 1].min() == 6.5
    hollow = [c for c in nation.collections if c.get_offsets().shape[0] and not isinstance(c, (LineCollection, PolyCollection))
              and len(c.get_facecolors()) == 0]
    assert [tuple(c.get_offsets()[0]) for c in hollow] == [(2019.0, 6.1)]


def test_a_number_without_a_unit_never_shares_the_axis_of_a_unit():
    """1000万 (a count written without its measure, 10,000,000) and 1000万人 (1000 in 万人) are
    drawn in panels of their own: on one axis the first would stand 10,000 times too high."""
    from speechkit.render.fonts import matplotlib_font

    ledger = pd.DataFrame([
        (2014, 1000.0, "万人", 1232.0, "exceeded"), (2015, 1000.0, "万人", 1442.0, "exceeded"),
        (2017, 1.0e7, None, 1.386e7, "exceeded"),
    ], columns=["year", "target_low", "unit", "outcome", "verdict"])
    ledger = ledger.assign(place="全国", indicator="poverty_reduction", target_high=ledger["target_low"])
    with matplotlib_font():
        figure = charts.target_outcome_chart.__wrapped__(ledger)
    tops = {axes.get_title(): axes.get_ylim()[1] for axes in figure.axes}
    in_wan = next(top for title, top in tops.items() if "万人" in title)
    assert len(tops) == 2 and in_wan < 2000
