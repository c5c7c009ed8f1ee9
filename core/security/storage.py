"""Files that hold personal data are the owner's only (PDPA: secure what you keep).

``owner_only(db_path, backup_root)`` sets the process's umask to 077, so everything the process creates from
then on (the database and its WAL, backup folders and their Parquet files, the serving marker,
the cookie key, restore scratch files, log files) is readable by the service account alone, and
tightens what already exists beside the database: the file, its WAL and key to 0600, the backup
folder tree to 0700/0600. Called whenever a database is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def _chmod(path: Path, mode: int) -> None:
    try:
        if path.exists() and stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass  # not ours to change (e.g. a read-only mount): opening still works


def owner_only(db_path: str | Path, backup_root: Path | None = None) -> None:
    os.umask(0o077)
    path = Path(db_path).resolve()
    for sibling in (
        path,
        path.with_name(path.name + ".wal"),
        path.with_name(path.name + ".cookie-key"),
        path.with_name(path.name + ".serving"),
    ):
        _chmod(sibling, FILE_MODE)
    root = backup_root
    if root is not None and root.exists():
        _chmod(root, DIR_MODE)
        for folder, dirs, files in os.walk(root):
            for name in dirs:
                _chmod(Path(folder) / name, DIR_MODE)
            for name in files:
                _chmod(Path(folder) / name, FILE_MODE)
