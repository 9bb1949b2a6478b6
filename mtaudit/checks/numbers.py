"""Numbers that disagree between source and target.

Each number written in digits on one side must appear on the other, as digits or as a
word ("tiga" = "three" = 3). Digits are read with each language's conventions: Indonesian
writes "1.200" for twelve hundred and "1,5" for one and a half, English the reverse. A
target written in the source's convention ("Rp80.000" copied into English) is accepted
too. Scale words are applied ("1,5 triliun" = "1.5 trillion" = 1.5e12), "7 p.m." equals
"19.00", and month names stand for their numbers so that "24/5/2022" matches
"May 24, 2022".

Other scripts: Arabic-Indic and full-width digits are read as digits ("٣" = "３" = 3),
Chinese and Japanese scale characters apply ("300万" = 3 juta), numbers written in Chinese
characters count on the other side ("三" = 3), and French groups thousands with spaces
("1 200,5" = "1.200,5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from mtaudit.checks.base import CRITICAL, MAJOR, Check, Context, Finding, mismatch_reason, mismatch_spans, pairwise
from mtaudit.checks.number_words import (
    ADD_TEN,
    AMBIGUOUS_SCALES,
    ARTICLES,
    DECADE_NAMES,
    DECADES,
    MONTHS,
    MONTHS_ANY_CASE,
    MULTIPLIERS,
    NOT_NUMBERS,
    ORDINALS,
    SCALES,
    UNITS,
)
from mtaudit.languages import codes_where, language
from mtaudit.languages.cjk import CJK_DIGITS, CJK_LARGE_UNITS, CJK_SCALES, CJK_SMALL_UNITS

# Digits of other scripts and the Arabic decimal and thousands marks, as ASCII. One
# character for one, so positions in the text stay the same.
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９٫٬．", "0123456789" * 3 + ".,.")
_DEFAULT_CONVENTION = (",", ".")

_DIGITS = re.compile(
    r"(?<!\d)(?<!\d[.,:])(?P<number>\d+(?:(?:[.,\u00a0\u202f]|: ?| (?=\d{3}(?!\d)))\d+)*)"
    r"(?:\s*(?P<meridiem>[apAP])\.?[mM]\b\.?)?"
    r"(?:\s*(?P<next>[^\W\d_]+))?"
)
_WORD = re.compile(r"[^\W\d_]+")
# A decade written by its tens: "70-an", "the 70s", "the seventies", which may stand for "1970-an".
_DECADE_SUFFIX = re.compile(r"(?:-an|an|s|['’]s)\b")
# "Rp 50-100 million", "50 hingga 100 juta": the scale after a range applies to both ends.
_RANGE_SCALE = re.compile(r"\s*(?:-|–|to|hingga|sampai|s/d)\s*[\d.,]+\s*([^\W\d_]+)")


@dataclass(frozen=True)
class Mention:
    text: str  # as written, for the reason shown to the editor
    values: frozenset[float]
    scaled: bool = False  # a scale word after it was applied ("5 juta")


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


def digit_mentions(text: str, conventions: list[tuple[str, str]], keep_unscaled: bool = False) -> list[Mention]:
    """The numbers written with digits, each with every value it may mean (its scale word
    applied; also without it when ``keep_unscaled``)."""
    mentions = []
    original, text = text, text.translate(_ASCII_DIGITS)
    composites = list(_cjk_composites(text))
    mentions += [Mention(original[start:end], frozenset({value})) for start, end, value in composites]
    for match in _DIGITS.finditer(text):
        if any(start <= match.start() < end for start, end, _ in composites):
            continue
        readings = {read_digits(match["number"], c) for c in conventions} - {None}
        if " " in match["number"]:  # "2019 300 orang" may be two numbers, not 2019300
            readings |= {float(part) for part in match["number"].split(" ") if part.isdigit()}
        if not readings and ":" in match["number"]:  # a ratio or score: each side is a number
            mentions += [Mention(part, frozenset({float(part)})) for part in re.findall(r"\d+", match["number"])]
            continue
        values = {v * scale for v in readings for scale in _scales(match, text)} | (
            readings if keep_unscaled else set()
        )
        if (match["meridiem"] or "").lower() == "p":
            values |= {v + 12 for v in readings if v < 12}
        values |= _decade_values(match, text, readings)
        if values:
            scaled = values != readings
            mentions.append(Mention(original[match.start("number") : match.end("number")], frozenset(values), scaled))
    return mentions


def _decade_values(match: re.Match, text: str, readings: set[float]) -> set[float]:
    """Other values of digits that count decades: "2 dekade" may be "20 years", and the "70"
    of "the 70s" may be 1970 (or any century's seventies, but never a full year's tens: "the
    1450s" stays 1450, so it cannot pass for "1950-an")."""
    if (match["next"] or "").lower() in DECADES:
        return {v * 10 for v in readings}
    if _DECADE_SUFFIX.match(text, match.end("number")):
        return {year for v in readings if 10 <= v < 100 and v % 10 == 0 for year in decade_years(v)}
    return set()


def decade_years(tens: float) -> set[float]:
    """The decades a name by its tens may mean: the seventies of 1000 to 2000."""
    return {tens} | {century * 100 + tens for century in range(10, 21)}


# "16萬8千" = 168,000; "20世紀80年代" = the 1980s; "十四世紀五十年代" = the 1350s.
_CJK_NUMBER = "[0-9" + "".join([*CJK_DIGITS, *CJK_SMALL_UNITS]) + "]+"
_CJK_COMPOSITE = re.compile(r"(?P<high>\d+)(?P<large>[万萬億亿])(?P<low>\d+)(?P<small>[千百])")
_CJK_DECADE = re.compile(f"(?P<century>{_CJK_NUMBER})世[紀纪](?P<decade>{_CJK_NUMBER})年代")


def _cjk_composites(text: str):
    """(start, end, value) of numbers that Chinese and Japanese write in parts."""
    for match in _CJK_COMPOSITE.finditer(text):
        value = (
            int(match["high"]) * CJK_LARGE_UNITS[match["large"]] + int(match["low"]) * CJK_SMALL_UNITS[match["small"]]
        )
        yield match.start(), match.end(), float(value)
    for match in _CJK_DECADE.finditer(text):
        century, decade = _cjk_integer(match["century"]), _cjk_integer(match["decade"])
        yield match.start(), match.end(), float((century - 1) * 100 + decade)


def _cjk_integer(text: str) -> int:
    return int(text) if text.isdigit() else int(max(cjk_numeral_values(text), default=0))


def _scales(match: re.Match, text: str) -> tuple[float, ...]:
    word = match["next"] or ""
    if word[:1] in CJK_SCALES:  # "3千万人": 3e7
        scale = 1.0
        for character in word:
            if character not in CJK_SCALES:
                break
            scale *= CJK_SCALES[character]
        return (scale,)
    if word.lower() in SCALES:
        return (SCALES[word.lower()],)
    if word in AMBIGUOUS_SCALES:  # "833 M": million, or Masehi (AD), but never after "ke-" ("abad ke-6 M")
        ordinal = re.search(r"\bke-?\s?$", text[: match.start("number")], flags=re.IGNORECASE)
        return (1.0,) if ordinal else AMBIGUOUS_SCALES[word]
    ranged = _RANGE_SCALE.match(text, match.end("number"))
    if not word and ranged and ranged[1].lower() in SCALES:
        return (1.0, SCALES[ranged[1].lower()])
    return (1.0,)


def word_values(text: str) -> set[float]:
    """Numbers written as words (each run of number words read as one number, and each
    word on its own), ordinals, and month names as their numbers."""
    values: set[float] = set()
    for mention in spelled_out(text):
        values |= mention.values
    for word in (w.lower() for w in _WORD.findall(text)):
        if word in UNITS:
            values.add(UNITS[word])
        if word in ARTICLES:
            values.add(1)
        if word in MONTHS_ANY_CASE:
            values.add(MONTHS_ANY_CASE[word])
        if word in DECADE_NAMES:
            values |= decade_years(DECADE_NAMES[word])
    return values | cjk_numeral_values(text) | roman_numeral_values(text)


# A Roman numeral with an ordinal ending: how French writes centuries and reigns ("VIIIe
# siècle", "XXème", "Ier"). A bare one counts only after a ruler's name (REGNAL): elsewhere
# capital letters are too often initials to be read as numbers.
ROMAN_ORDINAL = re.compile(r"\b([IVXLC]{1,7})(?:e|er|ère|ème|eme)\b")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

# A ruler's number after the name ("Louis XIV", "Thutmose III", "Franz Joseph I."), which other
# scripts write in digits (ルイ14世). "I" alone only before a full stop or comma: "Yesterday I" is no reign.
REGNAL = re.compile(r"\b[A-Z][a-z]+ (?:([IVX]{2,5})\b|(I)(?=[.,]))")


def roman_numeral_values(text: str) -> set[float]:
    """The numbers of the Roman ordinals in a text ("VIIIe siècle" -> 8) and of rulers'
    numbers after a name ("Louis XIV" -> 14)."""
    regnal = {numeral for pair in REGNAL.findall(text) for numeral in pair if numeral}
    return {float(_roman(numeral)) for numeral in [*ROMAN_ORDINAL.findall(text), *regnal]}


def _roman(numeral: str) -> int:
    digits = [_ROMAN_DIGITS[letter] for letter in numeral]
    return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))


