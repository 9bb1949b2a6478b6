"""CSV for editors: opens cleanly in a spreadsheet (UTF-8 with BOM so Excel detects the
encoding), and no cell can run as a formula: text starting with = + - @ or a tab or
carriage return gets a leading apostrophe, which spreadsheets show as plain text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from mtaudit.pipeline import Audit
from mtaudit.report.columns import ordered, span_text
from mtaudit.report.files import write_atomically

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def render(audit: Audit) -> bytes:
    table = ordered(audit.pairs)
    if "spans" in table:
        table = table.assign(spans=table["spans"].map(span_text))
    safe = table.apply(
        lambda column: (
            column.map(neutralise) if column.dtype == object or pd.api.types.is_string_dtype(column) else column
        )
    )
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig", "replace")


def write(audit: Audit, path: Path) -> None:
    write_atomically(path, render(audit))
