"""Czech: negation is mostly the prefix ne-."""

from mtaudit.languages.base import Language

LANGUAGE = Language(
    "cs",
    "Czech",
    number_format=(" ", ","),
    negators=r"\b(?:ne|nikdy|bez|žádný|žádná|žádné|nic|nikdo)\b|\bne\w+",
    judges_names=True,
)
