"""What the learned quality estimator (``mtaudit/estimator.py``) says of each pair, as two
checks:

- ``estimator``: the probability that the translation misinforms a reader (learned from
  WMT21 critical errors, our reviewers' major and critical findings, MQM major accuracy
  errors and synthetic faults), with the words it blames: translation words a post-editor
  would likely change, and source words whose meaning was likely lost;
- ``quality``: the human score it predicts (learned from MLQE-PE direct assessments and
  MQM penalties), as a risk that rises as the score falls; it ranks ordinary translations
  and gives no reason of its own.

Both need the bundled model's hidden states; with another model they stay neutral.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks.base import MAJOR, MINOR, Check, Context, Span, findings, has_text, quote_list
from mtaudit.model.encoder import BUNDLED_MODEL
from mtaudit.model.estimator import Estimate, States, shipped_estimator

WORD_AT = 0.5  # a token the estimator blames with at least this probability is shown
REASON_AT = 0.5  # the serious-error probability from which the check gives its reason
QUALITY_SCALE = 2.0  # risk = 1 / (1 + exp(QUALITY_SCALE * estimated quality))
NEUTRAL_QUALITY_RISK = 0.5


def estimates(pairs: pd.DataFrame, context: Context) -> list[Estimate | None]:
    """One estimate per pair (None where a side is empty or the model is not the bundled
    one), computed once per pair however many checks ask."""
    cache = context.scratch.setdefault("estimates", {})
    both = has_text(pairs).to_numpy()
    keys = list(zip(pairs["source"], pairs["target"]))
    missing = [key for key, ok in zip(keys, both) if ok and key not in cache]
    if missing and context.encoder.name != BUNDLED_MODEL:
        cache.update(dict.fromkeys(missing))
    elif missing:
        estimator = shipped_estimator(context.encoder.threads)
        sources = context.encoder.states([s for s, _ in missing])
        targets = context.encoder.states([t for _, t in missing])
        for key, source, target in zip(missing, sources, targets):
            cache[key] = estimator.estimate(source, target)
    return [cache.get(key) if ok else None for key, ok in zip(keys, both)]


def blamed_words(text: str, states: States, probabilities: np.ndarray) -> list[tuple[int, int]]:
    """Character spans of the words whose tokens the estimator blames, in text order: a
    blamed piece of a word blames the whole word, and blamed words next to each other
    make one phrase."""
    spans: list[list[int]] = []
    for (start, end), p in zip(states.spans.tolist(), probabilities.tolist()):
        piece = text[start:end]
        if p < WORD_AT or not any(ch.isalnum() for ch in piece):
            continue
        start, end = _whole_word(text, start + len(piece) - len(piece.lstrip()), end)
        if spans and start <= spans[-1][1] + 1 and not text[spans[-1][1] : start].strip():
            spans[-1][1] = max(end, spans[-1][1])
        else:
            spans.append([start, end])
    return [(s, e) for s, e in spans]


def _whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the word it is part of (not across CJK text, which has no spaces)."""

    def inside(ch: str) -> bool:
        return ch.isalnum() and not "\u3040" <= ch <= "\u9fff"

    while start > 0 and inside(text[start - 1]) and inside(text[start]):
        start -= 1
    while end < len(text) and inside(text[end]) and inside(text[end - 1]):
        end += 1
    return start, end


def compute_serious(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    found = estimates(pairs, context)
    risks, reasons, spans = [], [], []
    for (source, target), estimate in zip(zip(pairs["source"], pairs["target"]), found):
        if estimate is None:
            risks.append(0.0)
            reasons.append("")
            spans.append([])
            continue
        risks.append(estimate.serious)
        if estimate.serious < REASON_AT:  # no reason to give: the words are not looked up
            reasons.append("")
            spans.append([])
            continue
        source_states, target_states = context.encoder.states([source, target])
        lost = blamed_words(source, source_states, estimate.source_words)
        wrong = blamed_words(target, target_states, estimate.target_words)
        reasons.append(_reason(source, target, lost, wrong))
        spans.append(_spans(lost, wrong))
    serious = [np.nan if e is None else round(e.serious, 4) for e in found]
    return findings("estimator", pairs.index, risks, reasons, spans, serious_error=serious)


def _reason(source: str, target: str, lost: list[tuple[int, int]], wrong: list[tuple[int, int]]) -> str:
    wrong_words = [target[s:e] for s, e in wrong]
    lost_words = [source[s:e] for s, e in lost]
    if wrong_words and lost_words:
        return f"{quote_list(wrong_words)} may not translate {quote_list(lost_words)} correctly."
    if wrong_words:
        return f"{quote_list(wrong_words)} may not say what the source says."
    if lost_words:
        return f"The meaning of {quote_list(lost_words)} may be lost in the translation."
    return "The translation's meaning likely differs from the source."


def _spans(lost: list[tuple[int, int]], wrong: list[tuple[int, int]]) -> list[Span]:
    return [("source", s, e) for s, e in lost[:3]] + [("target", s, e) for s, e in wrong[:3]]


def compute_quality(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    found = estimates(pairs, context)
    quality = np.array([np.nan if e is None else e.quality for e in found], dtype=float)
    risk = np.where(np.isnan(quality), NEUTRAL_QUALITY_RISK, 1.0 / (1.0 + np.exp(QUALITY_SCALE * quality)))
    risk = np.where(has_text(pairs).to_numpy(), risk, 0.0)
    return findings("quality", pairs.index, risk, [""] * len(pairs), estimated_quality=np.round(quality, 3))


SERIOUS = Check(
    "estimator",
    "meaning errors a learned estimator recognises: mistranslated words, lost content (trained on human judgments)",
    compute_serious,
    severity=MAJOR,
    category="mistranslation",
)

QUALITY = Check(
    "quality",
    "translations human raters would likely score low (learned from MLQE-PE and MQM scores)",
    compute_quality,
    severity=MINOR,
    category="mistranslation",
)
