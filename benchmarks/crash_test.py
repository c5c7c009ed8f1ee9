"""Crash safety: SIGKILL a writing process mid-burst, reopen, compare with what it acknowledged.

    python -m benchmarks.crash_test [--rounds 5] [--writes 5000] [--db PATH]

Each round starts ``benchmarks.crash_writer`` on the database, waits for a random number of
acknowledgements, kills it with SIGKILL, reopens the database (WAL replay) and checks that
every acknowledged write is present with all three of its rows, and that no write is present
in part. Prints acknowledged / present / partial per round; partial and missing must be 0.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class CrashRound:
    acknowledged: int  # writes the killed process printed ACK for
    present: int  # writes found complete after reopening
    partial: int  # writes found with some but not all of their rows (must be 0)
    missing: int  # acknowledged writes not found (must be 0)
    reopen_seconds: float


def crash_round(
    db_path: Path, *, kill_after: int, max_writes: int = 100_000, timeout: float = 20.0
) -> CrashRound:
    from core.bootstrap import open_database

    run_id = uuid.uuid4().hex[:8]
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.crash_writer", str(db_path), run_id, str(max_writes)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        bufsize=1,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    acked: set[int] = set()
    deadline = time.monotonic() + timeout
    try:
        for line in process.stdout:
            if line.startswith("ACK "):
                acked.add(int(line.split()[1]))
                if len(acked) >= kill_after:
                    break
            if time.monotonic() > deadline:
                break
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate(timeout=10)  # acks already in the pipe count too
        acked.update(int(line.split()[1]) for line in rest.splitlines() if line.startswith("ACK "))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    started = time.monotonic()
    db = open_database(db_path, demo=False)
    reopen = time.monotonic() - started
    try:
        with db.read() as cur:
            audit_rows = dict(
                cur.execute(
                    "SELECT entity_id, count(*) FROM audit_log WHERE entity = 'crash' AND entity_id LIKE ?"
                    " GROUP BY ALL",
                    [f"{run_id}-%"],
                ).fetchall()
            )
            setting_rows = {
                k.removeprefix("crash.")
                for (k,) in cur.execute(
                    "SELECT key FROM settings WHERE key LIKE ?", [f"crash.{run_id}-%"]
                ).fetchall()
            }
    finally:
        db.close()
    markers = set(audit_rows) | setting_rows
    complete = {m for m in markers if audit_rows.get(m) == 2 and m in setting_rows}
    missing = {f"{run_id}-{i}" for i in acked} - complete
    return CrashRound(
        acknowledged=len(acked),
        present=len(complete),
        partial=len(markers - complete),
        missing=len(missing),
        reopen_seconds=reopen,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--writes", type=int, default=5000, help="upper bound of acks before the kill")
    parser.add_argument("--db")
    args = parser.parse_args(argv)
    from core.bootstrap import open_database

    folder = Path(tempfile.mkdtemp(prefix="pattana-crash-"))
    db_path = Path(args.db) if args.db else folder / "crash.duckdb"
    open_database(db_path, demo=False).close()
    rng = random.Random(7)
    bad = 0
    for n in range(1, args.rounds + 1):
        result = crash_round(db_path, kill_after=rng.randint(args.writes // 10, args.writes))
        bad += result.partial + result.missing
        print(
            f"round {n}: acknowledged {result.acknowledged}, present {result.present}, "
            f"partial {result.partial}, missing {result.missing}, "
            f"reopen {result.reopen_seconds * 1000:.0f} ms",
            flush=True,
        )
    print("OK: every acknowledged write survived, none half-written" if bad == 0 else "FAILED")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
