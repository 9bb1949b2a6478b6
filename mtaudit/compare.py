"""Rank two MT outputs of the same sources.

Reference-free, each output is audited like any table of pairs and the two are compared
by mean risk and flagged count; a paired bootstrap over the source lines (the same
resampled lines for both systems) gives a 95% confidence interval of each difference.
With a reference, sacrebleu's own paired bootstrap test compares BLEU, chrF and TER, so
its p-values are the ones ``sacrebleu -i A B --paired-bs`` prints.

Inputs are line-parallel files, as sacrebleu reads them: line i of every file is the
same sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.defaults import SOURCE_LANG, TARGET_LANG, THRESHOLD
from mtaudit.errors import MtauditError
from mtaudit.input.articles import language_of
from mtaudit.input.lines import read_lines
from mtaudit.model.encoder import Encoder
from mtaudit.pairs import given_pairs
from mtaudit.pipeline import Options, audit_pairs
from mtaudit.references import corpus_metrics
from mtaudit.risk import load_combiner

SEED = 12345  # the bootstrap is repeatable: the same files give the same interval


@dataclass
class Difference:
    """System A minus system B, with a paired bootstrap 95% confidence interval."""

    value: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        return self.low > 0 or self.high < 0


@dataclass
class ReferenceTest:
    metric: str
    score_a: float
    score_b: float
    p_value: float
    signature: str


@dataclass
class Comparison:
    names: tuple[str, str]
    lines: int
    mean_risk: tuple[float, float]
    flagged: tuple[int, int]
    mean_risk_difference: Difference
    flagged_difference: Difference
    reference_tests: list[ReferenceTest] = field(default_factory=list)

    @property
    def better(self) -> str | None:
        """The system with reliably lower risk, or None when the interval spans zero."""
        difference = self.mean_risk_difference
        if not difference.significant:
            return None
        return self.names[1] if difference.value > 0 else self.names[0]

    def as_dict(self) -> dict:
        """The comparison as the JSON file holds it."""
        return asdict(self) | {"better": self.better}


def _read_nonempty_lines(path: Path) -> list[str]:
    lines = read_lines(path)
    if not any(lines):
        raise MtauditError(f"{path}: the file is empty")
    return lines


def compare_systems(
    source: Path,
    system_a: Path,
    system_b: Path,
    encoder: Encoder,
    source_lang: str = SOURCE_LANG,
    target_lang: str | None = None,
    reference: Path | None = None,
    threshold: float = THRESHOLD,
    samples: int = 1000,
) -> Comparison:
    sources = _read_nonempty_lines(source)
    files = {"SYSTEM_A": system_a, "SYSTEM_B": system_b} | ({"REF": reference} if reference else {})
    outputs = {name: _read_nonempty_lines(path) for name, path in files.items()}
    for name, lines in outputs.items():
        if len(lines) != len(sources):
            raise MtauditError(
                f"{files[name]}: {len(lines)} lines, but {source} has {len(sources)} (compare needs line-parallel files)"
            )
    options = Options(source_lang, target_lang or language_of(system_a) or TARGET_LANG, threshold)
    lang = options.target_lang
    combiner = load_combiner()
    scored = [
        audit_pairs(_table(sources, outputs[name], lang), options, encoder, combiner)
        for name in ("SYSTEM_A", "SYSTEM_B")
    ]
    risks = [s["risk"].to_numpy() for s in scored]
    flags = [s["flagged"].to_numpy().astype(float) for s in scored]
    resampled = np.random.default_rng(SEED).integers(0, len(sources), size=(samples, len(sources)))
    names = (str(system_a), str(system_b))
    tests = _reference_tests(names, outputs, lang, samples) if reference else []
    return Comparison(
        names,
        len(sources),
        (float(risks[0].mean()), float(risks[1].mean())),
        (int(flags[0].sum()), int(flags[1].sum())),
        _bootstrap(risks[0], risks[1], resampled, np.mean),
        _bootstrap(flags[0], flags[1], resampled, np.sum),
        tests,
    )


def _table(sources: list[str], targets: list[str], lang: str) -> pd.DataFrame:
    return given_pairs("compare", sources, targets, lang)


def _bootstrap(a: np.ndarray, b: np.ndarray, resampled: np.ndarray, statistic) -> Difference:
    differences = statistic(a[resampled], axis=1) - statistic(b[resampled], axis=1)
    low, high = np.percentile(differences, [2.5, 97.5])
    return Difference(round(float(statistic(a) - statistic(b)), 4), round(float(low), 4), round(float(high), 4))


def _reference_tests(names: tuple[str, str], outputs: dict, lang: str, samples: int) -> list[ReferenceTest]:
    from sacrebleu.significance import PairedTest

    metrics = {metric.__class__.__name__: metric for metric in corpus_metrics(lang)}
    test = PairedTest(
        [(names[0], outputs["SYSTEM_A"]), (names[1], outputs["SYSTEM_B"])],
        metrics,
        references=[outputs["REF"]],
        test_type="bs",
        n_samples=samples,
    )
    signatures, scores = test()
    return [
        ReferenceTest(
            metric, round(results[0].score, 2), round(results[1].score, 2), results[1].p_value, str(signatures[metric])
        )
        for metric, results in scores.items()
        if metric != "System"
    ]
