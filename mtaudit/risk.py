"""One risk number per pair, from the signals' own risks, and the reasons behind it.

The combination is a weighted noisy-OR: each check that fires is treated as an
independent chance that the sentence is wrong,

    risk = 1 - prod_s (1 - w_s * r_s)

where r_s is check s's risk (0..1) and w_s its weight (how often that check is right when
it is sure; ``data/weights.json``). One confident check is enough to flag a pair; two
half-confident ones add up. A pair is flagged when risk >= the threshold (default 0.5),
and its reasons are the sentences of the checks that contributed at least REASON_FLOOR,
strongest first.
"""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pandas as pd

DEFAULT_THRESHOLD = 0.5
REASON_FLOOR = 0.25


def load_weights() -> dict[str, float]:
    text = resources.files("mtaudit").joinpath("data/weights.json").read_text(encoding="utf-8")
    return {name: float(w) for name, w in json.loads(text).items() if not name.startswith("_")}


def score(
    pairs: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD, weights: dict[str, float] | None = None
) -> pd.DataFrame:
    """Add ``risk``, ``flagged`` and ``reasons`` to a table that has signal columns."""
    weights = weights or load_weights()
    names = [c[: -len("_risk")] for c in pairs.columns if c.endswith("_risk") and c[: -len("_risk")] in weights]
    contributions = pd.DataFrame({n: weights[n] * pairs[f"{n}_risk"].fillna(0.0) for n in names}, index=pairs.index)
    out = pairs.copy()
    out["risk"] = np.round(1.0 - np.prod(1.0 - contributions.to_numpy(), axis=1), 4) if names else 0.0
    out["flagged"] = out["risk"] >= threshold
    out["reasons"] = [_reasons(row, pairs.loc[index]) for index, row in contributions.iterrows()]
    return out


def _reasons(contribution: pd.Series, pair: pd.Series) -> str:
    strongest = contribution[contribution >= REASON_FLOOR].sort_values(ascending=False, kind="stable")
    return " ".join(pair[f"{name}_reason"] for name in strongest.index if pair[f"{name}_reason"])
