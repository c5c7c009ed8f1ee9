"""The notifications outbox on a real database: rows written in the same transaction as the
change (a failed change leaves none), recipients per event, channel choices, scans that do not
repeat themselves, LINE linking by a one-time code, and the pure rules."""

import itertools
import json
from datetime import datetime, timedelta

import pytest

from core import demo
from core.errors import NotFound, ValidationError
from core.notifications import queries, rules, services
from core.reliability import watch
from core.tickets import services as tickets
from tests.conftest import actor_of

MON = datetime(2026, 11, 23, 9, 0)  # Monday 23 Nov 2026, office hours


@pytest.fixture
def world(db, monkeypatch):
    """The empty database with the demo users (with e-mail addresses) and one system in service;
    e-mail configured, LINE configured."""
    monkeypatch.setenv("PATTANA_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PATTANA_LINE_TOKEN", "token")

    def work(cur):
        for username, name, position, unit, roles in demo.USERS:
            user_id = cur.execute(
                "INSERT INTO users (username, full_name, position, unit_code, email,"
                " password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', ?, ?)"
                " RETURNING id",
                [username, name, position, unit, f"{username}@example.test", MON, MON],
            ).fetchone()[0]
            for role in roles:
                cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
        cur.execute(
            "INSERT INTO systems (code, name_th, name_en, kind, in_service_since)"
            " VALUES ('ETAX', 'ระบบภาษี', 'Tax', 'eservice', DATE '2024-01-01')"
        )

    db.write(work)
    return db


def _system(db):
    with db.read() as cur:
        return cur.execute("SELECT id FROM systems WHERE code = 'ETAX'").fetchone()[0]


_REPORTS = itertools.count(1)


def _report(db, who="staff", now=MON):
    """A ticket; each one's description differs (an identical report within minutes is refused)."""
    return tickets.report_ticket(
        db,
        actor_of(db, who),
        now,
        system_id=_system(db),
        ticket_type="problem",
        title="พิมพ์ใบเสร็จไม่ได้",
        description=f"กดพิมพ์แล้วหน้าจอค้าง (เครื่องที่ {next(_REPORTS)})",
    )


def _rows(db, sql, params=()):
    with db.read() as cur:
        return cur.execute(sql, list(params)).fetchall()


def _recipients(db, kind):
    return sorted(
        r[0]
        for r in _rows(
            db,
            "SELECT u.username FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE n.kind = ?",
            [kind],
        )
    )


def test_a_new_ticket_notifies_every_it_user_with_one_delivery_per_channel(world):
    ticket_id = _report(world)
    assert _recipients(world, "ticket_new") == ["ithead", "itofficer", "itofficer2"]
    subject = _rows(world, "SELECT subject_th, page, query_json FROM notifications LIMIT 1")[0]
    assert "พิมพ์ใบเสร็จไม่ได้" in subject[0] and subject[1] == "tickets"
    assert json.loads(subject[2])["ticket"].startswith("TK")
    deliveries = _rows(
        world,
        "SELECT d.channel, d.idem_key, d.status, n.id FROM notification_deliveries d"
        " JOIN notifications n ON n.id = d.notification_id",
    )
    # nobody linked LINE: e-mail only, one per recipient, keyed by notification and channel
    assert sorted(d[0] for d in deliveries) == ["email"] * 3
    assert all(d[1] == f"n{d[3]}-email" and d[2] == "pending" for d in deliveries)
    assert ticket_id


def test_a_change_that_fails_after_writing_its_notifications_leaves_none(world, monkeypatch):
    original = services.on_ticket_reported

    def then_fail(cur, now, ticket_id):
        original(cur, now, ticket_id)
        assert cur.execute("SELECT count(*) FROM notifications").fetchone()[0] == 3  # written...
        raise RuntimeError("the change fails after its outbox rows")

    monkeypatch.setattr(services, "on_ticket_reported", then_fail)
    with pytest.raises(RuntimeError):
        _report(world)
    # ...and rolled back with the change
    assert _rows(world, "SELECT count(*) FROM tickets")[0][0] == 0
    assert _rows(world, "SELECT count(*) FROM notifications")[0][0] == 0
    assert _rows(world, "SELECT count(*) FROM notification_deliveries")[0][0] == 0


