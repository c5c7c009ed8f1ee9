"""Backup and restore commands for a STOPPED app (DuckDB allows one process per file).

    python -m core.reliability.cli backup  --db PATH [--to ROOT]   back up a stopped app's file
    python -m core.reliability.cli verify  DIR                     check a backup (files,
                                                                   checksums, schema, import)
    python -m core.reliability.cli restore --db PATH --from DIR    replace the database by a backup
    python -m core.reliability.cli list    --db PATH               the backups of that database

While the app runs, back up from its admin page (สำรองข้อมูลและสถานะระบบ) instead. Messages
follow ``PATTANA_LANG`` (th by default); a refusal exits with status 2 and changes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from core import clock, config
from core.db import Database
from core.errors import DomainError
from core.i18n import t
from core.reliability import backup as backups
from core.reliability.restore import restore


def _db_path(value: str | None) -> Path:
    return Path(value).resolve() if value else config.load().db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m core.reliability.cli", description="Pattana backups and restores"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    take = sub.add_parser("backup", help="back up a stopped app's database")
    take.add_argument("--db")
    take.add_argument("--to", help="backup root folder (default: <db folder>/backups)")
    check = sub.add_parser("verify", help="verify a backup folder")
    check.add_argument("folder")
    back = sub.add_parser("restore", help="restore a backup (app stopped)")
    back.add_argument("--db")
    back.add_argument("--from", dest="source", required=True)
    listing = sub.add_parser("list", help="list backups")
    listing.add_argument("--db")
    args = parser.parse_args(argv)
    lang = os.environ.get("PATTANA_LANG", "th")
    now = clock.now()
    try:
        if args.command == "backup":
            path = _db_path(args.db)
            db = Database(path)
            try:
                info = backups.take_backup(db, now, by="cli", reason="cli", root=args.to)
            finally:
                db.close()
            print(t("backup.done", lang, name=str(info.path), tables=len(info.tables), rows=info.rows))
        elif args.command == "verify":
            manifest = backups.verify_backup(args.folder, deep=True)
            print(t("backup.verified", lang, name=args.folder, tables=len(manifest["tables"])))
        elif args.command == "restore":
            result = restore(_db_path(args.db), args.source, now, actor="cli")
            print(t("restore.done", lang, name=str(result.restored_from), aside=str(result.aside)))
        elif args.command == "list":
            path = _db_path(args.db)
            for info in backups.list_backups(backups.backup_root(path), path.name):
                state = "ok" if info.complete else "INCOMPLETE"
                print(f"{info.name}\t{state}\tschema={info.schema_version}\trows={info.rows}\t{info.path}")
    except DomainError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
