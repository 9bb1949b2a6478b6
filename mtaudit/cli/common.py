"""What the commands share: exit codes, the options several of them take, argument types,
progress bars, warnings and the check of an output path before slow work (argument types:
``mtaudit.arguments``)."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

from mtaudit.arguments import unit_interval
from mtaudit.defaults import SOURCE_LANG, THRESHOLD

EXIT_PASS, EXIT_FLAGGED, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_CODES = (
    "exit codes: 0 pass, 1 the gate failed (see --fail-on), 2 bad usage or unreadable input, "
    "3 internal error of mtaudit, 130 interrupted"
)
MAX_WARNINGS_SHOWN = 10


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=None,
        metavar="NAME_OR_PATH",
        help="sentence-transformers model (hub name or folder); default: the bundled "
        "multilingual-e5-small, which needs no internet",
    )


def add_threshold_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--threshold",
        type=unit_interval,
        default=THRESHOLD,
        help=f"risk at or above which a pair is flagged (default: {THRESHOLD})",
    )


def add_pair_options(parser: argparse.ArgumentParser) -> None:
    """Languages, table columns and model: what `score` and `calibrate` both read pairs with."""
    parser.add_argument(
        "--source-lang", default=SOURCE_LANG, help=f"language of the originals (default: {SOURCE_LANG})"
    )
    parser.add_argument(
        "--target-lang",
        default=None,
        help="language of the translations (default: from file names <slug>.<lang>.txt or a target_lang "
        "column, else en); for a directory, audit only this edition",
    )
    parser.add_argument("--source-col", default="source", help="source column of a table (default: source)")
    parser.add_argument("--target-col", default="target", help="target column of a table (default: target)")
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="leave out table rows that cannot be parsed (ragged rows, broken JSON lines) with a warning, "
        "instead of stopping at the first",
    )
    add_model_option(parser)


def check_output(option: str, path: Path | None, inputs: tuple | list = ()) -> None:
    """A command's one output file, checked before its slow work (see ``files.check_outputs``)."""
    from mtaudit.files import Output, check_outputs

    if path is not None:
        check_outputs([Output(option, path)], [p for p in inputs if p is not None])


def print_warnings(messages: list[str]) -> None:
    from mtaudit.report.printable import printable

    for message in messages[:MAX_WARNINGS_SHOWN]:
        print(f"mtaudit: warning: {printable(message)}", file=sys.stderr)
    if len(messages) > MAX_WARNINGS_SHOWN:
        print(
            f"mtaudit: warning: ... and {len(messages) - MAX_WARNINGS_SHOWN} more (all are in the JSON report)",
            file=sys.stderr,
        )


@contextmanager
def progress_bars(enabled: bool):
    """Transient progress bars on stderr, one per stage: ``bar(label)`` gives the
    ``(done, total)`` callback for a stage. Terminals only, so CI logs and redirected
    output stay clean."""
    if not enabled:
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        tasks: dict[str, int] = {}

        def bar(label: str):
            def update(done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = progress.add_task(label, total=total)
                progress.update(tasks[label], completed=done, total=total)

            return update

        yield bar
