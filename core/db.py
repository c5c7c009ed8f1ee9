"""The DuckDB store: one connection per process, a cursor per unit of work, numbered migrations.

DuckDB allows one writing process per file, and inside a process threads must each use their
own cursor (a shared connection without ``.cursor()`` raised "connection is busy" and lost
writes). Concurrent updates of one row raise a transaction conflict, so every write goes through
``Database.write``: it takes the process's write lock (serialised writes measured 1600/1600 with
no error), runs the work in one transaction on a fresh cursor, commits, and retries with backoff
if DuckDB still reports a conflict. A failed write rolls back: the database is as it was.

Migrations are the files ``core/migrations/NNN_name.sql``, applied once each, in order, and
recorded in ``schema_version`` (a migration not yet recorded is applied even if a higher number
is, so areas developed side by side can land in any order). A database whose recorded version is newer than the code knows is
refused rather than touched.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from core.errors import StorageError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")

T = TypeVar("T")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migration files in version order; a repeated version number is an error."""
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise RuntimeError(f"migration file name not of the form NNN_name.sql: {path.name}")
        version = int(match.group(1))
        if version in found:
            raise RuntimeError(f"two migrations with version {version}: {path.name}")
        found[version] = Migration(version, path.stem, path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def latest_schema_version() -> int:
    migrations = available_migrations()
    return migrations[-1].version if migrations else 0


def _is_conflict(error: Exception) -> bool:
    return isinstance(error, duckdb.TransactionException) or "conflict" in str(error).lower()


def _is_storage_failure(error: Exception) -> bool:
    """An IO failure (disk full, read-only file system) or a database DuckDB invalidated after one."""
    text = str(error).lower()
    return (
        isinstance(error, (duckdb.IOException, duckdb.FatalException))
        or "no space left" in text
        or "database has been invalidated" in text
    )


class Database:
    """One DuckDB file, opened once per process.

    ``read()`` yields a cursor for queries; ``write(work)`` runs ``work(cursor)`` as one
    transaction under the process's write lock and returns its result.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, max_retries: int = 8):
        self.path = Path(path)
        self.read_only = read_only
        self.max_retries = max_retries
        self._write_lock = threading.RLock()
        # Transactions committed by this process since it opened the file that may change a
        # record the figures read (``write(..., changes_records=False)``: sign-in sessions, throttles
        # and their audit rows).
        # DuckDB lets one process write, so a figure read at one count holds until the count
        # moves (what a page keeps in a cache is keyed by it).
        self.committed_writes = 0
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._open_lock = threading.Lock()
        self.write_guards: list[Callable[[], None]] = []

    # -- opening --------------------------------------------------------------------------
    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        if self._connection is None:
            with self._open_lock:
                if self._connection is None:
                    self._connection = self._open()
        return self._connection

    def _open(self) -> duckdb.DuckDBPyConnection:
        if self.read_only and not self.path.exists():
            raise StorageError("storage.missing", path=str(self.path))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.IOException as error:
            text = str(error).lower()
            if "lock" in text:
                raise StorageError("storage.locked", path=str(self.path)) from error
            raise StorageError("storage.corrupt", path=str(self.path), detail=str(error)[:200]) from error
        except duckdb.Error as error:
            raise StorageError("storage.corrupt", path=str(self.path), detail=str(error)[:200]) from error

    def close(self) -> None:
        with self._open_lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    # -- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as cur:
            exists = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
            ).fetchone()[0]
            if not exists:
                return 0
            return cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self, now: Callable[[], object] | None = None) -> list[int]:
        """Apply the migrations not yet recorded; return the versions applied."""
        from core.clock import now as clock_now

        stamp = (now or clock_now)()
        migrations = available_migrations()
        current = self.schema_version()
        known = migrations[-1].version if migrations else 0
        if current > known:
            raise StorageError("storage.schema_too_new", found=current, supported=known)
        applied: list[int] = []
        with self._write_lock:
            cur = self.connection.cursor()
            try:
                cur.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version ("
                    " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
                )
                recorded = {row[0] for row in cur.execute("SELECT version FROM schema_version").fetchall()}
                for migration in migrations:
                    if migration.version in recorded:
                        continue
                    cur.execute("BEGIN TRANSACTION")
                    try:
                        cur.execute(migration.sql)
                        cur.execute(
                            "INSERT INTO schema_version VALUES (?, ?, ?)",
                            [migration.version, migration.name, stamp],
                        )
                        cur.execute("COMMIT")
                    except Exception:
                        cur.execute("ROLLBACK")
                        raise
                    applied.append(migration.version)
            finally:
                cur.close()
        return applied

    # -- units of work --------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for queries (no lock: DuckDB reads a consistent snapshot)."""
        cur = self.connection.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def unit_of_work(self, *, changes_records: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction on a fresh cursor under the write lock; commits on success."""
        if self.read_only:
            raise StorageError("storage.read_only")
        for guard in self.write_guards:
            guard()
        with self._write_lock:
            cur = self.connection.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                    cur.execute("COMMIT")
                    if changes_records:
                        self.committed_writes += 1
                except BaseException:
                    try:
                        cur.execute("ROLLBACK")
                    except duckdb.Error:
                        pass
                    raise
            finally:
                cur.close()

    def write(self, work: Callable[[duckdb.DuckDBPyConnection], T], *, changes_records: bool = True) -> T:
        """Run ``work(cursor)`` as one transaction; retry on a transaction conflict.
        ``changes_records=False``: the work touches only sign-in sessions, throttles and their
        audit rows, which no figure reads (``committed_writes`` does not move)."""
        delay = 0.005
        for attempt in range(self.max_retries + 1):
            try:
                with self.unit_of_work(changes_records=changes_records) as cur:
                    return work(cur)
            except (duckdb.TransactionException, duckdb.Error) as error:
                if _is_storage_failure(error):
                    raise StorageError("storage.write_failed", detail=str(error)[:200]) from error
                if not _is_conflict(error) or attempt == self.max_retries:
                    raise
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 0.5)
        raise AssertionError("unreachable")


def next_id(cur: duckdb.DuckDBPyConnection, sequence: str) -> int:
    """The next value of a sequence (names are fixed in code, never from input)."""
    if not re.fullmatch(r"[a-z_]+", sequence):
        raise ValueError(sequence)
    return cur.execute(f"SELECT nextval('{sequence}')").fetchone()[0]


def _frozen(value: object) -> object:
    """``value`` as something hashable (lists and tuples of parameters as tuples)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


class RecordedReads:
    """A read cursor that answers a statement it has seen, with the same parameters, from
    ``memo`` instead of the database; it offers ``execute``, ``description``, ``fetchone``,
    ``fetchall`` and ``df``.

    For reads of recorded data only, with ``memo`` kept for one state of the records (the
    caller keys it by ``Database.committed_writes``): no statement of Pattana reads the
    database's own clock, so a read that depends on the time takes the time as a parameter and a
    new time is a new read. Rows are shared (callers do not change what they read); ``df`` gives
    a copy of the kept frame. At most ``limit`` results are kept, the latest."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, memo: MutableMapping, limit: int = 2048):
        self._cursor = cursor
        self._memo = memo
        self._limit = limit
        self._statement: tuple[str, object] | None = None
        self._key: tuple | None = None
        self._result: tuple | None = None
        self._next = 0

    def execute(self, sql: str, parameters: object = None) -> RecordedReads:
        self._statement = (sql, parameters or [])
        self._key = (sql, _frozen(parameters or ()))
        self._result = None
        self._next = 0
        return self

    def _kept(self, kind: str, read: Callable[[], object]):
        key = (kind, *self._key)
        found = self._memo.get(key)
        if found is None:
            self._cursor.execute(*self._statement)
            found = read()
            if len(self._memo) >= self._limit:
                try:  # the oldest result makes room
                    del self._memo[next(iter(self._memo))]
                except (StopIteration, KeyError, RuntimeError):
                    pass  # another session's read changed the memo first
            self._memo[key] = found
        return found

    def _rows_result(self) -> tuple:
        if self._result is None:

            def read() -> tuple:
                description = self._cursor.description
                return description, tuple(self._cursor.fetchall()) if description is not None else ()

            self._result = self._kept("rows", read)
        return self._result

    @property
    def description(self):
        return self._rows_result()[0]

    def fetchone(self) -> tuple | None:
        rows = self._rows_result()[1]
        if self._next >= len(rows):
            return None
        self._next += 1
        return rows[self._next - 1]

    def fetchall(self) -> list[tuple]:
        rows = self._rows_result()[1]
        remaining = list(rows[self._next :])
        self._next = len(rows)
        return remaining

    def df(self):
        return self._kept("frame", self._cursor.df).copy()


def rows_as_dicts(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows of the last query as dictionaries keyed by column name."""
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row)) for row in cur.fetchall()]
