"""Restoring a backup, while the app is stopped, without ever losing the current database.

Order of the steps (any refusal leaves the current database exactly as it was):

1. refuse while the app serves: a fresh ``<db>.serving`` heartbeat of a live process, or
   DuckDB's file lock (the running app holds it; opening the file fails);
2. hold the current file open ourselves (so nobody starts the app meanwhile);
3. check the backup: manifest, every checksum, schema version not newer than the code;
4. check there is room on the disk for the new file beside the old one;
5. import the backup into a NEW temporary DuckDB file beside the database and compare every
   table's row count with the manifest;
6. checkpoint and close the current file, move it aside as ``<db>.before-restore-<stamp>``
   (with its WAL, if any), move the new file into place; record the restore in the audit log.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from core import audit
from core.db import Database
from core.errors import StorageError
from core.reliability import backup as backups
from core.reliability.diskguard import min_free_bytes
from core.reliability.scheduler import marker_path, serving_age

RESTORE_HEADROOM_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    aside: Path | None  # where the previous database was moved (None if there was none)
    schema_version: int
    tables: dict[str, int]


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _hold_current(db_path: Path) -> duckdb.DuckDBPyConnection | None:
    """Open the current file exclusively (refusing if the app holds it); None if absent."""
    if not db_path.exists():
        return None
    try:
        return duckdb.connect(str(db_path))
    except duckdb.Error as error:
        text = str(error).lower()
        if "lock" in text or "conflicting" in text:
            raise StorageError("restore.app_running", path=str(db_path)) from error
        raise StorageError("storage.corrupt", path=str(db_path), detail=str(error)[:200]) from error


def refuse_if_serving(db_path: Path) -> None:
    age = serving_age(db_path)
    if age is not None:
        raise StorageError("restore.app_serving", seconds=int(age), marker=str(marker_path(db_path)))


def restore(
    db_path: str | Path, folder: str | Path, now: datetime, *, actor: str = "cli", min_free: int | None = None
) -> RestoreResult:
    """Replace the database at ``db_path`` by the backup in ``folder`` (see the module doc)."""
    db_path = Path(db_path).resolve()
    folder = Path(folder).resolve()
    refuse_if_serving(db_path)
    held = _hold_current(db_path)
    scratch: Path | None = None
    try:
        manifest = backups.verify_files(folder)
        backup_bytes = sum(int(e.get("bytes", 0)) for e in manifest["files"].values())
        needed = (
            max(3 * backup_bytes, backup_bytes + backups.database_bytes(db_path)) + RESTORE_HEADROOM_BYTES
        )
        minimum = min_free_bytes() if min_free is None else min_free
        db_path.parent.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(db_path.parent).free
        if free - needed < minimum:
            raise StorageError(
                "restore.disk_full", free_mb=free // 2**20, needed_mb=(needed + minimum) // 2**20
            )
        stamp = now.strftime("%Y%m%d-%H%M%S")
        scratch = db_path.with_name(f"{db_path.name}.restore-{stamp}")
        for leftover in (scratch, _wal(scratch)):
            leftover.unlink(missing_ok=True)
        try:
            backups.import_into(folder, scratch, manifest)
        except OSError as error:
            raise StorageError("backup.import_failed", detail=str(error)[:200]) from error
        aside = None
        if held is not None:
            held.execute("CHECKPOINT")
            held.close()
            held = None
            aside = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
            os.replace(db_path, aside)
            if _wal(db_path).exists():
                os.replace(_wal(db_path), _wal(aside))
        try:
            os.replace(scratch, db_path)
        except OSError:
            if aside is not None:
                os.replace(aside, db_path)
            raise
        scratch = None
    finally:
        if held is not None:
            held.close()
        if scratch is not None:
            for leftover in (scratch, _wal(scratch)):
                leftover.unlink(missing_ok=True)
    restored = Database(db_path)
    try:
        restored.write(
            lambda cur: audit.record(
                cur,
                actor=actor,
                action="backup.restore",
                entity="backup",
                entity_id=folder.name,
                at=now,
                detail={
                    "from": str(folder),
                    "aside": str(aside) if aside else None,
                    "schema_version": int(manifest["schema_version"]),
                },
            )
        )
        from core.reliability import retention as pdpa

        pdpa.reapply_after_restore(restored, now)  # purged answers never come back
    finally:
        restored.close()
    return RestoreResult(
        restored_from=folder,
        aside=aside,
        schema_version=int(manifest["schema_version"]),
        tables={k: int(v) for k, v in manifest["tables"].items()},
    )
