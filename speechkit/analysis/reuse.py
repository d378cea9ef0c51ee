"""Text reuse: the passages a speech shares with reference documents.

Researchers of central–local implementation measure how much of a local document is
copied from central ones, and how much of this year's speech repeats last year's. This
module finds the shared passages with exact boundaries in both texts.

1. **Candidates.** Every clause (text between ，、；。！？： and line breaks) of at least
   ``min_clause`` characters is reduced to its letters and digits and shingled into
   character ``shingle``-grams. A MinHash of the shingles (``datasketch``, a fixed seed)
   goes into an LSH index of the reference clauses (:class:`ReferenceIndex`, built
   once); a clause of the speech whose
   estimated Jaccard similarity to a reference clause reaches ``threshold`` makes the
   two sentences around them a candidate pair. No sentence is compared with every
   other sentence.
2. **Alignment.** Each candidate pair of sentences is aligned character by character
   (``rapidfuzz``'s Indel alignment, i.e. the longest common subsequence). Runs of equal
   characters are joined when the gap between them is at most ``max_gap`` characters in
   both texts (a changed particle or punctuation mark); a joined run is a passage when
   it holds at least ``min_length`` equal characters. Passages that continue across
   sentence boundaries in both texts are merged.
3. **Numbers.** A gap inside a number (digits, or Chinese numerals: a run of two or more,
   or one before a measure word such as 年 or 个; 一切 and 统一 are words) breaks a passage: 十九大 is not
   十八大, 3.5% is not 7.5%. A stretch that would be one passage but for such gaps is a
   *template* match (the same sentence with other figures), reported apart
   (:attr:`ReuseResult.templates`), never counted as borrowed; so is a passage whose
   numbers, read whole in each text, differ (``2010`` and ``2007`` both cut to ``0``).
4. **Word boundaries.** A passage starts and ends where the speech's words do (the
   segmenter's tokens), on characters the two texts share.
5. **Boilerplate.** A passage found word for word in more than ``boilerplate_share`` of
   the reference documents (and in at least :data:`BOILERPLATE_MIN_REFERENCES`) is a stock
   phrase of the genre (坚持稳中求进工作总基调 …): its ``kind`` is ``boilerplate``, not
   ``borrowed``, and the borrowed share is given with and without it.

Scoring, in short: a passage's ``matched`` is the number of aligned equal characters,
its span runs from its first to its last equal character in each text, and a speech's
borrowed share is the union of its passages' spans over its own characters (punctuation
and space excluded).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..chars import DIGITS
from ..corpus import group_order
from ..errors import SpeechkitError
from ..model import Record
from .grouping import records_by_speech

if TYPE_CHECKING:
    from ..segment import Tokenizer
    from ..result import SpeechResult
    from ..results import Results
    from ..speech import Speech

MIN_LENGTH = 15
# A passage in more than this share of the references is a stock phrase.
BOILERPLATE_SHARE = 0.3
# ... and in at least this many of them: with one reference, nothing is boilerplate.
BOILERPLATE_MIN_REFERENCES = 2
KINDS = ("borrowed", "boilerplate", "template")
NUMERALS = f"{DIGITS}〇○零一二三四五六七八九十百千万亿两"
_CN_NUMERALS = "〇○零一二三四五六七八九十百千万亿两"
# Characters after a single Chinese numeral that make it a number (五年, 两个), not part of a word (一切, 统一).
_COUNTED = "个年月日项条家次届倍名元岁代批种所座户人亩吨期轮类级"
_NUMBER = re.compile(rf"[{DIGITS}]+(?:[.．][{DIGITS}]+)?|第[{_CN_NUMERALS}]+|[{_CN_NUMERALS}]{{2,}}"
                     rf"|[{_CN_NUMERALS}](?=[{_COUNTED}])")
_NUMERAL = re.compile(rf"[{NUMERALS}]")
_CLAUSE = re.compile(r"[^，、；。！？：,;!?:\n]+")
_WORD = re.compile(r"\w")
_NONWORD = re.compile(r"\W")
_SEED = 1


@dataclass(frozen=True, slots=True)
class Passage(Record):
    """A passage of ``speech`` that also stands in ``reference``.

    Attributes
    ----------
    speech, reference : str
        Ids of the borrowing speech and of the reference document.
    start, end : int
        Offsets into the speech's text.
    ref_start, ref_end : int
        Offsets into the reference's text.
    matched : int
        Aligned equal characters inside the passage.
    text : str
        ``speech.text[start:end]``.
    ref_text : str
        ``reference.text[ref_start:ref_end]``.
    kind : {"borrowed", "boilerplate", "template"}
        Borrowed text; a stock phrase found in many references; or the same wording with
        other numbers (see the module docstring).
    """

    speech: str
    reference: str
    start: int
    end: int
    ref_start: int
    ref_end: int
    matched: int
    text: str
    ref_text: str
    kind: str = "borrowed"


@dataclass
class ReuseResult:
    """The passages found and what they mean per speech, section and group.

    Attributes
    ----------
    passages : list of Passage
        Borrowed and boilerplate passages, sorted by speech (corpus order), start, reference.
    speeches : list of Speech
        The speeches examined, in order.
    references : dict of str to Speech
        The reference documents by id.
    sections : dict of str to list of (start, end, label)
        Top-level outline sections of each speech (for the section table).
    """

    passages: list[Passage]
    speeches: list[Any]
    references: dict[str, Any]
    sections: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    templates: list[Passage] = field(default_factory=list)
    _counts: dict[str, CharacterCounts] = field(default_factory=dict, init=False, repr=False)

    def counts(self, speech: Speech) -> CharacterCounts:
        """Letter-and-digit counts of a speech's text (computed once)."""
        if speech.id not in self._counts:
            self._counts[speech.id] = CharacterCounts(speech.text)
        return self._counts[speech.id]

    def passage_frame(self, templates: bool = False):
        """One row per passage (``templates``: per template match): speech, year, reference,
        reference year, offsets, kind, text."""
        import pandas as pd

        years = {s.id: s.year for s in self.speeches}
        rows = [
            {"speech": p.speech, "year": years.get(p.speech), "reference": p.reference,
             "reference_year": self.references[p.reference].year, "start": p.start, "end": p.end,
             "ref_start": p.ref_start, "ref_end": p.ref_end, "length": p.end - p.start, "matched": p.matched,
             "kind": p.kind, "text": p.text, "ref_text": p.ref_text}
            for p in (self.templates if templates else self.passages)
        ]
        columns = ["speech", "year", "reference", "reference_year", "start", "end", "ref_start", "ref_end",
                   "length", "matched", "kind", "text", "ref_text"]
        return pd.DataFrame(rows, columns=columns).astype(dict.fromkeys(("year", "reference_year"), "Int64"))

    def speech_frame(self):
        """Per speech: characters, borrowed characters and share (boilerplate left out),
        the same with boilerplate, the boilerplate share, template matches, sentences
        borrowed, the reference it borrows most from and its longest passage."""
        import pandas as pd

        by_speech = records_by_speech(self.passages)
        templates = records_by_speech(self.templates)
        rows = []
        for speech in self.speeches:
            reused = by_speech.get(speech.id, [])
            mine = [p for p in reused if p.kind == "borrowed"]
            covered = _union([(p.start, p.end) for p in mine])
            counts = self.counts(speech)
            characters = counts.between(0, len(speech.text))
            borrowed = sum(counts.between(s, e) for s, e in covered)
            with_boilerplate = sum(counts.between(s, e) for s, e in _union([(p.start, p.end) for p in reused]))
            sentences = [u for u in speech.sentences if counts.between(u.start, u.end)]
            copied = sum(1 for u in sentences if _covered_share(counts, u.start, u.end, covered) >= 0.5)
            per_reference: dict[str, int] = {}
            for p in mine:
                per_reference[p.reference] = per_reference.get(p.reference, 0) + p.matched
            top = min(per_reference, key=lambda r: (-per_reference[r], r)) if per_reference else None
            longest = max(mine, key=lambda p: (p.end - p.start, -p.start), default=None)
            rows.append({
                "speech": speech.id, "year": speech.year, "characters": characters, "borrowed": borrowed,
                "share": round(borrowed / characters, 4) if characters else 0.0,
                "borrowed_with_boilerplate": with_boilerplate,
                "share_with_boilerplate": round(with_boilerplate / characters, 4) if characters else 0.0,
                "boilerplate_share": round((with_boilerplate - borrowed) / characters, 4) if characters else 0.0,
                "templates": len(templates.get(speech.id, [])),
                "sentences": len(sentences), "borrowed_sentences": copied,
                "sentence_share": round(copied / len(sentences), 4) if sentences else 0.0,
                "passages": len(mine), "top_reference": top,
                "top_reference_year": self.references[top].year if top else None,
                "longest": longest.end - longest.start if longest else 0,
            })
        columns = ["speech", "year", "characters", "borrowed", "share", "borrowed_with_boilerplate", "share_with_boilerplate",
                   "boilerplate_share", "templates", "sentences", "borrowed_sentences", "sentence_share", "passages",
                   "top_reference", "top_reference_year", "longest"]
        return pd.DataFrame(rows, columns=columns).astype(dict.fromkeys(("year", "top_reference_year"), "Int64"))

    def reference_frame(self):
        """Per speech and reference: borrowed characters and their share of the speech."""
        import pandas as pd

        rows = []
        by_speech = records_by_speech(self.passages)
        for speech in self.speeches:
            counts = self.counts(speech)
            characters = counts.between(0, len(speech.text))
            by_reference: dict[str, list[tuple[int, int]]] = {}
            for p in by_speech.get(speech.id, []):
                if p.kind == "borrowed":
                    by_reference.setdefault(p.reference, []).append((p.start, p.end))
            for reference in sorted(by_reference):
                borrowed = sum(counts.between(s, e) for s, e in _union(by_reference[reference]))
                rows.append({"speech": speech.id, "year": speech.year, "reference": reference,
                             "reference_year": self.references[reference].year, "borrowed": borrowed,
                             "share": round(borrowed / characters, 4) if characters else 0.0})
        columns = ["speech", "year", "reference", "reference_year", "borrowed", "share"]
        return pd.DataFrame(rows, columns=columns).astype(dict.fromkeys(("year", "reference_year"), "Int64"))

    def section_frame(self):
        """Per top-level outline section: characters, borrowed characters, share. The
        sections with the highest shares are a speech's boilerplate."""
        import pandas as pd

        rows = []
        by_speech = records_by_speech(self.passages)
        for speech in self.speeches:
            covered = _union([(p.start, p.end) for p in by_speech.get(speech.id, []) if p.kind == "borrowed"])
            counts = self.counts(speech)
            for start, end, label in self.sections.get(speech.id, []):
                characters = counts.between(start, end)
                borrowed = round(_covered_share(counts, start, end, covered) * characters)
                rows.append({"speech": speech.id, "year": speech.year, "section": label, "start": start, "end": end,
                             "characters": characters, "borrowed": borrowed,
                             "share": round(borrowed / characters, 4) if characters else 0.0})
        columns = ["speech", "year", "section", "start", "end", "characters", "borrowed", "share"]
        return pd.DataFrame(rows, columns=columns).astype({"year": "Int64"})

    def group_frame(self, by: str = "year"):
        """Mean borrowed share (of characters and of sentences; boilerplate left out, and
        of characters with it) per group of speeches."""
        import pandas as pd

        frame = self.speech_frame()
        values = {s.id: s.meta.get(by) for s in self.speeches}
        frame[by] = [values[sid] for sid in frame["speech"]]
        rows = []
        for key, group in sorted(frame.groupby(by, dropna=False, sort=False), key=lambda kv: group_order(None if _missing(kv[0]) else kv[0])):
            rows.append({by: None if _missing(key) else key, "speeches": len(group),
                         "mean_share": round(float(group["share"].mean()), 4),
                         "mean_share_with_boilerplate": round(float(group["share_with_boilerplate"].mean()), 4),
                         "mean_sentence_share": round(float(group["sentence_share"].mean()), 4)})
        result = pd.DataFrame(rows, columns=[by, "speeches", "mean_share", "mean_share_with_boilerplate", "mean_sentence_share"])
        return result.astype({by: "Int64"}) if by == "year" else result


