"""Faulty translations made from correct ones, the way MT goes wrong in news.

Each corruption takes a correct English target (and its source, and a random other row
for the corruptions that need one) and returns the faulty target, or None when the
sentence offers nothing to corrupt (no number to change, no subject to drop). They are
deterministic given the random generator, so an evaluation is repeatable.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATABLE = ("is", "was", "are", "were", "will", "can", "could", "would", "should", "has", "have", "had", "must")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# The subject-dropping corruption finds the subject its own way (these short lists and the
# "-ed" ending), never with the subject check's lexicon: a benchmark made with the check's
# own word lists would partly measure how well the check agrees with itself.
_OPENERS = _word_set(
    "on in at after before during since until by for with from under over last this earlier later "
    "meanwhile however yesterday today according despite although while when as because though following "
    "if once unless whether"
)
_DETERMINERS = _word_set("the a an his her its their our this that these those")
_SUBJECT_STARTS = _DETERMINERS | _word_set("he she they it we i one some many most several")
_FINITE = _word_set(
    "is are was were has have had will would can could may might must should did does do "
    "said says told added announced stated explained called asked"
)
_COPULAS = _word_set("is are was were")
_NOT_BEFORE_A_VERB = _word_set("who which that to and or")
# what may follow a verb in "-ed": an object or adverbial opens ("joined the", "died of"); "by"
# follows a participle ("feasts observed by")
_OPENS_OBJECT = (_SUBJECT_STARTS | _OPENERS | _word_set("to of up")) - {"by"}
_PAST = re.compile(r"[a-z]{2,}ed")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en|ing)")


def subject_dropped(target: str, source: str, other: str, rng: random.Random) -> str | None:
    """Delete the subject before the first finite verb: "On Tuesday, the President joined
    the leaders" -> "On Tuesday joined the leaders"."""
    tokens = target.split()
    if not tokens or not tokens[0][:1].isalpha():
        return None  # a quotation or a list item: not the sentence form this fault is about
    start = 0
    if tokens[0].lower().rstrip(",") in _OPENERS:
        commas = [i for i, t in enumerate(tokens[:8]) if t.endswith(",")]
        if not commas:
            return None
        start = commas[0] + 1
    if start >= len(tokens) or not _subject_opens(tokens[start], start):
        return None
    for position in range(start + 1, min(start + 7, len(tokens))):
        if tokens[position - 1].endswith(","):
            return None  # an aside inside the subject: keep to plain subjects
        word = tokens[position]
        if word != word.lower():
            continue  # a name is part of the subject
        if tokens[position - 1].lower() in _NOT_BEFORE_A_VERB:
            return None  # "residents who inhabited", "seem to have", "graduated and obtained"
        following = re.sub(r"\W", "", tokens[position + 1]) if position + 1 < len(tokens) else ""
        if word in _FINITE or _past_verb(word, tokens[position - 1], following):
            if word in _COPULAS and not _PARTICIPLE.fullmatch(following.lower()):
                return None  # "X is a Y" without X reads as a question, not a dropped subject
            head = [t.rstrip(",") if i == start - 1 else t for i, t in enumerate(tokens[:start])]
            rest = tokens[position:]
            if len(rest) < 3:
                return None  # a headline ("Leader killed"): nothing left to read as a sentence
            if not head:
                rest[0] = rest[0][:1].upper() + rest[0][1:]
            return " ".join(head + rest)
    return None


def _past_verb(word: str, before: str, after: str) -> bool:
    """An "-ed" word used as the verb: not after an article ("the injured man") and followed
    by what opens an object or adverbial ("joined the", "died of", "met Obama", "killed
    15"), not by a noun it describes ("uses targeted ultrasound") or by "by" ("feasts
    observed by")."""
    if not _PAST.fullmatch(word) or before.lower() in _DETERMINERS:
        return False
    if not after or after[:1].isupper() or after[:1].isdigit():
        return True
    return after.lower() in _OPENS_OBJECT


def _subject_opens(token: str, position: int) -> bool:
    """Whether a subject can start with this token: an article, pronoun or quantifier, or a
    capitalised word (a name) after a fronted phrase or at the start of the sentence."""
    return token.lower() in _SUBJECT_STARTS or (token[:1].isupper() and (position == 0 or token[1:2].islower()))


def number_changed(target: str, source: str, other: str, rng: random.Random) -> str | None:
    numbers = list(_NUMBER.finditer(target))
    if not numbers:
        return None
    match = rng.choice(numbers)
    digits = [i for i, c in enumerate(match.group()) if c.isdigit()]
    chars = list(match.group())
    position = rng.choice(digits)
    chars[position] = str((int(chars[position]) + rng.randint(1, 8)) % 10)
    if position == 0 and chars[0] == "0" and len(digits) > 1:
        chars[0] = "9"
    return target[: match.start()] + "".join(chars) + target[match.end() :]


def negation_flipped(target: str, source: str, other: str, rng: random.Random) -> str | None:
    if re.search(r"\bnot\b", target):
        return re.sub(r"\s+not\b", "", target, count=1)
    if re.search(r"n't\b", target):
        return re.sub(r"n't\b", "", target, count=1)
    for aux in _NEGATABLE:
        pattern = rf"\b{aux}\b"
        if re.search(pattern, target):
            return re.sub(pattern, f"{aux} not", target, count=1)
    return None


