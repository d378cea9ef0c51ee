"""The CJK font used by every picture.

Resolution order: an explicit ``font`` argument (``--font``), the ``SPEECHKIT_FONT``
environment variable, the bundled Noto Sans SC (package ``pylopdf-fonts-zh-cn``), then an
installed system CJK font. A font is accepted only if its character map covers 中文.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ..errors import SpeechkitError

PROBE = "中文汉字"
SYSTEM_FONT_NAMES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)


def covers(path: str | Path, text: str = PROBE) -> bool:
    """True if the font file at ``path`` has a glyph for every character of ``text``."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return False
    # Reading a CJK font's character map takes tens of milliseconds; every picture asks.
    return _covers(str(path), stat.st_size, stat.st_mtime_ns, text)


@lru_cache(maxsize=32)
def _covers(name: str, size: int, modified: int, text: str) -> bool:
    """:func:`covers` of one version (size, modification time) of a font file."""
    from fontTools.ttLib import TTCollection, TTFont

    path = Path(name)
    try:
        collection = TTCollection(str(path)) if path.suffix.lower() == ".ttc" else None
        fonts = collection.fonts if collection else [TTFont(str(path), lazy=True)]
    except Exception:
        return False
    try:
        return any(all(ord(ch) in (font.getBestCmap() or {}) for ch in text) for font in fonts)
    except Exception:
        return False
    finally:
        for font in fonts:
            font.close()


def bundled_font() -> Path | None:
    """The Noto Sans SC file that installs with speechkit, if present."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = Path(pylopdf_fonts_zh_cn.sans_path())
    return path if path.exists() else None


def _system_font() -> Path | None:
    from matplotlib import font_manager

    by_name = {f.name: f.fname for f in font_manager.fontManager.ttflist}
    for name in SYSTEM_FONT_NAMES:
        if name in by_name and covers(by_name[name]):
            return Path(by_name[name])
    return None


def resolve_font(font: str | Path | None = None) -> Path:
    """Return the path of a font file that draws Chinese.

    Parameters
    ----------
    font : str or Path, optional
        An explicit font file; it must exist and cover 中文.

    Raises
    ------
    SpeechkitError
        If the explicit or environment font is unusable, or no CJK font is found.
    """
    for source, candidate in (("--font", font), ("SPEECHKIT_FONT", os.environ.get("SPEECHKIT_FONT"))):
        if candidate:
            path = Path(candidate)
            if not path.is_file():
                raise SpeechkitError(f"{source}: font file {path} not found")
            if not covers(path):
                raise SpeechkitError(f"{source}: font {path} has no glyphs for Chinese ({PROBE})")
            return path
    return _default_font()


@lru_cache(maxsize=1)
def _default_font() -> Path:
    bundled = bundled_font()
    if bundled is not None and covers(bundled):
        return bundled
    system = _system_font()
    if system is not None:
        return system
    raise SpeechkitError(
        "no font with Chinese glyphs: install pylopdf-fonts-zh-cn or pass --font / set SPEECHKIT_FONT"
    )


@lru_cache(maxsize=8)
def _matplotlib_family(path: Path) -> str:
    """Register the font file with matplotlib once and return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


@contextmanager
def matplotlib_font(font: str | Path | None = None):
    """Context in which matplotlib draws text with the resolved CJK font, literally
    (no mathtext: see :data:`speechkit.render.figures.LITERAL_TEXT`)."""
    import matplotlib

    from .figures import LITERAL_TEXT

    family = _matplotlib_family(resolve_font(font))
    with matplotlib.rc_context({"font.family": [family], "axes.unicode_minus": False, **LITERAL_TEXT}):
        yield family


def font_path(font: str | Path | None = None) -> Path:
    """The CJK font file speechkit draws with: ``font`` if given, else ``SPEECHKIT_FONT``,
    the bundled Noto Sans SC, or an installed CJK font (see :func:`resolve_font`).

    Pass it to your own tools: ``WordCloud(font_path=str(speechkit.font_path()))``.

    Parameters
    ----------
    font : str or Path, optional
        A font file to use instead.

    Returns
    -------
    Path
        The font file.
    """
    return resolve_font(font)


def use_cjk_font(font: str | Path | None = None) -> Path:
    """Make matplotlib draw Chinese in your own figures: register the CJK font
    (:func:`font_path`) and make it the font family of every figure from now on.

    Also draws the minus sign as a hyphen (the CJK font has no U+2212). Call it once in
    a notebook before plotting; speechkit's own pictures set the font themselves.

    Parameters
    ----------
    font : str or Path, optional
        A font file to use instead of :func:`font_path`'s.

    Returns
    -------
    Path
        The font file.
    """
    import matplotlib

    path = font_path(font)
    matplotlib.rcParams["font.family"] = [_matplotlib_family(path)]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return path
