"""Numbers that disagree between source and target.

Each number written in digits on one side must appear on the other, as digits or as a
word ("tiga" = "three" = 3). Digits are read with each language's conventions: Indonesian
writes "1.200" for twelve hundred and "1,5" for one and a half, English the reverse. A
target written in the source's convention ("Rp80.000" copied into English) is accepted
too. Scale words are applied ("1,5 triliun" = "1.5 trillion" = 1.5e12), "7 p.m." equals
"19.00", and month names stand for their numbers so that "24/5/2022" matches
"May 24, 2022".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from mtaudit.signals.base import Context, Finding, Signal, mismatch_reason, mismatch_spans, pairwise

# Which character groups thousands and which marks decimals, per language.
CONVENTIONS = {"id": (".", ","), "en": (",", "."), "fr": (" ", ","), "de": (".", ",")}
_DEFAULT_CONVENTION = (",", ".")

SCALES = {
    "ribu": 1e3,
    "rb": 1e3,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
    "trilyun": 1e12,
    "thousand": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# Abbreviations whose scale depends on the language: "Rp 40 M" is 40 miliar in Indonesian
# news and 40 million in English; either reading is accepted.
AMBIGUOUS_SCALES = {"M": (1e6, 1e9), "T": (1e12,)}
# Number words, read in runs: "twenty-five", "sixty-five billion", "dua puluh lima", "seratus ribu".
UNITS = {
    "nol": 0,
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "sebelas": 11,
    "seratus": 100,
    "seribu": 1000,
    "sejuta": 1e6,
    "setengah": 0.5,
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "half": 0.5,
    "dozen": 12,
}
ARTICLES = {"a", "an", "se"}  # "a person" = 1, but "a twenty-two year old" is 22, not 23
MULTIPLIERS = {"puluh": 10, "ratus": 100, "hundred": 100}  # multiply the units just read
ADD_TEN = {"belas"}  # "lima belas" = 15
ORDINALS = {
    "pertama": 1,
    "kedua": 2,
    "ketiga": 3,
    "keempat": 4,
    "kelima": 5,
    "keenam": 6,
    "ketujuh": 7,
    "kedelapan": 8,
    "kesembilan": 9,
    "kesepuluh": 10,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "once": 1,
    "twice": 2,
    "single": 1,
    "double": 2,
    "seventies": 1970,
    "eighties": 1980,
    "nineties": 1990,
    "sixties": 1960,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "hundredth": 100,
    "thousandth": 1000,
}
MONTHS = {
    "januari": 1,
    "februari": 2,
    "maret": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "agustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "desember": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "october": 10,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "agu": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "des": 12,
    "dec": 12,
}

_DIGITS = re.compile(
    r"(?<!\d)(?<!\d[.,:])(?P<number>\d+(?:[.,:\u00a0\u202f]\d+)*)"
    r"(?:\s*(?P<meridiem>[apAP])\.?[mM]\b\.?)?"
    r"(?:\s*(?P<next>[^\W\d_]+))?"
)
_WORD = re.compile(r"[^\W\d_]+")
# "Rp 50-100 million", "50 hingga 100 juta": the scale after a range applies to both ends.
_RANGE_SCALE = re.compile(r"\s*(?:-|–|to|hingga|sampai|s/d)\s*[\d.,]+\s*([^\W\d_]+)")


@dataclass(frozen=True)
class Mention:
    text: str  # as written, for the reason shown to the editor
    values: frozenset[float]


def read_digits(number: str, convention: tuple[str, str]) -> float | None:
    """One digit string under one convention; None if the convention cannot produce it."""
    thousands, decimal = convention
    if re.fullmatch(r"\d{1,2}:\d{2}", number):  # clock time 19:30 -> 19.30
        hours, minutes = number.split(":")
        return int(hours) + int(minutes) / 100
    if ":" in number:
        return None  # a ratio or score ("9:1", "2:1"): its parts are read on their own
    groups = re.split(r"[.,\u00a0\u202f ]", number)
    separators = re.findall(r"[.,\u00a0\u202f ]", number)
    if not separators:
        return float(number)
    normal = [" " if s in "\u00a0\u202f" else s for s in separators]
    if normal[-1] == decimal:
        integer_groups, fraction = groups[:-1], groups[-1]
        integer_separators = normal[:-1]
    else:
        integer_groups, fraction, integer_separators = groups, "", normal
    if any(s != thousands for s in integer_separators):
        return None
    if len(integer_groups) > 1 and not all(len(g) == 3 for g in integer_groups[1:]):
        if fraction or len(integer_groups) > 2:
            return None
        # a single group of the wrong width ("19.00" in Indonesian): a decimal or clock time
        return float(f"{integer_groups[0]}.{integer_groups[1]}")
    return float("".join(integer_groups) + (f".{fraction}" if fraction else ""))


def digit_mentions(text: str, conventions: list[tuple[str, str]]) -> list[Mention]:
    mentions = []
    for match in _DIGITS.finditer(text):
        readings = {read_digits(match["number"], c) for c in conventions} - {None}
        if not readings and ":" in match["number"]:  # a ratio or score: each side is a number
            mentions += [Mention(part, frozenset({float(part)})) for part in re.findall(r"\d+", match["number"])]
            continue
        values = {v * scale for v in readings for scale in _scales(match, text)}
        if (match["meridiem"] or "").lower() == "p":
            values |= {v + 12 for v in readings if v < 12}
        if values:
            mentions.append(Mention(match["number"], frozenset(values)))
    return mentions


def _scales(match: re.Match, text: str) -> tuple[float, ...]:
    word = match["next"] or ""
    if word.lower() in SCALES:
        return (SCALES[word.lower()],)
    if word in AMBIGUOUS_SCALES:
        return AMBIGUOUS_SCALES[word]
    ranged = _RANGE_SCALE.match(text, match.end("number"))
    if not word and ranged and ranged[1].lower() in SCALES:
        return (1.0, SCALES[ranged[1].lower()])
    return (1.0,)


def word_values(text: str) -> set[float]:
    """Numbers written as words (each run of number words read as one number, and each
    word on its own), ordinals, and month names as their numbers."""
    values: set[float] = set()
    text = re.sub(r"\band[- ]a[- ]half\b", "and half", text, flags=re.IGNORECASE)  # "six and a half million"
    for chunk in re.split(r"[,;:()]", text.replace("-", " ")):  # punctuation ends a run
        originals = _WORD.findall(chunk)
        run: list[str] = []
        for original in originals + [""]:
            word = original.lower()
            if word in UNITS or word in MULTIPLIERS or word in ADD_TEN or word in SCALES or (word == "and" and run):
                run.append(word)
                values |= {UNITS[word]} if word in UNITS else set()
                continue
            if run:
                values.add(read_number_words(run))
                run = []
            if word in ARTICLES:
                values.add(1)
            if word in ORDINALS:
                values.add(ORDINALS[word])
            if word in MONTHS and original[:1].isupper():
                values.add(MONTHS[word])
    return values


def read_number_words(run: list[str]) -> float:
    """ "sixty five billion" -> 65e9, "dua puluh lima" -> 25, "two thousand and one" -> 2001."""
    total, current = 0.0, 0.0
    for word in run:
        if word in UNITS:
            current += UNITS[word]
        elif word in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[word]
        elif word in ADD_TEN:
            current += 10
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
    return total + current


def unmatched(mentions: list[Mention], other_side: list[Mention], other_words: set[float]) -> list[str]:
    pool = set(other_words)
    for mention in other_side:
        pool |= mention.values
    return [m.text for m in mentions if not any(_close(v, p) for v in m.values for p in pool)]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def compare(source: str, target: str, source_lang: str, target_lang: str) -> tuple[list[str], list[str]]:
    """(numbers in the source missing from the target, numbers in the target not in the source)."""
    source_convention = CONVENTIONS.get(source_lang, _DEFAULT_CONVENTION)
    target_conventions = [CONVENTIONS.get(target_lang, _DEFAULT_CONVENTION), source_convention]
    in_source = digit_mentions(source, [source_convention])
    in_target = digit_mentions(target, target_conventions)
    return (unmatched(in_source, in_target, word_values(target)), unmatched(in_target, in_source, word_values(source)))


def number_risk(missing: list[str], extra: list[str]) -> float:
    """A number changed shows on both sides and is nearly always an error. A number only
    missing from the translation is often a dropped detail; one only added is often a
    translator's addition (a date in brackets, a currency conversion), so alone it does
    not flag a pair."""
    if missing and extra:
        return 0.95
    if missing:
        return 0.7
    return 0.45 if extra else 0.0


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    def check(source: str, target: str) -> Finding:
        missing, extra = compare(source, target, context.source_lang, context.target_lang)
        reason = mismatch_reason("Numbers disagree", missing, extra)
        return number_risk(missing, extra), reason, mismatch_spans(source, target, missing, extra)

    return pairwise("numbers", pairs, check)


SIGNAL = Signal(
    "numbers", "numbers changed, dropped or added (Indonesian and English number formats understood)", compute
)
