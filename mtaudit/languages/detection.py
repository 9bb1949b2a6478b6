"""Which language a text is written in, by langdetect, seeded so that the same text always
gets the same answer.

langdetect's own loader spends about 0.6 s of every cold start spreading its 55 language
profiles into one table of n-gram probabilities, 88,000 rows of 55 numbers, while a run
looks up a few thousand n-grams. The table given to its detector here is filled one row
when first looked up, by the loader's own formula and in its language order, so the
probabilities are the ones langdetect computes itself.

Its detector then updates 55 probabilities one Python float at a time, about 500 times per
sentence: 6 ms a sentence, a tenth of a table's run. ``_trials`` runs the same trials, with
the same random draws, on numpy rows: the same products and quotients of the same doubles,
in langdetect's order, so the answers are equal to the last bit.
"""

from __future__ import annotations

import json
import os
from functools import cache

import numpy as np


class _NgramProbabilities(dict):
    """langdetect's n-gram table (``DetectorFactory.word_lang_prob_map``): every n-gram the
    profiles know is a key from the start, so membership tests stay the dict's own, and its
    row of probabilities (a numpy row, for ``_trials``) is computed on first lookup."""

    def __init__(self, profiles: list[dict]):
        self._profiles = [(profile["freq"], profile["n_words"]) for profile in profiles]
        super().__init__(dict.fromkeys(set().union(*(freq for freq, _ in self._profiles))))

    def __getitem__(self, ngram: str) -> np.ndarray:
        row = dict.__getitem__(self, ngram)
        if row is None:
            row = self._row(ngram)
            self[ngram] = row
        return row

    def _row(self, ngram: str) -> np.ndarray:
        """As ``DetectorFactory.add_profile`` fills it."""
        length = len(ngram)
        row = [0.0] * len(self._profiles)
        if 1 <= length <= 3:
            for index, (freq, n_words) in enumerate(self._profiles):
                if ngram in freq:
                    row[index] = 1.0 * freq[ngram] / n_words[length - 1]
        return np.array(row)


@cache
def _factory():
    """A ``DetectorFactory`` with langdetect's bundled profiles, read as its loader reads
    them (directory order, hidden files skipped)."""
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    names = [n for n in os.listdir(PROFILES_DIRECTORY) if not n.startswith(".")]
    paths = [os.path.join(PROFILES_DIRECTORY, n) for n in names]
    profiles = []
    for path in (p for p in paths if os.path.isfile(p)):
        with open(path, encoding="utf-8") as file:
            profiles.append(json.load(file))
    factory = DetectorFactory()
    factory.langlist = [profile["name"] for profile in profiles]
    factory.word_lang_prob_map = _NgramProbabilities(profiles)
    return factory


def detect_ranked(text: str) -> list[tuple[str, float]]:
    """Candidate languages with probabilities, most likely first."""
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    detector = _factory().create()
    try:
        detector.append(text)
        detector.cleaning_text()
        ngrams = detector._extract_ngrams()
    except LangDetectException:
        return []
    if not ngrams:  # langdetect: "no features in text"
        return []
    return [(c.lang, c.prob) for c in detector._sort_probability(_trials(detector, ngrams).tolist())]


def _trials(detector, ngrams: list[str]) -> np.ndarray:
    """langdetect's ``Detector._detect_block`` on numpy rows: each trial draws its smoothing
    and its n-grams from the detector's seeded generator and multiplies them in until one
    language passes the convergence threshold; the trials' results are averaged.

    Each trial adds its smoothing to all rows at once, and the convergence test takes the
    largest probability from the Python sum's own list (dividing by the same total cannot
    change which is largest, nor round it differently): the same doubles, 2.3 ms a text
    instead of 2.7 when each drawn row was smoothed on its own."""
    rows, count = np.array([detector.word_lang_prob_map[ngram] for ngram in ngrams]), len(detector.langlist)
    draw, positions = detector.random, range(len(rows))  # drawing a position draws what drawing an n-gram draws
    draw.seed(detector.seed)
    average = np.zeros(count)
    for _ in range(detector.n_trial):
        probabilities = np.full(count, 1.0 / count)
        alpha = detector.alpha + draw.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        smoothed = alpha / detector.BASE_FREQ + rows
        step = 0
        while True:
            probabilities *= smoothed[draw.choice(positions)]
            if step % 5 == 0:
                values = probabilities.tolist()
                total = sum(values)  # Python's own sum, as langdetect's
                probabilities /= total
                if max(values) / total > detector.CONV_THRESHOLD or step >= detector.ITERATION_LIMIT:
                    break
            step += 1
        average += probabilities / detector.n_trial
    return average


def detect(text: str) -> tuple[str, float]:
    """Most likely language code and its probability, ("", 0) when undecidable."""
    ranked = detect_ranked(text)
    return ranked[0] if ranked else ("", 0.0)
