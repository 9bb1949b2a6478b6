"""The fluency check, the negation idioms, and names that nothing in the source matches
(the estimated quality has ``test_estimator.py``)."""

from __future__ import annotations

import pandas as pd
import pytest

from mtaudit.checks.base import Context
from mtaudit.checks.fluency import BigramModel, sentence_score, shipped_model
from mtaudit.checks.fluency import compute as fluency_compute
from mtaudit.checks.names import compute as names_compute
from mtaudit.checks.names import names
from mtaudit.checks.negation import carries_negation, negators, without_negators
from mtaudit.checks.negation import compute as negation_compute
from mtaudit.evaluation.fluency_fit import count_bigrams

SOURCE = "Pemerintah akan membangun jembatan baru di atas sungai itu tahun depan."
TARGET = "The government will build a new bridge over the river next year."


def test_fluency_scores_shuffled_english_as_garbled_and_points_at_a_rare_step():
    shuffled = "bridge next will river the government a year over new build The."
    result = fluency_compute(pd.DataFrame({"source": [SOURCE, SOURCE], "target": [TARGET, shuffled]}), None)
    assert result["fluency_risk"][0] == 0.0
    assert result["fluency_risk"][1] >= 0.5 and "garbled" in result["fluency_reason"][1]
    ((side, start, end),) = result["fluency_spans"][1]
    assert side == "target" and 0 <= start < end <= len(shuffled)


def test_fluency_leaves_short_texts_alone():
    assert sentence_score(shipped_model(), "Jakarta, Monday.") is None


def test_bigram_counts_cover_sentence_boundaries_and_classes():
    counts = count_bigrams(["The cat sat on the mat.", "Ali paid 5 dollars."], ["the", "on"])
    assert counts[("<s>", "the")] == 1 and counts[("the", "<word>")] == 2
    assert counts[("<s>", "<Word>")] == 1 and counts[("<word>", "<number>")] == 1 and counts[(".", "</s>")] == 2
    model = BigramModel(frozenset(["the", "on"]), counts, fluent=-2.0, garbled=-3.0)
    assert model.risk(-1.5) == 0.0 and model.risk(-2.5) == 0.5 and model.risk(-4.0) == 1.0


@pytest.mark.model
def test_negation_idioms_and_negating_words_are_not_mismatches(encoder):
    assert negators("Paling tidak dua belas orang tewas.", "id") == []
    assert negators("Ia tidak hanya menyanyi tetapi juga menari.", "id") == []
    assert negators("It violated Bylaw No. 8/2007.", "en") == []
    assert carries_negation("Unidentified men took him away.", "en")
    assert carries_negation("The project has yet to receive approval.", "en")
    assert not carries_negation("The United Nations met in the capital.", "en")
    pairs = pd.DataFrame(
        {
            "source": ["Orang tidak dikenal membawanya pergi.", "Polisi tidak menemukan bukti."],
            "target": ["Unidentified men took him away.", "The police found evidence."],
        }
    )
    result = negation_compute(pairs, Context(encoder))
    assert result["negation_risk"].tolist() == [0.0, 1.0]
    assert "Negation lost" in result["negation_reason"][1]


@pytest.mark.model
def test_a_name_nothing_in_the_source_matches_is_flagged(encoder):
    source = "Presiden Joko Widodo bertemu dengan perdana menteri Malaysia di Jakarta pada hari Senin."
    right = "President Joko Widodo met the Malaysian prime minister in Jakarta on Monday."
    swapped = "President Joko Widodo met the Malaysian prime minister in Sweden on Monday."
    pairs = pd.DataFrame({"source": [source, source], "target": [right, swapped]})
    result = names_compute(pairs, Context(encoder))
    assert result["names_risk"][0] == 0.0
    assert result["names_risk"][1] >= 0.7 and "'Sweden'" in result["names_reason"][1]


