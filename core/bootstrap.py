"""Opening Pattana's database: migrate, load every area, seed demo data on a new file.

An area is a subpackage of ``core`` with a module ``area.py``; importing it registers the
area's home-page provider (``core.mywork.register``) and demo seeder (``core.demo.register``).
``load_areas`` imports every such module, so adding an area touches no shared file.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import core
from core.clock import now as clock_now
from core.db import Database


def area_modules() -> list[str]:
    names = []
    for info in pkgutil.iter_modules(core.__path__):
        if info.ispkg and (Path(core.__path__[0]) / info.name / "area.py").exists():
            names.append(f"core.{info.name}.area")
    return sorted(names)


def load_areas() -> None:
    for name in area_modules():
        importlib.import_module(name)


def open_database(path: str | Path, *, demo: bool, demo_years: int = 3, demo_scale: int = 1,
                  demo_area_scales: dict[str, int] | None = None) -> Database:
    """Open (creating if needed) and migrate the database; seed demo data only if it is new."""
    load_areas()
    from core.security.storage import owner_only

    owner_only(path)   # the file, its backups and everything created later: owner-only
    db = Database(path)
    was_new = db.schema_version() == 0
    db.migrate()
    if was_new and demo:
        from core import demo as demo_data

        demo_data.seed(db, now=clock_now(), years=demo_years, scale=demo_scale,
                       area_scales=demo_area_scales)
    return db
