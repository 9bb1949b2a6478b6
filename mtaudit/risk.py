"""One risk number per pair, from the checks' own risks, and the reasons behind it.

The combination is a logistic regression over the checks' risks and their squares:

    risk = 1 / (1 + exp(-(intercept + sum_s (a_s * r_s + b_s * r_s^2))))

where r_s is check s's risk (0..1). The squared term lets a check count little when it is
lukewarm and a lot when it is sure (a coverage risk of 0.5 is common in loose but
correct translations; 1.0 almost never is). The coefficients and intercept live in a small JSON
file (``data/combiner.json`` by default, or a newsroom's own file from ``mtaudit
calibrate``), fitted on tuning data only by ``python -m mtaudit.evaluation combination``; the
intercept is set so that a risk of 0.5 is the threshold that was chosen there. A sentence
the aligner found no counterpart for (omission or addition) always has risk 1, and a pair
an exact check decides alone (a changed number, a content word left untranslated: graded at
its ``Check.decisive`` severity) at least DECISIVE_RISK.

A check the combination was not fitted with (one added since, listed in ``checks/`` but
absent from the file's ``fitted_checks``) is not dropped: it counts linearly with
UNFITTED_LOGIT - intercept as its weight, so that, sure (risk 1) and alone, it flags the
pair (risk 0.73) and gives its reason, and, lukewarm, adds little. Refitting replaces it.

A pair is flagged when risk >= the threshold (default 0.5). Its reasons are those of the
checks that pushed its risk up most: each fired check whose term adds at least
REASON_FLOOR to the logit, strongest first. Its ``spans`` are the characters those same
checks point at, as (check, side, start, end).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.checks import CHECKS
from mtaudit.defaults import THRESHOLD
from mtaudit.errors import MtauditError
from mtaudit.severity import MINOR, NONE, SCALE, rank
from mtaudit.timing import stage

DECISIVE_RISK = 0.95  # the least risk of a pair an exact check decides alone (a number changed)
REASON_FLOOR = 1.0
UNFITTED_LOGIT = 1.0  # the logit of a pair whose only finding is an unfitted check at risk 1
CERTAIN = "alignment"  # the check whose verdict is final (omitted or added sentences)


@dataclass
class Combiner:
    """Logistic-regression weights over the checks' risks, as stored in a calibration file."""

    coefficients: dict[str, float]
    intercept: float
    trained_on: str = ""
    notes: dict = field(default_factory=dict)
    # The checks the coefficients were fitted with (a fitted weight of 0 is left out of
    # ``coefficients``); None, in files written before it was kept: no default weights.
    fitted_checks: list[str] | None = None

    def terms(self, pairs: pd.DataFrame) -> dict[str, np.ndarray]:
        """Each check's contribution to the logit (its linear and squared terms together)."""
        contributions: dict[str, np.ndarray] = {}
        for feature, coefficient in self.weights().items():
            name, power = feature_parts(feature)
            if f"{name}_risk" in pairs:
                value = pairs[f"{name}_risk"].fillna(0.0).to_numpy() ** power
                contributions[name] = contributions.get(name, 0.0) + coefficient * value
        return contributions

    def weights(self) -> dict[str, float]:
        """The fitted coefficients, plus the default weight of each check not fitted."""
        if self.fitted_checks is None:
            return self.coefficients
        unfitted = [s.name for s in CHECKS if s.name != CERTAIN and s.name not in self.fitted_checks]
        return {**self.coefficients, **{name: UNFITTED_LOGIT - self.intercept for name in unfitted}}

    def logits(self, terms: dict[str, np.ndarray], rows: int) -> np.ndarray:
        """Intercept plus the checks' terms (from ``terms``), one logit per pair."""
        return self.intercept + sum(terms.values(), np.zeros(rows))

    def save(self, path: Path) -> None:
        from mtaudit.files import write_json

        write_json(path, asdict(self), indent=2)


def feature_parts(feature: str) -> tuple[str, int]:
    """ "coverage" -> ("coverage", 1), "coverage^2" -> ("coverage", 2)."""
    name, _, power = feature.partition("^")
    return name, int(power or 1)


def load_combiner(path: Path | None = None) -> Combiner:
    """The shipped combiner, or a calibration file written by ``mtaudit calibrate``."""
    try:
        if path is None:
            text = resources.files("mtaudit").joinpath("data/combiner.json").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
        return Combiner(
            {k: float(v) for k, v in data["coefficients"].items()},
            float(data["intercept"]),
            data.get("trained_on", ""),
            data.get("notes", {}),
            data.get("fitted_checks"),
        )
    except FileNotFoundError:
        raise MtauditError(f"{path}: no such calibration file") from None
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as error:
        raise MtauditError(f"{path}: not a calibration file ({type(error).__name__}: {error})") from None


