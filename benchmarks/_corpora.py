"""The scale benchmark's corpora: copies of the documents in ../shared/data (real, provinces,
genres and the seed), each with its own year, title and shuffled paragraph order (deterministic),
so a content-hash cache cannot dedupe them.

Copy ``i`` is the same in every corpus, so a smaller corpus is a prefix of a larger one. A built
corpus is kept beside a stamp naming what it was built from; asked for again, it is reused.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from _common import GENRES, PROVINCES, REAL, SEED

FIRST_YEAR, YEARS = 2000, 26  # copies spread over 2000-2025, so year tables have 26 columns
SPEECH_BYTES = 30_000  # a copy keeps whole paragraphs up to about this size: ~3 MB per 100 speeches
SHUFFLE_SEED = "speechkit-bench"
# Part of every stamp: a change to how copies are made rebuilds the cached corpora.
BUILDER_VERSION = 2


def source_documents() -> list[Path]:
    """The documents copies are made of: the .txt files of ../shared/data/real, provinces and
    genres, and the seed speech, taken in turn from each folder (each in name order), so that even
    a small corpus mixes national, provincial and local documents of every genre."""
    folders = [sorted(folder.glob("*.txt")) for folder in (REAL, PROVINCES, GENRES)] + [[SEED]]
    return [path for turn in itertools.zip_longest(*folders) for path in turn if path is not None]


def file_name(number: int) -> str:
    """The file of copy ``number`` (from 0) in every corpus."""
    return f"speech-{number + 1:05d}.txt"


@dataclass(frozen=True)
class Source:
    """A source document split once for all its copies: its title line, its other
    non-empty lines (the paragraphs) and each paragraph's UTF-8 size."""

    title: str
    paragraphs: tuple[str, ...]
    sizes: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Source:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return cls(lines[0], tuple(lines[1:]), tuple(len(line.encode("utf-8")) for line in lines[1:]))


def copy_of(source: Source, number: int, speech_bytes: int = SPEECH_BYTES) -> tuple[int, str, str]:
    """Copy ``number`` of ``source``: its year, its title and its text.

    The title line is replaced by one naming the copy; the paragraphs after it are shuffled
    with a seed of their own and kept whole up to about ``speech_bytes`` bytes of UTF-8.
    """
    year = FIRST_YEAR + number % YEARS
    title = f"{source.title}（第{number + 1}份，{year}年）"
    order = list(range(len(source.paragraphs)))
    random.Random(f"{SHUFFLE_SEED}-{number}").shuffle(order)
    kept, size = [], len(title.encode("utf-8"))
    for index in order:
        if kept and size >= speech_bytes:
            break
        kept.append(source.paragraphs[index])
        size += source.sizes[index] + 1
    return year, title, "\n".join([title, "", *kept]) + "\n"


def read_sources() -> list[Source]:
    """Every source document, split (see :class:`Source`)."""
    return [Source.of(path.read_text(encoding="utf-8")) for path in source_documents()]


def build_corpus(count: int, folder: Path, speech_bytes: int = SPEECH_BYTES) -> int:
    """Write ``count`` copies and their ``metadata.csv`` (file, year, title) into ``folder``.

    Copy ``i`` is made of source ``i mod len(sources)``. Returns the bytes of text written.
    """
    sources = read_sources()
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as handle:
        manifest = csv.writer(handle)
        manifest.writerow(["file", "year", "title"])
        for number in range(count):
            year, title, text = copy_of(sources[number % len(sources)], number, speech_bytes)
            name = file_name(number)
            data = text.encode("utf-8")
            with open(folder / name, "wb") as speech:
                speech.write(data)
            written += len(data)
            manifest.writerow([name, year, title])
    return written


def corpus_stamp(count: int, speech_bytes: int = SPEECH_BYTES) -> str:
    """What a corpus of ``count`` copies is built from: the builder's version, the copy
    size and every source document's name and bytes, hashed."""
    digest = hashlib.sha256(f"{BUILDER_VERSION}:{count}:{speech_bytes}".encode())
    for path in source_documents():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cached_corpus(count: int, folder: Path, speech_bytes: int = SPEECH_BYTES) -> tuple[int, bool]:
    """:func:`build_corpus` into ``folder`` unless the stamp beside it (``folder.built``) says
    the same corpus is already there. Returns the bytes of text and whether it was built."""
    stamp_file = folder.with_name(folder.name + ".built")
    stamp = corpus_stamp(count, speech_bytes)
    if stamp_file.exists() and folder.is_dir():
        kept = json.loads(stamp_file.read_text(encoding="utf-8"))
        if kept.get("stamp") == stamp:
            return kept["bytes"], False
    # A corpus half-written by an interrupted build, or made by another version, is built again from nothing.
    stamp_file.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    written = build_corpus(count, folder, speech_bytes)
    stamp_file.write_text(json.dumps({"stamp": stamp, "bytes": written}), encoding="utf-8")
    return written, True
