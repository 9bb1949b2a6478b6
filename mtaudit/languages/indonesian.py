"""Indonesian, the newsroom's source language."""

from mtaudit.languages.base import Language, NumberWords

# A negator that makes one adjective with its word, often rendered by a word with no negator:
# "tak terbantahkan" = indisputable, "tidak terkalahkan" = invincible (ter-...-kan: "can be
# ...-ed"); "tidak (akan) kesulitan" = without difficulty, "easily". Not a negation of the
# sentence (an idiom), and a side with one may face a negator on the other (implicit negation).
_NEGATED_ADJECTIVE = r"\b(?:tidak|tak)\s+(?:ter\w+kan|(?:akan\s+)?(?:kesulitan|sulit|susah))\b"

LANGUAGE = Language(
    "id",
    "Indonesian",
    confused_with=frozenset({"ms"}),  # langdetect often calls short Indonesian text Malay
    never_final=frozenset(
        {
            "aipda",
            "akbp",
            "bpk",
            "brigjen",
            "bripka",
            "cv",
            "irjen",
            "jend",
            "jl",
            "jln",
            "kab",
            "kapt",
            "kec",
            "kel",
            "kh",
            "kol",
            "kombes",
            "kota",
            "letjen",
            "m.h",
            "m.m",
            "m.sc",
            "m.si",
            "mayjen",
            "mt",
            "nn",
            "ny",
            "pol",
            "pt",
            "purn",
            "s.e",
            "s.h",
            "s.kom",
            "s.pd",
            "s.t",
            "sdr",
            "sdri",
            "tbk",
            "tn",
            "yth",
        }
    ),
    openers=frozenset(
        {
            "adapun",
            "dalam",
            "di",
            "dia",
            "hal",
            "ia",
            "ini",
            "itu",
            "kami",
            "kemudian",
            "kita",
            "menurut",
            "mereka",
            "namun",
            "pada",
            "saya",
            "sebelumnya",
            "sedangkan",
            "selain",
            "sementara",
            "tetapi",
        }
    ),
    number_format=(".", ","),
    reads_scale_words=True,
    numbers=NumberWords(
        decades=frozenset({"dekade", "dasawarsa"}),
        scales={
            "ribu": 1000.0,
            "rb": 1000.0,
            "juta": 1000000.0,
            "jt": 1000000.0,
            "miliar": 1000000000.0,
            "milyar": 1000000000.0,
            "triliun": 1000000000000.0,
            "trilyun": 1000000000000.0,
        },
        units={
            "nol": 0,
            "satu": 1,
            "dua": 2,
            "tiga": 3,
            "empat": 4,
            "lima": 5,
            "enam": 6,
            "tujuh": 7,
            "delapan": 8,
            "sembilan": 9,
            "sepuluh": 10,
            "sebelas": 11,
            "seratus": 100,
            "seribu": 1000,
            "sejuta": 1000000.0,
            "setengah": 0.5,
        },
        multipliers={"puluh": 10, "ratus": 100},
        add_ten=frozenset({"belas"}),
        articles=frozenset({"se"}),
        ordinals={
            "pertama": 1,
            "kedua": 2,
            "ketiga": 3,
            "keempat": 4,
            "kelima": 5,
            "keenam": 6,
            "ketujuh": 7,
            "kedelapan": 8,
            "kesembilan": 9,
            "kesepuluh": 10,
            "kesebelas": 11,
        },
        months={
            "januari": 1,
            "februari": 2,
            "maret": 3,
            "april": 4,
            "mei": 5,
            "juni": 6,
            "juli": 7,
            "agustus": 8,
            "september": 9,
            "oktober": 10,
            "november": 11,
            "desember": 12,
            "jan": 1,
            "feb": 2,
            "mar": 3,
            "apr": 4,
            "jun": 6,
            "jul": 7,
            "agu": 8,
            "sep": 9,
            "okt": 10,
            "nov": 11,
            "des": 12,
        },
        not_numbers=("satu-satunya", "salah satu"),
    ),
    negators=r"\b(?:tidak|tak|bukan|belum|tanpa|jangan|tiada|enggak|nggak|gak)\b",
    negation_idioms=(
        r"\b(?:paling|setidak-tidaknya|sedikitnya)\s+(?:tidak|tak)\b|\b(?:tidak|tak|bukan)\s+(?:hanya|"
        r"saja|cuma|heran|lain|jarang|sedikit|lama)\b|\bbagaimana\s+(?:tidak|tak)\b|\bbelum\s+lama\b|"
        r"\b(?:tidak|tak)\s+kurang\b|" + _NEGATED_ADJECTIVE
    ),
    # Words that negate without a negator, as English "prevent", "deny", "except", "avoid",
    # "ignore", "instead", "rarely" do: a translation may render them with "ne ... pas", "not".
    implicit_negation=(
        r"\b(?:gagal|menolak|ditolak|tolak|melarang|dilarang|larangan|kurang|minim|nihil|absen|enggan|"
        r"mustahil|mencegah|dicegah|cegah|membantah|dibantah|menyangkal|disangkal|kecuali|alih-alih|jarang|"
        r"mengabaikan|diabaikan|menghindari|dihindari|menghindar)\b|"
        # "terlalu kecil untuk dilihat" = too small to be seen: rendered "could not be seen"
        r"\bterlalu\s+\w+\s+untuk\b|\bterlambat\s+untuk\b|" + _NEGATED_ADJECTIVE
    ),
    judges_names=True,
    name_endings=r"-(?:nya|ku|mu|lah|kah|pun)$",
    judges_word_order=True,
)
