"""The one reader of configuration files (word lists, tab-separated tables, dictionaries):
every reader of the project reports a missing, folder or non-UTF-8 file the same way."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechkit.analysis.canonical import read_canonical
from speechkit.analysis.categories import read_dictionary
from speechkit.analysis.idf import IdfTable
from speechkit.errors import SpeechkitError
from speechkit.extract.metrics.indicators import read_indicators
from speechkit.extract.abstract_nouns import read_abstract_nouns
from speechkit.extract.metrics.template import read_slot_values
from speechkit.extract.metrics.units import read_units
from speechkit.extract.slogans.lexicon import read_core_list, read_lexicon
from speechkit.resources import read_wordlist
from speechkit.resource_files import read_table, read_text_file

READERS = [
    (read_wordlist, "word list"),
    (read_units, "unit table"),
    (read_indicators, "indicator table"),
    (read_canonical, "canonical indicator table"),
    (read_core_list, "core formulation list"),
    (read_lexicon, "formulation lexicon"),
    (read_dictionary, "category dictionary"),
    (IdfTable.load, "IDF table"),
    (read_slot_values, "slot value file"),
    (read_abstract_nouns, "abstract-noun table"),
]


@pytest.mark.parametrize(("reader", "what"), READERS)
def test_every_reader_names_a_missing_a_folder_and_a_non_utf8_file(reader, what, tmp_path):
    with pytest.raises(SpeechkitError, match=f"^{re.escape(str(tmp_path / 'absent.tsv'))}: {what} not found$"):
        reader(tmp_path / "absent.tsv")
    with pytest.raises(SpeechkitError, match=f"^{re.escape(str(tmp_path))}: {what} is a folder, not a file$"):
        reader(tmp_path)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("政府".encode("gb18030"))
    with pytest.raises(SpeechkitError, match=f"^{re.escape(str(latin))}: {what} is not UTF-8 text$"):
        reader(latin)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "pipe.tsv"
    os.mkfifo(fifo)
    with pytest.raises(SpeechkitError, match="word list is not a regular file"):
        read_text_file(fifo, what="word list")


def test_a_table_may_open_with_comments_and_counts_lines_as_written(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("\ufeff# about\n\na\tb\n# note\nx\t y \n\tonly b\nlone\n", encoding="utf-8")
    assert [tuple(row) for row in read_table(path, ["a", "b"], what="t")] == [
        (5, ["x", "y"]), (6, ["", "only b"]), (7, ["lone", ""])]
    with pytest.raises(SpeechkitError, match=r"line 7 has 1 columns, not 2"):
        list(read_table(path, ["a", "b"], what="t", exact=True))
    with pytest.raises(SpeechkitError, match="first line must be the tab-separated header a b c"):
        list(read_table(path, ["a", "b", "c"], what="t"))


def test_line_ends_are_kept_as_written(tmp_path):
    path = tmp_path / "crlf.csv"
    path.write_bytes(b'slot,value\r\n1,"a\r\nb"\r\n')
    assert read_text_file(path, what="x") == 'slot,value\r\n1,"a\r\nb"\r\n'


cell = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=6)


@given(st.lists(st.lists(cell, min_size=1, max_size=3), max_size=5))
def test_a_written_table_reads_back_cell_for_cell(tmp_path_factory, rows):
    rows = [row for row in rows if any(row) and not row[0].startswith("#")]
    path = tmp_path_factory.mktemp("t") / "t.tsv"
    path.write_text("\n".join(["a\tb\tc", *("\t".join(row) for row in rows)]) + "\n", encoding="utf-8")
    read = [row.cells for row in read_table(path, ["a", "b", "c"], what="t")]
    assert read == [(row + ["", ""])[:3] for row in rows]
