"""CSV for editors: opens cleanly in a spreadsheet (UTF-8 with BOM so Excel detects the
encoding), and no cell can run as a formula: text starting with = + - @ or a tab or
carriage return gets a leading apostrophe, which spreadsheets show as plain text."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from mtaudit.pipeline import Audit
from mtaudit.report.columns import ordered, span_text

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_PIECE = 5000


def neutralise(value):
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def pieces(audit: Audit) -> Iterator[bytes]:
    """The CSV a few thousand rows at a time, so a large report is never held whole."""
    for start in range(0, max(len(audit.pairs), 1), ROWS_PER_PIECE):
        table = ordered(audit.pairs.iloc[start : start + ROWS_PER_PIECE])
        if "spans" in table:
            table = table.assign(spans=table["spans"].map(span_text))
        safe = table.apply(
            lambda column: (
                column.map(neutralise) if column.dtype == object or pd.api.types.is_string_dtype(column) else column
            )
        )
        text = safe.to_csv(index=False, header=start == 0, lineterminator="\r\n")
        yield text.encode("utf-8-sig" if start == 0 else "utf-8", "replace")
