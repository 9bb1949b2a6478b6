"""Content on one side that nothing on the other side matches: a clause left out of the
translation.

Every source word is compared with every target word (``wordalign``); a word's match is
its best cosine on the other side. A translation that drops a clause leaves a run of
source words with poor matches. The check looks at the worst tenth of the source words
(single poorly matched words are common in good translations: particles, idioms) and
names the longest unmatched run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.checks.base import MAJOR, Check, Context, findings
from mtaudit.checks.wordalign import word_alignments

# Measured on tuning rows (guntara valid + PUD wiki, bundled model): the 10th percentile of
# source-word matches stays above OK_MATCH for almost all correct translations and falls
# toward SURE_MISSING for translations with a clause removed.
OK_MATCH = 0.52
SURE_MISSING = 0.28
WORD_UNMATCHED = 0.30  # a run of words matching nothing above this is shown to the editor
MIN_RUN_WORDS = 2


def unmatched_runs(spans: list[tuple[int, int]], best: np.ndarray) -> list[tuple[int, int]]:
    """Character spans of runs of consecutive poorly matched words, longest first."""
    runs, current = [], []
    for (start, end), score in [*zip(spans, best.tolist()), ((0, 0), 1.0)]:
        if score < WORD_UNMATCHED:
            current.append((start, end))
        elif current:
            if len(current) >= MIN_RUN_WORDS:
                runs.append((current[0][0], current[-1][1]))
            current = []
    return sorted(runs, key=lambda run: run[0] - run[1])


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    sources = pairs["source"].tolist()
    alignments = word_alignments(sources, pairs["target"].tolist(), context)
    lows, risks, reasons, spans = [], [], [], []
    for source, alignment in zip(sources, alignments):
        if alignment is None or len(alignment.source.spans) < 3 or not alignment.target.spans:
            lows.append(np.nan)
            risks.append(0.0)
            reasons.append("")
            spans.append([])
            continue
        best = alignment.source_best()
        low = float(np.quantile(best, 0.1))
        risk = float(np.clip((OK_MATCH - low) / (OK_MATCH - SURE_MISSING), 0, 1))
        lows.append(round(low, 4))
        risks.append(risk)
        runs = unmatched_runs(alignment.source.spans, best) if risk >= 0.5 else []
        reasons.append(_reason(risk, [source[start:end] for start, end in runs]))
        spans.append([("source", start, end) for start, end in runs])
    return findings("coverage", pairs.index, risks, reasons, spans, source_coverage=lows)


def _reason(risk: float, runs: list[str]) -> str:
    if risk < 0.5:
        return ""
    if runs:
        return f"Part of the source may be missing from the translation: '{runs[0]}'."
    return "Part of the source may be missing from the translation."


CHECK = Check(
    "coverage",
    "source content (a clause, a phrase) with no counterpart in the translation",
    compute,
    severity=MAJOR,
    category="omission",
)
