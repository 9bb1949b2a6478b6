"""The checks mtaudit runs, one module each; adding a check means adding a module and
listing its SIGNAL here."""

from __future__ import annotations

import pandas as pd

from mtaudit.signals import (
    alignment,
    coverage,
    language,
    length,
    names,
    negation,
    numbers,
    order,
    repetition,
    similarity,
    subject,
    untranslated,
)
from mtaudit.signals.base import Context, Signal

SIGNALS: list[Signal] = [
    alignment.SIGNAL,
    similarity.SIGNAL,
    coverage.SIGNAL,
    order.SIGNAL,
    negation.SIGNAL,
    names.SIGNAL,
    numbers.SIGNAL,
    subject.SIGNAL,
    untranslated.SIGNAL,
    language.SIGNAL,
    length.SIGNAL,
    repetition.SIGNAL,
]


def run_signals(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    """The pairs with every applicable signal's columns added (one language pair)."""
    frames = [pairs] + [s.compute(pairs, context) for s in SIGNALS if s.applies_to(context.target_lang)]
    return pd.concat(frames, axis=1)


__all__ = ["SIGNALS", "Context", "Signal", "run_signals"]
