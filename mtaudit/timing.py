"""Where a run's time goes, stage by stage, for ``mtaudit bench``.

Stages nest (the alignment asks the encoder for vectors; a check asks it for token
vectors), so each stage is charged only its own time: a stage's time inside another is
taken off the outer one. The totals are per process and cost two clock reads a stage.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_totals: dict[str, float] = {}
_open: list[list] = []  # [name, seconds spent in stages nested inside it]


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Charge the time inside this block, less that of nested stages, to ``name``."""
    started = time.perf_counter()
    _open.append([name, 0.0])
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        _, nested = _open.pop()
        _totals[name] = _totals.get(name, 0.0) + elapsed - nested
        if _open:
            _open[-1][1] += elapsed


def reset() -> None:
    _totals.clear()


def totals() -> dict[str, float]:
    """Seconds per stage since the last ``reset``, largest first."""
    return dict(sorted(_totals.items(), key=lambda item: -item[1]))
