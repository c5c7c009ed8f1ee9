"""Reliability on the home page: the administrator is told when backups fall behind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from core import mywork
from core.actor import Actor
from core.i18n import t
from core.permissions import can
from core.reliability import backup as backups
from core.reliability.health import BACKUP_MAX_AGE


def _database_file(cur: duckdb.DuckDBPyConnection) -> Path | None:
    row = cur.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(row[0]) if row and row[0] else None


def backup_overdue(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """One item for whoever may run backups when there is no backup or the last is over a day old."""
    if not can(actor.roles, "backup.run"):
        return []
    path = _database_file(cur)
    if path is None:
        return []
    last = backups.last_complete_backup(backups.backup_root(path), path.name)
    if last is not None and last.created_at is not None and now - last.created_at <= BACKUP_MAX_AGE:
        return []
    if last is None or last.created_at is None:
        title = t("health.warn.no_backup", lang)
        due = None
    else:
        hours = int((now - last.created_at).total_seconds() // 3600)
        title = t("health.warn.backup_old", lang, hours=hours)
        due = last.created_at + BACKUP_MAX_AGE
    return [
        mywork.WorkItem(area="page.admin_health", title=title, page="admin_health", due=due, overdue=True)
    ]


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = backup_overdue
SEED = None
