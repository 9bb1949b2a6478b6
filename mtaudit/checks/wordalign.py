"""Word-to-word similarity between a source and its translation, shared by the checks
that need it (coverage, word order) and computed once per pair.

Words are runs of the encoder's tokens (a token that starts with a space, or a CJK
character, starts a new word); a word's vector is the mean of its tokens' middle-layer
vectors. Punctuation is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mtaudit.checks.base import Context
from mtaudit.model.encoder import Tokens

_WORDLIKE = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Words:
    spans: list[tuple[int, int]]  # [start, end) of each word in its text
    vectors: np.ndarray  # one unit vector per word


@dataclass(frozen=True)
class WordAlignment:
    source: Words
    target: Words
    similarity: np.ndarray  # source words x target words, cosine

    def source_best(self) -> np.ndarray:
        return self.similarity.max(axis=1) if self.similarity.size else np.zeros(len(self.source.spans))

    def target_best(self) -> np.ndarray:
        return self.similarity.max(axis=0) if self.similarity.size else np.zeros(len(self.target.spans))


def words_of(tokens: Tokens, text: str) -> Words:
    spans: list[list[int]] = []
    groups: list[list[int]] = []
    for index, (start, end) in enumerate(tokens.spans.tolist()):
        piece = text[start:end]
        if not _WORDLIKE.search(piece):
            continue
        new_word = not spans or piece[:1].isspace() or start > spans[-1][1] or _is_cjk(piece)
        start += len(piece) - len(piece.lstrip())
        if new_word:
            spans.append([start, end])
            groups.append([index])
        else:
            spans[-1][1] = end
            groups[-1].append(index)
    if not groups:
        return Words([], np.zeros((0, tokens.vectors.shape[1]), np.float32))
    vectors = np.stack([tokens.vectors[g].astype(np.float32).mean(axis=0) for g in groups])
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return Words([tuple(s) for s in spans], vectors)


def _is_cjk(piece: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in piece)


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
