"""Segmentation: a Tokenizer that owns its engine and returns tokens with offsets.

Chinese runs go to the engine (rjieba by default, Python jieba as the reference);
everything else is split by our own rules, so both engines give the same tokens:
an address (``www.example.gov.cn``), a date (``2026-01-22``), a number with its
percent sign (``5.2%``) or a Latin word (``PM_2.5``) is one token, a run of spaces is
one token, a run of a repeatable mark (``**``, ``××``, ``……``, ``——``) is one token,
and any other character is a token of its own.
"""

from __future__ import annotations

import logging
import re
import tempfile
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from .chars import DIGITS, FULLWIDTH_LETTERS, SEGMENTER_HAN
from .collection import collection_paused
from .paths import cache_root, jieba_cache_dir
from .errors import SpeechkitError
from .model import Token
from .resources import data_path, read_userdict, read_wordlist
from .tokens import Tokens

ENGINES = ("rjieba", "jieba")
_ALNUM = f"A-Za-z_{DIGITS}{FULLWIDTH_LETTERS}"
# A partition of any text into pieces: a Chinese run (segmented by the engine), an
# address, a number or Latin word, a run of spaces, a run of a repeatable mark
# (placeholders ** ＊＊ ×× ○○ □□, dashes, ellipses), or one other character.
_CHINESE_RUN = f"[{SEGMENTER_HAN}]+"
_OTHER_PIECE = (
    r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&+,;=%-]*[A-Za-z0-9/]"
    rf"|[{_ALNUM}]+(?:[.\-:][{_ALNUM}]+)*[%％]?"
    r"|\s+"
    r"|\*+|＊+|×+|○+|〇+|□+|…+|—+|-+|=+|~+|·+|\.+"
    r"|."
)
# Each piece as a pair of groups: (Chinese run, "") or ("", any other piece).
_RUN_OR_PIECE = re.compile(f"({_CHINESE_RUN})|({_OTHER_PIECE})", re.DOTALL)
_ONE_CHINESE_RUN = re.compile(_CHINESE_RUN)
_NUMERIC = re.compile(rf"[{DIGITS}][{DIGITS}.\-:]*[%％]?$")
_CONTENT_POS_EXCLUDED = frozenset({"x", "m", "eng", "w", "mq", "q", "u", "p", "c", "d", "r", "uj", "ul", "ud", "uz", "ug", "uv", "y", "e", "o", "f"})


def default_userdict() -> Path:
    """Path of the bundled user dictionary of official and economic discourse."""
    return data_path("userdict.txt")


def default_stopwords() -> Path:
    """Path of the bundled stopword list (see its header for what it holds)."""
    return data_path("stopwords.txt")


class _RjiebaEngine:
    name = "rjieba"

    def __init__(self, hmm: bool):
        import rjieba

        self._jieba = rjieba.Jieba()
        self._hmm = hmm

    def add_word(self, word: str, freq: int | None, tag: str | None) -> None:
        self._jieba.add_word(word, freq, tag)

    def tag(self, text: str) -> list[tuple[str, str]]:
        # jieba-rs tags with the same segmentation as its cut.
        return self._jieba.tag(text, self._hmm)

    def has_word(self, word: str) -> bool:
        return self._jieba.has_word(word)


def _cache_is_writable() -> bool:
    """Whether jieba can write its prefix-dictionary cache into our cache folder (not on a
    read-only file system or home, nor where a file stands in the folder's path)."""
    try:
        with tempfile.TemporaryFile(dir=jieba_cache_dir()):
            return True
    except OSError:
        return False


