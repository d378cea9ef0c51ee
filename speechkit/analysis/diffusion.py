"""Diffusion of formulations: when each central formulation reaches each locality.

Media and discourse studies track when a formulation (提法) first appears in the centre
and when each locality takes it up. Here:

- **The formulations** are those extracted from the reference documents (numbered,
  quoted and parallel formulations, the bundled lexicon included). Their use is then
  counted *as text* everywhere (leftmost-longest, non-overlapping, separators 、，；
  interchangeable), so a formulation first quoted in 2017 but written plainly in 2016
  counts from 2016.
- **Each locality** is the value of a metadata variable (``org`` by default; a
  ``place`` column of ``metadata.csv`` is the usual choice). For each formulation and
  locality: the first year it is used, the adoption lag in years after the reference
  set's first year (negative: the locality used it first), uses per 10,000 words, the
  last year seen, and whether it was dropped: last seen before the locality's last year.
- **Flags**: formulations a locality never used, and the locality's own formulations
  that no reference document uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import SpeechkitError
from ..extract.matcher import PhraseMatcher, phrase_key

if TYPE_CHECKING:
    from ..model import Slogan
    from ..segment import Tokenizer
    from ..speech import Speech

KINDS = ("numbered", "quoted", "parallel")
MISSING = "未注明"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


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
        By formulation text: ``kind``, and the reference set's ``first_year``,
        ``last_year`` and ``count``.
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
            rows.append({"formulation": text, "kind": info["kind"], "first_year": info["first_year"],
                         "last_year": info["last_year"], "reference_count": info["count"],
                         "localities": len(users), "share_of_localities": round(len(users) / len(self.groups), 4) if self.groups else 0.0})
        frame = pd.DataFrame(rows, columns=["formulation", "kind", "first_year", "last_year", "reference_count",
                                            "localities", "share_of_localities"])
        return _ints(frame, ("first_year", "last_year"))

    def adoption_frame(self):
        """One row per formulation and locality that used it: first use, lag, rate, last seen, dropped."""
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
                rows.append({
                    "formulation": text, self.by: _label(group), "reference_first_year": central,
                    "first_year": first, "lag": first - central if first is not None and central is not None else None,
                    "count": count, "per_10k": round(count * 1e4 / info["words"], 3) if info["words"] else 0.0,
                    "last_year": last, "dropped": bool(last is not None and info["last_year"] is not None and last < info["last_year"]),
                })
        rows.sort(key=lambda r: (r["reference_first_year"] is None, r["reference_first_year"] or 0, r["formulation"], str(r[self.by])))
        columns = ["formulation", self.by, "reference_first_year", "first_year", "lag", "count", "per_10k", "last_year", "dropped"]
        return _ints(pd.DataFrame(rows, columns=columns), ("reference_first_year", "first_year", "lag", "last_year"))

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
        return _ints(pd.DataFrame(rows, columns=["formulation", self.by, "reference_first_year"]), ("reference_first_year",))

    def local_only_frame(self):
        """The localities' own formulations, with no reference using them."""
        import pandas as pd

        frame = pd.DataFrame(self.local_only, columns=["group", "text", "kind", "first_year", "count"])
        frame = frame.rename(columns={"group": self.by, "text": "formulation"})
        return _ints(frame, ("first_year",))

    def lag_matrix(self, top: int = 30):
        """Formulations × localities of adoption lags (the lag chart's data): the ``top``
        formulations most used in the reference set, oldest first."""
        frame = self.adoption_frame()
        order = sorted(self.formulations, key=lambda t: (-self.formulations[t]["count"], t))[:top]
        order.sort(key=lambda t: (self.formulations[t]["first_year"] or 0, t))
        matrix = frame.pivot_table(index="formulation", columns=self.by, values="lag", aggfunc="first")
        columns = [_label(g) for g in _sorted_groups(self.groups)]
        return matrix.reindex(index=order, columns=columns).astype("float")


def _label(group) -> Any:
    return MISSING if group is None else group


def _sorted_groups(groups: Iterable) -> list:
    return sorted(groups, key=lambda g: (g is None, str(g)))


def _ints(frame, columns):
    for column in columns:
        frame[column] = frame[column].astype("Int64")
    return frame


def reference_formulations(references: Sequence[Speech], *, kinds: Sequence[str] = KINDS, tokenizer: Tokenizer | None = None):
    """The formulations extracted from the reference documents, by text, with their kind."""
    from ..extract.slogans.slogans import extract_slogans

    found: dict[str, str] = {}
    for speech in references:
        for slogan in extract_slogans(speech, kinds=list(kinds), tokenizer=tokenizer):
            if is_countable(slogan.text):
                found.setdefault(slogan.text, slogan.kind)
    return found


def is_countable(text: str) -> bool:
    """Whether a formulation can be counted as text: at least two Chinese characters
    (a quoted single character such as “稳” would match inside every other word)."""
    return len(_HAN.findall(text)) >= 2


