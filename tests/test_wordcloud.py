"""Word clouds: our frequencies, Chinese glyphs, masks, determinism, the CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from speechkit import SpeechkitError
from speechkit.analysis.frequencies import group_frequencies, speech_frequencies, sum_frequencies
from speechkit.cli import app
from speechkit.render.fonts import covers, resolve_font
from speechkit.render.wordcloud import (
    clean_frequencies,
    comparison_terms,
    draw_comparison_cloud,
    draw_group_wordclouds,
    draw_wordcloud,
    group_filename,
)

SMALL = {"width": 480, "height": 300}


def pixels(path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


# --- frequencies ---------------------------------------------------------------------


def test_speech_frequencies_count_content_words_in_a_stable_order(seed):
    frequencies = speech_frequencies(seed)
    assert frequencies["园区"] > 20 and frequencies["全面从严治党"] >= 3
    assert not {"的", "同志们", "2022", "*", "**", "。"} & set(frequencies)
    ranked = list(frequencies.items())
    assert ranked == sorted(ranked, key=lambda kv: (-kv[1], kv[0]))


def test_year_frequencies_sum_the_speeches_of_the_year(real_corpus):
    by_speech = group_frequencies(real_corpus, "speech")
    by_year = group_frequencies(real_corpus, "year")
    members = [s.id for s in real_corpus if s.year == 2022]
    assert len(members) > 1
    assert by_year[2022] == sum_frequencies(by_speech[m] for m in members)
    assert sum_frequencies(by_year.values()) == sum_frequencies(by_speech.values())


def test_clean_frequencies_drop_stopwords_numbers_placeholders_and_latin():
    raw = {"营商环境": 5, "的": 9, "同志们": 4, "2022": 3, "5.2%": 2, "**": 7, "××": 2, "XX": 2,
           "某某": 3, "○○": 1, "PM2.5": 1, "党": 6, "招商引资": 0, "项目": 3}
    assert clean_frequencies(raw) == {"营商环境": 5, "项目": 3}
    assert clean_frequencies({"营商环境": 5, "项目": 3}, stopwords={"项目"}) == {"营商环境": 5}


# --- drawing -------------------------------------------------------------------------


def test_same_input_gives_identical_png_bytes(tmp_path, seed):
    frequencies = speech_frequencies(seed)
    first = draw_wordcloud(frequencies, tmp_path / "a.png")
    second = draw_wordcloud(dict(reversed(list(frequencies.items()))), tmp_path / "b.png")
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"\x89PNG")
    assert Image.open(first).size == (1200, 750)
    other_seed = draw_wordcloud(frequencies, tmp_path / "c.png", random_state=7)
    assert other_seed.read_bytes() != first.read_bytes()


CLOUD_SCRIPT = """
import sys
from speechkit import read_speech
from speechkit.analysis.frequencies import speech_frequencies
from speechkit.render.wordcloud import draw_wordcloud

draw_wordcloud(speech_frequencies(read_speech(sys.argv[1])), sys.argv[2])
"""


def test_cloud_bytes_do_not_depend_on_the_hash_seed(tmp_path, seed_path):
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"{hash_seed}.png"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run([sys.executable, "-c", CLOUD_SCRIPT, str(seed_path), str(out)],
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_layout_places_the_heaviest_words_first_and_largest(seed):
    """The words placed are the heaviest, in order; a lighter word is never drawn larger;
    the heaviest starts at the largest size; no two words' glyphs overlap."""
    from PIL import ImageFont

    from speechkit.render.wordcloud import MAX_FONT_SIZE, lay_out_cloud

    frequencies = clean_frequencies(speech_frequencies(seed))
    font_file = str(resolve_font())
    cloud = lay_out_cloud(frequencies, font_file=font_file, canvas=(400, 250))
    placed = [(word, size, position) for (word, _), size, position, _, _ in cloud.layout_]
    assert [word for word, _, _ in placed] == list(frequencies)[: len(placed)]
    assert len(placed) > 100
    sizes = [size for _, size, _ in placed]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == MAX_FONT_SIZE
    # The glyphs take the space, not their boxes: small words may sit in a big one's gaps.
    # (Drawn as the package draws them: an upright TransposedFont puts the ink's top-left
    # corner at the position.)
    ink = np.zeros((250, 400), dtype=int)
    for word, size, (row, column) in placed:
        layer = Image.new("L", (400, 250))
        font = ImageFont.TransposedFont(ImageFont.truetype(font_file, size), orientation=None)
        ImageDraw.Draw(layer).text((column, row), word, fill=255, font=font)
        ink += np.asarray(layer) > 0
    assert ink.max() == 1


