"""Backups from the running app, their manifest and verification, pruning, and the restore drill."""

from __future__ import annotations

import json
import shutil
import threading
import time
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from core import bootstrap
from core.db import Database, latest_schema_version
from core.errors import Forbidden, StorageError, ValidationError
from core.reliability import backup as backups
from core.reliability import restore as restoring
from core.reliability.scheduler import Scheduler, marker_path, write_heartbeat
from tests.conftest import FIXED_NOW, actor_of


def _all_tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, read from a closed database file."""
    connection = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1"
            ).fetchall()
        ]
        return {n: connection.execute(f'SELECT * FROM "{n}" ORDER BY ALL').fetchall() for n in names}
    finally:
        connection.close()


def _add_audit_rows(db: Database, marker: str, n: int = 3) -> None:
    def work(cur):
        for i in range(n):
            cur.execute(
                "INSERT INTO audit_log (at_time, actor, action, entity, entity_id)"
                " VALUES (?, 'test', 'test.write', 'marker', ?)",
                [FIXED_NOW, f"{marker}-{i}"],
            )

    db.write(work)


# -- taking a backup ----------------------------------------------------------------------------


def test_a_backup_is_a_dated_parquet_export_with_its_manifest_written_last(demo_db, tmp_path):
    root = tmp_path / "backups"
    info = backups.take_backup(demo_db, FIXED_NOW, root=root, keep=5)
    assert info.path == root / "20261124-100000"
    manifest = json.loads((info.path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == latest_schema_version()
    assert manifest["duckdb_version"] == duckdb.__version__
    assert manifest["created_at"] == "2026-11-24T10:00:00"
    with demo_db.read() as cur:
        assert manifest["tables"]["users"] == cur.execute("SELECT count(*) FROM users").fetchone()[0]
    parquet = sorted(p.name for p in info.path.glob("*.parquet"))
    assert "users.parquet" in parquet and "audit_log.parquet" in parquet
    assert set(manifest["files"]) == {p.name for p in info.path.iterdir()} - {"manifest.json"}
    assert manifest["files"]["users.parquet"]["sha256"] == backups.sha256_file(info.path / "users.parquet")
    assert not list(info.path.glob("*.tmp"))


def test_a_backup_is_audited(demo_db, tmp_path):
    info = backups.take_backup(demo_db, FIXED_NOW, root=tmp_path / "b", keep=5, by="admin")
    with demo_db.read() as cur:
        row = cur.execute(
            "SELECT actor, entity_id, detail_json FROM audit_log WHERE action = 'backup.create'"
        ).fetchone()
    assert row[0] == "admin" and row[1] == info.name
    assert json.loads(row[2])["rows"] == info.rows


def test_only_an_admin_may_back_up_from_the_page_service(demo_db, tmp_path, monkeypatch):
    monkeypatch.setenv("PATTANA_BACKUP_DIR", str(tmp_path / "b"))
    with pytest.raises(Forbidden):
        backups.run_backup(demo_db, actor_of(demo_db, "ithead"), FIXED_NOW)
    info = backups.run_backup(demo_db, actor_of(demo_db, "admin"), FIXED_NOW)
    assert info.path.parent == tmp_path / "b"


def test_a_backup_taken_while_another_thread_writes_is_one_consistent_moment(demo_db, tmp_path):
    stop = threading.Event()
    written = []

    def writer():
        i = 0
        while not stop.is_set():

            def work(cur, i=i):  # two rows per transaction: a backup must hold both or neither
                for half in ("a", "b"):
                    cur.execute(
                        "INSERT INTO audit_log (at_time, actor, action, entity, entity_id)"
                        " VALUES (?, 'writer', 'test.pair', ?, ?)",
                        [FIXED_NOW, half, str(i)],
                    )

            demo_db.write(work)
            written.append(i)
            i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        info = backups.take_backup(demo_db, FIXED_NOW, root=tmp_path / "b", keep=5)
    finally:
        stop.set()
        thread.join()
    manifest = backups.verify_backup(info.path, deep=True)  # row counts match after import
    pairs = duckdb.sql(
        f"SELECT entity_id, count(*) FROM '{info.path}/audit_log.parquet'"
        " WHERE action = 'test.pair' GROUP BY ALL"
    ).fetchall()
    assert pairs, "the writer had committed before the backup started"
    assert all(n == 2 for _i, n in pairs)
    assert manifest["tables"]["audit_log"] >= 2 * len(pairs)
    with demo_db.read() as cur:  # the writer carried on while the export ran
        total = cur.execute("SELECT count(*) FROM audit_log WHERE action = 'test.pair'").fetchone()[0]
    assert total == 2 * len(written)


def test_only_the_newest_backups_are_kept(demo_db, tmp_path):
    root = tmp_path / "b"
    names = [
        backups.take_backup(demo_db, FIXED_NOW + timedelta(hours=h), root=root, keep=3).name for h in range(5)
    ]
    kept = [b.name for b in backups.list_backups(root, demo_db.path.name)]
    assert kept == sorted(names, reverse=True)[:3]


def test_an_unfinished_backup_folder_is_listed_as_incomplete_and_pruned_later(demo_db, tmp_path):
    root = tmp_path / "b"
    (root / "20261120-020000").mkdir(parents=True)
    (root / "20261120-020000" / "users.parquet").write_bytes(b"half")
    listed = backups.list_backups(root)
    assert [(b.name, b.complete) for b in listed] == [("20261120-020000", False)]
    backups.take_backup(demo_db, FIXED_NOW, root=root, keep=3)
    assert [b.name for b in backups.list_backups(root)] == ["20261124-100000"]


def test_a_backup_refused_for_lack_of_disk_space_leaves_nothing_behind(demo_db, tmp_path, monkeypatch):
    root = tmp_path / "b"
    monkeypatch.setattr(
        backups.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9 - 2**20, 2**20)
    )
    with pytest.raises(StorageError) as refused:
        backups.take_backup(demo_db, FIXED_NOW, root=root, keep=3)
    assert refused.value.code == "backup.disk_full"
    assert "พื้นที่ดิสก์ไม่พอ" in refused.value.message("th")
    assert list(root.iterdir()) == []


def test_the_backup_policy_is_validated_and_audited(demo_db):
    admin = actor_of(demo_db, "admin")
    with pytest.raises(ValidationError):
        backups.set_backup_policy(demo_db, admin, FIXED_NOW, keep=0, interval_hours=12)
    backups.set_backup_policy(demo_db, admin, FIXED_NOW, keep=7, interval_hours=6)
    assert backups.backup_policy(demo_db) == (7, 6)
    with demo_db.read() as cur:
        assert (
            cur.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'settings.change'"
                " AND entity_id LIKE 'reliability.%'"
            ).fetchone()[0]
            == 2
        )


# -- verification -------------------------------------------------------------------------------


@pytest.fixture
def one_backup(demo_db, tmp_path) -> Path:
    return backups.take_backup(demo_db, FIXED_NOW, root=tmp_path / "b", keep=5).path


def test_a_good_backup_verifies_deeply(one_backup):
    manifest = backups.verify_backup(one_backup, deep=True)
    assert manifest["tables"]["users"] > 0
    assert not [p for p in one_backup.parent.iterdir() if p.name.startswith(".verify")]


def test_a_backup_without_manifest_is_refused_as_incomplete(one_backup):
    (one_backup / "manifest.json").unlink()
    with pytest.raises(StorageError) as refused:
        backups.verify_backup(one_backup)
    assert refused.value.code == "backup.no_manifest"


def test_a_garbled_manifest_is_refused(one_backup):
    (one_backup / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StorageError) as refused:
        backups.verify_backup(one_backup)
    assert refused.value.code == "backup.manifest_invalid"


def test_a_truncated_parquet_file_fails_its_checksum(one_backup):
    target = one_backup / "users.parquet"
    target.write_bytes(target.read_bytes()[:100])
    with pytest.raises(StorageError) as refused:
        backups.verify_backup(one_backup)
    assert refused.value.code == "backup.checksum_mismatch"
    assert refused.value.params["file"] == "users.parquet"


def test_a_missing_file_is_named(one_backup):
    (one_backup / "org_units.parquet").unlink()
    with pytest.raises(StorageError) as refused:
        backups.verify_backup(one_backup)
    assert (refused.value.code, refused.value.params["file"]) == ("backup.file_missing", "org_units.parquet")


def test_a_backup_from_a_newer_schema_is_refused(one_backup):
    manifest = json.loads((one_backup / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = latest_schema_version() + 1
    (one_backup / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StorageError) as refused:
        backups.verify_backup(one_backup)
    assert refused.value.code == "backup.schema_too_new"


def test_row_counts_that_disagree_with_the_manifest_are_caught_by_the_import(one_backup):
    manifest = json.loads((one_backup / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["users"] += 1
    (one_backup / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(StorageError) as refused:
        backups.verify_backup(one_backup, deep=True)
    assert refused.value.code == "backup.row_count_mismatch"
    assert refused.value.params["table"] == "users"


# -- restore ------------------------------------------------------------------------------------


def test_the_restore_drill_brings_back_every_row_of_every_table(demo_db, demo_db_path, tmp_path):
    _add_audit_rows(demo_db, "before")
    info = backups.take_backup(demo_db, FIXED_NOW, root=tmp_path / "b", keep=5)
    demo_db.close()
    at_backup = _all_tables(demo_db_path)
    # The audit entry of the backup itself is written after the export: not part of the moment.
    at_backup["audit_log"] = [r for r in at_backup["audit_log"] if r[3] != "backup.create"]

    reopened = bootstrap.open_database(demo_db_path, demo=False)
    _add_audit_rows(reopened, "after")
    reopened.write(lambda cur: cur.execute("DELETE FROM user_roles WHERE role = 'executive'"))
    reopened.write(lambda cur: cur.execute("UPDATE users SET full_name = 'changed'"))
    reopened.close()
    changed = _all_tables(demo_db_path)
    assert changed != at_backup

    result = restoring.restore(demo_db_path, info.path, FIXED_NOW + timedelta(hours=1), actor="drill")
    after = _all_tables(demo_db_path)
    restore_entries = [r for r in after["audit_log"] if r[3] == "backup.restore"]
    assert len(restore_entries) == 1 and restore_entries[0][2] == "drill"
    after["audit_log"] = [r for r in after["audit_log"] if r[3] != "backup.restore"]
    assert after == at_backup
    assert result.aside is not None and _all_tables(result.aside) == changed

    # the restored file works: sequences continue after the restored ids
    db = bootstrap.open_database(demo_db_path, demo=False)
    _add_audit_rows(db, "later", n=1)
    with db.read() as cur:
        assert cur.execute("SELECT count(DISTINCT id) = count(*) FROM audit_log").fetchone()[0]
    db.close()


def _refused_restore(db_path: Path, folder: Path, code: str, **kwargs):
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as refused:
        restoring.restore(db_path, folder, FIXED_NOW, **kwargs)
    assert refused.value.code == code
    assert db_path.read_bytes() == before, "the current database must stay as it was"
    assert not list(db_path.parent.glob("*.restore-*"))
    assert not list(db_path.parent.glob("*.before-restore-*"))
    return refused.value


@pytest.fixture
def closed_demo_with_backup(demo_db, demo_db_path, tmp_path):
    info = backups.take_backup(demo_db, FIXED_NOW, root=tmp_path / "b", keep=5)
    demo_db.close()
    return demo_db_path, info.path


def test_a_restore_of_a_truncated_backup_is_refused_and_changes_nothing(closed_demo_with_backup):
    db_path, folder = closed_demo_with_backup
    target = folder / "audit_log.parquet"
    target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
    _refused_restore(db_path, folder, "backup.checksum_mismatch")


def test_a_restore_of_an_unfinished_backup_is_refused(closed_demo_with_backup):
    db_path, folder = closed_demo_with_backup
    (folder / "manifest.json").unlink()
    error = _refused_restore(db_path, folder, "backup.no_manifest")
    assert "ไม่สมบูรณ์" in error.message("th")


def test_a_restore_of_a_newer_schema_is_refused(closed_demo_with_backup):
    db_path, folder = closed_demo_with_backup
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["schema_version"] = 999
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    _refused_restore(db_path, folder, "backup.schema_too_new")


def test_a_restore_whose_import_disagrees_with_the_manifest_is_refused(closed_demo_with_backup):
    db_path, folder = closed_demo_with_backup
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"]["org_units"] = 0
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    _refused_restore(db_path, folder, "backup.row_count_mismatch")


def test_a_restore_while_the_app_holds_the_file_is_refused(demo_db, demo_db_path, tmp_path):
    info = backups.take_backup(demo_db, FIXED_NOW, root=tmp_path / "b", keep=5)
    demo_db.connection.execute("CHECKPOINT")
    import subprocess
    import sys

    # Another process (the "app") holds the file; the restore runs in this one.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('open', flush=True);"
            " time.sleep(30)",
            str(demo_db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    demo_db.close()
    try:
        time.sleep(0.1)
        deadline = time.monotonic() + 20
        line = ""
        while "open" not in line and time.monotonic() < deadline:
            line = holder.stdout.readline()
        assert "open" in line
        error = _refused_restore(demo_db_path, info.path, "restore.app_running")
        assert "หยุดโปรแกรม" in error.message("th")
    finally:
        holder.kill()
        holder.wait()


def test_a_restore_while_the_app_is_serving_is_refused_by_its_heartbeat(closed_demo_with_backup):
    db_path, folder = closed_demo_with_backup
    write_heartbeat(db_path, FIXED_NOW)  # this very process is alive: the marker is live
    try:
        error = _refused_restore(db_path, folder, "restore.app_serving")
        assert "ยังให้บริการอยู่" in error.message("th")
    finally:
        marker_path(db_path).unlink()


def test_a_stale_heartbeat_does_not_block_a_restore(closed_demo_with_backup):
    db_path, folder = closed_demo_with_backup
    marker = write_heartbeat(db_path, FIXED_NOW)
    written = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**written, "wall": time.time() - 3600}), encoding="utf-8")  # an hour old
    restoring.restore(db_path, folder, FIXED_NOW)


def test_a_restore_without_room_on_the_disk_is_refused(closed_demo_with_backup, monkeypatch):
    db_path, folder = closed_demo_with_backup
    monkeypatch.setattr(
        restoring.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9 - 2**20, 2**20)
    )
    error = _refused_restore(db_path, folder, "restore.disk_full")
    assert "พื้นที่ดิสก์ไม่พอ" in error.message("th")


def test_the_cli_verifies_and_restores_and_says_why_it_refuses(closed_demo_with_backup, capsys):
    from core.reliability import cli

    db_path, folder = closed_demo_with_backup
    assert cli.main(["verify", str(folder)]) == 0
    assert "ตรวจสอบชุดสำรอง" in capsys.readouterr().out
    assert cli.main(["restore", "--db", str(db_path), "--from", str(folder)]) == 0
    (folder / "manifest.json").unlink()
    assert cli.main(["restore", "--db", str(db_path), "--from", str(folder)]) == 2
    assert "ไม่สมบูรณ์" in capsys.readouterr().err


def test_the_cli_backs_up_a_stopped_database(closed_demo_with_backup, tmp_path, capsys):
    from core.reliability import cli

    db_path, _folder = closed_demo_with_backup
    assert cli.main(["backup", "--db", str(db_path), "--to", str(tmp_path / "cli")]) == 0
    made = backups.list_backups(tmp_path / "cli")
    assert len(made) == 1 and made[0].complete


# -- the schedule -------------------------------------------------------------------------------


def test_the_schedule_backs_up_when_the_last_backup_is_older_than_the_interval(demo_db, tmp_path):
    clock = [FIXED_NOW]
    scheduler = Scheduler(demo_db, clock=lambda: clock[0], root=tmp_path / "b", heartbeat=True)
    assert scheduler.tick() is True  # no backup yet
    clock[0] += timedelta(hours=1)
    assert scheduler.tick() is False  # 1 h < 12 h
    clock[0] += timedelta(hours=12)
    assert scheduler.tick() is True
    assert len(backups.list_backups(tmp_path / "b")) == 2
    assert marker_path(demo_db.path).exists()
    scheduler.stop()
    assert not marker_path(demo_db.path).exists()


def test_a_failing_scheduled_backup_is_remembered_for_the_health_page(demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(
        backups.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(10**9, 10**9 - 2**20, 2**20)
    )
    scheduler = Scheduler(demo_db, clock=lambda: FIXED_NOW, root=tmp_path / "b", heartbeat=False)
    assert scheduler.tick() is False
    assert scheduler.last_error.code == "backup.disk_full"


def test_the_scheduler_thread_starts_once_per_database(demo_db, tmp_path):
    from core.reliability.scheduler import start_scheduler, stop_scheduler

    first = start_scheduler(demo_db, root=tmp_path / "b", first_backup_after=3600)
    try:
        assert start_scheduler(demo_db) is first and first.running
        deadline = time.monotonic() + 5
        while not marker_path(demo_db.path).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker_path(demo_db.path).exists()
    finally:
        stop_scheduler(demo_db)
    assert not first.running


def test_the_scheduler_can_be_switched_off_for_test_runs_of_the_app(demo_db, monkeypatch):
    from core.reliability.scheduler import scheduler_for, start_scheduler

    monkeypatch.setenv("PATTANA_SCHEDULER", "0")
    scheduler = start_scheduler(demo_db)
    assert not scheduler.running and scheduler_for(demo_db) is None
    assert not marker_path(demo_db.path).exists()
