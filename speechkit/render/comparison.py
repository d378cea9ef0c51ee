"""A comparison's tables written as CSV files, one per table."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .writers import spreadsheet_safe_frame

if TYPE_CHECKING:
    from ..analysis.by_group.compare import Comparison


def write_comparison(comparison: Comparison, folder: str | Path, *, safe_csv: bool = True) -> list[Path]:
    """Write each table of ``comparison`` as ``compare_<name>.csv`` in ``folder``.

    Parameters
    ----------
    comparison : Comparison
        The tables of :func:`speechkit.analysis.by_group.compare.compare`.
    folder : str or Path
        Created if needed.
    safe_csv : bool
        Write cells that look like spreadsheet formulas quoted (see :mod:`speechkit.render.writers`).

    Returns
    -------
    list of Path
        The files written, in the order of ``comparison.tables()``.
    """
    import pandas as pd

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, table in comparison.tables().items():
        path = folder / f"compare_{name}.csv"
        # Keyed tables (similarity, slogans, metrics) keep their index as columns.
        keyed = not isinstance(table.index, pd.RangeIndex)
        (spreadsheet_safe_frame(table) if safe_csv else table).to_csv(path, index=keyed, encoding="utf-8", lineterminator="\n")
        paths.append(path)
    return paths
