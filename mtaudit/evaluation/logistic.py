"""A small logistic regression (Newton's method with an L2 penalty), enough to fit the
risk combination without adding a machine-learning library."""

from __future__ import annotations

import numpy as np


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
