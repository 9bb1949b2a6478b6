"""Scrambled word order: a translation whose words match the source's but in an order
that follows no pattern (MT "word salad").

Each target word is linked to its best-matching source word (``wordalign``); the check
measures how consistently target order follows source order (Kendall's tau of the linked
positions). Indonesian, English, French, Chinese and Arabic news mostly keep the order
of the main constituents, so correct translations score well above zero while shuffled
words score near zero. Targets in SOV languages (Japanese, Korean) reorder by design and
are not judged.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks.base import MAJOR, Check, Context, findings
from mtaudit.checks.wordalign import word_alignments
from mtaudit.languages import codes_where

LINK_MIN = 0.35  # a target word counts only when some source word matches it this well
MIN_LINKS = 5
ORDERED = 0.35  # tau at or above: nothing wrong (measured on tuning rows)
SCRAMBLED = 0.0  # tau at or below: sure


def kendall_tau(values: list[int]) -> float:
    """Rank agreement of a sequence with its own position (1 sorted, -1 reversed)."""
    x = np.asarray(values)
    n = len(x)
    if n < 2:
        return 1.0
    signs = np.sign(x[None, :] - x[:, None])[np.triu_indices(n, 1)]
    return float(signs.sum() / len(signs))


def order_tau(similarity: np.ndarray) -> float | None:
    if similarity.size == 0:
        return None
    linked = similarity.max(axis=0) >= LINK_MIN
    if linked.sum() < MIN_LINKS:
        return None
    return kendall_tau(similarity.argmax(axis=0)[linked].tolist())


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    alignments = word_alignments(pairs["source"].tolist(), pairs["target"].tolist(), context)
    taus, risks, reasons = [], [], []
    for alignment in alignments:
        tau = order_tau(alignment.similarity) if alignment is not None else None
        risk = 0.0 if tau is None else float(np.clip((ORDERED - tau) / (ORDERED - SCRAMBLED), 0, 1))
        taus.append(np.nan if tau is None else round(tau, 3))
        risks.append(risk)
        reasons.append(
            "The word order looks scrambled: the words do not follow the source's order." if risk >= 0.5 else ""
        )
    return findings("order", pairs.index, risks, reasons, word_order=taus)


CHECK = Check(
    "order",
    "scrambled word order (word salad)",
    compute,
    target_langs=codes_where(lambda known: known.judges_word_order),
    severity=MAJOR,
    category="garbled",
)
