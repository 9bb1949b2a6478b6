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
from functools import lru_cache

import numpy as np
import pandas as pd

from mtaudit.checks.base import (
    CALENDAR_WORDS,
    CRITICAL,
    MAJOR,
    Check,
    Context,
    findings,
    mismatch_reason,
    mismatch_spans,
    word_frequency,
    words,
)
from mtaudit.checks.numbers import ROMAN_ORDINAL
from mtaudit.checks.wordalign import WordAlignment, word_alignments
from mtaudit.languages import codes_where, language
from mtaudit.languages.lexicon import lemmas

# Zipf frequency (in its own language) above which a capitalised word is an ordinary word.
# Stricter for the translation, where institution names are translated into ordinary
# capitalised words ("Badan Pangan Nasional" -> "National Food Agency").
COMMON_IN_SOURCE = 5.0
COMMON_IN_TARGET = 4.0
# How far a capitalised word's best match may fall below the pair's median word match before
# it counts as having no counterpart (3% of correct tuning pairs have such a word).
NAME_UNMATCHED = 0.31
SAME_NAME = 0.6  # spelling similarity at which two names count as one (Jawa/Java, Amerika/America)
# Word-vector similarity at which a dropped source name counts as written the translation's
# own way by a capitalised word there ("Karibia"/"Caraïbes", "Mesir"/"l'Égypte"). Chosen on
# tuning rows, where, among the name swaps the check reported, the two names' similarity was
# at least 0.65 for 10 of 22 in correct French and 12 of 56 in correct English, and for 6 of
# 84 names replaced by another sentence's.
SAME_NAME_MEANING = 0.65
LATIN = re.compile(r"^[A-Za-zÀ-ÿ'’-]+$")


def names(text: str, lang: str, common: float = COMMON_IN_SOURCE) -> set[str]:
    """Capitalised words inside a sentence that are not ordinary words of ``lang`` (none
    in languages that capitalise every noun). A word that opens the sentence proper after a
    dateline or a quotation mark ("PEKALONGAN - Banjir ...") is capitalised by position."""
    if language(lang).capitalises_nouns:  # a capital says nothing of names
        return set()
    tokens = words(text)
    if not any(w[:1].islower() and len(w) >= 4 for w in tokens):
        return set()  # a title-case headline: only short function words are lower-case
    found = set()
    openers = sentence_openers(text)
    for position, written in enumerate(tokens):
        if position == 0 or written in openers:
            continue
        word = name_form(written, lang)
        if not word[:1].isupper() or not LATIN.match(word) or len(word) < 3 or capitalised_otherwise(word, lang):
            continue
        if ROMAN_ORDINAL.fullmatch(word):  # "IXe" (siècle): a number, read by the numbers check
            continue
        lower = word.lower()
        if lower not in CALENDAR_WORDS and (word_frequency(lower, lang) or 0.0) < common:
            found.add(word)
    return found


def name_form(word: str, lang: str) -> str:
    """The word without an ending its language writes onto names ("China's" -> "China",
    "IP-nya" -> "IP"), so the ending neither hides a common word nor makes a new name."""
    endings = language(lang).name_endings
    return re.sub(endings, "", word) if endings else word


def capitalised_otherwise(word: str, lang: str) -> bool:
    """Capitals that do not make a name: an acronym, also in the plural ("CCTVs"), or an
    abbreviated title ("Mr", "Comr"), which the language's sentence rules already know."""
    acronym = word.isupper() or (len(word) > 2 and word.endswith("s") and word[:-1].isupper())
    return acronym or word.lower() in language(lang).never_final


def _written_as(written: str, word: str) -> bool:
    """Whether a word of the text is ``word``, perhaps with an ending after an apostrophe or
    hyphen ("Station's" is "Station"; "Jakartans" is not "Jakarta")."""
    return written == word or (written.startswith(word) and written[len(word) : len(word) + 1] in ("'", "’", "-"))


# A straight single quote opens a quotation only after a space or at the start ("said: 'The
# GPS ..."); inside a word it is an apostrophe ("O'Connor"). The guillemet is left out on
# purpose (unlike the subject check's opening quotes): French puts titles and names inside
# it mid-sentence: in the tuning rows' French (PUD wiki), 19 of the 27 capitalised words
# after one begin a name or a title ("« Sabrina", "« Caraïbes", "« On a Wing and a Prayer »"),
# the other 8 are common words the frequency test already sets aside.
_OPENER = re.compile(r"(?:^|[-–—:;\"“‘(]\s*|[.!?]\s+|(?:^|\s)'\s*)([^\W\d_]+)")


