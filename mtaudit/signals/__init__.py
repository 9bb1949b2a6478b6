"""The checks mtaudit runs, one module each; adding a check means adding a module and
listing its SIGNAL here."""

from __future__ import annotations

import pandas as pd

from mtaudit.signals import (
    alignment,
    coverage,
    estimator,
    fluency,
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
from mtaudit.timing import stage

SIGNALS: list[Signal] = [
    alignment.SIGNAL,
    similarity.SIGNAL,
    estimator.SERIOUS,
    estimator.QUALITY,
    coverage.SIGNAL,
    order.SIGNAL,
    negation.SIGNAL,
    names.SIGNAL,
    numbers.SIGNAL,
    subject.SIGNAL,
    fluency.SIGNAL,
    untranslated.SIGNAL,
    language.SIGNAL,
    length.SIGNAL,
    repetition.SIGNAL,
]


def run_signals(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    """The pairs with every signal's columns added (one language pair), always in the same
    order. A signal that does not apply to the language gets its columns empty, so tables
    of any languages, chunks and partitions line up column for column."""
    frames = [pairs]
    for signal in SIGNALS:
        if signal.applies_to(context.target_lang):
            with stage(f"check: {signal.name}"):
                frames.append(signal.compute(pairs, context))
        else:
            frames.append(signal.compute(pairs.iloc[:0], context).reindex(pairs.index))
    return pd.concat(frames, axis=1)


__all__ = ["SIGNALS", "Context", "Signal", "run_signals"]
