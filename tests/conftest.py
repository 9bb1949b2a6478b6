"""One bundled encoder for the whole test session (converted once into the user cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtaudit.model.encoder import Encoder

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
# Tests compute everything afresh; the persistent cache has tests of its own.
os.environ.setdefault("MTAUDIT_CACHE", "off")


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    model = Encoder()
    model.encode(["warm up"])
    return model


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present beside the checkout")
    return SHARED_DATA


@pytest.fixture
def one_pair_audit():
    """A scored audit of one unflagged table row, built without the model, for reporters and
    the command line's output handling."""
    import pandas as pd

    from mtaudit.pipeline import Audit, Options

    pairs = pd.DataFrame(
        {
            "doc": ["t"],
            "index": [1],
            "source": ["Satu."],
            "target": ["One."],
            "alignment": ["given"],
            "target_lang": ["en"],
            "risk": [0.1234567891],
            "flagged": [False],
            "severity": ["none"],
            "category": [""],
            "reasons": [""],
            "doc_verdict": [""],
            "source_file": ["t.tsv"],
            "source_line": [2],
            "target_file": ["t.tsv"],
            "target_line": [2],
        }
    )
    return Audit(pairs, Options(), "test-model")
