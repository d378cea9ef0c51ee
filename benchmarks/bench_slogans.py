"""Slogan extraction on adversarial quotes: linear time, side by side with a naive regex.

Three texts per size (0.25, 0.5, 1 and 2 MB of UTF-8), built from the seed speech:

- ``paragraphs``: the seed repeated, one unbalanced “ at the very start and every
  closing ” removed, so no quote of the text is balanced;
- ``one line``: the same with the line breaks removed too: a single paragraph and a
  single sentence-free run of the whole size, the worst case for pairing;
- ``quotes``: distinct short quotes (“甲乙丙”，…), each a slogan of its own whose
  unquoted repetitions are looked for: the worst case for the repetition matcher,
  whose phrase set grows with the text.

Ours is the whole of ``extract_slogans`` (quotes, titles, parallel runs, numbered
formulations, lexicon). The baseline is a naive regex: for the first two texts the
pattern ``“(.*?)”`` that many scripts use for quotes (on unbalanced openers each one
scans to the end of the text); for ``quotes`` the search for every quoted phrase
again with one alternation of all of them (``甲乙丙|丁戊己|…``, longest first), how
repetitions were found before the phrase matcher (PhraseMatcher).
Ours is the best of three runs, the baseline one run. The ratio per doubling is the
time at a size over the time at half that size: about 2 for linear time, about 4 for
quadratic. The baseline stops once one run exceeds ``BASELINE_LIMIT`` seconds.

A second table times every extracting command (segment, outline, slogans, metrics,
placeholders) on every kind of adversarial text (the three above and ``no punctuation``:
the real documents with every punctuation mark and line break removed, one sentence of
the whole size), one run each, with the same ratio per doubling.

Run: python3 benchmarks/bench_slogans.py [--commands-only]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import best_of, repeated_seed  # noqa: E402

from speechkit.extract import load_lexicon  # noqa: E402
from speechkit import extract_slogans  # noqa: E402
from speechkit import get_tokenizer  # noqa: E402
from speechkit import Speech  # noqa: E402

SIZES = (0.25, 0.5, 1.0, 2.0)
BASELINE_LIMIT = 20.0
NAIVE_QUOTE = re.compile(r"“(.*?)”", re.S)


# Characters of the distinct quotes: the CJK ideographs, numerals left out, so that
# the quotes open with ever more different characters as the text grows.
_QUOTE_CHARS = "".join(c for c in map(chr, range(0x4E00, 0x9FA6)) if c not in "一二三四五六七八九十百千万两")


def distinct_quotes(megabytes: float) -> str:
    """Short quotes of three to six characters that are all different, ten to a sentence."""
    size = int(megabytes * 1_000_000)
    base = len(_QUOTE_CHARS)
    parts, length, number = [], 0, 0
    while length < size:
        digits, value = [], number
        for _ in range(3 + number % 4):
            value, digit = divmod(value, base)
            digits.append(_QUOTE_CHARS[digit])
        part = "“" + "".join(digits) + "”" + ("。\n" if number % 10 == 9 else "，")
        parts.append(part)
        length += len(part.encode("utf-8"))
        number += 1
    return "".join(parts)


_PUNCTUATION = re.compile(r"[\s，。、；：？！“”‘’（）《》【】—…·,.;:?!()\\[\\]\"']+")


def texts(megabytes: float) -> dict[str, str]:
    unbalanced = "“" + repeated_seed(megabytes).replace("”", "")
    return {"paragraphs": unbalanced, "one line": unbalanced.replace("\n", ""), "quotes": distinct_quotes(megabytes),
            "no punctuation": _PUNCTUATION.sub("", repeated_seed(megabytes))}


def commands(tokenizer, lexicon) -> dict:
    """Each extracting command's work on a text."""
    from speechkit import extract_metrics
    from speechkit import extract_placeholders
    from speechkit import extract_outline

    return {
        "segment": lambda text: len(tokenizer.tokenize(text)),
        "outline": lambda text: len(extract_outline(Speech(text), keywords=0).sections),
        "slogans": lambda text: ours(text, lexicon, tokenizer),
        "metrics": lambda text: len(extract_metrics(Speech(text))),
        "placeholders": lambda text: len(extract_placeholders(Speech(text))),
    }


def command_table(tokenizer, lexicon) -> None:
    """Seconds of every command on every adversarial text, and the ratio per doubling."""
    work = commands(tokenizer, lexicon)
    print(f"\n{'text':<15}{'command':<13}" + "".join(f"{size:>9.2f}MB" for size in SIZES) + "   x/doubling")
    cache = {size: texts(size) for size in SIZES}
    for name in cache[SIZES[0]]:
        for command, run in work.items():
            times = [best_of(lambda: run(cache[size][name])) for size in SIZES]
            ratios = " ".join(_ratio(b, a) for a, b in zip(times, times[1:]))
            print(f"{name:<15}{command:<13}" + "".join(f"{t:>11.3f}" for t in times) + f"   {ratios}")


def ours(text: str, lexicon, tokenizer) -> int:
    return len(extract_slogans(Speech(text), lexicon=lexicon, tokenizer=tokenizer))


def naive(name: str, text: str) -> int:
    if name != "quotes":
        return sum(1 for _ in NAIVE_QUOTE.finditer(text))
    phrases = sorted({match.group(1) for match in NAIVE_QUOTE.finditer(text)}, key=len, reverse=True)
    alternation = re.compile("|".join(map(re.escape, phrases)))
    return sum(1 for _ in alternation.finditer(text))


def main() -> None:
    lexicon, tokenizer = load_lexicon(), get_tokenizer()
    ours("“热身", lexicon, tokenizer)  # load the dictionaries outside the timings
    if "--commands-only" in sys.argv[1:]:
        command_table(tokenizer, lexicon)
        return
    print(f"{'text':<11}{'MB':>6}{'chars':>10}{'ours s':>9}{'x/doubling':>11}{'naive s':>10}{'x/doubling':>11}{'naive/ours':>11}")
    for name in ("paragraphs", "one line", "quotes"):
        previous_ours = previous_naive = None
        naive_stopped = False
        for size in SIZES:
            text = texts(size)[name]
            ours_time = best_of(lambda: ours(text, lexicon, tokenizer), repeat=3)
            naive_time = None if naive_stopped else best_of(lambda: naive(name, text))
            naive_stopped = naive_stopped or (naive_time is not None and naive_time > BASELINE_LIMIT)
            print(
                f"{name:<11}{size:>6.2f}{len(text):>10,}{ours_time:>9.3f}{_ratio(ours_time, previous_ours):>11}"
                f"{_fmt(naive_time):>10}{_ratio(naive_time, previous_naive):>11}"
                f"{_ratio(naive_time, ours_time):>11}"
            )
            previous_ours, previous_naive = ours_time, naive_time
    command_table(tokenizer, lexicon)


def _fmt(value: float | None) -> str:
    return "skipped" if value is None else f"{value:.3f}"


def _ratio(value: float | None, base: float | None) -> str:
    return "" if value is None or not base else f"{value / base:.2f}"


if __name__ == "__main__":
    main()
