"""Slogans and formulations (提法) of one speech.

:func:`extract_slogans` finds five kinds of formulation and counts each across the
speech under one canonical form (the same formulation quoted and unquoted is one
slogan with several spans):

``quoted``
    text in “…” ‘…’ 「…」 『…』 "…", with a ``subkind``: ``slogan``, ``term`` or
    ``emphasis``; one character in quotes (“稳”字当头) only when the lexicon lists it.
    Its unquoted repetitions count too (three characters or more).
``numbered``
    a numeral, an optional counter and a head: 两个确立, 三会一课, 七通一平. Known ones
    (the lexicon) are found anywhere, also written as a list of their parts (两不愁、
    三保障) or after the noun naming their object (碳排放双控), and so is the numbered
    formulation closing a known slogan (高效办成|一件事); others when quoted (numbered
    parts listed in one quote are one: “四纵三横、一圈两带”, and so are the numbered members
    a quoted list opens with: “两圈联动、三核引领、陆海统筹”; a field named by nouns before
    N大 or N项 is named with it: “碳达峰十大行动”; a count before a quote names it:
    五个“必须统筹”), and then anywhere, or unquoted by their shape (四大专项行动,
    两个积极性, 汽车、钢铁、化工三大产业, 一企一策, 三证合一, 两化融合), or beside one in a
    、-list (两手抓、两促进); not a list's marker (一要…，二要…) nor places on an honour
    list (入选年度十大突破). ``subkind`` is ``quoted`` when the speech writes it in quotes
    at least once.
``parallel``
    three or more phrases sharing a template (不X腐), with ``template`` and ``members``.
``document``
    a cited title in 《…》, redaction marks kept.
``redacted``
    a quote holding only redaction marks (“*”): one slogan per mark, each occurrence
    with its ``contexts`` entry (“*”战略部署).

Known formulations of the lexicon (speechkit/data/formulations.tsv) get their
canonical form and a ``gloss``; a lexicon slogan (稳中求进) is reported when the
speech quotes it at least once.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...chars import is_han
from ...errors import SpeechkitError
from ...model import Slogan, Span
from .heads import formula_heads
from .lexicon import Formulation, Lexicon, load_lexicon
from ..matcher import PhraseMatcher, phrase_key
from .compounds import find_compounds, find_joined, find_merged, find_one_by_one
from .numbered import (
    NUMERALS,
    PAIRED,
    SEVERAL,
    continues_number,
    counted_thing,
    is_common_word,
    is_numbered,
    names_a_fields_set,
    names_a_plan,
    on_word_boundaries,
    opens_list_item,
)
from .listing import on_an_honour_list
from .parallel import ParallelRun, find_parallels
from .renumbered import find_renumbered
from .shapes import find_formula_phrases, find_paired_sums
from .quotes import (
    Enclosed,
    clauses,
    enclosed_spans,
    is_quotation,
    is_redacted,
    quoted_subkind,
    redaction_context,
)

if TYPE_CHECKING:
    from ...segment import Tokenizer
    from ...speech import Speech

KINDS = ("quoted", "numbered", "parallel", "document", "redacted")
# Quoted texts shorter than this are not looked for unquoted (“两新” stands inside longer words).
MIN_REPEAT = 3
# A quote this short is a formulation only when the lexicon lists it (“稳” stresses a character).
MIN_QUOTED = 2
# Known numbered formulations this short (四风, 三保) must be whole words where found.
SHORT = 2
# A lone classifier after a short known formulation (五通|道) makes its numeral a count.
CLASSIFIER_TAG, CLASSIFIER_WINDOW = "q", 3
# A 、-list member beside a numbered formulation that may be one too: at most this long.
LIST_SEPARATOR = "、"
MAX_MEMBER = 6
# A count right before a quote (五个“必须统筹”): its counter and its numeral's longest run.
QUOTED_COUNTER, COUNT_LENGTH = "个", 2
# The noun a formulation is written after (碳排放双控): its tags, how far back it is read,
# and the words that make it the last of a list.
OBJECT_TAGS = ("n", "nz")
OBJECT_WINDOW = 6
LIST_JOINERS = ("和", "与", "及", "、")


@dataclass(frozen=True, slots=True)
class _Occurrence:
    kind: str
    text: str
    start: int
    end: int
    quoted: bool = False
    context: str | None = None
    run: ParallelRun | None = None


def extract_slogans(speech: Speech, *, kinds: str | Iterable[str] | None = None, lexicon: Lexicon | None = None, tokenizer: Tokenizer | None = None) -> list[Slogan]:
    """Find the formulations of a speech.

    Parameters
    ----------
    speech : Speech
    kinds : str or iterable of str, optional
        Keep only this kind or these kinds (of ``quoted``, ``numbered``, ``parallel``, ``document``,
        ``redacted``); default all.
    lexicon : Lexicon, optional
        Known formulations; default the bundled lexicon.
    tokenizer : Tokenizer, optional
        Used to tell terms from slogans, to check numbered candidates against the
        dictionary, and for the words around a redaction; default the process one.

    Returns
    -------
    list of Slogan
        In order of first occurrence; ``speech.text[start:end]`` of every span is the
        slogan's ``text`` or one of its ``variants``.
    """
    wanted = check_kinds(kinds)
    lexicon = lexicon if lexicon is not None else load_lexicon()
    if tokenizer is None:
        from ...segment import get_tokenizer

        tokenizer = get_tokenizer()
    text = speech.text
    quotes, titles = enclosed_spans(text, speech.paragraphs)
    word_starts = set(speech.tokens(tokenizer).starts)
    runs = [run for sentence in speech.sentences for run in find_parallels(text, sentence.start, sentence.end, word_starts=word_starts)]
    occurrences = _parallel_occurrences(runs, lexicon)
    occurrences += [_Occurrence("document", text[t.start : t.end], t.start, t.end) for t in titles]
    run_spans = {(run.start, run.end) for run in runs}
    quoted = [o for q in quotes for o in _quote_occurrences(text, q, run_spans, lexicon, tokenizer)]
    occurrences += quoted
    occurrences += [o for q in quotes if (o := _counted_quote(text, q)) is not None]
    occurrences += _lexicon_occurrences(text, lexicon, tokenizer)
    occurrences += _repetitions(text, quoted, tokenizer)
    occurrences += _formula_phrases(text, occurrences, lexicon, tokenizer)
    occurrences += _listed_beside(text, occurrences, tokenizer)
    occurrences = [_with_named_object(text, o, lexicon, tokenizer) for o in occurrences]
    occurrences = _drop_nested_numbered(occurrences)
    return [s for s in _group(text, occurrences, lexicon, tokenizer) if s.kind in wanted]


def slogans_json(speech: Speech, **options) -> list[dict]:
    """The slogans of a speech as JSON-ready dicts (the ``slogans`` output contract).

    Parameters
    ----------
    speech : Speech
    **options
        The keyword options of :func:`extract_slogans`.

    Returns
    -------
    list of dict
        ``Slogan.to_dict()`` of each slogan.
    """
    return [slogan.to_dict() for slogan in extract_slogans(speech, **options)]


def check_kinds(kinds: str | Iterable[str] | None) -> frozenset[str]:
    """The set of kinds asked for (one name or several); raises SpeechkitError
    naming an unknown one."""
    if kinds is None:
        return frozenset(KINDS)
    wanted = frozenset([kinds] if isinstance(kinds, str) else kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise SpeechkitError(f"unknown slogan kind {unknown[0]!r}: choose from {', '.join(KINDS)}")
    return wanted


def _parallel_occurrences(runs: list[ParallelRun], lexicon: Lexicon) -> list[_Occurrence]:
    result = []
    for run in runs:
        joined = "、".join(run.members)
        entry = lexicon.get(joined)
        result.append(_Occurrence("parallel", entry.canonical if entry else joined, run.start, run.end, run=run))
    return result


def _quote_occurrences(text: str, quote: Enclosed, run_spans, lexicon: Lexicon, tokenizer) -> list[_Occurrence]:
    """What one quote holds: a redaction, a known or numbered formulation, a parallel
    run (already found) or a quoted phrase; plus numbered clauses of a longer quote."""
    content = text[quote.start : quote.end]
    if is_redacted(content):
        context = redaction_context(text, quote.start - 1, quote.end, tokenizer)
        return [_Occurrence("redacted", content.strip(), quote.start, quote.end, True, context)]
    if is_quotation(content) or (quote.start, quote.end) in run_spans:
        return []
    entry = lexicon.get(content)
    if entry is not None:
        kind = _kind_of(entry, content, tokenizer)
        return [_Occurrence(kind, _name_of(entry, kind, content), quote.start, quote.end, True)]
    if len(content.strip()) < MIN_QUOTED:
        return []  # “稳”字当头, “进”: a character stressed, no formulation unless the lexicon lists it
    named = is_numbered(content, tokenizer) or names_a_fields_set(content, tokenizer) and not on_an_honour_list(text, quote.start)
    if named and not names_a_plan(text, quote.start, quote.end) and not is_common_word(content, tokenizer):
        return [_Occurrence("numbered", content, quote.start, quote.end, True)]
    result = [_Occurrence("quoted", content, quote.start, quote.end, True)]
    parts = clauses(content)
    if len(parts) == 1:
        return result
    leading = _leading_numbered_members(content, parts, lexicon, tokenizer)
    if len(leading) == len(parts):
        # “四纵三横、一圈两带”: numbered parts in one quote, listed with 、, name one formula
        return [_Occurrence("numbered", content, quote.start, quote.end, True)]
    if len(leading) > 1:
        # “两圈联动、三核引领、陆海统筹”: the numbered members the list opens with are one name
        result.append(_Occurrence("numbered", content[: leading[-1][1]], quote.start, quote.start + leading[-1][1], True))
    rest = parts[len(leading) if len(leading) > 1 else 0 :]
    numbered = [(s, e) for s, e in rest if content[s:e] not in lexicon and is_numbered(content[s:e], tokenizer)]
    return result + [_Occurrence("numbered", content[s:e], quote.start + s, quote.start + e, True) for s, e in numbered]


def _leading_numbered_members(content: str, parts: list[tuple[int, int]], lexicon: Lexicon, tokenizer) -> list[tuple[int, int]]:
    """The members a quoted 、-list opens with that are numbered by their shape (“两圈联动、
    三核引领”), or all by numerals counting the same thing (“千村示范引领、万村共富共美”,
    “一村一品、一村一业”); fewer than two make no name, and formulations the lexicon knows
    each stay their own (“一老一小、一带一路”)."""
    counted = {counted_thing(content[s:e]) for s, e in parts}
    same_thing = len(counted) == 1 and "" not in counted
    leading = []
    for index, (start, end) in enumerate(parts):
        if index and content[parts[index - 1][1] : start] != LIST_SEPARATOR:
            break
        member = content[start:end]
        if not (same_thing or member not in lexicon and is_numbered(member, tokenizer)):
            break
        leading.append((start, end))
    return leading if len(leading) > 1 else []


def _counted_quote(text: str, quote: Enclosed) -> _Occurrence | None:
    """A count of two or more with 个 right before a quote names the formula quoted
    (五个“必须统筹”, 三个“一号工程”; not the figure of speech 再造一个“海上海南”, nor figures
    counted, 两个“100%”): the numbered formulation runs from the numeral to the closing
    mark, named without the marks."""
    content = text[quote.start : quote.end]
    counter = quote.start - 2
    start = counter
    while start > 0 and text[start - 1] in SEVERAL and counter - start < COUNT_LENGTH:
        start -= 1
    if start == counter or text[counter] != QUOTED_COUNTER or is_quotation(content) or continues_number(text, start):
        return None
    if not is_han(content[0]):
        return None  # 两个“100%”: a count of figures
    return _Occurrence("numbered", text[start : counter + 1] + content, start, quote.end + 1, True)


def _lexicon_occurrences(text: str, lexicon: Lexicon, tokenizer) -> list[_Occurrence]:
    result = []
    for start, end, entry in lexicon.find(text):
        kind = _kind_of(entry, text[start:end], tokenizer)
        if kind == "numbered" and not _stands_alone(text, start, end, tokenizer):
            continue
        result.append(_Occurrence(kind, _name_of(entry, kind, text[start:end]), start, end))
        tail = _numbered_tail(text, start, end, tokenizer) if kind != "numbered" else None
        if tail is not None:
            result.append(_Occurrence("numbered", text[tail:end], tail, end))
    return result


def _numbered_tail(text: str, start: int, end: int, tokenizer) -> int | None:
    """Where the numbered formulation closing a known slogan begins (高效办成|一件事), or
    None: the longest tail opening with a numeral that is no part of a number or an
    ordinal (发展是第一要务) and is a numbered formulation (not 最多跑|一次, a count)."""
    for cut in range(start + 1, end - 1):
        if text[cut] in NUMERALS + PAIRED and not continues_number(text, cut) and is_numbered(text[cut:end], tokenizer):
            return cut
    return None


def _stands_alone(text: str, start: int, end: int, tokenizer) -> bool:
    """True when a numbered formulation found at ``start:end`` is no part of a longer number
    (十|四个坚持) and, when short (四风, 三保), the segmenter cuts it as a word (not 三保 in
    实现三保障) with no lone classifier after it (五通|道)."""
    if continues_number(text, start):
        return False
    return end - start > SHORT or on_word_boundaries(text, start, end, tokenizer) and not _classifier_after(text, end, tokenizer)


def _classifier_after(text: str, end: int, tokenizer) -> bool:
    """True when a lone classifier follows at ``end`` (外送五通|道): the numeral counts it."""
    words = tokenizer.tokenize(text[end : end + CLASSIFIER_WINDOW], end)
    return bool(words) and len(words[0].text) == 1 and words[0].pos == CLASSIFIER_TAG


def _kind_of(entry: Formulation, written: str, tokenizer) -> str:
    """The slogan kind of a known formulation as ``written``: its lexicon kind, but
    numbered for a slogan or a parallel formulation written in numbered shape (一网通办,
    一件事一次办, 三不腐; not 高效办成一件事), which is both; and a numbered one written out
    with no numeral (碳达峰碳中和 for 双碳) is the formula itself, quoted, not its number."""
    if entry.kind == "numbered":
        return entry.kind if any(char in NUMERALS + PAIRED for char in written) else "quoted"
    if is_numbered(written, tokenizer):
        return "numbered"
    return entry.kind if entry.kind == "parallel" else "quoted"


def _name_of(entry: Formulation, kind: str, written: str) -> str:
    """The name a known formulation is reported under: its canonical form, but the
    numbered form as written for a parallel one written so (三不腐, not 不敢腐、不能腐、不想腐),
    and the words as written for a numbered one written out (碳达峰碳中和)."""
    if entry.kind == "parallel" and kind == "numbered" or entry.kind == "numbered" and kind != "numbered":
        return written
    return entry.canonical


def _repetitions(text: str, quoted: list[_Occurrence], tokenizer) -> list[_Occurrence]:
    """Unquoted repetitions of what the speech quotes (园区二次创业 once quoted, then not);
    a short numbered one (“三城”, then 三城建设) where the segmenter cuts a word there."""
    by_text = {
        o.text: o.kind for o in quoted
        if o.kind in ("quoted", "numbered") and len(o.text) >= (SHORT if o.kind == "numbered" else MIN_REPEAT)
    }
    by_key = {phrase_key(t): (t, kind) for t, kind in by_text.items()}
    result = []
    for start, end in PhraseMatcher(by_text, one_text=True).spans(text):
        found, kind = by_key[phrase_key(text[start:end])]
        if kind == "numbered" and not _stands_alone(text, start, end, tokenizer):
            continue
        result.append(_Occurrence(kind, found, start, end))
    return result


def _formula_phrases(text: str, occurrences: list[_Occurrence], lexicon: Lexicon, tokenizer) -> list[_Occurrence]:
    """Unquoted numbered formulations by their shape (四大专项行动, 一企一策, 两江四岸) or as a known
    one with another numeral (四位一体), where no known or quoted one was found."""
    taken = sorted((o.start, o.end) for o in occurrences if o.kind == "numbered")
    starts = [s for s, _ in taken]
    result = []
    heads = formula_heads(lexicon, tokenizer)
    renumbered = [
        (start, end) for start, end in find_renumbered(text, lexicon)
        if not continues_number(text, start) and on_word_boundaries(text, start, end, tokenizer)
    ]
    shaped = sorted({
        *find_formula_phrases(text, tokenizer, heads=heads), *find_one_by_one(text, tokenizer),
        *find_compounds(text, tokenizer), *find_merged(text, tokenizer), *find_joined(text, tokenizer),
        *find_paired_sums(text, tokenizer), *renumbered,
    })
    for start, end in shaped:
        index = bisect_left(starts, end) - 1
        if index >= 0 and taken[index][1] > start:
            continue  # overlaps a numbered formulation already found
        if opens_list_item(text, start) or on_an_honour_list(text, start):
            continue  # 一要进一步…: a list's marker; 入选年度十大突破: a ranking's places
        result.append(_Occurrence("numbered", text[start:end], start, end))
    return result


def _listed_beside(text: str, occurrences: list[_Occurrence], tokenizer) -> list[_Occurrence]:
    """Numbered members of a 、-list beside a numbered formulation (两手抓、两促进): in such a
    list a numeral + verb (两促进), which alone could be a count, names a formulation too."""
    taken = {(o.start, o.end) for o in occurrences if o.kind == "numbered"}
    result, pending = [], sorted(taken)
    while pending:
        start, end = pending.pop()
        for member in (_member_before(text, start, tokenizer), _member_after(text, end)):
            if member is None or member in taken:
                continue
            s, e = member
            if is_numbered(text[s:e], tokenizer) and not continues_number(text, s) and not opens_list_item(text, s):
                taken.add(member)
                pending.append(member)
                result.append(_Occurrence("numbered", text[s:e], s, e))
    return result


def _member_before(text: str, start: int, tokenizer) -> tuple[int, int] | None:
    """The list member before ``start``: the Chinese run there, or, where the run goes on
    into the clause's verb (实施三证合一、一照一码), the words from its first numeral on."""
    if start < 2 or text[start - 1] != LIST_SEPARATOR:
        return None
    begin = start - 1
    while begin > 0 and is_han(text[begin - 1]) and start - 1 - begin < MAX_MEMBER:
        begin -= 1
    if not is_han(text[begin - 1 : begin] or " "):
        return begin, start - 1
    words = tokenizer.tokenize(text[begin : start - 1], begin)
    opening = next((word.start for word in words[1:] if word.text[0] in NUMERALS + PAIRED), None)
    return (opening, start - 1) if opening is not None else None


