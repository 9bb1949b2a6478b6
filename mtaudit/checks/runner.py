"""Running every check over a pairs table: per target language, in chunks, with results
kept in the persistent cache.

Chunks keep memory bounded on large tables (the encoder forgets each chunk's token
vectors once it is checked) and give the progress bar its steps. Each chunk's results
are stored as soon as it is done, so an interrupted run resumes where it stopped, and an
unchanged article re-audited in CI needs neither the model nor the checks.

A pair's results depend only on the pair, the languages, the model and the whole input's
usual length ratio (fixed before chunking), never on which chunk it falls in, so the
cache, the chunking and the Dask partitions all give the same rows as one pass.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from mtaudit.cache import code_fingerprint, key_of
from mtaudit.checks import Context, run_checks
from mtaudit.checks.length import usual_log_ratio
from mtaudit.defaults import TARGET_LANG
from mtaudit.model.encoder import BUNDLED_MODEL, Encoder

CHUNK_PAIRS = 1000
Progress = Callable[[int, int], None]


def check_pairs(
    pairs: pd.DataFrame,
    source_lang: str,
    encoder: Encoder,
    target_lang: str | None = None,
    on_progress: Progress | None = None,
    usual_log_ratios: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Every applicable check's columns for a loaded pairs table, each target language
    with its own checks. A check that does not apply to a language leaves risk 0, no
    reason and no spans there. ``usual_log_ratios`` (per target language) are given
    when ``pairs`` is one partition of a larger input."""
    pairs = pairs.reset_index(drop=True)
    if "target_lang" not in pairs:
        pairs = pairs.assign(target_lang=target_lang or TARGET_LANG)
    ratios = usual_log_ratios or usual_log_ratios_of(pairs)
    chunks = [
        (str(lang), group.iloc[start : start + CHUNK_PAIRS])
        for lang, group in pairs.groupby("target_lang", sort=False)
        for start in range(0, len(group), CHUNK_PAIRS)
    ]
    last_chunk = {  # the last chunk that needs each text (texts encoded while aligning stay until then)
        text: number for number, (_, chunk) in enumerate(chunks) for text in [*chunk["source"], *chunk["target"]]
    }
    checked, done = [], 0
    for number, (lang, chunk) in enumerate(chunks):
        context = Context(encoder, source_lang, lang, ratios[lang])  # fresh scratch per chunk
        checked.append(_checked_chunk(chunk, context))
        if len(chunks) > 1:
            encoder.forget(keep=lambda text, number=number: last_chunk.get(text, -1) > number)
        done += len(chunk)
        if on_progress:
            on_progress(done, len(pairs))
    table = pd.concat(checked).sort_index() if len(checked) > 1 else checked[0]
    return _fill_gaps(table)


def usual_log_ratios_of(pairs: pd.DataFrame) -> dict[str, float]:
    """The usual length ratio of each target language's pairs in a whole input."""
    return {str(lang): usual_log_ratio(group) for lang, group in pairs.groupby("target_lang", sort=False)}


def _fill_gaps(table: pd.DataFrame) -> pd.DataFrame:
    for column in table.columns:
        if column.endswith("_risk"):
            table[column] = table[column].fillna(0.0)
        elif column.endswith("_reason"):
            table[column] = [r if isinstance(r, str) else "" for r in table[column]]
        elif column.endswith("_spans"):
            table[column] = [s if isinstance(s, list) else [] for s in table[column]]
    return table


def _checked_chunk(chunk: pd.DataFrame, context: Context) -> pd.DataFrame:
    """The chunk with its check columns, from the cache where possible. Only the bundled
    model's results are cached: another model's similarity is read against anchors
    estimated from the input itself, so its results depend on the whole input."""
    cache = context.encoder.cache
    if not cache.enabled or context.encoder.name != BUNDLED_MODEL:
        return run_checks(chunk, context)
    keys = [_pair_key(context, s, t) for s, t in zip(chunk["source"], chunk["target"])]
    found = cache.get_records(keys)
    hit = np.array([key in found for key in keys], dtype=bool)
    parts = []
    if (~hit).any():
        computed = run_checks(chunk[~hit], context)
        new_columns = [c for c in computed.columns if c not in chunk.columns]
        records = computed[new_columns].to_dict(orient="records")
        missing_keys = [key for key, h in zip(keys, hit) if not h]
        cache.put_records(dict(zip(missing_keys, map(_jsonable, records))))
        parts.append(computed)
    if hit.any():
        cached = pd.DataFrame([found[k] for k, h in zip(keys, hit) if h], index=chunk.index[hit])
        parts.append(pd.concat([chunk[hit], cached], axis=1))
    return pd.concat(parts).sort_index() if len(parts) > 1 else parts[0]


def _pair_key(context: Context, source: str, target: str) -> bytes:
    return key_of(
        "checks",
        code_fingerprint(),
        context.encoder.identity,
        context.source_lang,
        context.target_lang,
        repr(context.usual_log_ratio),
        source,
        target,
    )


def _jsonable(record: dict) -> dict:
    return {key: _plain(value) for key, value in record.items()}


def _plain(value):
    """JSON-ready: numpy scalars as Python numbers, span tuples as lists (NaN stays NaN,
    which Python's json writes and reads back)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") else value
