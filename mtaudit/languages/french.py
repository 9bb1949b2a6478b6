"""French: « » quotes and ; : ! ? set apart by spaces, "1 200,5", "ne … pas"."""

from mtaudit.languages.base import FRENCH_BOUNDARY, Language, NumberWords

LANGUAGE = Language(
    "fr",
    "French",
    boundary=FRENCH_BOUNDARY,
    number_format=(" ", ","),
    reads_scale_words=True,
    numbers=NumberWords(
        decades=frozenset({"décennie", "décennies"}),
        scales={"mille": 1000.0, "millions": 1000000.0, "milliard": 1000000000.0, "milliards": 1000000000.0},
        units={
            "deux": 2,
            "trois": 3,
            "quatre": 4,
            "cinq": 5,
            "sept": 7,
            "huit": 8,
            "neuf": 9,
            "dix": 10,
            "onze": 11,
            "douze": 12,
            "treize": 13,
            "quatorze": 14,
            "quinze": 15,
            "seize": 16,
            "vingt": 20,
            "trente": 30,
            "quarante": 40,
            "cinquante": 50,
            "soixante": 60,
        },
        multipliers={"cent": 100, "cents": 100},
        articles=frozenset({"un", "une"}),
        ordinals={
            "premier": 1,
            "première": 1,
            "deuxième": 2,
            "troisième": 3,
            "quatrième": 4,
            "cinquième": 5,
            "sixième": 6,
            "septième": 7,
            "huitième": 8,
            "neuvième": 9,
            "dixième": 10,
            "onzième": 11,
            "douzième": 12,
            "treizième": 13,
            "quatorzième": 14,
            "quinzième": 15,
            "seizième": 16,
            "dix-septième": 17,
            "dix-huitième": 18,
            "dix-neuvième": 19,
            "vingtième": 20,
            "vingt-et-unième": 21,
        },
        months_any_case={
            "janvier": 1,
            "février": 2,
            "mars": 3,
            "avril": 4,
            "mai": 5,
            "juin": 6,
            "juillet": 7,
            "août": 8,
            "septembre": 9,
            "octobre": 10,
            "novembre": 11,
            "décembre": 12,
        },
    ),
    negators=r"\b(?:ne|n'|pas|jamais|sans|aucun|aucune|personne|rien|ni)\b",
    # "ne ... que" = only (but "ne ... pas ... que" negates); "personne" after an article is "person";
    # "sans doute" = probably; the "ne" that "avant que", "à moins que", "de peur que" call for
    # negates nothing ("avant qu'il ne parte")
    negation_idioms=(
        r"\bn(?:e\s+|')(?:(?!\b(?:pas|jamais|rien|personne|aucune?|ni)\b)[^.;:!?]){0,60}?\bqu(?:e\b|')|"
        r"\b(?:la|une|les|des|cette|chaque|toute|"
        r"seule)\s+personnes?\b|\bsans\s+doute\b|"
        r"\b(?:avant|moins|peur|crainte)\s+qu(?:e\b|')[^.;:!?]{0,60}?\bn(?:e\b|')"
    ),
    # Words that negate without a negator, as English's list has them: "échouer" (fail),
    # "empêcher" (prevent), "au lieu de" (instead), "à l'inverse de"/"contrairement à" (as
    # opposed to), and adjectives with a negative prefix ("inconnu" for "tidak diketahui").
    implicit_negation=(
        r"\b(?:échou\w*|manqu\w*|refus\w*|ni(?:er|é|ée|és|ées|ent|ait)|dément\w*|au\s+lieu\s+(?:de|du|des|d['’])|"
        r"plutôt\s+que|absen\w*|sauf|except\w*|empêch\w*|interdi\w*|insuffisa\w*|moins|à\s+peine|"
        r"rarement|ignor\w*|évit\w*|contrair\w*|inverse|non-?\w+|sinon|trop\s+\w+\s+pour|"
        r"inconnu\w*|impossib\w*|illégal\w*|illicite\w*|incapab\w*|inutil\w*|inattendu\w*|inhabituel\w*|"
        r"irrégul\w*|invisib\w*|incertain\w*|imprévu\w*|inexpliqu\w*|inédit\w*|méconnu\w*)\b"
    ),
    judges_names=True,
    lowercases_name_adjectives=True,
    similarity_anchors=(0.811, 0.921),
)
