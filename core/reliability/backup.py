"""Backups taken from inside the running app, and their verification.

DuckDB lets one process open the file, so the app's own connection takes the backup: one
read transaction counts the rows of every table and runs ``EXPORT DATABASE ... (FORMAT
parquet)`` on the same snapshot (writers on other cursors carry on meanwhile). The export is a
folder ``<root>/<YYYYMMDD-HHMMSS>/`` holding ``schema.sql``, ``load.sql`` and one Parquet file
per table, a format the next DuckDB versions import with ``IMPORT DATABASE``. ``manifest.json``
(schema version, row count of every table, sha256 and size of every file, DuckDB version,
created_at) is written LAST, through a temporary name and an atomic rename, after every file
was flushed to disk: a folder without a manifest is a backup that did not finish.

Verification (``verify_backup``) checks the manifest, every checksum and the schema version;
the deep check also imports the backup into a temporary DuckDB file and compares every
table's row count with the manifest. The restore runs the deep check before it replaces
anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from core import audit, settings
from core.actor import Actor
from core.db import Database, latest_schema_version
from core.errors import StorageError, ValidationError
from core.permissions import require

log = logging.getLogger("pattana.backup")

MANIFEST = "manifest.json"
FORMAT = "pattana-backup"
FORMAT_VERSION = 1
NAME_PATTERN = re.compile(r"^\d{8}-\d{6}(-\d+)?$")

KEEP_SETTING = "reliability.backup_keep"
INTERVAL_SETTING = "reliability.backup_interval_hours"
DEFAULT_KEEP = 14
DEFAULT_INTERVAL_HOURS = 12
BACKUP_HEADROOM_BYTES = 64 * 1024 * 1024

_BACKUP_LOCK = threading.Lock()  # one backup at a time per process


@dataclass(frozen=True)
class BackupInfo:
    """One backup folder as found on disk (``complete`` = it has a readable manifest)."""

    path: Path
    name: str
    complete: bool
    created_at: datetime | None = None
    schema_version: int | None = None
    database: str | None = None
    tables: dict[str, int] = field(default_factory=dict)
    size_bytes: int = 0

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def backup_root(db_path: str | Path) -> Path:
    """Where backups of ``db_path`` go: ``PATTANA_BACKUP_DIR`` or ``<db folder>/backups``."""
    override = os.environ.get("PATTANA_BACKUP_DIR", "").strip()
    return Path(override).resolve() if override else Path(db_path).resolve().parent / "backups"


def sha256_file(path: Path, *, sync: bool = False) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
        if sync:
            os.fsync(handle.fileno())
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table of the open database (schema-qualified when not ``main``)."""
    tables = cur.execute(
        "SELECT schema_name, table_name FROM duckdb_tables()"
        " WHERE database_name = current_database() AND NOT temporary"
        " ORDER BY schema_name, table_name"
    ).fetchall()
    counts = {}
    for schema, table in tables:
        label = table if schema == "main" else f"{schema}.{table}"
        counts[label] = cur.execute(f"SELECT count(*) FROM {_quote(schema)}.{_quote(table)}").fetchone()[0]
    return counts


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def database_bytes(db_path: Path) -> int:
    """The database file plus its WAL, in bytes."""
    return _file_size(db_path) + _file_size(db_path.with_name(db_path.name + ".wal"))


# -- reading backups ----------------------------------------------------------------------------


def read_manifest(folder: str | Path) -> dict:
    """The folder's manifest; refuses a missing folder, a missing or unreadable manifest."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StorageError("backup.not_found", path=str(folder))
    path = folder / MANIFEST
    if not path.exists():
        raise StorageError("backup.no_manifest", path=str(folder))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise ValueError("not a Pattana backup manifest")
        int(manifest["schema_version"])
        datetime.fromisoformat(manifest["created_at"])
        if not isinstance(manifest["tables"], dict) or not isinstance(manifest["files"], dict):
            raise ValueError("tables/files missing")
        for name, entry in manifest["files"].items():
            if "/" in name or "\\" in name or name.startswith(".") or "sha256" not in entry:
                raise ValueError(f"bad file entry {name!r}")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise StorageError("backup.manifest_invalid", detail=str(error)[:200]) from error
    return manifest


def list_backups(root: str | Path, database: str | None = None) -> list[BackupInfo]:
    """Backup folders under ``root``, newest first; with ``database``, only that file's backups
    (incomplete folders, which have no manifest to tell, are listed too)."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if not folder.is_dir() or not NAME_PATTERN.match(folder.name):
            continue
        size = sum(_file_size(p) for p in folder.iterdir() if p.is_file())
        try:
            manifest = read_manifest(folder)
        except StorageError:
            found.append(BackupInfo(path=folder, name=folder.name, complete=False, size_bytes=size))
            continue
        if database is not None and manifest.get("database") not in (None, database):
            continue
        found.append(
            BackupInfo(
                path=folder,
                name=folder.name,
                complete=True,
                created_at=datetime.fromisoformat(manifest["created_at"]),
                schema_version=int(manifest["schema_version"]),
                database=manifest.get("database"),
                tables={k: int(v) for k, v in manifest["tables"].items()},
                size_bytes=size,
            )
        )
    return sorted(found, key=lambda b: b.name, reverse=True)


