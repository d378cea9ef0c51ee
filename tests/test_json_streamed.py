"""A JSON document whose last list is written one item at a time has the bytes of the
document written whole (``write_json``), for any data: the topic model's file is written so."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.render.writers import write_json, write_json_streamed

# JSON values as a topic model's file holds them: text (lone surrogates of undecodable file
# names included), numbers, None, and nested lists and objects.
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=5), inner, max_size=4)),
                      max_leaves=12)


@given(head=st.dictionaries(st.text(max_size=6).filter(lambda key: key != "units"), VALUES, max_size=4),
       items=st.lists(VALUES, max_size=5))
@example(head={"method": "nmf", "k": 2}, items=[{"speech": "a\nb", "shares": [0.5, 1e-05], "section": None}])
@example(head={"top_speech": "\udcff"}, items=[{"speech": "s", "shares": [1e-05]}])
@example(head={"k": 1}, items=[{"speech": "\udcff.txt", "shares": [1e-05]}])
@example(head={}, items=[])
def test_a_streamed_list_gives_the_bytes_of_the_whole_document(tmp_path_factory, head, items):
    folder = tmp_path_factory.mktemp("json")
    whole = write_json({**head, "units": items}, folder / "whole.json").read_bytes()
    assert write_json_streamed(head, "units", items, folder / "streamed.json").read_bytes() == whole


def test_the_run_summary_reads_the_topic_model_without_its_units(tmp_path):
    import json

    from speechkit.analysis.topics import model_summary
    from speechkit.pipeline.artefacts import TOPIC_MODEL_FILE, topic_summary

    head = {"method": "nmf", "k": 2, "coherence": 0.25, "selection": {"measure": "NPMI", "scores": {"nmf": {"2": 0.25}}},
            "topics": [{"topic": 0, "label": "改革", "one_document": False}, {"topic": 1, "label": "发展", "one_document": True}]}
    units = [{"speech": "a", "shares": [0.5, 0.5]}] * 3
    write_json_streamed(head, "units", units, tmp_path / TOPIC_MODEL_FILE)
    whole = json.loads((tmp_path / TOPIC_MODEL_FILE).read_text(encoding="utf-8"))
    assert whole["units"] == units
    assert topic_summary(tmp_path, [TOPIC_MODEL_FILE]) == model_summary(whole) == model_summary(head)
    assert model_summary(whole)["one_document"] == [1]
    assert topic_summary(tmp_path, []) == {}
