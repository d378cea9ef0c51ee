"""Matplotlib figures without pyplot, saved as deterministic PNGs.

Every matplotlib picture of speechkit (graph PNGs, charts) is made on an Agg canvas
(no GUI backend, no global figure registry) and written by :func:`save_png`: one draw,
a PNG whose bytes depend on the pixels only (no software tag, no date), straight from
the canvas buffer with Pillow. :data:`LITERAL_TEXT` (applied by
:func:`speechkit.render.fonts.matplotlib_font`) draws every text as written: a title
holding ``$\\foo$`` is not mathtext.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SpeechkitError

# Opaque pictures on white: RGB is a quarter less to compress than RGBA, and zlib's
# fastest level makes files ~10% larger than Pillow's default level in a third of the time.
PNG_COMPRESS_LEVEL = 1
# Text is literal (no mathtext, no TeX); SVG ids stay stable should a figure be saved as SVG.
LITERAL_TEXT = {"text.parse_math": False, "text.usetex": False, "svg.hashsalt": "speechkit"}


def agg_figure(width: float, height: float, dpi: int, layout: str | None = None):
    """A figure of ``width`` x ``height`` inches on an Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi, layout=layout)
    FigureCanvasAgg(figure)
    return figure


def save_png(figure, path: str | Path) -> Path:
    """Draw ``figure`` once and write it as an RGB PNG without text chunks.

    Raises
    ------
    SpeechkitError
        If the file cannot be written.
    OSError
        Naming ``path``, when the disk refuses the write (full, over quota, read-only): that
        stops the run rather than leaving the picture out.
    """
    from .writers import WRITE_ERRORS

    from PIL import Image

    path = Path(path)
    canvas = figure.canvas
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        image.convert("RGB").save(path, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    except OSError as exc:
        if exc.errno in WRITE_ERRORS:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise SpeechkitError(f"{path}: cannot write ({exc.strerror or exc})") from None
    return path
