#!/usr/bin/env python3
"""Write the officialese function-word list (speechkit/data/officialese.txt).

The list holds the words of official prose that carry grammar, stance or exhortation
rather than a subject: they fill every report alike, so they crowd keyword lists and
word clouds without saying anything about a year or a document. It is built from two
sources, each written into the file under its own heading:

1. **Parts of speech** (jieba's dictionary, the segmenter's own tags): every entry of at
   least two characters tagged adverb (d), conjunction (c), pronoun (r), preposition (p)
   or auxiliary (u) with a dictionary frequency of at least ``--min-frequency``; and every
   verb entry of a grammatical pattern: verb + 于 (在于, 立足于, 有利于), potential
   complements (离不开, 少不了, 经得起) and demonstrative + verb (这是).
2. **A reviewed list** (below, by category): light verbs (进行, 加以, 予以), modal and
   auxiliary verbs (只能, 能够, 应当), copula fusions the segmenter makes (这是, 也是,
   就是), adverbial verbs of exhortation (严加, 切实, 着力) and relational verbs (具有,
   成为, 作为) that the dictionary tags as verbs or nouns.

Example: python scripts/build_officialese.py > speechkit/data/officialese.txt
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

FUNCTION_TAGS = {"d": "adverbs", "c": "conjunctions", "r": "pronouns", "p": "prepositions", "u": "auxiliaries"}
# Verb + preposition 于, potential complements, demonstrative + verb: grammar, not subject.
VERB_PATTERNS = re.compile(r"(^.+于$)|(^.+(不开|不了|得了|不得|不起|得起|不到|得到)$)|(^[这那].+$)")
# Content verbs of the reports the pattern catches by form only (得到 is also 'to obtain').
NOT_FUNCTION = {"得到", "达到", "受到", "看到", "想到", "办到", "做到", "找到", "来到", "遇到", "赶到"}

REVIEWED = {
    "light verbs (形式动词): carry an action named by their object": [
        "进行", "加以", "予以", "给予", "给以", "作出", "做出", "开展了", "加强了", "实施了", "有所", "作为",
    ],
    "modal and auxiliary verbs": [
        "只能", "能够", "可以", "应该", "应当", "必须", "需要", "务必", "须要", "得以", "值得", "难以", "足以",
        "不能", "不会", "可能", "愿意", "不得不", "不可", "不够", "要求", "旨在", "力争", "确保",
    ],
    "copula and adverb fusions the segmenter makes": [
        "这是", "那是", "也是", "都是", "就是", "还是", "正是", "而是", "只是", "便是", "即是", "乃是", "则是",
        "更是", "仍是", "才是", "总是", "均是", "就要", "也要", "都要", "还要", "更要", "要把", "把握住", "这就",
        "就是说", "这就是", "也就是", "这也是", "这些", "那些", "这样", "这种", "这次", "这一",
    ],
    "adverbial verbs of exhortation": [
        "严加", "切实", "着力", "大力", "努力", "积极", "坚决", "认真", "扎实", "全力", "尽快", "狠抓", "抓好",
        "抓紧", "用好", "做好", "搞好", "抓住", "持续", "不断", "进一步", "更加", "继续", "充分", "全面", "深入",
        "广泛", "有效", "有力", "稳步", "加快", "加大", "着眼", "立足", "坚持不懈", "毫不动摇",
    ],
    "relational verbs: link two subjects without being one": [
        "具有", "成为", "属于", "包括", "存在", "有着", "使得", "离不开", "在于", "立足于", "致力于", "有利于",
        "有助于", "取决于", "着眼于", "得益于", "做到", "体现", "意味着",
    ],
}


def dictionary_words(path: Path, min_frequency: int) -> dict[str, list[str]]:
    """Entries of jieba's dictionary by heading: function parts of speech and verb patterns."""
    found: dict[str, list[str]] = {name: [] for name in FUNCTION_TAGS.values()}
    found["verbs of a grammatical pattern (verb + 于, potential complement, demonstrative + verb)"] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split()
        if len(word) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
            continue
        if tag in FUNCTION_TAGS and int(frequency) >= min_frequency:
            found[FUNCTION_TAGS[tag]].append(word)
        elif tag == "v" and VERB_PATTERNS.match(word) and word not in NOT_FUNCTION:
            found["verbs of a grammatical pattern (verb + 于, potential complement, demonstrative + verb)"].append(word)
    return found


def main(argv=None) -> None:
    import jieba

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-frequency", type=int, default=500, help="dictionary frequency of the function-tag entries")
    args = parser.parse_args(argv)
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    print("# speechkit officialese function words (官话虚词): left out of keyword lists, word clouds,")
    print("# trend terms and the corpus co-occurrence graph. Written for speechkit by")
    print("# scripts/build_officialese.py (see its docstring): one word a line, # starts a comment.")
    print("# Sources: (1) jieba's dictionary entries tagged adverb, conjunction, pronoun, preposition")
    print(f"# or auxiliary (frequency >= {args.min_frequency}) and verbs of a grammatical pattern; (2) a reviewed")
    print("# list of light, modal, copula, exhortative and relational verbs.")
    print("# Override: speechkit analyze/keywords/wordcloud --officialese FILE (an empty file keeps every word).")
    seen: set[str] = set()
    sections = {**{f"reviewed: {k}": v for k, v in REVIEWED.items()},
                **{f"dictionary: {k}": v for k, v in dictionary_words(dictionary, args.min_frequency).items()}}
    for heading, words in sections.items():
        fresh = [w for w in dict.fromkeys(words) if w not in seen]
        seen.update(fresh)
        print(f"\n# {heading}")
        print("\n".join(fresh))


if __name__ == "__main__":
    main()
