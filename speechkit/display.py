"""Compact displays for the terminal and Jupyter: a summary line and the first rows of a
table, never the whole data (a corpus of thousands of speeches prints in a few lines)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

SHOWN_ROWS = 5
SHOWN_COLUMNS = 8
CELL_CHARACTERS = 30


def shortened(text: str, limit: int = CELL_CHARACTERS) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shortened(frame: pd.DataFrame, rows: int) -> pd.DataFrame:
    """The first ``rows`` rows, long text cells cut to :data:`CELL_CHARACTERS` with "…"."""
    from pandas.api.types import is_numeric_dtype

    head = frame.head(rows).copy()
    for column in head.columns:
        if not is_numeric_dtype(head[column]):
            head[column] = head[column].map(lambda v: shortened(v) if isinstance(v, str) else v)
    return head


def _more(frame: pd.DataFrame, rows: int) -> str:
    hidden = len(frame) - min(rows, len(frame))
    return f"… {hidden} more rows" if hidden > 0 else ""


def text_summary(summary: str, tables: dict[str, pd.DataFrame] | None = None, rows: int = SHOWN_ROWS) -> str:
    """``summary``, then for each named table its size and its first ``rows`` rows as text."""
    parts = [summary]
    for name, frame in (tables or {}).items():
        parts.append(f"{name} ({len(frame)} rows):" if name else "")
        if len(frame):
            parts.append(_shortened(frame, rows).to_string(max_cols=SHOWN_COLUMNS, index=False))
        parts.append(_more(frame, rows))
    return "\n".join(part for part in parts if part)


def html_summary(summary: str, tables: dict[str, pd.DataFrame] | None = None, rows: int = SHOWN_ROWS) -> str:
    """The HTML of :func:`text_summary`: the summary in a paragraph, each table an HTML table."""
    parts = [f"<p>{escape(summary)}</p>"]
    for name, frame in (tables or {}).items():
        if name:
            parts.append(f"<p><b>{escape(name)}</b> ({len(frame)} rows)</p>")
        parts.append(_shortened(frame, rows).to_html(max_cols=SHOWN_COLUMNS * 2, index=False, border=0))
        if more := _more(frame, rows):
            parts.append(f"<p>{escape(more)}</p>")
    return "\n".join(parts)
