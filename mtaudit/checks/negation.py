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

NEGATORS = {
    "id": r"\b(?:tidak|tak|bukan|belum|tanpa|jangan|tiada|enggak|nggak|gak)\b",
    "en": r"\b(?:not|no|never|without|none|nobody|nothing|neither|nor|cannot|unable)\b|n't\b",
    "fr": r"\b(?:ne|n'|pas|jamais|sans|aucun|aucune|personne|rien|ni)\b",
    "de": r"\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|ohne|nichts|niemand)\b",
    "cs": r"\b(?:ne|nikdy|bez|žádný|žádná|žádné|nic|nikdo)\b|\bne\w+",
    "zh": r"不|没|沒|无|無|未|别|別|非",
    "ja": r"ない|なかっ|ません|ず|無|未|非",
    "ar": r"\b(?:لا|لم|لن|ليس|ليست|غير|بدون|دون|ما)\b",
}
# Phrases with a negator that say nothing negative.
IDIOMS = {
    "id": r"\b(?:paling|setidak-tidaknya|sedikitnya)\s+(?:tidak|tak)\b|\b(?:tidak|tak|bukan)\s+(?:hanya|saja|cuma|heran|"
    r"lain|jarang|sedikit|lama)\b|\bbagaimana\s+(?:tidak|tak)\b|\bbelum\s+lama\b|"
    r"\b(?:tidak|tak)\s+kurang\b",
    "en": r"\bno\.?\s*\d|\bnot\s+only\b|\bno\s+(?:doubt|wonder|later|sooner)\b|\bnothing\s+but\b|\bnot\s+least\b",
    # "ne ... que" = only; "personne" after an article is "person"; "sans doute" = probably
    "fr": r"\bn(?:e\s+|')[^.;:!?]{0,60}?\bqu(?:e\b|')|\b(?:la|une|les|des|cette|chaque|toute|seule)\s+personnes?\b|"
    r"\bsans\s+doute\b",
    # especially; still (lit. "does not cease"); whether; however
    "ar": r"لا\s+سيما|(?:لا|ما)\s+(?:يزال|تزال|زال|زالت|يزالون|تزالان|يزل|تزل)|ما\s+إذا|غير\s+أن",
    # "shika ... nai" = only; merely; maybe; surely; must; regardless; not only; and words that
    # merely contain the letters (必ず always, まず first, わずか slight, ずつ each, ずっと all along)
    "ja": r"しか[^。、]{0,30}?(?:ない|ません|ず)|過ぎ(?:ない|ず|ません)|かもしれ(?:ない|ません)|違いない|"
    r"(?:なければ|ねば)(?:ならない|ならず|なりません)|(?:かか|関)わらず|問わず|のみならず|必ず|まず|わずか|ずつ|ずっと|"
    r"相変わらず|絶えず|未来|非常",
    # not only; constantly; soon; quite a few; regardless; have to; future; very; different
    "zh": r"不仅|不僅|不断|不斷|不久|不少|无论|無論|不得不|未来|未來|非常|不同",
}
# Words that carry a negation without a negator.
IMPLICIT = {
    "id": r"\b(?:gagal|menolak|ditolak|tolak|melarang|dilarang|larangan|kurang|minim|nihil|absen|enggan|mustahil)\b",
    "en": r"\b(?:fail\w*|lack\w*|refus\w*|den(?:y|ies|ied|ying)|instead|rather\s+than|absen\w*|unless|except\w*|"
    r"prevent\w*|ban(?:s|ned)?|forb\w+|insufficient\w*|less|fewer|hardly|barely|rarely|yet\s+to|"
    r"unprecedented|irre\w+|non-?\w+|ignor\w+|avoid\w*)\b",
}
_PREFIXED = re.compile(r"\b(?:un|in|im|il|dis)(\w{3,})|\b(\w{3,})less\b", re.IGNORECASE)
MISMATCH_RISK = 1.0


def negators(text: str, lang: str) -> list[str]:
    """The negators in a text, leaving out those inside idioms that are not negative."""
    pattern = NEGATORS.get(lang)
    if not pattern:
        return []
    if lang in IDIOMS:
        text = re.sub(IDIOMS[lang], " ", text, flags=re.IGNORECASE)
    return re.findall(pattern, text, flags=re.IGNORECASE)


def carries_negation(text: str, lang: str) -> bool:
    """A word that negates by itself: a listed one ("failed", "gagal") or, in English, a
    negative prefix or suffix on a common word ("unidentified", "invalid", "useless")."""
    if lang in IMPLICIT and re.search(IMPLICIT[lang], text, flags=re.IGNORECASE):
        return True
    if lang != "en":
        return False
    return any((word_frequency((a or b).lower(), "en") or 0) >= 3.0 for a, b in _PREFIXED.findall(text))


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    judged = context.source_lang in NEGATORS  # with no list for the source, every negation would look added

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
    target_langs=frozenset(NEGATORS),
    severity=CRITICAL,
    category="negation",
)
