"""The researcher scripts in scripts/: --help, and a real run on the demo corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def run(name, *args):
    proc = subprocess.run([sys.executable, str(SCRIPTS / name), *map(str, args)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name", ["compare_years.py", "wordclouds.py", "keyword_graph.py", "batch_outline.py"])
def test_every_script_has_help(name):
    assert "usage:" in run(name, "--help")


def test_compare_years(tmp_path):
    run("compare_years.py", CORPUS, "-o", tmp_path, "--terms", "园区,疫情防控")
    slogans = pd.read_csv(tmp_path / "compare_slogans.csv", index_col=0)
    assert slogans.loc["两个确立", "first_year"] == 2021
    changes = pd.read_csv(tmp_path / "compare_changes.csv")
    assert set(changes["direction"]) == {"rising", "falling"}
    assert (tmp_path / "term_trends.png").stat().st_size > 10_000


def test_wordclouds(tmp_path):
    out = run("wordclouds.py", CORPUS, "-o", tmp_path, "--max-words", "60")
    assert sorted(p.name for p in (tmp_path / "year").iterdir()) == [f"wordcloud-{y}.png" for y in range(2018, 2024)]
    assert len(list((tmp_path / "speech").iterdir())) == 6
    assert (tmp_path / "compare-2022-2023.png").exists() and "comparison" in out


def test_keyword_graph(tmp_path):
    import networkx as nx

    run("keyword_graph.py", CORPUS / "yunxi-2020.txt", "-o", tmp_path, "--measure", "dice", "--nodes", "30")
    graph = nx.read_gexf(tmp_path / "cooccurrence.gexf")
    assert 10 <= graph.number_of_nodes() <= 30
    labels = {data.get("label", node) for node, data in graph.nodes(data=True)}
    assert "疫情防控" in labels
    keywords = pd.read_csv(tmp_path / "keywords.csv")
    assert "园区" in set(keywords["term"])


def test_batch_outline(tmp_path):
    run("batch_outline.py", CORPUS, "-o", tmp_path)
    outline = json.loads((tmp_path / "yunxi-2019.json").read_text(encoding="utf-8"))
    assert [s["marker"] for s in outline["sections"]][:2] == ["一、", "二、"]
    assert (tmp_path / "yunxi-2019.md").read_text(encoding="utf-8").startswith("#")
    by_year = pd.read_csv(tmp_path / "structure_by_year.csv")
    assert set(by_year["year"]) == set(range(2018, 2024))
    assert by_year[(by_year["year"] == 2019)]["level"].max() == 4
