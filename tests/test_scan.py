"""scan.finditer gives exactly the matches of Pattern.finditer, trying the pattern only
where a character it can start with stands; patterns whose first characters cannot be
listed fall back to Pattern.finditer."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.extract.scan import finditer, first_characters


def _spans(matches) -> list:
    return [(match.span(), match.groups()) for match in matches]


# Patterns of every shape the first characters are read from: a lookbehind, an optional or
# repeated first item, alternations of classes, nested groups, anchors, lazy repeats.
_PATTERNS = [
    r"(?<![比较])(?:(?P<year>20[0-9]{2})年|今年|去年)",
    r"[*＊]+|[×✕]+|○+",
    r"“?十[一二三]五”?(?:时期|期间)?",
    r"(?:过去|近)?的?[一二三]年(?:来|以来)",
    r"(?:[0-9]{1,2}[×✕])?(?P<arabic>[0-9]+(?:,[0-9]{3}(?![0-9]))*)|(?P<chinese>[一二三十百]+)",
    r"(?<![一二三])([两二三]{1,2})([个项大])(?=[年来])",
    r"^[一二三]、|\b[0-9]+\.",
    r"(?:今|去)*?年+",
    r"(?=[0-9])[0-9]年|a\*+",
]
_ALPHABET = "比较今去年一二三两十百个项大来以过近的“”时期间五0129,×✕*＊○、.a \n"


@given(text=st.text(alphabet=_ALPHABET, max_size=60), data=st.data())
@example(text="比2020年，2021年", data=None)
@example(text="十二五时期“十三五”", data=None)
@example(text="", data=None)
def test_matches_are_those_of_pattern_finditer(text, data):
    for source in _PATTERNS:
        pattern = re.compile(source)
        assert first_characters(pattern) is not None, source
        assert _spans(finditer(pattern, text)) == _spans(pattern.finditer(text)), source
        if data is not None:
            pos = data.draw(st.integers(0, len(text)))
            endpos = data.draw(st.integers(pos, len(text)))
            expected = _spans(pattern.finditer(text, pos, endpos))
            assert _spans(finditer(pattern, text, pos, endpos)) == expected, source


@pytest.mark.parametrize("source, flags", [
    ("a", re.IGNORECASE), (".年", 0), (r"\w年", 0), ("[^年]", 0), ("年*", 0), ("(?:年|)", 0), (r"(年)?\1", 0),
])
def test_patterns_whose_first_characters_cannot_be_listed_fall_back(source, flags):
    pattern = re.compile(source, flags)
    assert first_characters(pattern) is None
    text = "A年a年年，2年"
    assert _spans(finditer(pattern, text)) == _spans(pattern.finditer(text))


def _extraction_patterns():
    from speechkit.extract.metrics import metrics
    from speechkit.extract.metrics.indicators import PERIOD
    from speechkit.extract.metrics.numbers import NUMBER
    from speechkit.extract.metrics.placeholders import RUN
    from speechkit.extract.outline import markers
    from speechkit.extract.slogans import compounds, shapes

    return [RUN, NUMBER, PERIOD, metrics._TARGET_SCOPE, compounds._ONE_BY_ONE, compounds._MERGED, compounds._JOINED,
            compounds._COMPOUND, shapes._FORMULA_CANDIDATE, shapes._PAIRED_CANDIDATE, markers._ITEM,
            markers._ITEM_AFTER_LEAD_IN]


def test_the_extractors_patterns_match_as_before_on_the_real_documents(real_dir, seed_path, genres_dir, provinces_dir):
    paths = [seed_path, *(path for folder in (real_dir, genres_dir, provinces_dir) for path in sorted(folder.glob("*.txt")))]
    rng = random.Random(26)
    checked = 0
    for pattern in _extraction_patterns():
        assert first_characters(pattern) is not None, pattern.pattern  # the fast path is the one compared
        for path in paths:
            text = path.read_text(encoding="utf-8")
            expected = _spans(pattern.finditer(text))
            assert _spans(finditer(pattern, text)) == expected, (pattern.pattern, path.name)
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(0, 300))
            assert _spans(finditer(pattern, text, start, end)) == _spans(pattern.finditer(text, start, end))
            checked += len(expected)
    assert checked > 1000  # the documents hold many matches: the comparison is not vacuous


def test_without_the_standard_parser_every_scan_is_the_plain_one(monkeypatch):
    """A Python whose regex parser is not where it is looked for still scans, plainly."""
    from speechkit.extract import scan

    pattern = re.compile(r"[*＊]+|[×✕]{2,}")
    text = "规上工业总产值*亿元，增长**，××公司，✕"
    monkeypatch.setattr(scan, "_sre_parse", None)
    scan.first_characters.cache_clear()
    try:
        assert scan.first_characters(pattern) is None
        assert [m.span() for m in scan.finditer(pattern, text)] == [m.span() for m in pattern.finditer(text)]
    finally:
        scan.first_characters.cache_clear()
