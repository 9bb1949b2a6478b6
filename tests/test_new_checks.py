"""Negation, names and the learned combination."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from mtaudit.checks.names import names
from mtaudit.checks.negation import negators
from mtaudit.errors import MtauditError
from mtaudit.fitting import fit_logistic
from mtaudit.risk import Combiner, load_combiner, score


def test_negators_are_counted_per_language():
    assert negators("Polisi tidak menemukan bukti dan belum menangkap tersangka.", "id") == ["tidak", "belum"]
    assert negators("The police did not find evidence and haven't arrested anyone.", "en") == ["not", "n't"]
    assert negators("The police found evidence.", "en") == []


def test_names_skip_common_words_titles_and_headlines():
    assert names("Presiden kemarin bertemu Hendra Hidayat di Kebonjeruk pada Selasa.", "id") == {
        "Hendra",
        "Hidayat",
        "Kebonjeruk",
    }
    assert names("The President arrived in the city yesterday.", "en") == set()
    assert names("Police Confiscate Thousands Of Ecstasy Pills In Kebonjeruk", "en") == set()


def test_logistic_fit_separates_and_keeps_coefficients_non_negative():
    rng = np.random.default_rng(0)
    useful = rng.random(400)
    misleading = rng.random(400)
    labels = (useful + 0.1 * rng.standard_normal(400) > 0.5).astype(int)
    weights, _ = fit_logistic(np.column_stack([useful, 1 - labels * 0.5 - misleading * 0.1]), labels)
    assert weights[0] > 2 and weights[1] == 0.0


def test_combiner_uses_linear_and_squared_terms_and_omissions_are_certain():
    pairs = pd.DataFrame(
        {
            "coverage_risk": [0.0, 0.5, 1.0, 0.0],
            "coverage_reason": ["", "", "Part missing.", ""],
            "alignment_risk": [0.0, 0.0, 0.0, 1.0],
            "alignment_reason": ["", "", "", "Omitted."],
        }
    )
    combiner = Combiner({"coverage": 1.0, "coverage^2": 4.0}, -3.0)
    scored = score(pairs, 0.5, combiner)
    assert scored["risk"].tolist()[:3] == pytest.approx(
        [1 / (1 + np.exp(3)), 1 / (1 + np.exp(1.5)), 1 / (1 + np.exp(-2))], abs=1e-4
    )
    assert scored["flagged"].tolist() == [False, False, True, True]
    assert scored["reasons"].tolist() == ["", "", "Part missing.", "Omitted."]


def test_shipped_combiner_loads_and_bad_calibration_files_are_clear_errors(tmp_path):
    shipped = load_combiner()
    assert shipped.coefficients and all(v > 0 for v in shipped.coefficients.values())
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"intercept": 1}))
    with pytest.raises(MtauditError, match="not a calibration file"):
        load_combiner(broken)
    with pytest.raises(MtauditError, match="no such calibration file"):
        load_combiner(tmp_path / "missing.json")
