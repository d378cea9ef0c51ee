"""Writing tables and JSON: CSV (safe for spreadsheets), JSON, Parquet, and one-line
errors for a write that fails.

Every corpus table is written as CSV and as JSON records from the same DataFrame by default,
and as Parquet when asked (``formats``; pyarrow, the ``parquet`` extra).

CSV is safe for spreadsheets by default: a text cell that a spreadsheet would run
as a formula (``=HYPERLINK(…)``, ``+cmd``, ``-cmd``, ``@SUM(…)``) is written with a
leading ``'``; ``safe_csv=False`` writes cells as they are. JSON is never changed.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from ..model import COMPACT_JSON, json_default, nested_as_text, plain
from ..names import json_safe

# What starts a formula in Excel, LibreOffice and Google Sheets (tab and CR too, as
# some of them drop a leading blank before reading a formula).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Tables longer than this are written to JSON in pieces of this many records.
JSON_CHUNK_ROWS = 100_000
# Formats a corpus table can be written in (Parquet needs pyarrow: the ``parquet`` extra), and the default.
TABLE_FORMATS = ("csv", "json", "parquet")
DEFAULT_TABLE_FORMATS = ("csv", "json")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, prefixed with ``'``; other values unchanged.

    Numbers are never changed (``-3.5`` is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _is_text(values) -> bool:
    from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

    return not (is_bool_dtype(values) or is_datetime64_any_dtype(values) or is_numeric_dtype(values))


def _safe_index(index):
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(map(spreadsheet_safe, key)) for key in index], names=index.names)
    return index.map(spreadsheet_safe) if _is_text(index) else index


def spreadsheet_safe_frame(frame):
    """``frame`` with :func:`spreadsheet_safe` applied to its text cells, index and column names."""
    safe = frame.rename(columns=spreadsheet_safe)
    safe.index = _safe_index(safe.index)
    for position in range(safe.shape[1]):
        column = safe.iloc[:, position]
        if _is_text(column):
            safe.isetitem(position, _safe_column(column))
    return safe


def _safe_column(column):
    """A text column with :func:`spreadsheet_safe` applied, deciding each distinct value once:
    a table of a million rows holds a vocabulary of thousands."""
    import pandas as pd

    try:
        values = pd.unique(column.to_numpy())
    except TypeError:  # unhashable cells: decide each
        return column.map(spreadsheet_safe)
    unsafe = {value: safe for value in values if isinstance(value, str) and (safe := spreadsheet_safe(value)) is not value}
    return column.replace(unsafe) if unsafe else column


def write_json(data: Any, path: Path, *, indent: bool = True) -> Path:
    """Write JSON with readable Chinese and a stable layout (undecodable name bytes as ``\\xff``).

    ``indent=False`` writes a list one element per line and a dict one key per line, each
    compact: still readable line by line (used for the many per-speech files). Both layouts
    are encoded with orjson, many times faster than json's encoders; json writes only the
    text orjson refuses, lone surrogates (undecodable bytes of a file name), which
    :func:`~speechkit.names.json_safe` then escapes. Records in ``data``
    (:class:`~speechkit.model.Record`) are written as their ``to_dict()``, encoded from
    their fields without building it.
    """
    import orjson

    try:
        encoded = _orjson_bytes(data, indent)
    except orjson.JSONEncodeError:
        encoded = json_safe(_json_text(plain(data), indent)).encode("utf-8")
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encoded + b"\n")
    return path


def write_json_streamed(data: dict[str, Any], key: str, items: Sequence[Any], path: Path) -> Path:
    """Write ``{**data, key: list(items)}`` (``key`` last) as :func:`write_json` writes it
    (indented), the items encoded one at a time: a list of hundreds of thousands of records
    (a topic model's units, made as they are read) is never held whole, as objects or as
    text. ``items`` is read again when orjson refuses one (see :func:`write_json`)."""
    import orjson

    try:
        return _write_json_items(data, key, items, path, lambda value: _orjson_bytes(value, True))
    except orjson.JSONEncodeError:
        # As write_json: then the whole file by json (its numbers are written as json writes them).
        return _write_json_items(data, key, items, path,
                                 lambda value: json_safe(_json_text(plain(value), True)).encode("utf-8"))


def _write_json_items(data: dict[str, Any], key: str, items: Sequence[Any], path: Path, encode) -> Path:
    """:func:`write_json_streamed` with the indented encoder ``encode``."""
    empty = encode({**{name: value for name, value in data.items() if name != key}, key: []})
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            # The document with its list empty, opened where the list's brackets are.
            handle.write(empty[: -len(b"[]\n}")])
            separator = b"[\n"
            for item in items:
                # Each item two levels deep; a newline inside a string is escaped, so every line is the item's.
                handle.write(separator + b"\n".join(b"    " + line for line in encode(item).split(b"\n")))
                separator = b",\n"
            handle.write(b"[]\n}\n" if separator == b"[\n" else b"\n  ]\n}\n")
    return path


def _orjson_bytes(data: Any, indent: bool) -> bytes:
    """``data`` as JSON (see :func:`write_json`) encoded by orjson: indented by two spaces, or
    one element or key per line."""
    import orjson

    options = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
    if indent:
        return orjson.dumps(data, default=json_default, option=options | orjson.OPT_INDENT_2)
    encode = partial(orjson.dumps, default=json_default, option=options)
    if isinstance(data, list) and data:
        return b"[\n" + b",\n".join(map(encode, data)) + b"\n]"
    if isinstance(data, dict) and data:
        return b"{\n" + b",\n".join(encode(str(key)) + b": " + encode(value) for key, value in data.items()) + b"\n}"
    return encode(data)


def _json_text(data: Any, indent: bool) -> str:
    """Plain ``data`` as JSON text, by json: indented by two spaces, or one element or key per line."""
    if indent:
        return json.dumps(data, ensure_ascii=False, indent=2)
    encode = COMPACT_JSON.encode
    if isinstance(data, list) and data:
        return "[\n" + ",\n".join(map(encode, data)) + "\n]"
    if isinstance(data, dict) and data:
        return "{\n" + ",\n".join(f"{encode(str(key))}: {encode(value)}" for key, value in data.items()) + "\n}"
    return encode(data)


def csv_cells(row: Sequence[Any], safe_csv: bool = True) -> list[Any]:
    """A row as CSV cells: lists and dicts as JSON text (records in them as their ``to_dict()``),
    None empty and, with ``safe_csv``, text made :func:`spreadsheet_safe` (JSON text starts
    with ``[`` or ``{``: never a formula)."""
    cells = []
    for value in row:
        kind = type(value)
        if kind is int or kind is float:  # most cells: kept as they are, decided first
            pass
        elif kind is str:
            if safe_csv:
                value = spreadsheet_safe(value)
        elif value is None:
            value = ""
        elif isinstance(value, (list, tuple, dict)):
            value = nested_as_text(value)
        cells.append(value)
    return cells


def write_rows(rows: Sequence[Sequence[Any]], columns: Sequence[str], path: Path, safe_csv: bool = True) -> Path:
    """Rows (in ``columns`` order) as UTF-8 CSV, as :func:`write_frame` writes a frame of them.

    The per-speech tables are small and many; the ``csv`` module writes each in a fraction
    of the time a DataFrame takes to build and write.
    """
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            _write_csv_rows(handle, rows, columns, safe_csv)
    return path


def csv_text(rows: Iterable[Sequence[Any]], columns: Sequence[str], safe_csv: bool = True) -> str:
    """The CSV text :func:`write_rows` writes to a file (the command line prints it)."""
    buffer = io.StringIO()
    _write_csv_rows(buffer, rows, columns, safe_csv)
    return buffer.getvalue()


def _write_csv_rows(handle, rows: Iterable[Sequence[Any]], columns: Sequence[str], safe_csv: bool) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(csv_cells(columns, safe_csv))
    writer.writerows([csv_cells(row, safe_csv) for row in rows])


def write_frame(frame, path: Path, index: bool = False, safe_csv: bool = True, *,
                formats: Sequence[str] = DEFAULT_TABLE_FORMATS) -> list[Path]:
    """Write a DataFrame as ``path`` (.csv) and its twins in the other ``formats`` (JSON records, Parquet)."""
    return write_frames([frame.reset_index() if index else frame], path, safe_csv, formats=formats)


def write_frames(frames: Iterable, path: Path, safe_csv: bool = True, *,
                 formats: Sequence[str] = DEFAULT_TABLE_FORMATS) -> list[Path]:
    """Write the rows of consecutive DataFrames (same columns) as one table in each of
    ``formats``: ``path`` (.csv), its JSON twin (records) and its Parquet twin, one frame at a
    time: a table of millions of rows is never held whole, and the files are those
    :func:`write_frame` writes of the frames joined."""
    with TableWriter(path, safe_csv, formats=formats) as writer:
        for frame in frames:
            writer.write(frame)
    return writer.paths


class TableWriter:
    """One table written a frame at a time (consecutive DataFrames of the same columns) in
    each of ``formats``: ``path`` (.csv), its JSON twin (records) and its Parquet twin. The
    files are complete once it is closed (``with`` closes it), and are those
    :func:`write_frame` writes of the frames joined, however the rows were cut.

    Parameters
    ----------
    path : Path
        The CSV file; the others beside it with their own suffix.
    safe_csv : bool
        See the module note.
    formats : sequence of str
        Of :data:`TABLE_FORMATS`.
    """

    def __init__(self, path: Path, safe_csv: bool = True, *, formats: Sequence[str] = DEFAULT_TABLE_FORMATS):
        self._sinks = []
        try:
            for name in formats:
                target = path.with_suffix(f".{name}")
                with writing(target):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    self._sinks.append(_SINKS[name](target, safe_csv))
        except BaseException:
            self.release()
            raise

    @property
    def paths(self) -> list[Path]:
        """The files written, one per format."""
        return [sink.path for sink in self._sinks]

    def write(self, frame) -> None:
        """Append the rows of ``frame`` (a pandas DataFrame) to every file."""
        for sink in self._sinks:
            with writing(sink.path):
                sink.write(frame)

    def close(self) -> list[Path]:
        """Finish every file and return them (after a failure the others are let go unfinished)."""
        try:
            for sink in self._sinks:
                with writing(sink.path):
                    sink.close()
        finally:
            self.release()
        return self.paths

    def release(self) -> None:
        """Let the files go unfinished (after an error)."""
        for sink in self._sinks:
            sink.release()

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.close()
        else:
            self.release()


class _CsvSink:
    """Frames appended to one CSV file, the header once (``safe_csv``: see the module note)."""

    def __init__(self, path: Path, safe_csv: bool):
        self.path, self.safe_csv, self.header = path, safe_csv, True
        self.handle = path.open("w", encoding="utf-8", newline="")

    def write(self, frame) -> None:
        (spreadsheet_safe_frame(frame) if self.safe_csv else frame).to_csv(self.handle, index=False, header=self.header,
                                                                          lineterminator="\n")
        self.header = False

    def close(self) -> None:
        self.handle.close()

    def release(self) -> None:
        self.handle.close()


class _JsonSink:
    """Frames appended to one JSON list of indented records (never changed for spreadsheets)."""

    def __init__(self, path: Path, safe_csv: bool):
        self.path, self.first = path, True
        self.handle = path.open("w", encoding="utf-8")
        self.handle.write("[\n")

    def write(self, frame) -> None:
        for text in _json_record_pieces(frame):
            self.handle.write(text if self.first else ",\n" + text)
            self.first = False

    def close(self) -> None:
        try:
            self.handle.write("\n]\n")
        finally:
            self.handle.close()

    def release(self) -> None:
        self.handle.close()


class _ParquetSink:
    """Frames appended to one Parquet file (pyarrow), one row group per frame, under the
    schema of the frames joined: a column empty in one frame takes its type from the others,
    whole numbers beside fractions are fractions, and when a column's values cannot be typed
    as one every text column is written as text. The type is known only once every frame is
    seen, so the frames wait in a temporary file beside the table (one is read at a time)."""

    def __init__(self, path: Path, safe_csv: bool):
        self.path, self.frames = path, 0
        self.spill = tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")

    def write(self, frame) -> None:
        pickle.dump(frame, self.spill, protocol=pickle.HIGHEST_PROTOCOL)
        self.frames += 1

    def _spilled(self) -> Iterator:
        """The frames written so far, in order, read back one at a time."""
        self.spill.seek(0)
        for _ in range(self.frames):
            yield pickle.load(self.spill)

    def close(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.frames:  # no frame at all: a table without columns
            pq.write_table(pa.table({}), self.path)
            return
        as_text = None
        schema = _joined_schema(self._spilled())
        if schema is None:
            as_text = _text_columns
            schema = _joined_schema(map(as_text, self._spilled()))
        with pq.ParquetWriter(self.path, schema) as writer:
            for frame in self._spilled():
                table = pa.Table.from_pandas(as_text(frame) if as_text else frame, preserve_index=False)
                writer.write_table(table if table.schema.equals(schema) else table.cast(schema))

    def release(self) -> None:
        self.spill.close()


_SINKS = {"csv": _CsvSink, "json": _JsonSink, "parquet": _ParquetSink}


def _joined_schema(frames: Iterable):
    """The Arrow schema of ``frames`` joined (as :func:`pyarrow.unify_schemas` promotes
    types: none to any, whole numbers to fractions), or None when a column's values cannot be
    typed as one (numbers beside text, lists)."""
    import pyarrow as pa

    try:
        schemas = [pa.Schema.from_pandas(frame, preserve_index=False) for frame in frames]
        return pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return None


def _text_columns(frame):
    """``frame`` with its text columns as text: lists and dicts as JSON, missing values null."""
    text = frame.copy()
    for position in range(text.shape[1]):
        if text.dtypes.iloc[position] == object:
            text.isetitem(position, text.iloc[:, position].map(_as_text))
    return text


def _as_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str):
        return value
    return nested_as_text(value) if isinstance(value, (list, tuple, dict)) else str(value)


def table_formats(formats: Iterable[str]) -> tuple[str, ...]:
    """The table formats asked for, checked: each of :data:`TABLE_FORMATS`, at least one, and
    pyarrow installed for Parquet. Raises a one-line SpeechkitError otherwise."""
    from importlib import import_module

    from ..errors import SpeechkitError

    chosen = tuple(dict.fromkeys(name.strip().lower() for name in formats if name.strip()))
    unknown = [name for name in chosen if name not in TABLE_FORMATS]
    if unknown or not chosen:
        raise SpeechkitError(f"table formats: {', '.join(unknown) or 'none given'}; choose from {', '.join(TABLE_FORMATS)}")
    if "parquet" in chosen:
        try:
            import_module("pyarrow.parquet")
        except ImportError:
            raise SpeechkitError("Parquet tables need pyarrow: pip install 'speechkit[parquet]'") from None
    return chosen


# Errors that only a write meets: a full disk or quota, a read-only file system, a file too
# large for it (a refused permission may be a read's: it keeps its own message).
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG})


@contextmanager
def writing(path: Path, *, only: frozenset[int] | None = None) -> Iterator[None]:
    """Report a failed write (a full disk, a read-only folder) as one line naming the file
    (the error's own, else ``path``): ``cannot write PATH: No space left on device`` (a
    SpeechkitError, exit 2 from the CLI). ``only`` limits this to errors of those numbers
    (:data:`WRITE_ERRORS` around work that does more than write); others pass unchanged."""
    from ..errors import SpeechkitError

    try:
        yield
    except OSError as exc:
        if only is not None and exc.errno not in only:
            raise
        named = exc.filename if isinstance(exc.filename, (str, bytes, os.PathLike)) and exc.filename else path
        raise SpeechkitError(f"cannot write {os.fsdecode(named)}: {exc.strerror or exc}") from None


def _json_record_pieces(frame, rows: int = JSON_CHUNK_ROWS) -> Iterator[str]:
    """The frame's records as indented JSON, ``rows`` records a piece, without the brackets."""
    for begin in range(0, len(frame), rows):
        yield frame.iloc[begin : begin + rows].to_json(orient="records", force_ascii=False, indent=2)[2:-2]
