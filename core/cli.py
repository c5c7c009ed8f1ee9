"""Maintenance commands, run while the app is stopped (DuckDB allows one process per file).

    python -m core.cli init-db [--db PATH]                   create and migrate an empty database
    python -m core.cli create-admin --username NAME --full-name "ชื่อ"  [--db PATH]
                                                             the first administrator of a new
                                                             database (password asked, or read
                                                             from PATTANA_ADMIN_PASSWORD)
    python -m core.cli recover-admin --username NAME [--db PATH]
                                                             the way back in for a locked-out
                                                             administrator: new password (asked,
                                                             or PATTANA_ADMIN_PASSWORD), account
                                                             re-enabled, admin role, throttles
                                                             lifted, sessions ended; audited
    python -m core.cli demo --db PATH [--years N] [--scale N]  build a demo database (new file only)
    python -m core.cli schema-version [--db PATH]

``--db`` defaults to ``PATTANA_DB`` or ``data/pattana-demo.duckdb``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from core import bootstrap, clock, config
from core.db import Database, latest_schema_version
from core.errors import DomainError


def _db_path(value: str | None) -> Path:
    return Path(value).resolve() if value else config.load().db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.cli", description="Pattana maintenance")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("init-db", "schema-version"):
        sub.add_parser(name).add_argument("--db")
    admin = sub.add_parser("create-admin")
    admin.add_argument("--db")
    admin.add_argument("--username", required=True)
    admin.add_argument("--full-name", required=True)
    recover = sub.add_parser("recover-admin")
    recover.add_argument("--db")
    recover.add_argument("--username", required=True)
    demo = sub.add_parser("demo")
    demo.add_argument("--db", required=True)
    demo.add_argument("--years", type=int, default=3)
    demo.add_argument("--scale", type=int, default=1)
    demo.add_argument(
        "--area-scale",
        action="append",
        default=[],
        metavar="AREA=K",
        help="volume multiplier of one area, e.g. tickets=34 (repeatable)",
    )
    lang = os.environ.get("PATTANA_LANG", "th")
    args = parser.parse_args(argv)
    path = _db_path(args.db)
    try:
        if args.command == "init-db":
            db = bootstrap.open_database(path, demo=False)
            print(f"schema {db.schema_version()} at {path}")
        elif args.command == "schema-version":
            db = Database(path, read_only=True)
            print(f"{db.schema_version()} (this program: {latest_schema_version()})")
        elif args.command == "create-admin":
            password = os.environ.get("PATTANA_ADMIN_PASSWORD") or getpass.getpass("Password: ")
            db = bootstrap.open_database(path, demo=False)
            from core.users import create_first_admin

            create_first_admin(
                db, clock.now(), username=args.username, full_name=args.full_name, password=password
            )
            print(f"administrator {args.username} created in {path}")
        elif args.command == "recover-admin":
            if not path.exists():
                print(f"{path} does not exist", file=sys.stderr)
                return 2
            password = os.environ.get("PATTANA_ADMIN_PASSWORD") or getpass.getpass("New password: ")
            db = bootstrap.open_database(path, demo=False)
            from core.users import recover_admin

            recover_admin(db, clock.now(), username=args.username, password=password)
            print(f"administrator {args.username} recovered in {path}")
        elif args.command == "demo":
            if path.exists():
                print(f"{path} exists; the demo generator only writes new files", file=sys.stderr)
                return 2
            area_scales = {
                name: int(value) for name, value in (item.split("=", 1) for item in args.area_scale)
            }
            db = bootstrap.open_database(
                path, demo=True, demo_years=args.years, demo_scale=args.scale, demo_area_scales=area_scales
            )
            print(f"demo database at {path}")
    except DomainError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
