"""`mtaudit checks` in the terminal: every registered check, what it catches and the
translation languages it judges."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from mtaudit.signals.base import Signal


def show(signals: list[Signal], console: Console) -> None:
    table = Table(title="mtaudit checks")
    for column in ("check", "catches", "target languages"):
        table.add_column(column)
    for signal in signals:
        table.add_row(
            signal.name, signal.catches, ", ".join(sorted(signal.target_langs)) if signal.target_langs else "any"
        )
    console.print(table)