def test_ties_are_laid_out_alike_whatever_the_input_order(tmp_path):
    """The package keeps the input order of equal weights: ours sorts them first."""
    words = {"营商环境": 3, "乡村振兴": 3, "项目建设": 3, "科技创新": 3, "民生保障": 3, "生态文明": 3}
    first = draw_wordcloud(words, tmp_path / "a.png", **SMALL)
    second = draw_wordcloud(dict(reversed(list(words.items()))), tmp_path / "b.png", **SMALL)
    assert first.read_bytes() == second.read_bytes()


_HAN_WORDS = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2, max_size=5)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(st.dictionaries(_HAN_WORDS, st.integers(1, 5), min_size=1, max_size=30), st.randoms(use_true_random=False))
def test_any_order_of_the_same_frequencies_gives_the_same_layout(frequencies, random):
    from speechkit.render.wordcloud import lay_out_cloud

    shuffled = list(frequencies.items())
    random.shuffle(shuffled)
    font_file = str(resolve_font())
    layouts = [lay_out_cloud(weights, font_file=font_file, canvas=(120, 80)).layout_
               for weights in (frequencies, dict(shuffled))]
    assert layouts[0] == layouts[1]


def test_cloud_is_drawn_at_three_times_the_layout(tmp_path, seed):
    """Laid out on a third-size canvas and drawn at scale 3, cut back to the size asked."""
    from speechkit.render.wordcloud import lay_out_cloud

    frequencies = clean_frequencies(speech_frequencies(seed))
    cloud = lay_out_cloud(frequencies, font_file=str(resolve_font()), canvas=(167, 100))
    assert cloud.to_image().size == (501, 300)
    assert Image.open(draw_wordcloud(frequencies, tmp_path / "c.png", width=500, height=300)).size == (500, 300)


def test_chinese_words_are_drawn_as_glyphs_not_boxes(tmp_path):
    words = ["营商环境", "乡村振兴"]
    assert covers(resolve_font(), "".join(words))
    # One word, same length, same seed: the same layout. Missing glyphs would draw the
    # same .notdef boxes for both words; real glyphs give different pictures.
    one = pixels(draw_wordcloud({words[0]: 5}, tmp_path / "one.png", **SMALL))
    two = pixels(draw_wordcloud({words[1]: 5}, tmp_path / "two.png", **SMALL))
    assert (one != 255).any() and (two != 255).any()
    assert not np.array_equal(one, two)


def test_wordcloud_default_font_would_draw_boxes(tmp_path):
    """Why the font matters: wordcloud's own font has no Chinese."""
    import os

    import wordcloud

    default = os.path.join(os.path.dirname(wordcloud.__file__), "DroidSansMono.ttf")
    assert not covers(default, "营商")
    # The check of the test above fails with it: both words are the same boxes.
    drawn = [
        wordcloud.WordCloud(font_path=default, random_state=42, prefer_horizontal=1.0, **SMALL)
        .generate_from_frequencies({word: 5})
        .to_array()
        for word in ("营商环境", "乡村振兴")
    ]
    assert np.array_equal(*drawn)
    with pytest.raises(SpeechkitError, match="no glyphs for Chinese"):
        draw_wordcloud({"营商环境": 5}, tmp_path / "x.png", font=default, **SMALL)


def test_mask_confines_the_words(tmp_path, seed):
    mask = Image.new("RGB", (400, 250), "white")
    ImageDraw.Draw(mask).ellipse((100, 25, 300, 225), fill="black")
    mask.save(tmp_path / "mask.png")
    out = draw_wordcloud(speech_frequencies(seed), tmp_path / "masked.png", mask=tmp_path / "mask.png", **SMALL)
    image = pixels(out)
    # The mask is scaled to fit 480 x 300: the ellipse spans x 120..360, y 30..270.
    assert image.shape[:2] == (300, 480)
    ink = (image != 255).any(axis=2)
    assert not ink[:, :110].any() and not ink[:, 370:].any()
    assert ink[:, 120:360].sum() > 2000