def test_a_refused_report_writes_no_notification(world):
    with pytest.raises(ValidationError):
        tickets.report_ticket(
            world,
            actor_of(world, "staff"),
            MON,
            system_id=_system(world),
            ticket_type="problem",
            title="",
            description="",
        )
    assert _rows(world, "SELECT count(*) FROM notifications")[0][0] == 0


def test_the_reporters_reply_reaches_the_assigned_officer_only(world):
    ticket_id = _report(world)
    officer = actor_of(world, "itofficer")
    tickets.act(world, officer, MON + timedelta(minutes=1), ticket_id, "start_analysis")
    tickets.act(world, officer, MON + timedelta(minutes=2), ticket_id, "finish_analysis")
    tickets.act(world, officer, MON + timedelta(minutes=3), ticket_id, "wait", "ขอเลขที่ใบเสร็จ")
    assert _recipients(world, "ticket_reply") == []
    tickets.act(world, actor_of(world, "staff"), MON + timedelta(minutes=9), ticket_id, "resume", "เลขที่ 123")
    assert _recipients(world, "ticket_reply") == ["itofficer"]
    body = _rows(world, "SELECT body_th FROM notifications WHERE kind = 'ticket_reply'")[0][0]
    assert "เลขที่ 123" in body


def test_channel_choices_and_line_links_decide_the_deliveries(world):
    officer = actor_of(world, "itofficer")
    services.save_prefs(world, officer, MON, {("ticket_new", "email"): False, ("ticket_new", "line"): True})
    code = services.new_link_code(world, officer, MON)
    assert (
        services.link_line(world, MON + timedelta(minutes=1), code=code, line_user_id="U" + "a" * 32)
        == officer.user_id
    )
    _report(world)
    rows = _rows(
        world,
        "SELECT u.username, d.channel FROM notification_deliveries d JOIN notifications n"
        " ON n.id = d.notification_id JOIN users u ON u.id = n.recipient_id ORDER BY 1, 2",
    )
    assert rows == [("ithead", "email"), ("itofficer", "line"), ("itofficer2", "email")]
    # the bell gets it whatever the channels
    assert _recipients(world, "ticket_new") == ["ithead", "itofficer", "itofficer2"]


def test_an_unconfigured_channel_gets_no_delivery_rows(world, monkeypatch):
    monkeypatch.delenv("PATTANA_SMTP_HOST")
    monkeypatch.delenv("PATTANA_LINE_TOKEN")
    _report(world)
    assert _rows(world, "SELECT count(*) FROM notifications")[0][0] == 3
    assert _rows(world, "SELECT count(*) FROM notification_deliveries")[0][0] == 0


def test_a_link_code_works_once_and_not_after_it_expires(world):
    staff = actor_of(world, "staff")
    code = services.new_link_code(world, staff, MON)
    late = MON + rules.LINK_CODE_TTL + timedelta(minutes=1)
    assert services.link_line(world, late, code=code, line_user_id="Ulate") is None
    code = services.new_link_code(world, staff, MON)
    assert services.link_line(world, MON, code=code, line_user_id="Ufirst") == staff.user_id
    assert services.link_line(world, MON, code=code, line_user_id="Usecond") is None
    assert _rows(world, "SELECT line_user_id FROM line_links")[0][0] == "Ufirst"


def test_the_webhook_inbox_links_the_sender_of_a_code_and_is_emptied(world, tmp_path):
    staff = actor_of(world, "staff")
    code = services.new_link_code(world, staff, MON)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "1.json").write_text(json.dumps({"line_user_id": "Ustaff", "text": f"เชื่อม {code.lower()}"}))
    (inbox / "2.json").write_text(json.dumps({"line_user_id": "Uother", "text": "สวัสดีครับ"}))
    assert services.import_line_inbox(world, MON, inbox) == 1
    assert list(inbox.iterdir()) == []
    assert _rows(world, "SELECT user_id, line_user_id FROM line_links") == [(staff.user_id, "Ustaff")]


