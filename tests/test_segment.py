from mtaudit.load import article_sentences
from mtaudit.segment import split_sentences


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
