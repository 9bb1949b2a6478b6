"""What mtaudit knows of each language, in one place: one module per language it knows well
(its script, sentence rules, number conventions and words, negators, whether names and word
order can be compared, the similarity anchors), ``others.py`` for the languages it knows
only a little of, and ``codes.py`` for the codes it accepts. Checks ask ``language(code)``
and never keep lists of their own.

Adding a language: write ``languages/<name>.py`` with a ``LANGUAGE`` (see ``malay.py``),
list it in ``_MODULES`` below, and add tests for what it states.
"""

from __future__ import annotations

from collections.abc import Callable

from mtaudit.languages import arabic, chinese, czech, english, french, german, indonesian, japanese, malay, others
from mtaudit.languages.base import Language, NumberWords
from mtaudit.languages.codes import SUPPORTED, normalise, supported

_MODULES = (indonesian, english, french, arabic, chinese, japanese, german, czech, malay)
LANGUAGES: dict[str, Language] = {
    entry.code: entry for entry in (*(module.LANGUAGE for module in _MODULES), *others.LANGUAGES)
}


def language(code: str) -> Language:
    """What is known of ``code`` (a region or langdetect's ``zh-cn`` counts as its
    language); a language with no entry gets the defaults: nothing known."""
    base = code.split("-")[0]
    return LANGUAGES.get(base) or Language(base, SUPPORTED.get(base, code))


def codes_where(test: Callable[[Language], object]) -> frozenset[str]:
    """The codes of the languages for which ``test`` holds (what a check applies to)."""
    return frozenset(code for code, entry in LANGUAGES.items() if test(entry))


def number_words(kind: str) -> dict:
    """One kind of number word (a ``NumberWords`` field) of every language, merged: a text
    may quote another language's number words ("Rp1,5 triliun" in an English edition)."""
    merged: dict = {}
    for entry in LANGUAGES.values():
        merged.update(getattr(entry.numbers, kind))
    return merged


__all__ = ["LANGUAGES", "Language", "NumberWords", "codes_where", "language", "normalise", "number_words", "supported"]
