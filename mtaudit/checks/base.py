"""What every check is: a named function from the pairs table to new columns.

A check returns, for every pair, ``<name>_risk`` (0 = nothing wrong, 1 = this check is
sure something is wrong) and ``<name>_reason`` (a sentence an editor understands, empty
when the check does not fire), plus any measurement columns worth keeping (such as
``similarity``). ``risk.py`` combines the ``_risk`` columns; checks never see each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from mtaudit.model.encoder import Encoder
from mtaudit.severity import CRITICAL, MAJOR, MINOR  # noqa: F401 - the checks name severities through here


@dataclass
class Context:
    """What a check may need besides the pairs: the shared encoder, the languages, and a
    scratch space where checks share expensive intermediate results (word alignments)."""

    encoder: Encoder
    source_lang: str = "id"
    target_lang: str = "en"
    usual_log_ratio: float | None = None  # the whole input's length ratio; None: the pairs' own
    scratch: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    name: str
    catches: str  # one line for `mtaudit checks` and the README
    compute: Callable[[pd.DataFrame, Context], pd.DataFrame]
    target_langs: frozenset[str] | None = None  # None: works for any target language
    severity: str = MAJOR  # what its findings are on the editor's scale (see mtaudit/severity.py)
    category: str = "mistranslation"  # the guideline's name for what it finds
    # An exact check: a pair it grades at this severity or worse itself (``<name>_severity``)
    # is flagged with risk at least risk.DECISIVE_RISK, whatever the other checks say (see
    # risk.py); "" for a check that only informs the combination.
    decisive: str = ""

    def applies_to(self, target_lang: str) -> bool:
        return self.target_langs is None or target_lang in self.target_langs


Span = tuple[str, int, int]  # ("source" or "target", start, end): characters a check points at


def findings(
    name: str,
    index: pd.Index,
    risks: Iterable[float],
    reasons: Iterable[str],
    spans: Iterable[list[Span]] | None = None,
    **values,
) -> pd.DataFrame:
    """The frame a check returns: its risk and reason columns, the spans it points at
    (``<name>_spans``, a list per pair), plus named measurements."""
    frame = pd.DataFrame(
        {f"{name}_risk": np.clip(np.asarray(list(risks), dtype=float), 0.0, 1.0), f"{name}_reason": list(reasons)},
        index=index,
    )
    if spans is not None:
        frame[f"{name}_spans"] = list(spans)
    for column, value in values.items():
        frame[column] = list(value)
    return frame


Finding = tuple[float, str, list[Span]]  # one pair's risk, reason and spans


def pairwise(name: str, pairs: pd.DataFrame, check: Callable[[str, str], Finding]) -> pd.DataFrame:
    """Run a per-pair check on every pair that has both sides (the others get no finding)."""
    results = [check(s, t) if s and t else (0.0, "", []) for s, t in zip(pairs["source"], pairs["target"])]
    risks, reasons, spans = zip(*results) if results else ((), (), ())
    return findings(name, pairs.index, risks, reasons, spans)


def has_text(pairs: pd.DataFrame) -> pd.Series:
    """Rows with both a source and a target (omissions and additions have only one)."""
    return (pairs["source"].str.len() > 0) & (pairs["target"].str.len() > 0)


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def words(text: str) -> list[str]:
    """Alphabetic words (hyphenated and apostrophe forms kept whole)."""
    return _WORD.findall(text)


@lru_cache(maxsize=1)
def _frequency_languages() -> frozenset[str]:
    """Languages wordfreq has its own word list for and can tokenise without extras
    (it silently answers with English for others; Chinese and Japanese need jieba/MeCab)."""
    from wordfreq import available_languages

    return frozenset(available_languages(wordlist="best")) - {"zh", "ja", "ko"}


def knows_frequencies(lang: str) -> bool:
    """Whether ``word_frequency`` can say how common a word of ``lang`` is."""
    return lang in _frequency_languages()


def word_frequency(word: str, lang: str) -> float | None:
    """Zipf frequency of a word in a language (wordfreq), None where that is unknown."""
    if lang not in _frequency_languages():
        return None
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang)


def locate(text: str, snippets: Iterable[str], side: str) -> list[Span]:
    """Where each snippet occurs in ``text`` (whole words where possible), in order."""
    found: list[Span] = []
    for snippet in dict.fromkeys(s for s in snippets if s):
        pattern = re.escape(snippet)
        match = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE) or re.search(pattern, text, re.IGNORECASE)
        if match:
            found.append((side, match.start(), match.end()))
    return sorted(found, key=lambda span: span[1])


# Day and month names (Indonesian and English): capitalised, but neither names of people or
# places nor the start of a subject.
CALENDAR_WORDS = frozenset(
    [
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "august",
        "october",
        "december",
    ]
)


def mismatch_reason(title: str, source_only: list[str], target_only: list[str]) -> str:
    """ "Numbers disagree: '5,8' in the source is not in the translation; '8.5' in the
    translation is not in the source." (empty when both lists are)."""
    parts = []
    for items, here, there in ((source_only, "source", "translation"), (target_only, "translation", "source")):
        if items:
            parts.append(f"{quote_list(items)} in the {here} {'is' if len(items) == 1 else 'are'} not in the {there}")
    return f"{title}: " + "; ".join(parts) + "." if parts else ""


def mismatch_spans(source: str, target: str, source_only: list[str], target_only: list[str]) -> list[Span]:
    return locate(source, source_only, "source") + locate(target, target_only, "target")


def quote_list(items: Iterable[str], limit: int = 3) -> str:
    items = list(dict.fromkeys(items))
    shown = ", ".join(f"'{item}'" for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")
