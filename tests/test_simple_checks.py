import pandas as pd

from mtaudit.checks.repetition import repeated_phrases
from mtaudit.checks.untranslated import untranslated_words
from mtaudit.languages.detection import detect


def test_untranslated_words_are_found_but_names_and_loanwords_are_not():
    source = "Pedagang di Pasar Cipinang mengeluhkan penurunan jumlah pembeli dan data hotel."
    target = "Traders at Cipinang Market complained of a decrease in the number of pembeli and hotel data."
    assert untranslated_words(source, target, "id", "en") == ["pembeli"]


def test_a_content_word_left_untranslated_is_major_and_flags_the_pair_whatever_the_combination_says():
    """The guideline's scale: a content word left untranslated loses its meaning (major), a
    function word alone is minor and left to the combination."""
    from mtaudit.checks.base import Context
    from mtaudit.checks.untranslated import compute
    from mtaudit.risk import Combiner, score

    source = "Pedagang mengeluhkan penurunan jumlah pembeli dan juga harga."
    pairs = pd.DataFrame(
        {
            "doc": "d",
            "source": [source] * 3,
            "target": [
                "Traders complained of a decrease in the number of pembeli and prices.",
                "Traders complained of a decrease in buyers and juga prices.",
                "Traders complained of a decrease in buyers and also prices.",
            ],
        }
    )
    checked = pairs.join(compute(pairs, Context(encoder=None)))
    assert checked["untranslated_severity"].tolist() == ["major", "minor", ""]
    scored = score(checked, 0.5, Combiner({"untranslated": 0.1}, -5.0))  # the check counts for almost nothing here
    assert scored["flagged"].tolist() == [True, False, False] and scored["risk"][0] >= 0.95
    assert scored["reasons"][0] == "Untranslated source words: 'pembeli'." and scored["severity"][0] == "major"


def test_a_sentence_left_untranslated_is_critical_a_word_or_two_left_over_major():
    """The guideline grades a sentence in the wrong language critical: the reader gets nothing."""
    from mtaudit.checks.base import Context
    from mtaudit.checks.untranslated import compute

    source = "Pedagang di Pasar Cipinang mengeluhkan penurunan jumlah pembeli sejak Senin."
    targets = [
        source,  # pasted as it is
        "Pedagang di Pasar Cipinang mengeluhkan penurunan jumlah buyers since Monday.",  # mostly Indonesian
        "Traders at Cipinang Market complained of a decrease in pembeli since Monday.",  # one word left over
        "Traders at Pasar Cipinang mengeluhkan a decrease in pembeli since Monday.",  # two, in English
    ]
    pairs = pd.DataFrame({"doc": "d", "source": [source] * 4, "target": targets})
    checked = compute(pairs, Context(encoder=None))
    assert checked["untranslated_severity"].tolist() == ["critical", "critical", "major", "major"]
    assert checked["untranslated_reason"][0].startswith(
        "Left untranslated: the sentence is still in the source language ('mengeluhkan', "
    )
    assert checked["untranslated_reason"][2] == "Untranslated source words: 'pembeli'."


def test_where_the_target_languages_word_frequencies_are_unknown_the_combination_decides():
    """Latin-script words inside Chinese say little (an address, a product): found, not graded."""
    from mtaudit.checks.base import Context
    from mtaudit.checks.untranslated import compute

    pairs = pd.DataFrame(
        {"source": ["Pedagang mengeluhkan jumlah pembeli."], "target": ["商贩抱怨 pembeli 数量减少。"]}
    )
    result = compute(pairs, Context(None, "id", "zh"))
    assert result["untranslated_risk"].tolist() == [0.6] and result["untranslated_severity"].tolist() == [""]


def test_words_a_newsroom_keeps_are_not_reported_and_the_rest_is_graded_again():
    from mtaudit.checks.base import Context
    from mtaudit.checks.untranslated import compute, without_kept_words

    pairs = pd.DataFrame(
        {
            "source": ["Warga membeli ketupat dan juga minuman.", "Pedagang mengeluhkan jumlah pembeli."],
            "target": ["Residents bought ketupat and juga drinks.", "Traders complained of the number of pembeli."],
            "target_lang": ["en", "en"],
        }
    )
    checked = pairs.join(compute(pairs, Context(None)))
    assert checked["untranslated_severity"].tolist() == ["major", "major"]
    kept = without_kept_words(checked, frozenset({"ketupat"}), "id")
    assert kept["untranslated_words"].tolist() == ["juga", "pembeli"]
    assert kept["untranslated_severity"].tolist() == ["minor", "major"]  # only a function word is left
    assert kept["untranslated_reason"][0] == "Untranslated source words: 'juga'."
    assert kept["untranslated_spans"][1] == checked["untranslated_spans"][1]
    assert without_kept_words(checked, frozenset({"sate"}), "id") is checked


