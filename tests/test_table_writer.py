"""A table written a frame at a time is the table written whole, however its rows are cut:
CSV and JSON byte for byte, Parquet as the same frame read back, for columns whose type only
the whole table tells (empty in one piece, whole numbers beside fractions, text beside
numbers)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.render.writers import TABLE_FORMATS, TableWriter, write_frame, write_frames

# Text, numbers, lists and missing values, each column typed only by its rows together.
ROWS = [
    {"speech": "甲", "year": 2020, "note": None, "value": 1, "mixed": "a", "spans": None, "flag": None},
    {"speech": "甲", "year": 2020, "note": None, "value": 2, "mixed": "=1+1", "spans": None, "flag": None},
    {"speech": "乙", "year": None, "note": "提法", "value": 2.5, "mixed": 3, "spans": [[1, 2]], "flag": True},
    {"speech": "丙", "year": 2022, "note": "-x", "value": None, "mixed": None, "spans": [], "flag": False},
    {"speech": "丁", "year": 2023, "note": None, "value": 7, "mixed": "b", "spans": None, "flag": None},
]


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _pieces(frame: pd.DataFrame, cuts: list[int]) -> list[pd.DataFrame]:
    bounds = [0, *sorted(cuts), len(frame)]
    return [frame.iloc[begin:end].reset_index(drop=True) for begin, end in zip(bounds, bounds[1:])]


def _same_files(whole: list, pieces: list) -> None:
    assert [p.name for p in whole] == [p.name for p in pieces]
    for mine, theirs in zip(whole, pieces):
        if mine.suffix == ".parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(theirs), pd.read_parquet(mine))
        else:
            assert theirs.read_bytes() == mine.read_bytes(), mine.name


@given(
    columns=st.sampled_from([
        ["speech", "year", "note", "value"],  # types only the whole tells: Parquet as typed columns
        ["speech", "year", "note", "value", "mixed", "spans", "flag"],  # text beside numbers: Parquet as text
    ]),
    cuts=st.lists(st.integers(0, len(ROWS)), max_size=4),
    safe_csv=st.booleans(),
)
@example(columns=["speech", "year", "note", "value"], cuts=[2, 2], safe_csv=True)  # an empty piece between
def test_a_table_written_in_pieces_is_the_table_written_whole(columns, cuts, safe_csv, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pieces")
    frame = _frame(ROWS, columns)
    whole = write_frame(frame, folder / "whole" / "t.csv", safe_csv=safe_csv, formats=TABLE_FORMATS)
    pieces = write_frames(_pieces(frame, cuts), folder / "pieces" / "t.csv", safe_csv=safe_csv, formats=TABLE_FORMATS)
    _same_files(whole, pieces)


def test_the_parquet_columns_are_typed_by_the_whole_table(tmp_path):
    frame = _frame(ROWS, ["speech", "year", "note", "value"])
    with TableWriter(tmp_path / "t.csv", formats=["parquet"]) as writer:
        for piece in _pieces(frame, [2]):  # the first piece has no note and whole values only
            writer.write(piece)
    back = pd.read_parquet(tmp_path / "t.parquet")
    assert back["note"].tolist()[2:4] == ["提法", "-x"] and back["value"].dtype == "float64"
    assert back["value"].tolist()[:3] == [1.0, 2.0, 2.5]


def test_a_failed_table_is_left_unfinished_and_its_spill_removed(tmp_path):
    frame = _frame(ROWS, ["speech", "year", "note", "value"])
    with pytest.raises(RuntimeError):
        with TableWriter(tmp_path / "t.csv", formats=TABLE_FORMATS) as writer:
            writer.write(frame)
            raise RuntimeError("stopped")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.json"]  # no Parquet, no temporary file
    assert not (tmp_path / "t.json").read_text(encoding="utf-8").rstrip().endswith("]")


def test_columns_named_by_numbers_are_written_as_arrow_names_them(tmp_path):
    """A table with a column per year (named by the number) reads back as pyarrow writes it at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = pd.DataFrame({"indicator": ["粮食产量", "GDP"], 2013: [1.5, None], 2014: [None, 2]})
    pieces = write_frames(_pieces(frame, [1]), tmp_path / "t.csv", formats=TABLE_FORMATS)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "direct.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(pieces[-1]), pd.read_parquet(tmp_path / "direct.parquet"))
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[0] == "indicator,2013,2014"
