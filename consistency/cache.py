"""A persistent cache of model outputs, so a re-run pays only for what is new.

Embeddings and NLI scores are most of a run's time and depend only on the model and
the text, so they are kept in one SQLite file (`DIR/cache.sqlite3`, standard library):
keyed by a digest of the model's identity (its files, precision, token limit, the
library versions that compute it) and the text, so a changed model or library simply
misses. WAL mode and a busy timeout let concurrent runs share one file; each write is
one transaction, so an interrupted run leaves whole entries or none. The file is kept
under a size bound by dropping the least recently used entries.

Reuse is exact because batches are padded per input (consistency.batching): a cached
value is the value this run would compute.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from consistency.resources import DEFAULT_CACHE_MB

FILE_NAME = "cache.sqlite3"
DEFAULT_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "consistency"
FORMAT = 1  # bump when the layout of a stored value changes
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    namespace TEXT NOT NULL,
    key BLOB NOT NULL,
    value BLOB NOT NULL,
    used REAL NOT NULL,
    PRIMARY KEY (namespace, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_used ON entries (used);
"""
_CHUNK = 500  # keys per SQL statement, well under SQLite's variable limit


class CacheError(Exception):
    """The cache folder or file cannot be used; the message names it."""


@dataclass(frozen=True)
class CacheStats:
    path: Path
    entries: dict[str, int]  # by namespace
    bytes: int


def digest(*parts: str) -> bytes:
    """A key for `parts`: unambiguous (length-prefixed), fixed size."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def folder_identity(folder: Path) -> str:
    """A digest of every file in a model folder: any change to the model changes it."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


class ScoreCache:
    """Rows of float arrays by key, per namespace ("nli", "embedding")."""

    def __init__(self, folder: Path, max_mb: int = DEFAULT_CACHE_MB) -> None:
        self.path = Path(folder) / FILE_NAME
        self.max_bytes = max_mb * 1024 * 1024
        try:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise CacheError(f"cannot use cache {self.path}: {error}") from None

    def close(self) -> None:
        self._db.close()

    def get(self, namespace: str, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        found: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = list(keys[start : start + _CHUNK])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, value FROM entries WHERE namespace = ? AND key IN ({marks})", [namespace, *chunk]
                )
                found.update(rows.fetchall())
            if found:
                self._touch(namespace, list(found))
        except sqlite3.Error as error:
            raise CacheError(f"cannot read cache {self.path}: {error}") from None
        return found

    def _touch(self, namespace: str, keys: list[bytes]) -> None:
        now = time.time()
        with self._transaction():
            self._db.executemany(
                "UPDATE entries SET used = ? WHERE namespace = ? AND key = ?", [(now, namespace, k) for k in keys]
            )

    def put(self, namespace: str, items: Iterable[tuple[bytes, bytes]]) -> None:
        now = time.time()
        try:
            with self._transaction():
                self._db.executemany(
                    "INSERT OR REPLACE INTO entries (namespace, key, value, used) VALUES (?, ?, ?, ?)",
                    [(namespace, k, v, now) for k, v in items],
                )
            self._bound()
        except sqlite3.Error as error:
            raise CacheError(f"cannot write cache {self.path}: {error}") from None

    def _transaction(self):
        return _Transaction(self._db)

    def _bound(self) -> None:
        """Drop the least recently used tenth (by bytes) whenever the values outgrow the bound."""
        (size,) = self._db.execute("SELECT COALESCE(SUM(LENGTH(key) + LENGTH(value)), 0) FROM entries").fetchone()
        if size <= self.max_bytes:
            return
        target = int(self.max_bytes * 0.9)
        with self._transaction():
            rows = self._db.execute("SELECT namespace, key, LENGTH(key) + LENGTH(value) FROM entries ORDER BY used")
            doomed = []
            for namespace, key, length in rows:
                if size <= target:
                    break
                doomed.append((namespace, key))
                size -= length
            self._db.executemany("DELETE FROM entries WHERE namespace = ? AND key = ?", doomed)

    def stats(self) -> CacheStats:
        rows = self._db.execute("SELECT namespace, COUNT(*) FROM entries GROUP BY namespace ORDER BY namespace")
        entries = dict(rows.fetchall())
        on_disk = sum(p.stat().st_size for p in self.path.parent.glob(FILE_NAME + "*") if p.is_file())
        return CacheStats(self.path, entries, on_disk)

    def clear(self) -> int:
        with self._transaction():
            (count,) = self._db.execute("SELECT COUNT(*) FROM entries").fetchone()
            self._db.execute("DELETE FROM entries")
        self._db.execute("VACUUM")
        return int(count)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: whole writes or none."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def cached_rows(
    cache: ScoreCache | None,
    namespace: str,
    identity: str,
    keys: Sequence[tuple[str, ...]],
    width: int,
    dtype: type[np.floating],
    compute: Callable[[list[int]], np.ndarray],
) -> np.ndarray:
    """One row per key: from the cache where it has one, else from `compute(indices)`, then stored."""
    if cache is None:
        return compute(list(range(len(keys))))
    digests = [digest(identity, *key) for key in keys]
    found = cache.get(namespace, digests)
    out = np.zeros((len(keys), width), dtype=dtype)
    missing = []
    for i, key in enumerate(digests):
        value = found.get(key)
        if value is None or len(value) != width * np.dtype(dtype).itemsize:
            missing.append(i)
        else:
            out[i] = np.frombuffer(value, dtype=dtype)
    if missing:
        fresh = np.asarray(compute(missing), dtype=dtype)
        out[missing] = fresh
        cache.put(namespace, ((digests[i], fresh[j].tobytes()) for j, i in enumerate(missing)))
    return out
