"""Notifications in the app, driven with AppTest: the bell with its unread count and toast, the
list with "open" and "mark read", the account section (channels, LINE code), the admin view."""

import pytest

from core.notifications import services as notify
from tests.conftest import FIXED_NOW, actor_of, click, file_ticket, goto
from ui.notify_account import PREFS_OPEN_KEY


@pytest.fixture(autouse=True)
def demo_time(monkeypatch):
    monkeypatch.setattr("core.clock.now", lambda: FIXED_NOW)


def _db():
    from ui.context import database

    return database()


def _bell(at) -> str:
    labels = [p.proto.label for p in at.get("page_link")]
    return next(label for label in labels if label.startswith("การแจ้งเตือน"))


def _report(title="เครื่องพิมพ์กองคลังใช้ไม่ได้"):
    return file_ticket(title, "เปิดไม่ติด")


def test_the_bell_counts_unread_notifications_and_toasts_a_new_one(signed_in):
    at = signed_in("itofficer")
    assert not at.exception
    assert _bell(at) == "การแจ้งเตือน"
    assert not at.toast
    _report()
    at.run()
    assert _bell(at) == "การแจ้งเตือน (1)"
    assert any("เครื่องพิมพ์กองคลังใช้ไม่ได้" in t.value for t in at.toast)
    at.run()
    assert not at.toast  # said once
    assert _bell(at) == "การแจ้งเตือน (1)"


def test_the_list_shows_the_notification_and_marks_it_read(signed_in):
    at = signed_in("itofficer")
    _report("ระบบภาษีช้ามาก")
    goto(at, "notifications")
    assert not at.exception
    assert any("ระบบภาษีช้ามาก" in t.value and t.value.startswith("●") for t in at.text)
    click(at, "อ่านแล้ว")
    assert not at.exception
    assert _bell(at) == "การแจ้งเตือน"
    assert not any(t.value.startswith("●") for t in at.text)
    assert [b.label for b in at.button].count("เปิด") == 1


def test_someone_elses_notifications_are_not_in_my_list(signed_in):
    _report("เรื่องของฝ่ายไอที")
    at = goto(signed_in("staff"), "notifications")
    assert not at.exception
    assert not any("เรื่องของฝ่ายไอที" in t.value for t in at.text)
    assert any("ยังไม่มีการแจ้งเตือน" in i.value for i in at.info)


def test_the_account_page_gives_a_line_code_and_saves_channel_choices(signed_in, monkeypatch):
    monkeypatch.setenv("PATTANA_LINE_TOKEN", "t")
    at = goto(signed_in("staff"), "account")
    assert not at.exception
    click(at, "ขอรหัสเชื่อม LINE")
    assert not at.exception
    code_text = next(i.value for i in at.info if "LINE Official Account" in i.value)
    code = code_text.rsplit(" ", 1)[-1]
    assert (
        notify.link_line(_db(), FIXED_NOW, code=code, line_user_id="Ustaff")
        == actor_of(_db(), "staff").user_id
    )
    at.run()
    assert any("เชื่อม LINE แล้ว" in c.value for c in at.caption)
    assert not at.dataframe  # the channels table is drawn when opened
    at.session_state[PREFS_OPEN_KEY] = True  # as a click on "เลือกช่องทางของการแจ้งเตือนแต่ละเรื่อง"
    at.run()
    click(at, "บันทึก", index=1)  # the channels form (the password form is first)
    assert not at.exception
    assert any("บันทึกช่องทางการแจ้งเตือนแล้ว" in s.value for s in at.success)


def test_the_admin_sees_deliveries_and_dead_letters_on_the_health_page(signed_in, monkeypatch):
    monkeypatch.setenv("PATTANA_SMTP_HOST", "127.0.0.1")
    _report("อีเมลที่ส่งไม่ออก")
    _db().write(
        lambda cur: cur.execute(
            "UPDATE notification_deliveries SET status = 'dead', attempts = 7, last_error = 'smtp: refused'"
        )
    )
    at = goto(signed_in("admin"), "admin_health")
    assert not at.exception
    assert any("ส่งไม่สำเร็จหลังลองครบแล้ว" in w.value for w in at.warning)
    frame = at.dataframe[-1].value
    assert set(frame["สถานะ"]) == {"ส่งไม่สำเร็จ"} and set(frame["ข้อผิดพลาดล่าสุด"]) == {"smtp: refused"}
    click(at, "ส่งรายการที่ไม่สำเร็จอีกครั้ง")
    assert any("กลับเข้าคิวส่งแล้ว" in s.value for s in at.success)


def test_a_new_refresh_period_applies_from_the_next_run(app_env):
    from ui import live

    db = _db()
    notify.set_refresh_seconds(db, actor_of(db, "ithead"), FIXED_NOW, 40)
    assert live.refresh_seconds() == 40
    notify.set_refresh_seconds(db, actor_of(db, "ithead"), FIXED_NOW, 25)
    assert live.refresh_seconds() == 25
