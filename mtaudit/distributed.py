"""The checks and the risk on a Dask distributed cluster, for archive audits.

The driver loads and aligns the input as usual, then sends partitions of the pairs table
(whole documents each, so document verdicts see every sentence) to the workers. Each
worker process loads the model once and keeps it for every partition it gets. What a
pair's result depends on beyond the pair itself, the input's usual length ratio per
language, is computed on the driver and sent along, so the rows equal an in-process run.

Without a scheduler address a local cluster is started (one single-threaded worker
process per requested worker, torch threads shared out among them).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable

import numpy as np
import pandas as pd

from mtaudit.documents import MAX_PAIRS
from mtaudit.errors import MtauditError

PARTITION_PAIRS = 2000
_WORKER_ENCODERS: dict = {}  # per worker process: model name -> Encoder


def audit_on_dask(
    audit_partition: Callable[..., pd.DataFrame],
    pairs: pd.DataFrame,
    options,
    combiner,
    model: str | None,
    scheduler: str | None = None,
    workers: int = 2,
    on_progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Scored pairs with document verdicts, computed partition by partition on Dask: each
    worker runs ``audit_partition`` (the pipeline's, passed in so that this module only
    distributes and knows nothing of what is computed)."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MtauditError("--engine dask needs Dask: pip install 'mtaudit[dask]'") from None
    from mtaudit.checks.runner import usual_log_ratios_of
    from mtaudit.model.backends import cpu_threads

    pairs = pairs.reset_index(drop=True)
    ratios = usual_log_ratios_of(pairs)
    partitions = partitions_by_document(pairs, PARTITION_PAIRS)
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as error:
            raise MtauditError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
        threads = None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,  # shutdown notices are not for the editor's terminal
        )
        client = Client(cluster)
        threads = max(1, cpu_threads() // workers)
    with client:
        futures = client.map(
            _on_worker,
            partitions,
            audit_partition=audit_partition,
            options=options,
            combiner=combiner,
            model=model,
            ratios=ratios,
            threads=threads,
            pure=False,
        )
        done, results = 0, []
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            done += len(result)
            if on_progress:
                on_progress(done, len(pairs))
        if not scheduler:
            client.cluster.close()
    return pd.concat(results).sort_index()


def partitions_by_document(pairs: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """Consecutive slices of about ``size`` pairs that keep each article edition whole
    (an edition too long for a document verdict, such as a whole table, is cut freely)."""
    keys = pairs["doc"].astype(str) + "\0" + pairs["target_lang"].astype(str)
    starts = np.flatnonzero((keys != keys.shift()).to_numpy()).tolist() + [len(pairs)]
    bounds, start = [], 0
    for a, b in itertools.pairwise(starts):
        if b - a > MAX_PAIRS:  # no verdict for it: cut it like a table
            bounds += [(start, a)] + [(i, min(i + size, b)) for i in range(a, b, size)]
            start = b
        elif b - start >= size:
            bounds.append((start, b))
            start = b
    bounds.append((start, len(pairs)))
    return [pairs.iloc[a:b] for a, b in bounds if b > a]


def _on_worker(part: pd.DataFrame, audit_partition, options, combiner, model, ratios, threads) -> pd.DataFrame:
    encoder = _worker_encoder(model, threads)
    result = audit_partition(part, options, encoder, combiner, usual_log_ratios=ratios)
    encoder.clear()
    return result.set_axis(part.index)  # the driver puts partitions in order


def _worker_encoder(model: str | None, threads: int | None):
    """The worker process's encoder for ``model``, loaded on its first partition."""
    if model not in _WORKER_ENCODERS:
        from mtaudit.model.encoder import Encoder

        _WORKER_ENCODERS[model] = Encoder(model, threads=threads)
    return _WORKER_ENCODERS[model]
