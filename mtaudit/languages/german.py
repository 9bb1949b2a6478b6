"""German: every noun capitalised, so capitals say nothing of names."""

from mtaudit.languages.base import Language

LANGUAGE = Language(
    "de",
    "German",
    capitalises_nouns=True,
    number_format=(".", ","),
    negators=r"\b(?:nicht|kein|keine|keinen|keinem|keiner|nie|niemals|ohne|nichts|niemand)\b",
    judges_names=True,
)
