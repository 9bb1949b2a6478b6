import pytest

from mtaudit.signals.subject import has_finite_verb, subjectless_verb

SEED = ("On Tuesday joined the democratic leaders of Japan, India and Australia, collectively known as the Quad, "
        "for their second face-to-face meeting.")


@pytest.mark.parametrize("sentence, verb", [
    (SEED, "joined"),
    ("Meanwhile, went to the market to buy rice.", "went"),
    ("On Monday was announced that the toll road will open.", "was"),
    ("Separately, said the ministry will review the policy.", "said"),
    ("On Tuesday also reviewed the Sayung toll gate with the Governor.", "reviewed"),
    ("Joined the meeting on Tuesday via video link.", "joined"),
])
def test_subjectless_sentences_are_caught(sentence, verb):
    assert subjectless_verb(sentence) == verb


@pytest.mark.parametrize("sentence", [
    "Read more about the election results.",  # imperative
    "Please send your comments to the editor.",
    "The bill was passed by parliament on Monday.",  # passive with a subject
    "There is no evidence of fraud, the police said.",
    '"Not again, not this year," he said.',  # quotation
    "Tu-95 And H-6 Bombers Patrol Together In East China Sea",  # headline
    "Why did the minister resign?",
    "In the meeting held on Tuesday, officials said the plan was ready.",
    "Accompanied by his wife, Jokowi arrived in Solo.",
    "Among the victims were two children.",
    "Last week the government announced new measures.",
    "About 1,200 workers were involved in the construction.",
    "Over 200 people were killed in the quake.",
    "According to the police, the suspect fled to Bandung.",
])
def test_sentences_with_a_subject_or_exempt_forms_pass(sentence):
    assert subjectless_verb(sentence) is None


def test_verbless_sentence_is_recognised():
    assert not has_finite_verb("The president of Indonesia in Jakarta on Monday morning.")
    assert has_finite_verb("The president arrived in Jakarta on Monday morning.")
