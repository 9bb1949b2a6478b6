"""Negation lost or added: the source says "tidak" (not) and the translation does not,
or the other way round.

Negators are counted on each side with a short list per language. Two things make a
mismatch legitimate, and both are left out before comparing:
- idioms that contain a negator but mean no negation ("paling tidak" = at least, "tidak
  hanya" = not only / also, "No. 8" = number 8);
- negation carried by a word rather than a negator, which is how translations often render
  it ("tidak dikenal" = unidentified, "tidak biasa" = unusual, "gagal" = failed, "tanpa
  syarat" = unconditional): a side with such a word is not judged "not negative".
What is left is a mismatch a reader would notice, and it is a strong risk.
"""

from __future__ import annotations

import re

import pandas as pd

from mtaudit.checks.base import CRITICAL, Check, Context, Finding, locate, pairwise, quote_list, word_frequency
from mtaudit.languages import codes_where, language

_PREFIXED = re.compile(r"\b(?:un|in|im|il|dis)(\w{3,})|\b(\w{3,})less\b", re.IGNORECASE)
MISMATCH_RISK = 1.0


def negators(text: str, lang: str) -> list[str]:
    """The negators in a text, leaving out those inside idioms that are not negative."""
    known = language(lang)
    if not known.negators:
        return []
    if known.negation_idioms:
        text = re.sub(known.negation_idioms, " ", text, flags=re.IGNORECASE)
    return re.findall(known.negators, text, flags=re.IGNORECASE)


def carries_negation(text: str, lang: str) -> bool:
    """A word that negates by itself: a listed one ("failed", "gagal") or, in English, a
    negative prefix or suffix on a common word ("unidentified", "invalid", "useless")."""
    implicit = language(lang).implicit_negation
    if implicit and re.search(implicit, text, flags=re.IGNORECASE):
        return True
    if lang != "en":
        return False
    return any((word_frequency((a or b).lower(), "en") or 0) >= 3.0 for a, b in _PREFIXED.findall(text))


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    # with no list for the source, every negation would look added
    judged = bool(language(context.source_lang).negators)

    def check(source: str, target: str) -> Finding:
        if not judged:
            return 0.0, "", []
        in_source, in_target = negators(source, context.source_lang), negators(target, context.target_lang)
        if bool(in_source) == bool(in_target):
            return 0.0, "", []
        if in_source and carries_negation(target, context.target_lang):
            return 0.0, "", []
        if in_target and carries_negation(source, context.source_lang):
            return 0.0, "", []
        if in_source:
            reason = f"Negation lost: the source says {quote_list(in_source)} but the translation is not negative."
            return MISMATCH_RISK, reason, locate(source, in_source, "source")
        reason = f"Negation added: the translation says {quote_list(in_target)} but the source is not negative."
        return MISMATCH_RISK, reason, locate(target, in_target, "target")

    return pairwise("negation", pairs, check)


CHECK = Check(
    "negation",
    "a negation ('not', 'tidak') lost or added",
    compute,
    target_langs=codes_where(lambda known: known.negators),
    severity=CRITICAL,
    category="negation",
)
