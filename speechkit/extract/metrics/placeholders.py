"""Redaction marks: where a template replaced a number, a name, a date or a slogan.

Redacted versions of speeches replace what they hide with ``*``, ``**``, full-width
``＊``, ``×``/``××``, ``X``/``XX``, ``○○`` or ``□□``. A run of one mark is one
placeholder. Its ``kind`` says what was hidden:

- ``slogan``: inside quotation marks (“*”战略);
- ``date``: before 年/月/日/号 or between date parts (*月*日, *月底);
- ``number``: before a unit or counter of the unit table (*亿元, *个, *%) or before
  以上/以下/以内/左右, right after 增长/下降/完成/超过 and the like where the clause
  ends (增长*，), or joined by 、/和/至/－ to a number before it (3.9%和*, *－*);
- ``name``: anything else — a person, place, organisation, plenary session or
  industry (省委*全会, *书记, **对口帮扶**, 金属智造、**、新材料).

Marks that are not redactions are skipped: ``*`` as a bullet or footnote at the start
of a line, ``×`` between two numbers (2×35万千瓦), ``○`` as the zero of a Chinese
numeral (二○二○年, 一九八○年), ``×`` closing a quoted name (“数据要素×”), ``X``
inside a code or name (“415X”, 1+X证书, 双尖双领+X), and Markdown emphasis
(``**bold**``) in Markdown documents or around a whole line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ...chars import FULLWIDTH_DIGITS, FULLWIDTH_LETTERS, is_han
from ...extractors import Extractor
from ...numerals import CN_DIGITS
from ...model import Placeholder
from ...text import balanced_pairs
from ..scan import finditer
from .numbers import CN_NUMERAL_CHARS
from .units import UnitTable, default_units

if TYPE_CHECKING:
    from ...speech import Speech

KINDS = ("number", "name", "slogan", "date")
RUN = re.compile(r"[*＊]+|[×✕]+|[XxＸｘ]+|[○〇]+|□+")
_QUOTE_OPENERS = frozenset("“‘「『\"")
_QUOTE_CLOSERS = frozenset("”’」』\"")
_LINE_START_SPACE = " \t\u3000"
# After a line-start asterisk, these make it a bullet or footnote marker.
_FOOTNOTE_AFTER = re.compile(r"[\s\d]|注|说明|备注|数据|资料|来源")
_CODE_NEIGHBOURS = frozenset("+＋-_./&@#")
# Digits that make × a multiplication sign; ○ is left out, being a redaction mark too.
_DIGITS = frozenset("0123456789０１２３４５６７８９") | (frozenset(CN_DIGITS) - frozenset("○〇"))
_NUMERAL_NEIGHBOURS = frozenset(CN_NUMERAL_CHARS) | _DIGITS
# Either side of a multiplication sign: a digit, or a number redacted with asterisks.
_FACTORS = _DIGITS | frozenset("*＊")
_DATE_AFTER = ("年", "月", "日", "号")
_NUMBER_AFTER_WORDS = re.compile(
    r"(?:增长|增加|下降|降低|减少|提高|提升|上涨|上升|回落|扩大|缩小|完成|达到|增速|增幅|占比|比重|完成率"
    r"|超过|稳定在|保持在|控制在|低于|高于|为|达)"
    r"(?:了|到|至|为)?$"
)
_CONTEXT = 20
# Words that follow a quantity, not a name: *以上, *左右.
_QUANTITY_AFTER = ("以上", "以下", "以内", "左右")
# Between two numbers of a range or a list: 3.9%和*, *－*, 增长*、*.
_NUMBER_JOINERS = frozenset("、和至到－-～~—")
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_MARKDOWN_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_EMPHASIS_PAIR = re.compile(r"(?<![*＊])(\*\*|\*)(?=[^\s*])([^*\n]{1,200}?)(?<=[^\s*])\1(?![*＊])")
_EMPHASIS_LINE = re.compile(r"^[ \t\u3000]*(\*\*)[^*\n]+(\*\*)[ \t\u3000]*$", re.MULTILINE)


def extract_placeholders(speech: Speech, *, markdown: bool | None = None, units: UnitTable | None = None) -> list[Placeholder]:
    """Every redaction mark of a speech, in text order.

    Parameters
    ----------
    speech : Speech
    markdown : bool, optional
        Treat ``*text*`` and ``**text**`` as Markdown emphasis. By default this is
        decided from the file (a ``.md`` suffix or Markdown headings).
    units : UnitTable, optional
        The unit table that makes a mark a ``number`` (default: the bundled one).

    Returns
    -------
    list of Placeholder
        ``speech.text[p.start:p.end] == p.text`` for each.
    """
    text = speech.text
    units = units or default_units()
    if markdown is None:
        markdown = is_markdown(text, speech.path)
    emphasis = _emphasis_offsets(text, markdown)
    quoted = _quoted_mask(text)
    found: list[Placeholder] = []
    for start, end in placeholder_spans(text, emphasis):
        kind = classify(text, start, end, units, quoted[start])
        if kind == "name" and _joined_to_a_number(text, start, found[-1] if found else None):
            kind = "number"
        found.append(Placeholder(text[start:end], kind, start, end, context(text, start, end)))
    return found


def _joined_to_a_number(text: str, start: int, previous: Placeholder | None) -> bool:
    """The mark follows a number and one joiner of a range or list (3.9%和*, *－*)."""
    if start < 2 or text[start - 1] not in _NUMBER_JOINERS:
        return False
    before = text[start - 2]
    if previous is not None and previous.end == start - 1:
        return previous.kind == "number"
    return before == "%" or before in _DIGITS


def is_markdown(text: str, path: Path | None = None) -> bool:
    """True for a Markdown document: a ``.md`` file or a text with ``#`` headings."""
    if path is not None and Path(path).suffix.lower() in _MARKDOWN_SUFFIXES:
        return True
    return _MARKDOWN_HEADING.search(text) is not None


