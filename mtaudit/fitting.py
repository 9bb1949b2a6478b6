"""Fitting the risk combination: a small logistic regression (Newton's method with an L2
penalty, enough without a machine-learning library) and the choice of its threshold. Used by
``mtaudit calibrate`` at run time and by the shipped fit (``evaluation/train.py``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks import CHECKS
from mtaudit.risk import CERTAIN, Combiner, feature_parts


def fit_logistic(
    features: np.ndarray,
    labels: np.ndarray,
    l2: float = 1.0,
    iterations: int = 50,
    non_negative: bool = True,
    row_weights: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """Coefficients and intercept maximising the penalised likelihood, each row counting
    ``row_weights`` times (default once). With ``non_negative`` a coefficient that comes out
    negative is fixed at 0 and the rest are refitted, so a check that fires can only raise
    the risk."""
    x = np.asarray(features, float)
    y = np.asarray(labels, float)
    w = np.ones(len(y)) if row_weights is None else np.asarray(row_weights, float)
    active = np.ones(x.shape[1], bool)
    while True:
        weights, intercept = _newton(x[:, active], y, w, l2, iterations)
        if not non_negative or (weights >= 0).all():
            full = np.zeros(x.shape[1])
            full[active] = weights
            return full, intercept
        active[np.flatnonzero(active)[weights < 0]] = False


def _newton(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, iterations: int) -> tuple[np.ndarray, float]:
    design = np.hstack([x, np.ones((len(x), 1))])
    theta = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the intercept is not penalised
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-design @ theta))
        gradient = design.T @ (w * (p - y)) + penalty @ theta
        hessian = design.T @ (design * (w * p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian + 1e-9 * np.eye(len(theta)), gradient)
        theta -= step
        if np.abs(step).max() < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


TARGET_FALSE_FLAGS = 0.05


def feature_names(checked: pd.DataFrame) -> list[str]:
    """Each check's risk and its square (see ``risk.py``)."""
    names = [s.name for s in CHECKS if s.name != CERTAIN and f"{s.name}_risk" in checked]
    return [feature for name in names for feature in (name, f"{name}^2")]


def fit_combiner(
    checked: pd.DataFrame,
    labels: np.ndarray,
    target_false_flags: float = TARGET_FALSE_FLAGS,
    trained_on: str = "",
    l2: float = 1.0,
    threshold_rows: np.ndarray | None = None,
    row_weights: np.ndarray | None = None,
) -> Combiner:
    """Logistic regression over the checks' risks (each row counting ``row_weights``
    times), with the intercept shifted so that risk >= 0.5 flags at most
    ``target_false_flags`` of the label-0 rows (of ``threshold_rows`` only, when given)."""
    names = feature_names(checked)
    x = np.column_stack([checked[f"{n}_risk"].fillna(0.0).to_numpy() ** p for n, p in map(feature_parts, names)])
    weights, intercept = fit_logistic(x, labels, l2=l2, row_weights=row_weights)
    raw = x @ weights + intercept
    chooser = (labels == 0) if threshold_rows is None else (labels == 0) & threshold_rows
    clean_logits = np.sort(raw[chooser])
    cut = clean_logits[min(len(clean_logits) - 1, int(np.ceil((1 - target_false_flags) * len(clean_logits))))]
    cut = max(cut, logit(0.05))  # never flag pairs the model itself thinks are fine
    notes = {"target_false_flags": target_false_flags, "training_pairs": len(labels), "faulty_pairs": int(labels.sum())}
    kept = {n: round(float(w), 4) for n, w in zip(names, weights) if w > 0}
    checks = list(dict.fromkeys(feature_parts(n)[0] for n in names))
    return Combiner(kept, round(intercept - cut, 4), trained_on, notes, checks)
