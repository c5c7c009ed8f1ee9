"""PDPA duties the system does itself: the retention purge on a schedule, no purged data kept in
old backups, and none brought back by a restore.

``run_retention(db, now)`` purges the raw survey answers whose retention period is over (the
surveys area's ``purge_expired``, as the system), forgets idle sign-in throttles and old
sessions (they hold client addresses), and deletes the backups older than the retention window (they were taken before the purge and still hold those answers). The
scheduler runs it once a day; ``reapply_after_restore`` runs the same purge on a database just
restored from a backup, so a restore never brings purged answers back. Both are audited.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from core import audit
from core.actor import Actor
from core.db import Database
from core.permissions import ADMIN

SYSTEM = Actor(user_id=0, username="system", full_name="ระบบ (งานตามกำหนดเวลา)", roles=frozenset({ADMIN}))


def _retention_days(db: Database) -> int:
    from core.surveys import services as surveys

    with db.read() as cur:
        return surveys.retention_days(cur)


def old_backups(root: Path, database: str, before: datetime) -> list[Path]:
    from core.reliability import backup

    return [
        b.path
        for b in backup.list_backups(root, database)
        if b.created_at is not None
        and b.created_at < before
        and backup.NAME_PATTERN.match(b.path.name)
        and b.path.parent == Path(root)
    ]


def run_retention(db: Database, now: datetime, *, root: Path | None = None) -> dict:
    """Purge what the retention period ended and delete backups older than the window."""
    from core.reliability import backup
    from core.security.services import forget_stale
    from core.surveys import services as surveys

    purged = surveys.purge_expired(db, SYSTEM, now)
    forget_stale(db, now)
    days = _retention_days(db)
    root = Path(root) if root is not None else backup.backup_root(db.path)
    doomed = old_backups(root, db.path.name, now - timedelta(days=days)) if root.exists() else []
    for folder in doomed:
        shutil.rmtree(folder, ignore_errors=True)
    if doomed:
        db.write(
            lambda cur: audit.record(
                cur,
                actor=SYSTEM.username,
                action="backup.retention_delete",
                entity="backup",
                entity_id=None,
                at=now,
                detail={"retention_days": days, "deleted": [p.name for p in doomed]},
            )
        )
    return {"purged": purged, "backups_deleted": [p.name for p in doomed]}


def reapply_after_restore(db: Database, now: datetime) -> list[str]:
    """The purge, run again on a freshly restored database (audited as ``survey.purge``)."""
    from core.security.repository import has_table
    from core.surveys import services as surveys

    with db.read() as cur:
        has_surveys = has_table(cur, "survey_responses")
    return surveys.purge_expired(db, SYSTEM, now) if has_surveys else []
