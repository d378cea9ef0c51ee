"""Keyness groups: the error names the option at fault, groups follow any variable."""

from __future__ import annotations

from collections import Counter

import pytest
from cli_run import run
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.analysis.keyness import distinctive_terms, group_rankings, keyness_by, keyness_table, split_groups
from speechkit.corpus import Corpus
from speechkit.errors import SpeechkitError
from speechkit.model import Keyword, Metadata
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


counts = st.dictionaries(st.sampled_from(list("发展改革创新建设经济社会文化生态安全")), st.integers(0, 40), max_size=14)


@given(counts, counts, st.sampled_from([None, 0.05, 0.5]), st.sampled_from([0.0, 1.0, 2.0]))
@example({"发展": 3, "改革": 1}, {"发展": 1, "改革": 30}, 0.05, 1.0)
def test_distinctive_terms_are_the_key_rows_of_the_keyness_table(target, reference, p_threshold, min_log_ratio):
    # The terms tested in arrays first are exactly the rows of the table with a positive G² and the least log ratio.
    if not sum(target.values()) or not sum(reference.values()):
        return
    rows = keyness_table(target, reference, p_threshold=p_threshold, min_count=1)
    expected = [Keyword(r.term, r.g2, r.target_count) for r in rows if r.g2 > 0 and r.log_ratio >= min_log_ratio]
    assert distinctive_terms(target, reference, p_threshold=p_threshold, min_count=1,
                             min_log_ratio=min_log_ratio) == expected
    assert rows == sorted(rows, key=lambda r: (-r.g2, r.term))
    assert all(target.get(r.term, 0) == r.target_count and reference.get(r.term, 0) == r.reference_count for r in rows)


@given(st.dictionaries(st.integers(0, 9), counts, min_size=1, max_size=4))
def test_each_group_is_ranked_against_the_rest_as_counter_subtraction_gives_it(groups):
    total = sum((Counter(c) for c in groups.values()), Counter())
    for value, (weight, ranked) in group_rankings(groups).items():
        rest = total - Counter(groups[value])
        if weight == "keyness":
            assert ranked == distinctive_terms(groups[value], rest)
        else:
            assert not sum(rest.values()) or not sum(groups[value].values())
