"""Fit the risk combination to one newsroom's own judgments.

A newsroom labels some sentence pairs (label 1 = the translation is wrong, 0 = fine).
``calibrate`` keeps a fifth of them aside (stratified, fixed seed), fits the logistic
combination of the checks on the rest exactly as the shipped one was fitted, and reports
accuracy on the held-out fifth before (shipped combination) and after (fitted). The
result is a calibration file for ``mtaudit score --calibration FILE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.errors import MtauditError
from mtaudit.fitting import fit_combiner
from mtaudit.input.tables import load_table
from mtaudit.metrics import auroc, matthews
from mtaudit.model.encoder import Encoder
from mtaudit.pipeline import Options, check_pairs
from mtaudit.risk import Combiner, load_combiner, score

HELD_OUT = 0.2
MIN_PER_CLASS = 10


@dataclass
class Calibration:
    combiner: Combiner
    before: dict[str, float]
    after: dict[str, float]
    held_out: int


def read_labelled(
    path: Path, source_col: str, target_col: str, label_col: str, skip_bad_rows: bool = False
) -> pd.DataFrame:
    pairs = load_table(path, source_col, target_col, keep=[label_col], skip_bad_rows=skip_bad_rows)
    try:
        labels = pd.to_numeric(pairs[label_col], errors="raise").astype(int)
    except (ValueError, TypeError):
        raise MtauditError(f"{path}: column {label_col!r} must hold 1 (bad translation) or 0 (fine)") from None
    if not labels.isin([0, 1]).all():
        raise MtauditError(f"{path}: column {label_col!r} must hold only 1 (bad translation) or 0 (fine)")
    counts = labels.value_counts()
    if counts.get(0, 0) < MIN_PER_CLASS or counts.get(1, 0) < MIN_PER_CLASS:
        raise MtauditError(
            f"{path}: need at least {MIN_PER_CLASS} rows labelled 1 and {MIN_PER_CLASS} labelled 0 "
            f"(found {counts.get(1, 0)} and {counts.get(0, 0)})"
        )
    return pairs.assign(label=labels.to_numpy())


def held_out_mask(labels: np.ndarray, share: float = HELD_OUT, seed: int = 0) -> np.ndarray:
    """A stratified, reproducible choice of rows to keep out of fitting."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(labels), bool)
    for value in (0, 1):
        rows = np.flatnonzero(labels == value)
        mask[rng.choice(rows, size=max(1, round(share * len(rows))), replace=False)] = True
    return mask


def accuracy(scored: pd.DataFrame, labels: np.ndarray) -> dict[str, float]:
    bad = labels.astype(bool)
    flagged = scored["flagged"].to_numpy()
    return {
        "AUROC": auroc(scored["risk"].to_numpy(), bad),
        "recall": float(flagged[bad].mean()),
        "false flags": float(flagged[~bad].mean()),
        "MCC": matthews(flagged, bad),
    }


def calibrate(
    pairs: pd.DataFrame, options: Options, encoder: Encoder, max_false_flags: float = 0.05, source_name: str = ""
) -> Calibration:
    labels = pairs["label"].to_numpy()
    checked = check_pairs(pairs.drop(columns="label"), options.source_lang, encoder, options.target_lang)
    held = held_out_mask(labels)
    fitted = fit_combiner(
        checked[~held].reset_index(drop=True),
        labels[~held],
        max_false_flags,
        trained_on=f"newsroom labels: {source_name} ({int((~held).sum())} rows)",
    )
    test = checked[held].reset_index(drop=True)
    before = accuracy(score(test, options.threshold, load_combiner()), labels[held])
    after = accuracy(score(test, options.threshold, fitted), labels[held])
    fitted.notes.update({"held_out_rows": int(held.sum()), "held_out_before": before, "held_out_after": after})
    return Calibration(fitted, before, after, int(held.sum()))
