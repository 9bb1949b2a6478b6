"""The contract every registered check keeps, so a new check can be added by adding a
module and listing it: its columns, risks in [0, 1], the index it was given, empty input, a
language it does not apply to, and a risk and reason that reach the pair's risk and reasons
(with a default weight until the combination is refitted with it)."""

from __future__ import annotations

import pandas as pd
import pytest

from mtaudit.checks import CHECKS, Context
from mtaudit.checks.runner import check_pairs
from mtaudit.risk import CERTAIN, REASON_FLOOR, Combiner, load_combiner, score

PAIRS = pd.DataFrame(
    {
        "doc": "contract",
        "index": [1, 2, 3, 4],
        "source": [
            "Harga beras naik menjadi Rp13.500 per kilogram pekan ini.",
            "Presiden tidak menghadiri pertemuan itu di Jakarta.",
            "Banjir merendam sekitar 3.400 rumah di Kota Pekalongan.",
            "",
        ],
        "target": [
            "The price of rice rose to Rp15,500 per kilogram this week.",
            "The president attended the meeting in Jakarta.",
            "",
            "Read more news on our website.",
        ],
        "alignment": ["1-1", "1-1", "omission", "addition"],
        "target_lang": "en",
    },
    index=[10, 11, 12, 13],  # not 0..n-1: a check must keep the index it is given
)


@pytest.fixture(scope="module")
def context(encoder) -> Context:
    return Context(encoder, "id", "en")


@pytest.mark.model
@pytest.mark.parametrize("check", CHECKS, ids=lambda s: s.name)
def test_a_check_returns_its_columns_for_the_rows_it_was_given(check, context):
    found = check.compute(PAIRS, context)
    assert list(found.index) == list(PAIRS.index)
    risks = found[f"{check.name}_risk"]
    assert risks.between(0.0, 1.0).all(), risks.tolist()
    assert all(isinstance(reason, str) for reason in found[f"{check.name}_reason"])
    fired = risks > 0
    assert not (found.loc[~fired, f"{check.name}_reason"].str.len() > 0).any(), "a reason without a risk"


@pytest.mark.model
@pytest.mark.parametrize("check", CHECKS, ids=lambda s: s.name)
def test_a_check_takes_an_empty_table(check, context):
    found = check.compute(PAIRS.iloc[:0], context)
    assert len(found) == 0
    assert {f"{check.name}_risk", f"{check.name}_reason"} <= set(found.columns)


@pytest.mark.model
def test_a_check_leaves_languages_it_does_not_apply_to_alone(encoder):
    limited = [s for s in CHECKS if s.target_langs is not None]
    assert limited, "no check is limited to some languages: this test checks nothing"
    for check in limited:
        other = next(lang for lang in ("ja", "ko", "en", "zh") if not check.applies_to(lang))
        checked = check_pairs(PAIRS.assign(target_lang=other), "id", encoder)
        assert (checked[f"{check.name}_risk"] == 0.0).all(), check.name
        assert (checked[f"{check.name}_reason"] == "").all(), check.name


def _one_finding(name: str) -> pd.DataFrame:
    """One pair whose only finding is check ``name``, sure (risk 1), with its reason."""
    row = {"doc": "d", "index": 1, "source": "a", "target": "b", "alignment": "1-1", "target_lang": "en"}
    for check in CHECKS:
        row[f"{check.name}_risk"] = 1.0 if check.name == name else 0.0
        row[f"{check.name}_reason"] = f"{check.name} fired." if check.name == name else ""
    return pd.DataFrame([row])


def _nothing_found() -> pd.DataFrame:
    return _one_finding("")


@pytest.mark.parametrize("check", [s for s in CHECKS if s.name != CERTAIN], ids=lambda s: s.name)
def test_every_check_raises_the_risk_and_gives_its_reason_when_it_pushes_enough(check):
    combiner = load_combiner()
    assert combiner.fitted_checks is not None, "the shipped combination must say which checks it was fitted with"
    alone = score(_one_finding(check.name), combiner=combiner).iloc[0]
    baseline = score(_nothing_found(), combiner=combiner).iloc[0]
    assert alone["risk"] > baseline["risk"], f"{check.name} does not reach the risk"
    push = combiner.terms(_one_finding(check.name))[check.name][0]
    assert (f"{check.name} fired." in alone["reasons"]) == (push >= REASON_FLOOR)


def test_a_check_the_combination_was_not_fitted_with_gets_a_default_weight():
    """As if `repetition` were new: not in the file's coefficients nor its fitted checks."""
    shipped = load_combiner()
    fitted = [name for name in shipped.fitted_checks if name != "repetition"]
    coefficients = {k: v for k, v in shipped.coefficients.items() if not k.startswith("repetition")}
    without = Combiner(coefficients, shipped.intercept, fitted_checks=fitted)
    sure = score(_one_finding("repetition"), combiner=without).iloc[0]
    assert sure["flagged"] and "repetition fired." in sure["reasons"]
    lukewarm = _one_finding("repetition").assign(repetition_risk=0.3)
    assert not score(lukewarm, combiner=without).iloc[0]["flagged"]
    # an old calibration file (no list of fitted checks) keeps its old behaviour
    old = Combiner(coefficients, shipped.intercept)
    assert not score(_one_finding("repetition"), combiner=old).iloc[0]["flagged"]
