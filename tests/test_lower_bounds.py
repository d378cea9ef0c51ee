"""The declared lower bounds work: pyproject's dependencies installed at exactly their
``>=`` versions (a constraints file made by tests/lower_bounds.py) run ``speechkit analyze``
on the real documents, and a usage error is still one line and exit 2.

The install downloads from the package index into a fresh venv: a few minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from lower_bounds import declared_requirements, lower_bound, lower_bound_constraints

# Where no wheel is published (jieba ships an sdist only), a build from source is allowed;
# any other lower bound without a wheel for this Python is a bound that does not install.
SOURCE_ONLY = ("jieba",)


def _run(command: list, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run(list(map(str, command)), cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_lower_bound_reads_the_version_after_the_name_and_extras():
    assert lower_bound("dask[distributed]>=2024.1.0") == ("dask", "2024.1.0")
    assert lower_bound("pyyaml >= 6.0.1, <7 ; python_version >= '3.10'") == ("pyyaml", "6.0.1")
    with pytest.raises(ValueError, match="no lower bound"):
        lower_bound("wordcloud")
    with pytest.raises(ValueError, match="no lower bound"):
        lower_bound("numpy<3")


def test_constraints_pin_every_declared_dependency_at_its_bound(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["numpy>=1.24", "Typer>=0.16", "click>=8.2"]\n'
        '[project.optional-dependencies]\ndask = ["dask[distributed]>=2024.1.0"]\n',
        encoding="utf-8",
    )
    assert lower_bound_constraints(declared_requirements(pyproject)) == "click==8.2\nnumpy==1.24\nTyper==0.16\n"
    with_dask = lower_bound_constraints(declared_requirements(pyproject, extras=("dask",)))
    assert with_dask.splitlines() == ["click==8.2", "dask==2024.1.0", "numpy==1.24", "Typer==0.16"]
    with pytest.raises(ValueError, match="no extra pdf"):
        declared_requirements(pyproject, extras=("pdf",))
    with pytest.raises(ValueError, match="two lower bounds"):
        lower_bound_constraints(["numpy>=1.24", "NumPy>=1.26"])


def test_every_runtime_dependency_of_the_project_has_a_lower_bound():
    pins = lower_bound_constraints(declared_requirements()).splitlines()
    names = {line.split("==")[0].lower() for line in pins}
    # Imported directly by speechkit, so declared directly (not left to another package's needs).
    assert {"click", "pillow", "wordcloud", "typer", "networkx"} <= names


@pytest.mark.lower_bounds
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the lower bounds are the oldest releases with wheels for "
                    "Python 3.10 and 3.11 (numpy 1.24 has none for 3.12); newer Pythons install newer releases")
def test_declared_lower_bounds_run_analyze_on_the_real_documents(real_dir, tmp_path):
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(lower_bound_constraints(declared_requirements()), encoding="utf-8")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The bounds first, each exactly, as wheels; then speechkit, whose requirements they meet.
    _run([*pip, "--only-binary", ":all:", "--no-binary", ",".join(SOURCE_ONLY), "-r", constraints], cwd=tmp_path)
    _run([*pip, "-c", constraints, ROOT], cwd=tmp_path)
    _run([python, "-m", "pip", "check"], cwd=tmp_path)
    installed = _run([python, "-m", "pip", "list", "--format", "json"], cwd=tmp_path).stdout
    versions = {row["name"].lower().replace("_", "-"): row["version"] for row in json.loads(installed)}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        name, version = line.split("==")
        assert versions[name.lower()].startswith(version), (name, versions[name.lower()], version)

    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["SPEECHKIT_CACHE"] = str(tmp_path / "cache")
    speechkit = venv / "bin" / "speechkit"
    out = tmp_path / "out"
    run = _run([speechkit, "analyze", real_dir, "-o", out, "--jobs", "1"], cwd=tmp_path, env=env)
    assert "Traceback" not in run.stderr and "Warning" not in run.stderr, run.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    texts = sorted(path.name for path in real_dir.glob("*.txt"))
    assert sorted(Path(s["file"]).name for s in summary["speeches"]) == texts
    assert (out / "report" / "index.html").is_file()
    assert "高质量发展" in (out / "tables" / "slogans.csv").read_text(encoding="utf-8")

    # click < 8.2 turned a usage error into a traceback and exit 1.
    usage = subprocess.run([str(speechkit), "analyze", "--no-such-option"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr, usage.stderr
