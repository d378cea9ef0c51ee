"""The parity check itself can fail: a table unlike analyze's is caught."""

import pytest

from tests.parity.conftest import assert_same_table


def test_a_changed_table_is_not_the_same(analyzed, tmp_path):
    import pandas as pd

    by, tables = analyzed
    corpus = pd.read_parquet(tables / "corpus.parquet")
    assert_same_table(corpus, tables, "corpus", tmp_path / "same")
    changed = corpus.assign(words=corpus["words"] + 1)
    with pytest.raises(AssertionError):
        assert_same_table(changed, tables, "corpus", tmp_path / "changed")
