"""`mtaudit eval` in the terminal: one line per data set, subset and metric, mtaudit beside
the plain-cosine baseline, the gain coloured."""

from __future__ import annotations

import math

from rich.table import Table


def show(rows: list, console) -> None:
    """The evaluation table in the terminal: one line per subset and metric (``rows`` are
    ``evaluation.suite.Row``; not imported, so that nothing outside the ``eval`` command
    loads the evaluation code)."""
    table = Table(title="mtaudit eval (evaluation-only rows; baseline = plain cosine of the same encoder)")
    for column, justify in (
        ("data", "left"),
        ("subset", "left"),
        ("metric", "left"),
        ("mtaudit", "right"),
        ("baseline", "right"),
        ("gain", "right"),
        ("pairs", "right"),
    ):
        table.add_column(column, justify=justify)
    for row in rows:
        gain_style = "green" if row.gain > 0 else "red" if row.gain < 0 else ""
        table.add_row(
            row.block,
            row.subset,
            row.metric,
            _number(row.mtaudit),
            _number(row.baseline),
            f"[{gain_style}]{_number(row.gain, signed=True)}[/]" if gain_style else _number(row.gain),
            str(row.pairs),
        )
    console.print(table)


def _number(value: float, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:+.3f}" if signed else f"{value:.3f}"
