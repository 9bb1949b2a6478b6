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

from mtaudit.checks.base import CALENDAR_WORDS, MAJOR, Check, Context, findings, locate
from mtaudit.checks.untranslated import reads_as_source
from mtaudit.languages.lexicon import inflections, lemmas

AUXILIARIES = {
    "was",
    "were",
    "is",
    "are",
    "am",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "shall",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
}
CONNECTIVES = {
    "meanwhile",
    "however",
    "also",
    "then",
    "later",
    "earlier",
    "moreover",
    "furthermore",
    "previously",
    "now",
    "yesterday",
    "today",
    "tomorrow",
    "still",
    "so",
    "and",
    "but",
    "thus",
    "therefore",
    "besides",
    "additionally",
    "separately",
    "instead",
    "nevertheless",
    "nonetheless",
    "recently",
    "currently",
    "finally",
    "initially",
    "subsequently",
    "similarly",
    "likewise",
    "yet",
    "or",
}
# A fronted prepositional phrase is short ("On Tuesday"); the verb right after it has no subject.
PREPOSITIONS = {
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "since",
    "until",
    "from",
    "by",
    "with",
    "without",
    "for",
    "under",
    "over",
    "through",
    "throughout",
    "within",
    "amid",
    "among",
    "despite",
    "following",
    "according",
    "upon",
    "into",
    "across",
    "beyond",
    "last",
    "next",
    "early",
    "late",
    "of",
    "to",
    "regarding",
    "concerning",
    "like",
    "unlike",
}
# A fronted clause has a subject of its own ("If he succeeds, ..."): skip to its comma.
SUBORDINATORS = {
    "if",
    "when",
    "while",
    "although",
    "though",
    "because",
    "unless",
    "whereas",
    "whenever",
    "where",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "how",
}
# Words that open either a phrase ("After the meeting") or a clause ("After it became
# obvious, ..."): with a comma ahead they are read as a clause.
PREPOSITION_OR_CLAUSE = {"after", "before", "since", "until", "as", "once"}
PRONOUNS = {"i", "you", "he", "she", "it", "we", "they"}
TIME_NOUNS = {"day", "week", "month", "year", "morning", "afternoon", "evening", "night", "weekend", "time"}
FRONTING = PREPOSITIONS | SUBORDINATORS
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those"}
# Fixed adverbial phrases that open a sentence without a comma ("As a result becomes ...").
PHRASAL_CONNECTIVES = [
    ("as", "a", "result"),
    ("as", "a", "whole"),
    ("as", "such"),
    ("as", "planned"),
    ("in", "addition"),
    ("for", "example"),
    ("for", "instance"),
    ("in", "fact"),
    ("of", "course"),
    ("at", "the", "same", "time"),
    ("on", "the", "other", "hand"),
    ("in", "other", "words"),
    # "Phrased another way: young males are ...": a participle that only says how it is put
    *(
        (verb, *manner)
        for verb in ("phrased", "put", "said", "stated")
        for manner in (("another", "way"), ("differently",), ("simply",))
    ),
    ("simply", "put"),
]
SUBJECT_STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "his",
    "her",
    "their",
    "its",
    "our",
    "these",
    "those",
    "this",
    "that",
    "officials",
    "police",
    "people",
}
OBJECT_STARTERS = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "some",
    "many",
    "several",
    "all",
    "both",
    "each",
    "every",
    "no",
    "two",
    "three",
    "him",
    "them",
    "us",
    "me",
    "it",
    "itself",
    "himself",
    "herself",
    "themselves",
    "up",
    "out",
}
# After a sentence-initial verb form that could also be a noun ("Needs to", "Plans to"),
# these words show it is the verb.
VERB_FOLLOWERS = OBJECT_STARTERS | {
    "to",
    "up",
    "out",
    "down",
    "on",
    "in",
    "at",
    "about",
    "into",
    "that",
    "not",
    "also",
    "back",
    "over",
    "off",
    "away",
    "as",
}
# Verbs of saying: at the start of a sentence they report ("Said sanctions could not ..."),
# never describe the noun after them as a participle does ("Contaminated air ...").
SPEECH_VERBS = {"said", "told", "stated", "added", "explained", "claimed", "argued", "noted", "warned", "urged"}
# Participles that open a sentence with an object after them ("Given the risk, ...").
OPENING_PARTICIPLES = {"given", "compared", "considering", "based", "including", "excluding", "regarding"}
_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*|[,;:]")
_CONTRACTION = re.compile(r"['’](s|re|ve|ll|d|m)$|n['’]t$", re.IGNORECASE)
_OPENING_QUOTES = "\"'“‘«"
CLAUSE_ENDS = {",", ";", ":", "and", "but", "or", "where", "which", "who", "that", "when", "while", "because", ""}
MAX_FRONTED_WORDS = 8
MAX_CLAUSE_WORDS = 25


