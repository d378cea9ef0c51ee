"""The CJK font that every picture uses."""

from __future__ import annotations

import pytest

from speechkit import SpeechkitError
from speechkit.render.fonts import bundled_font, covers, resolve_font


def test_bundled_font_is_resolved_and_covers_chinese(monkeypatch):
    monkeypatch.delenv("SPEECHKIT_FONT", raising=False)
    path = resolve_font()
    assert path == bundled_font()
    assert covers(path, "汉字两个确立规上工业总产值")


def test_rendered_chinese_has_ink(tmp_path):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(resolve_font()), 48)
    image = Image.new("L", (200, 80), 255)
    ImageDraw.Draw(image).text((10, 10), "汉字", font=font, fill=0)
    # A missing glyph draws the same .notdef box for both characters; real glyphs differ.
    left, right = image.crop((10, 0, 60, 80)), image.crop((58, 0, 108, 80))
    assert image.getextrema()[0] == 0
    assert left.tobytes() != right.tobytes()


def test_explicit_and_environment_fonts(tmp_path, monkeypatch):
    with pytest.raises(SpeechkitError, match="--font: font file .* not found"):
        resolve_font(tmp_path / "none.ttf")
    not_a_font = tmp_path / "fake.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(SpeechkitError, match="no glyphs for Chinese"):
        resolve_font(not_a_font)
    monkeypatch.setenv("SPEECHKIT_FONT", str(bundled_font()))
    assert resolve_font() == bundled_font()
    monkeypatch.setenv("SPEECHKIT_FONT", str(not_a_font))
    with pytest.raises(SpeechkitError, match="SPEECHKIT_FONT"):
        resolve_font()


def test_matplotlib_draws_chinese_without_missing_glyph_warnings(tmp_path):
    import warnings

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from speechkit.render.fonts import matplotlib_font

    with warnings.catch_warnings(record=True) as caught, matplotlib_font():
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("规上工业总产值")
        fig.savefig(tmp_path / "t.png")
        plt.close(fig)
    assert not [w for w in caught if "Glyph" in str(w.message)]
