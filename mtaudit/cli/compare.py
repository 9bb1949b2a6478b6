"""`mtaudit compare`: rank two MT outputs of the same sources."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mtaudit.cli.common import EXIT_PASS, add_model_option, add_threshold_option, check_output, progress_bars
from mtaudit.defaults import SOURCE_LANG


def add(commands) -> None:
    compare = commands.add_parser(
        "compare",
        help="rank two MT outputs of the same sources",
        description="Rank two machine translations of the same source sentences. SOURCE, SYSTEM_A, SYSTEM_B "
        "(and REF) are line-parallel text files, one sentence per line, as sacrebleu reads them. Reference-free: "
        "mean risk and flagged count of each, with a paired bootstrap 95% confidence interval of the difference. "
        "With --reference: BLEU, chrF and TER with sacrebleu's paired bootstrap significance test.",
    )
    compare.add_argument("source", type=Path, metavar="SOURCE")
    compare.add_argument("system_a", type=Path, metavar="SYSTEM_A")
    compare.add_argument("system_b", type=Path, metavar="SYSTEM_B")
    compare.add_argument("--reference", type=Path, metavar="REF", help="human reference, one line per source line")
    compare.add_argument("--source-lang", default=SOURCE_LANG, help=f"language of the sources (default: {SOURCE_LANG})")
    compare.add_argument(
        "--target-lang", default=None, help="language of the outputs (default: from file names, else en)"
    )
    add_threshold_option(compare)
    compare.add_argument("--samples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    compare.add_argument("--json", type=Path, metavar="PATH", help="also write the comparison as JSON")
    add_model_option(compare)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.compare import compare_systems
    from mtaudit.files import write_json
    from mtaudit.model.encoder import Encoder
    from mtaudit.report.comparison import show

    check_output("--json", args.json, [args.source, args.system_a, args.system_b, args.reference])
    with progress_bars(enabled=sys.stderr.isatty()) as bar:
        result = compare_systems(
            args.source,
            args.system_a,
            args.system_b,
            Encoder(args.model, on_progress=bar("encoding new sentences")),
            source_lang=args.source_lang,
            target_lang=args.target_lang,
            reference=args.reference,
            threshold=args.threshold,
            samples=args.samples,
        )
    if args.json:
        write_json(args.json, result.as_dict())
    show(result, Console())
    return EXIT_PASS
