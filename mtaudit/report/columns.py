"""Column order shared by the file reporters: the editor's columns first, then every
signal's measurements, risks and reasons."""

from __future__ import annotations

import pandas as pd

LEADING = ["doc", "index", "source", "target", "risk", "flagged", "reasons"]


def ordered(pairs: pd.DataFrame) -> pd.DataFrame:
    rest = [c for c in pairs.columns if c not in LEADING]
    return pairs[LEADING + rest]
