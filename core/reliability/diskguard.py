"""Disk-full protection: refuse a write, with a clear message, before the disk runs out.

DuckDB that hits a full disk while writing its WAL or checkpointing fails the write (and may
invalidate the open database until restart). Refusing earlier is kinder: ``install_guards(db)``
registers a guard that ``Database.unit_of_work`` calls before every write; below the threshold
the write raises ``StorageError("storage.disk_full")`` and nothing was changed. The threshold
is ``PATTANA_MIN_FREE_MB`` (default 200 MB) or the value given.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from core.db import Database
from core.errors import StorageError

DEFAULT_MIN_FREE_MB = 200


def min_free_bytes() -> int:
    """The free space below which writes are refused (``PATTANA_MIN_FREE_MB``, default 200)."""
    try:
        mb = int(os.environ.get("PATTANA_MIN_FREE_MB", DEFAULT_MIN_FREE_MB))
    except ValueError:
        mb = DEFAULT_MIN_FREE_MB
    return max(0, mb) * 2**20


def check_free_space(folder: Path, minimum: int) -> None:
    """Raise ``storage.disk_full`` when ``folder``'s file system has less than ``minimum`` free."""
    free = shutil.disk_usage(folder).free
    if free < minimum:
        raise StorageError("storage.disk_full", free_mb=free // 2**20, needed_mb=minimum // 2**20)


class DiskGuard:
    """The write guard: a callable with no arguments, registered in ``db.write_guards``."""

    def __init__(self, db: Database, minimum: int):
        self.folder = db.path.resolve().parent
        self.minimum = minimum

    def __call__(self) -> None:
        check_free_space(self.folder, self.minimum)


def install_guards(db: Database, *, min_free: int | None = None) -> DiskGuard:
    """Register the disk guard on ``db`` (once: calling again updates the threshold)."""
    minimum = min_free_bytes() if min_free is None else int(min_free)
    for guard in db.write_guards:
        if isinstance(guard, DiskGuard):
            guard.minimum = minimum
            return guard
    guard = DiskGuard(db, minimum)
    db.write_guards.append(guard)
    return guard
