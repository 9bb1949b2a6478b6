"""Word-to-word similarity between a source and its translation, shared by the checks
that need it (coverage, names) and computed once per pair, over the words of
``mtaudit.model.words``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mtaudit.checks.base import Context
from mtaudit.model.words import Words, words_of


@dataclass(frozen=True)
class WordAlignment:
    source: Words
    target: Words
    similarity: np.ndarray  # source words x target words, cosine

    def source_best(self) -> np.ndarray:
        return self.similarity.max(axis=1) if self.similarity.size else np.zeros(len(self.source.spans))

    def target_best(self) -> np.ndarray:
        return self.similarity.max(axis=0) if self.similarity.size else np.zeros(len(self.target.spans))


def word_alignments(sources: list[str], targets: list[str], context: Context) -> list[WordAlignment | None]:
    """One alignment per pair (None where a side is empty), cached in the context so each
    pair is aligned once however many checks ask."""
    cache = context.scratch.setdefault("word_alignments", {})
    missing = [(s, t) for s, t in zip(sources, targets) if s and t and (s, t) not in cache]
    if missing:
        source_tokens = context.encoder.tokens([s for s, _ in missing])
        target_tokens = context.encoder.tokens([t for _, t in missing])
        for (source, target), s_tok, t_tok in zip(missing, source_tokens, target_tokens):
            s_words, t_words = words_of(s_tok, source), words_of(t_tok, target)
            cache[(source, target)] = WordAlignment(s_words, t_words, s_words.vectors @ t_words.vectors.T)
    return [cache.get((s, t)) if s and t else None for s, t in zip(sources, targets)]
