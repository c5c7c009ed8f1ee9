"""The health report of the admin page: sizes, schema, disk, the last backup, and warnings."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from core.db import Database, latest_schema_version
from core.reliability import backup as backups
from core.reliability.diskguard import min_free_bytes

BACKUP_MAX_AGE = timedelta(days=1)


@dataclass(frozen=True)
class Warning_:
    key: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Health:
    db_path: Path
    db_bytes: int
    wal_bytes: int
    schema_version: int
    latest_schema: int
    disk_free: int
    disk_total: int
    min_free: int
    backup_root: Path
    last_backup: backups.BackupInfo | None
    backup_age: timedelta | None
    warnings: list[Warning_]


def disk_nearly_full(free: int, total: int, minimum: int) -> bool:
    """Nearly full: under three times the write-refusal threshold, or under 5% of the disk."""
    return free < 3 * minimum or (total > 0 and free < total * 0.05)


def warnings_for(
    *,
    now: datetime,
    last_backup_at: datetime | None,
    disk_free: int,
    disk_total: int,
    minimum: int,
    schedule_error: str | None = None,
) -> list[Warning_]:
    """The warnings of the page, from plain values (a pure rule)."""
    found = []
    if last_backup_at is None:
        found.append(Warning_("health.warn.no_backup"))
    elif now - last_backup_at > BACKUP_MAX_AGE:
        hours = int((now - last_backup_at).total_seconds() // 3600)
        found.append(Warning_("health.warn.backup_old", {"hours": hours}))
    if disk_nearly_full(disk_free, disk_total, minimum):
        found.append(
            Warning_("health.warn.disk_low", {"free_mb": disk_free // 2**20, "min_mb": minimum // 2**20})
        )
    if schedule_error:
        found.append(Warning_("health.warn.schedule_error", {"message": schedule_error}))
    return found


def health_report(db: Database, now: datetime, *, schedule_error: str | None = None) -> Health:
    path = db.path.resolve()
    wal = path.with_name(path.name + ".wal")
    root = backups.backup_root(path)
    usage = shutil.disk_usage(path.parent)
    last = backups.last_complete_backup(root, path.name)
    minimum = min_free_bytes()
    last_at = last.created_at if last else None
    return Health(
        db_path=path,
        db_bytes=path.stat().st_size if path.exists() else 0,
        wal_bytes=wal.stat().st_size if wal.exists() else 0,
        schema_version=db.schema_version(),
        latest_schema=latest_schema_version(),
        disk_free=usage.free,
        disk_total=usage.total,
        min_free=minimum,
        backup_root=root,
        last_backup=last,
        backup_age=(now - last_at) if last_at else None,
        warnings=warnings_for(
            now=now,
            last_backup_at=last_at,
            disk_free=usage.free,
            disk_total=usage.total,
            minimum=minimum,
            schedule_error=schedule_error,
        ),
    )


def human_bytes(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
