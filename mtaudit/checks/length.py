"""Length ratio: a translation far shorter or longer than its source has usually lost or
invented content. The expected ratio is the input's own median, so it adapts to the
language pair; short sentences are given more slack."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks.base import MAJOR, Check, Context, findings, has_text

TOLERANCE = 0.45  # |log ratio| beyond the usual one before the check starts to worry
FULL_RISK_AT = 1.1  # |log ratio| deviation at which it is sure (about 3x)
SLACK_CHARS = 15  # added to both lengths so that a 3-word sentence is not judged by ratio


def _log_ratios(pairs: pd.DataFrame) -> np.ndarray:
    source_len = pairs["source"].str.len().to_numpy(dtype=float) + SLACK_CHARS
    target_len = pairs["target"].str.len().to_numpy(dtype=float) + SLACK_CHARS
    return np.log(target_len / source_len)


def usual_log_ratio(pairs: pd.DataFrame) -> float:
    """The input's median log length ratio (0 with fewer than 5 pairs to go on). Computed
    once over a whole input, so that a pair's risk does not depend on which chunk or
    worker it is checked in."""
    both = has_text(pairs).to_numpy()
    return float(np.median(_log_ratios(pairs)[both])) if both.sum() >= 5 else 0.0


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    both = has_text(pairs).to_numpy()
    log_ratio = _log_ratios(pairs)
    usual = context.usual_log_ratio if context.usual_log_ratio is not None else usual_log_ratio(pairs)
    deviation = np.where(both, log_ratio - usual, 0.0)
    risk = np.clip((np.abs(deviation) - TOLERANCE) / (FULL_RISK_AT - TOLERANCE), 0, 1)
    reasons = [_reason(d, r) for d, r in zip(deviation, risk)]
    return findings("length", pairs.index, risk, reasons, length_ratio=np.round(np.exp(log_ratio), 3))


def _reason(deviation: float, risk: float) -> str:
    if risk <= 0:
        return ""
    factor = float(np.exp(abs(deviation)))
    side = "shorter" if deviation < 0 else "longer"
    return f"The translation is {factor:.1f}x {side} than usual for its source: content may be {'missing' if side == 'shorter' else 'added'}."


CHECK = Check(
    "length", "translations much shorter or longer than their source", compute, severity=MAJOR, category="omission"
)
