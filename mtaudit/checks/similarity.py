"""Cross-lingual semantic similarity of source and target (cosine of sentence embeddings).

Cosines are not comparable across encoders (E5 puts unrelated sentences near 0.75, LaBSE
near 0.2), so the risk is read against two anchor points: the cosine of unrelated
sentence pairs and the cosine of typical correct translations. For the bundled model the
anchors were measured on tuning data; for any other model they are estimated from the
input itself (its pairs as given, and the same pairs shuffled).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks.base import MAJOR, Check, Context, findings, has_text
from mtaudit.languages import language
from mtaudit.model.encoder import BUNDLED_MODEL

REASON_AT = 0.6  # risk from which the reason is shown (the cosine is 40% of the way up or less)


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    both = has_text(pairs)
    cosine = np.full(len(pairs), np.nan)
    cosine[both.to_numpy()] = context.encoder.similarity(
        pairs.loc[both, "source"].tolist(), pairs.loc[both, "target"].tolist()
    )
    anchors = _anchors(pairs.loc[both], cosine[both.to_numpy()], context)
    if anchors is None:  # another model and a single pair: nothing to read the cosine against
        return findings(
            "similarity", pairs.index, np.zeros(len(pairs)), [""] * len(pairs), similarity=np.round(cosine, 4)
        )
    unrelated, typical = anchors
    closeness = (cosine - unrelated) / max(typical - unrelated, 1e-6)  # 0 unrelated, 1 typical
    # graded over the whole range, so that the risk ranks pairs as the cosine does
    risk = np.where(both, np.clip(1.0 - closeness, 0, 1), 0.0)
    reasons = [_reason(c, r) for c, r in zip(cosine, risk)]
    return findings("similarity", pairs.index, risk, reasons, similarity=np.round(cosine, 4))


def _anchors(pairs: pd.DataFrame, cosine: np.ndarray, context: Context) -> tuple[float, float] | None:
    if context.encoder.name == BUNDLED_MODEL:
        return language(context.target_lang).similarity_anchors or language("en").similarity_anchors
    if len(pairs) < 2:
        return None
    shuffled = np.roll(np.arange(len(pairs)), len(pairs) // 2)
    unrelated = context.encoder.similarity(pairs["source"].tolist(), pairs["target"].iloc[shuffled].tolist())
    return float(np.median(unrelated)), float(np.median(cosine))


def _reason(cosine: float, risk: float) -> str:
    if risk < REASON_AT:
        return ""
    strength = "barely related to" if risk > 0.9 else "differs in meaning from"
    return f"The translation {strength} the source (similarity {cosine:.2f})."


CHECK = Check(
    "similarity",
    "translations whose meaning differs from the source (embedding similarity)",
    compute,
    severity=MAJOR,
    category="mistranslation",
)
