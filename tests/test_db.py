import subprocess
import sys
import threading

import duckdb
import pytest

from core import db as store
from core.bootstrap import open_database
from core.errors import StorageError


def test_migrations_are_applied_once_and_recorded(tmp_path):
    database = open_database(tmp_path / "a.duckdb", demo=False)
    version = database.schema_version()
    assert version == store.latest_schema_version()
    assert database.migrate() == []
    with database.read() as cur:
        recorded = [r[0] for r in cur.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    assert recorded == [m.version for m in store.available_migrations()]


def test_a_database_from_a_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "newer.duckdb"
    database = open_database(path, demo=False)
    database.write(lambda cur: cur.execute("INSERT INTO schema_version VALUES (999, 'future', now())"))
    database.close()
    with pytest.raises(StorageError) as raised:
        open_database(path, demo=False)
    assert raised.value.code == "storage.schema_too_new"
    assert "999" in raised.value.message("th")


def test_a_failed_write_leaves_the_database_as_it_was(db):
    def half_then_fail(cur):
        cur.execute("INSERT INTO settings VALUES ('a', '1', now(), 'test')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.write(half_then_fail)
    with db.read() as cur:
        assert cur.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_the_count_of_committed_writes_moves_with_each_commit_and_not_with_a_rollback(db):
    before = db.committed_writes
    db.write(lambda cur: cur.execute("INSERT INTO settings VALUES ('a', '1', now(), 'test')"))
    assert db.committed_writes == before + 1

    def fail(cur):
        cur.execute("INSERT INTO settings VALUES ('b', '1', now(), 'test')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        db.write(fail)
    assert db.committed_writes == before + 1


def test_concurrent_updates_of_one_row_from_many_threads_lose_nothing(db):
    db.write(lambda cur: cur.execute("INSERT INTO settings VALUES ('counter', '0', now(), 't')"))

    def bump(cur):
        value = int(cur.execute("SELECT value_json FROM settings WHERE key = 'counter'").fetchone()[0])
        cur.execute("UPDATE settings SET value_json = ? WHERE key = 'counter'", [str(value + 1)])

    errors = []

    def worker():
        try:
            for _ in range(25):
                db.write(bump)
        except Exception as error:  # pragma: no cover - the assertion below reports it
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.read() as cur:
        assert cur.execute("SELECT value_json FROM settings WHERE key = 'counter'").fetchone()[0] == "200"


def test_a_write_that_conflicts_is_retried(db, monkeypatch):
    attempts = []

    def flaky(cur):
        attempts.append(1)
        if len(attempts) < 3:
            raise duckdb.TransactionException("TransactionContext Error: Conflict on update!")
        cur.execute("INSERT INTO settings VALUES ('x', '1', now(), 't')")
        return "done"

    assert db.write(flaky) == "done"
    assert len(attempts) == 3


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path):
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StorageError) as raised:
        open_database(path, demo=False)
    assert raised.value.code == "storage.corrupt"
    assert "เสียหาย" in raised.value.message("th")


def test_a_database_held_by_another_process_is_reported_as_locked(tmp_path):
    path = tmp_path / "held.duckdb"
    open_database(path, demo=False).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,sys,time; c=duckdb.connect({str(path)!r}); print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StorageError) as raised:
            open_database(path, demo=False)
        assert raised.value.code == "storage.locked"
    finally:
        holder.kill()
        holder.wait()


def test_a_sign_in_does_not_move_the_count_that_cached_figures_are_kept_by(demo_db):
    from core import clock
    from core.security import services as security

    before = demo_db.committed_writes
    security.sign_in_succeeded(demo_db, "executive", "203.0.113.9", clock.now(), 1)
    security.sign_in_failed(demo_db, "executive", "203.0.113.9", clock.now())
    assert demo_db.committed_writes == before


class _CountingCursor:
    """A cursor that counts the statements it runs."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.statements = 0

    def execute(self, sql, parameters=None):
        self.statements += 1
        self.cursor.execute(sql, parameters or [])
        return self

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def test_recorded_reads_answer_a_repeated_read_from_memory_as_the_database_did(demo_db):
    sql = "SELECT username, full_name FROM users WHERE username IN (SELECT unnest(?)) ORDER BY username"
    names = ["itofficer", "ithead", "staff"]
    memo = {}
    with demo_db.read() as cur:
        expected = cur.execute(sql, [names]).fetchall()
        counting = _CountingCursor(cur)
        first = store.RecordedReads(counting, memo)
        assert first.execute(sql, [names]).fetchall() == expected
        again = store.RecordedReads(counting, memo)
        assert again.execute(sql, [list(names)]).fetchone() == expected[0]
        assert again.fetchall() == expected[1:] and again.fetchone() is None
        assert [d[0] for d in again.description] == ["username", "full_name"]
        assert counting.statements == 1
        other = store.RecordedReads(counting, memo).execute(sql, [["staff"]]).fetchall()
        assert other == [row for row in expected if row[0] == "staff"]
        assert counting.statements == 2  # other parameters: another read


def test_recorded_reads_keep_the_latest_results_up_to_their_limit(demo_db):
    memo = {}
    with demo_db.read() as cur:
        reads = store.RecordedReads(cur, memo, limit=2)
        for n in range(5):
            assert reads.execute("SELECT ?::INTEGER + 1", [n]).fetchone() == (n + 1,)
        assert reads.execute("SELECT 41 + 1").df()["(41 + 1)"].tolist() == [42]
    assert len(memo) == 2
    assert [key[2] for key in memo] == [(4,), ()]  # the two latest reads


def test_a_frame_from_recorded_reads_is_a_copy_the_reader_may_change(demo_db):
    memo = {}
    sql = "SELECT username FROM users WHERE username = ?"
    with demo_db.read() as cur:
        first = store.RecordedReads(cur, memo).execute(sql, ["staff"]).df()
        first.loc[0, "username"] = "changed"
        again = store.RecordedReads(cur, memo).execute(sql, ["staff"]).df()
    assert again["username"].tolist() == ["staff"]
