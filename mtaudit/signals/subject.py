"""English sentences with no subject, or with no finite verb at all.

Indonesian often drops a subject the reader can infer; machine translation then writes
English such as "On Tuesday joined the democratic leaders of Japan, India and Australia".
The check walks past what may open a sentence (connectives like "Meanwhile,", a
prepositional phrase like "On Tuesday" or a fronted clause ending in a comma) and looks at
the next word: if it can only be a finite verb ("joined the", "went", "says", "was held")
nobody is doing the action.

What is left alone on purpose: imperatives ("Read more", base-form verbs), passives with a
subject ("The bill was passed"), "There is ...", questions, quotations and headlines
(no final full stop). Verb forms come from lemminflect's English inflection tables.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from mtaudit.signals.base import Context, Signal, findings

AUXILIARIES = {"was", "were", "is", "are", "am", "has", "have", "had", "will", "would", "can", "could", "shall",
               "should", "may", "might", "must", "did", "does", "do"}
CONNECTIVES = {"meanwhile", "however", "also", "then", "later", "earlier", "moreover", "furthermore",
               "previously", "now", "yesterday", "today", "tomorrow", "still", "so", "and", "but", "thus",
               "therefore", "besides", "additionally", "separately", "instead", "nevertheless", "nonetheless",
               "recently", "currently", "finally", "initially", "subsequently", "similarly", "likewise", "yet", "or"}
FRONTING = {"on", "in", "at", "during", "after", "before", "since", "until", "from", "by", "with", "without",
            "for", "under", "over", "through", "throughout", "within", "amid", "among", "despite", "following",
            "according", "as", "while", "when", "although", "though", "because", "if", "unless", "once", "upon",
            "into", "across", "besides", "beyond", "last", "next", "this", "early",
            "late", "of", "to", "regarding", "concerning", "like", "unlike"}
SUBJECT_STARTERS = {"the", "a", "an", "he", "she", "they", "we", "i", "it", "his", "her", "their", "its", "our",
                    "these", "those", "officials", "police", "people"}
OBJECT_STARTERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
                   "those", "some", "many", "several", "all", "both", "each", "every", "no", "two", "three",
                   "him", "them", "us", "me", "it"}
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d[\d.,]*|,")
_CONTRACTION = re.compile(r"['’](s|re|ve|ll|d|m)$|n['’]t$", re.IGNORECASE)
_OPENING_QUOTES = "\"'“‘«"
MAX_FRONTED_WORDS = 8


@lru_cache(maxsize=50_000)
def verb_tags(word: str) -> frozenset[str]:
    """Penn tags the word can carry as a verb ("joined" -> VBD, VBN)."""
    from lemminflect import getAllInflections, getAllLemmas

    tags = set()
    for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()):
        inflections = getAllInflections(lemma, upos="VERB")
        inflections.setdefault("VBN", inflections.get("VBD", ()))  # regular verbs list one form for both
        tags |= {tag for tag, forms in inflections.items() if word in forms}
    return frozenset(tags)


@lru_cache(maxsize=50_000)
def has_other_reading(word: str) -> bool:
    """True when the word can also be a noun, adjective or adverb ("plans", "left")."""
    from lemminflect import getAllLemmas

    return bool(set(getAllLemmas(word)) - {"VERB", "AUX"})


def _only_finite(word: str, following: str) -> bool:
    """A word that here must be a finite verb: an unambiguous past or third-person form,
    or a past form that also serves as participle but takes an object ("joined the")."""
    if word in AUXILIARIES:  # "was announced" lacks a subject; "were two children" is inverted
        return following in {"not", "also", "been", "being"} or bool(verb_tags(following) & {"VBN", "VBG"})
    tags = verb_tags(word)
    if not tags & {"VBD", "VBZ"} or has_other_reading(word):
        return False
    if "VBN" in tags and "VBZ" not in tags:  # "held on Tuesday" may be a participle phrase
        return following in OBJECT_STARTERS
    return True


def is_exempt(sentence: str) -> bool:
    text = sentence.strip()
    return (not text or text[0] in _OPENING_QUOTES or text.endswith("?")
            or not re.search(r"[.!]['\"”’)]*$", text) or len(_TOKEN.findall(text)) < 4)


def subjectless_verb(sentence: str) -> str | None:
    """The finite verb that has no subject, or None."""
    if is_exempt(sentence):
        return None
    tokens = [t.lower() for t in _TOKEN.findall(sentence)] + [""]
    position = _skip_connectives(tokens, 0)
    if tokens[position] in FRONTING and not _is_quantity(tokens[position], tokens[position + 1]):
        position, verb = _skip_fronted_phrase(tokens, position)
        if verb:
            return verb
        if position is None:
            return None
        position = _skip_connectives(tokens, position)
    elif position == 0 and "," in tokens[:MAX_FRONTED_WORDS]:
        return None  # "Accompanied by his wife, Jokowi ..." opens with a participle phrase
    word, following = tokens[position], tokens[position + 1]
    return word if word and _only_finite(word, following) else None


def _is_quantity(opener: str, word: str) -> bool:
    """ "Over 200 people were ..." opens with a quantity (the subject), not a fronted phrase."""
    return opener in {"over", "under"} and (word[:1].isdigit() or word in {"a", "one", "two", "three", "four", "five", "ten", "hundreds", "thousands",
                                          "dozens", "half", "million", "millions"})


def _skip_connectives(tokens: list[str], position: int) -> int:
    while tokens[position] in CONNECTIVES or (tokens[position].endswith("ly") and not verb_tags(tokens[position])):
        position += 1
        if tokens[position] == ",":
            position += 1
    return position


def _skip_fronted_phrase(tokens: list[str], start: int) -> tuple[int | None, str | None]:
    """Walk a fronted phrase ("On Tuesday", "In the meeting held on Tuesday,").
    Returns (position after its comma, None), or (None, verb) when a finite verb turns up
    before any subject could, or (None, None) when the phrase never ends clearly."""
    for position in range(start + 1, min(start + 1 + MAX_FRONTED_WORDS, len(tokens) - 1)):
        word = tokens[position]
        if word == ",":
            return position + 1, None
        if word in SUBJECT_STARTERS and position >= start + 2 and tokens[position - 1] not in FRONTING | {"and", "or"}:
            return None, None  # "Last week the government announced": the subject has begun
        if _only_finite(word, tokens[position + 1]):
            return None, word
    return None, None


def has_finite_verb(sentence: str) -> bool:
    for raw in _TOKEN.findall(sentence):
        word = raw.lower()
        if word in AUXILIARIES or _CONTRACTION.search(word) or verb_tags(word) & {"VBD", "VBZ", "VBP"}:
            return True
    return False


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    risks, reasons = [], []
    for target in pairs["target"]:
        verb = subjectless_verb(target)
        if verb:
            risks.append(0.95)
            reasons.append(f"Missing subject: who {verb}? The sentence has no one doing '{verb}'.")
        elif not is_exempt(target) and len(_TOKEN.findall(target)) >= 6 and not has_finite_verb(target):
            risks.append(0.6)
            reasons.append("No verb: the sentence does not say what happened.")
        else:
            risks.append(0.0)
            reasons.append("")
    return findings("subject", pairs.index, risks, reasons)


SIGNAL = Signal("subject", "English sentences with no subject or no finite verb", compute, frozenset({"en"}))