def _missing(value) -> bool:
    return value is None or value != value


class CharacterCounts:
    """Letters and digits in any stretch of one text, in constant time (punctuation
    and space are not text one borrows).

    Examples
    --------
    >>> CharacterCounts("一、稳增长。").between(0, 6)
    4
    """

    def __init__(self, text: str):
        import numpy as np

        word = np.ones(len(text) + 1, dtype=np.int64)
        word[0] = 0
        word[[m.start() + 1 for m in _NONWORD.finditer(text)]] = 0
        self._cumulative = np.cumsum(word)

    def between(self, start: int, end: int) -> int:
        """Letters and digits in ``text[start:end]``."""
        return int(self._cumulative[end] - self._cumulative[start]) if end > start else 0


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _covered_share(counts: CharacterCounts, start: int, end: int, covered: list[tuple[int, int]]) -> float:
    """The share of the letters and digits of ``[start, end)`` inside ``covered`` (sorted, disjoint)."""
    total = counts.between(start, end)
    if not total:
        return 0.0
    first = max(bisect_right(covered, (start, -1)) - 1, 0)
    inside = 0
    for s, e in covered[first:]:
        if s >= end:
            break
        inside += counts.between(max(s, start), min(e, end))
    return inside / total


@dataclass(frozen=True, slots=True)
class _Clause:
    document: int
    sentence: int
    key: str


