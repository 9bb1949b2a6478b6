"""Malay, added as one module (``mtaudit/languages/malay.py``) plus its line in the registry:
the proof that a language is one file. Each test holds the module to something it states."""

from __future__ import annotations

import pytest

from mtaudit.checks import names, negation
from mtaudit.checks.negation import negators
from mtaudit.checks.numbers import compare
from mtaudit.input.segment import split_sentences
from mtaudit.languages import language, normalise


@pytest.mark.parametrize("code", ["ms", "MS", "msa", "zsm", "ms-MY"])
def test_malay_codes_are_accepted(code):
    assert normalise(code) == "ms"
    assert language(normalise(code)).name == "Malay"


def test_the_checks_that_need_language_knowledge_take_malay_from_the_registry():
    for check in (names.CHECK, negation.CHECK):
        assert check.applies_to("ms"), check.name


def test_company_and_title_abbreviations_do_not_end_a_sentence():
    text = "Maju Sdn. Bhd. menafikan dakwaan itu. En. Ahmad berkata demikian di Jln. Ampang semalam."
    assert split_sentences(text, "ms") == [
        "Maju Sdn. Bhd. menafikan dakwaan itu.",
        "En. Ahmad berkata demikian di Jln. Ampang semalam.",
    ]


@pytest.mark.parametrize(
    "source, target",
    [
        ("Nilainya mencapai Rp1,5 triliun.", "Nilainya mencapai Rp1.5 trilion."),  # Malay writes 1.5 like English
        ("Harganya Rp1.250.000 per ton.", "Harganya RM1,250,000 setan."),
        ("8 orang tewas.", "Lapan orang terbunuh."),
        ("Rapat digelar pada 5 Agustus.", "Mesyuarat diadakan pada 5 Ogos."),
        ("Ia menjadi juara kedelapan.", "Dia menjadi juara kelapan."),
    ],
)
def test_malay_numbers_agree_with_the_indonesian_source(source, target):
    assert compare(source, target, "id", "ms") == ([], [])


def test_a_changed_malay_number_is_found():
    assert compare("9 orang tewas.", "Lapan orang terbunuh.", "id", "ms") == (["9"], [])
    assert compare("Nilainya Rp1,5 triliun.", "Nilainya RM1.5 bilion.", "id", "ms") != ([], [])


def test_malay_negation_is_counted_and_its_idioms_are_not():
    assert negators("Menteri itu tidak hadir.", "ms") == ["tidak"]
    assert negators("Ia bukan sahaja murah tetapi cepat.", "ms") == []
    assert negators("Menteri itu hadir.", "ms") == []
