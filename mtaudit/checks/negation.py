"""Negation lost or added: the source says "tidak" (not) and the translation does not,
or the other way round.

Negators are counted on each side with a short list per language. Two things make a
mismatch legitimate, and both are left out before comparing:
- idioms that contain a negator but mean no negation ("paling tidak" = at least, "tidak
  hanya" = not only / also, "No. 8" = number 8);
- negation carried by a word rather than a negator, which is how translations often render
  it ("tidak dikenal" = unidentified, "tidak biasa" = unusual, "gagal" = failed, "tanpa
  syarat" = unconditional): a side with such a word is not judged "not negative".
A mismatch of negators is then confirmed by meaning: the negator is taken out of the side
that has it, and the finding stands only if the pair reads closer without it (by the
encoder's cosine). A negation the translation dropped ("Polisi tidak menemukan bukti" ->
"The police found evidence") reads closer to the source without its "tidak"; one the
translation carries in words of its own ("tidak diberi makan" -> "deprived of food",
"tidak diragukan" -> "undoubtedly") does not. What is left is a mismatch a reader
would notice, and it is a strong risk. When the pair reads much closer without the negator,
the meaning clearly flipped: like a changed number, the finding is critical and flags the
pair on its own; a smaller gain is graded major and left to the combination. Both were
measured on English translations; in other languages a finding counts half (``MEASURED_IN``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mtaudit.checks.base import CRITICAL, MAJOR, Check, Context, findings, has_text, locate, quote_list, word_frequency
from mtaudit.languages import codes_where, language

_PREFIXED = re.compile(r"\b(?:un|in|im|il|dis)(\w{3,})|\b(\w{3,})less\b", re.IGNORECASE)
MISMATCH_RISK = 1.0
# How much closer (cosine) the pair must read with the mismatching negator taken out for the
# mismatch to stand. Chosen on tuning rows (guntara valid, PUD wiki; 2026-11-30): of the 60
# correct English translations with a negator mismatch it keeps 22 (8 of them guntara pairs
# whose sides are not translations of each other), of the 154 flipped negations it catches 145.
CLOSER_WITHOUT_NEGATOR = 0.003
# From this much closer the negation clearly flipped the meaning: the finding is graded critical
# and flags the pair whatever the other checks say (``Check.decisive``). Chosen on the same rows:
# 93 of the 154 flipped negations, 4 of the 2,453 correct English translations, and 1 of 500
# correct PUD wiki translations in Chinese and in Japanese (none in English, Arabic, French).
CLEARLY_CLOSER = 0.01
# Flipped negations were measured in English translations only. On correct PUD wiki (tuning) the
# findings left in Chinese, Japanese, Arabic and French were mostly negators inside words and
# idioms the lists do not know (視而不見 = turn a blind eye, 台無し = ruined, من دون جدوى = in
# vain), so in other languages a finding counts half and never flags a pair on its own.
MEASURED_IN = "en"
UNMEASURED_RISK = 0.5


def negators(text: str, lang: str) -> list[str]:
    """The negators in a text, leaving out those inside idioms that are not negative."""
    return [match.group() for match in _negator_matches(text, lang)]


def _negator_matches(text: str, lang: str) -> list[re.Match]:
    """Where the negators are, outside idioms: each idiom is blanked with as many spaces as it
    has characters, so the matches' positions are the text's own."""
    known = language(lang)
    if not known.negators:
        return []
    if known.negation_idioms:
        text = re.sub(known.negation_idioms, lambda idiom: " " * len(idiom.group()), text, flags=re.IGNORECASE)
    return list(re.finditer(known.negators, text, flags=re.IGNORECASE))


def carries_negation(text: str, lang: str) -> bool:
    """A word that negates by itself: a listed one ("failed", "gagal") or, in English, a
    negative prefix or suffix on a common word ("unidentified", "invalid", "useless")."""
    implicit = language(lang).implicit_negation
    if implicit and re.search(implicit, text, flags=re.IGNORECASE):
        return True
    if lang != "en":
        return False
    return any((word_frequency((a or b).lower(), "en") or 0) >= 3.0 for a, b in _PREFIXED.findall(text))


def mismatch(source: str, target: str, source_lang: str, target_lang: str) -> tuple[str, list[str]] | None:
    """("source", its negators) when only the source negates, ("target", ...) when only the
    translation does, None when they agree or a word carries the negation on the other side."""
    in_source, in_target = negators(source, source_lang), negators(target, target_lang)
    if bool(in_source) == bool(in_target):
        return None
    if in_source and not carries_negation(target, target_lang):
        return "source", in_source
    if in_target and not carries_negation(source, source_lang):
        return "target", in_target
    return None


def without_negators(text: str, lang: str) -> str:
    """The text with its negators taken out (those inside idioms that are not negative stay)."""
    kept, last = [], 0
    for match in _negator_matches(text, lang):
        kept.append(text[last : match.start()])
        last = match.end()
    return re.sub(r"\s{2,}", " ", "".join(kept) + text[last:]).strip()


def closer_without_negators(found: list[tuple[str, str, str]], context: Context) -> np.ndarray:
    """For each (side, source, target): how much closer the pair reads with that side's
    negators taken out, in one batch through the encoder."""
    if not found:
        return np.zeros(0)
    sources = [source for _, source, _ in found]
    targets = [target for _, _, target in found]
    stripped_sources = [without_negators(s, context.source_lang) if side == "source" else s for side, s, _ in found]
    stripped_targets = [without_negators(t, context.target_lang) if side == "target" else t for side, _, t in found]
    encoder = context.encoder
    return encoder.similarity(stripped_sources, stripped_targets) - encoder.similarity(sources, targets)


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    count = len(pairs)
    risks, reasons, spans, severities = [0.0] * count, [""] * count, [[] for _ in range(count)], [""] * count
    if language(context.source_lang).negators:  # with no list for the source, every negation would look added
        candidates = _mismatches(pairs, context)
        gains = closer_without_negators([(side, source, target) for _, side, _, source, target in candidates], context)
        measured = context.target_lang == MEASURED_IN
        for (row, side, said, source, target), gain in zip(candidates, gains.tolist()):
            if gain >= CLOSER_WITHOUT_NEGATOR:  # below it, the other side carries the negation some other way
                risks[row] = MISMATCH_RISK if measured else UNMEASURED_RISK
                severities[row] = CRITICAL if measured and gain >= CLEARLY_CLOSER else MAJOR
                reasons[row], spans[row] = _explained(side, said, source, target)
    return findings("negation", pairs.index, risks, reasons, spans, negation_severity=severities)


def _mismatches(pairs: pd.DataFrame, context: Context) -> list[tuple[int, str, list[str], str, str]]:
    """(row, side, its negators, source, target) for each pair whose negators do not match."""
    found = []
    for row, (source, target, both) in enumerate(zip(pairs["source"], pairs["target"], has_text(pairs))):
        if both and (mismatched := mismatch(source, target, context.source_lang, context.target_lang)):
            side, said = mismatched
            found.append((row, side, said, source, target))
    return found


def _explained(side: str, said: list[str], source: str, target: str) -> tuple[str, list]:
    if side == "source":
        reason = f"Negation lost: the source says {quote_list(said)} but the translation is not negative."
        return reason, locate(source, said, "source")
    reason = f"Negation added: the translation says {quote_list(said)} but the source is not negative."
    return reason, locate(target, said, "target")


CHECK = Check(
    "negation",
    "a negation ('not', 'tidak') lost or added",
    compute,
    target_langs=codes_where(lambda known: known.negators),
    severity=CRITICAL,
    category="negation",
    decisive=CRITICAL,
)
