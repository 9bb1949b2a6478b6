"""Machine-readable report for CI artifacts: settings, summary, unpaired files and every
pair with all its columns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict

from mtaudit import __version__
from mtaudit.files import json_ready
from mtaudit.pipeline import Audit
from mtaudit.report.columns import ordered, span_records
from mtaudit.report.summary import summarise

ROWS_PER_PIECE = 2000


def pieces(audit: Audit) -> Iterator[bytes]:
    """The report in pieces: the settings and summary, then the pairs one per line, a
    few thousand at a time (building a 100,000-pair report whole added 1.2 GB to the run's peak)."""
    header = {
        "mtaudit": __version__,
        "model": audit.model,
        "source_lang": audit.options.source_lang,
        "target_lang": audit.options.target_lang,
        "corpus_scores": [asdict(score) for score in audit.corpus],
        "threshold": audit.options.threshold,
        "fail_on": audit.options.fail_on,
        "gate": "fail" if audit.failed else "pass",
        "verdicts": [asdict(verdict) for verdict in audit.verdicts],
        "summary": summarise(audit.pairs),
        "unpaired_files": audit.unpaired,
        "warnings": audit.warnings,
    }
    opening = json.dumps(header, ensure_ascii=False, indent=1)
    yield _utf8(opening[: -len("\n}")] + ',\n "pairs": [')
    for start in range(0, len(audit.pairs), ROWS_PER_PIECE):
        rows = _records(audit.pairs.iloc[start : start + ROWS_PER_PIECE])
        separator = "\n  " if start == 0 else ",\n  "
        yield _utf8(separator + ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in rows))
    yield _utf8("\n ]\n}\n")


def _records(pairs) -> list[dict]:
    table = ordered(pairs)
    if "spans" in table:
        table = table.assign(
            spans=[span_records(s, src, tgt) for s, src, tgt in zip(table["spans"], table["source"], table["target"])]
        )
    return [json_ready(row) for row in table.to_dict(orient="records")]


def _utf8(text: str) -> bytes:
    # A lone surrogate (from an undecodable file name) is written as its \\udXXX escape,
    # which is valid JSON; "surrogatepass" would write bytes that are not UTF-8.
    return text.encode("utf-8", "backslashreplace")
