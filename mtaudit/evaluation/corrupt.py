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

from mtaudit.checks.subject import AUXILIARIES, FRONTING, has_other_reading, verb_tags

_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATABLE = ("is", "was", "are", "were", "will", "can", "could", "would", "should", "has", "have", "had", "must")


def subject_dropped(target: str, source: str, other: str, rng: random.Random) -> str | None:
    """Delete the subject before the first finite verb: "On Tuesday, the President joined
    the leaders" -> "On Tuesday joined the leaders"."""
    tokens = target.split()
    start = 0
    if tokens and tokens[0].lower() in FRONTING:
        commas = [i for i, t in enumerate(tokens[:8]) if t.endswith(",")]
        if not commas:
            return None
        start = commas[0] + 1
    for position in range(start + 1, min(start + 8, len(tokens))):
        original = re.sub(r"\W", "", tokens[position])
        word = original.lower()
        if original[:1].isupper() or (word not in AUXILIARIES and has_other_reading(word)):
            continue  # "the United States", "Olympus shares": still the subject
        if word in AUXILIARIES or verb_tags(word) & {"VBD", "VBZ"}:
            if (
                word in AUXILIARIES
                and position + 1 < len(tokens)
                and not verb_tags(re.sub(r"\W", "", tokens[position + 1]).lower()) & {"VBN", "VBG"}
            ):
                return None  # "X is a Y": dropping X leaves an odd question, not a dropped subject
            head = [t.rstrip(",") if i == start - 1 else t for i, t in enumerate(tokens[:start])]
            rest = tokens[position:]
            if not head:
                rest[0] = rest[0][:1].upper() + rest[0][1:]
            return " ".join(head + rest)
    return None


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


def word_untranslated(target: str, source: str, other: str, rng: random.Random) -> str | None:
    """Put an Indonesian word of the source in place of an English word ("complained of a
    decrease in the number of pembeli")."""
    from wordfreq import zipf_frequency

    candidates = [
        w for w in re.findall(r"[a-z]{4,}", source) if zipf_frequency(w, "en") < 2.0 <= zipf_frequency(w, "id")
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
