"""`mtaudit checks`: list every check, what it catches and its languages."""

from __future__ import annotations

import argparse

from mtaudit.cli.common import EXIT_PASS


def add(commands) -> None:
    commands.add_parser("checks", help="list every check, what it catches and its languages")


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.checks import CHECKS
    from mtaudit.report.checks import show

    show(CHECKS, Console())
    return EXIT_PASS
