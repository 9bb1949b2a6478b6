"""Negation lost or added: the source says "tidak" (not) and the translation does not,
or the other way round.

Negators are counted on each side with a short list per language. Some mismatches are
legitimate ("tidak bisa" = "unable", "tidak jelas" = "unclear"), so a single mismatch
is a moderate risk that flags a pair only with support from another check.
"""

from __future__ import annotations

import re

import pandas as pd

from mtaudit.signals.base import Context, Finding, Signal, locate, pairwise, quote_list

NEGATORS = {
    "id": r"\b(?:tidak|tak|bukan|belum|tanpa|jangan|tiada|enggak|nggak|gak)\b",
    "en": r"\b(?:not|no|never|without|none|nobody|nothing|neither|nor|cannot|unable)\b|n't\b",
    "fr": r"\b(?:ne|n'|pas|jamais|sans|aucun|aucune|personne|rien|ni)\b",
    "de": r"\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|ohne|nichts|niemand)\b",
    "cs": r"\b(?:ne|nikdy|bez|žádný|žádná|žádné|nic|nikdo)\b|\bne\w+",
    "zh": r"不|没|沒|无|無|未|别|別|非",
    "ja": r"ない|ません|ず|無|未|非",
    "ar": r"\b(?:لا|لم|لن|ليس|ليست|غير|بدون|دون|ما)\b",
}
MISMATCH_RISK = 0.6


def negators(text: str, lang: str) -> list[str]:
    pattern = NEGATORS.get(lang)
    return re.findall(pattern, text, flags=re.IGNORECASE) if pattern else []


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    def check(source: str, target: str) -> Finding:
        in_source, in_target = negators(source, context.source_lang), negators(target, context.target_lang)
        if bool(in_source) == bool(in_target):
            return 0.0, "", []
        if in_source:
            reason = f"Negation lost: the source says {quote_list(in_source)} but the translation is not negative."
            return MISMATCH_RISK, reason, locate(source, in_source, "source")
        reason = f"Negation added: the translation says {quote_list(in_target)} but the source is not negative."
        return MISMATCH_RISK, reason, locate(target, in_target, "target")

    return pairwise("negation", pairs, check)


SIGNAL = Signal("negation", "a negation ('not', 'tidak') lost or added", compute, target_langs=frozenset(NEGATORS))
