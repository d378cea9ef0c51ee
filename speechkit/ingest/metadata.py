"""Metadata of a speech: from a manifest row, front matter, or the text itself."""

from __future__ import annotations

import re
from dataclasses import fields

from ..chars import HAN, IDEOGRAPHIC_SPACE, han_count
from ..numerals import parse_chinese
from ..model import Metadata

_STANDARD = ("title", "year", "date", "speaker", "org")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_KEY_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]+|标题|年份|日期|讲话人|单位)\s*[:：]\s*(.*?)\s*$")
# A YAML value: quoted (a # inside is text), or plain up to a comment (# after a space).
_QUOTED = re.compile(r"""^(["'])(.*)\1(?:\s+#.*)?$""")
_COMMENT = re.compile(r"(?:^|\s+)#.*$")
_ALIASES = {"标题": "title", "年份": "year", "日期": "date", "讲话人": "speaker", "单位": "org"}
_HEADER_LINES = 8
_YEAR_IN_LINE = re.compile(rf"((?:19|20)\d{{2}})(?=\s*年|[{HAN}])")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_SALUTATION = re.compile(r"^(同志们|各位代表|各位委员|各位领导)")
_TITLE_WORDS = ("总理", "省长", "市长", "区长", "县长", "主席", "书记", "主任", "部长", "局长", "代区长", "代市长")
_SPEAKER_LINE = re.compile(rf"^(?P<org>[{HAN}]*?)(?P<office>" + "|".join(sorted(_TITLE_WORDS, key=len, reverse=True)) + rf")[\s{IDEOGRAPHIC_SPACE}?？]*(?P<name>[{HAN}]{{2,4}})\s*$")
_SPEAKER_TAIL = re.compile("(?:" + "|".join(sorted(_TITLE_WORDS, key=len, reverse=True)) + rf")[\s{IDEOGRAPHIC_SPACE}]+(?P<name>[{HAN}]{{2,4}})\s*$")
_NAME_ONLY = re.compile(f"^[{HAN}]{{2,3}}$")
_TERMINAL = tuple("。！？；：:，,")


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Remove YAML-style front matter (``---`` … ``---``) and return it as a dict."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    values = {}
    for line in match.group(1).splitlines():
        kv = _KEY_VALUE.match(line)
        value = kv and front_matter_value(kv.group(2))
        if value:
            values[_ALIASES.get(kv.group(1), kv.group(1).lower())] = value
    return text[match.end():], values


def front_matter_value(raw: str) -> str:
    """A front-matter value as YAML reads it: quotes removed, a comment (``  # 年份``) dropped."""
    quoted = _QUOTED.match(raw)
    if quoted:
        return quoted.group(2)
    return _COMMENT.sub("", raw).strip()


def metadata_from_row(row: dict[str, str]) -> tuple[Metadata, list[str]]:
    """Metadata of a manifest row (unknown columns go to ``extra``), and the problems of the
    values dropped (see :func:`metadata_from_values`)."""
    values = {k.strip(): (v or "").strip() for k, v in row.items() if k and k.strip() != "file"}
    return metadata_from_values(values)


def metadata_from_values(values: dict[str, str]) -> tuple[Metadata, list[str]]:
    """Metadata of named values (a manifest row, front matter); unknown names go to ``extra``.

    A value that cannot be what its name says (a year that is not four digits) is
    dropped, and the problem returned with the others, one phrase each, for the caller
    to report with the file or the row.
    """
    problems = []
    meta = Metadata(extra={k: v for k, v in values.items() if k not in _STANDARD and v})
    for key in _STANDARD:
        value = values.get(key)
        if not value:
            continue
        if key == "year":
            if not re.fullmatch(r"\d{4}", value):
                problems.append(f"year {value!r} is not a four-digit year")
                continue
            setattr(meta, key, int(value))
        else:
            setattr(meta, key, value)
    return meta, problems