def count_formulations(speech: Speech, matcher: PhraseMatcher, keys: dict[str, str]) -> dict[str, int]:
    """Occurrences of each formulation in a speech's text (see :class:`PhraseMatcher`)."""
    counts: dict[str, int] = {}
    for start, end in matcher.spans(speech.text):
        text = keys.get(phrase_key(speech.text[start:end]))
        if text is not None:
            counts[text] = counts.get(text, 0) + 1
    return counts


def trace_diffusion(
    speeches: Sequence[Speech],
    references: Sequence[Speech],
    *,
    by: str = "org",
    kinds: Sequence[str] = KINDS,
    min_reference_count: int = 1,
    tokenizer: Tokenizer | None = None,
    words: Mapping[str, int] | None = None,
    slogans: Mapping[str, Sequence[Slogan]] | None = None,
) -> DiffusionResult:
    """How the reference set's formulations travel to each locality of ``speeches``.

    Parameters
    ----------
    speeches : sequence of Speech
        Local documents (a Corpus works); localities are their values of ``by``.
    references : sequence of Speech
        Central documents: where formulations come from.
    by : str
        Metadata variable naming the locality (``org``, ``speaker``, a manifest
        column such as ``place``); speeches without a value form one group 未注明.
    kinds : sequence of str
        Kinds of formulations taken from the references.
    min_reference_count : int
        Keep formulations used at least this often in the reference set.
    tokenizer : Tokenizer, optional
        Segmentation for word counts and extraction (default: the process tokenizer).
    words, slogans : mapping by speech id, optional
        The local speeches' word counts and formulations when already known (from
        their per-speech results): then they are neither segmented nor extracted again.

    Returns
    -------
    DiffusionResult
    """
    from ..segment import count_words, get_tokenizer

    if not references:
        raise SpeechkitError("diffusion: no reference documents")
    tokenizer = tokenizer or get_tokenizer()
    extracted = reference_formulations(references, kinds=kinds, tokenizer=tokenizer)
    keys = {phrase_key(text): text for text in sorted(extracted)}
    matcher = PhraseMatcher(extracted)
    formulations: dict[str, dict[str, Any]] = {}
    for speech in references:
        for text, count in count_formulations(speech, matcher, keys).items():
            info = formulations.setdefault(text, {"kind": extracted[text], "first_year": None, "last_year": None, "count": 0})
            info["count"] += count
            if speech.year is not None:
                info["first_year"] = min(filter(None, (info["first_year"], speech.year)))
                info["last_year"] = max(filter(None, (info["last_year"], speech.year)))
    formulations = {t: formulations[t] for t in sorted(formulations) if formulations[t]["count"] >= min_reference_count}
    usage: dict[str, list[Usage]] = {}
    groups: dict[Any, dict[str, Any]] = {}
    for speech in speeches:
        group = speech.meta.get(by)
        info = groups.setdefault(group, {"speeches": 0, "words": 0, "first_year": None, "last_year": None})
        info["speeches"] += 1
        info["words"] += words[speech.id] if words is not None else count_words(speech.tokens(tokenizer))
        if speech.year is not None:
            info["first_year"] = min(filter(None, (info["first_year"], speech.year)))
            info["last_year"] = max(filter(None, (info["last_year"], speech.year)))
        for text, count in count_formulations(speech, matcher, keys).items():
            if text in formulations:
                usage.setdefault(text, []).append(Usage(speech.id, speech.year, group, count))
    local_only = _local_only(speeches, set(keys), by, kinds, tokenizer, slogans)
    return DiffusionResult(formulations, {t: usage[t] for t in sorted(usage)}, dict(groups), local_only, by)


def _local_only(speeches, reference_keys: set[str], by: str, kinds, tokenizer, known=None) -> list[dict[str, Any]]:
    """Formulations the local speeches use that no reference document contains."""
    from ..extract.slogans.slogans import extract_slogans

    found: dict[tuple[Any, str], dict[str, Any]] = {}
    for speech in speeches:
        group = speech.meta.get(by)
        if known is not None:
            own = [slogan for slogan in known[speech.id] if slogan.kind in kinds]
        else:
            own = extract_slogans(speech, kinds=list(kinds), tokenizer=tokenizer)
        for slogan in own:
            if phrase_key(slogan.text) in reference_keys or not is_countable(slogan.text):
                continue
            row = found.setdefault((group, slogan.text), {"group": _label(group), "text": slogan.text, "kind": slogan.kind,
                                                          "first_year": speech.year, "count": 0})
            row["count"] += slogan.count
            if speech.year is not None and (row["first_year"] is None or speech.year < row["first_year"]):
                row["first_year"] = speech.year
    return [found[key] for key in sorted(found, key=lambda k: (k[0] is None, str(k[0]), k[1]))]
