"""Disk-full protection, IO errors on write, and the health report's warnings."""

from __future__ import annotations

import shutil
from datetime import timedelta

import duckdb
import pytest

from core import areas
from core.errors import StorageError
from core.reliability import diskguard, health, install_guards
from tests.conftest import FIXED_NOW

MB = 2**20


def _usage(free: int):
    return lambda path: shutil._ntuple_diskusage(100_000 * MB, 100_000 * MB - free, free)


def _count(db) -> int:
    with db.read() as cur:
        return cur.execute("SELECT count(*) FROM settings").fetchone()[0]


def _write_setting(db, key="x"):
    db.write(lambda cur: cur.execute("INSERT INTO settings VALUES (?, '1', ?, 'test')", [key, FIXED_NOW]))


def test_a_write_is_refused_with_a_clear_message_when_the_disk_is_nearly_full(db, monkeypatch):
    install_guards(db, min_free=200 * MB)
    monkeypatch.setattr(diskguard.shutil, "disk_usage", _usage(150 * MB))
    with pytest.raises(StorageError) as refused:
        _write_setting(db)
    assert refused.value.code == "storage.disk_full"
    assert refused.value.params == {"free_mb": 150, "needed_mb": 200}
    assert "พื้นที่ดิสก์เหลือน้อย" in refused.value.message("th")
    assert "nothing was saved" in refused.value.message("en")
    assert _count(db) == 0


def test_writes_go_through_again_once_space_is_freed(db, monkeypatch):
    install_guards(db, min_free=200 * MB)
    monkeypatch.setattr(diskguard.shutil, "disk_usage", _usage(150 * MB))
    with pytest.raises(StorageError):
        _write_setting(db)
    monkeypatch.setattr(diskguard.shutil, "disk_usage", _usage(250 * MB))
    _write_setting(db)
    assert _count(db) == 1


def test_installing_the_guard_twice_registers_it_once(db, monkeypatch):
    monkeypatch.setenv("PATTANA_MIN_FREE_MB", "300")
    first = install_guards(db)
    second = install_guards(db, min_free=10 * MB)
    assert first is second and second.minimum == 10 * MB
    assert sum(isinstance(g, diskguard.DiskGuard) for g in db.write_guards) == 1


def test_the_threshold_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("PATTANA_MIN_FREE_MB", "512")
    assert diskguard.min_free_bytes() == 512 * MB
    monkeypatch.setenv("PATTANA_MIN_FREE_MB", "lots")
    assert diskguard.min_free_bytes() == diskguard.DEFAULT_MIN_FREE_MB * MB


@pytest.mark.parametrize(
    "error",
    [
        duckdb.IOException('IO Error: Could not write file "x.wal": No space left on device'),
        duckdb.FatalException("FATAL Error: database has been invalidated because of a previous fatal error"),
    ],
)
def test_an_io_failure_during_a_write_becomes_storage_write_failed(db, error):
    def work(cur):
        cur.execute("INSERT INTO settings VALUES ('y', '1', ?, 'test')", [FIXED_NOW])
        raise error

    with pytest.raises(StorageError) as refused:
        db.write(work)
    assert refused.value.code == "storage.write_failed"
    assert "ข้อมูลเดิมยังอยู่ครบ" in refused.value.message("th")
    assert _count(db) == 0


def test_warnings_for_an_old_backup_and_a_nearly_full_disk():
    fresh = health.warnings_for(
        now=FIXED_NOW,
        last_backup_at=FIXED_NOW - timedelta(hours=23),
        disk_free=50_000 * MB,
        disk_total=100_000 * MB,
        minimum=200 * MB,
    )
    assert fresh == []
    old = health.warnings_for(
        now=FIXED_NOW,
        last_backup_at=FIXED_NOW - timedelta(hours=25),
        disk_free=500 * MB,
        disk_total=100_000 * MB,
        minimum=200 * MB,
    )
    assert [w.key for w in old] == ["health.warn.backup_old", "health.warn.disk_low"]
    assert old[0].values == {"hours": 25}
    never = health.warnings_for(
        now=FIXED_NOW, last_backup_at=None, disk_free=50_000 * MB, disk_total=100_000 * MB, minimum=200 * MB
    )
    assert [w.key for w in never] == ["health.warn.no_backup"]


def test_a_disk_under_five_percent_free_is_nearly_full_even_when_large():
    assert health.disk_nearly_full(free=4 * 2**30, total=100 * 2**30, minimum=200 * MB)
    assert not health.disk_nearly_full(free=6 * 2**30, total=100 * 2**30, minimum=200 * MB)


def test_the_health_report_reads_sizes_schema_and_the_last_backup(demo_db, tmp_path, monkeypatch):
    from core.db import latest_schema_version
    from core.reliability import backup as backups

    monkeypatch.setenv("PATTANA_BACKUP_DIR", str(tmp_path / "b"))
    backups.take_backup(demo_db, FIXED_NOW - timedelta(hours=30), keep=5)
    report = health.health_report(demo_db, FIXED_NOW)
    assert report.db_bytes > 0
    assert report.schema_version == latest_schema_version()
    assert report.last_backup.name == "20261123-040000"
    assert report.backup_age == timedelta(hours=30)
    assert "health.warn.backup_old" in [w.key for w in report.warnings]
    assert health.human_bytes(1536) == "1.5 KB"


def test_the_admin_home_page_lists_an_overdue_backup_until_one_is_made(demo_db, tmp_path, monkeypatch):
    from core.reliability import backup as backups
    from tests.conftest import actor_of

    monkeypatch.setenv("PATTANA_BACKUP_DIR", str(tmp_path / "b"))
    admin, staff = actor_of(demo_db, "admin"), actor_of(demo_db, "staff")

    def items(actor, now):
        with demo_db.read() as cur:
            return [i for i in areas.my_work(cur, actor, now, "th") if i.page == "admin_health"]

    assert [i.title for i in items(admin, FIXED_NOW)] == ["ยังไม่มีชุดสำรองข้อมูลที่สมบูรณ์ กรุณากดสำรองข้อมูลตอนนี้"]
    assert items(staff, FIXED_NOW) == []
    backups.take_backup(demo_db, FIXED_NOW, keep=3)
    assert items(admin, FIXED_NOW + timedelta(hours=20)) == []
    late = items(admin, FIXED_NOW + timedelta(hours=30))
    assert len(late) == 1 and late[0].overdue and "30" in late[0].title
