"""Small, dependency-free metrics for the evaluation tables."""

from __future__ import annotations

import numpy as np
import pandas as pd


def auroc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half),
    computed from ranks (Mann-Whitney U)."""
    scores, positive = np.asarray(scores, float), np.asarray(positive, bool)
    n_pos, n_neg = positive.sum(), (~positive).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(x) & np.isfinite(y)
    if keep.sum() < 3 or np.std(x[keep]) == 0 or np.std(y[keep]) == 0:
        return float("nan")
    return float(np.corrcoef(x[keep], y[keep])[0, 1])


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    return pearson(pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy())


def kendall(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall's tau-b (ties handled), as WMT reports segment-level agreement."""
    from scipy.stats import kendalltau

    return float(kendalltau(x, y, nan_policy="omit").statistic)


def matthews(predicted: np.ndarray, actual: np.ndarray) -> float:
    """Matthews correlation of two boolean arrays (0 when either is constant)."""
    p, a = np.asarray(predicted, bool), np.asarray(actual, bool)
    tp, tn = float((p & a).sum()), float((~p & ~a).sum())
    fp, fn = float((p & ~a).sum()), float((~p & a).sum())
    denominator = np.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return float((tp * tn - fp * fn) / denominator) if denominator else 0.0


def recall_at_false_flags(scores: np.ndarray, positive: np.ndarray, rate: float = 0.05) -> float:
    """Share of positives caught by the threshold that flags ``rate`` of the negatives."""
    scores, positive = np.asarray(scores, float), np.asarray(positive, bool)
    if positive.all() or not positive.any():
        return float("nan")
    cut = np.quantile(scores[~positive], 1 - rate)
    return float((scores[positive] > cut).mean())
