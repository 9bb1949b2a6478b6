"""Fit the shipped risk combination (``mtaudit/data/combiner.json``) on tuning rows only,
and only on rows the quality estimator was not trained on (so the combination does not
learn to trust estimates made on the estimator's own training pairs).

Training pairs:
- correct Indonesian->English news translations (guntara valid, PUD wiki) and corrupted
  copies of them (label 1), leaving out the sentences the estimator learned from;
- our reviewers' judgments of real Indonesian->English MT held out from the estimator
  (``estimator_data.judged_examples``; label 1 = a major or critical error);
- the WMT21 critical-error dev rows (English into German, Czech, Japanese, Chinese; label
  1 = critical error), so the combination also holds for other language pairs;
- the MLQE-PE dev rows (label 1 = the lowest quarter of human scores in each language
  pair), so the risk also ranks ordinary translations as humans do.

The threshold is chosen so that at most TARGET_FALSE_FLAGS of the correct id-en tuning
pairs are flagged, and folded into the intercept so that risk 0.5 is that threshold.

    python -m mtaudit.evaluation combination   # rewrites mtaudit/data/combiner.json
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.evaluation.estimator_data import JUDGED_DEV_SHARE, all_examples, detokenize, judged_examples
from mtaudit.evaluation.faults import clean_pairs, with_corruptions
from mtaudit.fitting import fit_combiner
from mtaudit.model.encoder import Encoder
from mtaudit.pairs import given_pairs
from mtaudit.pipeline import check_pairs
from mtaudit.risk import Combiner
from mtaudit.shared_data import DEFAULT_DATA, read_table

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "combiner.json"


LOW_QUALITY_SHARE = 0.25


def quality_dev_rows(data_dir: Path) -> list[tuple[str, pd.DataFrame]]:
    """MLQE-PE dev rows, label 1 for the lowest quarter of human scores per language pair."""
    data = read_table(data_dir / "qe_da_mlqepe.tsv")
    dev = data[data["split"] == "dev"]
    blocks = []
    for lp, group in dev.groupby("lp", sort=True):
        scores = group["da_z_mean"].astype(float)
        rows = given_pairs(f"mlqe dev {lp}", group["source"], group["mt"])
        rows["label"] = (scores <= scores.quantile(LOW_QUALITY_SHARE)).astype(int).to_numpy()
        blocks.append((lp, rows))
    return blocks


def judged_dev_rows(data_dir: Path) -> list[tuple[str, pd.DataFrame]]:
    """Our reviewers' real-MT judgments that the estimator held out; label 1 = serious."""
    held = [e for e in judged_examples(data_dir, dev_share=JUDGED_DEV_SHARE) if e.part == "dev"]
    rows = given_pairs("judged dev id-en", [e.source for e in held], [e.target for e in held])
    rows["label"] = np.array([int(e.serious) for e in held])
    return [("id-en", rows)]


def critical_error_dev_rows(data_dir: Path) -> list[tuple[str, pd.DataFrame]]:
    data = read_table(data_dir / "qe_critical_errors_wmt21.tsv")
    blocks = []
    for lp, group in data[data["split"] == "dev"].groupby("lp", sort=True):
        target_lang = lp.split("-")[1]
        blocks.append(
            (
                lp,
                given_pairs(
                    f"wmt21 dev {lp}", group["source"], [detokenize(t, target_lang) for t in group["mt_tokenized"]]
                ).assign(label=(group["label"] == "ERR").astype(int).to_numpy()),
            )
        )
    return blocks


def estimator_sentences(data_dir: Path) -> set[str]:
    """Indonesian sentences the estimator was trained on (as a source of any example)."""
    return {e.source for e in all_examples(data_dir) if e.part == "train"}


def training_rows(data_dir: Path, per_type: int, encoder: Encoder) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The checks' columns for every tuning pair, their labels, and which rows are the
    id-en pairs that the flagging threshold is chosen on."""
    clean = clean_pairs(data_dir, "tuning")
    clean = clean[~clean["source"].isin(estimator_sentences(data_dir))].reset_index(drop=True)
    table = with_corruptions(clean, per_type, seed=7)
    frames = [check_pairs(table.drop(columns=["fault", "origin"]), "id", encoder)]
    labels = [(table["fault"] != "clean").to_numpy().astype(int)]
    blocks = judged_dev_rows(data_dir) + quality_dev_rows(data_dir) + critical_error_dev_rows(data_dir)
    for lp, rows in blocks:
        source_lang, target_lang = lp.split("-")
        frames.append(check_pairs(rows.drop(columns=["label"]), source_lang, encoder, target_lang))
        labels.append(rows["label"].to_numpy())
    checked = pd.concat(frames, ignore_index=True)
    return checked, np.concatenate(labels), np.arange(len(checked)) < len(table)


ID_EN_WEIGHT = 3.0  # this project's language pair counts three times the others in the fit


def fit_shipped_combination(checked: pd.DataFrame, labels: np.ndarray, id_en: np.ndarray, per_type: int) -> Combiner:
    """The shipped combination from the tuning rows' checks. The Indonesian-English rows (the
    corrupted pairs and our reviewers' judgments) count ID_EN_WEIGHT times: measured on the
    tuning rows, an unweighted fit let the 11,000 MLQE-PE and WMT21 rows, where numbers and
    untranslated words rarely matter, halve the weight of those checks."""
    judged = checked["doc"].astype(str).str.startswith("judged").to_numpy()
    return fit_combiner(
        checked,
        labels,
        threshold_rows=id_en,
        row_weights=np.where(id_en | judged, ID_EN_WEIGHT, 1.0),
        trained_on=f"tuning rows the estimator did not learn from: id-en guntara valid + PUD wiki with "
        f"{per_type} corrupted copies per kind and real-MT judgments held out (major/critical = 1), "
        f"each counting {ID_EN_WEIGHT:g} times; MLQE-PE dev (lowest quarter of human scores = 1); "
        "WMT21 critical-error dev",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the shipped risk combination on tuning rows.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-type", type=int, default=250)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    checked, labels, id_en = training_rows(args.data_dir, args.per_type, Encoder())
    combiner = fit_shipped_combination(checked, labels, id_en, args.per_type)
    combiner.save(args.out)
    print(f"wrote {args.out} from {len(labels)} pairs")
    for name, weight in sorted(combiner.coefficients.items(), key=lambda kv: -kv[1]):
        print(f"  {name:>14}: {weight:+.3f}")
    print(f"  {'intercept':>14}: {combiner.intercept:+.3f}")
    return 0
