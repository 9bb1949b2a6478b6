import pytest

from mtaudit.checks.subject import has_finite_verb, subjectless_verb

SEED = (
    "On Tuesday joined the democratic leaders of Japan, India and Australia, collectively known as the Quad, "
    "for their second face-to-face meeting."
)


@pytest.mark.parametrize(
    "sentence, verb",
    [
        (SEED, "joined"),
        ("Meanwhile, went to the market to buy rice.", "went"),
        ("On Monday was announced that the toll road will open.", "was"),
        ("Separately, said the ministry will review the policy.", "said"),
        ("On Tuesday also reviewed the Sayung toll gate with the Governor.", "reviewed"),
        ("Joined the meeting on Tuesday via video link.", "joined"),
        ("Defused a second car bomb in the Georgian capital, Tbilisi.", "defused"),
        ("Met his wife, Elaine, while filming in 1979.", "met"),
        ("Calls on the United States and Britain to condemn the government.", "calls"),
        ("On Tuesday abandoned attempts to send flood aid to the North.", "abandoned"),
        ("After the meeting joined the leaders for dinner.", "joined"),
        ("Keeps rising because the flood is still coming.", "keeps"),
        ("In 1856 broke out; the Chinese were again defeated.", "broke"),
        ("Were wounded.", "were"),
        ("Said sanctions could not resolve the issue.", "said"),
        ("Told reporters that a motorcyclist approached from behind.", "told"),
        ("Put simply: joined the meeting on Tuesday via video link.", "joined"),  # after a label
        ("Said: the plan would not change.", "said"),  # a verb is not a label
    ],
)
def test_subjectless_sentences_are_caught(sentence, verb):
    assert subjectless_verb(sentence) == verb


@pytest.mark.parametrize(
    "sentence",
    [
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
        "In the United States, three people have been charged.",
        "Next month's event would have been the third marathon.",
        "However, do not come on Sunday.",
        "Ships from China and the Philippines have been confronting each other.",
        "After we opened the boxes, we sent the food.",
        "After its progress had stalled at No. 96, the album climbed to No. 31.",
        "With regards to religious practices, Fiorello was educated.",
        "Before the Andes were formed, the margin had been the site of orogenies.",
        "In his annual televised phone-in, Mr Putin rejected calls for a re-run.",
        "Given the risk, the minister delayed the plan.",
    ],
)
def test_sentences_with_a_subject_or_exempt_forms_pass(sentence):
    assert subjectless_verb(sentence) is None


def test_verbless_sentence_is_recognised():
    assert not has_finite_verb("The president of Indonesia in Jakarta on Monday morning.")
    assert has_finite_verb("The president arrived in Jakarta on Monday morning.")


@pytest.mark.parametrize(
    "sentence",
    [
        # false flags on real MT that had a subject (issue 14)
        "Contaminated air from China can now be measured in the US.",
        "At least four others were injured in the attack.",
        "Details about where and when the meeting will take place are unclear.",
        "When Florenzi has played in qualifying, Italy has collected maximum points.",
        # and in the tuning references
        "Shortly after that I moved back to Tennessee.",
        "Said another passenger Lee Sang-gyu.",
        "And for most of us, says Arthur Benjamin, the answer is no.",
        "Let me paint a picture for you.",
        "May I introduce Major General Albert Stubblebine III.",
        "Phrased another way: young males are less likely to join a rebellion.",  # a label, then a subject
    ],
)
def test_subjects_after_participles_quantities_clauses_and_inversions_are_seen(sentence):
    assert subjectless_verb(sentence) is None


def test_a_verbless_translation_of_a_verbless_source_is_not_reported():
    import pandas as pd

    from mtaudit.checks.base import Context
    from mtaudit.checks.subject import compute, source_has_verb

    assert not source_has_verb("Valtteri Bottas (Finlandia) Williams-Mercedes 18.", "id")
    assert source_has_verb("Presiden meninjau lokasi banjir di Pekalongan.", "id")
    pairs = pd.DataFrame(
        {
            "source": ["Valtteri Bottas (Finlandia) Williams-Mercedes 18.", "Presiden meninjau lokasi banjir kemarin."],
            "target": [
                "Valtteri Bottas (Finland) Williams-Mercedes team car 18.",
                "The president of Indonesia in Jakarta on Monday morning.",
            ],
        }
    )
    result = compute(pairs, Context(None, "id", "en"))
    assert result["subject_risk"].tolist() == [0.0, 0.6]


def test_an_opener_the_source_has_word_for_word_is_a_title_not_a_fronted_phrase():
    import pandas as pd

    from mtaudit.checks.base import Context
    from mtaudit.checks.subject import compute

    pairs = pd.DataFrame(
        {
            "source": [
                "On a Wing and a Prayer (1992) mempertemukannya kembali dengan rekannya, Egan.",
                "Pada hari Selasa para pemimpin Jepang, India dan Australia bergabung.",
            ],
            "target": [
                "On a Wing and a Prayer (1992) reunited him with his partner Egan.",
                "On Tuesday joined the leaders of Japan, India and Australia.",
            ],
        }
    )
    assert compute(pairs, Context(None, "id", "en"))["subject_risk"].tolist() == [0.0, 0.95]


def test_on_demand_lexicon_answers_as_lemminflect_itself():
    """The on-demand tables must give lemminflect's own answers: every word of both tables
    is compared with the tables its own loaders build."""
    from lemminflect import Inflections, Lemmatizer
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec

    from mtaudit.languages.lexicon import _LazyTable, inflections, lemmas

    assert lemmas("joined", "VERB") == {"VERB": ("join",)} and inflections("be", "VERB")["VBD"] == ("was", "were")
    lazy_lemmas, lazy_inflections = Lemmatizer().lemma_dict, Inflections().infl_dict
    assert isinstance(lazy_lemmas, _LazyTable) and isinstance(lazy_inflections, _LazyTable)
    own_lemmas = LemmaLUCodec.load(Lemmatizer().lemma_lu_fn)
    own_inflections = InflectionLUCodec.load(Inflections().infl_lu_fn)
    assert len(own_lemmas) > 60_000 and len(own_inflections) > 30_000
    assert all(lazy_lemmas.get(word) == entry for word, entry in own_lemmas.items())
    assert all(lazy_inflections.get(word) == entry for word, entry in own_inflections.items())
    assert lazy_lemmas.get("qzxv") is None and lazy_inflections.get("qzxv", {}) == {}


def test_a_translation_left_in_the_source_language_gets_no_grammar_reason():
    """English grammar says nothing about Indonesian text: the untranslated and language checks
    say what is wrong. A translation that keeps only the source's names is English and judged."""
    import pandas as pd

    from mtaudit.checks.base import Context
    from mtaudit.checks.subject import compute, reads_as_source

    untranslated = "Menurut mereka, tanggul tersebut sudah rusak sejak tahun lalu."
    assert reads_as_source(untranslated, untranslated)
    assert not reads_as_source(
        "Joko Widodo met Anwar Ibrahim in Jakarta.", "Joko Widodo bertemu Anwar Ibrahim di Jakarta."
    )
    pairs = pd.DataFrame(
        {
            "source": [untranslated, "Pada Selasa, Presiden juga meninjau gerbang tol Sayung."],
            "target": [untranslated, "On Tuesday also reviewed the Sayung toll gate."],
        }
    )
    result = compute(pairs, Context(None, "id", "en"))
    assert result["subject_risk"].tolist() == [0.0, 0.95]
