"""`mtaudit eval`: the scorer on the shared data's evaluation rows, beside plain cosine.
The evaluation code is imported only when this command runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from mtaudit.cli.common import EXIT_PASS, add_model_option, add_threshold_option, check_output

BLOCKS = ("real-mt", "editions", "mlqe", "words", "critical", "mqm", "faults", "alignment")


def add(commands) -> None:
    evaluate = commands.add_parser(
        "eval",
        help="measure the scorer on human-judged data, beside the plain-cosine baseline",
        description="Score the evaluation-only rows of the shared data (MLQE-PE, WMT21 critical errors, "
        "WMT23 MQM, Indonesian-English faults) and print one table, with the plain cosine of the "
        "same encoder as baseline. Checks are cached, so a re-run takes seconds.",
    )
    evaluate.add_argument(
        "--data-dir", type=Path, default=None, help="folder with the shared .tsv files (default: ../shared/data)"
    )
    evaluate.add_argument(
        "--blocks",
        type=block_names,
        default=None,
        metavar="NAMES",
        help=f"comma-separated blocks to run (default: all): {', '.join(BLOCKS)}",
    )
    evaluate.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="at most N rows per language pair and dataset (default: all)",
    )
    evaluate.add_argument("--json", type=Path, metavar="PATH", help="also write the table as JSON")
    add_model_option(evaluate)
    evaluate.add_argument("--calibration", type=Path, metavar="FILE", help="a file from mtaudit calibrate")
    add_threshold_option(evaluate)


def block_names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in BLOCKS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown block {', '.join(unknown) or text!r} (choose from {', '.join(BLOCKS)})"
        )
    return names


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.evaluation.suite import Evaluation, rows_to_frame
    from mtaudit.files import write_json
    from mtaudit.model.encoder import Encoder
    from mtaudit.report.evaluation import show
    from mtaudit.risk import load_combiner
    from mtaudit.shared_data import DEFAULT_DATA

    data_dir = args.data_dir or next(
        (p for p in (Path("../shared/data"), DEFAULT_DATA) if p.is_dir()), Path("../shared/data")
    )
    check_output("--json", args.json, [data_dir])
    progress = Console(stderr=True)
    evaluation = Evaluation(
        data_dir,
        Encoder(args.model),
        load_combiner(args.calibration),
        args.limit,
        args.threshold,
        on_block=lambda label, n: progress.print(f"[dim]scoring {label} ({n} pairs)[/]"),
    )
    rows = evaluation.run(args.blocks)
    show(rows, Console())
    if args.json:
        records = rows_to_frame(rows).to_dict(orient="records")
        write_json(args.json, {"data_dir": str(data_dir), "limit": args.limit, "rows": records})
    return EXIT_PASS