def _member_after(text: str, end: int) -> tuple[int, int] | None:
    if text[end : end + 1] != LIST_SEPARATOR:
        return None
    stop = end + 1
    while stop < len(text) and is_han(text[stop]) and stop - end - 1 < MAX_MEMBER:
        stop += 1
    return (end + 1, stop) if stop < len(text) and not is_han(text[stop]) and stop > end + 1 else None


def _with_named_object(text: str, occurrence: _Occurrence, lexicon: Lexicon, tokenizer) -> _Occurrence:
    """A known formulation that the lexicon also spells after a noun naming its object
    (双控: 能耗双控) is named with the noun before it wherever written so (碳排放双控),
    unless that noun is the last of a list (总量和强度双控)."""
    bare = occurrence.kind == "numbered" and not occurrence.quoted and text[occurrence.start : occurrence.end] == occurrence.text
    entry = lexicon.get(occurrence.text) if bare else None
    if entry is None or not any(form != entry.canonical and form.endswith(entry.canonical) for form in entry.forms):
        return occurrence
    left = max(0, occurrence.start - OBJECT_WINDOW)
    words = tokenizer.tokenize(text[left : occurrence.start], left)
    if len(words) < 2 or not words[-1].pos.startswith(OBJECT_TAGS) or len(words[-1].text) < 2:
        return occurrence
    if words[-2].text in LIST_JOINERS:
        return occurrence
    start = words[-1].start
    return _Occurrence("numbered", text[start : occurrence.end], start, occurrence.end)


