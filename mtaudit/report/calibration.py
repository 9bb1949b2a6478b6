"""`mtaudit calibrate` in the terminal: the held-out rows' figures for the shipped
combination and the fitted one, and how to use the file it wrote."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from mtaudit.calibrate import Calibration


def show(result: Calibration, rows: int, written: Path, console: Console) -> None:
    table = Table(title=f"held-out {result.held_out} of {rows} rows: shipped combination vs fitted")
    for column in ("metric", "before", "after"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for metric in result.before:
        table.add_row(metric, f"{result.before[metric]:.3f}", f"{result.after[metric]:.3f}")
    console.print(table)
    console.print(f"wrote {written}; use it with: mtaudit score ... --calibration {written}")