def _clauses(speech: Speech, document: int, min_clause: int) -> list[_Clause]:
    """The clauses of a speech long enough to be shingled, with their sentence index."""
    sentence_starts = [u.start for u in speech.sentences]
    clauses = []
    for match in _CLAUSE.finditer(speech.text):
        key = "".join(_WORD.findall(match.group()))
        if len(key) >= min_clause:
            sentence = max(bisect_right(sentence_starts, match.start()) - 1, 0)
            clauses.append(_Clause(document, sentence, key))
    return clauses


def minhash_signatures(keys: Sequence[str], *, shingle: int = 3, num_perm: int = 64, seed: int = _SEED):
    """MinHash signatures of the character ``shingle``-grams of each string.

    A shingle's hash is a polynomial of its code points modulo 2**32; the
    permutations are affine maps ``a * h + b`` modulo 2**32 with odd ``a`` (bijective),
    drawn from ``seed``. Computed with numpy for all strings at once, in chunks.

    Returns
    -------
    numpy.ndarray
        ``len(keys) × num_perm`` unsigned integers (a string shorter than ``shingle``
        is one shingle).
    """
    import numpy as np

    mask = np.uint64(0xFFFFFFFF)
    generator = np.random.RandomState(seed)
    a = (generator.randint(0, 1 << 31, num_perm).astype(np.uint64) * np.uint64(2) + np.uint64(1))[None, :]
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint64)[None, :]
    signatures = np.empty((len(keys), num_perm), dtype=np.uint32)
    chunk = 4096
    for first in range(0, len(keys), chunk):
        hashes, owners = _shingle_hashes(keys[first : first + chunk], shingle)
        permuted = (hashes[:, None] * a + b) & mask
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        signatures[first : first + len(starts)] = np.minimum.reduceat(permuted, starts, axis=0)
    return signatures


