"""The bundled model's tokenizer, built for each run from the pieces its texts can use.

Building a tokenizer from all 250,000 pieces takes over a second on these machines (0.7 s
even for the half in the scripts news is written in), the largest part of a cold start.
But the unigram model can only use a piece that occurs in a text's words: a tokenizer that
keeps those pieces, with their scores, gives the full one's tokens. The lowest-scoring
piece is kept too, because it sets the score of an unknown character, and so are the
special tokens, at their own ids.

So the conversion writes the pieces once more, sorted, with their ids and scores, and the
tokenizer's settings without its vocabulary (``write_piece_index``). A run reads those (a
tenth of a second), finds the pieces in its texts' words by binary search, and builds a
tokenizer of just those, a few thousand for an article. A later batch with a piece not yet
kept builds it again with the union, so the pieces only grow and any batch's tokens are
the full tokenizer's: a result never depends on which texts came before.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from pathlib import Path

import numpy as np

FULL_FILE = "tokenizer.json"
PIECES_FILE = "tokenizer-pieces.txt"  # every piece, sorted, one per line
PIECE_TABLE_FILE = "tokenizer-pieces.npz"  # ``ids``: the id of each sorted piece; ``scores``: by id
SETTINGS_FILE = "tokenizer-settings.json"  # the full tokenizer's JSON with an empty vocabulary
INDEX_FILES = (PIECES_FILE, PIECE_TABLE_FILE, SETTINGS_FILE)
REMEMBERED = 200_000  # words' pieces and covered texts remembered, each, before starting afresh


def write_piece_index(folder: Path) -> None:
    """Write the sorted pieces, their table and the settings beside the full tokenizer."""
    config = json.loads((folder / FULL_FILE).read_text(encoding="utf-8"))
    vocab = config["model"]["vocab"]
    order = sorted(range(len(vocab)), key=lambda i: vocab[i][0])
    assert not any("\n" in piece for piece, _ in vocab), "a piece per line needs pieces without line breaks"
    (folder / PIECES_FILE).write_text("\n".join(vocab[i][0] for i in order), encoding="utf-8")
    scores = np.array([score for _, score in vocab], dtype=np.float64)
    with (folder / PIECE_TABLE_FILE).open("wb") as file:
        np.savez(file, ids=np.array(order, dtype=np.int32), scores=scores)
    config["model"]["vocab"] = []
    (folder / SETTINGS_FILE).write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")


class BundledTokenizer:
    """Token ids, attention mask and character offsets of a batch, exactly as the full
    tokenizer gives them, from a tokenizer of the pieces the texts seen so far can use.

    Every file is read at once, so a damaged one fails the backend's construction, where
    the encoder converts the model again."""

    def __init__(self, folder: Path, pad_id: int, max_tokens: int):
        self.pad_id, self.max_tokens = pad_id, max_tokens
        self._pieces = (folder / PIECES_FILE).read_text(encoding="utf-8").split("\n")
        with np.load(folder / PIECE_TABLE_FILE) as table:
            ids, self._scores = table["ids"], table["scores"]
        self._settings = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        if not len(self._pieces) == len(ids) == len(self._scores):
            raise ValueError(f"{folder}: the tokenizer's piece files disagree on the number of pieces")
        self._ids = ids.tolist()  # a list: its items are Python ints, quick to take one by one
        self._position = np.empty(len(ids), dtype=np.int64)  # of each id among the sorted pieces
        self._position[ids] = np.arange(len(ids))
        self._longest = max(map(len, self._pieces))
        model = self._settings["model"]
        specials = {token["id"] for token in self._settings.get("added_tokens", [])}
        self._pieces_in_word: dict[str, list[int]] = {}
        self._covered: set[str] = set()  # texts whose pieces are all kept
        self._most_probable: list[int] | None = None
        self._keep(specials | {model["unk_id"], int(np.argmin(self._scores))})
        assert self._kept[:4].tolist() == [0, 1, 2, 3], "the special tokens keep their ids"

    def encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, attention mask, offsets), int64 [texts, tokens] and [texts, tokens, 2],
        padded to the batch's longest text (padding: the pad id, mask 0, offsets (0, 0))."""
        encodings = self._for(texts).encode_batch(texts)
        width = max((len(e.ids) for e in encodings), default=0)
        ids = np.full((len(texts), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        offsets = np.zeros((len(texts), width, 2), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            ids[row, :length], mask[row, :length] = encoding.ids, encoding.attention_mask
            offsets[row, :length] = np.array(encoding.offsets, dtype=np.int64).reshape(length, 2)
        return self._kept[ids], mask, offsets  # the pad id is kept as itself

    def counts(self, texts: list[str]) -> list[int]:
        """Tokens in each text (after truncation), without running the model."""
        return [len(e.ids) for e in self._for(texts).encode_batch(texts)]

    def _for(self, texts: list[str]):
        """The tokenizer, built again first if these texts can use a piece it lacks."""
        new = [text for text in texts if text not in self._covered]
        if new and len(self._kept) < len(self._pieces):
            needed = {i for text in new for word in self._words(text) for i in self._word_pieces(word)}
            if not needed.issubset(self._kept_set):
                self._keep(self._grown(needed | self._kept_set, at_least=2 * len(self._kept)))
            if len(self._covered) > REMEMBERED or len(self._pieces_in_word) > REMEMBERED:
                self._covered.clear()  # an archive's run would hold every text and word it saw
                self._pieces_in_word.clear()
            self._covered.update(new)  # the kept pieces only grow: covered once, covered for good
        return self._tokenizer

    def _grown(self, ids: set[int], at_least: int) -> set[int]:
        """The ids, topped up with the most probable pieces to at least double the kept ones:
        a build costs time in proportion to its pieces, so doubling keeps a long run's builds
        few (a handful, together under twice the last) however its texts arrive. Past a
        quarter of all pieces (texts in many scripts), all of them: one build of 2 s instead
        of two or three more on the way there."""
        if at_least > len(self._pieces) // 4:
            return set(range(len(self._pieces)))
        if len(ids) < at_least:
            if self._most_probable is None:
                self._most_probable = np.argsort(-self._scores, kind="stable").tolist()
            for i in self._most_probable:
                if len(ids) >= at_least:
                    break
                ids.add(i)
        return ids

    def _keep(self, ids: set[int]) -> None:
        self._kept_set, self._kept = ids, np.array(sorted(ids), dtype=np.int64)
        self._tokenizer = self._build(self._kept)

    def _words(self, text: str) -> list[str]:
        """The text's words as the unigram model sees them (normalised and split at spaces), as
        far as truncation keeps: each word is at least one token, and a word's tokens do not
        depend on the words after it, so words past the max_tokens-th are cut away whatever
        pieces they would take."""
        normalized = self._tokenizer.normalizer.normalize_str(text)
        words = self._tokenizer.pre_tokenizer.pre_tokenize_str(normalized)
        return [word for word, _ in words[: self.max_tokens]]

    def _word_pieces(self, word: str) -> list[int]:
        """Ids of every piece that occurs in the word. From each start, a binary search per
        length, stopping at the first length no piece begins with."""
        found = self._pieces_in_word.get(word)
        if found is None:
            found, pieces = [], self._pieces
            for start in range(len(word)):
                for end in range(start + 1, min(len(word), start + self._longest) + 1):
                    part = word[start:end]
                    position = bisect_left(pieces, part)
                    if position == len(pieces) or not pieces[position].startswith(part):
                        break
                    if pieces[position] == part:
                        found.append(self._ids[position])
            self._pieces_in_word[word] = found
        return found

    def _build(self, kept: np.ndarray):
        """A tokenizer of the kept pieces, the n-th of ``kept`` at id n, truncating at max_tokens."""
        from tokenizers import Tokenizer

        pieces = self._pieces
        vocab = [[pieces[p], s] for p, s in zip(self._position[kept].tolist(), self._scores[kept].tolist())]
        config = {**self._settings, "model": {**self._settings["model"], "vocab": vocab}}
        new_id = {old: new for new, old in enumerate(kept.tolist())}
        config["added_tokens"] = [{**t, "id": new_id[t["id"]]} for t in self._settings.get("added_tokens", [])]
        tokenizer = Tokenizer.from_str(json.dumps(config, ensure_ascii=False))
        tokenizer.enable_truncation(self.max_tokens)  # padding is done by ``encode``, so counts need none
        return tokenizer