def test_mark_read_changes_the_unread_count_and_only_for_the_owner(world):
    _report(world)
    officer = actor_of(world, "itofficer")
    with world.read() as cur:
        count, newest = queries.unread(cur, officer.user_id)
        mine = queries.my_notifications(cur, officer.user_id)
    assert count == 1 and newest == mine[0]["id"]
    with pytest.raises(NotFound):
        services.mark_read(world, actor_of(world, "itofficer2"), MON, mine[0]["id"])
    services.mark_read(world, officer, MON, mine[0]["id"])
    with world.read() as cur:
        assert queries.unread(cur, officer.user_id)[0] == 0
        assert queries.unread(cur, actor_of(world, "ithead").user_id)[0] == 1
    assert services.mark_all_read(world, actor_of(world, "ithead"), MON) == 1


def test_the_deadline_scan_warns_once_then_escalates_a_breach_to_the_it_head(world):
    ticket_id = _report(world)
    tickets.assign(world, actor_of(world, "ithead"), MON, ticket_id, actor_of(world, "itofficer").user_id)
    # the 10-minute analysis clock: near at 8 minutes, breached after 10
    assert watch.scan(world, MON + timedelta(minutes=8, seconds=30)) == 1
    assert watch.scan(world, MON + timedelta(minutes=9)) == 0  # not repeated
    assert _recipients(world, "ticket_near") == ["itofficer"]
    assert watch.scan(world, MON + timedelta(minutes=12)) == 2
    assert watch.scan(world, MON + timedelta(minutes=13)) == 0
    assert _recipients(world, "ticket_breach") == ["ithead", "itofficer"]
    assert _rows(world, "SELECT DISTINCT urgent FROM notifications WHERE kind = 'ticket_breach'") == [(True,)]


def test_the_disk_warning_goes_to_the_admin_once_a_day(world):
    mb = 2**20
    assert watch.check_disk(world, MON, free=500 * mb, minimum=200 * mb) == 0
    assert watch.check_disk(world, MON, free=300 * mb, minimum=200 * mb) == 1
    assert watch.check_disk(world, MON + timedelta(hours=1), free=300 * mb, minimum=200 * mb) == 0
    assert _recipients(world, "disk_low") == ["admin"]
    assert services.on_backup_failed(world, MON, "disk full") == 1


def test_retry_delays_grow_and_end_in_a_dead_letter():
    delays = [rules.retry_delay(n) for n in range(1, 8)]
    assert delays == sorted(delays) and delays[0] == timedelta(minutes=1) and delays[-1] <= rules.MAX_RETRY
    assert rules.after_failure(1, MON) == ("pending", MON + timedelta(minutes=1))
    assert rules.after_failure(rules.MAX_ATTEMPTS, MON) == ("dead", MON)


def test_quiet_hours_hold_everything_but_urgent_kinds():
    assert rules.may_send_now(urgent=False, office_open=True)
    assert not rules.may_send_now(urgent=False, office_open=False)
    assert rules.may_send_now(urgent=True, office_open=False)


def test_links_codes_and_retry_keys():
    assert (
        rules.item_link("https://pattana.example/", "tickets", {"ticket": "TK2570-00001"})
        == "https://pattana.example/tickets?ticket=TK2570-00001"
    )
    assert rules.item_link("http://x", "home", {}) == "http://x/"
    code = rules.new_link_code()
    assert rules.parse_link_code(f"  link {code.lower()} ") == code
    assert rules.parse_link_code("hello there") is None
    assert rules.retry_uuid("n1-line") == rules.retry_uuid("n1-line") != rules.retry_uuid("n2-line")