def _drop_nested_numbered(occurrences: list[_Occurrence]) -> list[_Occurrence]:
    """Drop a numbered match inside a longer one (三保 of “两不愁、三保障”)."""
    numbered = sorted({(o.start, o.end) for o in occurrences if o.kind == "numbered"}, key=lambda s: (s[0], -s[1]))
    nested, reach = set(), -1
    for start, end in numbered:
        if end <= reach:
            nested.add((start, end))
        reach = max(reach, end)
    return [o for o in occurrences if o.kind != "numbered" or (o.start, o.end) not in nested]


def _group(text: str, occurrences: list[_Occurrence], lexicon: Lexicon, tokenizer) -> list[Slogan]:
    """One Slogan per (kind, text), its spans deduplicated and in text order."""
    groups: dict[tuple[str, str], list[_Occurrence]] = {}
    for occurrence in sorted(occurrences, key=lambda o: (o.start, o.end, not o.quoted)):
        groups.setdefault((occurrence.kind, occurrence.text), []).append(occurrence)
    slogans = []
    for (kind, name), group in groups.items():
        if kind == "quoted" and not any(o.quoted for o in group):
            continue
        slogan = _slogan(kind, name, _unique_spans(group), lexicon, tokenizer)
        surfaces = dict.fromkeys(text[s:e] for s, e in slogan.spans)
        slogan.variants = [surface for surface in surfaces if surface != name]
        slogans.append(slogan)
    slogans.sort(key=lambda s: (s.spans[0].start, KINDS.index(s.kind), s.text))
    return slogans


