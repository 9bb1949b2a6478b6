"""Words or phrases repeated back to back ("the the", "in the city in the city"), a
typical neural MT stutter, unless the source repeats them too."""

from __future__ import annotations

import re

import pandas as pd

from mtaudit.signals.base import Context, Signal, findings, quote_list, words

MAX_PHRASE = 5
_LEGITIMATE = {("had",), ("that",), ("is",), ("bye",), ("ha",), ("very",), ("no",)}


def repeated_phrases(text: str) -> list[str]:
    """Phrases of 1..MAX_PHRASE words that occur twice in a row."""
    tokens = [w.lower() for w in words(text)]
    found = []
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(tokens) - 2 * size + 1):
            phrase = tuple(tokens[start : start + size])
            if phrase == tuple(tokens[start + size : start + 2 * size]) and phrase not in _LEGITIMATE:
                found.append(" ".join(phrase))
    return found


def doubled_span(text: str, phrase: str) -> tuple[str, int, int] | None:
    """Where ``phrase phrase`` occurs in the text (case-insensitive)."""
    words_pattern = r"\W+".join(re.escape(w) for w in phrase.split())
    match = re.search(rf"(?<!\w)({words_pattern})\W+({words_pattern})(?!\w)", text, flags=re.IGNORECASE)
    return ("target", match.start(), match.end()) if match else None


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    risks, reasons, spans = [], [], []
    for source, target in zip(pairs["source"], pairs["target"]):
        in_source = set(repeated_phrases(source))
        stutters = [p for p in repeated_phrases(target) if p not in in_source]
        risks.append(0.9 if stutters else 0.0)
        reasons.append(f"Repeated words: {quote_list(stutters)} appear twice in a row." if stutters else "")
        spans.append([span for span in (doubled_span(target, p) for p in stutters) if span])
    return findings("repetition", pairs.index, risks, reasons, spans)


SIGNAL = Signal("repetition", "words or phrases repeated back to back", compute)