@lru_cache(maxsize=50_000)
def verb_tags(word: str) -> frozenset[str]:
    """Penn tags the word can carry as a verb ("joined" -> VBD, VBN)."""
    tags = set()
    for lemma in lemmas(word, upos="VERB").get("VERB", ()):
        forms_by_tag = inflections(lemma, upos="VERB")
        forms_by_tag.setdefault("VBN", forms_by_tag.get("VBD", ()))  # regular verbs list one form for both
        tags |= {tag for tag, forms in forms_by_tag.items() if word in forms}
    return frozenset(tags)


@lru_cache(maxsize=50_000)
def has_other_reading(word: str) -> bool:
    """True when the word can also be a noun, adjective or adverb ("plans", "left")."""
    return bool(set(lemmas(word)) - {"VERB", "AUX"})


def _only_finite(word: str, following: str) -> bool:
    """After a fronted phrase: a word that here must be a finite verb. An auxiliary must
    lead a verb ("was announced"; "were two children" is an inversion), and a past form
    that also serves as participle must take an object ("joined the"; "held on Tuesday"
    may be a participle phrase)."""
    if word == "do":  # "do not come on Sunday" is an imperative
        return False
    if word in AUXILIARIES:  # "was announced" lacks a subject; "were two children" is inverted
        return following in {"not", "also", "been", "being"} or bool(verb_tags(following) & {"VBN", "VBG"})
    tags = verb_tags(word)
    if not tags & {"VBD", "VBZ"} or has_other_reading(word):
        return False
    if "VBN" in tags and "VBZ" not in tags:
        return following in OBJECT_STARTERS
    return True


def _opens_with_verb(word: str, following: str, tokens: list[str], original: list[str]) -> bool:
    """At the very start: "Were wounded.", "Goes smoothly", "Threatened to resign".
    Imperatives use the base form and stay unflagged ("Do not rent ...", "Read more"), a
    participle phrase is followed by its subject ("Accompanied by his wife, Jokowi ..."),
    and a plural noun that could be a verb is a subject when a verb follows ("Shares in
    Felda surged")."""
    if word in AUXILIARIES:
        return word != "do" and following not in PRONOUNS  # "May I introduce ...": a question's inversion
    tags = verb_tags(word)
    if not tags & {"VBD", "VBZ"} or word == "let" or _reports_a_named_speaker(word, original):
        return False
    takes_object = following in OBJECT_STARTERS and word not in OPENING_PARTICIPLES  # "Met his wife"
    if "VBN" in tags and not takes_object and _participle_phrase(tokens, original):
        return False
    if "VBN" in tags and not takes_object and word not in SPEECH_VERBS and _finite_verb_in(original[1:]):
        return False  # "Contaminated air from China can now be measured": a participle before its noun
    looks_like_verb = (
        following in VERB_FOLLOWERS
        or following.endswith("ly")
        or original[1][:1].isupper()
        or _only_verb(following, {"VBG"})
    )
    if not has_other_reading(word):
        return True
    # "Ships from China have ...", "Details about where and when ... are unclear": a plural noun
    # that could be a verb, then the real verb (a plural one may come after a clause)
    plural_verb_later = any(w.lower() in {"are", "were", "have"} for w in original[2:])
    return looks_like_verb and not _finite_verb_in(original[1:]) and not plural_verb_later


def _reports_a_named_speaker(word: str, original: list[str]) -> bool:
    """ "Said another passenger Lee Sang-gyu.", "..., says Arthur Benjamin, ...": a verb of
    saying with its speaker after it, as news writes quotes; not a missing subject."""
    if word not in SPEECH_VERBS | {"says", "asked", "tells"}:
        return False
    speaker = [w for w in original[1:4] if w]
    named = any(w[:1].isupper() for w in speaker) or speaker[:1] in (["another"], ["the"])
    return named and not _finite_verb_in(original[2:])  # "said the ministry will ...": it said, what?


def _participle_phrase(tokens: list[str], original: list[str]) -> bool:
    """ "Accompanied by his wife, Jokowi arrived": a comma, then a clause with its own
    verb. "Added, the food ..." (comma straight after the verb) is MT for "He added", and
    "Defused a bomb in the capital, Tbilisi." has no main clause after its comma."""
    if "," not in tokens[2:MAX_CLAUSE_WORDS]:
        return False
    after = tokens.index(",", 2) + 1
    if tokens[after] in {"and", "but", "as", "while", "thus"}:
        return False
    long_enough = len([t for t in tokens[after:] if t]) >= 3
    subject_follows = tokens[after] in SUBJECT_STARTERS or original[after][:1].isupper()
    return (long_enough and subject_follows) or _finite_verb_in(original[after:])


