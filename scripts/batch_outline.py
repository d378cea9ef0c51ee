#!/usr/bin/env python3
"""Outlines of every speech in a folder, as Markdown and JSON files, plus one table of
all sections (speech, year, level, marker, title, characters, share) and the
structure by year.

Example: python scripts/batch_outline.py speeches/ -o outlines/
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import speechkit as sk
from speechkit.analysis import sections_frame, structure_by_year
from speechkit.extract import extract_outline
from speechkit.render import outline_to_markdown


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of speeches")
    parser.add_argument("-o", "--out", type=Path, default=Path("outlines"), help="output folder")
    args = parser.parse_args(argv)

    corpus = sk.read_corpus(args.folder)
    args.out.mkdir(parents=True, exist_ok=True)
    outlines = []
    for speech in corpus:
        outline = extract_outline(speech)
        outlines.append(outline)
        (args.out / f"{speech.id}.md").write_text(outline_to_markdown(outline), encoding="utf-8")
        (args.out / f"{speech.id}.json").write_text(json.dumps(outline.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"{speech.id}: {len(outline.sections)} top-level sections, {len(outline.warnings)} numbering warnings")
    sections_frame(corpus, outlines).to_csv(args.out / "sections.csv", index=False)
    structure_by_year(corpus, outlines=outlines).to_csv(args.out / "structure_by_year.csv", index=False)
    print(f"wrote {args.out / 'sections.csv'} and {args.out / 'structure_by_year.csv'}")


if __name__ == "__main__":
    main()
