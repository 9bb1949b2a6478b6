"""A sentence's words as vectors: the runs of the encoder's tokens that make up each word.

Words are runs of tokens (a token that starts with a space, or a CJK character, starts a
new word); a word's vector is the mean of its tokens' middle-layer vectors, the layer that
lines words up across languages. Punctuation is left out. Sentence alignment and the
word-level checks both compare sentences word by word with these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mtaudit.model.encoder import Encoder, Tokens

_WORDLIKE = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Words:
    spans: list[tuple[int, int]]  # [start, end) of each word in its text
    vectors: np.ndarray  # one unit vector per word


def words_of(tokens: Tokens, text: str) -> Words:
    spans: list[list[int]] = []
    kept: list[int] = []  # the word-like tokens, in order
    firsts: list[int] = []  # where each word's tokens start among them
    for index, (start, end) in enumerate(tokens.spans.tolist()):
        piece = text[start:end]
        if not _WORDLIKE.search(piece):
            continue
        new_word = not spans or piece[:1].isspace() or start > spans[-1][1] or _is_cjk(piece)
        start += len(piece) - len(piece.lstrip())
        if new_word:
            spans.append([start, end])
            firsts.append(len(kept))
        else:
            spans[-1][1] = end
        kept.append(index)
    if not kept:
        return Words([], np.zeros((0, tokens.vectors.shape[1]), np.float32))
    # a word's vector: the mean of its tokens' (the norm below makes the sum do)
    vectors = np.add.reduceat(tokens.vectors[kept].astype(np.float32), firsts, axis=0)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return Words([tuple(s) for s in spans], vectors)


def _is_cjk(piece: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in piece)


def word_vectors(encoder: Encoder, texts: list[str]) -> list[np.ndarray]:
    """Each text's unit word vectors (words x dimension), from the encoder's one pass."""
    return [words_of(tokens, text).vectors for tokens, text in zip(encoder.tokens(texts), texts)]
