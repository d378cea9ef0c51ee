"""The structure of a count's clause, read from the segmenter's parts of speech.

In the order *number, noun, predicate* (4个园区入围百强, 八千多万农业转移人口成为城镇居民,
80%的中小学纳入教联体) the count is of the things that did what the predicate says, and a
careful reader names it so: 入围百强的园区, 成为城镇居民的农业转移人口 (the event, then the
noun). A count of people followed directly by a verb (2人当选院士) is a count of the
event: 当选院士. Members listed with 、 before one predicate share it (93.7%的领导干部、
92.8%的普通干部对反腐败表示有信心; see ``metrics._distribute_shared_predicate``).

The same tags find the subject that opens a clause before its verb (``opening_subject``),
the nouns of a name without its verbs (``noun_part``), the class a list of examples names
(``named_class``: 甲、乙等丙) and the words that only modify a verb (``only_modifiers``),
with which ``metrics`` completes an indicator that is a bare head.

Tags are jieba's (see :mod:`speechkit.segment`): a verb is ``v*``; an adjective or an
adverb before a verb (稳定脱贫, 普遍前移) and a preposition whose phrase a verb follows
(对反腐败表示有信心) open the predicate as well.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...chars import is_han
from .indicators import BARE_HEAD, PERIOD, QUALIFIERS
from .words import tag_words

# How far after a count the noun and its predicate are read.
EVENT_WINDOW = 36
# How far before a count its verb is looked for.
VERB_WINDOW = 8
_PREDICATE_TAGS = frozenset({"v", "vd", "vi", "a", "ad", "d"})
_PASSIVE = "被"
# Words that end no noun phrase: particles, conjunctions, prepositions, numerals and
# measure words, pronouns, punctuation.
_NOT_NOUN_TAGS = frozenset({"uj", "ul", "uz", "ug", "uv", "ud", "u", "c", "p", "m", "mq", "q", "r", "x", "w", "f", "t"})
# Words that may stand between a verb and its count (开行超过3万列, 召开了七次全会), and
# the existential 有 (共有12个项目获奖: no verb takes the count as its object).
_BETWEEN = frozenset({*QUALIFIERS, "了", "共", "累计", "合计", "总计", "共计", "有", "共有", "现有", "已有", "还有", "另有"})
_TRAILING = ("了", "的")
_PERFECTIVE = "了"
_CLAUSE_MARKS = frozenset("，,；;。！？!?：:、（）()\n")
_CLAUSE_SPLIT = re.compile(r"[，,；;：:（）()]")
# How many clauses before a figure are searched for a subject, and its shortest length.
_SUBJECT_CLAUSES = 2
_SUBJECT_SHORTEST = 3
# Besides verbs, a preposition or a fixed expression (稳步增长 is tagged as an idiom)
# ends the subject.
_PREDICATE_OPENERS = frozenset({"p", "i", "l"})
_CONJUNCTIONS = frozenset({"和", "与", "及", "以及"})
# Words that modify a noun after them and end no noun phrase: distinguishing words
# (省级, 国家级) and verbal nouns used as modifiers (标准化就业驿站).
_MODIFIER_TAGS = frozenset({"b", "vn"})
# Words skipped before a subject: times, numbers, pronouns, connectives, quotes.
_OPENING_SKIPPED = frozenset({"t", "m", "mq", "q", "r", "c", "x", "w", "f", "d"})
_QUOTES = frozenset("“”‘’")
# The segmenter's tag of a locative (上, 内, 中), which ends a noun phrase.
_LOCATIVE = "f"
# The segmenter's tag of a person's name, which it also gives some verbs (通达).
_NAME_TAG = "nr"
# Words that may modify the first noun of an event's noun phrase (征收安置|问题项目, 新|就业|群体,
# 相对集中居住|农户, 二线|口岸).
_EVENT_NOUN_MODIFIERS = frozenset({"v", "vn", "a", "ad", "d", "b", "m"})
# Adverbs that say when or whether, not what: left out of a verb's name.
_ASPECT = frozenset({"已", "已经", "都", "均", "也", "还", "又", "共", "全部", "分别", "正在", "将", "要", "已然"})
# Words of accumulation that name a running total with their verb (累计开行).
_ACCUMULATING = frozenset({"累计", "共计", "合计"})
# 甲、乙等丙: the examples of a class end with this particle.
_EXAMPLES_END = "等"


def _is_predicate(text: str, tag: str) -> bool:
    return tag in _PREDICATE_TAGS or text == _PASSIVE


def _is_noun(text: str, tag: str) -> bool:
    return not _is_predicate(text, tag) and tag not in _NOT_NOUN_TAGS and not tag.startswith("u")


def read_event(text: str, start: int, end: int, *, people: bool = False) -> str | None:
    """The event reading of what follows a count at ``text[start:end]`` (see the module
    docstring), or None when the words there are not a noun and its predicate ending
    the clause.

    ``people`` allows a predicate with no noun before it (2人当选院士 → 当选院士).
    """
    stop = _clause_stop(text, start, min(end + 1, start + EVENT_WINDOW, len(text)))
    if stop is None:
        return None  # the predicate would be cut: no reading beats a wrong one
    tokens = tag_words(text[start:stop])
    words, tags = tokens.texts, _names_as_verbs(tokens.texts, tokens.tags, people=people)
    if people and words and words[0] != _PASSIVE and tags[0] == "v":
        return _predicate(words)
    # The noun phrase ends where its predicate begins: the last noun-to-predicate step
    # whose predicate has at least two words (农业转移人口|成为城镇居民, not 农业|转移…;
    # 蔬菜|获得…认证, not …标志|认证).
    split = None
    for i in range(1, len(words) - 1):
        if split is None and _joins_nouns(words, tags, i - 1):
            continue  # 地方和园区|开展…: nouns joined by 和 are one noun phrase
        if not _is_noun(words[i - 1], tags[i - 1]):
            if not _is_predicate(words[i - 1], tags[i - 1]):
                break  # 背街巷道的综合改造: the noun phrase is over before a predicate begins
            continue
        # A preposition opens the predicate only where no verb came before it.
        preposition = tags[i] == "p" and split is None
        if tags[i - 1] in _MODIFIER_TAGS:
            continue  # 省级|审批事项…: a modifier ends no noun phrase
        passive = words[i] == _PASSIVE  # 被 opens a predicate whatever follows (被立案审查)
        if passive or ((_is_predicate(words[i], tags[i]) or preposition) and _opens_predicate(tags, i)):
            split = i
    last = len(words) - 1
    if split is None and last > 0 and _is_closing_verb(words[last], tags[last]) and all(map(_is_noun, words[:last], tags[:last])):
        split = last  # 涉案人员|严肃处理: one verb that ends the clause after the nouns
    if split is None or not _is_noun(words[0], tags[0]):
        return None
    predicate = _predicate(words[split:])
    noun = words[:split]
    while len(noun) > 1 and noun[-1] in _ASPECT:
        noun = noun[:-1]  # 民生实事|全部|如期完成: 全部 says how many did it, not what
    return None if predicate is None else predicate + "的" + "".join(noun)


def event_of_phrase(phrase: str) -> str | None:
    """The event reading of a whole clause read after a count, ``phrase``, where the tags
    kept ``read_event`` from it: a noun phrase (the words that modify its first noun, verbs
    among them: 征收安置|问题项目, then nouns, in quotation marks or not: “二线口岸”), then a
    predicate of at least two words to the clause's end, opened by a verb, by an adjective
    or adverb before a verb or a preposition (稳定|在世界一流水平), or by a word read as a
    name right after the nouns (乔迁, tagged nr). 征收安置问题项目整改交付 → 整改交付的征收安置问题项目;
    None when the words are not so read (a time or a preposition inside the nouns: 险工险段|汛前;
    a noun followed by a verb inside the predicate)."""
    words, tags = _words_and_tags(phrase)
    i = 0
    while i < len(words) and (tags[i] in _EVENT_NOUN_MODIFIERS or words[i] in "“‘"):
        i += 1
    first = i
    while i < len(words) and (words[i] in _QUOTES or _is_noun(words[i], tags[i]) and not (tags[i] == _NAME_TAG and i > first)):
        i += 1
    noun = "".join(words[:i])
    named = any(tags[k] != "x" for k in range(first, i))
    if not named or len(words) - i < 2 or not _opens_event_predicate(tags, i) or noun.count("“") != noun.count("”"):
        return None
    if any(_is_noun(words[k], tags[k]) and tags[k + 1] == "v" for k in range(i, len(words) - 1)):
        return None  # 农业|转移人口成为…: a noun then a verb again, the noun phrase runs on
    predicate = _predicate(list(words[i:]))
    return predicate + "的" + noun if predicate is not None and len(noun) >= BARE_HEAD else None


def _opens_event_predicate(tags: tuple[str, ...], i: int) -> bool:
    """A verb, a name-tagged word (a verb the segmenter does not know), or an adjective or
    adverb followed by a verb or a preposition."""
    following = tags[i + 1] if i + 1 < len(tags) else None
    return tags[i] in ("v", _NAME_TAG) or (tags[i] in ("a", "ad", "d") and following in ("v", "p"))


def opens_clause(words_before: str) -> bool:
    """True when nothing that could take a count as its object stands before it in its
    clause, ``words_before``: marks, adverbs, times, a locative (上|千万) and qualifiers
    (力争, 约) only."""
    words, tags = _words_and_tags(words_before)
    return all(
        not word.strip() or tag in ("x", "w", "d", "t", _LOCATIVE) or word in QUALIFIERS or only_modifiers(word)
        for word, tag in zip(words, tags)
    )


def _joins_nouns(words, tags, i: int) -> bool:
    """True when the word at ``i`` is a conjunction between two nouns (地方|和|园区)."""
    return (
        0 < i < len(words) - 1 and words[i] in _CONJUNCTIONS and tags[i] == "c"
        and _is_noun(words[i - 1], tags[i - 1]) and _is_noun(words[i + 1], tags[i + 1])
    )


def _names_as_verbs(words: list[str], tags: list[str], *, people: bool) -> list[str]:
    """The tags with a person's name read as a verb right after a count of people, where
    no name stands (15人|荣获: the segmenter gives the tag to some verbs it does not know)."""
    return ["v" if i == 0 and people and tag == _NAME_TAG else tag for i, tag in enumerate(tags)]


def _is_closing_verb(word: str, tag: str) -> bool:
    """True for a verb or fixed expression longer than two characters (严肃处理, 依法查处)
    that ends a clause after a noun: a name does not end a clause after a noun, so a
    name-tagged word is a verb the segmenter does not know; a two-character verb may be a
    word cut from the noun phrase (标志|认证)."""
    return (tag in ("v", _NAME_TAG) or tag in _PREDICATE_OPENERS - {"p"}) and len(word) > BARE_HEAD


def _opens_predicate(tags: list[str], i: int) -> bool:
    """A verb, an adverb or adjective before a verb (稳定脱贫, 加快推进), or a preposition
    whose phrase a verb follows (对反腐败表示有信心)."""
    if tags[i] == "p":
        return "v" in tags[i + 1 :]
    return tags[i] == "v" or (i + 1 < len(tags) and tags[i + 1] == "v")


def _clause_stop(text: str, start: int, end: int) -> int | None:
    """Where the clause after ``start`` ends (its punctuation mark), if in ``[start, end)``."""
    for pos in range(start, end):
        if text[pos] in _CLAUSE_MARKS:
            return pos
    return None


def _predicate(words: list[str]) -> str | None:
    """The predicate without a trailing particle nor the aspect particle 了 (实现了 names
    what 实现 does); None when it holds 的 (a relative clause: the count is of something
    else) or punctuation."""
    phrase = "".join(word for word in words if word != _PERFECTIVE)
    while phrase.endswith(_TRAILING):
        phrase = phrase[:-1]
    if "的" in phrase or not all(is_han(ch) or ch.isalnum() or ch in _QUOTES for ch in phrase):
        return None
    if phrase.count("“") != phrase.count("”") or phrase.count("‘") != phrase.count("’"):
        return None  # cut inside a quotation: 被命名为“全国双拥模范城（县）”
    return phrase if len(phrase) >= 2 else None


def verb_before(text: str, floor: int, start: int, *, verbal_nouns: bool = False) -> str | None:
    """The verb that takes a count at ``start`` as its object (出台25条 → 出台), if any,
    read in ``text[floor:start]`` over qualifiers (超过, 近, 累计).

    With ``verbal_nouns`` a verbal noun right before the count is its verb too (布局建设|10家:
    a noun does not take a count of things after it)."""
    floor = max(floor, start - VERB_WINDOW)
    if floor >= start:
        return None
    tokens = tag_words(text[floor:start])
    for word, tag in zip(reversed(tokens.texts), reversed(tokens.tags)):
        if word in _BETWEEN:
            continue
        return word if tag.startswith("v") and len(word) >= 2 and (verbal_nouns or tag != "vn") else None
    return None


def verb_at_start(text: str) -> bool:
    """True when ``text`` begins with a verb for the segmenter (完成投资)."""
    tokens = tag_words(text)
    return bool(tokens.tags) and tokens.tags[0] == "v"


def clause_subject(text: str, start: int, end: int) -> str | None:
    """The subject of the nearest clause of ``text[start:end]`` that has one: the nouns
    (joined by 和/与/及/、) that open a clause before its first verb or adverb
    (社区干部生活补贴和环卫工人工资标准|逐年提高, 社会物流总额|保持稳定增长)."""
    clauses = [c for c in _CLAUSE_SPLIT.split(text[start:end]) if c]
    for clause in reversed(clauses[-_SUBJECT_CLAUSES:]):
        subject = _opening_nouns(clause)
        if subject is not None:
            return subject
    return None


def _opening_nouns(clause: str) -> str | None:
    return opening_subject(clause)[0]


def opening_subject(clause: str, *, shortest: int = _SUBJECT_SHORTEST) -> tuple[str | None, int]:
    """The nouns that open ``clause`` before its first verb, and the offset in
    ``clause`` where its predicate begins: ``(None, 0)`` when the clause opens with no
    such subject of at least ``shortest`` characters or has no predicate.

    A word the segmenter reads as a person's name right after a noun opens the
    predicate: names do not follow a noun inside a subject (中欧班列|通达, tagged nr)."""
    tokens = tag_words(clause)
    words: list[str] = []
    predicate = None
    for word, tag, start in zip(tokens.texts, tokens.tags, tokens.starts):
        if not words and (tag in _OPENING_SKIPPED or not word.strip()):
            continue  # 2020年, “十三五”期间, 其中: time and connectives before the subject
        if _is_predicate(word, tag) or tag in _PREDICATE_OPENERS or (tag == _NAME_TAG and words):
            predicate = start
            break
        if not (_is_noun(word, tag) or (words and (tag == "c" or word == "、"))):
            return None, 0
        words.append(word)
    if predicate is None:
        return None, 0  # no verb: the clause is no subject and predicate
    while words and not _is_noun(words[-1], "n" if words[-1] not in "和与及、" else "c"):
        words.pop()
    subject = "".join(words)
    return (subject, predicate) if len(subject) >= shortest else (None, 0)


def noun_part(name: str) -> str | None:
    """The nouns of an indicator without the verbs that open it and the predicate that
    ends it (引进纺织服装项目 → 纺织服装项目, 粮食生产 → 粮食: a verbal noun after the nouns
    names the activity, not the thing), or None when fewer than two characters are left.
    A verb inside stays (老旧小区改造项目); a locative ends the nouns (低效用地|上图入库)."""
    words, tags = _words_and_tags(name)
    begin, end = 0, len(words)
    while begin < end and tags[begin] == "v":
        begin += 1
    end = next((i for i in range(begin + 1, end) if tags[i] == _LOCATIVE), end)
    while end - 1 > begin and (_is_predicate(words[end - 1], tags[end - 1]) or tags[end - 1] == "vn"):
        end -= 1
    noun = "".join(words[begin:end])
    return noun if len(noun) >= BARE_HEAD and all(is_han(ch) or ch in _QUOTES or ch == "、" for ch in noun) else None


def leading_words(text: str) -> str:
    """``text`` without its aspect words (已, 都, 还: see ``leading_adverbs``)."""
    words, _ = _words_and_tags(text)
    return "".join(word for word in words if word not in _ASPECT)


def only_modifiers(text: str) -> bool:
    """True when ``text`` holds nothing but marks, adverbs, times and totals: no word
    that a verb after it could be the object of (全年|开行, 、|竣工; not 带动|消费)."""
    words, tags = _words_and_tags(text)
    return all(
        not word.strip() or tag in ("x", "w", "d", "t") or word in _ASPECT or word in _ACCUMULATING
        or PERIOD.fullmatch(word) is not None  # 全年 (tagged as a numeral)
        for word, tag in zip(words, tags)
    )


def leading_adverbs(text: str) -> str:
    """The adverbs that end ``text`` and modify the verb after it (实施|再 → 再开发,
    |累计 → 累计开行); aspect words (已, 都, 还) say nothing of what was done."""
    words, tags = _words_and_tags(text)
    kept = ""
    for word, tag in zip(reversed(words), reversed(tags)):
        if word in _ASPECT or not (tag == "d" or word in _ACCUMULATING):
            break
        kept = word + kept
    return kept


def coordinated_parts(name: str) -> list[str]:
    """The members of a name joined by 、 or a conjunction (和, 与, 及, 以及) where the
    segmenter reads it as a word: 普及率 holds 及 but joins nothing."""
    parts, current = [], []
    for word, tag in zip(*_words_and_tags(name)):
        if word == "、" or (word in _CONJUNCTIONS and tag == "c"):
            parts.append("".join(current))
            current = []
        else:
            current.append(word)
    parts.append("".join(current))
    return [part for part in parts if part]


def named_class(name: str) -> str:
    """The class a name ends with when the members before it are examples of it:
    新一代信息技术、海工装备、新能源等工业战略性新兴产业重点项目 counts the projects of the
    class after 等, not the members listed (a list of two or more, for the segmenter)."""
    words, tags = _words_and_tags(name)
    for i in range(len(words) - 1, 0, -1):
        if words[i] == _EXAMPLES_END and tags[i].startswith("u"):
            examples, named = "".join(words[:i]), "".join(words[i + 1 :])
            if len(named) >= BARE_HEAD and len(coordinated_parts(examples)) > 1:
                return named
            break
    return name


@lru_cache(maxsize=4096)
def _words_and_tags(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    # The rules below read the same names and phrases many times over (each indicator
    # through several of them): their words are segmented once, kept as tuples (read-only).
    tokens = tag_words(text)
    return tuple(tokens.texts), tuple(tokens.tags)


def distinguishing_word(text: str) -> str:
    """The word that opens ``text`` when the segmenter reads it as a distinguishing word
    (国家级, 省级: the level of what follows), else ``""``."""
    words, tags = _words_and_tags(text)
    return words[0] if words and tags[0] == "b" else ""


def after_first_verb(name: str) -> str:
    """What follows the first verb of ``name`` when it opens with a modifier ending in that
    verb (社会散居|孤儿最低养育标准 → 孤儿最低养育标准), or ``""``: the thing its action is of."""
    words, tags = _words_and_tags(name)
    verb = next((i for i, tag in enumerate(tags) if tag == "v"), None)
    rest = "".join(words[verb + 1 :]) if verb is not None else ""
    return rest if len(rest) >= BARE_HEAD and all(map(is_han, rest)) else ""


def names_an_action(name: str) -> bool:
    """True when ``name`` is verbs and verbal nouns only (集中养育): a way of doing, which a
    list shares with the thing the last member names."""
    _, tags = _words_and_tags(name)
    return bool(tags) and all(tag in ("v", "vn", "vd", "ad", "d") for tag in tags) and tags[-1] in ("v", "vn")


def measure_tail(name: str) -> str:
    """What ``name`` measures of the nouns that open it: from its first verb to its end
    (污水|治理率 → 治理率), or ``""`` when it opens with no noun or holds no verb."""
    words, tags = _words_and_tags(name)
    for i, (word, tag) in enumerate(zip(words, tags)):
        if tag == "v":
            tail = "".join(words[i:])
            return tail if i > 0 and len(tail) > len(word) else ""
        if not tag.startswith("n") and tag != "vn":
            return ""
    return ""


def is_nominal(name: str) -> bool:
    """True when every word of ``name`` is a noun or a verbal noun (生活垃圾)."""
    _, tags = _words_and_tags(name)
    return bool(tags) and all(tag.startswith("n") or tag == "vn" for tag in tags)


def is_noun_phrase(name: str) -> bool:
    """True when no word of ``name`` predicates, counts or joins for the segmenter: places,
    abbreviations and idioms stand in a noun phrase (城北|污水|处理厂|扩建工程)."""
    words, tags = _words_and_tags(name)
    return bool(words) and all(map(_is_noun, words, tags))


def ends_with_verb(text: str) -> bool:
    """True when the last word of ``text`` is a verb for the segmenter (整体提升)."""
    _, tags = _words_and_tags(text)
    return bool(tags) and tags[-1] == "v"


def opening_verb(predicate: str) -> str:
    """The verb that opens ``predicate`` (a name-tagged word counts, as in ``opening_subject``),
    or ``""``."""
    words, tags = _words_and_tags(predicate)
    return words[0] if words and tags[0] in ("v", _NAME_TAG) and all(map(is_han, words[0])) else ""


def first_word(text: str) -> str:
    """The first word of ``text`` for the segmenter (占世界 → 占; 占比 is a word of its own)."""
    words, _ = _words_and_tags(text)
    return words[0] if words else ""


def is_verbal(word: str) -> bool:
    """True when ``word`` is one verb or verbal noun for the segmenter (巡视, 改造)."""
    words, tags = _words_and_tags(word)
    return len(words) == 1 and tags[0] in ("v", "vn")


def strip_between(predicate: str) -> str:
    """``predicate`` without the qualifiers and totals that may stand between a verb and
    its count (召开了, 共有, 超过: see ``_BETWEEN``) or open it (共签约引进)."""
    words = list(_words_and_tags(predicate)[0])
    while words and (words[-1] in _BETWEEN or words[-1] in _TRAILING):
        words.pop()
    while words and (words[0] in _BETWEEN or words[0] in _ASPECT):
        words.pop(0)  # 园区共签约引进: the total is said by the number
    return "".join(words)


# Tags of words that predicate or modify but name no thing (加快, 继续安排, 省级统筹实施).
_NAMING_NOTHING = frozenset({"v", "vd", "d", "ad", "a", "b"})


def names_nothing(phrase: str) -> bool:
    """True when every word of ``phrase`` is a verb, an adverb, an adjective or a
    distinguishing word for the segmenter: a predicate without the thing it acts on."""
    _, tags = _words_and_tags(phrase)
    return bool(tags) and all(tag in _NAMING_NOTHING for tag in tags)


def is_lone_verb(phrase: str) -> bool:
    """True when ``phrase`` is one verb for the segmenter (开行, 筹措): no indicator alone."""
    words, tags = _words_and_tags(phrase)
    return len(words) == 1 and tags[0] == "v"
