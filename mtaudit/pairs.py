"""The pairs table: the one DataFrame that travels from the input to the reports.

Its columns, in order: ``doc``, ``index`` (position in the document), ``source``,
``target``, ``alignment`` (how the pair was formed: ``1-1``, ``1-2`` or ``2-1`` for aligned
article sentences, ``omission`` or ``addition`` for a sentence with no counterpart,
``given`` for a table row), ``target_lang``; then where each sentence came from
(``source_file``, ``source_line``, ``target_file``, ``target_line``: the 1-based line a
sentence starts on in its article, a table row's line, empty where there is none); and
``id`` and ``reference`` when the input has them. Every later stage adds columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

PAIR_COLUMNS = ["doc", "index", "source", "target", "alignment", "target_lang"]
# Where each sentence came from, so a report can point an editor (or a CI annotation) at the
# line to fix: the article files and the line a sentence starts on; a table's row line.
LOCATION_COLUMNS = ["source_file", "source_line", "target_file", "target_line"]
GIVEN, OMISSION, ADDITION = "given", "omission", "addition"
UNPAIRED = (OMISSION, ADDITION)  # a sentence with no counterpart on the other side
LINE_COLUMNS = ["source_line", "target_line"]


@dataclass
class Loaded:
    pairs: pd.DataFrame
    unpaired: list[str] = field(default_factory=list)  # article files with no partner


def given_pairs(
    doc: str | pd.Series,
    sources: Iterable[str],
    targets: Iterable[str],
    target_lang: str | pd.Series | None = None,
    file: str | None = None,
    lines: list[int] | None = None,
) -> pd.DataFrame:
    """Pairs that their input already aligned (a table's rows, a data set's sentence pairs),
    scored as given. An empty side makes the row an omission or an addition. Without a
    ``target_lang`` the table has no such column and the checks take the language they are
    given; without a ``file`` it has no location columns."""
    sources = list(sources)
    columns = {
        "doc": doc,
        "index": range(1, len(sources) + 1),
        "source": sources,
        "target": list(targets),
        "alignment": GIVEN,
    }
    if target_lang is not None:
        columns["target_lang"] = target_lang
    if file is not None:
        located = pd.array(lines if lines is not None else [None] * len(sources), dtype="Int64")
        columns |= {"source_file": file, "source_line": located, "target_file": file, "target_line": located}
    table = pd.DataFrame(columns)
    mark_unpaired(table)
    return table


def aligned_pairs(rows: list[dict]) -> pd.DataFrame:
    """Pairs from the aligner's beads, one row each (see ``pairing.py``)."""
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS + LOCATION_COLUMNS)
    pairs[LINE_COLUMNS] = pairs[LINE_COLUMNS].astype("Int64")
    return pairs


def mark_unpaired(table: pd.DataFrame) -> None:
    """An empty cell is content with no counterpart, like an unaligned sentence in an article."""
    table.loc[table["target"] == "", "alignment"] = OMISSION
    table.loc[table["source"] == "", "alignment"] = ADDITION
