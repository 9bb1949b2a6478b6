"""Column order shared by the file reporters: the editor's columns first, then every
signal's measurements, risks and reasons."""

from __future__ import annotations

import pandas as pd

LEADING = [
    "doc",
    "target_lang",
    "index",
    "source",
    "target",
    "risk",
    "flagged",
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
    return pairs[[c for c in LEADING if c in pairs] + rest]


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
