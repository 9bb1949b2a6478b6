import pytest

from mtaudit.checks.numbers import compare, read_digits

ID, EN = (".", ","), (",", ".")


@pytest.mark.parametrize(
    "text, convention, value",
    [
        ("1,5", ID, 1.5),
        ("1.200", ID, 1200),
        ("1.200.000,75", ID, 1200000.75),
        ("80.000", ID, 80000),
        ("1.5", EN, 1.5),
        ("1,200", EN, 1200),
        ("1,200,000.75", EN, 1200000.75),
        ("19.00", ID, 19.0),
        ("19:30", EN, 19.3),
        ("2022", EN, 2022),
    ],
)
def test_digits_are_read_with_each_language_convention(text, convention, value):
    assert read_digits(text, convention) == value


@pytest.mark.parametrize(
    "source, target",
    [
        ("Harga naik 1,5 persen.", "Prices rose 1.5 percent."),
        ("Sebanyak 1.200 pekerja.", "A total of 1,200 workers."),
        ("Harga cabai Rp80.000 per kilogram.", "Chili costs Rp80.000 per kilogram."),  # source format copied
        ("Harga cabai Rp80.000 per kilogram.", "Chili costs Rp80,000 per kilogram."),
        ("Nilainya Rp1,5 triliun.", "It is worth Rp1.5 trillion."),
        ("Nilainya Rp1,5 triliun.", "It is worth Rp1,500 billion."),
        ("Pada 24/5/2022 ia tiba.", "He arrived on May 24, 2022."),
        ("Rapat pukul 19.00 WIB.", "The meeting is at 7 p.m. WIB."),
        ("Ada tiga korban.", "There were 3 victims."),
        ("Ada 3 korban.", "There were three victims."),
        ("Selasa (8/1) lalu.", "Last Tuesday (1/8)."),
        ("Anggaran Rp 40 M.", "A budget of Rp 40 billion."),
        ("Sekitar 6,5 juta orang.", "Some six-and-a-half million people."),
        ("Biaya Rp 50 juta hingga Rp 100 juta.", "It costs Rp 50-100 million."),
        ("Pria berusia 20-an tahun.", "A man in his twenties."),
        ("Perayaan 100 tahun.", "The hundredth anniversary."),
        ("Sebanyak 25 orang.", "Twenty-five people."),
        ("Sebanyak dua puluh lima orang.", "25 people."),
        ("Skor akhir 9:1 untuk tuan rumah.", "The final score was 9:1 for the hosts."),
        ("Rasio 9:1.", "A ratio of 9 to 1."),
    ],
)
def test_equivalent_numbers_agree(source, target):
    assert compare(source, target, "id", "en") == ([], [])


@pytest.mark.parametrize(
    "source, target, missing, extra",
    [
        ("Harga naik 5,8 persen.", "Prices rose 8.5 percent.", ["5,8"], ["8.5"]),
        ("Sebanyak 1.200 pekerja.", "A total of 1.2 workers.", ["1.200"], ["1.2"]),
        ("Waktu tempuh 30 menit.", "Travel time is 50 minutes.", ["30"], ["50"]),
        ("Nilainya Rp1,5 triliun.", "It is worth Rp1.5 billion.", ["1,5"], ["1.5"]),
        ("Ada 3 korban di 2 desa.", "There were victims in 2 villages.", ["3"], []),
    ],
)
def test_changed_or_dropped_numbers_disagree(source, target, missing, extra):
    assert compare(source, target, "id", "en") == (missing, extra)


def test_ratios_compare_each_side():
    assert compare("Rasio 9:1.", "A ratio of 8:1.", "id", "en") == (["9"], ["8"])


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("Sebanyak 3 juta orang hadir pada 2022.", "2022年有300万人出席。", "zh"),
        ("Sebanyak 3 juta orang hadir.", "有三百万人出席。", "zh"),
        ("Anggaran Rp1,5 triliun.", "预算为1.5万亿印尼盾。", "zh"),
        ("Ada 25 korban.", "被害者は２５人。", "ja"),
        ("Ada 25 korban dan 3 juta warga.", "هناك ٢٥ ضحية و3 ملايين مواطن.", "ar"),
        ("Harga naik 1.200,5 persen pada 24 Mei.", "Le prix a augmenté de 1\u202f200,5 % le 24 mai.", "fr"),
        ("Pada 2019 300 orang datang.", "En 2019 300 personnes sont venues.", "fr"),
    ],
)
def test_numbers_agree_across_scripts_and_formats(source, target, lang):
    assert compare(source, target, "id", lang) == ([], [])


def test_a_changed_full_width_digit_is_reported_as_written():
    assert compare("Ada 25 korban.", "被害者は２６人。", "id", "ja") == (["25"], ["２６"])
    assert compare("Ada 25 korban.", "هناك ٢٦ ضحية.", "id", "ar") == (["25"], ["٢٦"])
    assert compare("Sebanyak 3 juta orang.", "有30万人。", "id", "zh") == (["3"], ["30"])


