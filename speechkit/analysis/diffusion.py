"""Diffusion of formulations: when each central formulation reaches each locality.

Media and discourse studies track when a formulation (提法) first appears in the centre
and when each locality takes it up. Here:

- **The formulations** are the core formulations (the bundled list of
  :func:`~speechkit.extract.slogans.lexicon.load_core_formulations`, or a researcher's own: 新常态,
  供给侧结构性改革, 高质量发展 …, each with its other spellings) and those extracted from the
  reference documents (numbered, quoted and parallel formulations, the bundled lexicon
  included). An extracted formulation that is a core one, or another extracted one
  followed by a generic head (乡村振兴 + 战略), is a variant of it, one entry. Fragments
  are left out by general rules (:func:`is_fragment`): numerals alone (九五, a period's
  name), an enumeration of numeral-and-character pieces (三中、四中、五中), or a numbered
  formulation of a single 一 (一开放 of 五统一、一开放).
- **Counted as text, on word boundaries**: every spelling is found leftmost-longest
  (separators 、，； interchangeable), so a formulation first quoted in 2017 but written
  plainly in 2016 counts from 2016; a match counts only where it starts and ends on the
  segmenter's word boundaries (五中 is not found in 五中全会) and where no longer term
  the texts name as a formulation starts with it (三通 is not found in “三通两平台”).
- **Each locality** is the value of a metadata variable (``org`` by default; a
  ``place`` column of ``metadata.csv`` is the usual choice), observed from its first to
  its last document's year. For each formulation and locality: the first year it is
  used, the adoption lag in years after the reference set's first year, uses per 10,000
  words, the last year seen, and whether it was dropped: last seen before the locality's
  last year. A formulation already in the locality's first document may have been
  adopted before the window opened: its lag is at most that (``lag_text`` ``≤ L``,
  ``censored`` true). A negative lag (the locality first) is flagged
  (``before_reference``): often the reference set merely lacks the earlier years.
- **Flags**: formulations a locality never used, and the locality's own formulations
  that no reference document uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..chars import HAN
from ..corpus import group_order
from ..errors import SpeechkitError
from ..extract.matcher import PhraseMatcher, phrase_key

if TYPE_CHECKING:
    from ..extract.slogans.lexicon import Lexicon
    from ..results import Results
    from ..segment import Tokenizer
    from ..speech import Speech

KINDS = ("numbered", "quoted", "parallel")
MISSING = "未注明"
CORE = "core"
_HAN = re.compile(f"[{HAN}]")
_NUMERALS = frozenset("一二三四五六七八九十百千万零〇○两")
# Generic heads after a formulation that name the same thing (乡村振兴战略 is 乡村振兴).
VARIANT_HEADS = ("战略", "工作", "行动", "工程", "重要思想", "思想", "理念", "总体布局", "战略布局", "布局", "总基调")
_ENUMERATION = re.compile(r"[、，,；;]")
# A formulation of at most this many characters, without a separator, is one term.
TERM_CHARACTERS = 8


@dataclass(frozen=True, slots=True)
class Usage:
    """Where one formulation is used in one speech: its occurrences as text."""

    speech: str
    year: int | None
    group: Any
    count: int


@dataclass
class DiffusionResult:
    """Formulations of the reference set and their use by each locality.

    Attributes
    ----------
    formulations : dict of str to dict
        By formulation text: ``kind``, ``source`` (``core`` or ``reference``), ``forms``
        (its spellings), and the reference set's ``first_year``, ``last_year`` and ``count``.
    usage : dict of str to list of Usage
        By formulation text: its use in each local speech where it occurs.
    groups : dict
        By locality: ``{"speeches", "words", "first_year", "last_year"}``.
    local_only : list of dict
        Formulations of the local speeches that no reference uses:
        ``{"group", "text", "kind", "first_year", "count"}``.
    by : str
        The metadata variable naming localities.
    """

    formulations: dict[str, dict[str, Any]]
    usage: dict[str, list[Usage]]
    groups: dict[Any, dict[str, Any]]
    local_only: list[dict[str, Any]]
    by: str

    def formulation_frame(self):
        """One row per reference formulation: kind, first and last year, count, localities using it."""
        import pandas as pd

        rows = []
        for text, info in self.formulations.items():
            users = {u.group for u in self.usage.get(text, [])}
            rows.append({"formulation": text, "kind": info["kind"], "source": info["source"],
                         "forms": "|".join(info["forms"]), "first_year": info["first_year"],
                         "last_year": info["last_year"], "reference_count": info["count"],
                         "localities": len(users), "share_of_localities": round(len(users) / len(self.groups), 4) if self.groups else 0.0})
        frame = pd.DataFrame(rows, columns=["formulation", "kind", "source", "forms", "first_year", "last_year",
                                            "reference_count", "localities", "share_of_localities"])
        return frame.astype(dict.fromkeys(("first_year", "last_year"), "Int64"))

    def adoption_frame(self):
        """One row per formulation and locality that used it: the locality's observation
        window, first use, lag (``lag_text`` ``≤ L`` and ``censored`` when the first use is
        the window's first year), ``before_reference`` (a negative lag), rate, last seen, dropped."""
        import pandas as pd

        rows = []
        for text, usages in self.usage.items():
            central = self.formulations[text]["first_year"]
            for group in _sorted_groups({u.group for u in usages}):
                mine = [u for u in usages if u.group == group]
                years = sorted({u.year for u in mine if u.year is not None})
                info = self.groups[group]
                first, last = (years[0], years[-1]) if years else (None, None)
                count = sum(u.count for u in mine)
                lag = first - central if first is not None and central is not None else None
                censored = first is not None and first == info["first_year"]
                rows.append({
                    "formulation": text, self.by: _label(group), "window_first_year": info["first_year"],
                    "window_last_year": info["last_year"], "reference_first_year": central,
                    "first_year": first, "lag": lag, "lag_text": _lag_text(lag, censored), "censored": censored,
                    "before_reference": bool(lag is not None and lag < 0),
                    "count": count, "per_10k": round(count * 1e4 / info["words"], 3) if info["words"] else 0.0,
                    "last_year": last, "dropped": bool(last is not None and info["last_year"] is not None and last < info["last_year"]),
                })
        rows.sort(key=lambda r: (r["reference_first_year"] is None, r["reference_first_year"] or 0, r["formulation"], str(r[self.by])))
        columns = ["formulation", self.by, "window_first_year", "window_last_year", "reference_first_year", "first_year",
                   "lag", "lag_text", "censored", "before_reference", "count", "per_10k", "last_year", "dropped"]
        years = ("window_first_year", "window_last_year", "reference_first_year", "first_year", "lag", "last_year")
        return pd.DataFrame(rows, columns=columns).astype(dict.fromkeys(years, "Int64"))

    def never_adopted_frame(self):
        """Formulations of the reference set a locality never used (while it had speeches
        in or after the formulation's first year)."""
        import pandas as pd

        rows = []
        for text, info in self.formulations.items():
            users = {u.group for u in self.usage.get(text, [])}
            for group in _sorted_groups(self.groups):
                last = self.groups[group]["last_year"]
                if group in users or (info["first_year"] is not None and last is not None and last < info["first_year"]):
                    continue
                rows.append({"formulation": text, self.by: _label(group), "reference_first_year": info["first_year"]})
        return pd.DataFrame(rows, columns=["formulation", self.by, "reference_first_year"]).astype({"reference_first_year": "Int64"})

    def local_only_frame(self):
        """The localities' own formulations, with no reference using them."""
        import pandas as pd

        frame = pd.DataFrame(self.local_only, columns=["group", "text", "kind", "first_year", "count"])
        frame = frame.rename(columns={"group": self.by, "text": "formulation"})
        return frame.astype({"first_year": "Int64"})

    def lag_matrix(self, top: int = 30):
        """Formulations × localities of adoption lags (the lag chart's data): of the
        formulations some locality uses, the ``top`` most used in the reference set,
        oldest first (a row no locality fills is left out)."""
        return self._matrix("lag", top).astype("float")

    def censored_matrix(self, top: int = 30):
        """The cells of :meth:`lag_matrix` whose lag is only a bound (``censored``)."""
        return self._matrix("censored", top).fillna(False).astype(bool)

    def _matrix(self, column: str, top: int):
        frame = self.adoption_frame()
        used = set(frame["formulation"])
        order = sorted((t for t in self.formulations if t in used), key=lambda t: (-self.formulations[t]["count"], t))[:top]
        order.sort(key=lambda t: (self.formulations[t]["first_year"] or 0, t))
        matrix = frame.pivot_table(index="formulation", columns=self.by, values=column, aggfunc="first")
        columns = [_label(g) for g in _sorted_groups(self.groups)]
        return matrix.reindex(index=order, columns=columns)


def _lag_text(lag: int | None, censored: bool) -> str | None:
    """A lag as read: ``3``, or ``≤ 3`` when the window opened with the formulation in use."""
    if lag is None:
        return None
    return f"≤ {lag}" if censored else str(lag)


def _label(group) -> Any:
    return MISSING if group is None else group


def _sorted_groups(groups: Iterable) -> list:
    return sorted(groups, key=group_order)


def reference_formulations(references: Sequence[Speech], *, kinds: Sequence[str] = KINDS, tokenizer: Tokenizer | None = None):
    """The formulations extracted from the reference documents, by text, with their kind
    (fragments left out: see :func:`is_fragment`)."""
    from ..extract.slogans.slogans import extract_slogans

    found: dict[str, str] = {}
    for speech in references:
        for slogan in extract_slogans(speech, kinds=list(kinds), tokenizer=tokenizer):
            if is_countable(slogan.text) and not is_fragment(slogan.text, slogan.kind):
                found.setdefault(slogan.text, slogan.kind)
    return found


def is_countable(text: str) -> bool:
    """Whether a formulation can be counted as text: at least two Chinese characters
    (a quoted single character such as “稳” would match inside every other word)."""
    return len(_HAN.findall(text)) >= 2


def is_fragment(text: str, kind: str = "") -> bool:
    """Whether an extracted formulation is a piece of something else, not a formulation:
    numerals alone (九五 of 九五普法: a period's name, not a formulation), an enumeration
    whose members hold fewer than two Chinese characters other than numerals each
    (三中、四中、五中 of 三中、四中、五中全会), or a numbered formulation whose only numeral
    is one 一 (一开放 of 五统一、一开放): numbered formulations sum up several things
    (一带一路 names two).

    Examples
    --------
    >>> [is_fragment(t) for t in ("九五", "十三五", "三中、四中、五中", "三通", "高质量发展")]
    [True, True, True, False, False]
    >>> is_fragment("一开放", "numbered"), is_fragment("一带一路", "numbered")
    (True, False)
    """
    def words(piece: str) -> int:
        return sum(1 for ch in _HAN.findall(piece) if ch not in _NUMERALS)

    if not words(text):
        return True
    members = [m for m in _ENUMERATION.split(text) if m]
    if len(members) > 1 and all(words(m) < 2 for m in members):
        return True
    numerals = [ch for ch in text if ch in _NUMERALS]
    return kind == "numbered" and numerals == ["一"]


def count_formulations(speech: Speech, matcher: PhraseMatcher, keys: dict[str, str], *,
                       boundaries: set[int] | None = None, longer: Mapping[str, Sequence[str]] | None = None) -> dict[str, int]:
    """Occurrences of each formulation in a speech's text (see :class:`PhraseMatcher`).

    Parameters
    ----------
    matcher : PhraseMatcher
        Every spelling to find.
    keys : dict of str to str
        The :func:`~speechkit.extract.matcher.phrase_key` of each spelling to its formulation.
    boundaries : set of int, optional
        The offsets of the speech's word boundaries: a match must start and end on one.
    longer : mapping of str to sequence of str, optional
        By spelling key, the longer formulations that start with it: a match where one of
        them starts is part of that one (三通 in 三通两平台), not counted.
    """
    text = speech.text
    counts: dict[str, int] = {}
    for start, end in matcher.spans(text):
        key = phrase_key(text[start:end])
        formulation = keys.get(key)
        if formulation is None:
            continue
        if boundaries is not None and (start not in boundaries or end not in boundaries):
            continue
        if longer is not None and any(text.startswith(other, start) for other in longer.get(key, ())):
            continue
        counts[formulation] = counts.get(formulation, 0) + 1
    return counts


def word_boundaries(speech: Speech, tokenizer: Tokenizer) -> set[int]:
    """The offsets where the speech's words start or end."""
    tokens = speech.tokens(tokenizer)
    starts = list(tokens.starts) if hasattr(tokens, "starts") else [t.start for t in tokens]
    return {*starts, len(speech.text)}


def formulation_entries(core: Lexicon, extracted: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The entries traced: the core formulations, then the extracted ones that are neither a
    spelling of an entry nor an entry followed by a generic head (:data:`VARIANT_HEADS`),
    which join that entry's spellings. Each ``{"kind", "source", "forms"}``."""
    entries: dict[str, dict[str, Any]] = {}
    owner: dict[str, str] = {}
    for entry in core.entries:
        entries[entry.canonical] = {"kind": entry.kind, "source": CORE, "forms": list(entry.forms)}
        for form in entry.forms:
            owner.setdefault(phrase_key(form), entry.canonical)
    # Shorter first, so 乡村振兴 is an entry before 乡村振兴战略 is found to extend it.
    for text in sorted(extracted, key=lambda t: (len(t), t)):
        key = phrase_key(text)
        if key in owner:
            continue
        base = next((owner[key[: -len(head)]] for head in VARIANT_HEADS
                     if key.endswith(head) and key[: -len(head)] in owner), None)
        if base is not None:
            entries[base]["forms"].append(text)
            owner[key] = base
        else:
            entries[text] = {"kind": extracted[text], "source": "reference", "forms": [text]}
            owner[key] = text
    return entries


def is_term(text: str) -> bool:
    """Whether a formulation is short enough to be one term (at most :data:`TERM_CHARACTERS`
    characters, no separator), so that a formulation starting inside it is a homonym (三通 of
    三通两平台), not a use (高质量发展 of “高质量发展是首要任务”)."""
    return len(text) <= TERM_CHARACTERS and not _ENUMERATION.search(text)


def longer_formulations(spellings: Sequence[str], known: set[str]) -> dict[str, list[str]]:
    """By spelling key, the ``known`` formulations that start with it and are longer."""
    keys = {phrase_key(s) for s in spellings}
    longer: dict[str, list[str]] = {}
    for other in sorted(known):
        other_key = phrase_key(other)
        for end in range(2, len(other_key)):
            if other_key[:end] in keys:
                longer.setdefault(other_key[:end], []).append(other)
    return longer


def trace_diffusion(
    results: Results,
    references: Sequence[Speech],
    *,
    locality: str = "org",
    kinds: Sequence[str] = KINDS,
    min_reference_count: int = 1,
    tokenizer: Tokenizer | None = None,
    core: Lexicon | None = None,
) -> DiffusionResult:
    """How the core formulations and the reference set's own travel to each locality (the
    diffusion tables of ``analyze --reference``).

    The local documents' word counts and own formulations come from their results; the
    formulations are counted in their texts, within word boundaries.

    Parameters
    ----------
    results : Results
        Local documents with their results (:meth:`speechkit.Corpus.results`);
        localities are their values of ``locality``.
    references : sequence of Speech
        Central documents: where formulations come from.
    locality : str
        Metadata variable naming the locality (``org``, ``speaker``, a manifest
        column such as ``place``); speeches without a value form one group 未注明.
    kinds : sequence of str
        Kinds of formulations taken from the references.
    min_reference_count : int
        Keep formulations used at least this often in the reference set (a core
        formulation the references never use is traced too: its reference year is unknown).
    tokenizer : Tokenizer, optional
        Segmentation for word boundaries and the references' formulations (default: the
        process tokenizer; give the one the results were made with).
    core : Lexicon, optional
        The core list (default: the bundled one; ``Lexicon([])`` traces the
        reference's formulations alone).

    Returns
    -------
    DiffusionResult
    """
    from ..extract.slogans.lexicon import load_core_formulations
    from ..segment import get_tokenizer

    if not references:
        raise SpeechkitError("diffusion: no reference documents")
    tokenizer = tokenizer or get_tokenizer()
    core = core if core is not None else load_core_formulations()
    extracted = reference_formulations(references, kinds=kinds, tokenizer=tokenizer)
    entries = formulation_entries(core, extracted)
    keys = {phrase_key(form): text for text, entry in entries.items() for form in entry["forms"]}
    spellings = [form for entry in entries.values() for form in entry["forms"]]
    speeches = results.speeches
    own = {speech.id: [(slogan.text, slogan.kind, slogan.count) for slogan in result.slogans if slogan.kind in kinds]
           for speech, result in results.pairs()}
    named = {*extracted, *(text for found in own.values() for text, _, _ in found)}
    longer = longer_formulations(spellings, {text for text in named if is_term(text)})
    matcher = PhraseMatcher(spellings)

    def counted(speech: Speech) -> dict[str, int]:
        return count_formulations(speech, matcher, keys, boundaries=word_boundaries(speech, tokenizer), longer=longer)

    formulations: dict[str, dict[str, Any]] = {
        text: {"kind": entry["kind"], "source": entry["source"], "forms": tuple(entry["forms"]),
               "first_year": None, "last_year": None, "count": 0} for text, entry in entries.items()}
    for speech in references:
        for text, count in counted(speech).items():
            info = formulations[text]
            info["count"] += count
            if speech.year is not None:
                info["first_year"] = min(filter(None, (info["first_year"], speech.year)))
                info["last_year"] = max(filter(None, (info["last_year"], speech.year)))
    formulations = {t: formulations[t] for t in sorted(formulations)
                    if formulations[t]["count"] >= min_reference_count or formulations[t]["source"] == CORE}
    usage: dict[str, list[Usage]] = {}
    groups: dict[Any, dict[str, Any]] = {}
    for speech, result in results.pairs():
        group = speech.meta.get(locality)
        info = groups.setdefault(group, {"speeches": 0, "words": 0, "first_year": None, "last_year": None})
        info["speeches"] += 1
        info["words"] += result.words
        if speech.year is not None:
            info["first_year"] = min(filter(None, (info["first_year"], speech.year)))
            info["last_year"] = max(filter(None, (info["last_year"], speech.year)))
        for text, count in counted(speech).items():
            if text in formulations:
                usage.setdefault(text, []).append(Usage(speech.id, speech.year, group, count))
    # A core formulation neither the references nor the localities use says nothing.
    formulations = {t: info for t, info in formulations.items() if info["count"] or t in usage}
    local_only = _local_only(speeches, own, set(keys), locality)
    return DiffusionResult(formulations, {t: usage[t] for t in sorted(usage)}, dict(groups), local_only, locality)


def _local_only(speeches, own: Mapping[str, list[tuple[str, str, int]]], reference_keys: set[str], by: str) -> list[dict[str, Any]]:
    """Formulations the local speeches use that no reference document contains."""
    found: dict[tuple[Any, str], dict[str, Any]] = {}
    for speech in speeches:
        group = speech.meta.get(by)
        for text, kind, count in own[speech.id]:
            if phrase_key(text) in reference_keys or not is_countable(text) or is_fragment(text, kind):
                continue
            row = found.setdefault((group, text), {"group": _label(group), "text": text, "kind": kind,
                                                   "first_year": speech.year, "count": 0})
            row["count"] += count
            if speech.year is not None and (row["first_year"] is None or speech.year < row["first_year"]):
                row["first_year"] = speech.year
    return [found[key] for key in sorted(found, key=lambda k: (group_order(k[0]), k[1]))]
