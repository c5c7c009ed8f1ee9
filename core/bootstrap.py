"""Opening Pattana's database: migrate, load every area, seed demo data on a new file.

``AREA_MODULES`` lists the modules whose import registers an area's home-page provider and
demo seeder; each area adds its line.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from core.clock import now as clock_now
from core.db import Database

AREA_MODULES: list[str] = []


def load_areas() -> None:
    for name in AREA_MODULES:
        importlib.import_module(name)


def open_database(path: str | Path, *, demo: bool, demo_years: int = 3, demo_scale: int = 1) -> Database:
    """Open (creating if needed) and migrate the database; seed demo data only if it is new."""
    load_areas()
    db = Database(path)
    was_new = db.schema_version() == 0
    db.migrate()
    if was_new and demo:
        from core import demo as demo_data

        demo_data.seed(db, now=clock_now(), years=demo_years, scale=demo_scale)
    return db
