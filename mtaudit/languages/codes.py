"""The language codes mtaudit accepts, and how a code given by a user becomes one of them.

Why: a code is a key into every per-language table (sentence boundaries, numbers,
negators, scripts, langdetect's answers). ``EN`` or ``en-US`` would silently miss all of
them and turn into false flags ("reads as English, not EN"), so every code from the
command line, a file name or a table column goes through ``normalise`` first.

Supported are the languages langdetect can recognise (the wrong-language check needs
that) plus those of the MLQE-PE data that it cannot (Khmer, Pashto, Sinhala) and Malay.
"""

from __future__ import annotations

import re

from mtaudit.errors import MtauditError

SUPPORTED = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "km": "Khmer", "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian",
    "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip

# ISO 639-2/3 codes (both the bibliographic and the terminological form) of the supported languages
# that people are likely to write; any other three-letter code is reported as unknown.
THREE_LETTER = {
    "afr": "af", "ara": "ar", "arb": "ar", "bul": "bg", "ben": "bn", "cat": "ca", "ces": "cs", "cze": "cs",
    "cym": "cy", "wel": "cy", "dan": "da", "deu": "de", "ger": "de", "ell": "el", "gre": "el", "eng": "en",
    "spa": "es", "est": "et", "fas": "fa", "per": "fa", "fin": "fi", "fra": "fr", "fre": "fr", "guj": "gu",
    "heb": "he", "hin": "hi", "hrv": "hr", "hun": "hu", "ind": "id", "ita": "it", "jpn": "ja", "khm": "km",
    "kan": "kn", "kor": "ko", "lit": "lt", "lav": "lv", "mkd": "mk", "mac": "mk", "mal": "ml", "mar": "mr",
    "msa": "ms", "may": "ms", "zsm": "ms", "nep": "ne", "npi": "ne", "nld": "nl", "dut": "nl", "nor": "no",
    "nob": "no", "pan": "pa", "pol": "pl", "pus": "ps", "pbt": "ps", "por": "pt", "ron": "ro", "rum": "ro",
    "rus": "ru", "sin": "si", "slk": "sk", "slo": "sk", "slv": "sl", "som": "so", "sqi": "sq", "alb": "sq",
    "swe": "sv", "swa": "sw", "swh": "sw", "tam": "ta", "tel": "te", "tha": "th", "tgl": "tl", "fil": "tl",
    "tur": "tr", "ukr": "uk", "urd": "ur", "vie": "vi", "zho": "zh", "chi": "zh", "cmn": "zh",
}  # fmt: skip

_CODE = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def normalise(code: str, where: str = "language code") -> str:
    """The supported two-letter code for ``code``: case is ignored, a region or script
    subtag is dropped (``en-US``, ``zh-Hans``, ``pt_BR``) and ISO 639-2/3 codes are mapped
    (``eng``). Anything else is a one-line ``MtauditError`` that lists what is supported;
    ``where`` says which option, file or row the code came from."""
    language = supported(code)
    if language is None:
        raise MtauditError(f"{where}: unknown language code {code!r} (supported: {', '.join(sorted(SUPPORTED))})")
    return language


def supported(code: str) -> str | None:
    """The supported two-letter code for ``code``, or None (for names that may or may not
    carry a language: ``notes.old.txt``)."""
    match = _CODE.fullmatch(code.strip())
    language = match["language"].lower() if match else ""
    language = THREE_LETTER.get(language, language)
    return language if language in SUPPORTED else None
