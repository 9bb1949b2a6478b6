"""Monotonic sentence alignment of a source document with its translation.

A dynamic program walks both sentence lists in order and picks, at each step, one of five
"beads": 1-1, 1-2 (a source sentence split in two), 2-1 (two merged into one), 1-0 (a
source sentence with no translation: an omission) and 0-1 (a target sentence with no
source: an addition). A bead's cost is its semantic distance, scaled by how far apart
unrelated sentences of this document are (so the same costs work for any encoder), plus a
penalty when its length ratio departs from the document's usual ratio. A 2-1 merge also
pays when one of its source sentences accounts for none of the translation's words (compared
word by word): that sentence is more likely omitted than half of a merged one; a merge or a
split whose two halves both account for words of their own is credited. Skips
have a fixed cost, so a translation that is merely bad stays paired (and is flagged by the scorer),
while a sentence that has no counterpart at all is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from mtaudit.pairs import ADDITION, OMISSION
from mtaudit.timing import stage

SKIP_COST = 0.70
LENGTH_WEIGHT = 0.35
MERGE_PENALTY = 0.45
# Without word vectors, a 2-1 merge's source sentence whose own distance to the translation
# exceeds the document's typical distance of unrelated sentences (1.0 on the scaled distance)
# pays for the excess. Chosen on the tuning articles (PUD wiki, guntara valid) edited at five
# random places each: deleted sentences found 1,649 -> 1,668 of 1,735, merges 1,720 -> 1,718.
UNRELATED_SOURCE_WEIGHT = 1.0
UNRELATED_SOURCE_FLOOR = 1.0
# With word vectors, a 2-1 merge is judged by what each source sentence adds: the mean, over
# the translation's words, of how much better that sentence's best word matches them than the
# other sentence's does. Half of a real merge adds its own words (5% of the tuning articles'
# merges add less than 0.028); a sentence whose translation was deleted adds almost nothing
# (median 0.005, 90% below 0.02). Below ADDS_NOTHING the merge pays up to NOTHING_ADDED_COST;
# from ADDS_ITS_OWN to twice that it earns up to OWN_WORDS_CREDIT, so that a loose but real
# merge is kept. Chosen on the tuning articles edited at five random places each, against
# the sentence-level test above: deletions found 1,664 -> 1,709 of 1,735, merges 1,713 ->
# 1,727, splits and clean articles unchanged (a credit of 0.45 found 10 fewer deletions and
# 2 more merges; no credit lost 2 merges).
ADDS_NOTHING = 0.015
NOTHING_ADDED_COST = 2.0
ADDS_ITS_OWN = 0.025
OWN_WORDS_CREDIT = 0.2
# A 1-2 split is weighed the same way by the source sentence's words, with the credit only: on
# the same tuning articles, split sentences found 1,683 -> 1,708 and those whose full stop was
# lost 1,583 -> 1,683 (the path had made the second half an addition), the other edits
# unchanged; charging a half that adds nothing (2.0) lost 19 of those, a credit of 0.45 lost 5
# clean articles.
SPLIT_NOTHING_ADDED_COST = 0.0
_MOVES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1))
MEAN, ENCODE = "mean", "encode"  # how two adjacent sentences joined together get a vector (see align)
JOINED_CHOICES = (MEAN, ENCODE)


@dataclass(frozen=True)
class Bead:
    """Source sentence indices and target sentence indices aligned together."""

    source: tuple[int, ...]
    target: tuple[int, ...]

    @property
    def kind(self) -> str:
        if not self.target:
            return OMISSION
        if not self.source:
            return ADDITION
        return f"{len(self.source)}-{len(self.target)}"


Embed = Callable[[list[str]], np.ndarray]
WordVectors = Callable[[list[str]], list[np.ndarray]]  # each sentence's unit word vectors
MAX_CHECKS = 4  # rounds of checking chosen merges against their real joined vectors


def align(
    sources: list[str], targets: list[str], embed: Embed, joined: str = MEAN, words: WordVectors | None = None
) -> list[Bead]:
    """Align two sentence lists; every sentence ends up in exactly one bead.

    ``joined`` says how two adjacent sentences joined together (one side of a 1-2 or 2-1
    bead) get their vector. "encode" puts every adjacent pair through the model, which
    doubles the model's work on articles. "mean" takes the length-weighted mean of the two
    sentences' vectors, then encodes only the joined pairs the best path's decisions hinge
    on (its merges, and the merges each omitted or added sentence could have joined) and
    finds the path again, until all of those are judged by their real vectors: the mean of
    a kept sentence and a dropped one still looks like the kept one, so unchecked means hide
    omissions inside merges.

    ``words`` gives each sentence's word vectors; with them a 2-1 merge is judged by whether
    each of its source sentences accounts for words of the translation (see ADDS_NOTHING)."""
    if not sources or not targets:
        return [Bead((i,), ()) for i in range(len(sources))] + [Bead((), (j,)) for j in range(len(targets))]
    with stage("align"):
        costs = _BeadCosts(sources, targets, embed, joined, words)
        beads = _best_path(len(sources), len(targets), costs)
        for _ in range(MAX_CHECKS):
            if not costs.check(beads, embed):
                break
            beads = _best_path(len(sources), len(targets), costs)
        return beads


class _BeadCosts:
    """Cost of aligning source[i-a:i] with target[j-b:j], from embeddings of single
    sentences and of adjacent pairs joined together."""

    def __init__(self, sources: list[str], targets: list[str], embed: Embed, joined: str, words: WordVectors | None):
        self.src = _Side(sources, embed, joined)
        self.tgt = _Side(targets, embed, joined)
        # single sentences' vectors never change (only joined pairs get their real ones later)
        self.single = self.src.vectors[1] @ self.tgt.vectors[1].T
        distances = 1.0 - self.single
        # typical distance of unrelated sentences: the median off the best matches
        self.scale = max(float(np.median(distances)) if distances.size > 4 else 0.3, 1e-3)
        ratio = np.log(self.tgt.total_length() / self.src.total_length())
        self.expected_log_ratio = float(ratio)
        # for each adjacent pair of sentences on one side and each sentence on the other: what
        # the one of the two that adds less to that sentence adds (NaN: no word vectors)
        source_words, target_words = (words(sources), words(targets)) if words is not None else ([], [])
        by_source, by_target = _best_matches(source_words, target_words)
        self.least_added = _least_added(by_source, target_words, len(sources), len(targets))
        self.least_added_by_target = _least_added(by_target, source_words, len(targets), len(sources))

    def __call__(self, i: int, j: int, a: int, b: int) -> float:
        if a == 0 or b == 0:
            return SKIP_COST
        cosine = float(self.src.vector(i - a, a) @ self.tgt.vector(j - b, b))
        semantic = (1.0 - cosine) / self.scale
        log_ratio = np.log(self.tgt.length(j - b, b) / self.src.length(i - a, a))
        length = LENGTH_WEIGHT * abs(log_ratio - self.expected_log_ratio)
        merge = MERGE_PENALTY if a + b > 2 else 0.0
        if a == 2:
            merge += self._merge_evidence(i, j)
        if b == 2:
            added = float(self.least_added_by_target[j - 2, i - 1])
            merge += _word_evidence(added, SPLIT_NOTHING_ADDED_COST, OWN_WORDS_CREDIT)
        return (semantic + length) * max(a, b) ** 0.5 + merge

    def _merge_evidence(self, i: int, j: int) -> float:
        """The cost (a credit when negative) of a 2-1 merge ending at (i, j) for how far both
        of its source sentences are in the translation."""
        added = float(self.least_added[i - 2, j - 1])
        if np.isnan(added):
            return self._unrelated_source(i, j)
        return _word_evidence(added, NOTHING_ADDED_COST, OWN_WORDS_CREDIT)

    def _unrelated_source(self, i: int, j: int) -> float:
        """How much further the less related of the two source sentences of a 2-1 merge ending
        at (i, j) is from the translation than unrelated sentences usually are: a sentence
        merged into its neighbour's translation still shares some of its meaning, an omitted
        one shares none."""
        weakest = (1.0 - float(self.single[i - 2 : i, j - 1].min())) / self.scale
        return UNRELATED_SOURCE_WEIGHT * max(0.0, weakest - UNRELATED_SOURCE_FLOOR)

    def check(self, beads: list[Bead], embed: Embed) -> bool:
        """Give the joined pairs a path's decisions hinge on their real vectors: those of
        its merges, and those a skipped sentence could have merged into instead. False
        when every one of them already has it (the path stands)."""
        source_starts, target_starts = [], []
        for bead in beads:
            if len(bead.source) == 2:
                source_starts.append(bead.source[0])
            if len(bead.target) == 2:
                target_starts.append(bead.target[0])
            if not bead.target:  # an omission: was this source sentence merged into a neighbour's translation?
                source_starts += [bead.source[0] - 1, bead.source[0]]
            if not bead.source:  # an addition: was it split off a neighbour?
                target_starts += [bead.target[0] - 1, bead.target[0]]
        return self.src.encode_joined(source_starts, embed) | self.tgt.encode_joined(target_starts, embed)


def _word_evidence(added: float, nothing_added_cost: float, own_words_credit: float) -> float:
    """The cost (a credit when negative) of joining two sentences against one, for what the
    one of them that adds less adds (see ADDS_NOTHING; NaN: no word vectors, no cost)."""
    if np.isnan(added):
        return 0.0
    nothing = max(0.0, ADDS_NOTHING - added) / ADDS_NOTHING
    own = min(1.0, max(0.0, added - ADDS_ITS_OWN) / ADDS_ITS_OWN)
    return nothing_added_cost * nothing - own_words_credit * own


def _least_added(best: np.ndarray, other_words: list[np.ndarray], joined: int, other: int) -> np.ndarray:
    """(joined - 1) x other sentences: for sentences k and k+1 of one side set against
    sentence j of the other, what the one that adds less adds: the mean, over j's words, of how
    much better its best word matches them than the other's does (``best``: one side's
    sentences x the other side's words, from ``_best_matches``). NaN where a sentence has no
    words, and everywhere without word vectors (empty lists)."""
    added = np.full((max(joined - 1, 0), other), np.nan)
    bounds = np.cumsum([0, *(len(words) for words in other_words)])
    if best.shape[0] < 2 or bounds[-1] == 0:
        return added
    gap = best[:-1] - best[1:]
    for j, (start, end) in enumerate(pairwise(bounds)):
        if end > start:
            own = gap[:, start:end]
            added[:, j] = np.minimum(np.maximum(own, 0).mean(axis=1), np.maximum(-own, 0).mean(axis=1))
    return added


def _best_matches(
    source_words: list[np.ndarray], target_words: list[np.ndarray], block: int = 2048
) -> tuple[np.ndarray, np.ndarray]:
    """Each word's best match among each sentence's words on the other side, both ways from
    one set of products: (source sentences x target words, target sentences x source words;
    NaN for a sentence without words). A few source sentences' words at a time go through
    one product: one small product per sentence cost more than the rest of the alignment,
    one product of all of them grows with the square of a long article."""
    source_spoken = [k for k, words in enumerate(source_words) if len(words)]
    target_spoken = [k for k, words in enumerate(target_words) if len(words)]
    source_total = sum(len(source_words[k]) for k in source_spoken)
    target_total = sum(len(target_words[k]) for k in target_spoken)
    by_source = np.full((len(source_words), target_total), np.nan, dtype=np.float32)
    by_target = np.full((len(target_words), source_total), np.nan, dtype=np.float32)
    if not source_spoken or not target_spoken:
        return by_source, by_target
    every_target_word = np.concatenate([target_words[k] for k in target_spoken])
    target_starts = np.cumsum([0, *(len(target_words[k]) for k in target_spoken[:-1])])
    done = 0  # source words already through a product
    while source_spoken:
        group, size = [], 0
        while source_spoken and (not group or size + len(source_words[source_spoken[0]]) <= block):
            size += len(source_words[source_spoken[0]])
            group.append(source_spoken.pop(0))
        products = np.concatenate([source_words[k] for k in group]) @ every_target_word.T
        starts = np.cumsum([0, *(len(source_words[k]) for k in group[:-1])])
        by_source[group] = np.maximum.reduceat(products, starts, axis=0)
        by_target[target_spoken, done : done + size] = np.maximum.reduceat(products, target_starts, axis=1).T
        done += size
    return by_source, by_target


class _Side:
    """Embeddings and character lengths of one side's sentences and adjacent pairs."""

    def __init__(self, sentences: list[str], embed: Embed, joined: str):
        self.sentences = sentences
        characters = np.array([len(s) for s in sentences], dtype=float)
        self.lengths = characters + 10.0  # +10 damps short ones
        single = embed(sentences)
        weights = characters[:, None]  # the mean of two sentences leans to the longer one
        means = single[:-1] * weights[:-1] + single[1:] * weights[1:]
        means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-12)
        self.vectors = {1: single, 2: means.astype(single.dtype)}
        self.exact: set[int] = set()  # starts of the joined pairs whose vector is their own
        if joined == ENCODE:
            self.encode_joined(range(len(sentences) - 1), embed)

    def encode_joined(self, starts, embed: Embed) -> bool:
        """Replace the mean vectors of the pairs starting at ``starts`` by the vectors of
        the two sentences joined together; False when none was left to replace."""
        last = len(self.sentences) - 2
        starts = [i for i in dict.fromkeys(starts) if 0 <= i <= last and i not in self.exact]
        if starts:
            self.vectors[2][starts] = embed([f"{self.sentences[i]} {self.sentences[i + 1]}" for i in starts])
            self.exact.update(starts)
        return bool(starts)

    def vector(self, start: int, count: int) -> np.ndarray:
        return self.vectors[count][start]

    def length(self, start: int, count: int) -> float:
        return float(self.lengths[start : start + count].sum())

    def total_length(self) -> float:
        return float(self.lengths.sum())


def _best_path(n: int, m: int, cost: Callable[[int, int, int, int], float]) -> list[Bead]:
    best = np.full((n + 1, m + 1), np.inf)
    back = np.zeros((n + 1, m + 1, 2), dtype=int)
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in _MOVES:
                if i >= a and j >= b and best[i - a, j - b] < np.inf:
                    total = best[i - a, j - b] + cost(i, j, a, b)
                    if total < best[i, j]:
                        best[i, j], back[i, j] = total, (a, b)
    beads, i, j = [], n, m
    while i or j:
        a, b = back[i, j]
        beads.append(Bead(tuple(range(i - a, i)), tuple(range(j - b, j))))
        i, j = i - a, j - b
    return beads[::-1]