# Where a clause may start, per target language: a comma, or a word that opens a clause.
CLAUSE_STARTS = {
    "en": r",\s|\s(?:and|which|who|because|while|after|before|that|but)\s",
    "fr": r",\s|\s(?:et|qui|que|parce que|tandis que|après|avant|mais)\s",
    "ar": r"[،,]\s|\s(?=و\S)",
    "zh": r"[，、；,]",
    "ja": r"[、，；]",
}


def clause_omitted(target: str, source: str, other: str, rng: random.Random, lang: str = "en") -> str | None:
    """Drop the longest clause after the first: a comma-separated part or a clause opened by
    a conjunction or relative word ("and", "which", "because", ...; ``CLAUSE_STARTS``)."""
    body = target.rstrip(".!?。！？")
    cut_points = [m.start() for m in re.finditer(CLAUSE_STARTS.get(lang, CLAUSE_STARTS["en"]), body)]
    if not cut_points:
        return None
    bounds = cut_points + [len(body)]
    spans = [(bounds[i], bounds[i + 1]) for i in range(len(cut_points))]
    start, end = max(spans, key=lambda span: span[1] - span[0])
    if end - start < 0.25 * len(body) or start < (4 if lang in ("zh", "ja") else 10):
        return None
    return (body[:start] + body[end:]).rstrip(" ,") + target[len(body) :]


def left_untranslated(target: str, source: str, other: str, rng: random.Random) -> str | None:
    return source


# An Indonesian word by its affixes (meN-, ber-, di-, ter-, peN-, ke-; -kan, -nya, -lah),
# not by word frequencies: the untranslated check judges words by their frequency in each
# language, and a benchmark built on the same lists would measure the check against itself.
_INDONESIAN_WORD = re.compile(r"(?:me[mngy]?|ber|di|ter|pe[mngr]?|ke)[a-z]{4,}|[a-z]{4,}(?:kan|nya|lah)")


def word_untranslated(target: str, source: str, other: str, rng: random.Random) -> str | None:
    """Put an Indonesian word of the source in place of an English word ("complained of a
    decrease in the number of pembeli")."""
    candidates = [
        w for w in re.findall(r"\b[a-z]{6,}\b", source) if _INDONESIAN_WORD.fullmatch(w) and w not in target.lower()
    ]
    slots = list(re.finditer(r"(?<=\s)[a-z]{4,}(?=[\s.,])", target))
    if not candidates or not slots:
        return None
    slot = rng.choice(slots)
    return target[: slot.start()] + rng.choice(candidates) + target[slot.end() :]


def words_shuffled(target: str, source: str, other: str, rng: random.Random) -> str | None:
    tokens = _TOKEN.findall(target)
    if len(tokens) < 4:
        return None
    shuffled = tokens[:]
    while shuffled == tokens:
        rng.shuffle(shuffled)
    return " ".join(shuffled)


def phrase_repeated(target: str, source: str, other: str, rng: random.Random) -> str | None:
    tokens = target.split()
    if len(tokens) < 5:
        return None
    size = rng.choice([1, 2, 3])
    start = rng.randrange(0, len(tokens) - size)
    return " ".join(tokens[: start + size] + tokens[start : start + size] + tokens[start + size :])


def unrelated_sentence(target: str, source: str, other: str, rng: random.Random) -> str | None:
    return other if other != target else None


def entity_swapped(target: str, source: str, other: str, rng: random.Random) -> str | None:
    """Replace a name (a capitalised word not opening the sentence) with a name from
    another sentence."""
    names = [m for m in re.finditer(r"(?<=\s)[A-Z][a-z]{2,}", target)]
    replacements = [n for n in re.findall(r"(?<=\s)[A-Z][a-z]{2,}", other) if n not in target]
    if not names or not replacements:
        return None
    match = rng.choice(names)
    return target[: match.start()] + rng.choice(replacements) + target[match.end() :]


Corruption = Callable[[str, str, str, random.Random], str | None]
CORRUPTIONS: dict[str, Corruption] = {
    "subject dropped": subject_dropped,
    "number changed": number_changed,
    "negation flipped": negation_flipped,
    "clause omitted": clause_omitted,
    "left untranslated": left_untranslated,
    "word untranslated": word_untranslated,
    "words shuffled": words_shuffled,
    "phrase repeated": phrase_repeated,
    "unrelated sentence": unrelated_sentence,
    "entity swapped": entity_swapped,
}


def corruptions_for(lang: str) -> dict[str, Corruption]:
    """The corruptions that make sense for a target language: all of them for English;
    for other languages those that need no English grammar."""
    if lang == "en":
        return CORRUPTIONS
    kinds = {
        "number changed": number_changed,
        "clause omitted": lambda t, s, o, r: clause_omitted(t, s, o, r, lang),
        "left untranslated": left_untranslated,
        "phrase repeated": phrase_repeated,
        "unrelated sentence": unrelated_sentence,
    }
    if lang in ("zh", "ja"):  # repeating space-separated words needs spaces
        del kinds["phrase repeated"]
    return kinds
