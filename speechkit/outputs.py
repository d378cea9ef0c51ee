"""Writers for the files of ``speechkit analyze``: tables as CSV and JSON."""

from __future__ import annotations

from pathlib import Path


def write_frame(frame, path: Path) -> list[Path]:
    """Write a DataFrame as ``path`` (.csv) and its JSON twin (records, UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    json_path = path.with_suffix(".json")
    json_path.write_text(frame.to_json(orient="records", force_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [path, json_path]


def frequency_frame(results, ids, corpus):
    """Long table of content-word counts: speech, year, term, count, per 10,000 tokens."""
    import pandas as pd

    rows = []
    for sid, speech, result in zip(ids, corpus, results):
        total = max(result["tokens"], 1)
        rows += [
            {"speech": sid, "year": speech.year, "term": term, "count": count, "per_10k": round(count * 1e4 / total, 3)}
            for term, count in result["frequencies"]
        ]
    frame = pd.DataFrame(rows, columns=["speech", "year", "term", "count", "per_10k"])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def frequency_by_year(results, corpus):
    """Content-word counts per year with the rate per 10,000 tokens of that year."""
    import pandas as pd

    counts, totals = {}, {}
    for speech, result in zip(corpus, results):
        if speech.year is None:
            continue
        totals[speech.year] = totals.get(speech.year, 0) + result["tokens"]
        bucket = counts.setdefault(speech.year, {})
        for term, count in result["frequencies"]:
            bucket[term] = bucket.get(term, 0) + count
    rows = [
        {"year": year, "term": term, "count": count, "per_10k": round(count * 1e4 / max(totals[year], 1), 3)}
        for year in sorted(counts)
        for term, count in sorted(counts[year].items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return pd.DataFrame(rows, columns=["year", "term", "count", "per_10k"])


def write_outputs(corpus, ids, results, out: Path, options) -> list[Path]:
    """Write every per-speech and corpus file of a run; return their paths."""
    written: list[Path] = []
    written += write_frame(corpus.to_frame().assign(id=ids), out / "tables" / "corpus.csv")
    frequencies = frequency_frame(results, ids, corpus)
    for sid in ids:
        written += write_frame(
            frequencies[frequencies["speech"] == sid].drop(columns=["speech", "year"]),
            out / "speeches" / sid / "frequencies.csv",
        )
    written += write_frame(frequencies, out / "tables" / "frequencies.csv")
    written += write_frame(frequency_by_year(results, corpus), out / "tables" / "frequencies_by_year.csv")
    return written
