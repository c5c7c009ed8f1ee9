"""The dispatcher against real servers started by the test: an SMTP server (aiosmtpd) and an
HTTP server speaking the LINE Messaging API's push endpoint. Delivery with Thai text and a link,
retries with growing delays while a server is down, dead letters, quiet hours, and exactly one
delivery per key across a dispatcher killed with SIGKILL in the middle of a batch."""

import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from core.notifications import channels, dispatcher, rules, services
from tests.conftest import ROOT, actor_of
from tests.notify_servers import LineServer, MailServer, wait_until
from tests.test_notifications_outbox import MON, _report, _rows, world  # noqa: F401 (fixture)

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def mail():
    server = MailServer().start()
    yield server
    server.stop()


@pytest.fixture
def line():
    server = LineServer().start()
    yield server
    server.stop()


@pytest.fixture
def wired(world, mail, line, monkeypatch):  # noqa: F811 (world is the fixture imported above)
    """The world with both channels pointed at the local servers; itofficer linked to LINE."""
    for key, value in {
        **mail.env(),
        **line.env(),
        "PATTANA_BASE_URL": "https://pattana.example.go.th",
    }.items():
        monkeypatch.setenv(key, value)
    officer = actor_of(world, "itofficer")
    code = services.new_link_code(world, officer, MON)
    services.link_line(world, MON, code=code, line_user_id="U" + "1" * 32)
    return world


def _statuses(db):
    return dict(_rows(db, "SELECT idem_key, status FROM notification_deliveries"))


def test_an_email_and_a_line_message_arrive_with_thai_text_and_the_link(wired, mail, line):
    _report(wired)
    result = dispatcher.dispatch_once(wired, MON + timedelta(seconds=5))
    assert (result.sent, result.failed) == (4, 0)  # 3 e-mails + 1 LINE push
    assert set(_statuses(wired).values()) == {"sent"}
    received = {m[1][0]: m for m in mail.messages}
    assert set(received) == {"ithead@example.test", "itofficer@example.test", "itofficer2@example.test"}
    _, _, raw, message = received["itofficer@example.test"]
    assert message["Subject"].startswith("แจ้งปัญหาใหม่ TK")
    body = message.get_content()
    assert "พิมพ์ใบเสร็จไม่ได้" in body
    assert "https://pattana.example.go.th/tickets?ticket=TK" in body
    assert message["Message-ID"] == f"<{message['X-Pattana-Key']}@pattana>"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "notification-email.eml").write_bytes(raw)
    (ARTIFACTS / "notification-email.txt").write_text(
        f"From: {message['From']}\nTo: {message['To']}\nSubject: {message['Subject']}\n\n{body}",
        encoding="utf-8",
    )
    [(key, push)] = line.accepted.items()
    assert push["to"] == "U" + "1" * 32 and "พิมพ์ใบเสร็จไม่ได้" in push["messages"][0]["text"]
    assert key == rules.retry_uuid(
        _rows(wired, "SELECT idem_key FROM notification_deliveries WHERE channel = 'line'")[0][0]
    )
    # nothing left: a second round sends nothing again
    assert dispatcher.dispatch_once(wired, MON + timedelta(minutes=1)).claimed == 0
    assert len(mail.messages) == 3 and len(line.requests) == 1


def test_servers_down_then_up_retry_with_growing_delays_and_no_duplicate(wired, mail, line):
    _report(wired)
    mail.stop()
    line.stop()
    at = MON + timedelta(seconds=5)
    first = dispatcher.dispatch_once(wired, at)
    assert (first.sent, first.failed) == (0, 4)
    rows = _rows(wired, "SELECT status, attempts, next_attempt_at, last_error FROM notification_deliveries")
    assert {r[0] for r in rows} == {"pending"} and {r[1] for r in rows} == {1}
    assert {r[2] for r in rows} == {at + timedelta(minutes=1)}
    assert all(r[3] for r in rows)
    # not due yet: nothing is tried
    assert dispatcher.dispatch_once(wired, at + timedelta(seconds=30)).claimed == 0
    second_at = at + timedelta(minutes=1)
    assert dispatcher.dispatch_once(wired, second_at).failed == 4
    assert {r[0] for r in _rows(wired, "SELECT next_attempt_at FROM notification_deliveries")} == {
        second_at + timedelta(minutes=2)
    }
    mail.start()
    line.start()
    third = dispatcher.dispatch_once(wired, second_at + timedelta(minutes=2))
    assert (third.sent, third.failed) == (4, 0)
    assert len(mail.messages) == 3 and len(line.accepted) == 1 and len(line.requests) == 1
    assert dispatcher.dispatch_once(wired, second_at + timedelta(hours=3)).claimed == 0


def test_a_rejected_token_ends_as_a_dead_letter_and_the_admin_can_retry_it(wired, line):
    _report(wired)
    line.reject_status = 401
    at = MON
    for attempt in range(1, rules.MAX_ATTEMPTS + 1):
        assert dispatcher.dispatch_once(wired, at).failed == 1
        at += rules.retry_delay(attempt)
    rows = _rows(
        wired, "SELECT status, attempts, last_error FROM notification_deliveries WHERE channel = 'line'"
    )
    assert rows == [("dead", rules.MAX_ATTEMPTS, rows[0][2])] and "401" in rows[0][2]
    assert _rows(wired, "SELECT count(*) FROM audit_log WHERE action = 'notify.dead'")[0][0] == 1
    line.reject_status = None
    assert services.requeue_dead(wired, actor_of(wired, "admin"), at) == 1
    assert dispatcher.dispatch_once(wired, at).sent == 1
    assert len(line.accepted) == 1


