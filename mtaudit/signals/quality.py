"""Estimated translation quality: how human raters would likely score the pair, predicted
from the two sentence vectors.

Plain cosine treats every dimension of the embedding alike, but some dimensions matter
more to whether raters call a translation good. Here each dimension of the product of the
source and target vectors gets its own weight (a ridge regression, fitted by
``python -m mtaudit.evaluation.train`` on the human direct-assessment scores of MLQE-PE's
tuning rows), plus a weight on the cosine itself:

    estimate = bias + a * cosine + sum_i w_i * source_i * target_i

The estimate is on the scale of the raters' z-scores (0 = an average translation of that
data, below -1 = poor). The risk maps it through a logistic curve around the typical
estimate, so it keeps ranking good translations against each other instead of cutting
them all to 0 (a ranking that matters to how well the risk follows human judgment).

The weights belong to the bundled encoder's vectors; with another model the check has no
estimate and gives the neutral risk 0.5 (a typical translation), so the combination's
other terms are read as usual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from mtaudit.encoder import BUNDLED_MODEL
from mtaudit.signals.base import MAJOR, Context, Signal, findings, has_text

WEIGHTS_FILE = "data/quality.json"
NEUTRAL_RISK = 0.5
REASON_AT = 0.85  # about 1.7 spreads below the typical estimate


@dataclass(frozen=True)
class QualityModel:
    """The fitted weights, and where typical estimates lie (for the risk's curve)."""

    bias: float
    cosine_weight: float
    product_weights: np.ndarray
    typical: float  # median estimate on the rows it was fitted on
    spread: float  # their standard deviation

    def estimate(self, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        products = sources * targets
        return self.bias + self.cosine_weight * products.sum(axis=1) + products @ self.product_weights

    def risk(self, estimates: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp((estimates - self.typical) / self.spread))

    def to_json(self) -> dict:
        return {
            "bias": self.bias,
            "cosine_weight": self.cosine_weight,
            "typical": self.typical,
            "spread": self.spread,
            "product_weights": [round(float(w), 6) for w in self.product_weights],
        }


def model_from_json(data: dict) -> QualityModel:
    return QualityModel(
        float(data["bias"]),
        float(data["cosine_weight"]),
        np.asarray(data["product_weights"], dtype=np.float32),
        float(data["typical"]),
        float(data["spread"]),
    )


@lru_cache(maxsize=1)
def shipped_model() -> QualityModel:
    text = resources.files("mtaudit").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    both = has_text(pairs).to_numpy()
    estimate = np.full(len(pairs), np.nan)
    risk = np.where(both, NEUTRAL_RISK, 0.0)
    if context.encoder.name == BUNDLED_MODEL and both.any():
        model = shipped_model()
        sources = context.encoder.encode(pairs.loc[both, "source"].tolist())
        targets = context.encoder.encode(pairs.loc[both, "target"].tolist())
        if sources.shape[1] == len(model.product_weights):
            estimate[both] = model.estimate(sources, targets)
            risk[both] = model.risk(estimate[both])
    reasons = [_reason(r) for r in risk]
    return findings("quality", pairs.index, risk, reasons, estimated_quality=np.round(estimate, 3))


def _reason(risk: float) -> str:
    if risk < REASON_AT:
        return ""
    return "Its estimated quality is low: it resembles translations that human raters scored poorly."


SIGNAL = Signal(
    "quality",
    "translations human raters would likely score low (learned from MLQE-PE scores)",
    compute,
    severity=MAJOR,
    category="mistranslation",
)