@pytest.mark.model
def test_french_words_that_negate_by_themselves_are_not_mismatches(encoder):
    assert carries_negation("La mer des Caraïbes était inconnue des Européens.", "fr")
    assert carries_negation("Il est parti au lieu d’attendre.", "fr")
    assert not carries_negation("Le prix du riz a augmenté cette semaine.", "fr")
    pairs = pd.DataFrame(
        {
            "source": ["Laut Karibia tidak diketahui oleh orang Eropa.", "Polisi tidak menemukan bukti."],
            "target": ["La mer des Caraïbes était inconnue des Européens.", "La police a trouvé des preuves."],
        }
    )
    assert negation_compute(pairs, Context(encoder, target_lang="fr"))["negation_risk"].tolist() == [0.0, 0.5]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Otherwise the climate would be very hot.", "en"),
        ("It came too late to make much difference.", "en"),
        ("Sinon, le climat serait très chaud.", "fr"),
        ("Il était trop tard pour changer quoi que ce soit.", "fr"),
        ("يساهم الارتفاع الكبير في تبريد المناخ، وإلا كان شديد الحرارة.", "ar"),
        ("高海拔使气候凉爽，否则会非常炎热。", "zh"),
        ("さもなければ気候は非常に暑くなる。", "ja"),
        ("Sudah terlambat untuk membuat banyak perbedaan.", "id"),
        ("Bintang itu terlalu kecil untuk dilihat.", "id"),
        ("Mereka tak akan kesulitan menjual anggur itu.", "id"),
    ],
)
def test_otherwise_and_too_late_to_carry_a_negation(text, lang):
    """'jika tidak' rendered 'otherwise', 'too late to make a difference' rendered 'made no
    difference': the negation moved into a word, and neither side is a mismatch."""
    assert carries_negation(text, lang)


@pytest.mark.model
def test_a_lost_negation_beside_those_words_in_another_sentence_is_still_flagged(encoder):
    pairs = pd.DataFrame(
        {
            "source": ["Iklimnya sejuk, jika tidak tentu sangat panas.", "Polisi tidak menemukan bukti."],
            "target": ["The climate is cool; otherwise it would be very hot.", "The police found evidence."],
        }
    )
    assert negation_compute(pairs, Context(encoder))["negation_risk"].tolist() == [0.0, 1.0]


@pytest.mark.model
def test_a_negation_carried_by_other_words_or_quoted_from_the_source_is_not_a_mismatch(encoder):
    """Correct PUD wiki translations (tuning rows) whose negators do not match, each reading
    no closer to its source with the negator taken out; beside them the same sources with
    the negation really lost or added, which do."""
    lenny = "Lenny adalah bujangan gigih yang tidak beruntung dalam urusan perempuan."
    spared = "Ini ada kaitannya dengan salah satu dari beberapa gedung di pusat kota yang tidak hancur pada akhir Perang Dunia II."
    song = (
        'Rafferty merekam versi baru lagu Humblebums "Her Father Didn\'t Like Me Anyway" di album Over My Head (1994).'
    )
    building = "This has to do with one of the few buildings in the city center that was {} by the end of the Second World War."
    rafferty = 'Rafferty recorded a new version of his Humblebums song "Her Father Didn\'t Like Me Anyway" on the album Over My Head (1994).'
    pairs = pd.DataFrame(
        {
            "source": [lenny, spared, song, lenny, spared],
            "target": [
                "Lenny is a persistent bachelor who has poor luck with women.",
                building.format("spared from destruction"),
                rafferty,
                "Lenny is a persistent bachelor who is lucky with women.",
                building.format("destroyed"),
            ],
        }
    )
    result = negation_compute(pairs, Context(encoder))
    assert result["negation_risk"].tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]
    assert result["negation_reason"][3].startswith("Negation lost: the source says 'tidak'")


@pytest.mark.model
def test_a_negation_added_in_english_or_lost_in_chinese_is_found_but_counts_half_outside_english(encoder):
    pairs = pd.DataFrame(
        {
            "source": ["Polisi menemukan bukti di rumah itu.", "Polisi tidak menemukan bukti di rumah itu."],
            "target": ["The police did not find evidence in the house.", "警方在那所房子里发现了证据。"],
        }
    )
    added = negation_compute(pairs.iloc[:1], Context(encoder))
    assert added["negation_risk"].tolist() == [1.0]
    assert added["negation_reason"][0] == "Negation added: the translation says 'not' but the source is not negative."
    chinese = negation_compute(pairs.iloc[1:], Context(encoder, target_lang="zh"))
    assert chinese["negation_risk"].tolist() == [0.5] and chinese["negation_severity"].tolist() == ["major"]


@pytest.mark.model
def test_a_clearly_flipped_negation_is_critical_and_flags_the_pair_whatever_the_combination_says(encoder):
    from mtaudit.risk import Combiner, score

    pairs = pd.DataFrame(
        {
            "doc": "d",
            "source": ["Polisi tidak menemukan bukti.", "Polisi menemukan bukti."],
            "target": ["The police found evidence.", "The police found evidence."],
        }
    )
    checked = pairs.join(negation_compute(pairs, Context(encoder)))
    assert checked["negation_severity"].tolist() == ["critical", ""]
    scored = score(checked, 0.5, Combiner({"negation": 0.1}, -5.0))  # negation counts for almost nothing here
    assert scored["flagged"].tolist() == [True, False] and scored["risk"][0] >= 0.95
    assert scored["reasons"][0].startswith("Negation lost") and scored["severity"][0] == "critical"


