"""`mtaudit compare` in the terminal: the two systems side by side, the bootstrap intervals,
sacrebleu's tests when there is a reference, and which system has reliably lower risk."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtaudit.compare import Comparison


def show(result: Comparison, console: Console) -> None:
    a, b = result.names
    table = Table(title=Text(f"{a} vs {b}: {result.lines} source lines", style="bold"))
    for column in ("measure", "A", "B", "A - B", "95% interval"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    risk, flagged = result.mean_risk_difference, result.flagged_difference
    table.add_row(
        "mean risk (lower is better)",
        f"{result.mean_risk[0]:.4f}",
        f"{result.mean_risk[1]:.4f}",
        f"{risk.value:+.4f}",
        f"[{risk.low:+.4f}, {risk.high:+.4f}]",
    )
    table.add_row(
        "flagged lines",
        str(result.flagged[0]),
        str(result.flagged[1]),
        f"{flagged.value:+.0f}",
        f"[{flagged.low:+.0f}, {flagged.high:+.0f}]",
    )
    console.print(table)
    if result.reference_tests:
        tests = Table(title=Text("against the reference: sacrebleu paired bootstrap", style="bold"))
        for column in ("metric", "A", "B", "p-value (B vs A)", "signature"):
            tests.add_column(column, justify="left" if column in ("metric", "signature") else "right", overflow="fold")
        for t in result.reference_tests:
            tests.add_row(t.metric, f"{t.score_a:.2f}", f"{t.score_b:.2f}", f"{t.p_value:.4f}", t.signature)
        console.print(tests)
    better = result.better
    verdict = f"lower risk: {better} (the interval excludes zero)" if better else "no reliable difference in risk"
    console.print(Text(verdict, style="bold"))
