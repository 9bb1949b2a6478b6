"""Arabic: its own script and question mark (؟), no capitals, مليون/مليار."""

from mtaudit.languages.base import ARABIC_BOUNDARY, Language, NumberWords

LANGUAGE = Language(
    "ar",
    "Arabic",
    script="\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    boundary=ARABIC_BOUNDARY,
    reads_scale_words=True,
    numbers=NumberWords(
        scales={
            "ألف": 1000.0,
            "آلاف": 1000.0,
            "مليون": 1000000.0,
            "ملايين": 1000000.0,
            "مليار": 1000000000.0,
            "مليارات": 1000000000.0,
            "بليون": 1000000000.0,
            "تريليون": 1000000000000.0,
        },
        units={
            "واحد": 1,
            "اثنان": 2,
            "اثنين": 2,
            "ثلاثة": 3,
            "ثلاث": 3,
            "أربعة": 4,
            "أربع": 4,
            "خمسة": 5,
            "خمس": 5,
            "ستة": 6,
            "سبعة": 7,
            "سبع": 7,
            "ثمانية": 8,
            "تسعة": 9,
            "تسع": 9,
            "عشرة": 10,
            "عشر": 10,
            "عشرين": 20,
            "عشرون": 20,
        },
        multipliers={"مائة": 100, "مئة": 100},
        # ordinals, as centuries are written ("القرن السادس عشر" = the 16th century: 6th + عشر)
        ordinals={
            "الأول": 1,
            "الحادي": 1,
            "الثاني": 2,
            "الثالث": 3,
            "الرابع": 4,
            "الخامس": 5,
            "السادس": 6,
            "السابع": 7,
            "الثامن": 8,
            "التاسع": 9,
            "العاشر": 10,
        },
        decade_names={
            "العشرينيات": 20,
            "الثلاثينيات": 30,
            "الأربعينيات": 40,
            "الخمسينيات": 50,
            "الستينيات": 60,
            "السبعينيات": 70,
            "الثمانينيات": 80,
            "التسعينيات": 90,
        },
        add_ten=frozenset({"عشر"}),
        months_any_case={
            "يناير": 1,
            "فبراير": 2,
            "مارس": 3,
            "أبريل": 4,
            "ابريل": 4,
            "مايو": 5,
            "يونيو": 6,
            "يوليو": 7,
            "أغسطس": 8,
            "سبتمبر": 9,
            "أكتوبر": 10,
            "نوفمبر": 11,
            "ديسمبر": 12,
        },
    ),
    negators=r"\b(?:لا|لم|لن|ليس|ليست|غير|بدون|دون|ما)\b",
    # especially; still (lit. "does not cease"); whether; however; "lam ... illa" = only (lit.
    # "did not ... except")
    negation_idioms=(
        r"لا\s+سيما|(?:لا|ما)\s+(?:يزال|تزال|زال|زالت|يزالون|تزالان|يزل|تزل)|ما\s+إذا|غير\s+أن|"
        r"\b(?:لا|لم|لن|ما|ليس|ليست)\s+(?:\S+\s+){0,5}?إلا\b"
    ),
    # otherwise (lit. "and if not"); except; other than
    implicit_negation=r"وإلا|\bإلا\b|\bسوى\b",
    similarity_anchors=(0.812, 0.902),
)
