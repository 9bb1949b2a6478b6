from mtaudit.input.articles import article_sentences
from mtaudit.input.segment import split_sentences


def test_indonesian_abbreviations_decimals_and_dates_do_not_split():
    text = (
        "Dr. Siti Nurbaya tiba di Jl. Sudirman pada 24/5/2022 membawa bantuan Rp1,5 triliun, beras, gula, dll. "
        "Harga naik 1.5 persen. Stok mencapai 1.200 ton."
    )
    assert split_sentences(text, "id") == [
        "Dr. Siti Nurbaya tiba di Jl. Sudirman pada 24/5/2022 membawa bantuan Rp1,5 triliun, beras, gula, dll.",
        "Harga naik 1.5 persen.",
        "Stok mencapai 1.200 ton.",
    ]


def test_english_acronyms_split_only_before_a_sentence_opener():
    text = "U.S. President Joe Biden arrived in Tokyo. He met leaders of the U.S. The talks lasted 2.5 hours."
    assert split_sentences(text, "en") == [
        "U.S. President Joe Biden arrived in Tokyo.",
        "He met leaders of the U.S.",
        "The talks lasted 2.5 hours.",
    ]


def test_quotes_that_end_a_sentence_stay_with_it():
    text = '"Kami menolak," kata dia. "Ini tidak adil." Polisi kemudian datang.'
    assert split_sentences(text, "id") == ['"Kami menolak," kata dia.', '"Ini tidak adil."', "Polisi kemudian datang."]


def test_initials_question_and_exclamation():
    assert split_sentences("J. K. Rowling spoke. Why? Because!", "en") == ["J. K. Rowling spoke.", "Why?", "Because!"]


def test_article_title_and_markdown_lines_stand_alone():
    text = "# Judul Berita\n\nParagraf satu baris\nberlanjut di sini. Kalimat kedua.\n\n- butir **penting** [tautan](http://x)\n"
    assert article_sentences(text, "id") == [
        "Judul Berita",
        "Paragraf satu baris berlanjut di sini.",
        "Kalimat kedua.",
        "butir penting tautan",
    ]


def test_chinese_and_japanese_split_at_full_width_ends_without_spaces():
    assert split_sentences("奥巴马周二抵达东京。价格为3.5元！他会留下吗？", "zh") == [
        "奥巴马周二抵达东京。",
        "价格为3.5元！",
        "他会留下吗？",
    ]
    # a quoted sentence the narration carries on after stays whole
    assert split_sentences("東京に着いた。「やめて！」と言った。次の文です", "ja") == [
        "東京に着いた。",
        "「やめて！」と言った。",
        "次の文です",
    ]


def test_arabic_splits_before_any_letter_and_at_its_question_mark():
    assert split_sentences("قال الرئيس إن الوضع خطير. هل هذا صحيح؟ نعم!", "ar") == [
        "قال الرئيس إن الوضع خطير.",
        "هل هذا صحيح؟",
        "نعم!",
    ]


def test_french_spaced_quotes_and_punctuation():
    text = (
        "« Non ! » dit-il. « Oui ? » Il est parti. M. Dupont a dit\u00a0: « Bien. » Le prix\u00a0: 1\u202f200,5 euros."
    )
    assert split_sentences(text, "fr") == [
        "« Non ! » dit-il.",
        "« Oui ? »",
        "Il est parti.",
        "M. Dupont a dit : « Bien. »",
        "Le prix : 1 200,5 euros.",
    ]