def test_repeated_phrases_back_to_back():
    assert repeated_phrases("deployed to the the affected points") == ["the"]
    assert repeated_phrases("in the city in the city there") == ["in the city"]
    assert repeated_phrases("the city and the village") == []


def test_language_detection_is_deterministic():
    text = "Menurut mereka, tanggul tersebut sudah rusak sejak tahun lalu."
    assert {detect(text) for _ in range(5)} == {detect(text)}
    assert detect(text)[0] == "id"


def test_language_detection_gives_langdetects_own_probabilities():
    """The on-demand n-gram table and the numpy trials must give exactly what langdetect's
    own loader and detector give."""
    from langdetect import DetectorFactory, detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    from mtaudit.languages.detection import detect_ranked

    texts = [
        "Presiden meresmikan jalan tol baru di Jawa Tengah pada hari Selasa.",
        "The price of rice rose to Rp13,500 per kilogram this week.",
        "Le prix du riz a augmenté de 5,8 % ce mois-ci, selon l'Office.",
        "中国不会放弃俄罗斯。",
        "ロシアと中国の爆撃機が共同で飛行した。",
        "ارتفعت أسعار الأرز هذا الأسبوع.",
        "Kerajaan Malaysia mengumumkan langkah baharu semalam.",
        "Правительство объявило новые меры.",
        (
            "Harga beras di pasar induk naik dua kali lipat, kata pedagang yang sudah berjualan selama "
            "puluhan tahun di Jakarta Timur, karena pasokan dari Jawa Tengah terhambat banjir."
        ),
        "Apple のティム・クック CEO は iPhone 15 を発表した。",
        "Él no sabía qué decir.",
        "Mr. Widodo said",
        "ok",
        "12345 !!!",
    ]
    DetectorFactory.seed = 0
    detector_factory.init_factory()
    for text in texts:
        try:
            expected = [(c.lang, c.prob) for c in detector_factory.detect_langs(text)]
        except LangDetectException:  # "no features in text"
            expected = []
        assert detect_ranked(text) == expected, text


def test_a_wrong_language_reason_names_both_languages():
    from mtaudit.checks.base import Context
    from mtaudit.checks.language import compute

    pairs = pd.DataFrame(
        {"source": ["Presiden tiba di Tokyo pada hari Selasa."], "target": ["대통령은 화요일 도쿄에 도착했습니다."]}
    )
    reason = compute(pairs, Context(None, "id", "zh"))["language_reason"].iloc[0]
    assert reason == "The translation reads as Korean, not Chinese (left untranslated?)."


def test_a_source_word_that_negates_excuses_a_negated_translation():
    from mtaudit.checks.negation import carries_negation

    assert carries_negation("Kaum Ottoman ingin mencegah gandum diangkut lebih lanjut.", "id")
    assert not carries_negation("Kaum Ottoman ingin gandum diangkut lebih lanjut.", "id")


def test_abilitative_adjectives_and_hardly_are_not_negation_flips_but_plain_negation_is():
    from mtaudit.checks.negation import carries_negation, negators

    assert negators("Dominasi itu tetap tak terbantahkan.", "id") == []  # indisputable
    assert carries_negation("Dominasi itu tetap tak terbantahkan.", "id")  # a negated rendering is fine too
    assert negators("Kecelakaan itu tidak terjadi.", "id") == ["tidak"]  # did not happen: a negation
    assert negators("情報をほとんど明かしていない。", "ja") == []  # reveals hardly anything
    assert negators("これは象徴に過ぎなかった。", "ja") == []  # was merely a symbol
    assert negators("情報を明かしていない。", "ja") == ["ない"]


def test_a_language_written_in_its_own_script_is_not_believed_without_that_script():
    """langdetect may call Traditional Chinese "Korean"; with no Hangul in it, it is not."""
    from mtaudit.checks.language import wrong_language_risk

    chinese = "自16世紀起，到訪加勒比海區域的歐洲人發現了“南海”（即巴拿馬地峽南邊的太平洋，與“北海”相對；北海是指巴拿馬地峽北邊的加勒比海）。"
    assert wrong_language_risk(chinese, "id", "zh")[1] == 0.0
    korean = "서울에서 열린 회의에서 대통령은 새로운 경제 정책을 발표했다고 밝혔습니다 그리고 많은 사람들이"
    assert wrong_language_risk(korean, "id", "zh") == ("ko", 0.9)


def test_japanese_words_that_negate_without_a_negator_excuse_a_negative_source():
    from mtaudit.checks.negation import carries_negation

    assert carries_negation("歌が下手ですから、練習します。", "ja")  # "tidak pandai bernyanyi"
    assert carries_negation("きょうは学校を休みました。", "ja")  # "tidak pergi ke sekolah"
    assert not carries_negation("きょうは学校へ行きました。", "ja")
