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
def seed(seed_path):
    from speechkit import read_speech

    return read_speech(seed_path)


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
