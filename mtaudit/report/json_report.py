"""Machine-readable report for CI artifacts: settings, summary, unpaired files and every
pair with all its columns."""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path

from mtaudit import __version__
from mtaudit.pipeline import Audit
from mtaudit.report.columns import ordered, span_records
from mtaudit.report.files import write_atomically
from mtaudit.report.summary import summarise


def _plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def render(audit: Audit) -> bytes:
    table = ordered(audit.pairs)
    if "spans" in table:
        table = table.assign(
            spans=[span_records(s, src, tgt) for s, src, tgt in zip(table["spans"], table["source"], table["target"])]
        )
    document = {
        "mtaudit": __version__,
        "model": audit.model,
        "source_lang": audit.options.source_lang,
        "target_lang": audit.options.target_lang,
        "corpus_scores": [asdict(score) for score in audit.corpus],
        "threshold": audit.options.threshold,
        "summary": summarise(audit.pairs),
        "unpaired_files": audit.unpaired,
        "warnings": audit.warnings,
        "pairs": [{k: _plain(v) for k, v in row.items()} for row in table.to_dict(orient="records")],
    }
    # A lone surrogate (from an undecodable file name) is written as its \\udXXX escape,
    # which is valid JSON; "surrogatepass" would write bytes that are not UTF-8.
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8", "backslashreplace")


def write(audit: Audit, path: Path) -> None:
    write_atomically(path, render(audit))
