"""A plain (not editable) install from the wheel runs the main job on the demo corpus it ships.

Builds the wheel from a copy of the checkout, installs it with ``--no-deps`` into a venv that
sees this environment's packages (so no dependency is downloaded), and runs ``speechkit
analyze`` in an empty folder with that venv's entry point.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT

pytestmark = pytest.mark.wheel

# What a build from the checkout may leave behind, or what is not part of the source.
NOT_SOURCE = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "speechkit-out", "__pycache__", ".*cache", ".hypothesis")


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built by ``pip wheel --no-deps`` from a clean copy of the checkout."""
    source = tmp_path_factory.mktemp("source") / "speechkit"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    target = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(target), str(source)], cwd=source)
    (built,) = target.glob("speechkit-*.whl")
    return built


def test_wheel_ships_the_demo_corpus(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name.removeprefix("speechkit/data/demo/") for name in names if name.startswith("speechkit/data/demo/")}
    assert shipped == {path.name for path in CORPUS.iterdir() if path.is_file()}
    assert not any(name.startswith("corpus/") for name in names)


def test_installed_wheel_runs_analyze_in_an_empty_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)], cwd=tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    # Nothing of the checkout on the path: the venv's installed copy must be the one that runs.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["SPEECHKIT_CACHE"] = str(tmp_path / "cache")
    where = _run([str(python), "-c", "import speechkit; print(speechkit.__file__)"], cwd=empty, env=env).stdout
    assert Path(where.strip()).resolve().is_relative_to(venv.resolve())

    _run([str(venv / "bin" / "speechkit"), "analyze"], cwd=empty, env=env)

    out = empty / "speechkit-out"
    assert (out / "report" / "index.html").is_file()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["read"] == 6 and summary["skipped"] == []
    folders = {Path(s["file"]).parent for s in summary["speeches"]}
    assert len(folders) == 1
    (folder,) = folders
    assert folder.is_relative_to(venv.resolve()) and folder.parts[-3:] == ("speechkit", "data", "demo")
    assert sorted(s["year"] for s in summary["speeches"]) == list(range(2018, 2024))
