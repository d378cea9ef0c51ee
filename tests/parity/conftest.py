"""Fixtures of the parity tests: every corpus table ``analyze`` writes is what the public
Python function returns from the same :class:`~speechkit.results.Results`.

``analyzed`` runs ``analyze`` once per grouping on ../shared/data/real (the tables by year
of the whole corpus, and by year within each ``org``) writing CSV, JSON and Parquet;
:func:`assert_same_table` checks a DataFrame from the API against the files written.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from speechkit import read_corpus
from speechkit.pipeline.options import AnalysisOptions
from speechkit.render.writers import write_frame

GROUPINGS = (None, "org")
FORMATS = ("csv", "json", "parquet")


@pytest.fixture(scope="session")
def real_parity_corpus(real_dir):
    return read_corpus(real_dir)


@pytest.fixture(scope="session")
def real_results(real_parity_corpus):
    return real_parity_corpus.results(stream=True)


@pytest.fixture(scope="session", params=GROUPINGS, ids=lambda by: f"by-{by or 'year'}")
def analyzed(request, real_parity_corpus, real_results, tmp_path_factory) -> tuple[str | None, Path]:
    """``(group_by, tables folder)`` of an analyze run of the real documents."""
    from speechkit.pipeline.run import analyze

    out = tmp_path_factory.mktemp(f"analyzed-{request.param or 'year'}")
    analyze(real_parity_corpus, out, options=AnalysisOptions(group_by=request.param, table_formats=FORMATS))
    return request.param, out / "tables"


def assert_same_table(frame: pd.DataFrame, tables: Path, name: str, tmp_path: Path, *, index: bool = False) -> None:
    """``frame`` (from the Python API) is the table ``name`` analyze wrote into ``tables``:
    written by the same writer it gives the same CSV and JSON bytes, and it equals the
    Parquet table read back (``index``: the table is keyed by its index)."""
    mine = write_frame(frame, tmp_path / f"{name}.csv", index=index, formats=FORMATS)
    for path in mine:
        if path.suffix != ".parquet":
            assert path.read_bytes() == (tables / path.name).read_bytes(), f"{name}{path.suffix} differs from analyze's"
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{name}.parquet"), pd.read_parquet(tables / f"{name}.parquet"))
