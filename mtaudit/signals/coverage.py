"""Content on one side that nothing on the other side matches: a clause left out of the
translation, or words the translation invented.

Every word of the source is compared with every word of the target using the encoder's
middle-layer token vectors (see ``encoder.py``); a word's match is its best cosine on the
other side. A translation that drops a clause leaves a run of source words with poor
matches; the check looks at the worst tenth of them (single poorly matched words are
common in good translations: particles, idioms) and names the longest unmatched run.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from mtaudit.encoder import Tokens
from mtaudit.signals.base import Context, Signal, findings, has_text

# Measured on tuning rows (guntara valid + PUD wiki, bundled model): the 10th percentile of
# source-word matches is above OK_MATCH for almost all correct translations and below
# SURE_MISSING for most translations with a clause removed.
OK_MATCH = 0.52
SURE_MISSING = 0.28
WORD_UNMATCHED = 0.30  # a word matching nothing above this is shown to the editor
MIN_RUN_WORDS = 2
_WORDLIKE = re.compile(r"\w", re.UNICODE)


def word_matches(side: Tokens, other: Tokens, text: str) -> list[tuple[int, int, float]]:
    """(start, end, best cosine) for each word of ``text`` (punctuation skipped)."""
    if len(side.vectors) == 0 or len(other.vectors) == 0:
        return []
    best = (side.vectors.astype(np.float32) @ other.vectors.astype(np.float32).T).max(axis=1)
    words: list[list] = []
    for (start, end), score in zip(side.spans.tolist(), best.tolist()):
        piece = text[start:end]
        if not _WORDLIKE.search(piece):
            continue
        starts_word = not words or piece[:1].isspace() or start > words[-1][1] or _is_cjk(piece)
        start += len(piece) - len(piece.lstrip())
        if starts_word:
            words.append([start, end, [score]])
        else:
            words[-1][1] = end
            words[-1][2].append(score)
    return [(s, e, float(np.mean(scores))) for s, e, scores in words]


def _is_cjk(piece: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in piece)


def unmatched_runs(matches: list[tuple[int, int, float]], text: str) -> list[str]:
    """Runs of consecutive poorly matched words, longest first."""
    runs, current = [], []
    for start, end, score in matches + [(0, 0, 1.0)]:
        if score < WORD_UNMATCHED:
            current.append((start, end))
        elif current:
            if len(current) >= MIN_RUN_WORDS:
                runs.append(text[current[0][0] : current[-1][1]])
            current = []
    return sorted(runs, key=len, reverse=True)


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    both = has_text(pairs).to_numpy()
    sources, targets = pairs["source"].tolist(), pairs["target"].tolist()
    source_tokens = context.encoder.tokens([s if b else "" for s, b in zip(sources, both)])
    target_tokens = context.encoder.tokens([t if b else "" for t, b in zip(targets, both)])
    lows, risks, reasons = [], [], []
    for source, s_tokens, t_tokens in zip(sources, source_tokens, target_tokens):
        matches = word_matches(s_tokens, t_tokens, source)
        if len(matches) < 3:
            lows.append(np.nan)
            risks.append(0.0)
            reasons.append("")
            continue
        low = float(np.quantile([m[2] for m in matches], 0.1))
        risk = float(np.clip((OK_MATCH - low) / (OK_MATCH - SURE_MISSING), 0, 1))
        runs = unmatched_runs(matches, source)
        lows.append(round(low, 4))
        risks.append(risk)
        reasons.append(_reason(risk, runs))
    return findings("coverage", pairs.index, risks, reasons, source_coverage=lows)


def _reason(risk: float, runs: list[str]) -> str:
    if risk < 0.5:
        return ""
    if runs:
        return f"Part of the source may be missing from the translation: '{runs[0]}'."
    return "Part of the source may be missing from the translation."


SIGNAL = Signal("coverage", "source content (a clause, a phrase) with no counterpart in the translation", compute)
