"""One bundled encoder for the whole test session (converted once into the user cache)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtaudit.encoder import Encoder

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