def number_word_mentions(text: str) -> list[Mention]:
    """Each run of number words read as one number: "twenty-five", "dua puluh lima"."""
    mentions = []
    for idiom in NOT_NUMBERS:
        text = re.sub(rf"\b{idiom}\b", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\band[- ]a[- ]half\b", "and half", text, flags=re.IGNORECASE)  # "six and a half million"
    for chunk in re.split(r"[,;:()]", text.replace("-", " ")):  # punctuation ends a run
        run: list[str] = []
        for original in _WORD.findall(chunk) + [""]:
            word = original.lower()
            if word in UNITS or word in MULTIPLIERS or word in ADD_TEN or word in SCALES or (word == "and" and run):
                run.append(original)
                continue
            while run and run[-1].lower() == "and":
                run.pop()
            if any(w.lower() in UNITS for w in run):  # a scale word alone belongs to the digits before it
                value = read_number_words([w.lower() for w in run])
                decades = {value * 10} if word in DECADES else set()  # "dua dekade": also 20 years
                mentions.append(Mention(" ".join(run), frozenset({value} | decades)))
            run = []
    return mentions


def spelled_out(text: str) -> list[Mention]:
    """Numbers a text spells out: number words, ordinals ("ketiga belas" = 13th),
    capitalised month names."""
    mentions = number_word_mentions(text)
    words = _WORD.findall(text)
    for position, original in enumerate(words):
        word = original.lower()
        if word in ORDINALS:
            teen = position + 1 < len(words) and words[position + 1].lower() in ADD_TEN
            mentions.append(Mention(original, frozenset({ORDINALS[word] + (10 if teen else 0)})))
        elif word in MONTHS and original[:1].isupper():
            mentions.append(Mention(original, frozenset({MONTHS[word]})))
    return mentions


_CJK_NUMERAL = re.compile("[" + "".join([*CJK_DIGITS, *CJK_SMALL_UNITS, *CJK_LARGE_UNITS]) + "]+")


def cjk_numeral_values(text: str) -> set[float]:
    """Numbers written in Chinese or Japanese characters: "三" = 3, "二十五" = 25, "三千万" = 3e7,
    and decades written by century ("十四世紀五十年代" = 1350)."""
    values: set[float] = {value for *_, value in _cjk_composites(text)} if "世" in text else set()
    for run in _CJK_NUMERAL.findall(text):
        total, section, digit = 0.0, 0.0, 0.0
        for character in run:
            if character in CJK_DIGITS:
                digit = CJK_DIGITS[character]
            elif character in CJK_SMALL_UNITS:
                section += (digit or 1) * CJK_SMALL_UNITS[character]
                digit = 0.0
            else:
                total = (total + section + digit) * CJK_LARGE_UNITS[character]
                section, digit = 0.0, 0.0
        values.add(total + section + digit)
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
    source_convention = language(source_lang).number_format or _DEFAULT_CONVENTION
    target_conventions = [language(target_lang).number_format or _DEFAULT_CONVENTION, source_convention]
    # Only languages whose scale words ("juta", "million", "万") are read may trust them. In any
    # other language "7.5 මිලියන" is read as 7.5, so the other side's "7.5 million" must match it too.
    unknown_scales = not (language(source_lang).reads_scale_words and language(target_lang).reads_scale_words)
    in_source = digit_mentions(source, [source_convention], unknown_scales)
    in_target = digit_mentions(target, target_conventions, unknown_scales)
    missing = written_elsewhere(unmatched(in_source, in_target, word_values(target)), in_source, in_target)
    extra = written_elsewhere(unmatched(in_target, in_source, word_values(source)), in_target, in_source)
    if extra:  # "lima belas tahun" -> "25年", "April" -> "2月": the source's word is what changed
        missing += unmatched(spelled_out(source), in_target, word_values(target))
    return missing, extra


def written_elsewhere(numbers: list[str], side: list[Mention], other_side: list[Mention]) -> list[str]:
    """The numbers not written exactly the same on the other side: "833" is "833" whatever a
    word after one of them may suggest ("833 M" = 833 AD, "2900千瓦" = 2900 kilowatts), unless
    both carry a scale that differs ("5 juta" is not "5 billion")."""
    scaled = {m.text for m in side if m.scaled}
    written = {m.text: m.scaled for m in other_side}
    return [n for n in numbers if n not in written or (written[n] and n in scaled)]


def one_digit_changed(extra: list[str], source: str) -> bool:
    """An added number that is a source number with one digit changed ("2003" -> "9003"):
    a typo or a changed figure, not a translator's addition."""
    written = {m.group() for m in re.finditer(r"\d+", source.translate(_ASCII_DIGITS))}
    for number in extra:
        digits = re.sub(r"\D", "", number.translate(_ASCII_DIGITS))
        if any(len(w) == len(digits) > 1 and sum(a != b for a, b in zip(w, digits)) == 1 for w in written):
            return True
    return False


def number_risk(missing: list[str], extra: list[str], near_miss: bool = False) -> float:
    """A number changed shows on both sides and is nearly always an error. A number only
    missing from the translation is often a dropped detail; one only added is often a
    translator's addition (a date in brackets, a currency conversion), so alone it does
    not flag a pair, unless it is a near miss of a source number (``one_digit_changed``)."""
    if (missing or near_miss) and extra:
        return 0.95
    if missing:
        return 0.7
    return 0.45 if extra else 0.0


def number_severity(missing: list[str], extra: list[str], near_miss: bool) -> str:
    """A number changed misinforms (critical); one only dropped or only added is an omission
    or an addition (major)."""
    return CRITICAL if (missing or near_miss) and extra else MAJOR


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    severities: dict[tuple[str, str], str] = {}

    def check(source: str, target: str) -> Finding:
        missing, extra = compare(source, target, context.source_lang, context.target_lang)
        reason = mismatch_reason("Numbers disagree", missing, extra)
        near_miss = bool(extra) and not missing and one_digit_changed(extra, source)
        severities[(source, target)] = number_severity(missing, extra, near_miss) if reason else ""
        return number_risk(missing, extra, near_miss), reason, mismatch_spans(source, target, missing, extra)

    frame = pairwise("numbers", pairs, check)
    frame["numbers_severity"] = [severities.get(pair, "") for pair in zip(pairs["source"], pairs["target"])]
    return frame


CHECK = Check(
    "numbers",
    "numbers changed, dropped or added (digits of any script; number words and formats of "
    + ", ".join(sorted(codes_where(lambda known: known.reads_scale_words)))
    + ")",
    compute,
    severity=CRITICAL,
    category="number",
    decisive=CRITICAL,
)