def _only_verb(word: str, tags: set[str]) -> bool:
    return bool(verb_tags(word) & tags) and not has_other_reading(word)


def _finite_verb_in(words: list[str]) -> bool:
    """A finite verb (auxiliary, past form, or unambiguous -s form) before the clause
    ends. Capitalised words are names here ("the United States"), not verbs."""
    for original in words:
        word = original.lower()
        if word in CLAUSE_ENDS:
            return False
        if original[:1].isupper():
            continue
        tags = verb_tags(word)
        if (
            word in AUXILIARIES
            or _CONTRACTION.search(word)
            or "VBD" in tags
            or ("VBZ" in tags and not has_other_reading(word))
        ):
            return True
    return False


def is_exempt(sentence: str) -> bool:
    text = sentence.strip()
    return (
        not text
        or text[0] in _OPENING_QUOTES
        or text.endswith("?")
        or not re.search(r"[.!]['\"”’)]*$", text)
        or len(_TOKEN.findall(text)) < 2
    )


def subjectless_verb(sentence: str) -> str | None:
    """The finite verb that has no subject, or None."""
    if is_exempt(sentence):
        return None
    original = _TOKEN.findall(sentence) + ["", ""]  # padding: lookahead never runs off the end
    tokens = [t.lower() for t in original]
    position = _skip_connectives(tokens, 0)
    if position == 0 and tokens[0] not in FRONTING:
        return tokens[0] if _opens_with_verb(tokens[0], tokens[1], tokens, original) else None
    while position < len(tokens) - 2 and tokens[position] in FRONTING:
        opener = tokens[position]
        if _is_quantity(opener, tokens[position + 1]):
            break
        clause_end = _after_clause(tokens, position) if opener in SUBORDINATORS | PREPOSITION_OR_CLAUSE else None
        if opener in SUBORDINATORS or clause_end is not None:
            position = clause_end
        else:
            position, verb = _skip_prepositional_phrase(tokens, original, position)
            if verb:
                return verb
        if position is None:
            return None
        position = _skip_connectives(tokens, position)
    word, following = tokens[position], tokens[position + 1]
    if word == "let" or _reports_a_named_speaker(word, original[position:]):
        return None
    return word if word and _only_finite(word, following) else None


def _is_quantity(opener: str, word: str) -> bool:
    """ "Over 200 people were ..." and "At least four others were ..." open with a quantity
    (the subject), not a fronted phrase."""
    if (opener, word) in {("at", "least"), ("at", "most"), ("up", "to")}:
        return True
    return opener in {"over", "under"} and (
        word[:1].isdigit()
        or word
        in {"a", "one", "two", "three", "four", "five", "ten", "hundreds", "thousands", "dozens", "half", "million"}
    )


@lru_cache(maxsize=10_000)
def _is_adverb(word: str) -> bool:
    """An adverb that may open a sentence ("Reportedly, ..."), by lemminflect's word lists:
    a name that happens to end in -ly ("Italy", "Kelly") is not one."""
    return word.endswith("ly") and "ADV" in lemmas(word) and not verb_tags(word)


def _skip_connectives(tokens: list[str], position: int) -> int:
    while True:
        phrase = next((p for p in PHRASAL_CONNECTIVES if tuple(tokens[position : position + len(p)]) == p), None)
        if phrase:
            position += len(phrase)
        elif tokens[position] in CONNECTIVES or _is_adverb(tokens[position]):
            position += 1
        else:
            return position
        if tokens[position] in {",", ":"}:
            position += 1


def _after_clause(tokens: list[str], start: int) -> int | None:
    """Position after the comma that closes a fronted clause, None if there is none."""
    for position in range(start + 1, min(start + MAX_CLAUSE_WORDS, len(tokens) - 1)):
        if tokens[position] == ",":
            return position + 1
    return None


def _skip_prepositional_phrase(tokens: list[str], original: list[str], start: int) -> tuple[int | None, str | None]:
    """Walk "On Tuesday" / "In the meeting held on Tuesday,". Returns (position after its
    comma, None); (None, verb) when a finite verb comes before any subject could; or
    (None, None) when a subject begins ("Last week the government ...", "On Monday Aung
    San Suu Kyi ...") or the phrase never ends clearly."""
    if tokens[start + 1] in PRONOUNS:  # "After we opened the boxes, ...": a clause
        return _after_clause(tokens, start), None
    for position in range(start + 1, min(start + 1 + MAX_FRONTED_WORDS, len(tokens) - 1)):
        word, previous = tokens[position], tokens[position - 1]
        if word == ",":
            return position + 1, None
        if word in SUBORDINATORS:
            return _after_clause(tokens, position), None
        if re.search(r"['’]s$", word):  # "Next month's event would ...": the phrase is the subject
            return None, None
        if position >= start + 2 and _subject_begins(tokens, original, position):
            return None, None
        if position == start + 1 or original[position][:1].isupper() or previous in AUXILIARIES:
            continue  # the preposition's own noun, a name, or a verb chain ("would have")
        if _only_finite(word, tokens[position + 1]) or _past_with_object(tokens, original, position):
            return None, word
    return None, None


