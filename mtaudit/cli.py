"""The command line: parse options, call the pipeline, pick reporters, set the exit code.

Exit codes (the CI contract): 0 nothing flagged, 1 something flagged (see --fail-on),
2 bad usage or unreadable input (one line on stderr), 130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

EXIT_PASS, EXIT_FLAGGED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mtaudit", description="Find machine-translated sentences that could mislead a reader."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_score(commands)
    commands.add_parser("checks", help="list every check, what it catches and its languages")
    return parser


def _add_score(commands) -> None:
    score = commands.add_parser(
        "score",
        help="audit translated articles or a table of sentence pairs",
        description="Audit translations. INPUT is two article files (SOURCE TARGET), a directory of "
        "<slug>.<lang>.txt files, or a .tsv/.csv/.jsonl table with source and target columns.",
        epilog="exit codes: 0 nothing flagged, 1 something flagged, 2 bad usage or unreadable input",
    )
    score.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    score.add_argument("--source-lang", default="id", help="language of the originals (default: id)")
    score.add_argument("--target-lang", default="en", help="language of the translations (default: en)")
    score.add_argument(
        "--model",
        default=None,
        metavar="NAME_OR_PATH",
        help="sentence-transformers model (hub name or folder); default: the bundled "
        "multilingual-e5-small, which needs no internet",
    )
    score.add_argument(
        "--threshold", type=_unit_interval, default=0.5, help="risk at or above which a pair is flagged (default: 0.5)"
    )
    score.add_argument("--csv", type=Path, metavar="PATH", help="write the CSV report here")
    score.add_argument("--json", type=Path, metavar="PATH", help="write the JSON report here")
    score.add_argument("--save", action="store_true", help="write CSV and JSON reports into --out-dir")
    score.add_argument("--out-dir", type=Path, default=Path("reports"), help="where --save writes (default: reports/)")
    score.add_argument("--source-col", default="source", help="source column of a table (default: source)")
    score.add_argument("--target-col", default="target", help="target column of a table (default: target)")
    score.add_argument(
        "--fail-on",
        choices=["flagged", "omission", "never"],
        default="flagged",
        help="what makes the exit code 1: any flagged pair (default), only omitted or added "
        "sentences, or never (report only)",
    )
    score.add_argument("--only-flagged", action="store_true", help="show only flagged pairs in the terminal")
    score.add_argument("--quiet", action="store_true", help="print only the verdict line")


def _unit_interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def run_score(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.encoder import Encoder
    from mtaudit.pipeline import Options, audit
    from mtaudit.report import csv_report, json_report, terminal

    options = Options(args.source_lang, args.target_lang, args.threshold, args.source_col, args.target_col)
    with _encoding_progress(enabled=sys.stderr.isatty() and not args.quiet) as report:
        result = audit(args.inputs, options, Encoder(args.model, on_progress=report))
    csv_path, json_path = args.csv, args.json
    if args.save:
        stem = _report_stem(args.inputs)
        csv_path = csv_path or args.out_dir / f"{stem}.csv"
        json_path = json_path or args.out_dir / f"{stem}.json"
    if csv_path:
        csv_report.write(result, csv_path)
    if json_path:
        json_report.write(result, json_path)
    console = Console()
    if args.quiet:
        terminal.show_verdict(result, console)
    else:
        terminal.show(result, console, only_flagged=args.only_flagged)
    return _exit_code(result.pairs, args.fail_on)


@contextmanager
def _encoding_progress(enabled: bool):
    """A transient progress bar on stderr while sentences are encoded (terminals only, so
    CI logs and redirected output stay clean)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("encoding sentences"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("encode", total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _report_stem(inputs: list[Path]) -> str:
    first = inputs[0]
    return (first.name if first.is_dir() else first.name.split(".")[0]) or "mtaudit"


def _exit_code(pairs, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_PASS
    if fail_on == "omission":
        return EXIT_FLAGGED if pairs["alignment"].isin(["omission", "addition"]).any() else EXIT_PASS
    return EXIT_FLAGGED if pairs["flagged"].any() else EXIT_PASS


def run_checks() -> int:
    from rich.console import Console
    from rich.table import Table

    from mtaudit.signals import SIGNALS

    table = Table(title="mtaudit checks")
    for column in ("check", "catches", "target languages"):
        table.add_column(column)
    for signal in SIGNALS:
        table.add_row(
            signal.name, signal.catches, ", ".join(sorted(signal.target_langs)) if signal.target_langs else "any"
        )
    Console().print(table)
    return EXIT_PASS


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from mtaudit.errors import MtauditError

    try:
        return run_score(args) if args.command == "score" else run_checks()
    except MtauditError as error:
        print(f"mtaudit: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mtaudit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
