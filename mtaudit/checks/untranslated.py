"""Source words copied into the translation untranslated ("the pemerintah said ...").

A word counts when it appears in both source and target, is common in the source
language and rare in the target language (word frequencies from wordfreq), and is not
capitalised in the target (names are legitimately copied). Loanwords that both languages
use ("data", "hotel", "video") are common in both and are left alone. When wordfreq has
no list for the target language (Chinese, Japanese), a common source word copied into
the target counts as untranslated; without a list for the source language the check is
off.
"""

from __future__ import annotations

import pandas as pd

from mtaudit.checks.base import MAJOR, Check, Context, findings, locate, quote_list, word_frequency, words

MIN_LENGTH = 3
SOURCE_COMMON = 2.5  # Zipf frequency: about once per 3 million words
TARGET_RARE = 2.0
MARGIN = 1.5  # the word must be this much more common (Zipf) in the source language


def untranslated_words(source: str, target: str, source_lang: str, target_lang: str) -> list[str]:
    source_words = {w.lower() for w in words(source)}
    found = []
    for word in words(target):
        lower = word.lower()
        if len(word) < MIN_LENGTH or word[0].isupper() or lower not in source_words:
            continue
        in_source = word_frequency(lower, source_lang)
        if in_source is None or in_source < SOURCE_COMMON:
            continue
        in_target = word_frequency(lower, target_lang)
        if in_target is None or (in_target <= TARGET_RARE and in_source - in_target >= MARGIN):
            found.append(word)
    return found


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    risks, reasons, columns = [], [], []
    for source, target in zip(pairs["source"], pairs["target"]):
        found = untranslated_words(source, target, context.source_lang, context.target_lang)
        risks.append(min(1.0, 0.6 + 0.2 * (len(found) - 1)) if found else 0.0)
        reasons.append(f"Untranslated source words: {quote_list(found)}." if found else "")
        columns.append(" ".join(dict.fromkeys(found)))
    spans = [locate(t, w.split(), "target") for t, w in zip(pairs["target"], columns)]
    return findings("untranslated", pairs.index, risks, reasons, spans, untranslated_words=columns)


CHECK = Check(
    "untranslated",
    "source-language words left untranslated in the target",
    compute,
    severity=MAJOR,
    category="untranslated",
)
