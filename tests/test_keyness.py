"""Keyness groups: the error names the option at fault, groups follow any variable."""

from __future__ import annotations

import pytest
from cli_run import run

from speechkit.analysis.keyness import keyness_by, split_groups
from speechkit.corpus import Corpus
from speechkit.errors import SpeechkitError
from speechkit.model import Metadata
from speechkit.speech import Speech


def test_a_misspelt_by_is_blamed_not_the_target(real_corpus):
    with pytest.raises(SpeechkitError, match=r"^--by: no speech has a value for 'yaer' \(variables: .*year"):
        split_groups(real_corpus, "yaer", "2020")


def test_an_absent_value_still_blames_the_target(real_corpus):
    with pytest.raises(SpeechkitError, match=r"^--target: no speech has year = 1999"):
        split_groups(real_corpus, "year", "1999")


def test_groups_by_a_manifest_column():
    speeches = Corpus([
        Speech("推进乡村振兴，乡村振兴见成效。", Metadata(year=2020, extra={"kind": "rural"}), name="a"),
        Speech("发展数字经济。", Metadata(year=2020, extra={"kind": "digital"}), name="b"),
        Speech("没有分类。", Metadata(year=2021), name="c"),
    ])
    target, reference = split_groups(speeches, "kind", "rural")
    assert [s.id for s in target] == ["a"] and [s.id for s in reference] == ["b", "c"]
    target, reference = split_groups(speeches, "speech", "b", "a")
    assert [s.id for s in target] == ["b"] and [s.id for s in reference] == ["a"]
    assert set(keyness_by(speeches, "kind", min_count=1, p_threshold=None)["kind"]) <= {"rural", "digital"}


def test_cli_names_by_for_a_bad_variable(monkeypatch, capsys, real_dir):
    code, out, err = run(monkeypatch, capsys, "keyness", real_dir, "--by", "yaer", "--target", "2020")
    assert code == 2 and out == ""
    assert err.strip().splitlines()[-1] == (
        "speechkit: error: --by: no speech has a value for 'yaer' (variables: date, org, speaker, speech, title, year)")
    assert "--target" not in err and "Traceback" not in err
