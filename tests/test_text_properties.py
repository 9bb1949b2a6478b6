"""Random and hostile text never crashes the text-level checks or the segmenter."""

from hypothesis import given, settings
from hypothesis import strategies as st

from mtaudit.checks.numbers import compare
from mtaudit.checks.repetition import repeated_phrases
from mtaudit.checks.subject import has_finite_verb, subjectless_verb
from mtaudit.input.segment import split_sentences

WORDS = st.sampled_from(
    [
        "On",
        "Tuesday",
        "joined",
        "the",
        ",",
        "was",
        "held",
        "As",
        "a",
        "result",
        "If",
        "he",
        "1,200",
        "Rp1,5",
        "triliun",
        "twenty-one",
        "U.S.",
        "Dr.",
        ".",
        "?",
        '"',
        "and",
        "were",
        "Meanwhile",
        "Do",
        "not",
        "Accompanied",
        "by",
        "Jl.",
        "24/5/2022",
        "19.00",
        "p.m.",
        "9:1",
        "1:100",
        "2-1",
        "10.000:1",
    ]
)
NEWSY = st.lists(WORDS, max_size=30).map(" ".join)
ANY_TEXT = st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, ANY_TEXT))
def test_english_checks_accept_any_text(text):
    verb = subjectless_verb(text)
    assert verb is None or verb in text.lower()
    has_finite_verb(text)
    repeated_phrases(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, ANY_TEXT), st.one_of(NEWSY, ANY_TEXT))
def test_number_comparison_accepts_any_text_and_is_reflexive(source, target):
    compare(source, target, "id", "en")
    assert compare(target, target, "en", "en") == ([], [])


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, ANY_TEXT))
def test_segmentation_keeps_every_word(text):
    sentences = split_sentences(text, "en")
    assert " ".join(sentences).split() == text.split()
