"""Opening Pattana's database: migrate, and seed demo data on a new file (the areas of
``core.areas``)."""

from __future__ import annotations

from pathlib import Path

from core import areas, demo
from core.clock import now as clock_now
from core.db import Database
from core.reliability.backup import backup_root
from core.security.storage import owner_only


def open_database(
    path: str | Path,
    *,
    demo: bool,
    demo_years: int = 3,
    demo_scale: int = 1,
    demo_area_scales: dict[str, int] | None = None,
) -> Database:
    """Open (creating if needed) and migrate the database; seed demo data only if it is new."""
    owner_only(path, backup_root(path))  # the file, its backups and everything created later: owner-only
    db = Database(path)
    was_new = db.schema_version() == 0
    db.migrate()
    if was_new and demo:
        areas.seed_demo(db, now=clock_now(), years=demo_years, scale=demo_scale, area_scales=demo_area_scales)
    return db


def has_demo_data(db: Database) -> bool:
    """Whether this database holds the demo town (whose passwords the README prints)."""
    with db.read() as cur:
        return demo.has_demo_data(cur)