def last_complete_backup(root: str | Path, database: str | None = None) -> BackupInfo | None:
    return next((b for b in list_backups(root, database) if b.complete), None)


def verify_files(folder: str | Path, *, supported: int | None = None) -> dict:
    """Manifest present and readable, every listed file present with its checksum, no newer
    schema than the code knows. Returns the manifest."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    for name, entry in sorted(manifest["files"].items()):
        path = folder / name
        if not path.is_file():
            raise StorageError("backup.file_missing", file=name)
        if sha256_file(path) != entry["sha256"]:
            raise StorageError("backup.checksum_mismatch", file=name)
    for required in ("schema.sql", "load.sql"):
        if required not in manifest["files"]:
            raise StorageError("backup.file_missing", file=required)
    supported = latest_schema_version() if supported is None else supported
    if int(manifest["schema_version"]) > supported:
        raise StorageError(
            "backup.schema_too_new", found=int(manifest["schema_version"]), supported=supported
        )
    return manifest


def import_into(folder: str | Path, target: Path, manifest: dict) -> None:
    """Import the backup into the NEW DuckDB file ``target`` and check every table's row count
    against the manifest. The caller removes ``target`` if this raises."""
    folder = Path(folder).resolve()
    connection = duckdb.connect(str(target))
    try:
        try:
            connection.execute(f"IMPORT DATABASE '{_sql_path(folder)}'")
        except duckdb.Error as error:
            raise StorageError("backup.import_failed", detail=str(error)[:300]) from error
        found = _table_counts(connection)
        expected = {k: int(v) for k, v in manifest["tables"].items()}
        for table in sorted(set(expected) | set(found)):
            if found.get(table) != expected.get(table):
                raise StorageError(
                    "backup.row_count_mismatch",
                    table=table,
                    expected=expected.get(table, 0),
                    found=found.get(table, 0),
                )
        connection.execute("CHECKPOINT")
    finally:
        connection.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def verify_backup(folder: str | Path, *, deep: bool = True, supported: int | None = None) -> dict:
    """Check a backup without touching any database: files and checksums, schema version, and
    (``deep``) that it imports into a temporary DuckDB file with the manifest's row counts."""
    manifest = verify_files(folder, supported=supported)
    if deep:
        scratch = Path(tempfile.mkdtemp(prefix=".verify-", dir=Path(folder).resolve().parent))
        try:
            import_into(folder, scratch / "verify.duckdb", manifest)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return manifest


# -- taking backups -----------------------------------------------------------------------------


def backup_policy(db: Database) -> tuple[int, int]:
    """(backups to keep, hours between scheduled backups) from the settings."""
    with db.read() as cur:
        keep = settings.get(cur, KEEP_SETTING, DEFAULT_KEEP)
        interval = settings.get(cur, INTERVAL_SETTING, DEFAULT_INTERVAL_HOURS)
    return int(keep), int(interval)


def _free_bytes(path: Path) -> int:
    return shutil.disk_usage(path).free


def _new_folder(root: Path, now: datetime) -> Path:
    base = now.strftime("%Y%m%d-%H%M%S")
    candidate, n = root / base, 1
    while candidate.exists():
        n += 1
        candidate = root / f"{base}-{n}"
    return candidate