def test_taking_negators_out_leaves_idioms_and_the_rest_of_the_words():
    assert without_negators("Paling tidak dua orang tidak datang.", "id") == "Paling tidak dua orang datang."
    assert without_negators("He didn't go and is not staying.", "en") == "He did go and is staying."
    assert without_negators("La police n'a rien trouvé.", "fr") == "La police a trouvé."


def test_names_are_not_read_from_capitals_in_german():
    assert names("Der Präsident traf gestern die Ministerin im Bundestag.", "de") == set()


def test_negation_is_not_judged_from_a_source_language_without_a_list():
    pairs = pd.DataFrame({"source": ["Ел не е дошъл."], "target": ["He has not come."]})
    result = negation_compute(pairs, Context(None, source_lang="bg"))
    assert result["negation_risk"][0] == 0.0 and result["negation_reason"][0] == ""


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("La zone ne représente qu'environ 11% du continent.", "fr", []),  # ne ... que = only
        ("C'est la personne la plus connue du pays.", "fr", []),
        ("Il ne parle pas français.", "fr", ["ne", "pas"]),
        ("Avant que les Slaves ne s'y installent, les Germains passèrent.", "fr", []),  # expletive ne
        ("Il n'a pas dit que c'était faux.", "fr", ["n'", "pas"]),  # ne ... pas ... que negates
        ("Il ne viendra pas avant que tu partes.", "fr", ["ne", "pas"]),
        ("لا سيما أن الحكومة أرادت منع التصدير.", "ar", []),  # especially
        ("تضم هوراً صغيراً لا يزال مملوءاً بالماء.", "ar", []),  # still
        ("لم يحضر الرئيس الاجتماع.", "ar", ["لم"]),
        ("لم يحضر الاجتماع إلا ثلاثة وزراء.", "ar", []),  # lam ... illa = only
        ("Its customers are not limited to Jakartans.", "en", []),  # = not only
        ("Mereka tak akan kesulitan menjual anggur itu.", "id", []),  # = easily
        ("لا يمكن للتاريخ الأخير إلا أن يوافق يوم الجمعة.", "ar", []),
        ("1年の間でたった7日ほどしかありません。", "ja", []),  # shika ... masen = only
        ("彼は必ず来る。", "ja", []),
        ("大統領は会議に出席しなかった。", "ja", ["なかっ"]),
        ("政府は対策を講じなければならないと述べた。", "ja", []),  # must
        ("あしたの 朝 洗濯を しなければ なりません。", "ja", []),  # must, written with spaces
        ("この道は狭いので危ないです。", "ja", []),  # dangerous
        ("魚が少ないです。", "ja", []),  # few
        ("被害は少なくなかった。", "ja", ["なかっ"]),  # not few
        ("きっと高いに違いありません。", "ja", []),  # surely
        ("一緒に旅行に行きませんか。", "ja", []),  # shall we
        ("他非常高兴，未来可期。", "zh", []),  # very; future
        ("总统没有出席会议。", "zh", ["没"]),
    ],
)
def test_negators_leave_out_what_only_looks_negative(text, lang, expected):
    assert negators(text, lang) == expected


@pytest.mark.model
def test_a_french_name_after_an_elided_article_is_the_sources_name(encoder):
    """The French "l'Italie" writes the source's "Italia"; the swapped name beside it is still reported."""
    source = "Anggur ini berasal dari Apulia di Italia selatan."
    target = "Ce vin vient de Poméranie, dans le sud de l'Italie."
    result = names_compute(pd.DataFrame({"source": [source], "target": [target]}), Context(encoder, "id", "fr"))
    reason = result["names_reason"][0]
    assert "'Apulia'" in reason and "'Poméranie'" in reason and "Italia" not in reason


