"""A persistent cache of sentence vectors, alignments and check results: one SQLite file
in the user's cache directory, and the hash of mtaudit's own code that keys the last two.

Why: a CI job re-auditing an unchanged article should not wait for the model, and a run
over 100,000 pairs that is interrupted should resume where it stopped. Keys are hashes of
what determines the value (the model and the text for a vector; mtaudit's own code, the
model and the texts for an alignment or a pair's check results), so a changed input or a
new version of mtaudit simply misses.

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
from functools import lru_cache
from pathlib import Path

import numpy as np

from mtaudit.errors import MtauditError, warn
from mtaudit.files import write_json

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


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of mtaudit's Python sources: any change to the code invalidates every cached
    alignment and check result, so the cache never hands back what the current code would
    not compute. The evaluation code and the risk combination (a JSON file) are left out:
    results do not depend on them, so refitting the combination needs no recomputation. The
    checks' own fitted data (the other files in ``data/``: the estimator's weights, the
    bigrams) do change results, so they count."""
    root = Path(__file__).resolve().parent  # the mtaudit package
    sources = [p for p in root.rglob("*.py") if "evaluation" not in p.relative_to(root).parts]
    check_data = [p for p in (root / "data").glob("*.*") if p.name != "combiner.json"]
    cache = default_cache()
    memo = cache.path.with_name(FINGERPRINT_MEMO) if cache.enabled else None
    return fingerprint(root, sorted([*sources, *check_data]), memo)


FINGERPRINT_MEMO = "code-fingerprint.json"


def fingerprint(root: Path, files: list[Path], memo: Path | None) -> str:
    """The hash of ``files``' names and contents. It is remembered in ``memo`` under their
    sizes and modification times, as Python remembers its compiled files: reading and
    hashing them (7 MB of estimator weights) took a tenth of a warm re-run, and the hash
    of the contents, unlike the times, is the same in a fresh clone, so a cache restored
    there still hits."""
    stamp = hashlib.sha256()
    for path in files:
        status = path.stat()
        stamp.update(f"{path.relative_to(root)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    remembered = _read_memo(memo)
    if remembered.get("stamp") == stamp.hexdigest():
        return remembered["fingerprint"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    if memo is not None:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            write_json(memo, {"stamp": stamp.hexdigest(), "fingerprint": digest.hexdigest()})
        except (OSError, MtauditError):  # a read-only cache folder: hash again next time
            pass
    return digest.hexdigest()


def _read_memo(memo: Path | None) -> dict:
    try:
        remembered = json.loads(memo.read_text(encoding="utf-8")) if memo is not None else {}
    except (OSError, ValueError):  # none yet, or damaged: hash again
        return {}
    return remembered if isinstance(remembered, dict) and isinstance(remembered.get("fingerprint"), str) else {}