def score(pairs: pd.DataFrame, threshold: float = THRESHOLD, combiner: Combiner | None = None) -> pd.DataFrame:
    """Add ``risk``, ``flagged`` and ``reasons`` to a table that has check columns."""
    with stage("risk"):
        return _scored(pairs, threshold, combiner or load_combiner())


def _scored(pairs: pd.DataFrame, threshold: float, combiner: Combiner) -> pd.DataFrame:
    terms = combiner.terms(pairs)
    risk = 1.0 / (1.0 + np.exp(-combiner.logits(terms, len(pairs))))
    decided = _decided(pairs)
    if decided:
        risk = np.where(np.any(list(decided.values()), axis=0), np.maximum(risk, DECISIVE_RISK), risk)
    if f"{CERTAIN}_risk" in pairs:
        risk = np.where(pairs[f"{CERTAIN}_risk"].fillna(0).to_numpy() >= 1.0, 1.0, risk)
    out = pairs.copy()
    out["risk"] = np.round(risk, 4)
    out["flagged"] = out["risk"] >= threshold
    behind = _checks_behind(pairs, terms, decided)
    out["reasons"] = [" ".join(t for t in (pairs.at[i, f"{n}_reason"] for n in names) if t) for i, names in behind]
    out["spans"] = [_spans(pairs, i, names) for i, names in behind]
    graded = [_severity(pairs, index, names) for index, names in behind]
    out["severity"], out["category"] = zip(*graded) if graded else ((), ())
    out.loc[~out["flagged"], ["severity", "category"]] = [NONE, ""]
    return out


def _decided(pairs: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each exact check, the pairs it grades at its ``Check.decisive`` severity or worse
    itself: a countable fact such as a changed number is wrong, which no mix of other doubts
    should outvote. Measured on the tuning rows, the combination alone flagged two thirds of
    the changed numbers; with this rule 95%, for 0.6% more flags on correct translations."""
    return {
        check.name: pairs[f"{check.name}_severity"].isin(SCALE[rank(check.decisive) :]).to_numpy()
        for check in CHECKS
        if check.decisive and f"{check.name}_severity" in pairs
    }


def _checks_behind(
    pairs: pd.DataFrame, terms: dict[str, np.ndarray], decided: dict[str, np.ndarray]
) -> list[tuple[object, list[str]]]:
    """For each pair, the checks that pushed its risk up most, strongest first (an omission
    or addition always leads): each fired check whose term adds at least REASON_FLOOR."""
    pushes = pd.DataFrame(terms, index=pairs.index)
    if f"{CERTAIN}_risk" in pairs:
        pushes[CERTAIN] = pairs[f"{CERTAIN}_risk"].fillna(0.0) * 100.0
    for name, graded in decided.items():
        pushes[name] = np.where(graded, 50.0, pushes.get(name, 0.0))  # its reason leads
    names = [n for n in pushes.columns if f"{n}_reason" in pairs]
    values = pushes[names].to_numpy(dtype=float)
    reasons = [pairs[f"{n}_reason"].to_numpy() for n in names]
    strongest = []
    for row, index in enumerate(pairs.index):  # arrays, not a Series per row: a tenth of the time
        order = np.argsort(-values[row], kind="stable")  # ties keep the checks' order
        chosen = [names[j] for j in order if values[row, j] >= REASON_FLOOR and reasons[j][row]]
        strongest.append((index, chosen))
    return strongest


def _spans(pairs: pd.DataFrame, index, names: list[str]) -> list:
    pointed = [(n, *span) for n in names if f"{n}_spans" in pairs for span in pairs.at[index, f"{n}_spans"]]
    return sorted(pointed, key=lambda s: (s[1] != "source", s[2]))


_DECLARED = {check.name: check for check in CHECKS}  # what each check says its findings are


def _severity(pairs: pd.DataFrame, index, names: list[str]) -> tuple[str, str]:
    """The worst finding's severity and category: a check's own ``<name>_severity`` for the
    pair where it grades its findings (a number changed or only dropped), else what the
    check declares. A flag that no check explains (several weak doubts adding up) is only
    minor: the gate never fails on a reason it cannot give."""
    graded = []
    for name in names:
        own = pairs.at[index, f"{name}_severity"] if f"{name}_severity" in pairs else ""
        default = _DECLARED[name].severity if name in _DECLARED else MINOR
        graded.append((own if isinstance(own, str) and own else default, name))
    if not graded:
        return MINOR, ""
    severity, name = max(graded, key=lambda pair: rank(pair[0]))
    return severity, _DECLARED[name].category if name in _DECLARED else ""
