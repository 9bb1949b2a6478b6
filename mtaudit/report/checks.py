"""`mtaudit checks` in the terminal: every registered check, what it catches, how severe its
findings are (and whether one fails the gate by itself) and the translation languages it judges."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mtaudit.checks.base import Check
from mtaudit.risk import CERTAIN


def show(checks: list[Check], console: Console) -> None:
    table = Table(title="mtaudit checks")
    for column in ("check", "catches", "findings", "target languages"):
        table.add_column(column)
    for check in checks:
        languages = ", ".join(sorted(check.target_langs)) if check.target_langs else "any"
        table.add_row(check.name, check.catches, _findings(check), languages)
    console.print(table)


def _findings(check: Check) -> str:
    """The severity a check's findings carry, and from which of its own grades one flags a
    pair whatever the other checks say."""
    if check.name == CERTAIN:  # an omitted or added sentence has risk 1
        return f"{check.severity}; always flags"
    if check.decisive:
        return f"{check.severity}; flags alone when {check.decisive}"
    return check.severity
