"""Column order and number format shared by the file reporters: the editor's columns
first, then every check's measurements, risks and reasons, every measurement rounded to
PUBLISHED_DIGITS decimals.

Why round: a vector computed alone, in a batch, or read back from the cache can differ in
the last bits of a float32, which reached the 8th digit of a risk. Rounded, the CSV and JSON
of the same input are byte-identical with the cache on or off, in any chunk size, on either
engine; four decimals are far finer than any decision the numbers support."""

from __future__ import annotations

import pandas as pd

PUBLISHED_DIGITS = 4
LEADING = [
    "doc",
    "target_lang",
    "index",
    "source",
    "target",
    "risk",
    "flagged",
    "severity",
    "category",
    "reasons",
    "spans",
    "reference",
    "chrf",
    "doc_verdict",
]


def ordered(pairs: pd.DataFrame) -> pd.DataFrame:
    """Editor's columns first; each check's own span lists are left out (the combined
    ``spans`` column holds the ones behind the reasons)."""
    rest = [c for c in pairs.columns if c not in LEADING and not c.endswith("_spans")]
    table = pairs[[c for c in LEADING if c in pairs] + rest]
    floats = table.select_dtypes("floating").columns
    return table.assign(**{c: table[c].round(PUBLISHED_DIGITS) for c in floats}) if len(floats) else table


def span_text(spans: list) -> str:
    """ "numbers:source:12-17; untranslated:target:40-47" for the CSV report."""
    return "; ".join(f"{check}:{side}:{start}-{end}" for check, side, start, end in spans)


def span_records(spans: list, source: str, target: str) -> list[dict]:
    """Spans with their text, for the JSON report."""
    texts = {"source": source, "target": target}
    return [
        {"check": check, "side": side, "start": start, "end": end, "text": texts[side][start:end]}
        for check, side, start, end in spans
    ]