def merge_metadata(*sources: Metadata | None) -> Metadata:
    """Merge metadata sources, the first non-empty value of each field winning."""
    merged = Metadata()
    for source in sources:
        if source is None:
            continue
        for f in fields(Metadata):
            if f.name == "extra":
                merged.extra = {**source.extra, **merged.extra}
            elif getattr(merged, f.name) is None and getattr(source, f.name) is not None:
                setattr(merged, f.name, getattr(source, f.name))
    return merged


def header_lines(text: str, limit: int = _HEADER_LINES) -> list[str]:
    """The first non-blank lines, up to the salutation (同志们：/各位代表：)."""
    lines = []
    for line in text.split("\n"):
        line = line.strip(" \t\u3000\u2002\ufeff")
        if not line:
            continue
        if _SALUTATION.match(line) or len(lines) >= limit:
            break
        lines.append(line)
    return lines


_SPACE_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])[ {IDEOGRAPHIC_SPACE}]+(?=[{HAN}])")


def compact_han(line: str) -> str:
    """The line without spaces between Han characters: 政 府 工 作 报 告 → 政府工作报告."""
    return _SPACE_BETWEEN_HAN.sub("", line)


def infer_title(lines: list[str]) -> str | None:
    """The title: a ``title:``/``标题：`` line, else the first line that reads like one."""
    for line in lines:
        kv = _KEY_VALUE.match(line)
        if kv and _ALIASES.get(kv.group(1), kv.group(1).lower()) == "title":
            return kv.group(2)
    for line in lines[:3]:
        # A title may run on into its date line: 政府工作报告——2024年3月5日在…
        line = compact_han(line.lstrip("#").split("——")[0].strip(" \u2002\u3000"))
        han = han_count(line)
        if (
            han >= 4
            and len(line) <= 60
            and "。" not in line
            and not line.endswith(_TERMINAL)
            and not line.startswith(("—", "（", "("))
            and not _SPEAKER_LINE.match(line)
        ):
            return line
    return None


def infer_year(lines: list[str], filename: str) -> int | None:
    """The year from the header lines (2022年度…, 2023年政府工作报告, 二〇二二年), else the file name."""
    for line in lines:
        match = _YEAR_IN_LINE.search(line)
        if match:
            return int(match.group(1))
        match = _CN_YEAR.search(line)
        if match:
            return int(parse_chinese(match.group(1)))
    match = _FILE_YEAR.search(filename)
    return int(match.group(1)) if match else None


def infer_date(lines: list[str]) -> str | None:
    """The first full date in the header lines, as ISO ``YYYY-MM-DD``."""
    for line in lines:
        match = _DATE.search(line)
        if match:
            year, month, day = match.groups()
            return f"{year}-{int(month):02d}-{int(day):02d}"
    return None


def infer_speaker(lines: list[str]) -> tuple[str | None, str | None]:
    """Speaker and organisation from a line such as 国务院总理 李克强 or 习近平."""
    for line in lines:
        line = line.replace("?", " ")
        match = _SPEAKER_LINE.match(line)
        if match:
            return match.group("name"), match.group("org") or None
        # The speaker may close a line that also holds title and date
        # (政府工作报告——2024年3月5日在…会议上国务院总理 李强); the office is then
        # run together with the venue, so no organisation is taken.
        match = _SPEAKER_TAIL.search(line)
        if match:
            return match.group("name"), None
    # A name alone on the line after the date line: （2022年10月16日） / 习近平
    for previous, line in zip(lines, lines[1:]):
        if _NAME_ONLY.match(line) and _DATE.search(previous):
            return line, None
    return None, None


def infer_metadata(text: str, filename: str) -> Metadata:
    """Infer title, year, date, speaker and organisation from the text's first lines.

    Parameters
    ----------
    text : str
        The speech text.
    filename : str
        The file's name (a year in it is used when the text names none).

    Returns
    -------
    Metadata
        What could be told; the rest None.
    """
    lines = header_lines(text)
    speaker, org = infer_speaker(lines)
    return Metadata(
        title=infer_title(lines),
        year=infer_year(lines, filename),
        date=infer_date(lines),
        speaker=speaker,
        org=org,
    )
