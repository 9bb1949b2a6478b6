"""The coverage check finds a clause left out of a translation and names it."""

from __future__ import annotations

import gc

import pandas as pd
import pytest

from mtaudit.checks.base import Context
from mtaudit.checks.coverage import compute

SOURCE = (
    "Kenaikan harga beras dipicu oleh musim kemarau yang berkepanjangan di sejumlah sentra produksi "
    "padi di Jawa Tengah dan Jawa Timur."
)
FULL = (
    "The rise in rice prices was triggered by the prolonged dry season in a number of rice production "
    "centres in Central Java and East Java."
)
CUT = "The rise in rice prices was triggered by the prolonged dry season."


@pytest.mark.model
def test_omitted_clause_is_found_and_named(encoder):
    pairs = pd.DataFrame({"source": [SOURCE, SOURCE], "target": [FULL, CUT]})
    result = compute(pairs, Context(encoder))
    complete, cut = result["coverage_risk"]
    assert complete < 0.5 <= cut
    assert "missing from the translation" in result["coverage_reason"][1]
    assert "Jawa" in result["coverage_reason"][1]


@pytest.mark.model
def test_token_spans_point_into_the_text(encoder):
    text = "Harga beras naik menjadi Rp13.500."
    tokens = encoder.tokens([text])[0]
    pieces = [text[start:end].strip() for start, end in tokens.spans]
    assert "".join(pieces) == text.replace(" ", "")
    assert tokens.vectors.shape == (len(pieces), encoder.dimension)


@pytest.mark.model
def test_a_model_folder_gives_sentence_transformers_own_vectors(encoder):
    """A folder given to ``--model`` runs through PyTorch, where the encoder pools the hidden
    states itself (one pass gives sentence and token vectors): its sentence vectors must be
    sentence-transformers' own, and near the bundled graph's (4-bit weights and int8
    activations against float32). One test, so the suite loads the float weights once."""
    from sentence_transformers import SentenceTransformer

    from mtaudit.model.conversion import bundled_model_folder
    from mtaudit.model.encoder import Encoder

    texts = ["Banjir merendam 3.400 rumah.", "Floods submerged 3,400 houses.", "Harga beras naik.", "Rice prices rose."]
    folder_encoder = Encoder(str(bundled_model_folder()))
    assert folder_encoder.model.backend is not encoder.model.backend
    ours = folder_encoder.encode(texts)
    del folder_encoder  # its float weights before sentence-transformers loads its own copy
    gc.collect()
    model = SentenceTransformer(str(bundled_model_folder()), device="cpu")
    theirs = model.encode([f"query: {t}" for t in texts], prompt="", normalize_embeddings=True)
    assert (ours * theirs).sum(axis=1).min() > 0.9999
    assert (ours * encoder.encode(texts)).sum(axis=1).min() > 0.99
