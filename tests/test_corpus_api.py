"""The corpus as a researcher handles it in Python and on the command line: subset,
query, slices, a corpus from a DataFrame, the document-term matrix and ``--where``."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import scipy.io
from hypothesis import example, given
from hypothesis import strategies as st

import speechkit as sk
from speechkit import Corpus, SpeechkitError
from speechkit.analysis.frequencies import speech_frequencies
from speechkit.analysis.kwic import kwic
from speechkit.model import Metadata

from cli_run import run

# Real documents that all speak of 高质量发展, with a kind of our own for each.
KINDS = {
    "govreport-2013.txt": "govreport",
    "govreport-2018.txt": "govreport",
    "govreport-2022.txt": "govreport",
    "local-govreport-hailar-2018.txt": "local",
    "local-govreport-hailar-2019.txt": "local",
    "party-congress-20.txt": "congress",
}


@pytest.fixture
def kinds_dir(real_dir, tmp_path) -> Path:
    """A folder of real documents plus a metadata.csv (kind, level, year) we write."""
    folder = tmp_path / "speeches"
    folder.mkdir()
    rows = []
    for number, (name, kind) in enumerate(sorted(KINDS.items())):
        shutil.copy(real_dir / name, folder / name)
        year = sk.read_speech(real_dir / name).year
        rows.append({"file": name, "kind": kind, "level": str(number % 3 + 1), "year": str(year)})
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "kind", "level", "year"])
        writer.writeheader()
        writer.writerows(rows)
    (folder / "notes.xyz").write_text("not a speech", encoding="utf-8")
    return folder


@pytest.fixture
def kinds_corpus(kinds_dir) -> Corpus:
    return sk.read_corpus(kinds_dir)


def ids(corpus) -> list[str]:
    return [speech.id for speech in corpus]


def test_query_keeps_the_speeches_whose_docvars_satisfy_it(kinds_corpus):
    kept = kinds_corpus.query("kind == 'govreport' and 2013 <= year <= 2018")
    assert isinstance(kept, Corpus)
    assert ids(kept) == ["govreport-2013", "govreport-2018"]
    assert kept.root == kinds_corpus.root and kept.skipped == kinds_corpus.skipped
    assert [s.path for s in kept.skipped] and "notes.xyz" in kept.skipped[0].path
    assert ids(kinds_corpus.query("kind != 'govreport'")) == ["local-govreport-hailar-2018", "local-govreport-hailar-2019",
                                                             "party-congress-20"]
    assert ids(kinds_corpus.query("speech.str.startswith('local')")) == ["local-govreport-hailar-2018",
                                                                        "local-govreport-hailar-2019"]


def test_query_compares_a_manifest_column_of_numbers_as_numbers(kinds_corpus):
    by_level = {s.id: int(s.meta.extra["level"]) for s in kinds_corpus}
    assert ids(kinds_corpus.query("level >= 2")) == [sid for sid, level in by_level.items() if level >= 2]


def test_query_leaves_out_a_speech_without_the_value(kinds_corpus):
    undated = Corpus([*kinds_corpus, sk.Speech(text="我们自己写的一段话，没有年份。\n", name="undated")])
    assert "undated" not in ids(undated.query("year > 0"))
    assert ids(undated.query("year.isna()")) == ["undated"]


@pytest.mark.parametrize(
    "expr, reason",
    [
        ("genre == 'govreport'", "name 'genre' is not defined"),
        ("year >", "invalid syntax"),
        ("year + 1", "does not give true or false"),
        ("kind > 2", "Invalid comparison"),
    ],
)
def test_query_of_a_bad_expression_is_a_one_line_error_naming_the_variables(kinds_corpus, expr, reason):
    with pytest.raises(SpeechkitError) as caught:
        kinds_corpus.query(expr)
    message = str(caught.value)
    assert reason in message and "\n" not in message
    assert message.endswith("variables: date, kind, level, org, speaker, speech, title, year")


def test_subset_by_equality_and_by_allowed_values(kinds_corpus):
    assert ids(kinds_corpus.subset(kind="local")) == ["local-govreport-hailar-2018", "local-govreport-hailar-2019"]
    both = kinds_corpus.subset(kind=["govreport", "congress"], year=range(2018, 2023))
    assert ids(both) == ["govreport-2018", "govreport-2022", "party-congress-20"]
    assert ids(kinds_corpus.subset(kind="local", level=[1, 2, 3])) == ids(kinds_corpus.subset(kind="local"))
    assert ids(kinds_corpus.subset(speech={"govreport-2013"})) == ["govreport-2013"]
    assert isinstance(both, Corpus) and both.root == kinds_corpus.root and both.skipped == kinds_corpus.skipped
    assert ids(kinds_corpus.subset(kind="govreport", year=2018)) == ids(
        kinds_corpus.query("kind == 'govreport' and year == 2018"))


def test_subset_of_an_unknown_variable_names_those_there_are(kinds_corpus):
    with pytest.raises(SpeechkitError, match=r"unknown variable genre; variables: date, kind, level"):
        kinds_corpus.subset(genre="govreport")


def test_a_slice_of_a_corpus_is_a_corpus(kinds_corpus):
    part = kinds_corpus[2:5]
    assert isinstance(part, Corpus) and ids(part) == ids(kinds_corpus)[2:5]
    assert part.root == kinds_corpus.root and part.skipped == kinds_corpus.skipped
    assert ids(kinds_corpus[::-2]) == ids(kinds_corpus)[::-2]
    assert isinstance(kinds_corpus[0], sk.Speech) and kinds_corpus[-1].id == "party-congress-20"


def test_from_frame_builds_speeches_with_docvars_read_as_a_manifest_is(real_dir):
    texts = [(real_dir / name).read_text(encoding="utf-8") for name in ("govreport-2018.txt", "party-congress-19.txt")]
    frame = pd.DataFrame({
        "body": texts,
        "year": [2018.0, float("nan")],  # a column with a gap is float in pandas
        "kind": ["govreport", None],
        "when": pd.to_datetime(["2018-03-05", "2017-10-18"]),
    })
    corpus = Corpus.from_frame(frame, text="body")
    assert ids(corpus) == ["text1", "text2"]
    first, second = corpus
    assert first.text == texts[0] and first.year == 2018 and first.meta.extra == {"kind": "govreport", "when": "2018-03-05"}
    # What the frame leaves empty is inferred from the text as for a file: the title here.
    assert first.title == sk.read_speech(real_dir / "govreport-2018.txt").title
    assert second.year is None and second.meta.extra == {"when": "2017-10-18"}
    assert ids(corpus.query("kind == 'govreport'")) == ["text1"]

    named = Corpus.from_frame(frame.assign(doc=["a/b", "a/b"]), text="body", docvars=["year"], id="doc")
    assert len(set(ids(named))) == 2 and named[0].meta.extra == {}


def test_from_frame_errors_name_the_column_or_row():
    frame = pd.DataFrame({"text": ["我们自己写的话。", 3], "year": ["2018", "2019"]})
    with pytest.raises(SpeechkitError, match=r"no column body; columns: text, year"):
        Corpus.from_frame(frame, text="body")
    with pytest.raises(SpeechkitError, match=r"row 1 \(text2\): 'text' is not text \(int\)"):
        Corpus.from_frame(frame)
    with pytest.raises(SpeechkitError, match=r"row 0 \(text1\): year '18' is not a four-digit year"):
        Corpus.from_frame(pd.DataFrame({"text": ["我们自己写的话。"], "year": [18]}))


def test_dtm_counts_match_a_direct_count_of_the_tokens(real_corpus):
    speeches = real_corpus.subset(speech=["govreport-2018", "party-congress-20"])
    matrix, vocabulary, docvars = speeches.dtm(pos=None)
    assert matrix.format == "csr" and matrix.shape == (2, len(vocabulary)) and vocabulary == sorted(vocabulary)
    assert docvars["doc_id"].tolist() == ["govreport-2018", "party-congress-20"]
    assert docvars["year"].tolist() == [2018, 2022]
    column = {term: j for j, term in enumerate(vocabulary)}
    for row, speech in enumerate(speeches):
        direct = speech_frequencies(speech)
        counted = {vocabulary[j]: int(matrix[row, j]) for j in matrix[row].indices}
        assert counted == direct
        tokens = Counter(t.text for t in speech.tokens())
        for term in ("高质量发展", "改革开放", "人民"):
            assert matrix[row, column[term]] == tokens[term] > 0


def test_dtm_default_keeps_the_terms_of_the_keyword_tables(real_corpus):
    from speechkit.analysis.terms import DEFAULT_POS, content_terms

    speech = real_corpus.subset(speech="govreport-2018")[0]
    matrix, vocabulary, _ = real_corpus.subset(speech="govreport-2018").dtm()
    direct = Counter(t.text for t in content_terms(speech, DEFAULT_POS))
    assert dict(zip(vocabulary, matrix.toarray()[0].tolist())) == direct


def test_dtm_by_paragraph_sums_to_the_speech_rows(real_corpus):
    speeches = real_corpus[5:7]
    whole = speeches.dtm()
    parts = speeches.dtm(by="paragraph")
    assert parts.matrix.shape[0] == sum(len(s.paragraphs) for s in speeches)
    assert parts.docvars.columns[:5].tolist() == ["doc_id", "speech", "paragraph", "start", "end"]
    first = speeches[0]
    rows = parts.docvars.index[parts.docvars["speech"] == first.id]
    assert parts.docvars.loc[rows[0], "doc_id"] == f"{first.id}.1"
    assert parts.docvars.loc[rows, "start"].tolist() == [p.start for p in first.paragraphs]
    summed = dict(zip(parts.vocabulary, parts.matrix[rows].sum(axis=0).A1.tolist()))
    speech_row = dict(zip(whole.vocabulary, whole.matrix.toarray()[0].tolist()))
    assert {t: n for t, n in summed.items() if n} == {t: n for t, n in speech_row.items() if n}


def test_dtm_of_a_corpus_without_terms_and_of_a_bad_unit():
    bare = Corpus([sk.Speech(text="的。\n", name="a"), sk.Speech(text="2024年\n", name="b")])
    matrix, vocabulary, docvars = bare.dtm()
    assert matrix.shape == (2, 0) and vocabulary == [] and docvars["doc_id"].tolist() == ["a", "b"]
    with pytest.raises(SpeechkitError, match=r"by='section'; choose one of speech, paragraph"):
        bare.dtm(by="section")


def test_dtm_display_is_compact(real_corpus):
    dtm = real_corpus.dtm(by="paragraph")
    text = repr(dtm)
    assert text.startswith(f"DocumentTermMatrix({dtm.matrix.shape[0]} documents × {len(dtm.vocabulary)} terms")
    assert "most frequent: 发展 " in text and len(text) < 2_000 and "<table" in dtm._repr_html_()


def test_dtm_files_round_trip(real_corpus, tmp_path):
    dtm = real_corpus[:3].dtm()
    written = sk.write_dtm(dtm, tmp_path / "dtm")
    assert [p.name for p in written] == ["matrix.mtx", "vocabulary.csv", "docvars.csv"]
    assert (scipy.io.mmread(written[0]).tocsr() != dtm.matrix).nnz == 0
    vocabulary = pd.read_csv(written[1], keep_default_na=False)
    assert vocabulary.columns.tolist() == ["term"] and vocabulary["term"].tolist() == dtm.vocabulary
    docvars = pd.read_csv(written[2])
    assert docvars["doc_id"].tolist() == ids(real_corpus[:3]) and docvars["year"].tolist() == [2013, 2014, 2015]
    again = sk.write_dtm(real_corpus[:3].dtm(), tmp_path / "again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_cli_where_gives_the_hits_of_the_python_subset(kinds_dir, monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "kwic", kinds_dir, "高质量发展", "--where", "kind == 'govreport'", "-f", "json")
    assert code == 0, err
    expected = kwic(sk.read_corpus(kinds_dir).query("kind == 'govreport'"), "高质量发展")
    hits = json.loads(out)
    assert hits == json.loads(expected.to_json(orient="records", force_ascii=False))
    assert {h["speech"] for h in hits} == {"govreport-2018", "govreport-2022"}
    code, unfiltered, _ = run(monkeypatch, capsys, "kwic", kinds_dir, "高质量发展", "-f", "json")
    assert {h["speech"] for h in json.loads(unfiltered)} > {h["speech"] for h in hits}


@pytest.mark.parametrize("expr", ["kind == ", "genre == 'govreport'", "year + 1"])
def test_cli_where_bad_expression_is_one_line_exit_2(kinds_dir, monkeypatch, capsys, expr):
    code, out, err = run(monkeypatch, capsys, "kwic", kinds_dir, "高质量发展", "--where", expr)
    assert code == 2 and out == "" and "Traceback" not in err
    skipped, error = err.splitlines()  # the file not read, then the error
    assert skipped.startswith("skipped ") and skipped.endswith("notes.xyz: unsupported file type .xyz")
    assert error.startswith("speechkit: error: --where: query") and "variables: date, kind, level" in error


def test_cli_where_that_keeps_nothing_says_so(kinds_dir, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "corpus", kinds_dir, "--where", "year > 3000")
    assert code == 2 and "no speech satisfies --where 'year > 3000'" in err


def test_cli_corpus_where_lists_the_kept_speeches(kinds_dir, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "corpus", kinds_dir, "--where", "kind == 'local'", "-f", "json")
    assert code == 0
    assert [row["file"] for row in json.loads(out)["speeches"]] == ["local-govreport-hailar-2018.txt",
                                                                   "local-govreport-hailar-2019.txt"]


FOLDER_COMMANDS = ["analyze", "corpus", "compare", "kwic", "keyness", "keywords", "slogans", "metrics", "outline",
                   "graph", "wordcloud", "reuse", "diffusion", "targets", "idf", "collocations", "placeholders"]


@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_every_command_that_reads_a_folder_takes_where(command, monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, command, "--help")
    assert code == 0 and "--where" in out


def test_cli_analyze_where_analyses_the_kept_speeches_only(kinds_dir, tmp_path, monkeypatch, capsys, cache_dir):
    out = tmp_path / "out"
    code, stdout, err = run(monkeypatch, capsys, "analyze", kinds_dir, "-o", out, "--where", "kind == 'local'",
                            "--no-speech-pictures")
    assert code == 0, err
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["read"] == 2 and stdout.startswith("2 read, 1 skipped")
    assert [s["id"] for s in summary["speeches"]] == ["local-govreport-hailar-2018", "local-govreport-hailar-2019"]


KIND_VALUES = ["govreport", "local", "省级报告", "it's", ""]


@given(
    docvars=st.lists(st.tuples(st.sampled_from(KIND_VALUES), st.integers(2010, 2026) | st.none()), max_size=12),
    kind=st.sampled_from(KIND_VALUES[:-1]),
    years=st.tuples(st.integers(2010, 2026), st.integers(2010, 2026)).map(sorted),
)
@example(docvars=[("it's", 2013), ("", None), ("govreport", 2013)], kind="it's", years=[2013, 2013])
def test_subset_and_query_keep_the_same_speeches_in_corpus_order(docvars, kind, years):
    speeches = [
        sk.Speech(text="我们自己写的讲话。\n", meta=Metadata(year=year, extra={"kind": value} if value else {}), name=f"s{n}")
        for n, (value, year) in enumerate(docvars)
    ]
    corpus = Corpus(speeches)
    low, high = years
    expected = [f"s{n}" for n, (value, year) in enumerate(docvars) if value == kind and year is not None and low <= year <= high]
    if any(value for value, _ in docvars):  # the variable exists only when some speech has it
        assert ids(corpus.subset(kind=kind, year=range(low, high + 1))) == expected
        assert ids(corpus.query(f"kind == {kind!r} and {low} <= year <= {high}")) == expected
    else:
        with pytest.raises(SpeechkitError, match="unknown variable kind"):
            corpus.subset(kind=kind)
