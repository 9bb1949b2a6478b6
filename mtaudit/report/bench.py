"""`mtaudit bench` in the terminal: one line per figure, its target and whether it is met."""

from __future__ import annotations

from rich.table import Table

from mtaudit.bench import Figure


def show(figures: list[Figure], console) -> None:
    table = Table(title="mtaudit bench (this machine, one run)")
    for column in ("measure", "value", "unit", "target", "met"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for figure in figures:
        met = "" if figure.met is None else ("yes" if figure.met else "NO")
        value = f"{figure.value:.3f}" if abs(figure.value) < 10 else f"{figure.value:.1f}"
        table.add_row(figure.measure, value, figure.unit, figure.target, met)
    console.print(table)
