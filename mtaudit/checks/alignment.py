"""Sentences the aligner found no counterpart for: omitted or added content."""

from __future__ import annotations

import pandas as pd

from mtaudit.checks.base import MAJOR, Check, Context, findings
from mtaudit.pairs import ADDITION, OMISSION

_REASONS = {
    OMISSION: "Omitted: this source sentence has no translation in the edition.",
    ADDITION: "Added: this translated sentence has no source sentence.",
}


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    kinds = pairs["alignment"].fillna("")
    return findings("alignment", pairs.index, kinds.isin(list(_REASONS)).astype(float), kinds.map(_REASONS).fillna(""))


CHECK = Check(
    "alignment",
    "source sentences left out of the translation and target sentences with no source",
    compute,
    severity=MAJOR,
    category="omission",
)
