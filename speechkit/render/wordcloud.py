"""Word clouds from our own term frequencies.

Clouds are drawn from ``{term: count}`` mappings (:mod:`speechkit.analysis.frequencies`),
never from a tokenizer of the drawing library (the ``wordcloud`` package takes a run of
Chinese characters for one word). The layout is our own, in the manner of
``wordcloud``'s (heaviest word first, a random free spot found with a summed-area
table, glyphs not boxes taking the space), but with each font size opened once, words
measured once and all candidate spots tested at once in numpy: several times cheaper.
Stopwords, placeholders and numbers are dropped, the CJK font of
:func:`speechkit.render.fonts.resolve_font` draws the words, and a seeded numpy
generator makes the same input give the same PNG bytes.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from ..analysis.frequencies import ordered_counts
from ..errors import SpeechkitError
from .fonts import resolve_font

WIDTH, HEIGHT = 1200, 750
RANDOM_STATE = 42
MAX_WORDS = 200
COLORMAP = "Dark2"
BACKGROUND = "white"
# Layout resolution = picture size / LAYOUT_SCALE; words are drawn upright only
# (Chinese turned on its side is hard to read).
LAYOUT_SCALE = 3
# Font sizes and the margin round a word are in layout pixels.
MIN_FONT_SIZE = 4
MARGIN = 2
# A word's size follows its weight halfway: 0 would give one size, 1 sizes
# proportional to the weights.
RELATIVE_SCALING = 0.5
# Words are measured once at this size; the box at another size is scaled from it,
# plus SLACK pixels for the rounding of glyph outlines at small sizes (at most 2 in
# the bundled font).
REFERENCE_SIZE = 100
SLACK = 2
# Font sizes come from a ladder of steps of SIZE_STEP; at most FONT_CACHE sizes stay
# open (~40 MB with the bundled font).
SIZE_STEP = 1.1
SIZES = sorted({math.floor(MIN_FONT_SIZE * SIZE_STEP**step) for step in range(64)})
FONT_CACHE = 24
# Chinese words of two or more characters, and not a redaction such as 某某.
_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_PLACEHOLDER = re.compile(r"某+")
# Colours of the comparison cloud: the first group, the second, and words used alike.
COMPARE_COLOURS = ((192, 57, 43), (31, 95, 168))
NEUTRAL = (150, 150, 150)


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


@lru_cache(maxsize=FONT_CACHE)
def _font(font_file: str, size: int):
    """The font file at ``size`` pixels, kept open: opening a CJK font costs more than
    laying out a word (but each open face holds ~1.7 MB, hence a bounded cache and few
    sizes, see :func:`_rung`)."""
    from PIL import ImageFont

    return ImageFont.truetype(font_file, size)


def _free_spot(integral, height: int, width: int, rng):
    """The top-left corner of a random empty ``height`` x ``width`` box, or None.

    ``integral`` is the summed-area table of the occupied pixels (a zero row and column
    first), so every box's ink is four lookups; all boxes are tested at once in numpy.
    """
    import numpy as np

    rows, cols = integral.shape[0] - height, integral.shape[1] - width
    if rows <= 0 or cols <= 0:
        return None
    ink = (integral[height:, width:] - integral[:rows, width:]) - (integral[height:, :cols] - integral[:rows, :cols])
    empty = np.flatnonzero(ink == 0)
    if not empty.size:
        return None
    spot = int(empty[rng.integers(empty.size)])
    return divmod(spot, cols)


def _summed_area(occupied):
    import numpy as np

    integral = np.zeros((occupied.shape[0] + 1, occupied.shape[1] + 1), dtype=np.int32)
    np.cumsum(np.cumsum(occupied, axis=0, dtype=np.int32), axis=1, out=integral[1:, 1:])
    return integral


def _rung(size: float) -> int:
    """The largest size of the ladder :data:`SIZES` not above ``size`` (0 below the
    smallest): few distinct sizes keep few fonts open."""
    return SIZES[bisect.bisect_right(SIZES, size) - 1] if size >= SIZES[0] else 0


def _first_size(word_box: tuple[int, int], canvas: tuple[int, int]) -> int:
    """The starting font size: the heaviest word across at most half the width and
    two fifths of the height, so that it leads without crowding out the rest."""
    (word_width, word_height), (width, height) = word_box, canvas
    return max(1, int(min(width / 2 * REFERENCE_SIZE / word_width, height * 2 / 5 * REFERENCE_SIZE / word_height)))


def layout_words(weights: list[tuple[str, float]], occupied, font_file: str, rng) -> list[tuple[str, int, int, int]]:
    """Place words, heaviest first, on the free pixels of ``occupied``.

    Each word tries a font size following its weight (``RELATIVE_SCALING`` of the
    ratio to the previous word's), at a random free spot; where none is free the size
    shrinks a rung of the size ladder until ``MIN_FONT_SIZE``, when the layout stops. The glyphs
    drawn, not their boxes, take the space, so small words fill the gaps of big ones.

    Parameters
    ----------
    weights : list of (str, float)
        Words and positive weights, heaviest first.
    occupied : numpy.ndarray of bool
        Pixels not to draw on (a mask's white area), ``(height, width)``; updated.
    font_file : str
    rng : numpy.random.Generator
        The only source of randomness: the same seed gives the same layout.

    Returns
    -------
    list of (word, font size, x, y)
        Top-left corners in pixels of ``occupied``.
    """
    import numpy as np
    from PIL import Image, ImageDraw

    height, width = occupied.shape
    glyphs = Image.new("L", (width, height))
    pen = ImageDraw.Draw(glyphs)
    reference = _font(font_file, REFERENCE_SIZE)
    boxes = {}
    for word, _ in weights:
        left, top, right, bottom = reference.getbbox(word, anchor="lt")
        boxes[word] = (max(right - left, 1), max(bottom - top, 1))
    integral = _summed_area(occupied)
    placed = []
    scale, last = _first_size(boxes[weights[0][0]], (width, height)), weights[0][1]
    for word, weight in weights:
        scale *= RELATIVE_SCALING * weight / last + 1 - RELATIVE_SCALING
        size, spot = _rung(scale), None
        while size:
            box_width, box_height = (math.ceil(side * size / REFERENCE_SIZE) + SLACK + MARGIN for side in boxes[word])
            spot = _free_spot(integral, box_height, box_width, rng)
            if spot is not None:
                break
            size = _rung(size - 1)
        if spot is None:
            break
        # A word shrunk to fit makes the next ones start no larger.
        scale = min(scale, size)
        y, x = spot[0] + MARGIN // 2, spot[1] + MARGIN // 2
        pen.text((x, y), word, fill=255, font=_font(font_file, size), anchor="lt")
        occupied |= np.asarray(glyphs) > 0
        integral = _summed_area(occupied)
        placed.append((word, size, x, y))
        last = weight
    return placed


def _cloud_image(frequencies, font, max_words, width, height, mask_path, colour_of, background, random_state):
    """Lay the words out at a third of the resolution and draw them at full size: the
    layout costs a ninth and looks the same. A mask keeps its aspect ratio within
    ``width`` x ``height``; without one the picture is exactly that size.

    ``colour_of(word, rng)`` gives each word's colour.
    """
    import numpy as np
    from PIL import Image, ImageDraw

    layout_size = (-(-width // LAYOUT_SCALE), -(-height // LAYOUT_SCALE))
    if mask_path is not None:
        occupied = load_mask(mask_path, layout_size) == 255
    else:
        occupied = np.zeros(layout_size[::-1], dtype=bool)
    ordered = sorted(frequencies.items(), key=lambda item: (-item[1], item[0]))[:max_words]
    top = float(ordered[0][1])
    weights = [(word, count / top) for word, count in ordered]
    font_file = str(resolve_font(font))
    rng = np.random.default_rng(random_state)
    placed = layout_words(weights, occupied, font_file, rng)
    if not placed:
        raise SpeechkitError(f"no room to draw even one word in {width}x{height} pixels (or the mask's area)")
    size = (occupied.shape[1] * LAYOUT_SCALE, occupied.shape[0] * LAYOUT_SCALE)
    image = Image.new("RGB", size, background)
    pen = ImageDraw.Draw(image)
    for word, font_size, x, y in placed:
        pen.text((x * LAYOUT_SCALE, y * LAYOUT_SCALE), word, fill=colour_of(word, rng),
                 font=_font(font_file, font_size * LAYOUT_SCALE), anchor="lt")
    # The layout grid is rounded up to whole layout pixels: cut back to the size asked.
    return image.crop((0, 0, min(size[0], width), min(size[1], height)))


def _colormap_colours(name: str):
    """``colour_of`` for :func:`_cloud_image`: a random colour of a matplotlib map."""
    colour_map = _colormap(name)

    def colour_of(word, rng):
        red, green, blue, _ = colour_map(float(rng.uniform()), bytes=True)
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
        # No text chunks: the file depends on the pixels only. (optimize=True would
        # cost a third of a second per cloud for 2% smaller files.)
        image.save(path, format="PNG")
    except OSError as exc:
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
    return _save(image, path)


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
) -> Path:
    """Draw one cloud comparing two groups (two years): the size of a word is how much
    more often one group uses it (:func:`comparison_terms`), its colour which group
    (red: the first, blue: the second; paler when the lean is weak). A header names
    the two groups in their colours.

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
        lambda word, rng: colours[word], background, random_state,
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
    return _save(image, path)


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
