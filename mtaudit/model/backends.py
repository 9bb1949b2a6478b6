"""How a model turns a batch of texts into hidden states: ONNX Runtime for the bundled
model (4-bit weights, no PyTorch import: fast to start and to run), PyTorch for any other model.

Both give the encoder the same thing, ``HiddenStates``, so pooling, token vectors and
caching are written once, in ``encoder``.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtaudit.model.graph import INPUTS, OUTPUTS
from mtaudit.model.tokenizer import BundledTokenizer

MAX_TOKENS = 512  # the model's position table; longer texts are cut


@dataclass(frozen=True)
class HiddenStates:
    """One batch: the last and a middle layer (float32, [texts, tokens, hidden]), which
    tokens are real rather than padding (bool [texts, tokens]), and each token's
    [start, end) character span in its text (int [texts, tokens, 2])."""

    last: np.ndarray
    middle: np.ndarray
    mask: np.ndarray
    offsets: np.ndarray


@dataclass(frozen=True)
class ModelShape:
    """The sizes ``mtaudit bench`` needs to count the model's arithmetic."""

    hidden: int
    intermediate: int
    layers: int


def cpu_threads() -> int:
    """The cores this process may run on (a CI container's share, not the host's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class OnnxBackend:
    """The bundled model's 4-bit graph (``model.graph``) with its tokenizer, run by ONNX
    Runtime on the CPU."""

    def __init__(
        self,
        folder: Path,
        graph_file: str,
        threads: int | None = None,
        max_tokens: int = MAX_TOKENS,
    ):
        import onnxruntime

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.shape = ModelShape(config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"])
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or cpu_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: shape-inference notes are not for editors
        # ONNX Runtime builds its session without Python's lock, the tokenizer holds it: side
        # by side they cost a cold start the session's 0.3 s. Either one's error is raised here.
        with ThreadPoolExecutor(max_workers=1) as pool:
            session = pool.submit(
                onnxruntime.InferenceSession, str(folder / graph_file), options, providers=["CPUExecutionProvider"]
            )
            self.tokenizer = BundledTokenizer(folder, config["pad_token_id"], max_tokens)
            self.session = session.result()

    def token_counts(self, texts: list[str]) -> list[int]:
        return self.tokenizer.counts(texts)

    def run(self, texts: list[str]) -> HiddenStates:
        ids, mask, offsets = self.tokenizer.encode(texts)
        last, middle = self.session.run(list(OUTPUTS), dict(zip(INPUTS, (ids, mask))))
        return HiddenStates(last, middle, mask.astype(bool), offsets)


class TorchBackend:
    """A transformers model and its tokenizer (from a sentence-transformers model or a
    folder), run by PyTorch."""

    def __init__(self, tokenizer: Any, transformer: Any, middle_layer: int):
        config = transformer.config
        self.shape = ModelShape(config.hidden_size, config.intermediate_size, config.num_hidden_layers)
        self.tokenizer, self.transformer, self.middle_layer = tokenizer, transformer, middle_layer

    def token_counts(self, texts: list[str]) -> list[int]:
        return [len(ids) for ids in self.tokenizer(texts, truncation=True, max_length=MAX_TOKENS)["input_ids"]]

    def run(self, texts: list[str]) -> HiddenStates:
        import torch

        batch = self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=MAX_TOKENS,
            return_offsets_mapping=True,
            return_tensors="pt",
        )
        offsets = batch.pop("offset_mapping").numpy()
        with torch.inference_mode():
            output = self.transformer(
                **{k: v for k, v in batch.items() if k in ("input_ids", "attention_mask", "token_type_ids")},
                output_hidden_states=True,
            )
        return HiddenStates(
            output.hidden_states[-1].float().numpy(),
            output.hidden_states[self.middle_layer].float().numpy(),
            batch["attention_mask"].numpy().astype(bool),
            offsets,
        )
