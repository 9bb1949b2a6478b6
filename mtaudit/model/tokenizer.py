"""The bundled model's tokenizer, quick to load for the scripts news editions are written in.

Building the tokenizer from its 250,000 pieces takes over a second, the largest part of a
cold start. Half of the pieces are in scripts no edition uses (Cyrillic, Devanagari, Thai,
Hangul, ...), so the conversion also writes a smaller tokenizer that keeps every piece
written only in Latin, Arabic, Chinese or Japanese script, with a table from its ids to
the full one's (``write_news_tokenizer``).

For a text whose normalised characters are all in those scripts the two tokenizers give
the same tokens: a piece can only match characters the text has, so every piece that could
match it was kept, with its score; the lowest-scoring piece is kept as well, because it sets
the score of an unknown character. A batch with any other character goes to the full
tokenizer, loaded on first need, so results never depend on which tokenizer ran.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

FULL_FILE = "tokenizer.json"
NEWS_FILE = "tokenizer-news.json"
NEWS_IDS_FILE = "tokenizer-news-ids.npy"  # the full tokenizer's id of each of its pieces

# Latin (with its supplements and extensions), general punctuation and currency signs, the
# metaspace marker, Arabic with its presentation forms, CJK punctuation, kana, ideographs
# and full-width forms.
NEWS_SCRIPTS = (
    (0x0000, 0x024F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x20CF),
    (0x2581, 0x2581),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x3000, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xFF00, 0xFFEF),
)


_NEWS_TEXT = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in NEWS_SCRIPTS) + "]*")


def in_news_scripts(text: str) -> bool:
    """Every character is in NEWS_SCRIPTS (one compiled character class: the conversion asks
    this of 250,000 pieces, and a loop over the ranges in Python took 1.3 s of it)."""
    return _NEWS_TEXT.fullmatch(text) is not None


def write_news_tokenizer(folder: Path) -> None:
    """Write the smaller tokenizer and its id table beside the folder's full tokenizer."""
    config = json.loads((folder / FULL_FILE).read_text(encoding="utf-8"))
    vocab = config["model"]["vocab"]
    lowest = min(range(len(vocab)), key=lambda i: vocab[i][1])
    special = {token["id"] for token in config.get("added_tokens", [])} | {config["model"]["unk_id"], lowest}
    kept = [i for i, (piece, _) in enumerate(vocab) if i in special or in_news_scripts(piece)]
    new_id = {old: new for new, old in enumerate(kept)}
    assert all(new_id.get(i) == i for i in range(4)), "the special tokens keep their ids"
    config["model"]["vocab"] = [vocab[i] for i in kept]
    for token in config.get("added_tokens", []):
        token["id"] = new_id[token["id"]]
    (folder / NEWS_FILE).write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    np.save(folder / NEWS_IDS_FILE, np.array(kept, dtype=np.int64))


class BundledTokenizer:
    """Token ids, attention mask and character offsets of a batch, from the smaller
    tokenizer where it gives the same tokens, else from the full one.

    The smaller one is loaded at once, so a damaged file of it fails the backend's
    construction, where the encoder converts the model again. The full one is loaded on first
    need; if its file is damaged then, ``on_damage`` (the folder, the error) gives a folder
    converted again, and without it the error stands."""

    def __init__(
        self,
        folder: Path,
        pad_id: int,
        max_tokens: int,
        on_damage: Callable[[Path, Exception], Path] | None = None,
    ):
        self.folder, self.pad_id, self.max_tokens, self.on_damage = folder, pad_id, max_tokens, on_damage
        self._news = self._load(folder / NEWS_FILE)
        self._news_ids = np.load(folder / NEWS_IDS_FILE)
        self._full = None

    def encode(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ids, attention mask, offsets), int64 [texts, tokens] and [texts, tokens, 2],
        padded to the batch's longest text (padding: the pad id, mask 0, offsets (0, 0))."""
        tokenizer, ids_of = self._for(texts)
        encodings = tokenizer.encode_batch(texts)
        width = max((len(e.ids) for e in encodings), default=0)
        ids = np.full((len(texts), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        offsets = np.zeros((len(texts), width, 2), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            ids[row, :length], mask[row, :length] = encoding.ids, encoding.attention_mask
            offsets[row, :length] = np.array(encoding.offsets, dtype=np.int64).reshape(length, 2)
        return (ids if ids_of is None else ids_of[ids]), mask, offsets

    def counts(self, texts: list[str]) -> list[int]:
        """Tokens in each text (after truncation), without running the model."""
        tokenizer, _ = self._for(texts)
        return [len(e.ids) for e in tokenizer.encode_batch(texts)]

    def _for(self, texts: list[str]):
        if self._full is None and all(in_news_scripts(self._news.normalizer.normalize_str(t)) for t in texts):
            return self._news, self._news_ids
        if self._full is None:
            self._full = self._load_full()
        return self._full, None

    def _load_full(self):
        try:
            return self._load(self.folder / FULL_FILE)
        except Exception as error:  # the library raises many types for a damaged file
            if self.on_damage is None:
                raise
            return self._load(self.on_damage(self.folder, error) / FULL_FILE)

    def _load(self, path: Path):
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(path))
        tokenizer.enable_truncation(self.max_tokens)  # padding is done by ``encode``, so counts need none
        return tokenizer
