"""The admin page "สำรองข้อมูลและสถานะระบบ" driven with AppTest (admin only)."""

from __future__ import annotations

import pytest

from core.reliability import backup as backups
from core.reliability.scheduler import stop_scheduler
from tests.conftest import click, goto


@pytest.fixture
def health_env(app_env, tmp_path, monkeypatch):
    monkeypatch.setenv("PATTANA_BACKUP_DIR", str(tmp_path / "backups"))
    yield tmp_path / "backups"
    from ui.context import database

    stop_scheduler(database())


def test_only_the_admin_sees_the_health_page(signed_in, health_env):
    at = signed_in("ithead")
    with pytest.raises(ValueError):
        goto(at, "admin_health")


def test_the_admin_sees_the_health_figures_and_a_warning_when_there_is_no_backup(signed_in, health_env):
    at = signed_in("admin")
    goto(at, "admin_health")
    assert not at.exception
    assert "สำรองข้อมูลและสถานะระบบ" in [t.value for t in at.title]
    labels = [m.label for m in at.metric]
    assert labels == [
        "ขนาดฐานข้อมูล",
        "ขนาดไฟล์บันทึกรายการที่รอรวมเข้าฐานข้อมูล",
        "รุ่นโครงสร้างข้อมูล",
        "พื้นที่ดิสก์คงเหลือ",
        "สำรองข้อมูลล่าสุด",
    ]
    assert any("ยังไม่มีชุดสำรองข้อมูล" in w.body for w in at.warning)


def test_the_admin_backs_up_now_and_verifies_the_backup(signed_in, health_env):
    at = signed_in("admin")
    goto(at, "admin_health")
    click(at, "สำรองข้อมูลตอนนี้")
    assert not at.exception
    done = [s.body for s in at.success if "สำรองข้อมูลแล้ว" in s.body]
    assert done
    # The backup the click made is the one its message names (the folder is named by the time;
    # a second one in the same second gets "-2"): complete, and listed on the page.
    made = {b.name: b for b in backups.list_backups(health_env)}
    mine = max((name for name in made if name in done[0]), key=len)
    assert made[mine].complete
    assert not any("ยังไม่มีชุดสำรองข้อมูล" in w.body for w in at.warning)
    assert mine in set(at.dataframe[0].value.iloc[:, 0])
    click(at, "ตรวจสอบชุดสำรอง")
    assert any("ตรวจสอบชุดสำรอง" in s.body and "ตรงกันทุกตาราง" in s.body for s in at.success)


def test_a_damaged_backup_fails_verification_on_the_page(signed_in, health_env):
    at = signed_in("admin")
    goto(at, "admin_health")
    click(at, "สำรองข้อมูลตอนนี้")
    folder = backups.list_backups(health_env)[0].path
    (folder / "users.parquet").write_bytes(b"garbage")
    click(at, "ตรวจสอบชุดสำรอง")
    assert any(
        "users.parquet" in e.body.replace("\\", "") and "checksum" in e.body for e in at.error
    )  # values shown escaped


def test_the_admin_changes_the_backup_schedule(signed_in, health_env):
    from ui.context import database

    at = signed_in("admin")
    goto(at, "admin_health")
    at.number_input[0].set_value(6)
    at.number_input[1].set_value(20)
    click(at, "บันทึก")
    assert any("บันทึกกำหนดการสำรองข้อมูลแล้ว" in s.body for s in at.success)
    assert backups.backup_policy(database()) == (20, 6)
