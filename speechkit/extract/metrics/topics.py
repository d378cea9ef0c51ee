"""The topic named by the clause before a figure whose clause gives only a bare measure.

Reports often name what they speak of in a clause that states no figure, and give the
figure in the next clause or sentence with a bare measure alone:

- 推进重大工程建设，全年完成投资2400亿元 → 重大工程投资 (the object of the clause's verb);
- 教育基础设施投入不断加大。投资6349万元 → 教育基础设施投资 (the subject of the sentence before);
- 全力推进棉花和纺织服装全产业链发展，产值超2200亿元 → 棉花和纺织服装全产业链产值.

The topic is the subject of that clause (the nouns before its first verb), else the object
of its last verb, each reduced to its nouns (``noun_part``: 重大工程建设 → 重大工程). A
clause with a figure of its own is no topic: the figure's name is carried instead (see
``metrics._completed_head``). A paragraph's first clause has no clause before it.
"""

from __future__ import annotations

from ..abstract_nouns import abstract_nouns
from .structure import clause_subject, noun_part, only_modifiers
from .words import tag_words

# Marks that end a clause or a sentence; a line break ends a paragraph, beyond which the
# topic is another one.
_CLAUSE_MARKS = "，,；;。！？!?"
_SENTENCE_MARKS = "。！？!?"
# Marks of a list of examples.
_LIST_MARKS = "、等"
_PARAGRAPH_END = "\n"
# A verb of completion before the measure says that the amount was reached, not of what
# (全年完成投资).
_COMPLETING = "完成"
_VERB_TAG = "v"


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after the last mark or line break before it)."""
    return max(text.rfind(mark, 0, pos) for mark in _CLAUSE_MARKS + _PARAGRAPH_END) + 1


def _opens_clause(text: str, clause_start: int, written: int) -> bool:
    """True when nothing but times, adverbs and a verb of completion stand before the
    measure written at ``written`` in its clause (全年|完成|投资)."""
    before = text[clause_start:written].strip()
    return only_modifiers(before.removesuffix(_COMPLETING))


def _object_of_last_verb(clause: str) -> str | None:
    """The nouns of what the last verb of ``clause`` takes as its object (实施|市区道路畅通工程
    → 市区道路畅通工程), or None when it takes none."""
    tokens = tag_words(clause)
    verbs = [i for i, tag in enumerate(tokens.tags) if tag == _VERB_TAG]
    if not verbs or verbs[-1] == len(tokens.tags) - 1:
        return None
    return noun_part("".join(tokens.texts[verbs[-1] + 1 :]))


def _topic_scope(text: str, start: int) -> str:
    """What names the topic of a clause opening at ``start``: the clause before it in its
    sentence, or the whole sentence before when it opens its sentence."""
    if text[start - 1] in _SENTENCE_MARKS:
        begin = max(text.rfind(mark, 0, start - 1) for mark in _SENTENCE_MARKS + _PARAGRAPH_END) + 1
    else:
        begin = _clause_start(text, start - 1)
    return text[begin : start - 1]


def _names_one_topic(scope: str) -> bool:
    """True when ``scope`` states no figure and lists no examples (甲、乙等丙 names several
    things, none the topic of the figure after it)."""
    return bool(scope) and not any(ch.isdigit() or ch in _LIST_MARKS for ch in scope)


def topic_before(text: str, head: str, written: int, figure_end: int) -> str | None:
    """The topic named before a bare measure ``head`` written at ``written``, whose figure
    ends at ``figure_end``: when the measure opens its clause and its figure ends it, and
    the clause before (the sentence before, when the measure opens its sentence) states no
    figure and lists no examples, the nouns of that clause's subject, else of its last
    verb's object. None when there is no such clause, or its topic is an abstract noun (a
    level, a quality: 公共服务水平, 竞争力) or no longer than ``head``."""
    if written < 0 or text[figure_end : figure_end + 1] not in _CLAUSE_MARKS:
        return None
    start = _clause_start(text, written)
    if start < 2 or text[start - 1] == _PARAGRAPH_END or not _opens_clause(text, start, written):
        return None
    scope = _topic_scope(text, start)
    if not _names_one_topic(scope):
        return None
    previous = scope[_clause_start(scope, len(scope)) :]
    subject = clause_subject(previous, 0, len(previous))
    topic = noun_part(subject) if subject is not None else _object_of_last_verb(previous)
    if topic is None or len(topic) <= len(head) or topic.endswith(head):
        return None
    return None if tag_words(topic).texts[-1] in abstract_nouns() else topic
