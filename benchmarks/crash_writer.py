"""The process the crash test kills: a burst of writes through ``Database.write``.

    python -m benchmarks.crash_writer DB RUN_ID COUNT

Each write is ONE transaction inserting three rows: two audit_log entries and one setting, all
marked with ``RUN_ID-i``. After each commit it prints ``ACK i`` (flushed), so every printed
line is a write the process acknowledged.
"""

from __future__ import annotations

import sys
from datetime import datetime

from core.bootstrap import open_database


def main(path: str, run_id: str, count: int) -> None:
    db = open_database(path, demo=False)
    stamp = datetime(2026, 11, 24, 10, 0)
    print("READY", flush=True)
    for i in range(count):
        marker = f"{run_id}-{i}"

        def work(cur, marker=marker):
            for half in ("crash.first", "crash.second"):
                cur.execute(
                    "INSERT INTO audit_log (at_time, actor, action, entity, entity_id, detail_json)"
                    " VALUES (?, 'crash', ?, 'crash', ?, ?)",
                    [stamp, half, marker, '{"pad": "' + "x" * 200 + '"}'],
                )
            cur.execute(
                "INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, '1', ?, 'crash')",
                [f"crash.{marker}", stamp],
            )

        db.write(work)
        print(f"ACK {i}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
