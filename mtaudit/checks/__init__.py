"""The checks mtaudit runs, one module each; adding a check means adding a module and
listing its CHECK here."""

from __future__ import annotations

import pandas as pd

from mtaudit.checks import (
    alignment,
    coverage,
    estimator,
    fluency,
    language,
    length,
    names,
    negation,
    numbers,
    repetition,
    similarity,
    subject,
    untranslated,
)
from mtaudit.checks.base import Check, Context
from mtaudit.timing import stage

CHECKS: list[Check] = [
    alignment.CHECK,
    similarity.CHECK,
    estimator.SERIOUS,
    estimator.QUALITY,
    coverage.CHECK,
    negation.CHECK,
    names.CHECK,
    numbers.CHECK,
    subject.CHECK,
    fluency.CHECK,
    untranslated.CHECK,
    language.CHECK,
    length.CHECK,
    repetition.CHECK,
]


def run_checks(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    """The pairs with every check's columns added (one language pair), always in the same
    order. A check that does not apply to the language gets its columns empty, so tables
    of any languages, chunks and partitions line up column for column."""
    frames = [pairs]
    for check in CHECKS:
        if check.applies_to(context.target_lang):
            with stage(f"check: {check.name}"):
                frames.append(check.compute(pairs, context))
        else:
            frames.append(check.compute(pairs.iloc[:0], context).reindex(pairs.index))
    return pd.concat(frames, axis=1)


__all__ = ["CHECKS", "Check", "Context", "run_checks"]
