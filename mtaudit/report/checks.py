"""`mtaudit checks` in the terminal: every registered check, what it catches and the
translation languages it judges."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mtaudit.checks.base import Check


def show(checks: list[Check], console: Console) -> None:
    table = Table(title="mtaudit checks")
    for column in ("check", "catches", "target languages"):
        table.add_column(column)
    for check in checks:
        table.add_row(check.name, check.catches, ", ".join(sorted(check.target_langs)) if check.target_langs else "any")
    console.print(table)
