"""Shared fixtures: the seed speech, the real documents and the demo corpus.

The seed and real documents live outside the project (../shared/data). Tests that
need them skip with the reason when the folder is absent, except in CI (CI=true),
where a missing folder is an error.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are bounded and reproducible by default (the same examples on every
# run); HYPOTHESIS_PROFILE=thorough searches far more, with fresh examples each time.
settings.register_profile("ci", max_examples=40, derandomize=True, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "industrial-park-2022.txt"
REAL = SHARED / "real"
GENRES = SHARED / "genres"
PROVINCES = SHARED / "provinces"
CORPUS = ROOT / "corpus"


def _need(path: Path) -> Path:
    if path.exists():
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing; CI must run with ../shared/data beside the project")
    pytest.skip(f"{path} not present (the shared research data is not on this machine)")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return _need(SEED)


@pytest.fixture(scope="session")
def real_dir() -> Path:
    return _need(REAL)


@pytest.fixture(scope="session")
def genres_dir() -> Path:
    return _need(GENRES)


@pytest.fixture(scope="session")
def provinces_dir() -> Path:
    return _need(PROVINCES)


# The level and place of the real documents, which SOURCES.tsv gives only as a kind and a file name.
_REAL_LEVELS = (("national", "national"), ("party-congress", "national"), ("central", "national"),
                ("state-council", "national"), ("provincial", "provincial"), ("district", "district"), ("local", "city"))
_REAL_PLACES = {"hailar": "海拉尔区", "qianjiang": "潜江市", "guangdong": "广东省", "zhejiang": "浙江省", "guizhou": "贵州省"}


def _sources(folder: Path) -> list[dict]:
    import csv

    with open(folder / "SOURCES.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write_mixed_corpus(folder: Path, real: Path, genres: Path) -> Path:
    """Copy the documents of real/ and genres/ into ``folder`` with a metadata.csv of
    file, year, kind, level and place taken from each folder's SOURCES.tsv."""
    import csv
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for row in _sources(real):
        level = next(level for prefix, level in _REAL_LEVELS if row["kind"].startswith(prefix))
        place = next((name for key, name in _REAL_PLACES.items() if key in row["file"]), "全国" if level == "national" else "")
        rows.append({"file": row["file"], "year": row["year"], "kind": row["kind"], "level": level, "place": place})
    for row in _sources(genres):
        rows.append({"file": row["file"], "year": row["year"], "kind": row["genre"], "level": row["level"], "place": row["place"]})
    for row in rows:
        source = (real if (real / row["file"]).exists() else genres) / row["file"]
        shutil.copyfile(source, folder / row["file"])
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["file", "year", "kind", "level", "place"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture(scope="session")
def mixed_dir(real_dir, genres_dir, tmp_path_factory) -> Path:
    """real/ and genres/ in one folder (copies) with a metadata.csv: year, kind, level, place."""
    return write_mixed_corpus(tmp_path_factory.mktemp("mixed"), real_dir, genres_dir)


@pytest.fixture(scope="session")
def seed(seed_path):
    from speechkit import read_speech

    return read_speech(seed_path)


@pytest.fixture(scope="session")
def seed_results(seed):
    """The results of the seed speech, computed here (the user's cache untouched)."""
    from speechkit import Corpus

    return Corpus([seed]).results(use_cache=False)


@pytest.fixture(scope="session")
def real_corpus(real_dir):
    from speechkit import read_corpus

    return read_corpus(real_dir)


@pytest.fixture(scope="session")
def demo_corpus():
    from speechkit import read_corpus

    return read_corpus(CORPUS)


def real_speech(real_corpus, name: str):
    """The speech of ../shared/data/real/NAME.txt."""
    for speech in real_corpus:
        if speech.id == name:
            return speech
    raise LookupError(name)


def results_of(speeches):
    """The results of ``speeches`` (a corpus or a list of speeches), the one input of every
    corpus table, as :meth:`speechkit.Corpus.results` computes them."""
    from speechkit.corpus import Corpus

    return (speeches if isinstance(speeches, Corpus) else Corpus(list(speeches))).results()


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    """An empty result cache (``$SPEECHKIT_CACHE``) for the tests of one module."""
    path = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("SPEECHKIT_CACHE")
    os.environ["SPEECHKIT_CACHE"] = str(path)
    yield path
    if previous is None:
        del os.environ["SPEECHKIT_CACHE"]
    else:
        os.environ["SPEECHKIT_CACHE"] = previous


@pytest.fixture
def count_cache_reads(monkeypatch):
    """A function that starts recording the results loaded from the cache from the moment it
    is called, and returns the record: one list of cache keys per load, in order."""
    from speechkit.pipeline.results import CachedResults

    def start() -> list[list[str]]:
        loads: list[list[str]] = []
        load = CachedResults.load

        def recorded(source, positions):
            loads.append([source.keys[i] for i in positions])
            return load(source, positions)

        monkeypatch.setattr(CachedResults, "load", recorded)
        return loads

    return start
