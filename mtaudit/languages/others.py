"""Languages mtaudit knows only a little of: the script they are written in, how they
write numbers, whether names can be compared. A language that grows more
(negators, number words, sentence rules) moves into a module of its own."""

from mtaudit.languages.base import NO_SPACES, Language

LANGUAGES = (
    Language("ro", "Romanian", number_format=(".", ","), judges_names=True),
    Language("es", "Spanish", number_format=(".", ","), judges_names=True),
    Language("it", "Italian", number_format=(".", ","), judges_names=True),
    Language("pt", "Portuguese", number_format=(".", ","), judges_names=True),
    Language("nl", "Dutch", number_format=(".", ","), judges_names=True),
    Language("et", "Estonian", number_format=(" ", ","), judges_names=True),
    Language("ru", "Russian", script="\u0400-\u04ff", number_format=(" ", ",")),
    Language("uk", "Ukrainian", script="\u0400-\u04ff"),
    Language("ko", "Korean", script="\uac00-\ud7af\u1100-\u11ff\u3130-\u318f", boundary=NO_SPACES),
    Language("fa", "Persian", script="\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"),
    Language("el", "Greek", script="\u0370-\u03ff"),
    Language("he", "Hebrew", script="\u0590-\u05ff"),
    Language("hi", "Hindi", script="\u0900-\u097f"),
    Language("ne", "Nepali", script="\u0900-\u097f"),
    Language("th", "Thai", script="\u0e00-\u0e7f"),
    Language("km", "Khmer", script="\u1780-\u17ff"),
    Language("si", "Sinhala", script="\u0d80-\u0dff"),
    Language("tl", "Tagalog"),
)
