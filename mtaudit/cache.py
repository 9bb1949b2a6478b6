"""A persistent cache of sentence vectors and check results: one SQLite file in the
user's cache directory.

Why: a CI job re-auditing an unchanged article should not wait for the model, and a run
over 100,000 pairs that is interrupted should resume where it stopped. Keys are hashes of
what determines the value (the model and the text for a vector; mtaudit's own code, the
model, the languages and the pair for check results), so a changed input or a new
version of mtaudit simply misses.

SQLite in WAL mode lets concurrent CI jobs on one runner read and write the same file.
A damaged file (a disk that filled up, a crash of the machine) is moved aside and a new
one started, with a warning; a cache that cannot be used at all (a read-only home
directory) turns itself off, also with a warning. The cache is never needed for a
correct result. ``MTAUDIT_CACHE=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from mtaudit.errors import warn

FILE_NAME = "results-v1.sqlite"
_BATCH = 500  # keys per SELECT (SQLite's limit on parameters is 999 in older builds)


def default_cache() -> Cache:
    """The cache in the user's cache directory (``MTAUDIT_CACHE_DIR`` overrides it), or a
    disabled one when ``MTAUDIT_CACHE=off``."""
    if os.environ.get("MTAUDIT_CACHE", "").lower() in ("off", "0", "no", "false"):
        return Cache(None)

    return Cache(default_cache_dir() / FILE_NAME)


def key_of(*parts: str) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little") + encoded)
    return digest.digest()


class Cache:
    """Bytes by key, in batches. ``Cache(None)`` is a cache that never hits."""

    def __init__(self, path: Path | None):
        self.path = path
        self._connection: sqlite3.Connection | None = None

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, bytes]:
        keys = list(dict.fromkeys(keys))
        found: dict[bytes, bytes] = {}
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            query = f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(batch))})"
            found.update(self._run(lambda db, q=query, b=batch: db.execute(q, b).fetchall(), []))
        return found

    def put_many(self, items: dict[bytes, bytes]) -> None:
        if not items:
            return

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", items.items())

        self._run(write, None)

    # ------------------------------------------------------------------ vectors and records

    def get_vectors(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        return {k: np.frombuffer(v, dtype=np.float32) for k, v in self.get_many(keys).items()}

    def put_vectors(self, items: dict[bytes, np.ndarray]) -> None:
        self.put_many({k: np.asarray(v, dtype=np.float32).tobytes() for k, v in items.items()})

    def get_records(self, keys: list[bytes]) -> dict[bytes, dict]:
        return {k: json.loads(v) for k, v in self.get_many(keys).items()}

    def put_records(self, items: dict[bytes, dict]) -> None:
        self.put_many({k: json.dumps(v, ensure_ascii=False).encode("utf-8", "surrogatepass") for k, v in items.items()})

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # ------------------------------------------------------------------ internals

    def _run(self, operation, fallback):
        """Run ``operation(connection)``; a damaged file is replaced once, any other
        failure turns the cache off for the rest of the run."""
        if self.path is None:
            return fallback
        for attempt in (1, 2):
            try:
                return operation(self._connect())
            except sqlite3.DatabaseError as error:
                self.close()
                damaged = "malformed" in str(error) or "not a database" in str(error)
                if attempt == 1 and damaged:
                    warn(f"{self.path}: cache file is damaged; starting a new one")
                    self._move_aside()
                    continue
                warn(f"{self.path}: cache not used ({error})")
                break
            except OSError as error:
                warn(f"{self.path}: cache not used ({error.strerror or error})")
                break
        self.path = None
        return fallback

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
            self._connection = connection
        return self._connection

    def _move_aside(self) -> None:
        assert self.path is not None
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{self.path}.damaged{suffix}"))


def default_cache_dir() -> Path:
    override = os.environ.get("MTAUDIT_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtaudit"))
