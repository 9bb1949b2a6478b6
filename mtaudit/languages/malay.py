"""Malay (Bahasa Melayu, as written in Malaysia, Singapore and Brunei): close to Indonesian,
with its own spellings ("bilion", "lapan", "Ogos") and English-style numbers (RM1,500.50).

Left out on purpose: "kosong" (zero) also means "empty" in Indonesian, and "Mac" (March)
is a name in English text; number words of every language are read in every text.
"""

from mtaudit.languages.base import Language, NumberWords

LANGUAGE = Language(
    "ms",
    "Malay",
    confused_with=frozenset({"id"}),  # langdetect often calls Malay text Indonesian
    never_final=frozenset({"bt", "en", "jln", "kg", "pn", "sdn", "tn"}),  # Sdn. Bhd., En. (Encik), Kg.
    openers=frozenset({"beliau", "dia", "ia", "ini", "itu", "kami", "kita", "mereka", "namun", "pada", "saya"}),
    number_format=(",", "."),
    reads_scale_words=True,
    numbers=NumberWords(
        decades=frozenset({"dekad"}),
        scales={"ribu": 1e3, "juta": 1e6, "bilion": 1e9, "trilion": 1e12},
        units={"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "lapan": 8},
        multipliers={"puluh": 10, "ratus": 100},
        add_ten=frozenset({"belas"}),
        ordinals={"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "kelapan": 8},
        months={"januari": 1, "februari": 2, "april": 4, "mei": 5, "jun": 6, "julai": 7, "ogos": 8, "disember": 12},
    ),
    negators=r"\b(?:tidak|tak|bukan|belum|tanpa|jangan|tiada)\b",
    negation_idioms=r"\b(?:tidak|tak|bukan)\s+(?:sahaja|hanya|lama)\b|\b(?:paling|sekurang-kurangnya)\s+(?:tidak|tak)\b",
    implicit_negation=r"\b(?:gagal|menolak|ditolak|melarang|dilarang|larangan|enggan|mustahil)\b",
    judges_names=True,
)
