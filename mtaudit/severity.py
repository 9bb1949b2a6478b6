"""How bad a finding is, on the scale a desk editor uses (``labelling-guideline.md``).

- ``critical``: a reader is misinformed: a number, name or negation changed, the sentence
  left untranslated or in another language, a document that is not a translation at all;
- ``major``: meaning partly lost or changed: an omitted sentence or clause, a mistranslated
  content word, garbled English where the reader cannot tell who did what;
- ``minor``: meaning intact but not publishable as is: a word repeated, awkward wording.

Each check declares what its findings are (``Check.severity`` and ``Check.category``); a
flagged pair takes the severity of its worst finding. The gate (``--fail-on``) fails an
edition on findings at or above a severity, ``major`` by default: minor findings are
listed for editors and never fail the build unless asked.
"""

from __future__ import annotations

from dataclasses import dataclass

NONE, MINOR, MAJOR, CRITICAL = "none", "minor", "major", "critical"
SCALE = (NONE, MINOR, MAJOR, CRITICAL)  # least to most severe
DEFAULT_FAIL_ON = MAJOR
FAIL_ON_CHOICES = (CRITICAL, MAJOR, MINOR, "omission", "never")
PASS, REVIEW, FAIL = "pass", "review", "fail"


def rank(severity: str) -> int:
    """Position on the scale; an empty or unknown severity counts as none."""
    return SCALE.index(severity) if severity in SCALE else 0


def worst(severities) -> str:
    return max(severities, key=rank, default=NONE)


def fails(severity: str, fail_on: str) -> bool:
    """Whether a finding of ``severity`` fails the gate ``fail_on`` (a severity; ``omission``
    and ``never`` are decided by the caller, which knows the alignment)."""
    return fail_on in SCALE and rank(severity) >= rank(fail_on) > 0


@dataclass(frozen=True)
class Verdict:
    """One edition's verdict: pass, review (findings below the gate) or fail, and the worst
    findings in one line."""

    doc: str
    target_lang: str
    verdict: str
    reason: str
    counts: dict[str, int]


SHOWN_FINDINGS = 3  # findings named in a verdict's one-line reason
NOT_A_TRANSLATION_REASON = "not a translation of this source (the wrong article?)"


def failing_pairs(pairs, fail_on: str):
    """Boolean mask of the pairs that fail the gate ``fail_on``."""
    from mtaudit.pairs import UNPAIRED

    if fail_on == "omission":
        return pairs["alignment"].isin(UNPAIRED)
    return pairs["severity"].map(lambda severity: fails(severity, fail_on)).astype(bool)


def edition_verdicts(pairs, fail_on: str, not_translations: list[tuple[str, str]]) -> list[Verdict]:
    """One verdict per (document, edition), in the table's order: ``fail`` when a pair fails
    the gate (or the edition is not a translation of its source, unless the gate ignores
    findings), ``review`` when it has flagged pairs below the gate, else ``pass``."""
    failing = failing_pairs(pairs, fail_on)
    verdicts = []
    for (doc, lang), edition in pairs.groupby(["doc", "target_lang"], sort=False):
        counts = {s: int((edition["flagged"] & (edition["severity"] == s)).sum()) for s in (CRITICAL, MAJOR, MINOR)}
        unrelated = (doc, lang) in not_translations
        if unrelated:
            verdict = FAIL if fail_on in SCALE else REVIEW
            reason = NOT_A_TRANSLATION_REASON
        else:
            verdict = FAIL if failing[edition.index].any() else REVIEW if edition["flagged"].any() else PASS
            reason = _worst_findings(worst_first(edition), counts)
        verdicts.append(Verdict(str(doc), str(lang), verdict, reason, counts))
    return verdicts


def worst_first(pairs):
    """The flagged pairs, most severe first, then by risk, then in reading order."""
    flagged = pairs[pairs["flagged"]]
    order = flagged.assign(_rank=flagged["severity"].map(rank)).sort_values(
        ["_rank", "risk", "index"], ascending=[False, False, True], kind="stable"
    )
    return order.drop(columns="_rank")


def _worst_findings(order, counts: dict[str, int]) -> str:
    """ "2 critical, 1 major: #3 number, #7 omission, #12 name" from ``worst_first``'s order."""
    if order.empty:
        return ""
    tally = ", ".join(f"{n} {severity}" for severity, n in counts.items() if n)
    named = [f"#{row.index} {row.category or row.severity}" for row in order.head(SHOWN_FINDINGS).itertuples()]
    more = f", {len(order) - SHOWN_FINDINGS} more" if len(order) > SHOWN_FINDINGS else ""
    return f"{tally}: {', '.join(named)}{more}"


def gate_failed(verdicts: list[Verdict]) -> bool:
    return any(v.verdict == FAIL for v in verdicts)


def fail_on_level(value: str) -> str:
    """``--fail-on`` as given, with the older name ``flagged`` meaning any flagged pair (minor)."""
    return MINOR if value == "flagged" else value
