"""Every command accepts the one segmentation-options bundle and honours it.

A made-up place name (犇骉数链港) is cut into single characters by the engines; a
user dictionary that keeps it whole must change what each segmenting command gives.
Commands that never segment (metrics, placeholders, fill) accept the bundle and check
its files like the others.
"""

from __future__ import annotations

import json

import pytest
from cli_run import run
from conftest import CORPUS

WORD = "犇骉数链港"
REDACTED_LINE = "全面落实“*”犇骉数链港建设部署。\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """A folder of two demo speeches where 2022 names the park 犇骉数链港, one speech
    file of it with a redacted quote, and a user dictionary holding the name."""
    root = tmp_path_factory.mktemp("bundle")
    folder = root / "speeches"
    folder.mkdir()
    (folder / "yunxi-2021.txt").write_text((CORPUS / "yunxi-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    renamed = (CORPUS / "yunxi-2022.txt").read_text(encoding="utf-8").replace("园区", WORD)
    (folder / "yunxi-2022.txt").write_text(renamed, encoding="utf-8")
    speech = root / "yunxi-2022.txt"
    speech.write_text(renamed + REDACTED_LINE, encoding="utf-8")
    userdict = root / "userdict.txt"
    userdict.write_text(f"{WORD} 50 ns\n", encoding="utf-8")
    return {"folder": folder, "speech": speech, "userdict": userdict, "root": root}


def both(monkeypatch, capsys, files, *args):
    """stdout without and with ``--userdict``; both runs must succeed."""
    outputs = []
    for extra in ([], ["--userdict", files["userdict"]]):
        code, out, err = run(monkeypatch, capsys, *args, *extra)
        assert code == 0, err
        outputs.append(out)
    return outputs


def test_the_engines_cut_the_made_up_word(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "segment", files["speech"], "-f", "json")
    assert WORD not in {t["text"] for t in json.loads(plain)}
    assert WORD in {t["text"] for t in json.loads(whole)}


def test_segmenter_and_its_deprecated_name_engine_are_the_same_option(monkeypatch, capsys, files):
    outputs = [run(monkeypatch, capsys, "segment", files["speech"], option, "jieba") for option in ("--segmenter", "--engine")]
    assert outputs[0][0] == 0 and outputs[0][:2] == outputs[1][:2]
    assert outputs[0][2] == "" and outputs[1][2] == "speechkit: note: --engine is deprecated; use --segmenter jieba\n"
    code, _, err = run(monkeypatch, capsys, "segment", files["speech"], "--segmenter", "rjieba", "--engine", "jieba")
    assert code == 2 and err.count("\n") == 1 and "disagree" in err


def test_corpus_counts_tokens_with_the_user_dictionary(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "corpus", files["folder"], "-f", "json")
    tokens = [{s["file"]: s["tokens"] for s in json.loads(out)["speeches"]} for out in (plain, whole)]
    assert tokens[1]["yunxi-2021.txt"] == tokens[0]["yunxi-2021.txt"]
    assert tokens[1]["yunxi-2022.txt"] < tokens[0]["yunxi-2022.txt"]


def test_outline_keywords_use_the_user_dictionary(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "outline", files["speech"], "-f", "json", "--keywords", "5")
    assert f'"{WORD}"' not in plain
    assert f'"{WORD}"' in whole


def test_slogans_redaction_context_ends_on_the_user_word(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "slogans", files["speech"])
    assert f"“*”{WORD}" not in plain
    assert f"“*”{WORD}" in whole


@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "{speech}", "-f", "json"],
        ["placeholders", "{speech}", "-f", "json"],
        ["fill", "{speech}", "{values}"],
    ],
)
def test_commands_without_segmentation_accept_and_check_the_bundle(monkeypatch, capsys, files, args):
    values = files["root"] / "values.csv"
    values.write_text("slot,value\n1,国家级\n", encoding="utf-8")
    args = [a.format(speech=files["speech"], values=values) for a in args]
    plain, whole = both(monkeypatch, capsys, files, *args)
    assert plain == whole and plain
    code, out, err = run(monkeypatch, capsys, *args, "--userdict", files["root"] / "missing.txt")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "missing.txt" in err and "does not exist" in err


def test_keywords_find_the_user_word(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "keywords", files["speech"], "-f", "json")
    assert WORD not in {k["term"] for k in json.loads(plain)}
    assert WORD in {k["term"] for k in json.loads(whole)}


def test_kwic_whole_terms_follow_the_user_dictionary(monkeypatch, capsys, files):
    # 数链 is two tokens of the cut name, but inside the word the dictionary keeps whole.
    plain, whole = both(monkeypatch, capsys, files, "kwic", files["speech"], "数链", "--term", "-f", "json")
    assert len(json.loads(plain)) == files["speech"].read_text(encoding="utf-8").count(WORD)
    assert json.loads(whole) == []


def test_keyness_finds_the_user_word_key_to_its_year(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "keyness", files["folder"], "--target", "2022", "-f", "json")
    assert WORD not in {r["term"] for r in json.loads(plain)}
    assert WORD in {r["term"] for r in json.loads(whole) if r["g2"] > 0}


def test_graph_has_the_user_word_as_a_node(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "graph", files["folder"], "-f", "json")
    assert WORD not in {n["id"] for n in json.loads(plain)["nodes"]}
    assert WORD in {n["id"] for n in json.loads(whole)["nodes"]}


def test_collocations_stop_proposing_a_phrase_the_dictionary_has(monkeypatch, capsys, files):
    code, out, err = run(monkeypatch, capsys, "collocations", CORPUS, "-f", "json")
    assert code == 0, err
    phrase = json.loads(out)[0]["phrase"]
    userdict = files["root"] / "phrase.txt"
    userdict.write_text(f"{phrase} 20 n\n", encoding="utf-8")
    code, out, err = run(monkeypatch, capsys, "collocations", CORPUS, "-f", "json", "--userdict", userdict)
    assert code == 0, err
    assert phrase not in {c["phrase"] for c in json.loads(out)}


def test_idf_table_counts_the_user_word(monkeypatch, capsys, files):
    tables = []
    for extra in ([], ["--userdict", files["userdict"]]):
        target = files["root"] / f"idf{len(extra)}.txt"
        code, _, err = run(monkeypatch, capsys, "idf", files["folder"], "-o", target, *extra)
        assert code == 0, err
        tables.append({line.split()[0] for line in target.read_text(encoding="utf-8").splitlines()})
    assert WORD not in tables[0] and WORD in tables[1]


def test_compare_rates_honour_the_user_dictionary(monkeypatch, capsys, files):
    plain, whole = both(monkeypatch, capsys, files, "compare", files["folder"], "--table", "rates", "-f", "json")
    assert WORD not in {r["term"] for r in json.loads(plain)["rates"]}
    assert WORD in {r["term"] for r in json.loads(whole)["rates"]}


def test_wordcloud_draws_the_user_word(monkeypatch, capsys, files):
    pictures = []
    for extra in ([], ["--userdict", files["userdict"]]):
        target = files["root"] / f"cloud{len(extra)}.png"
        code, _, err = run(monkeypatch, capsys, "wordcloud", files["speech"], "-o", target, *extra)
        assert code == 0, err
        pictures.append(target.read_bytes())
    assert pictures[0] != pictures[1]


def test_analyze_tables_use_the_user_dictionary(monkeypatch, capsys, files, tmp_path):
    out = tmp_path / "out"
    code, _, err = run(
        monkeypatch, capsys, "analyze", files["folder"], "-o", out, "--no-speech-pictures", "--userdict", files["userdict"]
    )
    assert code == 0, err
    assert f",{WORD}," in (out / "tables" / "frequencies.csv").read_text(encoding="utf-8")
