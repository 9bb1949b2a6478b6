"""Source words copied into the translation untranslated ("the pemerintah said ...").

A word counts when it appears in both source and target, is common in the source
language and rare in the target language (word frequencies from wordfreq), and is not
capitalised in the target (names are legitimately copied). Loanwords that both languages
use ("data", "hotel", "video") are common in both and are left alone. When wordfreq has
no list for the target language (Chinese, Japanese), a common source word copied into
the target counts as untranslated; without a list for the source language the check is
off.

A content word left untranslated is a major error (labelling-guideline.md: the reader loses
what it says), a sentence left untranslated (most of its words the source's) a critical one,
as the guideline grades a wrong-language sentence. Where the target language's word
frequencies are known the check decides that alone (``decisive``): it is rarely wrong there,
while the combination, weighing it against a translation that otherwise reads well, let a
third of such words through. Function
words ("juga", "yang") left untranslated are minor, and those the combination weighs, as it
does every finding in Chinese or Japanese, where Latin-script words in the text (an address,
a product, a web site) say little.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks.base import (
    CRITICAL,
    MAJOR,
    MINOR,
    Check,
    Context,
    findings,
    knows_frequencies,
    locate,
    quote_list,
    word_frequency,
    words,
)
from mtaudit.languages import language

MIN_LENGTH = 3
SOURCE_COMMON = 2.5  # Zipf frequency: about once per 3 million words
TARGET_RARE = 2.0
MARGIN = 1.5  # the word must be this much more common (Zipf) in the source language
SOURCE_SHARE = 0.5  # of a translation's lower-case words found in its source: not a translation
# A sentence counts as left untranslated when it has at least this many untranslated words and
# reads as its source (``reads_as_source``). Measured on the tuning rows: 187 of 200 Indonesian
# sentences pasted as their own translation, none of 2,453 correct translations, none of 200
# with one content word left untranslated, none of our reviewers' 1,000 real-MT pairs.
LEFT_UNTRANSLATED_WORDS = 2


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


def reads_as_source(target: str, source: str) -> bool:
    """Most of the translation's lower-case words are the source's own: it was left
    untranslated. Names are left out, as a translation keeps them too."""
    own = [w.lower() for w in words(target) if w[:1].islower()]
    source_words = {w.lower() for w in words(source)}
    return bool(own) and sum(w in source_words for w in own) >= SOURCE_SHARE * len(own)


def grade(found: list[str], source: str, target: str, source_lang: str, target_lang: str) -> str:
    """The check's own grade: critical if the sentence is left untranslated, major if a
    content word is, minor if only function words are, none of its own (the combination
    decides) where it cannot tell a rare word of the target language from a common one."""
    if not found or not knows_frequencies(target_lang):
        return ""
    if len(found) >= LEFT_UNTRANSLATED_WORDS and reads_as_source(target, source):
        return CRITICAL
    function_words = language(source_lang).function_words
    return MINOR if all(word.lower() in function_words for word in found) else MAJOR


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    return _findings(pairs, context.source_lang, [context.target_lang] * len(pairs))


def without_kept_words(checked: pd.DataFrame, kept: frozenset[str], source_lang: str) -> pd.DataFrame:
    """The check's columns again where a finding names a word the newsroom keeps in the
    source language on purpose (``--keep-words``: a dish, a local institution), leaving that
    word out. Applied after the checks, so that cached results stay those of the plain check."""
    if not kept or "untranslated_words" not in checked:
        return checked
    names_kept = checked["untranslated_words"].map(lambda found: any(w.lower() in kept for w in found.split()))
    if not names_kept.any():
        return checked
    rows = checked[names_kept]
    redone = _findings(rows, source_lang, rows["target_lang"].astype(str).tolist(), kept)
    out = checked.copy()
    positions = np.flatnonzero(names_kept.to_numpy())
    for column in redone.columns:
        values = out[column].tolist()
        for position, value in zip(positions, redone[column].tolist()):
            values[position] = value
        out[column] = values
    return out


def _findings(
    pairs: pd.DataFrame, source_lang: str, target_langs: list[str], kept: frozenset[str] = frozenset()
) -> pd.DataFrame:
    risks, reasons, columns, severities = [], [], [], []
    for source, target, target_lang in zip(pairs["source"], pairs["target"], target_langs):
        found = [w for w in untranslated_words(source, target, source_lang, target_lang) if w.lower() not in kept]
        risks.append(min(1.0, 0.6 + 0.2 * (len(found) - 1)) if found else 0.0)
        severity = grade(found, source, target, source_lang, target_lang)
        reasons.append(_reason(found, severity))
        columns.append(" ".join(dict.fromkeys(found)))
        severities.append(severity)
    spans = [locate(t, w.split(), "target") for t, w in zip(pairs["target"], columns)]
    return findings(
        "untranslated", pairs.index, risks, reasons, spans, untranslated_words=columns, untranslated_severity=severities
    )


def _reason(found: list[str], severity: str) -> str:
    """Names the whole sentence when it is left untranslated, else the words left over."""
    if not found:
        return ""
    if severity == CRITICAL:
        return f"Left untranslated: the sentence is still in the source language ({quote_list(found)})."
    return f"Untranslated source words: {quote_list(found)}."


CHECK = Check(
    "untranslated",
    "source-language words left untranslated in the target",
    compute,
    severity=MAJOR,
    category="untranslated",
    decisive=MAJOR,
)