def test_names_close_in_meaning_are_one_name_in_two_languages():
    """An exonym ("Karibia" written "Caraïbes") is the same name; a name whose words' vectors
    are far from the dropped one's is a swap and stays."""
    import numpy as np

    from mtaudit.checks.names import SAME_NAME_MEANING, same_names_by_meaning
    from mtaudit.checks.wordalign import WordAlignment
    from mtaudit.model.words import Words

    source, target = "Badai dari Karibia tiba.", "La tempête des Caraïbes arrive."
    source_words = Words([(0, 5), (6, 10), (11, 18), (19, 23)], np.eye(4, dtype=np.float32))
    target_words = Words([(0, 2), (3, 10), (11, 14), (15, 23), (24, 30)], np.eye(5, dtype=np.float32))

    def alignment(name_similarity: float) -> WordAlignment:
        similarity = np.full((4, 5), 0.2, dtype=np.float32)
        similarity[2, 3] = name_similarity  # Karibia x Caraïbes
        return WordAlignment(source_words, target_words, similarity)

    close = same_names_by_meaning(["Karibia"], {"Caraïbes"}, source, target, alignment(SAME_NAME_MEANING + 0.05))
    assert close == ({"Karibia"}, {"Caraïbes"})
    far = same_names_by_meaning(["Karibia"], {"Caraïbes"}, source, target, alignment(SAME_NAME_MEANING - 0.2))
    assert far == (set(), set())


def test_an_everyday_word_inside_a_name_may_be_translated_by_a_word():
    """Indonesian "Dinasti" (dynasty) opens a name and is a plain word in French: a lower-case
    "dynastie" close to it renders it; a rare name is never rendered by a lower-case word."""
    import numpy as np

    from mtaudit.checks.names import same_names_by_meaning
    from mtaudit.checks.wordalign import WordAlignment
    from mtaudit.model.words import Words

    source, target = "Dinasti Han berkuasa.", "La dynastie Han régnait."
    source_words = Words([(0, 7), (8, 11), (12, 20)], np.eye(3, dtype=np.float32))
    target_words = Words([(0, 2), (3, 11), (12, 15), (16, 23)], np.eye(4, dtype=np.float32))
    similarity = np.full((3, 4), 0.1, dtype=np.float32)
    similarity[0, 1] = 0.8  # Dinasti x dynastie
    alignment = WordAlignment(source_words, target_words, similarity)
    assert same_names_by_meaning(["Dinasti"], set(), source, target, alignment, {"Dinasti"}) == ({"Dinasti"}, set())
    assert same_names_by_meaning(["Dinasti"], set(), source, target, alignment) == (set(), set())


@pytest.mark.model
def test_a_word_capitalised_after_a_dateline_is_not_a_name(encoder):
    source = "SEMARANG - Presiden meresmikan ruas jalan tol Semarang–Demak sepanjang 26,7 kilometer pada Selasa."
    target = "SEMARANG - The President inaugurated the 26.7 kilometer Semarang–Demak toll road on Tuesday."
    result = names_compute(pd.DataFrame({"source": [source], "target": [target]}), Context(encoder))
    assert result["names_risk"][0] == 0.0, result["names_reason"][0]


def test_endings_acronyms_and_titles_do_not_make_names():
    """A possessive or an Indonesian enclitic is not part of the name ("China's" is the common
    word "China"), a plural acronym is an acronym, and an abbreviated title is no name."""
    assert names("A recent example was China's preparation for the Games.", "en") == set()
    assert names("It was done for the sake of Cikini Station's revitalization.", "en") == {"Cikini"}
    assert names("They could monitor the recordings from their CCTVs at night.", "en") == set()
    assert names("Head of the police, Comr. Rudy Reinewald, told reporters.", "en") == {"Reinewald"}
    assert names("Kantor bisa memberi tahu alamat IP-nya kepada kami, kata Basuki.", "id") == {"Basuki"}


@pytest.mark.model
def test_a_title_the_source_does_not_write_is_not_an_added_name(encoder):
    source = "Dokter Jerman yang pernah merawat Talabani merekomendasikan pemindahannya."
    target = "German doctors who had treated Mr Talabani recommended his transfer."
    result = names_compute(pd.DataFrame({"source": [source], "target": [target]}), Context(encoder))
    assert result["names_risk"][0] == 0.0, result["names_reason"][0]


@pytest.mark.model
def test_a_french_adjective_renders_the_sources_name_and_another_one_does_not(encoder):
    """French writes "Denmark" as the lower-case "danoise"; "suédoise" there drops the name."""
    source = "Sebagian besar tentara Denmark berhasil mundur ke utara."
    right = "La plus grande partie de l'armée danoise réussit à se retirer vers le nord."
    wrong = "La plus grande partie de l'armée suédoise réussit à se retirer vers le nord."
    pairs = pd.DataFrame({"source": [source, source], "target": [right, wrong]})
    result = names_compute(pairs, Context(encoder, "id", "fr"))
    assert result["names_risk"][0] == 0.0, result["names_reason"][0]
    assert result["names_risk"][1] > 0 and "'Denmark'" in result["names_reason"][1]
