"""One formulation list type: the lexicon and the core formulations are both Lexicon
objects of Formulation entries, read by one reader; core entries carry the flag."""

from __future__ import annotations

import pytest

from speechkit.errors import SpeechkitError
from speechkit.extract.phrases import core_formulation_slogans
from speechkit.extract.slogans.lexicon import (
    KINDS,
    Formulation,
    Lexicon,
    load_core_formulations,
    load_lexicon,
    read_core_list,
    read_lexicon,
)
from speechkit.model import Span
from speechkit.speech import Speech


def test_the_bundled_lists_are_one_type_and_only_the_core_one_is_flagged():
    lexicon, core = load_lexicon(), load_core_formulations()
    assert isinstance(lexicon, Lexicon) and isinstance(core, Lexicon)
    assert all(not entry.core and entry.kind in KINDS for entry in lexicon.entries)
    assert all(entry.core and entry.kind for entry in core.entries)
    assert {"供给侧结构性改革", "新发展理念", "中国式现代化"} <= set(core.texts())
    assert any(entry.not_after for entry in core.entries)


def test_one_reader_reads_either_list_and_its_optional_column(tmp_path):
    path = tmp_path / "own.tsv"
    path.write_text("canonical\tvariants\tkind\tgloss\tnot_after\n新发展理念\t新理念\tslogan\t五大理念\t创\n", encoding="utf-8")
    as_lexicon, as_core = read_lexicon(path), read_core_list(path)
    assert as_lexicon.entries == (Formulation("新发展理念", ("新理念",), "slogan", "五大理念", "创"),)
    assert as_core.entries == (Formulation("新发展理念", ("新理念",), "slogan", "五大理念", "创", core=True),)
    # not_after holds for every spelling, in either list.
    text = "创新发展理念，新发展理念，创新理念"
    assert [(s, e) for s, e, _ in as_lexicon.find(text)] == [(7, 12)] == [(s, e) for s, e, _ in as_core.find(text)]


def test_a_core_list_takes_its_own_kinds_the_lexicon_only_its_three(tmp_path):
    path = tmp_path / "core.tsv"
    path.write_text("canonical\tvariants\tkind\tgloss\n美丽乡村\t\tgoal\t农村建设目标\n", encoding="utf-8")
    assert read_core_list(path).entries[0].kind == "goal"
    with pytest.raises(SpeechkitError, match="line 2: kind 'goal' is not one of numbered, slogan, parallel"):
        read_lexicon(path)
    path.write_text("canonical\tvariants\tkind\tgloss\n美丽乡村\t\tgoal\t目标\t多余\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="line 2 has 5 columns, not 4"):
        read_core_list(path)
    path.write_text("canonical\tvariants\tkind\tgloss\n\t美丽乡村\tgoal\t目标\n", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="line 2 needs a formulation and a kind"):
        read_core_list(path)


def test_core_slogans_come_from_the_core_flagged_entries():
    text = "坚持新发展理念，构建新发展格局。创新发展理念不算。"
    found = {s.text: s for s in core_formulation_slogans(Speech(text))}
    assert found["新发展理念"].count == 1 and found["新发展理念"].spans == [Span(2, 7)]
    assert found["新发展格局"].kind == "core" and found["新发展格局"].subkind == "policy"
