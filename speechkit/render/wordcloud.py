"""Word clouds from our own term frequencies, laid out by the ``wordcloud`` package.

Clouds are drawn from ``{term: count}`` mappings (:mod:`speechkit.analysis.frequencies`)
with ``WordCloud.generate_from_frequencies``, never with the package's tokenizer (it
takes a run of Chinese characters for one word). The layout runs on a canvas a third of
the picture's size and is drawn at ``scale=3``: the layout costs a ninth and looks the
same. Stopwords, placeholders and numbers are dropped, the CJK font of
:func:`speechkit.render.fonts.resolve_font` draws the words, and sorted frequencies with a
fixed seed make the same input give the same PNG bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..chars import HAN
from ..analysis.frequencies import ordered_counts
from ..errors import SpeechkitError
from .fonts import resolve_font
from .writers import WRITE_ERRORS

if TYPE_CHECKING:
    from collections.abc import Callable
    from random import Random

    import numpy as np
    from wordcloud import WordCloud

WIDTH, HEIGHT = 1200, 750
RANDOM_STATE = 42
MAX_WORDS = 200
COLORMAP = "Dark2"
BACKGROUND = "white"
# Layout canvas = picture size / LAYOUT_SCALE, drawn at wordcloud's scale=LAYOUT_SCALE.
LAYOUT_SCALE = 3
# wordcloud options, in canvas pixels: the heaviest word starts at MAX_FONT_SIZE on the
# default canvas (400 x 250; in proportion to the height on others); a word that finds
# no room shrinks by FONT_STEP; a word's size follows its weight halfway
# (RELATIVE_SCALING: 0 gives one size, 1 sizes proportional to the weights). Words are
# upright only: Chinese turned on its side is hard to read.
MAX_FONT_SIZE = 90
MIN_FONT_SIZE = 4
FONT_STEP = 2
RELATIVE_SCALING = 0.5
PREFER_HORIZONTAL = 1.0
# Chinese words of two or more characters, and not a redaction such as 某某.
_WORD = re.compile(f"[{HAN}]{{2,}}")
_PLACEHOLDER = re.compile(r"某+")
# Colours of the comparison cloud: the first group, the second, and words used alike.
COMPARE_COLOURS = ((192, 57, 43), (31, 95, 168))
NEUTRAL = (150, 150, 150)
# The title line above a cloud.
TITLE_COLOUR = (34, 34, 34)


def clean_frequencies(frequencies: Mapping[str, float], stopwords=None) -> dict[str, float]:
    """Keep the terms a cloud should show: Chinese words of 2+ characters with a
    positive count, not stopwords and not placeholders (某某). Ordered by count.

    Parameters
    ----------
    frequencies : mapping of str to number
    stopwords : collection of str, optional
        Default: the stopwords of the process-wide tokenizer.
    """
    if stopwords is None:
        from ..segment import get_tokenizer

        stopwords = get_tokenizer().stopwords
    kept = {
        term: count
        for term, count in frequencies.items()
        if count > 0 and _WORD.fullmatch(term) and not _PLACEHOLDER.fullmatch(term) and term not in stopwords
    }
    return ordered_counts(kept)


def _colormap(name: str):
    import matplotlib

    try:
        return matplotlib.colormaps[name]
    except KeyError:
        raise SpeechkitError(f"--colormap: unknown colour map {name!r} (e.g. Dark2, viridis, Reds, tab10)") from None


def load_mask(path: str | Path, size: tuple[int, int] = (WIDTH, HEIGHT)):
    """A mask image as a wordcloud mask: white (and transparent) is left empty, any
    other colour is filled with words. The image is scaled to fit ``size``.

    Raises
    ------
    SpeechkitError
        If the file is missing, not an image, or has no non-white area.
    """
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    path = Path(path)
    try:
        with Image.open(path) as image:
            image.load()
            rgba = image.convert("RGBA")
    except FileNotFoundError:
        raise SpeechkitError(f"--mask: image {path} not found") from None
    except (UnidentifiedImageError, OSError):
        raise SpeechkitError(f"--mask: {path} is not an image PIL can read") from None
    canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    grey = Image.alpha_composite(canvas, rgba).convert("L")
    scale = min(size[0] / grey.width, size[1] / grey.height)
    grey = grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale))), Image.Resampling.LANCZOS)
    # Anti-aliased edges would leave speckles: a pixel is either drawable or not.
    mask = np.where(np.asarray(grey) >= 250, 255, 0).astype(np.uint8)
    if not (mask == 0).any():
        raise SpeechkitError(f"--mask: {path} is all white; words are drawn on the non-white area")
    return mask


def _canvas_size(width: int, height: int) -> tuple[int, int]:
    """The layout canvas for a ``width`` x ``height`` picture (rounded up: the picture is
    cut back to the size asked)."""
    return -(-width // LAYOUT_SCALE), -(-height // LAYOUT_SCALE)


def lay_out_cloud(
    weights: Mapping[str, float],
    *,
    font_file: str,
    canvas: tuple[int, int],
    mask: np.ndarray | None = None,
    colour_of: Callable[[str, Random], tuple[int, int, int]] | None = None,
    max_words: int = MAX_WORDS,
    background: str = BACKGROUND,
    random_state: int = RANDOM_STATE,
) -> WordCloud:
    """Lay ``weights`` out with ``wordcloud`` on a ``canvas`` (width, height) or on the
    drawable (0) pixels of ``mask`` (a :func:`load_mask` array, which sets the canvas).

    The weights are sorted (heaviest first, ties by word) before the package sees them:
    its own sort keeps the order of ties, so the input's order would reach the layout.
    ``colour_of(word, random_state)`` gives each word's colour (``random_state`` is the
    package's seeded :class:`random.Random`; default: the package's own colours).
    ``cloud.to_image()`` draws the picture, ``LAYOUT_SCALE`` times the canvas.

    Returns
    -------
    wordcloud.WordCloud
        With ``layout_``: ``((word, weight), font size, (y, x), orientation, colour)`` per
        word placed, heaviest first, in canvas pixels.

    Raises
    ------
    SpeechkitError
        If not even one word fits.
    """
    from wordcloud import WordCloud

    ordered = dict(sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:max_words])
    canvas_height = canvas[1] if mask is None else mask.shape[0]
    biggest = max(MIN_FONT_SIZE, round(MAX_FONT_SIZE * canvas_height * LAYOUT_SCALE / HEIGHT))
    colour_func = None if colour_of is None else (lambda word, random_state=None, **_: colour_of(word, random_state))
    cloud = WordCloud(
        font_path=font_file, width=canvas[0], height=canvas[1], mask=mask, scale=LAYOUT_SCALE,
        prefer_horizontal=PREFER_HORIZONTAL, relative_scaling=RELATIVE_SCALING, font_step=FONT_STEP,
        min_font_size=MIN_FONT_SIZE, max_font_size=biggest, max_words=max_words, random_state=random_state,
        color_func=colour_func, background_color=background,
    )
    try:
        cloud.generate_from_frequencies(ordered)
    except ValueError:  # the package's "Couldn't find space to draw"
        cloud.layout_ = []
    if not cloud.layout_:
        width, height = canvas[0] * LAYOUT_SCALE, canvas_height * LAYOUT_SCALE
        raise SpeechkitError(f"no room to draw even one word in {width}x{height} pixels (or the mask's area)")
    return cloud


def _cloud_image(frequencies, font, max_words, width, height, mask_path, colour_of, background, random_state):
    """The cloud of ``frequencies`` as a PIL image, ``width`` x ``height`` (a mask keeps
    its aspect ratio within that size)."""
    canvas = _canvas_size(width, height)
    mask = None if mask_path is None else load_mask(mask_path, canvas)
    cloud = lay_out_cloud(frequencies, font_file=str(resolve_font(font)), canvas=canvas, mask=mask,
                          colour_of=colour_of, max_words=max_words, background=background, random_state=random_state)
    image = cloud.to_image()
    return image.crop((0, 0, min(image.width, width), min(image.height, height)))


def _colormap_colours(name: str):
    """``colour_of`` for :func:`lay_out_cloud`: a random colour of a matplotlib map."""
    colour_map = _colormap(name)

    def colour_of(word, random_state):
        red, green, blue, _ = colour_map(random_state.random(), bytes=True)
        return (int(red), int(green), int(blue))

    return colour_of


def _save(image, path: str | Path) -> Path:
    path = Path(path)
    if not path.suffix:
        path = path.with_name(path.name + ".png")  # -o cloud means cloud.png
    elif path.suffix.lower() != ".png":
        raise SpeechkitError(f"{path}: word clouds are PNG images; give a file name ending in .png")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # No text chunks: the file depends on the pixels only. (optimize=True, as
        # WordCloud.to_file saves, would cost a third of a second per cloud for 2% smaller files.)
        image.save(path, format="PNG")
    except OSError as exc:
        if exc.errno in WRITE_ERRORS:  # a full or read-only disk stops the run, as for every other picture
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise SpeechkitError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return path


def _nonempty(frequencies: Mapping, what: str) -> None:
    if not frequencies:
        raise SpeechkitError(f"{what}: no Chinese content words to draw")


def draw_wordcloud(
    frequencies: Mapping[str, float],
    path: str | Path,
    *,
    font: str | Path | None = None,
    mask: str | Path | None = None,
    colormap: str = COLORMAP,
    max_words: int = MAX_WORDS,
    width: int = WIDTH,
    height: int = HEIGHT,
    background: str = BACKGROUND,
    random_state: int = RANDOM_STATE,
    stopwords=None,
    title: str | None = None,
) -> Path:
    """Draw a word cloud of ``frequencies`` into the PNG file ``path``.

    Parameters
    ----------
    frequencies : mapping of str to number
        Term counts (of one speech, or summed over a year); cleaned with
        :func:`clean_frequencies` first.
    path : str or Path
        The PNG to write (folders are created).
    font : str or Path, optional
        A font file with Chinese glyphs (default: the bundled Noto Sans SC).
    mask : str or Path, optional
        An image whose non-white area the words fill (scaled to ``width`` x ``height``).
    colormap : str
        A matplotlib colour map name.
    max_words : int
        The number of most frequent words drawn.
    width, height : int
        Size in pixels (without a mask).
    background : str
        Background colour.
    random_state : int
        Seed of the layout and colours: the same input gives the same bytes.
    stopwords : collection of str, optional
        Words to leave out (default: the tokenizer's stopwords).
    title : str, optional
        A line drawn above the cloud (what, which year, which group).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    SpeechkitError
        If there is nothing to draw, or the font, mask or colour map is unusable.
    """
    if max_words < 1:
        raise SpeechkitError(f"--max-words must be at least 1, not {max_words}")
    cleaned = clean_frequencies(frequencies, stopwords)
    _nonempty(cleaned, str(path))
    colour_of = _colormap_colours(colormap)
    image = _cloud_image(cleaned, font, max_words, width, height, mask, colour_of, background, random_state)
    return _save(_titled(image, title, font, background), path)


def comparison_terms(
    frequencies_a: Mapping[str, float], frequencies_b: Mapping[str, float], max_words: int = MAX_WORDS
) -> list[dict]:
    """The terms that tell two groups apart, for a comparison cloud.

    A term's weight is the absolute difference of its relative frequencies
    (``count / total`` in each group), so a frequent term used much more in one group
    weighs most and a term used alike weighs nothing; ``log_ratio`` (base 2, with 0.5
    added to each count) says which group it leans to (positive: the first).

    Returns
    -------
    list of dict
        ``{"term", "count_a", "count_b", "weight", "log_ratio"}``, heaviest first (ties by
        term), at most ``max_words``, only terms with a positive weight.
    """
    total_a, total_b = sum(frequencies_a.values()), sum(frequencies_b.values())
    if not total_a or not total_b:
        return []
    rows = []
    for term in frequencies_a.keys() | frequencies_b.keys():
        a, b = frequencies_a.get(term, 0), frequencies_b.get(term, 0)
        weight = abs(a / total_a - b / total_b)
        if weight > 0:
            log_ratio = math.log2(((a + 0.5) / total_a) / ((b + 0.5) / total_b))
            rows.append({"term": term, "count_a": a, "count_b": b, "weight": weight, "log_ratio": log_ratio})
    rows.sort(key=lambda r: (-r["weight"], r["term"]))
    return rows[:max_words]


def _lean_colour(log_ratio: float) -> tuple[int, int, int]:
    """The first group's colour for a positive log ratio, the second's for a negative
    one, fading to grey as the ratio nears 0 (full colour from a 4-fold difference)."""
    target = COMPARE_COLOURS[0] if log_ratio > 0 else COMPARE_COLOURS[1]
    strength = 0.35 + 0.65 * min(abs(log_ratio) / 2.0, 1.0)
    return tuple(round(n + (t - n) * strength) for n, t in zip(NEUTRAL, target))


def draw_comparison_cloud(
    frequencies_a: Mapping[str, float],
    frequencies_b: Mapping[str, float],
    path: str | Path,
    *,
    labels: tuple[str, str] = ("A", "B"),
    font: str | Path | None = None,
    max_words: int = 150,
    width: int = WIDTH,
    height: int = HEIGHT,
    background: str = BACKGROUND,
    random_state: int = RANDOM_STATE,
    stopwords=None,
    title: str | None = None,
) -> Path:
    """Draw one cloud comparing two groups (two years): the size of a word is how much
    more often one group uses it (:func:`comparison_terms`), its colour which group
    (red: the first, blue: the second; paler when the lean is weak). A header names
    the two groups in their colours.

    Parameters
    ----------
    frequencies_a, frequencies_b : mapping of str to float
        The two groups' term frequencies.
    path : str or Path
        The PNG to write.
    labels : (str, str)
        The groups' names, shown in the header.
    font : str or Path, optional
        A CJK font file (default: the bundled one).
    max_words, width, height, background, random_state
        The cloud's size in words and pixels, its background and its seed.
    stopwords : collection of str, optional
        Words left out.
    title : str, optional
        A title drawn above the cloud.

    Returns
    -------
    Path
        ``path``.
    """
    from PIL import Image, ImageDraw, ImageFont

    clean_a = clean_frequencies(frequencies_a, stopwords)
    clean_b = clean_frequencies(frequencies_b, stopwords)
    terms = comparison_terms(clean_a, clean_b, max_words)
    _nonempty(terms, str(path))
    colours = {row["term"]: _lean_colour(row["log_ratio"]) for row in terms}
    # The header (the two groups in their colours) scales with the picture.
    big_size, small_size = max(14, width // 40), max(10, width // 64)
    header = big_size * 2
    cloud = _cloud_image(
        {row["term"]: row["weight"] for row in terms}, font, max_words, width, height - header, None,
        lambda word, random_state: colours[word], background, random_state,
    )
    image = Image.new("RGB", (width, height), background)
    image.paste(cloud, (0, header))
    draw = ImageDraw.Draw(image)
    font_file = str(resolve_font(font))
    big, small = ImageFont.truetype(font_file, big_size), ImageFont.truetype(font_file, small_size)
    x = big_size
    for label, colour in zip(labels, COMPARE_COLOURS):
        text = f"■ {label} 用得更多"
        draw.text((x, big_size // 2), text, fill=colour, font=big)
        x += int(draw.textlength(text, font=big)) + big_size * 2
    note = "字号：两者相对词频之差；颜色越浅，差别越小"
    draw.text((x, big_size // 2 + big_size - small_size), note, fill=NEUTRAL, font=small)
    return _save(_titled(image, title, font, background), path)


def titled_copy(source: str | Path, path: str | Path, *, title: str, font: str | Path | None = None,
                background: str = BACKGROUND) -> Path:
    """Copy the cloud ``source`` (drawn without a title) to ``path`` under a band holding
    ``title``: a year's cloud that is one speech's cloud says which year (and group) it is.

    Returns
    -------
    Path
        ``path``.
    """
    from PIL import Image

    with Image.open(source) as image:
        return _save(_titled(image.convert("RGB"), title, font, background), path)


def _titled(image, title: str | None, font, background: str):
    """``image`` under a band holding ``title`` (the image itself without one); the
    band's type scales with the picture's width."""
    from PIL import Image, ImageDraw, ImageFont

    if not title:
        return image
    size = max(14, image.width // 36)
    band = size * 2
    titled = Image.new("RGB", (image.width, image.height + band), background)
    titled.paste(image, (0, band))
    draw = ImageDraw.Draw(titled)
    draw.text((size // 2, size // 2), title, fill=TITLE_COLOUR, font=ImageFont.truetype(str(resolve_font(font)), size))
    return titled


def group_filename(key, prefix: str = "wordcloud") -> str:
    """A safe file name for the cloud of one group (``wordcloud-2020.png``)."""
    label = re.sub(r"[^\w.-]+", "_", str(key), flags=re.UNICODE).strip("._") or "none"
    return f"{prefix}-{label}.png"


def draw_group_wordclouds(frequencies_by_group: Mapping, folder: str | Path, **options) -> dict:
    """One cloud per group (year, speech …) into ``folder``.

    Parameters
    ----------
    frequencies_by_group : mapping of group to frequencies
        E.g. from :func:`speechkit.analysis.frequencies.group_frequencies`.
    folder : str or Path
    **options
        Passed to :func:`draw_wordcloud`.

    Returns
    -------
    dict
        Group to the path of its PNG (groups without any word are left out).
    """
    folder = Path(folder)
    written = {}
    for key, frequencies in frequencies_by_group.items():
        if clean_frequencies(frequencies, options.get("stopwords")):
            written[key] = draw_wordcloud(frequencies, folder / group_filename(key), **options)
    return written
