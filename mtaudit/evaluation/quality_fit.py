"""Fit the weights of the estimated-quality check (``mtaudit/data/quality.json``) on the
tuning rows of MLQE-PE (split ``dev``: et, ne, ro, ru, si into English, English into German
and Chinese), never on its evaluation splits.

A ridge regression from the products of source and target vector dimensions to the human
z-score, with the cosine as one more feature that is not penalised: the penalty then
pulls the fit toward plain cosine, and only dimensions with real evidence move away from
it. The penalty (QUALITY_L2 = 0.1) was chosen on the dev rows alone, by leaving each
language pair out in turn and by 5-fold cross-validation (see the README's accuracy section).

    python -m mtaudit.evaluation.quality_fit      # rewrites mtaudit/data/quality.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.checks import code_fingerprint
from mtaudit.encoder import Encoder
from mtaudit.evaluation import read_table
from mtaudit.evaluation.faults import DEFAULT_DATA
from mtaudit.signals.quality import QualityModel, shipped_model

QUALITY_L2 = 0.1
FOLDS = 5
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "quality.json"


def mlqe_dev_rows(data_dir: Path) -> pd.DataFrame:
    data = read_table(data_dir / "qe_da_mlqepe.tsv")
    dev = data[data["split"] == "dev"].reset_index(drop=True)
    return dev.assign(da_z_mean=dev["da_z_mean"].astype(float))


def fit_quality(sources: np.ndarray, targets: np.ndarray, scores: np.ndarray, l2: float = QUALITY_L2) -> QualityModel:
    """Ridge regression of ``scores`` on [cosine, source * target], the cosine unpenalised."""
    products = sources * targets
    features = np.hstack([products.sum(axis=1, keepdims=True), products]).astype(np.float64)
    means = features.mean(axis=0)
    centred = features - means
    penalty = l2 * np.eye(features.shape[1])
    penalty[0, 0] = 0.0
    weights = np.linalg.solve(centred.T @ centred + penalty, centred.T @ (scores - scores.mean()))
    bias = float(scores.mean() - means @ weights)
    fitted = features @ weights + bias
    return QualityModel(bias, float(weights[0]), weights[1:], float(np.median(fitted)), float(fitted.std()))


def out_of_fold_risks(sources: np.ndarray, targets: np.ndarray, scores: np.ndarray, seed: int = 0) -> np.ndarray:
    """Each row's risk from a model fitted without it (FOLDS folds), so that a combination
    fitted on these rows does not learn to trust estimates the check made on its own
    training rows."""
    folds = np.random.default_rng(seed).integers(0, FOLDS, len(scores))
    risks = np.zeros(len(scores))
    for fold in range(FOLDS):
        held = folds == fold
        model = fit_quality(sources[~held], targets[~held], scores[~held])
        risks[held] = model.risk(model.estimate(sources[held], targets[held]))
    return risks


def vectors(rows: pd.DataFrame, encoder: Encoder) -> tuple[np.ndarray, np.ndarray]:
    return encoder.encode(rows["source"].tolist()), encoder.encode(rows["mt"].tolist())


def write_quality(model: QualityModel, path: Path) -> None:
    from mtaudit.files import write_atomically

    write_atomically(path, (json.dumps(model.to_json(), indent=1) + "\n").encode("utf-8"))


def fit_shipped_quality(data_dir: Path, encoder: Encoder, out: Path = SHIPPED) -> QualityModel:
    """Fit on every MLQE-PE dev row and write the weights file; the check (and the cache's
    code fingerprint) then read the new file in this process too."""
    rows = mlqe_dev_rows(data_dir)
    model = fit_quality(*vectors(rows, encoder), rows["da_z_mean"].to_numpy())
    write_quality(model, out)
    shipped_model.cache_clear()
    code_fingerprint.cache_clear()
    print(f"wrote {out} from {len(rows)} MLQE-PE dev rows (cosine weight {model.cosine_weight:+.3f})")
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the estimated-quality weights on MLQE-PE dev rows.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    fit_shipped_quality(args.data_dir, Encoder(), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
