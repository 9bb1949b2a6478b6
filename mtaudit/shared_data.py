"""The shared data folder beside a checkout (``../shared/data``): where it is and how its
files are read. Only measurement and fitting read it (``mtaudit eval``, ``mtaudit bench``,
``evaluation/``); installing and scoring never need it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def read_table(path: Path) -> pd.DataFrame:
    """One of the shared data's TSV files as written: tab-separated, quotes kept as text
    (the sentences contain them unbalanced), every cell a string, an empty cell ""."""
    return pd.read_csv(path, sep="\t", quoting=3, dtype=str, keep_default_na=False)


def first_missing(data_dir: Path, *names: str) -> Path | None:
    """The first of these data files that is not in ``data_dir``, so that a benchmark run
    without the shared data says which file it lacks instead of failing half-way."""
    return next((data_dir / name for name in names if not (data_dir / name).is_file()), None)