class _JiebaEngine:
    """Python jieba, the reference: tokens from ``lcut``, tags from ``posseg``."""

    name = "jieba"

    def __init__(self, hmm: bool):
        import jieba
        import jieba.posseg

        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(cache_root())
        # Where the cache cannot be written, jieba builds the dictionary in memory all the
        # same and logs the failed write with a traceback: run without a cache, quietly.
        jieba.setLogLevel(logging.WARNING if _cache_is_writable() else logging.CRITICAL)
        try:
            self._tokenizer.initialize()
        finally:
            jieba.setLogLevel(logging.WARNING)
        self._pos = jieba.posseg.POSTokenizer(self._tokenizer)
        self._hmm = hmm

    def add_word(self, word: str, freq: int | None, tag: str | None) -> None:
        self._tokenizer.add_word(word, freq, tag)

    def has_word(self, word: str) -> bool:
        return self._tokenizer.FREQ.get(word, 0) > 0  # prefixes of words are kept with 0

    def tag(self, text: str) -> list[tuple[str, str]]:
        # posseg segments differently from lcut in places: keep lcut's tokens and take
        # posseg's tag where the spans agree, the dictionary's tag elsewhere.
        words = self._tokenizer.lcut(text, HMM=self._hmm)
        tags: dict[tuple[int, int], str] = {}
        offset = 0
        for pair in self._pos.lcut(text, HMM=self._hmm):
            tags[(offset, offset + len(pair.word))] = pair.flag
            offset += len(pair.word)
        self._pos.makesure_userdict_loaded()
        table = self._pos.word_tag_tab
        result, offset = [], 0
        for word in words:
            span = (offset, offset + len(word))
            result.append((word, tags.get(span) or table.get(word, "x")))
            offset += len(word)
        return result


def _make_engine(engine: str, hmm: bool):
    if engine not in ENGINES:
        raise SpeechkitError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "rjieba":
        try:
            return _RjiebaEngine(hmm)
        except ImportError:
            warnings.warn("rjieba cannot be imported; using the slower Python jieba engine", stacklevel=3)
    return _JiebaEngine(hmm)


