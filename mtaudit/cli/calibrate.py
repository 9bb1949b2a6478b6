"""`mtaudit calibrate`: fit the risk combination to a newsroom's own labelled pairs."""

from __future__ import annotations

import argparse
from pathlib import Path

from mtaudit.arguments import unit_interval
from mtaudit.cli.common import EXIT_PASS, add_pair_options, check_output


def add(commands) -> None:
    calibrate = commands.add_parser(
        "calibrate",
        help="fit the risk combination to your own labelled sentence pairs",
        description="Fit how the checks are combined to a newsroom's own judgments. LABELLED is a .csv/.tsv/.jsonl "
        "with columns source, target and label (1 = bad translation, 0 = fine). A fifth of the rows is "
        "held out to report accuracy before and after; the result is used with "
        "`mtaudit score --calibration FILE`.",
    )
    calibrate.add_argument("labelled", type=Path, metavar="LABELLED")
    calibrate.add_argument(
        "--out",
        type=Path,
        default=Path("mtaudit-calibration.json"),
        help="calibration file to write (default: mtaudit-calibration.json)",
    )
    calibrate.add_argument(
        "--max-false-flags",
        type=unit_interval,
        default=0.05,
        help="share of fine pairs the threshold may flag, on the fitted rows (default: 0.05)",
    )
    add_pair_options(calibrate)
    calibrate.add_argument("--label-col", default="label", help="label column (default: label)")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.calibrate import calibrate, read_labelled
    from mtaudit.model.encoder import Encoder
    from mtaudit.pipeline import Options
    from mtaudit.report.calibration import show

    check_output("--out", args.out, [args.labelled])
    pairs = read_labelled(args.labelled, args.source_col, args.target_col, args.label_col, args.skip_bad_rows)
    options = Options(args.source_lang, args.target_lang)
    result = calibrate(pairs, options, Encoder(args.model), args.max_false_flags, str(args.labelled))
    result.combiner.save(args.out)
    show(result, len(pairs), args.out, Console())
    return EXIT_PASS