def take_backup(
    db: Database,
    now: datetime,
    *,
    by: str = "system",
    reason: str = "manual",
    root: str | Path | None = None,
    keep: int | None = None,
    min_free_bytes: int | None = None,
) -> BackupInfo:
    """Export the open database to a new dated folder, write its manifest last, audit it and
    keep the newest ``keep`` backups. No permission check (the schedule and the CLI use it);
    people go through ``run_backup``."""
    from core.reliability.diskguard import min_free_bytes as default_min_free

    root = Path(root) if root is not None else backup_root(db.path)
    if keep is None:
        keep = backup_policy(db)[0]
    minimum = default_min_free() if min_free_bytes is None else min_free_bytes
    with _BACKUP_LOCK:
        root.mkdir(parents=True, exist_ok=True)
        needed = database_bytes(db.path) + BACKUP_HEADROOM_BYTES
        free = _free_bytes(root)
        if free - needed < minimum:
            raise StorageError(
                "backup.disk_full", free_mb=free // 2**20, needed_mb=(needed + minimum) // 2**20
            )
        target = _new_folder(root, now)
        cur = db.connection.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            try:
                schema = cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
                counts = _table_counts(cur)
                cur.execute(f"EXPORT DATABASE '{_sql_path(target.resolve())}' (FORMAT parquet)")
            finally:
                try:
                    cur.execute("COMMIT")
                except duckdb.Error:
                    pass
            files = {}
            for path in sorted(target.iterdir()):
                if path.is_file():
                    files[path.name] = {"sha256": sha256_file(path, sync=True), "bytes": path.stat().st_size}
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "database": db.path.name,
                "schema_version": int(schema),
                "created_at": now.isoformat(),
                "created_by": by,
                "reason": reason,
                "duckdb_version": duckdb.__version__,
                "tables": counts,
                "files": files,
            }
            partial = target / (MANIFEST + ".tmp")
            with open(partial, "w", encoding="utf-8") as handle:
                json.dump(manifest, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, target / MANIFEST)
            _fsync_dir(target)
            _fsync_dir(root)
        except (duckdb.Error, OSError) as error:
            shutil.rmtree(target, ignore_errors=True)
            log.error("backup failed: %s", error)
            raise StorageError("backup.failed", detail=str(error)[:200]) from error
        finally:
            cur.close()
        info = BackupInfo(
            path=target,
            name=target.name,
            complete=True,
            created_at=now,
            schema_version=int(schema),
            database=db.path.name,
            tables=counts,
            size_bytes=sum(e["bytes"] for e in files.values()),
        )
        removed = prune(root, db.path.name, keep)
    db.write(
        lambda c: audit.record(
            c,
            actor=by,
            action="backup.create",
            entity="backup",
            entity_id=target.name,
            at=now,
            detail={
                "reason": reason,
                "tables": len(counts),
                "rows": info.rows,
                "bytes": info.size_bytes,
                "schema_version": int(schema),
                "pruned": [p.name for p in removed],
            },
        )
    )
    return info


def prune(root: str | Path, database: str, keep: int) -> list[Path]:
    """Delete this database's complete backups beyond the newest ``keep``, and unfinished
    folders older than the newest complete one. Returns the folders removed."""
    keep = max(1, int(keep))
    backups = list_backups(root, database)
    complete = [b for b in backups if b.complete]
    removed = []
    doomed = complete[keep:]
    if complete:
        doomed += [b for b in backups if not b.complete and b.name < complete[0].name]
    for backup in doomed:
        if NAME_PATTERN.match(backup.path.name) and backup.path.parent == Path(root):
            shutil.rmtree(backup.path, ignore_errors=True)
            removed.append(backup.path)
    return removed


def run_backup(db: Database, actor: Actor, now: datetime, *, root: str | Path | None = None) -> BackupInfo:
    """The admin's "back up now" (permission ``backup.run``)."""
    require(actor.roles, "backup.run")
    return take_backup(db, now, by=actor.username, reason="manual", root=root)


def check_backup(actor: Actor, folder: str | Path) -> dict:
    """The admin's "verify backup": the deep check of ``verify_backup`` (permission ``backup.run``)."""
    require(actor.roles, "backup.run")
    return verify_backup(folder, deep=True)


def set_backup_policy(db: Database, actor: Actor, now: datetime, *, keep: int, interval_hours: int) -> None:
    """Store how many backups to keep and the hours between scheduled backups (audited)."""
    require(actor.roles, "backup.run")
    if not 1 <= int(keep) <= 365:
        raise ValidationError("backup.keep_invalid")
    if not 1 <= int(interval_hours) <= 168:
        raise ValidationError("backup.interval_invalid")

    def work(cur):
        settings.put(cur, KEEP_SETTING, int(keep), actor=actor, now=now)
        settings.put(cur, INTERVAL_SETTING, int(interval_hours), actor=actor, now=now)

    db.write(work)