def test_a_number_word_of_the_source_counts_when_the_translation_has_another_number():
    assert compare("Ia berkuasa selama lima belas tahun.", "彼の統治期間は25年でした。", "id", "ja") == (
        ["lima belas"],
        ["25"],
    )
    assert compare("Ia berkuasa selama lima belas tahun.", "彼の統治期間は15年でした。", "id", "ja") == ([], [])


def test_a_scale_word_the_check_cannot_read_does_not_make_a_mismatch():
    # Sinhala "මිලියන" and Romanian "milioane" (million) are not in the number vocabularies: the
    # English "million" must not turn the same figure into a different number.
    assert compare("වසර මිලියන 35 කට පෙර", "35 million years ago", "si", "en") == ([], [])
    assert compare("între 500.000 și 1,2 milioane de sârbi", "between 500,000 and 1.2 million Serbs", "ro", "en") == (
        [],
        [],
    )
    assert compare("Ekonom memperkirakan 5,8 persen.", "Economists estimate 8.5 percent.", "id", "en") == (
        ["5,8"],
        ["8.5"],
    )


def test_french_roman_ordinals_are_numbers_not_names():
    from mtaudit.checks.names import names
    from mtaudit.checks.numbers import compare, roman_numeral_values

    assert roman_numeral_values("au VIIIe siècle, au XXème, sous Louis XIV, Ier") == {8.0, 20.0, 14.0, 1.0}
    source = "Pada abad ke-8 SM, Yunani mulai bangkit."
    assert compare(source, "Au VIIIe siècle av. J.-C., la Grèce commence à émerger.", "id", "fr") == ([], [])
    assert compare(source, "Au IXe siècle av. J.-C., la Grèce commence à émerger.", "id", "fr")[0] == ["8"]
    assert "IXe" not in names("Au IXe siècle, les premiers textes grecs apparaissent en Grèce.", "fr")


@pytest.mark.parametrize(
    "source, target, lang",
    [
        ("Selama abad ketiga belas, nama Apulia digunakan.", "13世紀、アプリアという名前が使われた。", "ja"),
        ("Kaisar Franz Joseph I. memerintah dengan adil.", "皇帝フランツ・ヨーゼフ1世は公正に統治した。", "ja"),
        ("Raja Louis XIV wafat pada 1715.", "路易十四于1715年去世。", "zh"),
        ("Raja Louis XIV wafat pada 1715.", "ルイ14世は1715年に死去した。", "ja"),
    ],
)
def test_teen_ordinals_and_rulers_numbers_agree_with_digits(source, target, lang):
    assert compare(source, target, "id", lang) == ([], [])


def test_a_pronoun_after_a_capitalised_word_is_not_a_rulers_number():
    from mtaudit.checks.numbers import roman_numeral_values

    assert roman_numeral_values("Yesterday I went home. Then I slept.") == set()
    assert roman_numeral_values("Paus Yohanes Paulus II, Louis XIV dan Franz Joseph I.") == {2.0, 14.0, 1.0}


def test_arabic_century_ordinals_agree_with_digits():
    assert compare("Mulai abad ke-16, orang Eropa datang.", "بدءاً من القرن السادس عشر, جاء الأوروبيون", "id", "ar") == (
        [],
        [],
    )
    assert compare("Pada abad ke-5, kota itu dibangun.", "في القرن السادس, بنيت المدينة", "id", "ar")[0] == ["5"]


@pytest.mark.parametrize(
    "source, target, lang",
    [
        ("Selama tahun 1950-an, ahli mulai memakainya.", "During the fifties, experts began to use it.", "en"),
        ("Selama tahun 1950-an, ahli mulai memakainya.", "خلال الخمسينيات, بدأ الخبراء باستخدامه.", "ar"),
        ("Produksi turun selama dua dekade terakhir.", "晩年の20年間、制作量が減った。", "ja"),
        ("Produksi turun selama 2 dekade terakhir.", "Output fell over the last 20 years.", "en"),
        ("Ia memimpin pada 1960-an dan 1970-an.", "He led in the 1960s and 70s.", "en"),
        ("Kaum Slav menetap pada abad ke-6 M.", "Les Slaves s'y installent au sixième siècle.", "fr"),  # M = AD
    ],
)
def test_decades_agree_with_the_years_they_count(source, target, lang):
    assert compare(source, target, "id", lang) == ([], [])


def test_a_different_decade_is_still_a_changed_number():
    assert compare("Pada tahun 1950-an harga naik.", "In the 1960s prices rose.", "id", "en") == (["1950"], ["1960"])
    # another century's fifties: the tens alone must not make them agree
    assert compare("antara 1950-an dan 1970-an.", "between the 1450s and 1970s.", "id", "en") == (["1950"], ["1450"])
    assert compare("Produksi turun selama dua dekade.", "Output fell for 30 years.", "id", "en") == (["dua"], ["30"])
