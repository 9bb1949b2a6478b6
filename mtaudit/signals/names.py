"""Names that do not match: a person or place in the translation that the source never
mentions, or one in the source that the translation drops.

Names are kept as written in news translation between Latin-script languages ("Joko
Widodo", "Pekalongan"). A name here is a capitalised word inside a sentence that is not a
very common word of its language (wordfreq), so translated titles ("Presiden" ->
"President") are not mistaken for names; near spellings count as the same name ("Jawa" and
"Java"), and title-case headlines are skipped. Scripts that transliterate names
(Chinese, Japanese, Arabic) are not judged.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pandas as pd

from mtaudit.signals.base import (
    CALENDAR_WORDS,
    Context,
    Finding,
    Signal,
    mismatch_reason,
    mismatch_spans,
    pairwise,
    word_frequency,
    words,
)

# Zipf frequency (in its own language) above which a capitalised word is an ordinary word.
# Stricter for the translation, where institution names are translated into ordinary
# capitalised words ("Badan Pangan Nasional" -> "National Food Agency").
COMMON_IN_SOURCE = 5.0
COMMON_IN_TARGET = 4.0
SAME_NAME = 0.6  # spelling similarity at which two names count as one (Jawa/Java, Amerika/America)
LATIN = re.compile(r"^[A-Za-zÀ-ÿ'’-]+$")


def names(text: str, lang: str, common: float = COMMON_IN_SOURCE) -> set[str]:
    """Capitalised words inside a sentence that are not ordinary words of ``lang``."""
    tokens = words(text)
    if not any(w[:1].islower() and len(w) >= 4 for w in tokens):
        return set()  # a title-case headline: only short function words are lower-case
    found = set()
    for position, word in enumerate(tokens):
        if position == 0 or not word[:1].isupper() or not LATIN.match(word) or len(word) < 3 or word.isupper():
            continue
        lower = word.lower()
        if lower not in CALENDAR_WORDS and (word_frequency(lower, lang) or 0.0) < common:
            found.add(word)
    return found


def _appears_in(name: str, text: str) -> bool:
    """The name, or a near spelling of it, occurs in the other text."""
    lower = name.lower()
    if lower in text.lower():
        return True
    return any(SequenceMatcher(None, lower, w.lower()).ratio() >= SAME_NAME for w in words(text) if w[:1].isupper())


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    def check(source: str, target: str) -> Finding:
        added = sorted(n for n in names(target, context.target_lang, COMMON_IN_TARGET) if not _appears_in(n, source))
        dropped = sorted(n for n in names(source, context.source_lang) if not _appears_in(n, target))
        risk = 0.9 if added and dropped else 0.5 if added else 0.3 if dropped else 0.0
        return risk, mismatch_reason("Names disagree", dropped, added), mismatch_spans(source, target, dropped, added)

    return pairwise("names", pairs, check)


SIGNAL = Signal(
    "names",
    "names of people and places changed, added or dropped",
    compute,
    target_langs=frozenset({"en", "id", "fr", "de", "cs", "ro", "et", "es", "it", "pt", "nl"}),
)
