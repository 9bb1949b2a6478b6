"""Sentence splitting for news text.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes or brackets
after it) when whitespace and a capital letter, digit or opening quote follow. The
exceptions are what news copy is full of: titles and street abbreviations that never end a
sentence ("Dr.", "Jl.", "Prof."), initials ("J. Smith"), and dotted acronyms ("U.S.",
"a.m.") which end a sentence only when an obvious sentence opener follows. Decimals
("1,5", "1.5"), thousands ("Rp80.000") and dates ("24/5/2022") contain no space, so they
never look like boundaries.

Other scripts have their own rules. Chinese and Japanese end a sentence at 。！？ (with any
closing 」』” after it) whether or not a space follows, and never at a full-width comma.
Arabic has no capitals, so any letter may open the next sentence after . ! ? or ؟. French
sets « » quotes and : ; ! ? apart with (non-breaking) spaces: "« Non ! » dit-il" is one
sentence.
"""

from __future__ import annotations

import re

from mtaudit.languages import Language, language
from mtaudit.languages.base import ARABIC_BOUNDARY, FRENCH_BOUNDARY, LATIN_BOUNDARY, NO_SPACES

# Abbreviations after which a sentence never ends, in any language (lower-case, without the
# final dot); each language adds its own (``Language.never_final``).
_NEVER_FINAL = frozenset({"dr", "drs", "dra", "prof", "ir", "h", "hj", "st", "no", "nos", "vol", "hal", "fig", "art"})
_BOUNDARY = re.compile(
    r"""(?P<end>(?:\.{3}|…|[.!?])+["'”’»)\]]*)   # sentence-final punctuation, closing quotes
        (?P<space>\s+)
        (?=["'“‘«(\[]?[A-Z0-9\u00C0-\u024F])        # next sentence opens with a capital or digit
    """,
    re.VERBOSE,
)
# French closes a quote after a space ("Non ! »") and opens one before a space ("« Oui").
_BOUNDARY_FR = re.compile(
    r"""(?P<end>(?:\.{3}|…|[.!?])+(?:\s?[»”)\]])*)
        (?P<space>\s+)
        (?=(?:[«“(\[]\s?)?[A-Z0-9\u00C0-\u024F])
    """,
    re.VERBOSE,
)
# Arabic: no capitals; ؟ is its question mark, and a sentence may open with any letter.
_BOUNDARY_AR = re.compile(r"(?P<end>(?:\.{3}|…|[.!?؟])+[\"'”»)\]]*)(?P<space>\s+)(?=[\"'“«(\[]?[^\W_])")
# Chinese and Japanese: full-width sentence ends, optional closing brackets, no space needed.
_CJK_END = re.compile(r"(?:[。！？!?]|……|…)+[」』”’）)】〕]*")
# A quoted sentence that the narration carries on after: 「やめて！」と言った, “走！”他说.
_QUOTE_GOES_ON = re.compile(r"(?<=[」』”’])(?:[と、，,：:]|って|という|他说|她说|他說|她說)")
# Dotted acronyms may end a sentence, but usually do not ("U.S. President Joe Biden"). After
# one, a boundary needs one of the language's sentence openers (``Language.openers``).
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_LEADING_PUNCT = re.compile(r"""^["'“‘«(\[]+""")
_BOUNDARIES = {LATIN_BOUNDARY: _BOUNDARY, FRENCH_BOUNDARY: _BOUNDARY_FR, ARABIC_BOUNDARY: _BOUNDARY_AR}


def split_sentences(paragraph: str, lang: str = "en") -> list[str]:
    """Split one paragraph into sentences; whitespace inside a sentence is normalised."""
    text = " ".join(paragraph.split())
    if not text:
        return []
    known = language(lang)
    if known.boundary == NO_SPACES:
        cuts = [(m.end(), m.end()) for m in _CJK_END.finditer(text) if not _QUOTE_GOES_ON.match(text, m.end())]
    else:
        boundary = _BOUNDARIES[known.boundary]
        cuts = [(m.end("end"), m.end()) for m in boundary.finditer(text) if _is_boundary(text, m, known)]
    sentences, start = [], 0
    for end, next_start in cuts:
        sentences.append(text[start:end])
        start = next_start
    sentences.append(text[start:])
    return [s for s in (s.strip() for s in sentences) if s]


def _is_boundary(text: str, match: re.Match, known: Language) -> bool:
    end = match.group("end")
    if not end.startswith("."):
        return True  # ! ? and ellipses always end a sentence here
    word = _LEADING_PUNCT.sub("", text[: match.start("end")].rsplit(" ", 1)[-1] + ".")
    following = text[match.end() :].split(" ", 1)[0]
    following = _LEADING_PUNCT.sub("", following).lower().strip(",;:")
    bare = word[:-1].lower()
    if bare in _NEVER_FINAL or bare in known.never_final:
        return False
    if _INITIAL.match(word):
        return False
    if _DOTTED_ACRONYM.match(word) or _DOTTED_ACRONYM.match(word[:-1] + "."):
        return following in known.openers
    return True


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single line breaks inside one are spaces."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in re.split(r"\n\s*\n", normalised) if p.strip()]


def split_long(sentence: str, max_chars: int) -> list[str]:
    """A "sentence" longer than ``max_chars`` (a paragraph with no punctuation, a pasted
    table) cut into pieces at spaces, or anywhere in scripts without spaces, so no later
    stage meets unbounded text. Every character except the cut spaces is kept."""
    pieces = []
    while len(sentence) > max_chars:
        cut = sentence.rfind(" ", max_chars // 2, max_chars + 1)
        cut = cut if cut > 0 else max_chars
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [p for p in [*pieces, sentence] if p]