def sentence_openers(text: str) -> set[str]:
    """Words capitalised because something opens there: the text's start, after a dash, a
    colon, an opening quotation mark or bracket, or a full stop inside the text."""
    return {match.group(1) for match in _OPENER.finditer(text)}


ORDINARY_IN_SOURCE = 4.0  # Zipf: a capitalised source word this common may be translated as a word


def translated_as_word(word: str, side: str, source: str, target: str, alignment: WordAlignment | None) -> bool:
    """Whether a capitalised word is part of a name that was translated word by word rather
    than a name changed: "Pasar Induk" -> "Main Market", "PEKALONGAN - Banjir" -> "Floods".
    A source word's closest translation word must be an ordinary English word, or the
    translation must write some name with capitalised dictionary words; a translation word
    must be a dictionary word itself whose closest source word is capitalised. A swapped name ("Sweden" for "Jakarta") is no dictionary word and stays."""
    if alignment is None or not alignment.similarity.size:
        return False
    if side == "source":
        own, other, similarity, text, other_text = (
            alignment.source,
            alignment.target,
            alignment.similarity,
            source,
            target,
        )
    else:
        own, other, similarity, text, other_text = (
            alignment.target,
            alignment.source,
            alignment.similarity.T,
            target,
            source,
        )
    for index, (start, end) in enumerate(own.spans):
        if not _written_as(text[start:end], word):
            continue
        closest = other_text[slice(*other.spans[int(similarity[index].argmax())])]
        if side == "source" and (_ordinary_english(closest) or _capitalised_words_translated(target, source)):
            return True
        if side == "target" and _english_word(word) and closest[:1].isupper():
            return True
    return False


def _capitalised_words_translated(target: str, source: str) -> bool:
    """The translation writes a name with capitalised English words the source lacks
    ("Main Market" for "Pasar Induk")."""
    return any(w[:1].isupper() and _english_word(w) and not _appears_in(w, source) for w in words(target)[1:])


def _ordinary_english(word: str) -> bool:
    """A lower-case English word: in the dictionary, or a function word ("of")."""
    return word[:1].islower() and (_english_word(word) or (word_frequency(word, "en") or 0.0) >= 5.0)


@lru_cache(maxsize=20_000)
def _english_word(word: str) -> bool:
    return LATIN.match(word) is not None and bool(lemmas(word.lower()))


# An elided article or preposition before a name ("l'Italie", "d’Espagne", "qu'Alger").
_ELIDED = re.compile(r"^[^\W\d_]{1,2}['’](?=[^\W\d_])")


def _without_elision(word: str) -> str:
    """ "l'Italie" -> "Italie"; "Ma'ruf" and "O'neill" stay as they are (no capital follows)."""
    match = _ELIDED.match(word)
    return word[match.end() :] if match and word[match.end()].isupper() else word


def _appears_in(name: str, text: str) -> bool:
    """The name, or a near spelling of it, occurs in the other text (a French name after an
    elided article counts as written: "Italia" is in "l'Italie")."""
    lower = name.lower()
    if lower in text.lower():
        return True
    capitalised = [w for w in map(_without_elision, words(text)) if w[:1].isupper()]
    capitalised += [part for w in capitalised if "-" in w for part in w.split("-") if part[:1].isupper()]
    return any(SequenceMatcher(None, lower, w.lower()).ratio() >= SAME_NAME for w in capitalised)


def unmatched_capitals(source: str, target: str, target_lang: str, alignment: WordAlignment | None) -> list[str]:
    """Capitalised words inside the translation that nothing in the source resembles in
    meaning (their best word match is NAME_UNMATCHED below the pair's typical word match)
    nor in spelling. This also catches names too common for ``names`` to count ("Iran",
    "England")."""
    if alignment is None or language(target_lang).capitalises_nouns:
        return []
    tokens = [target[start:end] for start, end in alignment.target.spans]
    if not any(w[:1].islower() and len(w) >= 4 for w in tokens):
        return []  # a title-case headline
    best_matches = alignment.target_best()
    floor = float(np.median(best_matches)) - NAME_UNMATCHED
    openers = sentence_openers(target)  # "SEMARANG - The President ...": capitalised by position
    found = []
    for position, (written, best) in enumerate(zip(tokens, best_matches.tolist())):
        by_position = position == 0 or written in openers
        word = name_form(written, target_lang)
        if by_position or not word[:1].isupper() or best >= floor or word.lower() in CALENDAR_WORDS:
            continue
        if LATIN.match(word) and not capitalised_otherwise(word, target_lang) and not _appears_in(word, source):
            found.append(word)
    return found


