"""English that no English writer would produce: word salad, words in an impossible order.

Each word of the translation is reduced to a coarse class: one of the most frequent
English words as itself ("the", "of", "was"), any other word as a capitalised or a
lower-case word, a number, a punctuation mark. A bigram model of these classes, counted
once on English sentences from the tuning data (``python -m mtaudit.evaluation bigrams``,
stored in ``data/english_bigrams.json``), says how likely each step from one class to the
next is. Correct English moves through well-worn steps ("the <word>", "of the",
"<word> ."); scrambled English takes many rare ones ("the ,", "of .", "was the was").
The check scores the mean log-probability of the steps, so the sentence's length does not
matter, and reads it against two anchors measured on tuning rows: the score below which
only a few correct translations fall, and the typical score of shuffled ones.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from mtaudit.checks.base import MINOR, Check, Context, findings

BIGRAMS_FILE = "data/english_bigrams.json"
SMOOTHING = 0.1  # added to every bigram count, so an unseen step is rare, not impossible
MIN_WORDS = 5  # shorter texts (headlines, names) give too few steps to judge
_TOKEN = re.compile(r"\d[\d.,]*|[^\W\d_]+(?:['’][^\W\d_]+)?|[^\w\s]")
_KEPT_PUNCTUATION = frozenset(",.;:\"'()?!-")
START, END = "<s>", "</s>"


@dataclass
class BigramModel:
    frequent_words: frozenset[str]
    counts: dict[tuple[str, str], int]
    fluent: float  # a score this low or lower: a few correct translations (the risk starts here)
    garbled: float  # the typical score of shuffled translations (the risk is 1 here)
    totals: dict[str, int] = field(init=False)  # steps counted from each class

    def __post_init__(self) -> None:
        self.totals = {}
        for (first, _), count in self.counts.items():
            self.totals[first] = self.totals.get(first, 0) + count

    def classes(self, text: str) -> list[tuple[str, int, int]]:
        return word_classes(text, self.frequent_words)

    def step_scores(self, classes: list[str]) -> np.ndarray:
        """Log-probability of each step from one class to the next."""
        vocabulary = len(self.totals) + 1
        return np.array(
            [
                math.log((self.counts.get((a, b), 0) + SMOOTHING) / (self.totals.get(a, 0) + SMOOTHING * vocabulary))
                for a, b in itertools.pairwise(classes)
            ]
        )

    def risk(self, score: float) -> float:
        return float(np.clip((self.fluent - score) / (self.fluent - self.garbled), 0.0, 1.0))


def model_from_json(data: dict) -> BigramModel:
    counts = {tuple(key.split(" ", 1)): int(n) for key, n in data["counts"].items()}
    return BigramModel(frozenset(data["frequent_words"]), counts, float(data["fluent"]), float(data["garbled"]))


def word_classes(text: str, frequent_words: frozenset[str]) -> list[tuple[str, int, int]]:
    """(class, start, end) of each token, between start and end markers."""
    tokens = [(START, 0, 0)]
    for match in _TOKEN.finditer(text):
        tokens.append((_class_of(match.group(), frequent_words), match.start(), match.end()))
    return tokens + [(END, len(text), len(text))]


def _class_of(token: str, frequent_words: frozenset[str]) -> str:
    lower = token.lower()
    if token[0].isdigit():
        return "<number>"
    if lower in frequent_words:
        return lower
    if token[0].isalpha():
        return "<Word>" if token[0].isupper() else "<word>"
    return token if token in _KEPT_PUNCTUATION else "<mark>"


@lru_cache(maxsize=1)
def shipped_model() -> BigramModel:
    text = resources.files("mtaudit").joinpath(BIGRAMS_FILE).read_text(encoding="utf-8")
    return model_from_json(json.loads(text))


def sentence_score(model: BigramModel, text: str) -> tuple[float, tuple[int, int]] | None:
    """Mean log-probability of the text's steps and the characters of its least likely
    step between two words (None for texts too short to judge)."""
    tokens = model.classes(text)
    if len(tokens) < MIN_WORDS + 2:
        return None
    steps = model.step_scores([c for c, _, _ in tokens])
    worst = 1 + int(np.argmin(steps[1:-1]))  # the steps in from the start and out to the end name no pair
    return float(steps.mean()), (tokens[worst][1], tokens[worst + 1][2])


def compute(pairs: pd.DataFrame, context: Context) -> pd.DataFrame:
    model = shipped_model()
    scores, risks, reasons, spans = [], [], [], []
    for target in pairs["target"]:
        judged = sentence_score(model, target) if target else None
        if judged is None:
            scores.append(np.nan)
            risks.append(0.0)
            reasons.append("")
            spans.append([])
            continue
        score, (start, end) = judged
        risk = model.risk(score)
        scores.append(round(score, 3))
        risks.append(risk)
        garbled = risk >= 0.5
        reasons.append(
            f"The English reads as garbled: word sequences such as '{target[start:end]}' are rare in English."
            if garbled
            else ""
        )
        spans.append([("target", start, end)] if garbled else [])
    return findings("fluency", pairs.index, risks, reasons, spans, fluency_score=scores)


CHECK = Check(
    "fluency",
    "English in an order no writer would use (word salad)",
    compute,
    target_langs=frozenset({"en"}),
    severity=MINOR,
    category="garbled",
)
