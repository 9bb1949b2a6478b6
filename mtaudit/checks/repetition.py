"""Words or phrases repeated back to back ("the the", "in the city in the city"), a
typical neural MT stutter. A repetition the source has too ("jawabannya: jawabannya" ->
"the answer: the answer", "selalu, selalu" -> "always, always") is faithful, and one the
writer set off with punctuation is deliberate: only a repeat separated by nothing but a
space, in a pair whose source repeats nothing, is reported. Nor is a letter's name spelled
twice where the source writes an acronym with a doubled letter: Arabic writes "SS" as
"إس إس" and "BBC" as "بي بي سي"."""

from __future__ import annotations

import re

import pandas as pd

from mtaudit.checks.base import MINOR, Check, Context, findings, quote_list
from mtaudit.languages import language

MAX_PHRASE = 5
_LEGITIMATE = {("had",), ("that",), ("is",), ("bye",), ("ha",), ("very",), ("no",)}
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_DOUBLED_LETTER_ACRONYM = re.compile(r"\b(?=[A-Z]{2,6}\b)[A-Z]*([A-Z])\1")
LETTER_NAME_LENGTH = 3  # "إس", "بي", "إن": a letter's name in another script is this short


def repeated_phrases(text: str, spaced_only: bool = True) -> list[str]:
    """Phrases of 1..MAX_PHRASE words that occur twice in a row: with only a space between
    the two (``spaced_only``), or with any punctuation between them too."""
    matches = list(_TOKEN.finditer(text))
    tokens = [m.group().lower() for m in matches]
    found = []
    for size in range(1, MAX_PHRASE + 1):
        for start in range(len(tokens) - 2 * size + 1):
            phrase = tuple(tokens[start : start + size])
            if phrase != tuple(tokens[start + size : start + 2 * size]) or phrase in _LEGITIMATE:
                continue
            gap = text[matches[start + size - 1].end() : matches[start + size].start()]
            if not spaced_only or gap.isspace():
                found.append(" ".join(phrase))
    return found


def doubled_span(text: str, phrase: str) -> tuple[str, int, int] | None:
    """Where ``phrase phrase`` occurs in the text (case-insensitive)."""
    words_pattern = r"\W+".join(re.escape(w) for w in phrase.split())
    match = re.search(rf"(?<!\w)({words_pattern})\W+({words_pattern})(?!\w)", text, flags=re.IGNORECASE)
    return ("target", match.start(), match.end()) if match else None


def spelled_acronym(phrase: str, source: str, target_lang: str) -> bool:
    """A short word repeated, in a language with a script of its own, where the source has an
    acronym with a doubled letter ("SS", "BBC", "CNN"): the letter's name spelled twice, as
    Arabic spells acronyms. A Latin-script translation keeps the acronym as it is."""
    if not language(target_lang).script or len(phrase) > LETTER_NAME_LENGTH or " " in phrase:
        return False
    return bool(_DOUBLED_LETTER_ACRONYM.search(source))


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    risks, reasons, spans = [], [], []
    for source, target in zip(pairs["source"], pairs["target"]):
        stutters = [] if repeated_phrases(source, spaced_only=False) else repeated_phrases(target)
        stutters = [phrase for phrase in stutters if not spelled_acronym(phrase, source, context.target_lang)]
        risks.append(0.9 if stutters else 0.0)
        reasons.append(f"Repeated words: {quote_list(stutters)} appear twice in a row." if stutters else "")
        spans.append([span for span in (doubled_span(target, p) for p in stutters) if span])
    return findings("repetition", pairs.index, risks, reasons, spans)


CHECK = Check("repetition", "words or phrases repeated back to back", compute, severity=MINOR, category="repetition")
