"""The benchmark's corruptions: independent of the checks they measure."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from mtaudit.evaluation import corrupt
from mtaudit.evaluation.corrupt import subject_dropped, word_untranslated


@pytest.mark.parametrize(
    "sentence, dropped",
    [
        (
            "On Tuesday, the President joined the democratic leaders of Japan, India and Australia.",
            "On Tuesday joined the democratic leaders of Japan, India and Australia.",
        ),
        ("The police said the road was closed.", "Said the road was closed."),
        ("Floods submerged 3,400 houses in Pekalongan City.", "Submerged 3,400 houses in Pekalongan City."),
        ("Several of them were summoned to appear for questioning.", "Were summoned to appear for questioning."),
    ],
)
def test_dropping_the_subject_leaves_the_verb_first(sentence, dropped):
    assert subject_dropped(sentence, "", "", random.Random(0)) == dropped


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents who inhabited the area have been complaining for weeks.",  # a relative clause in the subject
        "Al Qaeda leader killed",  # a headline: nothing would be left to read
        "The treatment uses targeted ultrasound, rather than surgery.",  # "targeted" describes a noun
        "Jakarta is a big city.",  # "Is a big city" reads as a question, not a dropped subject
        '"We added one trip," he said.',  # a quotation
    ],
)
def test_dropping_the_subject_leaves_other_sentences_alone(sentence):
    assert subject_dropped(sentence, "", "", random.Random(0)) is None


def test_a_word_left_untranslated_is_an_affixed_indonesian_word_of_the_source():
    source = "Pedagang mengeluhkan penurunan jumlah pembeli di pasar."
    target = "Traders complained of a decrease in the number of buyers at the market."
    for seed in range(20):
        faulty = word_untranslated(target, source, "", random.Random(seed))
        new = set(re.findall(r"\w+", faulty)) - set(re.findall(r"\w+", target))
        assert len(new) == 1 and new <= {"mengeluhkan", "penurunan", "pembeli"}


def test_corruptions_are_written_without_the_checks_word_lists():
    # a fault made with a check's own lists (the subject check's lexicon, the untranslated
    # check's word frequencies) would measure how well the check agrees with itself
    code = Path(corrupt.__file__).read_text(encoding="utf-8")
    imported = set(re.findall(r"^\s*(?:from|import) ([\w.]+)", code, flags=re.MULTILINE))
    assert not {name for name in imported if name.startswith(("mtaudit.checks", "wordfreq"))}