def _shingle_hashes(keys: Sequence[str], size: int):
    """Hashes of every shingle of ``keys`` (flat) and the index of the key each belongs to."""
    import numpy as np

    lengths = np.array([len(k) for k in keys])
    codes = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    key_starts = np.r_[0, np.cumsum(lengths)[:-1]]
    counts = np.maximum(lengths - size + 1, 1)
    owners = np.repeat(np.arange(len(keys)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    positions = key_starts[owners] + offsets
    hashes = np.zeros(len(positions), dtype=np.uint64)
    for k in range(size):
        # A key shorter than the shingle hashes its own characters only.
        inside = offsets + k < lengths[owners]
        hashes = (hashes * np.uint64(1_000_003) + np.where(inside, codes[np.minimum(positions + k, len(codes) - 1)], 0)) & np.uint64(0xFFFFFFFF)
    return hashes, owners


def _minhashes(keys: Sequence[str], shingle: int, num_perm: int):
    from datasketch import LeanMinHash

    signatures = minhash_signatures(keys, shingle=shingle, num_perm=num_perm)
    return [LeanMinHash(seed=_SEED, hashvalues=row, scheme="affine32") for row in signatures]


class ReferenceIndex:
    """The reference documents' clauses in a MinHash LSH index, built once and queried
    speech by speech (so the per-speech search can run in worker processes).

    Parameters
    ----------
    references : sequence of Speech
    shingle, threshold, num_perm, min_clause
        Character n-gram size, LSH Jaccard threshold, MinHash permutations, shortest
        clause indexed (letters and digits).
    """

    def __init__(self, references: Sequence[Speech], *, shingle: int = 3, threshold: float = 0.3, num_perm: int = 64,
                 min_clause: int = 6):
        from datasketch import MinHashLSH

        self.references = list(references)
        ids = [r.id for r in self.references]
        if len(set(ids)) != len(ids):
            raise SpeechkitError("reuse: reference ids are not unique")
        self.shingle, self.num_perm, self.min_clause = shingle, num_perm, min_clause
        # Letters and digits of each reference, where a passage is looked up word for word.
        self.letters = ["".join(_WORD.findall(r.text)) for r in self.references]
        self._clauses = [c for i, r in enumerate(self.references) for c in _clauses(r, i, min_clause)]
        # Identical clauses share one LSH entry: boilerplate repeats across documents.
        self._same: dict[str, list[int]] = {}
        unique: list[int] = []
        for index, clause in enumerate(self._clauses):
            bucket = self._same.setdefault(clause.key, [])
            if not bucket:
                unique.append(index)
            bucket.append(index)
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        with self._lsh.insertion_session() as session:
            keys = [self._clauses[i].key for i in unique]
            for index, minhash in zip(unique, _minhashes(keys, shingle, num_perm)):
                session.insert(index, minhash, check_duplication=False)

    def holding(self, passage: str, *, besides: str | None = None) -> tuple[int, int]:
        """In how many references (other than the one whose id is ``besides``) the
        letters and digits of ``passage`` stand word for word, and of how many."""
        key = "".join(_WORD.findall(passage))
        others = [text for reference, text in zip(self.references, self.letters) if reference.id != besides]
        return sum(1 for text in others if key in text), len(others)

    def candidates(self, speech: Speech, allowed=None) -> list[tuple[int, int, int]]:
        """Candidate pairs ``(sentence, reference, ref_sentence)`` (indices) of one
        speech, sorted; ``allowed(reference_index)`` filters the references."""
        clauses = _clauses(speech, 0, self.min_clause)
        keys = sorted({c.key for c in clauses})
        hits = {key: self._lsh.query(minhash) for key, minhash in zip(keys, _minhashes(keys, self.shingle, self.num_perm))}
        pairs: set[tuple[int, int, int]] = set()
        for clause in clauses:
            for hit in hits[clause.key]:
                for index in self._same[self._clauses[hit].key]:
                    ref = self._clauses[index]
                    if allowed is None or allowed(ref.document):
                        pairs.add((clause.sentence, ref.document, ref.sentence))
        return sorted(pairs)


def speech_passages(speech: Speech, index: ReferenceIndex, *, min_length: int = MIN_LENGTH, max_gap: int = 2,
                    allowed=None, boilerplate_share: float = BOILERPLATE_SHARE,
                    tokenizer: Tokenizer | None = None) -> tuple[list[Passage], list[Passage]]:
    """The passages one speech shares with the indexed references (see the module
    docstring), and its template matches, each sorted by start, then reference.

    ``allowed(reference)`` says which reference documents the speech may borrow from; a
    passage found in more than ``boilerplate_share`` of the references is ``boilerplate``;
    passages start and end on the words of ``tokenizer`` (default: the process-wide one).
    """
    if min_length < 1:
        raise SpeechkitError("reuse: min_length must be at least 1")
    refs = index.references
    by_reference: dict[int, list[tuple[int, int]]] = {}
    keep = None if allowed is None else (lambda r_index: allowed(refs[r_index]))
    for sentence, r_index, ref_sentence in index.candidates(speech, keep):
        by_reference.setdefault(r_index, []).append((sentence, ref_sentence))
    counts = CharacterCounts(speech.text)
    boundaries = word_boundaries(speech, tokenizer)
    passages, templates = [], []
    for r_index in sorted(by_reference):
        reference = refs[r_index]
        raw, raw_templates = _aligned_passages(speech, reference, by_reference[r_index], counts, min_length, max_gap)
        for found in _merge(raw, counts):
            bounded = on_word_boundaries(speech.text, reference.text, found, boundaries, counts)
            if bounded is None or bounded[4] < min_length:
                continue
            s, e, rs, re_, n = bounded
            if not numbers_agree(speech.text, s, e, reference.text, rs, re_):
                raw_templates.add(bounded)
                continue
            held, of = index.holding(speech.text[s:e], besides=speech.id)
            stock = held >= BOILERPLATE_MIN_REFERENCES and held > boilerplate_share * of
            passages.append(Passage(speech.id, reference.id, s, e, rs, re_, n, speech.text[s:e], reference.text[rs:re_],
                                    "boilerplate" if stock else "borrowed"))
        for s, e, rs, re_, n in _merge(raw_templates, counts):
            templates.append(Passage(speech.id, reference.id, s, e, rs, re_, n, speech.text[s:e], reference.text[rs:re_],
                                     "template"))
    order = lambda p: (p.start, p.reference, p.ref_start)  # noqa: E731
    return sorted(passages, key=order), sorted(templates, key=order)


def word_boundaries(speech: Speech, tokenizer: Tokenizer | None = None) -> set[int]:
    """The offsets where the speech's words (``tokenizer``'s tokens, default the process-wide
    tokenizer's) start, and its end."""
    return {*speech.tokens(tokenizer).starts, len(speech.text)}


def on_word_boundaries(text: str, ref_text: str, passage: tuple[int, int, int, int, int], boundaries: set[int],
                       counts: CharacterCounts) -> tuple[int, int, int, int, int] | None:
    """``passage`` narrowed to start and end on word boundaries of ``text``, at letters or
    digits both texts share there (the character alignment of the two spans says where), with
    its equal characters counted again; None when nothing is left."""
    from rapidfuzz.distance import Indel

    s, e, rs, re_, _ = passage
    runs = [(op.src_start, op.src_end, op.dest_start, op.dest_end)
            for op in Indel.opcodes(text[s:e], ref_text[rs:re_]) if op.tag == "equal"]
    start = next(((x, y0 + x - x0) for x0, x1, y0, _ in runs for x in range(x0, x1)
                  if s + x in boundaries and _WORD.match(text[s + x])), None)
    end = next(((x, y0 + x - x0) for x0, x1, y0, _ in reversed(runs) for x in range(x1, x0, -1)
                if s + x in boundaries and _WORD.match(text[s + x - 1])), None)
    if start is None or end is None or end[0] <= start[0]:
        return None
    matched = sum(counts.between(s + max(x0, start[0]), s + min(x1, end[0])) for x0, x1, _, _ in runs)
    return s + start[0], s + end[0], rs + start[1], rs + end[1], matched


def whole_numbers(text: str, start: int, end: int) -> list[str]:
    """The numbers (digits, or Chinese numerals) of ``text[start:end]``, read whole: one cut
    by the span's edge is read with the rest of it."""
    while 0 < start < len(text) and _NUMERAL.match(text[start - 1]) and _NUMERAL.match(text[start]):
        start -= 1
    while 0 < end < len(text) and _NUMERAL.match(text[end]) and _NUMERAL.match(text[end - 1]):
        end += 1
    return _NUMBER.findall(text, start, end)


def numbers_agree(text: str, start: int, end: int, ref_text: str, ref_start: int, ref_end: int) -> bool:
    """Whether the two spans hold the same numbers, in the same order, read whole.

    Examples
    --------
    >>> numbers_agree("增长3.5%左右", 0, 7, "增长7.5%左右", 0, 7), numbers_agree("党的十九大", 0, 5, "党的十九大", 0, 5)
    (False, True)
    """
    return whole_numbers(text, start, end) == whole_numbers(ref_text, ref_start, ref_end)


def earlier_years(speech: Speech):
    """The rule of year-on-year self-copying: references dated before the speech."""
    return lambda reference: speech.year is not None and reference.year is not None and reference.year < speech.year


def not_later_years(speech: Speech):
    """The default rule against references: of the speech's year or earlier (undated: any)."""
    return lambda reference: speech.year is None or reference.year is None or reference.year <= speech.year


def align(a: str, b: str, *, min_length: int = MIN_LENGTH, max_gap: int = 2, words=None) -> list[tuple[int, int, int, int, int]]:
    """Shared passages of two strings: ``(a_start, a_end, b_start, b_end, matched)``.

    Equal runs of the character alignment (rapidfuzz Indel opcodes, the longest
    common subsequence) are joined across gaps of at most ``max_gap`` characters in
    both strings, unless a gap holds a digit or a Chinese numeral (other figures, not
    the same text: see :func:`align_with_templates`); a joined run with at least
    ``min_length`` equal letters or digits is kept. Spans run from the first to the last
    equal character.

    Parameters
    ----------
    a, b : str
        The two texts.
    min_length : int
        Equal letters or digits a passage needs.
    max_gap : int
        Longest gap, in characters, a passage spans.
    words : callable, optional
        ``words(start, end)`` counts the letters and digits of ``a[start:end]`` (a
        precomputed :class:`CharacterCounts` of a longer text, say).

    Returns
    -------
    list of (int, int, int, int, int)
        ``(a_start, a_end, b_start, b_end, matched)`` of each passage, in ``a``'s order.

    Examples
    --------
    >>> align("坚持稳中求进工作总基调，完整准确全面贯彻新发展理念", "要坚持稳中求进工作总基调，贯彻新发展理念", min_length=8)
    [(0, 11, 1, 12, 11)]
    """
    return align_with_templates(a, b, min_length=min_length, max_gap=max_gap, words=words)[0]


def align_with_templates(a: str, b: str, *, min_length: int = MIN_LENGTH, max_gap: int = 2, words=None):
    """The passages of :func:`align`, and the template matches: stretches that would be
    one passage but for gaps holding numbers (the same sentence with other figures).

    Returns
    -------
    tuple of (list, list)
        Both lists of ``(a_start, a_end, b_start, b_end, matched)``.
    """
    from rapidfuzz.distance import Indel

    words = words or (lambda start, end: _words(a, start, end))
    runs = [(op.src_start, op.src_end, op.dest_start, op.dest_end) for op in Indel.opcodes(a, b) if op.tag == "equal"]
    groups: list[list[tuple[int, int, int, int]]] = []
    for run in runs:
        last = groups[-1][-1] if groups else None
        if last and run[0] - last[1] <= max_gap and run[2] - last[3] <= max_gap:
            groups[-1].append(run)
        else:
            groups.append([run])
    passages, templates = [], []
    numbers_a, numbers_b = _number_spans(a), _number_spans(b)
    for group in groups:
        pieces = [[group[0]]]
        for left, right in zip(group, group[1:]):
            if _overlaps(numbers_a, left[1], right[0]) or _overlaps(numbers_b, left[3], right[2]):
                pieces.append([right])
            else:
                pieces[-1].append(right)
        for piece in pieces:
            joined = _joined_runs(piece, words)
            if joined[4] >= min_length:
                passages.append(_trimmed(a, joined))
        if len(pieces) > 1 and (whole := _joined_runs(group, words))[4] >= min_length:
            templates.append(_trimmed(a, whole))
    return passages, templates


def _number_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the numbers of ``text`` (see :data:`_NUMBER`)."""
    return [m.span() for m in _NUMBER.finditer(text)]


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the gap ``[start, end)`` touches one of ``spans`` (a pure insertion on the
    other side, ``start == end``, touches none)."""
    return any(s < end and start < e for s, e in spans)


def _joined_runs(runs: Sequence[tuple[int, int, int, int]], words) -> list[int]:
    """Equal runs as one span ``[a0, a1, b0, b1, matched]``."""
    return [runs[0][0], runs[-1][1], runs[0][2], runs[-1][3], sum(words(a0, a1) for a0, a1, _, _ in runs)]


def _words(text: str, start: int, end: int) -> int:
    return sum(1 for _ in _WORD.finditer(text, start, end))


def _trimmed(a: str, passage: list[int]) -> tuple[int, int, int, int, int]:
    """A passage without punctuation or space at either end. Its first and last
    characters belong to equal runs, so both texts move by the same amount."""
    a0, a1, b0, b1, matched = passage
    while a0 < a1 and not _WORD.match(a[a0]):
        a0, b0 = a0 + 1, b0 + 1
    while a1 > a0 and not _WORD.match(a[a1 - 1]):
        a1, b1 = a1 - 1, b1 - 1
    return a0, a1, b0, b1, matched


def _sentence_window(speech: Speech, first: int, last: int) -> tuple[int, int]:
    """Sentences ``first`` to ``last`` and one more on each side: room for the alignment
    where one text split or joined sentences."""
    sentences = speech.sentences
    return sentences[max(first - 1, 0)].start, sentences[min(last + 1, len(sentences) - 1)].end


def _diagonal_runs(pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Candidate sentence pairs joined into runs ``(first, last, ref_first, ref_last)``
    where consecutive sentences of the speech follow consecutive reference sentences,
    so a long copied stretch is aligned once, not sentence by sentence."""
    runs: list[list[int]] = []
    for sentence, ref_sentence in sorted(pairs, key=lambda p: (p[1] - p[0], p[0])):
        last = runs[-1] if runs else None
        if last and ref_sentence - sentence == last[2] - last[0] and sentence <= last[1] + 2:
            last[1], last[3] = sentence, ref_sentence
        else:
            runs.append([sentence, sentence, ref_sentence, ref_sentence])
    return [tuple(r) for r in runs]  # type: ignore[misc]


def _aligned_passages(speech: Speech, reference: Speech, pairs: Iterable[tuple[int, int]], counts: CharacterCounts,
                      min_length: int, max_gap: int) -> tuple[set, set]:
    """Raw passages and template matches of one speech and one reference from candidate sentence pairs."""
    found, templates = set(), set()
    for first, last, ref_first, ref_last in _diagonal_runs(pairs):
        a0, a1 = _sentence_window(speech, first, last)
        b0, b1 = _sentence_window(reference, ref_first, ref_last)
        words = lambda start, end, a0=a0: counts.between(a0 + start, a0 + end)  # noqa: E731
        passages, matches = align_with_templates(speech.text[a0:a1], reference.text[b0:b1], min_length=min_length,
                                                 max_gap=max_gap, words=words)
        found.update((a0 + s, a0 + e, b0 + rs, b0 + re_, n) for s, e, rs, re_, n in passages)
        templates.update((a0 + s, a0 + e, b0 + rs, b0 + re_, n) for s, e, rs, re_, n in matches)
    return found, templates


def _merge(raw: Iterable[tuple[int, int, int, int, int]], counts: CharacterCounts) -> list[tuple[int, int, int, int, int]]:
    """Merge overlapping or touching passages that map consistently into the reference."""
    merged: list[list[int]] = []
    for s, e, rs, re_, n in sorted(raw, key=lambda p: (p[0], p[2], -p[1])):
        if merged:
            last = merged[-1]
            offset_now, offset_last = rs - s, last[2] - last[0]
            if s <= last[1] + 2 and abs(offset_now - offset_last) <= 2 and rs <= last[3] + 2:
                if e > last[1]:
                    last[4] += counts.between(max(s, last[1]), e)
                    last[1], last[3] = e, max(last[3], re_)
                continue
        merged.append([s, e, rs, re_, n])
    # The same words may align with several places of the reference (a formulation
    # repeated in it): keep passages that do not overlap in the speech, most matched first.
    kept: list[list[int]] = []
    for m in sorted(merged, key=lambda m: (-m[4], m[0], m[2])):
        if all(m[1] <= k[0] or m[0] >= k[1] for k in kept):
            kept.append(m)
    return [tuple(m) for m in sorted(kept)]  # type: ignore[misc]


def find_reuse(
    results: Results,
    references: Sequence[Speech] | None = None,
    *,
    min_length: int = MIN_LENGTH,
    max_gap: int = 2,
    shingle: int = 3,
    threshold: float = 0.3,
    num_perm: int = 64,
    later_references: bool = False,
    sections: bool = True,
    boilerplate_share: float = BOILERPLATE_SHARE,
    tokenizer: Tokenizer | None = None,
) -> ReuseResult:
    """The passages each speech shares with the reference documents (the reuse tables of
    ``analyze --reference``).

    Passages are aligned character by character in the speeches' texts; each speech's
    outline sections come from its result.

    Parameters
    ----------
    results : Results
        The documents examined, with their results (:meth:`speechkit.Corpus.results`).
    references : sequence of Speech, optional
        The reference documents (e.g. national work reports). Without them, each
        speech is compared with the speeches of the same set from earlier years
        (year-on-year self-copying); speeches without a year are then compared with
        nothing.
    min_length : int
        Shortest passage kept, in letters and digits (default 15: shorter shared
        strings are common phrases).
    max_gap : int
        Largest gap (characters, in both texts) inside one passage.
    shingle, threshold, num_perm
        Candidate search: character n-gram size, LSH Jaccard threshold, MinHash
        permutations.
    later_references : bool
        Also compare with references dated after the speech (by default a speech
        can only borrow from references of its own year or earlier; undated
        documents are compared with every one).
    sections : bool
        Locate passages in each speech's top-level outline sections (from its result's
        outline), or not at all (False).
    boilerplate_share : float
        A passage found word for word in more than this share of the references (and in
        at least :data:`BOILERPLATE_MIN_REFERENCES`) is ``boilerplate``.
    tokenizer : Tokenizer, optional
        Whose words passages start and end on (default: the process-wide one).

    Returns
    -------
    ReuseResult
    """
    speeches = results.speeches
    self_reuse = references is None
    index = ReferenceIndex(speeches if self_reuse else references, shingle=shingle, threshold=threshold, num_perm=num_perm)
    passages, templates = [], []
    for speech in speeches:
        rule = earlier_years(speech) if self_reuse else (None if later_references else not_later_years(speech))
        found, matches = speech_passages(speech, index, min_length=min_length, max_gap=max_gap, allowed=rule,
                                         boilerplate_share=boilerplate_share, tokenizer=tokenizer)
        passages += found
        templates += matches
    outline_sections = {speech.id: result_sections(result) for speech, result in results.pairs()} if sections else {}
    return ReuseResult(passages, speeches, {r.id: r for r in index.references}, outline_sections, templates)


def result_sections(result: SpeechResult) -> list[tuple[int, int, str]]:
    """The top-level outline sections of a speech, as the section table names them.

    Parameters
    ----------
    result : SpeechResult

    Returns
    -------
    list of (int, int, str)
        ``(start, end, label)`` of each section (label: marker and title), in text order.
    """
    from .terms import section_label

    return [(s.start, s.end, section_label(s)) for s in result.outline.sections]
