"""Counts shown in the terminal summary line and stored in the JSON report."""

from __future__ import annotations

import pandas as pd

from mtaudit.documents import unrelated_editions
from mtaudit.pairs import ADDITION, OMISSION
from mtaudit.severity import CRITICAL, MAJOR, MINOR


def summarise(pairs: pd.DataFrame) -> dict:
    return {
        "documents": int(pairs["doc"].nunique()),
        "editions": sorted(pairs["target_lang"].unique().tolist()) if "target_lang" in pairs else [],
        "pairs": len(pairs),
        "flagged": int(pairs["flagged"].sum()),
        "omissions": int((pairs["alignment"] == OMISSION).sum()),
        "additions": int((pairs["alignment"] == ADDITION).sum()),
        "max_risk": float(pairs["risk"].max()) if len(pairs) else 0.0,
        "not_translations": len(unrelated_editions(pairs)),
    }


def verdict_lines(audit) -> list[tuple[str, bool]]:
    """The lines that end every ``mtaudit score`` run, each with whether it is bad news: the
    unpaired files, then one line that CI logs can grep, FAIL exactly when the exit code is
    1. Flagged pairs that do not fail the gate (``--fail-on``) are counted in the PASS line,
    which says why they do not fail."""
    lines = [(f"unpaired file (no translation or no source found): {path}", True) for path in audit.unpaired]
    failed = audit.failed
    verdict = "FAIL" if failed else "PASS"
    if not failed and audit.pairs["flagged"].any():
        verdict += f" (--fail-on {audit.options.fail_on}: the flagged pairs are for review, none fails the gate)"
    lines.append(
        (f"{verdict}: {summary_line(audit.pairs)} (threshold {audit.options.threshold:g}, model {audit.model})", failed)
    )
    return lines


def summary_line(pairs: pd.DataFrame) -> str:
    s = summarise(pairs)
    flagged = f"{s['flagged']} flagged"
    if s["flagged"] and "severity" in pairs:
        counts = pairs.loc[pairs["flagged"], "severity"].value_counts()
        flagged += f" ({', '.join(f'{counts[v]} {v}' for v in (CRITICAL, MAJOR, MINOR) if v in counts)})"
    line = f"{s['pairs']} pairs, {flagged}, {s['omissions']} omissions, {s['additions']} additions"
    if s["not_translations"]:
        line += f", {s['not_translations']} not a translation of the source"
    return line
