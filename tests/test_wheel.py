"""A plain (not editable) install from the wheel runs the main job on the demo corpus it ships.

Builds the wheel from a copy of the checkout, installs it with ``--no-deps`` into a venv that
sees the packages of the interpreter running the tests (so no dependency is downloaded), and
runs ``speechkit analyze`` in an empty folder with that venv's entry point.
"""

from __future__ import annotations

import json
import os
import shutil
import site
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


def running_site_dirs() -> list[str]:
    """The site-packages folders of the interpreter running the tests: a venv's own when the
    tests run in one (``venv --system-site-packages`` would see the base interpreter's instead)."""
    folders = site.getsitepackages()
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    return list(dict.fromkeys(folder for folder in folders if Path(folder).is_dir()))


def make_venv_seeing_running_packages(venv: Path) -> Path:
    """A venv whose own site-packages come first, then the running interpreter's (listed in a
    ``.pth`` file as plain folders, so the ``.pth`` files there, such as an editable install of
    speechkit, are not run). Returns the venv's python."""
    _run([sys.executable, "-m", "venv", str(venv)], cwd=venv.parent)
    python = venv / "bin" / "python"
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv.parent)
    pth = Path(purelib.stdout.strip()) / "running-interpreter-site-packages.pth"
    pth.write_text("".join(f"{folder}\n" for folder in running_site_dirs()), encoding="utf-8")
    return python


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
    python = make_venv_seeing_running_packages(venv)
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)], cwd=tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    # Nothing of the checkout on the path: the venv's installed copy must be the one that runs.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["SPEECHKIT_CACHE"] = str(tmp_path / "cache")
    where = _run([str(python), "-c", "import speechkit; print(speechkit.__file__)"], cwd=empty, env=env).stdout
    assert Path(where.strip()).resolve().is_relative_to(venv.resolve())
    # The dependencies are the running interpreter's own (a venv's, when the tests run in one).
    import typer

    seen = _run([str(python), "-c", "import typer; print(typer.__file__)"], cwd=empty, env=env).stdout
    assert Path(seen.strip()).resolve() == Path(typer.__file__).resolve()

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