def test_transparent_mask_areas_count_as_white(tmp_path):
    mask = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    ImageDraw.Draw(mask).rectangle((0, 0, 99, 199), fill=(200, 0, 0, 255))
    mask.save(tmp_path / "half.png")
    image = pixels(draw_wordcloud({"营商环境": 5, "项目建设": 3}, tmp_path / "o.png", mask=tmp_path / "half.png", width=200, height=200))
    ink = (image != 255).any(axis=2)
    assert ink[:, :100].any() and not ink[:, 105:].any()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mask": "{tmp}/none.png"}, "--mask: image .* not found"),
        ({"mask": "{tmp}/fake.png"}, "not an image"),
        ({"mask": "{tmp}/white.png"}, "all white"),
        ({"colormap": "no-such-map"}, "--colormap: unknown colour map"),
        ({"max_words": 0}, "--max-words"),
        ({"font": "{tmp}/none.ttf"}, "--font"),
    ],
)
def test_bad_options_are_user_errors(tmp_path, kwargs, message):
    (tmp_path / "fake.png").write_bytes(b"not a png")
    Image.new("RGB", (50, 50), "white").save(tmp_path / "white.png")
    kwargs = {k: v.replace("{tmp}", str(tmp_path)) if isinstance(v, str) else v for k, v in kwargs.items()}
    with pytest.raises(SpeechkitError, match=message):
        draw_wordcloud({"营商环境": 5}, tmp_path / "x.png", **kwargs, **SMALL)


def test_nothing_to_draw_is_a_user_error(tmp_path):
    with pytest.raises(SpeechkitError, match="no Chinese content words"):
        draw_wordcloud({"的": 3, "2022": 5}, tmp_path / "x.png")


def test_background_colour_fills_the_free_space(tmp_path):
    image = pixels(draw_wordcloud({"营商环境": 5, "项目建设": 3}, tmp_path / "b.png", background="#102030", **SMALL))
    corners = {tuple(image[y, x]) for y in (0, -1) for x in (0, -1)}
    assert corners == {(16, 32, 48)}


def test_colormap_changes_the_colours(tmp_path, seed):
    frequencies = speech_frequencies(seed)
    dark = pixels(draw_wordcloud(frequencies, tmp_path / "a.png", colormap="Dark2", **SMALL)).astype(int)
    reds = pixels(draw_wordcloud(frequencies, tmp_path / "b.png", colormap="Reds", **SMALL)).astype(int)
    assert not np.array_equal(dark, reds)
    # Reds has no green-dominant colour; Dark2 has.
    green = lambda image: ((image[:, :, 1] > image[:, :, 0] + 40) & (image[:, :, 1] > image[:, :, 2])).sum()
    assert green(dark) > 100 and green(reds) == 0


# --- per year and comparison ---------------------------------------------------------


def test_one_cloud_per_year(tmp_path, demo_corpus):
    written = draw_group_wordclouds(group_frequencies(demo_corpus, "year"), tmp_path / "years", **SMALL)
    assert list(written) == [2018, 2019, 2020, 2021, 2022, 2023]
    assert sorted(p.name for p in (tmp_path / "years").iterdir()) == [f"wordcloud-{y}.png" for y in range(2018, 2024)]
    assert len({p.read_bytes() for p in written.values()}) == 6
    assert group_filename("周明远/林建华") == "wordcloud-周明远_林建华.png" and group_filename(None) == "wordcloud-None.png"


def test_comparison_terms_lean_to_the_year_that_uses_them_more(demo_corpus):
    years = group_frequencies(demo_corpus, "year")
    rows = comparison_terms(clean_frequencies(years[2019]), clean_frequencies(years[2020]), max_words=80)
    by_term = {row["term"]: row for row in rows}
    assert by_term["疫情防控"]["log_ratio"] < -2 and by_term["疫情防控"]["count_a"] == 0
    assert by_term["疫情"]["log_ratio"] < 0
    assert all(row["weight"] > 0 for row in rows)
    weights = [row["weight"] for row in rows]
    assert weights == sorted(weights, reverse=True)
    leaning_2019 = [row["term"] for row in rows if row["log_ratio"] > 0]
    assert "项目" in leaning_2019