def same_names_by_meaning(
    dropped: list[str],
    added: set[str],
    source: str,
    target: str,
    alignment: WordAlignment | None,
    ordinary: set[str] = frozenset(),
) -> tuple[set[str], set[str]]:
    """The dropped source names that the translation writes its own way, and the added names
    that are those renderings. A dropped name is rendered when the closest of the
    translation's capitalised words that the source does not already have reaches
    SAME_NAME_MEANING by their words' vectors (an exonym: "Karibia" as "Caraïbes", "Mesir" as
    "l'Égypte"); a dropped name in ``ordinary`` (an everyday word capitalised inside a name:
    "Dinasti", "Kaisar", or any name where the translation's language writes adjectives of
    names in lower case) may also be rendered by a lower-case word ("dynastie", "danois").
    A name replaced by an unrelated one ("Sweden" for "Jakarta") rarely comes that close."""
    if alignment is None or not alignment.similarity.size or not dropped:
        return set(), set()
    source_words = [source[start:end] for start, end in alignment.source.spans]
    target_words = [_without_elision(target[start:end]) for start, end in alignment.target.spans]
    new_names = [j for j, word in enumerate(target_words) if word[:1].isupper() and not _appears_in(word, source)]
    any_words = new_names + [j for j, word in enumerate(target_words) if word[:1].islower()]
    renamed, rendered = set(), set()
    for i, written in enumerate(source_words):
        name = next((n for n in dropped if _written_as(written, n)), None)
        candidates = any_words if name in ordinary else new_names
        if name is None or not candidates:
            continue
        best = max(candidates, key=lambda j: alignment.similarity[i, j])
        if alignment.similarity[i, best] >= SAME_NAME_MEANING:
            renamed.add(name)
            rendered |= {n for n in added if _written_as(target_words[best], n)}
    return renamed, rendered


def _ordinary(word: str, lang: str) -> bool:
    """An everyday word of the source language capitalised inside a name ("Dinasti", "Pasar")."""
    return (word_frequency(word.lower(), lang) or 0.0) >= ORDINARY_IN_SOURCE


def _ordinary_translated(word: str, source: str, target: str, alignment, context: Context) -> bool:
    return _ordinary(word, context.source_lang) and translated_as_word(word, "source", source, target, alignment)


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    alignments = word_alignments(pairs["source"].tolist(), pairs["target"].tolist(), context)
    risks, reasons, spans, severities = [], [], [], []
    for source, target, alignment in zip(pairs["source"], pairs["target"], alignments):
        if not source or not target:
            risks.append(0.0)
            reasons.append("")
            spans.append([])
            severities.append("")
            continue
        added = {n for n in names(target, context.target_lang, COMMON_IN_TARGET) if not _appears_in(n, source)}
        unmatched = set(unmatched_capitals(source, target, context.target_lang, alignment))
        dropped = sorted(n for n in names(source, context.source_lang) if not _appears_in(n, target))
        if context.target_lang == "en":  # the dictionary that tells translated words from names is English
            dropped = [n for n in dropped if not _ordinary_translated(n, source, target, alignment, context)]
            translated = {n for n in added | unmatched if translated_as_word(n, "target", source, target, alignment)}
            added, unmatched = added - translated, unmatched - translated
        ordinary = {n for n in dropped if _ordinary(n, context.source_lang)}
        if language(context.target_lang).lowercases_name_adjectives:  # "Denmark" written "danois"
            ordinary = set(dropped)
        renamed, rendered = same_names_by_meaning(dropped, added | unmatched, source, target, alignment, ordinary)
        dropped = [n for n in dropped if n not in renamed]
        added, unmatched = added - rendered, unmatched - rendered
        if (added or unmatched) and dropped:
            risk = 0.9
        else:
            risk = 0.7 if unmatched else 0.5 if added else 0.3 if dropped else 0.0
        shown = sorted(added | unmatched)
        # a name swapped, or one the source has nothing like, misinforms; one only dropped or added is major
        severities.append(CRITICAL if (shown and dropped) or unmatched else MAJOR if risk else "")
        risks.append(risk)
        reasons.append(mismatch_reason("Names disagree", dropped, shown))
        spans.append(mismatch_spans(source, target, dropped, shown))
    return findings("names", pairs.index, risks, reasons, spans, names_severity=severities)


CHECK = Check(
    "names",
    "names of people and places changed, added or dropped",
    compute,
    target_langs=codes_where(lambda known: known.judges_names),
    severity=CRITICAL,
    category="name",
)