def _unique_spans(group: list[_Occurrence]) -> list[_Occurrence]:
    seen, unique = set(), []
    for occurrence in group:
        if (occurrence.start, occurrence.end) not in seen:
            seen.add((occurrence.start, occurrence.end))
            unique.append(occurrence)
    return unique


def _slogan(kind: str, text: str, group: list[_Occurrence], lexicon: Lexicon, tokenizer) -> Slogan:
    entry = lexicon.get(text) if kind in ("quoted", "numbered", "parallel") else None
    slogan = Slogan(
        text=text,
        kind=kind,
        count=len(group),
        spans=[Span(o.start, o.end) for o in group],
        gloss=entry.gloss if entry is not None and entry.canonical == text else None,
    )
    if kind == "quoted":
        slogan.subkind = quoted_subkind(text, tokenizer)
    elif kind == "numbered" and any(o.quoted for o in group):
        slogan.subkind = "quoted"  # written in quotes at least once
    elif kind == "redacted":
        slogan.contexts = [o.context or "" for o in group]
    elif kind == "parallel":
        run = next((o.run for o in group if o.run is not None), None)
        if run is not None:
            slogan.template, slogan.members = run.template, list(run.members)
        else:  # a known parallel formulation written without a shared template
            slogan.members = [text[s:e] for s, e in clauses(text)]
    return slogan