def placeholder_spans(text: str, emphasis: frozenset[int] = frozenset()) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each redaction run, skipping marks that are not redactions.

    ``emphasis`` holds offsets of asterisks that are Markdown emphasis delimiters.
    """
    for match in finditer(RUN, text):
        start, end = match.span()
        mark = text[start]
        if mark in "*＊":
            if start in emphasis or _is_bullet_or_footnote(text, start, end):
                continue
            if _between_digits(text, start, end, ascii_only=True):
                continue  # 2*3: multiplication
        elif mark in "×✕":
            if (_between_digits(text, start, end) or _multiplies_a_redacted_number(text, start, end)
                    or _closes_operator_name(text, start, end)):
                continue
        elif mark in "○〇":
            if _touches_numeral(text, start, end):
                continue
        elif mark in "XxＸｘ" and _touches_code(text, start, end):
            continue
        yield start, end


def classify(text: str, start: int, end: int, units: UnitTable, in_quotes: bool) -> str:
    """The kind of the placeholder ``text[start:end]`` (see the module docstring)."""
    if in_quotes:
        return "slogan"
    after = text[end : end + 1]
    before = text[start - 1 : start]
    if after in _DATE_AFTER and not text.startswith(("年来", "年度", "号召"), end):
        return "date"
    if before in ("年", "月") and after in ("月", "日", "号"):
        return "date"
    pos = end + 1 if after in "多余" and after else end
    unit = units.match(text, pos)
    if unit is not None:
        return "number"
    if text.startswith(_QUANTITY_AFTER, end):
        return "number"
    if after in "×✕" and _multiplies_a_redacted_number(text, end, end + 1):  # *×2万千瓦: a factor
        return "number"
    # After 增长/达到…, a number ends its clause (增长*，); a word goes on (提升*管理能力).
    if _NUMBER_AFTER_WORDS.search(text, max(0, start - 5), start) and not is_han(after):
        return "number"
    return "name"


def context(text: str, start: int, end: int, width: int = _CONTEXT) -> str:
    """Up to ``width`` characters either side of ``[start, end)``, within its line."""
    line_start = text.rfind("\n", max(0, start - width), start) + 1
    left = max(line_start, start - width)
    line_end = text.find("\n", end, end + width)
    right = min(len(text), end + width) if line_end < 0 else line_end
    return text[left:right]


def _is_bullet_or_footnote(text: str, start: int, end: int) -> bool:
    # Only blanks may stand between the line's start and the mark; walking back over
    # them (not searching for the newline) keeps a long line linear.
    before = start
    while before > 0 and text[before - 1] in _LINE_START_SPACE:
        before -= 1
    if before > 0 and text[before - 1] != "\n":
        return False
    return end >= len(text) or text[end] == "\n" or _FOOTNOTE_AFTER.match(text, end) is not None


def _between_digits(text: str, start: int, end: int, ascii_only: bool = False) -> bool:
    if start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    if ascii_only:
        return before.isascii() and before.isdigit() and after.isascii() and after.isdigit()
    return before in _DIGITS and after in _DIGITS


def _multiplies_a_redacted_number(text: str, start: int, end: int) -> bool:
    """A single × between two factors, one of them a number redacted with asterisks
    (2×*万千瓦, *×2): the multiplication sign stays when the number beside it is blanked."""
    if end - start != 1 or start == 0 or end >= len(text):
        return False
    sides = text[start - 1] + text[end]
    return all(side in _FACTORS for side in sides) and any(side in "*＊" for side in sides)


def _touches_numeral(text: str, start: int, end: int) -> bool:
    """A ○ run is the zero of a numeral between two numeral characters (二○二○, 一百○五)
    or closing a year (一九八○年); one numeral on one side only (达到○万亿元, ○○八项) is
    a redaction beside a magnitude or a word."""
    before, after = text[start - 1 : start], text[end : end + 1]
    if not before or before not in _NUMERAL_NEIGHBOURS:
        return False
    return bool(after) and after in _NUMERAL_NEIGHBOURS or (before in _DIGITS and after == "年")


def _touches_code(text: str, start: int, end: int) -> bool:
    """An X next to a Latin letter, a digit or a joining sign is part of a name or code."""
    for ch in (text[start - 1 : start], text[end : end + 1]):
        if ch and (ch in _CODE_NEIGHBOURS or (ch.isascii() and ch.isalnum()) or _is_fullwidth_alnum(ch)):
            return True
    return text.startswith(("光", "射线"), end)


_FULLWIDTH_ALNUM = re.compile(f"[{FULLWIDTH_DIGITS}{FULLWIDTH_LETTERS}]")


def _is_fullwidth_alnum(ch: str) -> bool:
    # Full-width digits and letters only: the block between them holds ；：？ and the like.
    return _FULLWIDTH_ALNUM.match(ch) is not None


def _closes_operator_name(text: str, start: int, end: int) -> bool:
    """A single × after a word and before a closing quotation mark is an operator in a
    name, as + is in “人工智能+”: “数据要素×”."""
    return (end - start == 1 and start > 0 and text[end : end + 1] in _QUOTE_CLOSERS
            and text[start - 1] not in _QUOTE_OPENERS)


def _emphasis_offsets(text: str, markdown: bool) -> frozenset[int]:
    """Offsets of asterisks that are Markdown emphasis delimiters.

    In a Markdown document every ``*text*`` or ``**text**`` within a line is emphasis;
    elsewhere only ``**…**`` around a whole line (a bold heading) is.
    """
    offsets: set[int] = set()
    pattern = _EMPHASIS_PAIR if markdown else _EMPHASIS_LINE
    for match in pattern.finditer(text):
        width = len(match.group(1))
        closer = match.end(2) if markdown else match.start(2)
        offsets.update(range(match.start(1), match.start(1) + width))
        offsets.update(range(closer, closer + width))
    return frozenset(offsets)


def _quoted_mask(text: str) -> bytearray:
    """1 at each character inside a balanced pair of quotation marks."""
    mask = bytearray(len(text))
    for open_, close in balanced_pairs(text):
        if text[open_] in _QUOTE_OPENERS:
            mask[open_ + 1 : close] = b"\x01" * (close - open_ - 1)
    return mask


# The redaction marks of each speech (speechkit analyze: placeholders.json, tables/placeholders).
PLACEHOLDERS = Extractor("placeholders", Placeholder, reads=("speech",), extract=extract_placeholders)