def test_comparison_cloud_is_deterministic_and_shows_both_colours(tmp_path, demo_corpus):
    years = group_frequencies(demo_corpus, "year")
    first = draw_comparison_cloud(years[2019], years[2020], tmp_path / "a.png", labels=("2019", "2020"))
    second = draw_comparison_cloud(years[2019], years[2020], tmp_path / "b.png", labels=("2019", "2020"))
    assert first.read_bytes() == second.read_bytes()
    image = pixels(first).astype(int)
    red = (image[:, :, 0] - image[:, :, 2] > 80).sum()
    blue = (image[:, :, 2] - image[:, :, 0] > 80).sum()
    assert red > 1000 and blue > 1000
    # The header names the two years in their colours.
    header = image[:60]
    assert (header[:, :, 0] - header[:, :, 2] > 80).any() and (header[:, :, 2] - header[:, :, 0] > 80).any()


def test_comparison_of_identical_groups_has_nothing_to_draw(tmp_path):
    with pytest.raises(SpeechkitError, match="nothing|no Chinese"):
        draw_comparison_cloud({"营商环境": 2, "项目": 4}, {"营商环境": 1, "项目": 2}, tmp_path / "x.png")


# --- command line --------------------------------------------------------------------

runner = CliRunner()


def test_cli_one_file_writes_one_png(tmp_path, seed_path):
    out = tmp_path / "seed.png"
    result = runner.invoke(app, ["wordcloud", str(seed_path), "-o", str(out), "--max-words", "50", "--width", "500", "--height", "320"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert Image.open(out).size == (500, 320)


def test_cli_folder_by_year_writes_a_folder_and_a_comparison(tmp_path):
    from conftest import CORPUS

    folder = tmp_path / "clouds"
    result = runner.invoke(app, ["wordcloud", str(CORPUS), "--by", "year", "-o", str(folder), "--width", "400", "--height", "250"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [f"wordcloud-{y}.png" for y in range(2018, 2024)]
    out = tmp_path / "cmp.png"
    result = runner.invoke(app, ["wordcloud", str(CORPUS), "--by", "year", "--compare", "2019,2020", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{seed}", "--by", "year"], "--by: .* is not a folder"),
        (["{corpus}", "--compare", "2019,2020"], "--compare needs --by"),
        (["{corpus}", "--by", "year", "-o", "{tmp}/x.png"], "names a folder"),
        (["{corpus}", "--by", "year", "--compare", "2019,2031"], "no year 2031"),
        (["{corpus}", "--by", "year", "--compare", "2019"], "two year values"),
        (["{seed}", "--colormap", "nope", "-o", "{tmp}/x.png"], "unknown colour map"),
        (["{seed}", "--mask", "{tmp}/none.png", "-o", "{tmp}/x.png"], "--mask"),
    ],
)
def test_cli_user_errors_print_one_line(tmp_path, seed_path, args, message):
    from conftest import CORPUS

    args = [a.replace("{seed}", str(seed_path)).replace("{corpus}", str(CORPUS)).replace("{tmp}", str(tmp_path)) for a in args]
    proc = subprocess.run([sys.executable, "-m", "speechkit", "wordcloud", *args], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("speechkit: error: ")
    assert re.search(message, lines[0])


def test_no_room_for_any_word_is_a_user_error(tmp_path):
    with pytest.raises(SpeechkitError, match="no room to draw"):
        draw_wordcloud({"营商环境": 3}, tmp_path / "x.png", width=6, height=6)


def test_a_cloud_carries_its_title_above_the_words(tmp_path):
    from PIL import Image

    from speechkit.render.wordcloud import draw_wordcloud

    words = {"高质量发展": 30, "新质生产力": 20, "乡村振兴": 15}
    plain = Image.open(draw_wordcloud(words, tmp_path / "plain.png"))
    titled = Image.open(draw_wordcloud(words, tmp_path / "titled.png", title="2024 年词云（kind：national）"))
    band = titled.height - plain.height
    assert titled.width == plain.width and band > 0
    # The band holds the title's ink; below it is the same cloud.
    assert titled.crop((0, 0, titled.width, band)).convert("L").getextrema()[0] < 100
    below = titled.crop((0, band, titled.width, titled.height)).convert("RGB")
    assert below.size == plain.size and below.tobytes() == plain.convert("RGB").tobytes()