def _subject_begins(tokens: list[str], original: list[str], position: int) -> bool:
    """A determiner or pronoun after the phrase's noun ("Last week the government"), or a
    name that does not continue the phrase's own name ("On Monday Aung San Suu Kyi", but
    not "After the Compromise" or "On 1 October")."""
    word, previous = tokens[position], tokens[position - 1]
    if word in PRONOUNS:  # "Shortly after that I moved": no determiner ever comes before "I"
        return True
    if previous in FRONTING | DETERMINERS | {"and", "or"}:
        return False
    if word in SUBJECT_STARTERS:
        return True
    previous_continues_name = original[position - 1][:1].isupper() and previous not in CALENDAR_WORDS
    return original[position][:1].isupper() and word not in CALENDAR_WORDS and not previous_continues_name


def _past_with_object(tokens: list[str], original: list[str], position: int) -> bool:
    """ "On Tuesday abandoned attempts to send aid": a past form that could be an adjective,
    with no other finite verb in the clause to be the sentence's verb."""
    word, previous = tokens[position], original[position - 1]
    after_time = previous[:1].isupper() or previous[:1].isdigit() or previous.lower() in TIME_NOUNS
    if not after_time or word in AUXILIARIES or "VBD" not in verb_tags(word):
        return False
    return tokens[position + 1] not in PREPOSITIONS | {",", ""} and not _finite_verb_in(original[position + 1 :])


def has_finite_verb(sentence: str) -> bool:
    for raw in _TOKEN.findall(sentence):
        word = raw.lower()
        if word in AUXILIARIES or _CONTRACTION.search(word) or verb_tags(word) & {"VBD", "VBZ", "VBP"}:
            return True
    return False


# Indonesian verbs: the verbal prefixes (me-, ber-, di-, ter-) and the verbs that take none.
_INDONESIAN_VERB = re.compile(
    r"\b(?:(?:me[mnr]?|meng|meny|ber|di|ter)[a-z]{3,}|adalah|ada|merupakan|punya|mau|ingin|bisa|dapat|harus|"
    r"akan|sudah|telah|sedang|pergi|datang|pulang|tiba|masuk|keluar|naik|turun|tidur|makan|minum|lahir|mati|tewas)\b"
)  # case-sensitive: verbs are written in lower case, names ("Mercedes", "Menteng") are not


def source_has_verb(source: str, source_lang: str) -> bool:
    """Whether the source says what happened: a list, a score line or an address has no
    verb in either language, and a translation that mirrors it is not at fault. Only
    Indonesian is read; other sources are assumed to have one."""
    return source_lang != "id" or bool(_INDONESIAN_VERB.search(source[:1].lower() + source[1:]))


def _opener_kept_from_source(target: str, verb: str, source: str) -> bool:
    """What stands before the verb is in the source word for word, so it is a name or a
    title left as it was ("On a Wing and a Prayer (1992) reunited him with ..."), and so
    the subject, not a fronted phrase ("On Tuesday joined ..." has no such twin)."""
    match = re.search(rf"\b{re.escape(verb)}\b", target, re.IGNORECASE)
    opener = target[: match.start()].strip(" ,") if match else ""
    return len(_TOKEN.findall(opener)) >= 2 and opener in source


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    risks, reasons, verbs = [], [], []
    for source, target in zip(pairs["source"], pairs["target"]):
        if reads_as_source(target, source):  # English grammar has nothing to say; the untranslated check does
            verbs.append(None)
            risks.append(0.0)
            reasons.append("")
            continue
        verb = subjectless_verb(target)
        if verb and _opener_kept_from_source(target, verb, source):
            verb = None
        verbs.append(verb)
        if verb:
            risks.append(0.95)
            reasons.append(f"Missing subject: who {verb}? The sentence has no one doing '{verb}'.")
        elif (
            not is_exempt(target)
            and len(_TOKEN.findall(target)) >= 6
            and not has_finite_verb(target)
            and source_has_verb(source, context.source_lang)
        ):
            risks.append(0.6)
            reasons.append("No verb: the sentence does not say what happened.")
        else:
            risks.append(0.0)
            reasons.append("")
    spans = [locate(t, [v], "target") if v else [] for t, v in zip(pairs["target"], verbs)]
    return findings("subject", pairs.index, risks, reasons, spans)


CHECK = Check(
    "subject",
    "English sentences with no subject or no finite verb",
    compute,
    frozenset({"en"}),
    severity=MAJOR,
    category="subject-missing",
)
