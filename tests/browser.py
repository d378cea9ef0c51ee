"""Headless Chromium for the report tests: DOM text, console messages, screenshot."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
_CONSOLE = re.compile(r"CONSOLE[^\]]*\]\s*(.*)")


def chromium() -> str:
    """Path of Debian's chromium; skip (fail in CI) when it is not installed."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def open_page(page: Path, workdir: Path, screenshot: Path | None = None, size=(1280, 2400)) -> tuple[str, list[str]]:
    """Load ``page`` headless; return its DOM as HTML and the console messages.

    With ``screenshot`` the page is also saved as a PNG of ``size``.
    """
    base = [chromium(), *FLAGS, f"--user-data-dir={workdir / 'profile'}"]
    dom = subprocess.run(
        [*base, "--dump-dom", page.resolve().as_uri()], capture_output=True, text=True, timeout=120
    )
    console = [m.group(1) for m in map(_CONSOLE.search, dom.stderr.splitlines()) if m]
    if screenshot is not None:
        subprocess.run(
            [*base, f"--screenshot={screenshot}", f"--window-size={size[0]},{size[1]}", page.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    return dom.stdout, console


def screenshot_height(page: Path, workdir: Path, size=(1280, 6000)) -> int:
    """The height in px of what ``page`` draws at ``size[0]`` px wide: the last row of a tall
    screenshot that differs from the page's background (its bottom-right pixel) plus one."""
    from PIL import Image, ImageChops

    shot = workdir / "height.png"
    open_page(page, workdir, screenshot=shot, size=size)
    image = Image.open(shot).convert("RGB")
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    return 0 if box is None else box[3]
