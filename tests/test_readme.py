"""The Python blocks of README.md run as written, in order, on the demo corpus given the
document variables they use (``kind``), from a folder laid out as the README assumes."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["govreport", "local", "provincial"]


def readme_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.fixture
def readme_folder(tmp_path, monkeypatch):
    """``speeches/`` (the demo speeches, with a ``kind`` per speech in metadata.csv) and
    ``speeches.csv`` (the same texts as a table), in the current folder."""
    folder = tmp_path / "speeches"
    folder.mkdir()
    with (ROOT / "corpus" / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for n, row in enumerate(rows):
        shutil.copy(ROOT / "corpus" / row["file"], folder / row["file"])
        row["kind"] = KINDS[n % len(KINDS)]
    for name, columns, records in [
        (folder / "metadata.csv", [*rows[0]], rows),
        (tmp_path / "speeches.csv", ["doc", "text", "year", "kind"],
         [{"doc": r["file"], "text": (ROOT / "corpus" / r["file"]).read_text(encoding="utf-8"), "year": r["year"],
           "kind": r["kind"]} for r in rows]),
    ]:
        with name.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(records)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_readme_python_blocks_run(readme_folder):
    import matplotlib

    matplotlib.use("Agg")
    blocks = readme_blocks()
    assert len(blocks) >= 3
    namespace: dict = {}
    # The last block sets matplotlib's font for the session: keep that to this test.
    with matplotlib.rc_context():
        for number, block in enumerate(blocks, 1):
            exec(compile(block, f"README.md python block {number}", "exec"), namespace)  # noqa: S102
        namespace["plt"].close("all")
    # What the blocks made: the outline of a speech, a corpus read from the table, its matrix on disk.
    assert namespace["outline"].sections
    assert len(namespace["corpus"]) == 6 and namespace["matrix"].shape[0] == 6
    assert {p.name for p in (readme_folder / "dtm").iterdir()} == {"matrix.mtx", "vocabulary.csv", "docvars.csv"}
    assert namespace["sk"].font_path().is_file()