class Tokenizer:
    """Segment text into tokens with offsets, POS tags and stopword flags.

    Parameters
    ----------
    engine : {"rjieba", "jieba"}
        The segmentation engine. ``rjieba`` (jieba-rs) is the default; ``jieba`` is the
        reference implementation and gives the same tokens.
    user_dicts : sequence of path
        Extra jieba-format dictionaries (``word [freq] [pos]`` per line), loaded after
        the bundled one.
    stopwords : path, optional
        A stopword file that replaces the bundled list.
    extra_stopwords : sequence of path
        Stopword files added to the active list.
    hmm : bool
        Let the engine find unknown words with its HMM.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> [t.text for t in tok.tokenize("增强“四个意识”")]
    ['增强', '“', '四个意识', '”']
    """

    def __init__(
        self,
        engine: str = "rjieba",
        user_dicts: Sequence[str | Path] = (),
        stopwords: str | Path | None = None,
        extra_stopwords: Sequence[str | Path] = (),
        hmm: bool = True,
    ):
        self._engine = _make_engine(engine, hmm)
        # Dictionary tags win over the engine's: jieba-rs keeps its own tag for words
        # it already knows (十四五 would stay "m").
        self._user_tags: dict[str, str] = {}
        for path in (default_userdict(), *user_dicts):
            for word, freq, tag in read_userdict(path):
                self._engine.add_word(word, freq, tag)
                if tag:
                    self._user_tags[word] = tag
        words = read_wordlist(stopwords if stopwords is not None else default_stopwords())
        for path in extra_stopwords:
            words |= read_wordlist(path)
        self.stopwords: frozenset[str] = frozenset(words)
        # The extractors segment the same short stretches (clauses, phrases, single words)
        # again and again; their words and tags depend on the text alone, so they are kept.
        self._short_words_and_tags = lru_cache(maxsize=SHORT_TEXTS_KEPT)(self._kept_words_and_tags)

    @property
    def engine(self) -> str:
        """Name of the engine in use (``rjieba`` or ``jieba``)."""
        return self._engine.name

    def knows(self, word: str) -> bool:
        """True when ``word`` is in the dictionary (the engine's or a user's), not a word
        its HMM made up (三量, 四乱: an unknown abbreviation).

        Parameters
        ----------
        word : str

        Returns
        -------
        bool
        """
        return self._engine.has_word(word)

    def tokenize(self, text: str, offset: int = 0) -> Tokens:
        """Return the tokens of ``text``; offsets start at ``offset``.

        Joining the token texts gives back ``text`` exactly.

        Parameters
        ----------
        text : str
        offset : int
            Where ``text`` starts in the speech.

        Returns
        -------
        Tokens
        """
        if len(text) <= SHORT_TEXT_CHARACTERS:
            # Lists of their own: the kept columns are shared by every later call.
            texts, tags = map(list, self._short_words_and_tags(text))
        else:
            with collection_paused():  # the engine's pairs, then the columns: no cycle
                texts, tags = self._words_and_tags(text)
        # Tokens tile the text, so each starts where the one before ends.
        starts = list(accumulate(map(len, texts), initial=offset))
        starts.pop()
        return Tokens(texts, starts, tags, self.stopwords)

    def _kept_words_and_tags(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The token texts and tags of a short text as tuples of strings, which the garbage
        collector stops walking (lists it walks at every full collection: ten thousand kept
        texts made a third of its work)."""
        texts, tags = self._words_and_tags(text)
        return tuple(texts), tuple(tags)

    def _words_and_tags(self, text: str) -> tuple[list[str], list[str]]:
        """The token texts of ``text`` and their tags."""
        if _ONE_CHINESE_RUN.fullmatch(text):
            # Chinese alone, as most clauses and phrases the extractors read: one run, tagged as it is.
            pieces, tagged = [(text, "")], iter(self._engine.tag(text))
        else:
            pieces = _RUN_OR_PIECE.findall(text)
            tagged = iter(_tag_runs(self._engine, [run for run, _ in pieces if run]))
        user_tags = self._user_tags
        # A long text repeats its words (的, 发展 …) and its tags: one string object for
        # each, not one per token, takes a third off the tokens' memory. A dictionary of this
        # text's own strings does it at half the cost of sys.intern's process-wide table (the
        # result interns its distinct terms).
        shared = {}.setdefault
        texts: list[str] = []
        tags: list[str] = []
        for run, piece in pieces:
            if run:
                for word, tag in tagged:
                    if word == "\n":
                        break
                    texts.append(shared(word, word))
                    tag = user_tags.get(word, tag)
                    tags.append(shared(tag, tag))
            else:
                texts.append(shared(piece, piece))
                tags.append(_piece_tag(piece))
        return texts, tags


# Texts up to this long have their words and tags kept (the latest SHORT_TEXTS_KEPT of
# them): the clauses and phrases the extractors read again, three times in four within a speech.
SHORT_TEXT_CHARACTERS = 200
SHORT_TEXTS_KEPT = 10_000

# Characters of Chinese runs given to the engine at once: its list of (word, tag) pairs
# costs about 200 bytes a word, so a long text is tagged a batch at a time.
TAG_BATCH_CHARACTERS = 500_000


def _tag_runs(engine, runs: list[str]) -> list[tuple[str, str]]:
    """The (word, tag) pairs of the Chinese runs, a ``("\\n", …)`` pair after each run but
    the last. Runs go to the engine each on a line of its own, in batches of about
    :data:`TAG_BATCH_CHARACTERS`: the engine segments every run as it stands, and the line
    break after a run ends its tokens, so batches give the tokens one call would."""
    pairs: list[tuple[str, str]] = []
    batch: list[str] = []
    size = 0
    for number, run in enumerate(runs, 1):
        batch.append(run)
        size += len(run)
        if size >= TAG_BATCH_CHARACTERS or number == len(runs):
            pairs += engine.tag("\n".join(batch) + ("\n" if number < len(runs) else ""))
            batch, size = [], 0
    return pairs


def _piece_tag(piece: str) -> str:
    """POS of a piece we split ourselves: m for numbers, eng for words, x otherwise."""
    first = piece[0]
    if first.isalnum() or first == "_":
        return "m" if _NUMERIC.match(piece) else "eng"
    return "x"


def is_content(token: Token) -> bool:
    """True for a token that carries meaning for counting: a Chinese word of two or
    more characters, not a stopword, not a number, a function word or punctuation."""
    return not token.is_stop and is_content_text(token.text) and is_content_tag(token.pos)


def is_content_text(text: str) -> bool:
    """The part of :func:`is_content` decided by the text alone (stopwords aside): a
    Chinese word of two or more characters."""
    return len(text) >= 2 and _is_han(text)


def is_content_tag(tag: str) -> bool:
    """The part of :func:`is_content` decided by the POS tag: not a number, a function
    word or punctuation."""
    return tag not in _CONTENT_POS_EXCLUDED


def count_words(tokens: Tokens) -> int:
    """Number of word tokens (everything but spaces and punctuation): the base of
    rates "per 10,000 tokens"."""
    return len(tokens.tags) - tokens.tags.count("x")


_HAN_ONLY = re.compile(rf"[{SEGMENTER_HAN}]+$")


def _is_han(text: str) -> bool:
    return bool(_HAN_ONLY.match(text))


@lru_cache(maxsize=8)
def _shared_tokenizer(engine: str, user_dicts: tuple, stopwords, extra_stopwords: tuple) -> Tokenizer:
    return Tokenizer(engine, user_dicts, stopwords, extra_stopwords)


def get_tokenizer(
    engine: str = "rjieba",
    *,
    user_dicts: Iterable[str | Path] = (),
    stopwords: str | Path | None = None,
    extra_stopwords: Iterable[str | Path] = (),
) -> Tokenizer:
    """Return the process-wide Tokenizer for this configuration, creating it once.

    Parameters
    ----------
    engine : {"rjieba", "jieba"}
        The segmentation engine (rjieba, the default, gives the same tokens as jieba).
    user_dicts : iterable of str or Path
        User dictionaries (jieba's format) added to the bundled one.
    stopwords : str or Path, optional
        A stopword file replacing the bundled list.
    extra_stopwords : iterable of str or Path
        Files of further stopwords.

    Returns
    -------
    Tokenizer
    """
    if user_dicts == () and stopwords is None and extra_stopwords == ():
        # The bundled configuration, asked for by the extractors for each clause they read.
        return _shared_tokenizer(engine, (), None, ())
    return _shared_tokenizer(
        engine,
        tuple(str(p) for p in user_dicts),
        None if stopwords is None else str(stopwords),
        tuple(str(p) for p in extra_stopwords),
    )


@dataclass(frozen=True)
class Segmentation:
    """How text is segmented, and the formulation lexicon the extractors read: the one
    configuration a command or an API call hands to every extractor it runs.

    Parameters
    ----------
    segmenter : {"rjieba", "jieba"}
        The segmentation engine.
    user_dicts : tuple of path
        Extra jieba-format dictionaries, loaded after the bundled one.
    stopwords : path, optional
        A stopword file replacing the bundled list.
    extra_stopwords : tuple of path
        Stopword files added to the active list.
    lexicon : path, optional
        A formulation table replacing the bundled ``formulations.tsv``: the slogans it
        names, and the numerals inside them that are no metrics.
    """

    segmenter: str = "rjieba"
    user_dicts: tuple[str | Path, ...] = ()
    stopwords: str | Path | None = None
    extra_stopwords: tuple[str | Path, ...] = ()
    lexicon: str | Path | None = None

    def tokenizer(self) -> Tokenizer:
        """The process-wide :class:`Tokenizer` of these options (see :func:`get_tokenizer`)."""
        return get_tokenizer(self.segmenter, user_dicts=self.user_dicts, stopwords=self.stopwords,
                             extra_stopwords=self.extra_stopwords)

    def result_options(self) -> dict[str, Any]:
        """These options by the names of :class:`~speechkit.pipeline.options.AnalysisOptions`,
        for :meth:`speechkit.Corpus.results` (paths absolute, as ``analyze`` gives them)."""
        return {"segmenter": self.segmenter, "user_dicts": tuple(_absolute(p) for p in self.user_dicts),
                "stopwords": _absolute(self.stopwords) if self.stopwords else None,
                "extra_stopwords": tuple(_absolute(p) for p in self.extra_stopwords),
                "lexicon": _absolute(self.lexicon) if self.lexicon else None}


def _absolute(path: str | Path) -> str:
    return str(Path(path).absolute())
