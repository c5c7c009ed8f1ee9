"""The restore drill at full size: back up, change, restore, compare every row of every table.

    python -m benchmarks.restore_drill [--years 10] [--scale 20]

Builds a demo database (``core.demo``, ``--years`` fiscal years at ``--scale``), backs it up
from an open ``Database`` while a thread keeps writing, changes data, restores the backup
(with the app stopped), and compares every table, row by row, with the backup moment. Prints
sizes and timings; exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import duckdb

from core import areas, bootstrap
from core.reliability import backup as backups
from core.reliability.restore import restore

NOW = datetime(2026, 11, 24, 10, 0)


def table_digests(path: Path, *, skip_actions: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
    """(rows, digest of all rows in order) per table, computed inside DuckDB."""
    connection = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
            ).fetchall()
        ]
        found = {}
        for name in names:
            where = ""
            if name == "audit_log" and skip_actions:
                where = "WHERE action NOT IN (" + ", ".join(f"'{a}'" for a in skip_actions) + ")"
            rows = connection.execute(f'SELECT * FROM "{name}" {where} ORDER BY ALL').fetchall()
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            found[name] = (len(rows), digest)
        return found
    finally:
        connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--scale", type=int, default=20)
    parser.add_argument(
        "--audit-rows",
        type=int,
        default=1_000_000,
        help="bulk audit_log rows added for volume (the areas' demo data adds more)",
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="pattana-drill-"))
    path = folder / "drill.duckdb"
    started = time.perf_counter()
    db = bootstrap.open_database(path, demo=False)
    areas.seed_demo(db, now=NOW, years=args.years, scale=args.scale)
    if args.audit_rows:
        import pandas as pd

        frame = pd.DataFrame({"n": range(args.audit_rows)})

        def bulk(cur):
            cur.register("bulk", frame)
            cur.execute(
                "INSERT INTO audit_log (at_time, actor, action, entity, entity_id, detail_json)"
                " SELECT TIMESTAMP '2020-01-01' + to_seconds(n * 60), 'staff', 'bulk.write',"
                " 'ticket', CAST(n AS VARCHAR), '{\"note\": \"ข้อความทดสอบ ' || n || '\"}' FROM bulk"
            )

        db.write(bulk)
    db.connection.execute("CHECKPOINT")
    print(
        f"demo database: {args.years} years x scale {args.scale} + {args.audit_rows:,} audit rows, "
        f"{backups.database_bytes(path) / 2**20:.1f} MB in {time.perf_counter() - started:.1f} s"
    )

    stop = threading.Event()
    writes = [0]

    def writer():
        while not stop.is_set():
            db.write(
                lambda cur: cur.execute(
                    "INSERT INTO audit_log (at_time, actor, action, entity) VALUES (?, 'drill', 'drill.write', 'x')",
                    [NOW],
                )
            )
            writes[0] += 1

    thread = threading.Thread(target=writer)
    thread.start()
    started = time.perf_counter()
    try:
        info = backups.take_backup(db, NOW, root=folder / "backups", keep=3)
    finally:
        stop.set()
        thread.join()
    print(
        f"backup: {info.rows} rows in {len(info.tables)} tables, {info.size_bytes / 2**20:.1f} MB of "
        f"Parquet in {time.perf_counter() - started:.2f} s while {writes[0]} writes went through"
    )
    db.close()
    at_backup = table_digests(path, skip_actions=("backup.create",))
    # the moment of the backup = the manifest's counts; writes committed after it are extra
    db = bootstrap.open_database(path, demo=False)
    db.write(lambda cur: cur.execute("DELETE FROM user_roles"))
    db.write(lambda cur: cur.execute("UPDATE users SET full_name = 'changed'"))
    db.close()
    started = time.perf_counter()
    result = restore(path, info.path, NOW, actor="drill")
    print(
        f"restore (verify + import + swap): {time.perf_counter() - started:.2f} s; old file kept as {result.aside.name}"
    )
    after = table_digests(path, skip_actions=("backup.restore",))
    expected = {k: v for k, v in at_backup.items()}
    differences = []
    for table in sorted(set(expected) | set(after)):
        rows_now = after.get(table, (0, ""))[0]
        if table == "audit_log":
            # the live table also held the writer's commits after the backup's snapshot
            if rows_now != info.tables["audit_log"]:
                differences.append(f"audit_log: {rows_now} rows, backup had {info.tables['audit_log']}")
            continue
        if after.get(table) != expected.get(table):
            differences.append(f"{table}: {after.get(table)} != {expected.get(table)}")
    for table, (rows, _d) in sorted(after.items()):
        print(
            f"  {table:28s} {rows:>10,d} rows {'OK' if not any(d.startswith(table + ':') for d in differences) else 'DIFFERENT'}"
        )
    shutil.rmtree(folder, ignore_errors=True)
    if differences:
        print("FAILED:", *differences, sep="\n  ")
        return 1
    print("OK: every table equals the backup moment")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
