"""Words that stand for numbers, every language's merged: scale words after digits
("1,5 triliun", "3 millions"), number words read in runs ("dua puluh lima", "twenty-five",
"vingt-cinq"), ordinals and month names. Each language states its own in
``mtaudit/languages/`` (numbers in Chinese characters: ``languages/cjk.py``); a text may quote
another language's ("Rp1,5 triliun" in an English edition), so the numbers check reads them all.
"""

from __future__ import annotations

from mtaudit.languages import LANGUAGES, number_words

SCALES = number_words("scales")
AMBIGUOUS_SCALES = {"M": (1e6, 1e9), "T": (1e12,)}  # "833 M": million or billion; "T": trillion
UNITS = number_words("units")
MULTIPLIERS = number_words("multipliers")
ORDINALS = number_words("ordinals")
DECADE_NAMES = number_words("decade_names")
MONTHS = number_words("months")
MONTHS_ANY_CASE = number_words("months_any_case")
ADD_TEN = frozenset().union(*(entry.numbers.add_ten for entry in LANGUAGES.values()))
ARTICLES = frozenset().union(*(entry.numbers.articles for entry in LANGUAGES.values()))
DECADES = frozenset().union(*(entry.numbers.decades for entry in LANGUAGES.values()))
NOT_NUMBERS = tuple(phrase for entry in LANGUAGES.values() for phrase in entry.numbers.not_numbers)
