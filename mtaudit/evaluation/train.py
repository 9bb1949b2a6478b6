"""Fit the shipped risk combination (``mtaudit/data/combiner.json``) on tuning rows only.

Training pairs: correct Indonesian->English news translations from the tuning rows of
``../shared/data`` (guntara valid, PUD wiki) and corrupted copies of them (label 1), plus
the WMT21 critical-error dev rows (English into German, Czech, Japanese, Chinese; label 1 =
critical error), so the combination also holds for other language pairs, and the MLQE-PE
dev rows (label 1 = the lowest quarter of human scores in each language pair), so the
risk also ranks ordinary translations by quality as humans do. The
threshold is chosen so that at most TARGET_FALSE_FLAGS of the correct id-en tuning pairs
are flagged, and folded into the intercept so that risk 0.5 is that threshold.

It first refits the estimated-quality check's weights (``quality_fit``), since the
combination is fitted on that check's risks; on the MLQE-PE dev rows those weights were
fitted on, each row's quality risk comes from weights fitted without it.

    python -m mtaudit.evaluation.train   # rewrites mtaudit/data/quality.json and combiner.json
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.encoder import Encoder
from mtaudit.evaluation import read_table
from mtaudit.evaluation.faults import DEFAULT_DATA, clean_pairs, with_corruptions
from mtaudit.evaluation.logistic import fit_logistic, logit
from mtaudit.evaluation.quality_fit import fit_shipped_quality, mlqe_dev_rows, out_of_fold_risks, vectors
from mtaudit.pipeline import check_pairs
from mtaudit.risk import CERTAIN, Combiner, feature_parts
from mtaudit.signals import SIGNALS

TARGET_FALSE_FLAGS = 0.05
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "combiner.json"


def feature_names(checked: pd.DataFrame) -> list[str]:
    """Each check's risk and its square (see ``risk.py``)."""
    names = [s.name for s in SIGNALS if s.name != CERTAIN and f"{s.name}_risk" in checked]
    return [feature for name in names for feature in (name, f"{name}^2")]


def fit_combiner(
    checked: pd.DataFrame,
    labels: np.ndarray,
    target_false_flags: float = TARGET_FALSE_FLAGS,
    trained_on: str = "",
    l2: float = 1.0,
    threshold_rows: np.ndarray | None = None,
) -> Combiner:
    """Logistic regression over the checks' risks, with the intercept shifted so that
    risk >= 0.5 flags at most ``target_false_flags`` of the label-0 rows (of
    ``threshold_rows`` only, when given)."""
    names = feature_names(checked)
    x = np.column_stack([checked[f"{n}_risk"].fillna(0.0).to_numpy() ** p for n, p in map(feature_parts, names)])
    weights, intercept = fit_logistic(x, labels, l2=l2)
    raw = x @ weights + intercept
    chooser = (labels == 0) if threshold_rows is None else (labels == 0) & threshold_rows
    clean_logits = np.sort(raw[chooser])
    cut = clean_logits[min(len(clean_logits) - 1, int(np.ceil((1 - target_false_flags) * len(clean_logits))))]
    cut = max(cut, logit(0.05))  # never flag pairs the model itself thinks are fine
    notes = {"target_false_flags": target_false_flags, "training_pairs": len(labels), "faulty_pairs": int(labels.sum())}
    kept = {n: round(float(w), 4) for n, w in zip(names, weights) if w > 0}
    return Combiner(kept, round(intercept - cut, 4), trained_on, notes)


LOW_QUALITY_SHARE = 0.25


def quality_dev_rows(data_dir: Path, encoder: Encoder) -> list[tuple[str, pd.DataFrame]]:
    """MLQE-PE dev rows, label 1 for the lowest quarter of human scores per language pair,
    with the estimated-quality risk each row gets from weights fitted without it."""
    dev = mlqe_dev_rows(data_dir)
    held_out = out_of_fold_risks(*vectors(dev, encoder), dev["da_z_mean"].to_numpy())
    dev = dev.assign(held_out_quality_risk=held_out)
    blocks = []
    for lp, group in dev.groupby("lp", sort=True):
        scores = group["da_z_mean"]
        rows = pd.DataFrame(
            {
                "doc": f"mlqe dev {lp}",
                "index": range(1, len(group) + 1),
                "source": group["source"].to_numpy(),
                "target": group["mt"].to_numpy(),
                "alignment": "given",
            }
        )
        rows["label"] = (scores <= scores.quantile(LOW_QUALITY_SHARE)).astype(int).to_numpy()
        rows["held_out_quality_risk"] = group["held_out_quality_risk"].to_numpy()
        blocks.append((lp, rows))
    return blocks


def critical_error_dev_rows(data_dir: Path) -> list[tuple[str, pd.DataFrame]]:
    from mtaudit.evaluation.suite import detokenize

    data = read_table(data_dir / "qe_critical_errors_wmt21.tsv")
    blocks = []
    for lp, group in data[data["split"] == "dev"].groupby("lp", sort=True):
        target_lang = lp.split("-")[1]
        blocks.append(
            (
                lp,
                pd.DataFrame(
                    {
                        "doc": f"wmt21 dev {lp}",
                        "index": range(1, len(group) + 1),
                        "source": group["source"].to_numpy(),
                        "target": [detokenize(t, target_lang) for t in group["mt_tokenized"]],
                        "alignment": "given",
                        "label": (group["label"] == "ERR").astype(int).to_numpy(),
                    }
                ),
            )
        )
    return blocks


def training_rows(data_dir: Path, per_type: int, encoder: Encoder) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The checks' columns for every tuning pair, their labels, and which rows are the
    id-en pairs that the flagging threshold is chosen on."""
    table = with_corruptions(clean_pairs(data_dir, "tuning"), per_type, seed=7)
    frames = [check_pairs(table.drop(columns=["fault", "origin"]), "id", encoder)]
    labels = [(table["fault"] != "clean").to_numpy().astype(int)]
    for lp, rows in quality_dev_rows(data_dir, encoder) + critical_error_dev_rows(data_dir):
        source_lang, target_lang = lp.split("-")
        given = rows.drop(columns=["label", "held_out_quality_risk"], errors="ignore")
        checked = check_pairs(given, source_lang, encoder, target_lang)
        if "held_out_quality_risk" in rows:  # the shipped weights were fitted on these very rows
            checked["quality_risk"] = rows["held_out_quality_risk"].to_numpy()
        frames.append(checked)
        labels.append(rows["label"].to_numpy())
    checked = pd.concat(frames, ignore_index=True)
    return checked, np.concatenate(labels), np.arange(len(checked)) < len(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fit the shipped risk combination on tuning rows.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--per-type", type=int, default=250)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    encoder = Encoder()
    fit_shipped_quality(args.data_dir, encoder)
    checked, labels, id_en = training_rows(args.data_dir, args.per_type, encoder)
    combiner = fit_combiner(
        checked,
        labels,
        threshold_rows=id_en,
        trained_on=f"tuning rows only: id-en guntara valid + PUD wiki with {args.per_type} corrupted copies per "
        "kind; MLQE-PE dev (lowest quarter of human scores = 1); WMT21 critical-error dev",
    )
    combiner.save(args.out)
    print(f"wrote {args.out} from {len(labels)} pairs")
    for name, weight in sorted(combiner.coefficients.items(), key=lambda kv: -kv[1]):
        print(f"  {name:>14}: {weight:+.3f}")
    print(f"  {'intercept':>14}: {combiner.intercept:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
