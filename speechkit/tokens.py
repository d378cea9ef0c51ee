"""Tokens: a compact, column-wise sequence of :class:`~speechkit.model.Token`.

A long speech has hundreds of thousands of tokens; keeping their texts, offsets and
tags in three lists costs a fraction of the memory and time of one object per token.
Token records are made when they are read (indexing or iteration).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .model import Token


class Tokens(Sequence):
    """The tokens of a text, column-wise.

    Attributes
    ----------
    texts : list of str
        Token texts; ``"".join(texts)`` is the segmented text.
    starts : list of int
        Start offset of each token.
    tags : list of str
        POS tag of each token (jieba's tag set).
    stopwords : frozenset of str
        The stopword list that decides ``Token.is_stop``.
    """

    __slots__ = ("texts", "starts", "tags", "stopwords")

    def __init__(self, texts: list[str], starts: list[int], tags: list[str], stopwords: frozenset[str] = frozenset()):
        self.texts = texts
        self.starts = starts
        self.tags = tags
        self.stopwords = stopwords

    def __len__(self) -> int:
        return len(self.texts)

    def _token(self, i: int) -> Token:
        text, start = self.texts[i], self.starts[i]
        return Token(text, start, start + len(text), self.tags[i], text in self.stopwords)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Tokens(self.texts[index], self.starts[index], self.tags[index], self.stopwords)
        return self._token(range(len(self.texts))[index])

    def __iter__(self) -> Iterator[Token]:
        stop = self.stopwords
        for text, start, tag in zip(self.texts, self.starts, self.tags):
            yield Token(text, start, start + len(text), tag, text in stop)

    def __repr__(self) -> str:
        return f"Tokens({len(self)} tokens)"
