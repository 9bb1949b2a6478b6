"""Wrong-language output: the target should be in the target language (langdetect, seeded:
see ``languages/detection.py``). Very short texts (names, numbers, "Read more") are not
judged.

For targets written in their own script (Chinese, Japanese, Arabic, Korean, Russian, ...)
the script decides first: a Chinese edition whose sentence is mostly Latin letters was
not translated, however short it is and whatever langdetect makes of it.
"""

from __future__ import annotations

import re

import pandas as pd

from mtaudit.checks.base import CRITICAL, Check, Context, findings, words
from mtaudit.languages import language
from mtaudit.languages.detection import detect, detect_ranked

MIN_WORDS = 4  # fewer words: not judged
MIN_LETTERS = 8  # fewer letters: the script is not judged
SCRIPT_SHARE_OK = 0.3  # names in Latin letters inside a Chinese sentence are normal
MIN_WORDS_OTHER = 8  # a language other than the source's needs a longer sentence to be believed


def script_share(text: str, lang: str) -> float | None:
    """Share of the text's letters written in the language's own script; None for
    languages written in Latin letters, or too few letters to judge."""
    script = language(lang).script
    if not script:
        return None
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    in_script = re.findall(f"[{script}]", "".join(letters))
    return len(in_script) / len(letters)


def wrong_language_risk(text: str, source_lang: str, target_lang: str) -> tuple[str, float]:
    """(detected language, risk). Reading as the source language is the common failure
    (a sentence left untranslated); any other language must be near-certain, on a longer
    sentence, with no trace of the target language, because langdetect is shaky on
    short news sentences full of names."""
    share = script_share(text, target_lang)
    if share is not None and share < SCRIPT_SHARE_OK:
        lang = detect(text)[0]
        return lang, 0.98 if lang.startswith(source_lang) else 0.9
    n_words = len(words(text))
    ranked = detect_ranked(text) if n_words >= MIN_WORDS else []
    if not ranked:
        return "", 0.0
    lang, prob = ranked[0]
    if lang.startswith(target_lang) or any(l.startswith(target_lang) and p >= 0.1 for l, p in ranked):
        return lang, 0.0
    own_script = script_share(text, lang)
    if own_script is not None and own_script < SCRIPT_SHARE_OK:  # "Korean" with no Hangul in it
        return lang, 0.0
    if lang.startswith(source_lang):
        return lang, prob if prob >= 0.7 else 0.0
    return lang, prob if prob >= 0.95 and n_words >= MIN_WORDS_OTHER else 0.0


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    detected, risks, reasons = [], [], []
    for target in pairs["target"]:
        lang, risk = wrong_language_risk(target, context.source_lang, context.target_lang)
        detected.append(lang)
        risks.append(risk)
        name = language(lang).name if lang else lang
        expected = language(context.target_lang).name
        reasons.append(f"The translation reads as {name}, not {expected} (left untranslated?)." if risk else "")
    return findings("language", pairs.index, risks, reasons, detected_lang=detected)


CHECK = Check(
    "language",
    "translations that are not in the target language at all",
    compute,
    severity=CRITICAL,
    category="wrong-language",
)
