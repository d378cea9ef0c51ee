"""CategoryMatcher's matches are exactly those of the plain token loop it replaced (kept
here as the reference): per category, the longest term at each position wins and the words
it covers are not matched again; a glob matches a single content word."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from speechkit.analysis.categories import CategoryMatcher, Match, default_matcher, dictionary_from_mapping
from speechkit.analysis.terms import content_mask


def reference_matches(matcher: CategoryMatcher, dictionary, texts, starts, content) -> list[Match]:
    """Every token tried in turn against the dictionary's phrases (by first word) and globs."""
    from speechkit import get_tokenizer
    from speechkit.analysis.categories.dictionary import is_glob
    from speechkit.analysis.categories.matcher import _term_words

    phrases: dict[str, list] = {}
    for index, (_, terms) in enumerate(dictionary.categories):
        for term in terms:
            if not is_glob(term):
                words = _term_words(term, get_tokenizer())
                phrases.setdefault(words[0], []).append((words, index))
    found, covered = [], [0] * len(matcher.names)
    for i, text in enumerate(texts):
        best: dict[int, int] = {}
        for words, category in phrases.get(text, ()):
            fits = i + len(words) <= len(texts) and all(texts[i + k] == word for k, word in enumerate(words))
            if fits and len(words) > best.get(category, 0):
                best[category] = len(words)
        if content[i]:
            for pattern, category in matcher._globs:
                if pattern.match(text):
                    best.setdefault(category, 1)
        for category in sorted(best):
            if i >= covered[category]:
                covered[category] = i + best[category]
                found.append(Match(starts[i], category, "".join(texts[i : i + best[category]])))
    return found


# Latin words are single tokens of our own splitting: term words and texts are spelled out exactly.
WORDS = ["ab", "abc", "b", "bc", "ca", "c"]
DICTIONARY = {"x": ["ab b", "ab b c", "b", "ca*"], "y": ["b c", "ab", "a?"], "z": ["c ab b", "bc*", "abc"]}


@given(
    texts=st.lists(st.sampled_from(WORDS), max_size=40),
    content=st.lists(st.booleans(), min_size=40, max_size=40),
    terms=st.dictionaries(st.sampled_from("uvw"), st.lists(st.sampled_from(["ab", "b", "ab b", "b c ab", "c*", "?b", "bc"]), min_size=1, max_size=4), min_size=1),
)
@example(texts=["ab", "b", "c", "ab", "b"], content=[True] * 40, terms=DICTIONARY)
@example(texts=["ca", "ab", "b", "b", "bc"], content=[False, True] * 20, terms=DICTIONARY)
def test_matches_are_those_of_the_plain_token_loop(texts, content, terms):
    dictionary = dictionary_from_mapping(terms)
    matcher = CategoryMatcher(dictionary)
    starts = list(range(0, 3 * len(texts), 3))
    flags = content[: len(texts)]
    assert matcher.matches(texts, starts, flags) == reference_matches(matcher, dictionary, texts, starts, flags)
    # A second speech through the same matcher (its glob memory filled) gives the same again.
    assert matcher.matches(texts[::-1], starts, flags) == reference_matches(matcher, dictionary, texts[::-1], starts, flags)
    # Token texts given as a tuple match as the list does.
    assert matcher.matches(tuple(texts), starts, flags) == reference_matches(matcher, dictionary, texts, starts, flags)


def test_the_bundled_dictionary_matches_the_real_documents_as_the_plain_loop(real_corpus, seed, demo_corpus):
    from speechkit import get_tokenizer
    from speechkit.analysis.categories import default_dictionary

    matcher = default_matcher(get_tokenizer())
    total = 0
    for speech in [seed, *real_corpus, *demo_corpus]:
        tokens = speech.tokens()
        content = content_mask(tokens)
        found = matcher.matches(tokens.texts, tokens.starts, content)
        assert found == reference_matches(matcher, default_dictionary(), tokens.texts, tokens.starts, content), speech.id
        total += len(found)
    assert total > 1000
