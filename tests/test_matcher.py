"""PhraseMatcher (an Aho-Corasick automaton) finds exactly the matches of the plain
character trie it replaced: leftmost-longest, non-overlapping, any clause separator
matching any other. The trie is kept here as the reference."""

from __future__ import annotations

import random

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.extract.matcher import SEPARATORS, PhraseMatcher

_SEP = "\x00"
_END = ""


def reference_spans(phrases, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The leftmost-longest matches of ``phrases`` in ``text[start:end]``, by a character trie."""
    trie: dict = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for char in phrase:
            node = node.setdefault(_SEP if char in SEPARATORS else char, {})
        node[_END] = True
    end = len(text) if end is None else end
    found, position = [], start
    while position < end:
        node, best = trie, None
        for index in range(position, end):
            char = text[index]
            node = node.get(_SEP if char in SEPARATORS else char)
            if node is None:
                break
            if _END in node:
                best = index + 1
        if best is None:
            position += 1
        else:
            found.append((position, best))
            position = best
    return found


# A small alphabet, separators included, so phrases overlap, nest and share prefixes often.
_ALPHABET = "四个意识风不敢腐能" + SEPARATORS
_texts = st.text(alphabet=_ALPHABET, max_size=60)
_phrases = st.lists(st.text(alphabet=_ALPHABET, max_size=6), max_size=12)


@given(phrases=_phrases, text=_texts, data=st.data())
@example(phrases=["四风", "四个意识", "不敢腐、不能腐"], text="增强四个意识，不敢腐，不能腐", data=None)
@example(phrases=["四个", "四个意识", "个意"], text="四个意四个意识", data=None)
@example(phrases=["、", "，不", ""], text="，，不;不", data=None)
@example(phrases=[], text="四个", data=None)
def test_matches_are_those_of_the_reference_trie(phrases, text, data):
    # A matcher built for one text is another automaton (a contiguous NFA): the same matches.
    for matcher in (PhraseMatcher(phrases), PhraseMatcher(phrases, one_text=True)):
        assert list(matcher.spans(text)) == reference_spans(phrases, text)
        if data is not None:
            start = data.draw(st.integers(0, len(text)))
            end = data.draw(st.integers(start, len(text)))
            assert list(matcher.spans(text, start, end)) == reference_spans(phrases, text, start, end)


def _documents(*folders):
    return [path for folder in folders for path in sorted(folder.rglob("*.txt"))]


def _phrases_of(text: str, count: int, rng: random.Random) -> list[str]:
    """Phrases drawn from ``text`` itself (2 to 12 characters), some with a separator respelled."""
    phrases = []
    for _ in range(count):
        begin = rng.randrange(max(1, len(text) - 12))
        phrase = text[begin : begin + rng.randint(2, 12)]
        phrases.append(phrase.replace("，", "、") if rng.random() < 0.3 else phrase)
    return phrases


def test_matches_on_the_real_documents_are_those_of_the_reference_trie(real_dir, seed_path, genres_dir, provinces_dir):
    from speechkit.extract.metrics.indicators import GENERIC, _WHOLE_WORDS, default_indicators
    from speechkit.extract.slogans.lexicon import load_lexicon

    lexicon = [form for entry in load_lexicon().entries for form in entry.forms]
    indicators = [*default_indicators().canonical, *GENERIC, *_WHOLE_WORDS]
    rng = random.Random(26)
    checked = 0
    for path in [seed_path, *_documents(real_dir, genres_dir, provinces_dir)]:
        text = path.read_text(encoding="utf-8")
        for phrases in (lexicon, indicators, _phrases_of(text, 200, rng)):
            expected = reference_spans(phrases, text)
            assert list(PhraseMatcher(phrases).spans(text)) == expected, path.name
            assert list(PhraseMatcher(phrases, one_text=True).spans(text)) == expected, path.name
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(0, 300))
            assert list(PhraseMatcher(phrases).spans(text, start, end)) == reference_spans(phrases, text, start, end)
            checked += len(expected)
    assert checked > 1000  # the documents do hold many matches: the comparison is not vacuous


def test_no_phrase_matches_nothing():
    assert list(PhraseMatcher(["", ""]).spans("四个意识")) == []