def test_a_user_without_an_address_fails_without_touching_the_ticket(wired, mail):
    with wired.read() as cur:
        before = cur.execute("SELECT count(*) FROM tickets").fetchone()[0]
    wired.write(lambda cur: cur.execute("UPDATE users SET email = NULL WHERE username = 'ithead'"))
    _report(wired)
    result = dispatcher.dispatch_once(wired, MON + timedelta(seconds=5))
    assert result.failed == 1 and "no e-mail" in result.errors[0]
    with wired.read() as cur:
        assert cur.execute("SELECT count(*) FROM tickets").fetchone()[0] == before + 1


def test_quiet_hours_hold_a_new_ticket_until_the_office_opens_but_not_a_breach(wired, mail):
    saturday = datetime(2026, 11, 28, 22, 0)
    _report(wired, now=saturday)
    services.on_backup_failed(wired, saturday, "disk")
    result = dispatcher.dispatch_once(wired, saturday + timedelta(seconds=5))
    assert result.deferred == 4 and result.sent == 1  # the admin's backup failure goes at once
    assert [m[3]["Subject"] for m in mail.messages] == ["สำรองข้อมูลไม่สำเร็จ"]
    monday_open = _rows(
        wired, "SELECT DISTINCT next_attempt_at FROM notification_deliveries WHERE status = 'pending'"
    )
    assert len(monday_open) == 1 and monday_open[0][0].weekday() == 0 and monday_open[0][0].hour == 8
    assert dispatcher.dispatch_once(wired, monday_open[0][0]).sent == 4


def test_the_notification_job_links_line_scans_and_dispatches(wired, mail, tmp_path, monkeypatch):
    staff = actor_of(wired, "staff")
    code = services.new_link_code(wired, staff, MON)
    inbox = services.line_inbox(wired.path)
    inbox.mkdir(exist_ok=True)
    (inbox / "a.json").write_text(f'{{"line_user_id": "Ustaff", "text": "{code}"}}')
    _report(wired)
    job = dispatcher.NotificationJob(wired)
    result = job.tick(MON + timedelta(seconds=3))
    assert job.last_error is None and result.sent >= 3
    assert _rows(wired, "SELECT count(*) FROM line_links WHERE line_user_id = 'Ustaff'")[0][0] == 1


def _dispatcher_process(db_path: Path, env: dict, lease_seconds: float) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "core.notifications.dispatcher",
            "--db",
            str(db_path),
            "--loop",
            "0.2",
            "--batch",
            "40",
            "--lease-seconds",
            str(lease_seconds),
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_exactly_one_delivery_per_key_across_a_dispatcher_killed_mid_batch(wired, mail, line):
    for _ in range(10):
        _report(wired)  # 10 tickets: 30 e-mails, 10 LINE pushes
    keys = set(_statuses(wired))
    assert len(keys) == 40
    env = {**mail.env(), **line.env()}
    path = wired.path
    wired.close()  # DuckDB: one process at a time opens the file
    first = _dispatcher_process(path, env, lease_seconds=300)
    try:
        wait_until(lambda: len(mail.messages) + len(line.requests) >= 12, timeout=60, step=0.001)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    sent_before_kill = len(mail.messages) + len(line.requests)
    assert sent_before_kill < 40, "the kill must land in the middle of the batch"
    # a second dispatcher takes over the stale claims (lease 0 s) and finishes the batch in one round
    second = subprocess.run(
        [
            sys.executable,
            "-m",
            "core.notifications.dispatcher",
            "--db",
            str(path),
            "--batch",
            "40",
            "--lease-seconds",
            "0",
        ],
        check=False,
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode == 0, second.stderr[-2000:]
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT DISTINCT status FROM notification_deliveries").fetchall() == [("sent",)]
    # every key arrived; LINE accepted each retry key once (a repeat is answered 409)
    mail_keys = mail.keys()
    line_db_keys = {k for k in keys if k.endswith("-line")}
    assert set(mail_keys) == {k for k in keys if k.endswith("-email")}
    assert set(line.accepted) == {rules.retry_uuid(k) for k in line_db_keys}
    # an e-mail is re-sent only if the kill fell between its sending and its recording: at most
    # the one in flight, and it repeats its Message-ID so the mailbox can tell
    assert len(mail_keys) - len(set(mail_keys)) <= 1


def test_channels_from_the_environment(monkeypatch):
    monkeypatch.delenv("PATTANA_SMTP_HOST", raising=False)
    monkeypatch.delenv("PATTANA_LINE_TOKEN", raising=False)
    assert channels.configured_channels() == {}
    monkeypatch.setenv("PATTANA_SMTP_HOST", "mail.example")
    monkeypatch.setenv("PATTANA_SMTP_STARTTLS", "yes")
    monkeypatch.setenv("PATTANA_LINE_TOKEN", "t")
    found = channels.configured_channels()
    assert found["email"].starttls == "yes" and found["email"].port == 587
    assert found["line"].api == "https://api.line.me"
