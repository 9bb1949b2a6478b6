"""The command line: one module per command, each with ``add`` (its options) and ``run``
(parse nothing more, call the library, hand the result to a reporter, return the exit code).

Exit codes (the CI contract): 0 pass, 1 the gate failed (something flagged, see --fail-on),
2 bad usage or unreadable input (one line on stderr), 3 an internal error of mtaudit (one
line on stderr; --debug shows the traceback), 130 interrupted. A crash must never exit 1,
which CI reads as a verdict on the translations.
"""

from __future__ import annotations

import argparse
import sys

from mtaudit.cli import bench, calibrate, checks, compare, evaluate, score
from mtaudit.cli.common import EXIT_CODES, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED

COMMANDS = {
    "score": score,
    "eval": evaluate,
    "calibrate": calibrate,
    "compare": compare,
    "checks": checks,
    "bench": bench,
}


def build_parser() -> argparse.ArgumentParser:
    from mtaudit import __version__

    parser = argparse.ArgumentParser(
        prog="mtaudit", description="Find machine-translated sentences that could mislead a reader.", epilog=EXIT_CODES
    )
    parser.add_argument("--version", action="version", version=f"mtaudit {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error instead of one line"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS.values():
        command.add(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from mtaudit.errors import MtauditError
    from mtaudit.report.printable import printable

    try:
        return COMMANDS[args.command].run(args)
    except MtauditError as error:
        print(f"mtaudit: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mtaudit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last line of defence of the exit-code contract
        if args.debug:
            import traceback

            traceback.print_exc()
            return EXIT_INTERNAL
        detail = printable(f"{type(error).__name__}: {error}".replace("\n", " "))
        print(f"mtaudit: internal error: {detail} (run again with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


def entry() -> None:
    """The installed command and ``python -m mtaudit``: ``main``, then out without taking
    the interpreter apart.

    Freeing every module and object on the way out (pandas, ONNX Runtime, the tokenizer)
    took 0.3 to 0.5 s of every run, a tenth of a cold start and a third of a warm one, for
    nothing: by then every report is written and closed. The exit handlers still run (temporary
    folders, thread pools, logging) and the standard streams are flushed; only the teardown
    is skipped. Tests call ``main``, which returns."""
    import atexit
    import os

    code = main()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (``| head``): nothing more to say
            pass
    os._exit(code)
