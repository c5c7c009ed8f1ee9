"""Ticket services on a real database: the workflow, refusals that change nothing, the
projection rebuilt from the event log, auto-closing, calendar changes and the KPI figures."""

import itertools
from datetime import date, datetime, timedelta

import pytest

from core import calendar_store, demo
from core.errors import Forbidden, ValidationError
from core.tickets import kpi, queries, repository, services
from core.tickets.area import my_tickets
from tests.conftest import actor_of

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MON = datetime(2026, 11, 23, 9, 0)  # Monday 23 Nov 2026


@pytest.fixture
def world(db):
    """The empty database with the demo users and one system in service."""

    def work(cur):
        for username, name, position, unit, roles in demo.USERS:
            user_id = cur.execute(
                "INSERT INTO users (username, full_name, position, unit_code, password_hash,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?) RETURNING id",
                [username, name, position, unit, MON, MON],
            ).fetchone()[0]
            for role in roles:
                cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
        cur.execute(
            "INSERT INTO systems (code, name_th, name_en, kind, in_service_since)"
            " VALUES ('ETAX', 'ระบบภาษี', 'Tax', 'eservice', DATE '2024-01-01')"
        )
        cur.execute(
            "INSERT INTO systems (code, name_th, name_en, kind)"
            " VALUES ('DRAFT', 'ระบบที่ยังไม่เปิด', 'Not live', 'internal')"
        )

    db.write(work)
    return db


def _system(db, code="ETAX"):
    with db.read() as cur:
        return cur.execute("SELECT id FROM systems WHERE code = ?", [code]).fetchone()[0]


_REPORTS = itertools.count(1)


def _report(db, who="staff", when=MON, **kw):
    """A ticket; each one's description differs, so rapid reports are not refused as the same
    report filed twice (that guard has its own tests)."""
    values = (
        dict(
            system_id=_system(db),
            ticket_type="problem",
            title="พิมพ์ใบเสร็จไม่ได้",
            description=f"กดพิมพ์แล้วค้าง (เครื่องที่ {next(_REPORTS)})",
        )
        | kw
    )
    return services.report_ticket(db, actor_of(db, who), when, **values)


def _counts(db):
    with db.read() as cur:
        return tuple(
            cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("tickets", "ticket_events", "attachments", "ticket_sla", "audit_log")
        )


def _sla(db, ticket_id):
    with db.read() as cur:
        cur.execute("SELECT * FROM ticket_sla WHERE ticket_id = ?", [ticket_id])
        return dict(zip([d[0] for d in cur.description], cur.fetchone()))


def test_a_ticket_goes_from_report_to_closure_and_is_rated(world):
    db = world
    ticket = _report(db, screenshots=[("screen.png", PNG)])
    officer, staff = actor_of(db, "itofficer"), actor_of(db, "staff")
    t = MON
    for verb, who, minutes in [
        ("start_analysis", officer, 2),
        ("finish_analysis", officer, 6),
        ("wait", officer, 8),
        ("resume", staff, 120),
        ("resolve", officer, 123),
        ("close", staff, 200),
    ]:
        services.act(db, who, t + timedelta(minutes=minutes), ticket, verb, note="")
    services.rate(db, staff, t + timedelta(minutes=210), ticket, 5, "เร็วมาก")
    row = _sla(db, ticket)
    assert row["status"] == "closed" and row["assignee_id"] == officer.user_id
    assert row["analysis_state"] == "met" and row["analysis_elapsed_s"] == 6 * 60
    # resolution: 09:06-09:08 (2 min) + 11:00-11:03 (3 min); waiting 09:08-11:00 not counted
    assert row["resolution_state"] == "met" and row["resolution_elapsed_s"] == 5 * 60
    with db.read() as cur:
        kinds = [e["kind"] for e in queries.events_of(cur, ticket)]
        assert repository.get_ticket(cur, ticket)["code"] == "TK2570-00001"
    assert kinds == [
        "report",
        "assign",
        "start_analysis",
        "finish_analysis",
        "wait",
        "resume",
        "resolve",
        "close",
    ]


def test_an_it_officer_records_a_phone_report_on_behalf_of_staff(world):
    db = world
    staff = actor_of(db, "staff")
    ticket = _report(db, who="itofficer", channel="phone", reporter_id=staff.user_id)
    with db.read() as cur:
        row = repository.get_ticket(cur, ticket)
    assert row["reporter_id"] == staff.user_id and row["reporter_unit_code"] == "FINANCE"
    with pytest.raises(Forbidden):
        _report(db, who="staff2", reporter_id=staff.user_id)


@pytest.mark.parametrize(
    "bad",
    [
        dict(system_id=None),
        dict(description=""),
        dict(screenshots=[("evil.exe", b"MZ...")]),
        dict(screenshots=[("big.png", PNG + b"\x00" * (5 * 1024 * 1024))]),
        dict(screenshots=[("doc.pdf", b"%PDF-1.4")]),
    ],
)
def test_bad_intake_is_refused_and_nothing_is_stored(world, bad):
    before = _counts(world)
    with pytest.raises(ValidationError):
        _report(world, **bad)
    assert _counts(world) == before


def test_a_system_not_in_service_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _report(world, system_id=_system(world, "DRAFT"))
    assert error.value.code == "tickets.system_not_in_service"


def test_a_change_by_someone_who_may_not_make_it_is_refused_and_changes_nothing(world):
    db = world
    ticket = _report(db)
    before = _counts(db)
    with pytest.raises(Forbidden):
        services.act(db, actor_of(db, "staff"), MON, ticket, "start_analysis")
    with pytest.raises(Forbidden):
        services.assign(db, actor_of(db, "staff"), MON, ticket, actor_of(db, "staff").user_id)
    with pytest.raises(Forbidden):
        services.save_targets(db, actor_of(db, "staff"), MON, {"problem": (1, 1), "requirement": (1, 1)})
    assert _counts(db) == before


def test_a_transition_not_allowed_from_the_current_state_changes_nothing(world):
    db = world
    ticket = _report(db)
    before = _counts(db)
    with pytest.raises(ValidationError) as error:
        services.act(db, actor_of(db, "itofficer"), MON, ticket, "resolve")
    assert error.value.code == "tickets.transition_not_allowed"
    assert _counts(db) == before


def test_another_staff_member_may_not_confirm_or_rate_someone_elses_ticket(world):
    db = world
    ticket = _report(db)
    officer = actor_of(db, "itofficer")
    for verb in ("finish_analysis", "resolve"):
        services.act(db, officer, MON + timedelta(minutes=5), ticket, verb)
    with pytest.raises(Forbidden):
        services.act(db, actor_of(db, "staff2"), MON + timedelta(minutes=9), ticket, "close")
    services.act(db, actor_of(db, "staff"), MON + timedelta(minutes=9), ticket, "close")
    with pytest.raises(Forbidden):
        services.rate(db, actor_of(db, "staff2"), MON + timedelta(minutes=10), ticket, 4)
    with pytest.raises(ValidationError):
        services.rate(db, actor_of(db, "staff"), MON + timedelta(minutes=10), ticket, 6)


def test_a_duplicate_is_merged_into_its_original_and_leaves_the_figures(world):
    db = world
    original, duplicate = _report(db), _report(db, who="staff2")
    with db.read() as cur:
        code = repository.get_ticket(cur, original)["code"]
    with pytest.raises(ValidationError):
        services.merge(db, actor_of(db, "itofficer"), MON, original, code)
    services.merge(db, actor_of(db, "itofficer"), MON + timedelta(minutes=1), duplicate, code)
    with db.read() as cur:
        assert repository.get_ticket(cur, duplicate)["original_code"] == code
        assert kpi.backlog(cur, MON + timedelta(minutes=1))["open"].tolist() == [1, 0]


def test_only_it_staff_can_be_assigned(world):
    db = world
    ticket = _report(db)
    with pytest.raises(ValidationError):
        services.assign(db, actor_of(db, "ithead"), MON, ticket, actor_of(db, "staff").user_id)
    services.assign(db, actor_of(db, "ithead"), MON, ticket, actor_of(db, "itofficer2").user_id)
    assert _sla(db, ticket)["assignee_id"] == actor_of(db, "itofficer2").user_id


def test_a_resolved_ticket_closes_itself_after_5_working_days_once(world):
    db = world
    ticket = _report(db)
    officer = actor_of(db, "itofficer")
    services.act(db, officer, MON + timedelta(minutes=5), ticket, "finish_analysis")
    services.act(db, officer, MON + timedelta(minutes=9), ticket, "resolve")  # Mon 09:09
    assert services.close_confirmed_or_stale(db, datetime(2026, 11, 30, 9, 8)) == []
    # 5 working days after Mon 23 Nov 09:09 is Mon 30 Nov 09:09 (no holiday in between)
    assert services.close_confirmed_or_stale(db, datetime(2026, 12, 1, 8, 0)) == [ticket]
    assert services.close_confirmed_or_stale(db, datetime(2026, 12, 1, 8, 0)) == []
    row = _sla(db, ticket)
    assert row["status"] == "closed" and row["closed_at"] == datetime(2026, 11, 30, 9, 9)


def test_a_holiday_added_in_settings_moves_the_due_time_of_an_open_ticket(world):
    db = world
    ithead = actor_of(db, "ithead")
    ticket = _report(db, ticket_type="requirement", when=datetime(2026, 12, 2, 9, 0))
    services.act(db, actor_of(db, "itofficer"), datetime(2026, 12, 2, 10, 0), ticket, "finish_analysis")
    # 15 working days from Wed 2 Dec 10:00 skip 7 Dec (substitution for Father's Day) and 10 Dec
    # (Constitution Day): due Fri 25 Dec 10:00
    assert _sla(db, ticket)["resolution_due"] == datetime(2026, 12, 25, 10, 0)
    added = services.add_calendar_day(
        db,
        ithead,
        datetime(2026, 12, 3, 8, 0),
        day=date(2026, 12, 11),
        kind="closed",
        name="วันหยุดพิเศษตามมติ ครม.",
    )
    assert _sla(db, ticket)["resolution_due"] == datetime(2026, 12, 28, 10, 0)
    services.remove_calendar_day(db, ithead, datetime(2026, 12, 3, 8, 5), added)
    assert _sla(db, ticket)["resolution_due"] == datetime(2026, 12, 25, 10, 0)


def test_holiday_data_with_overlapping_or_inverted_periods_is_refused_and_nothing_changes(world):
    db = world
    ithead = actor_of(db, "ithead")
    from datetime import time

    services.add_calendar_day(
        db,
        ithead,
        MON,
        day=date(2026, 12, 23),
        kind="half_day",
        name="ทำบุญ",
        start_time=time(13, 0),
        end_time=time(16, 30),
    )
    with db.read() as cur:
        before = calendar_store.list_adjustments(cur)
    for start, end, code in [
        (time(15, 0), time(16, 0), "calendar.overlapping_periods"),
        (time(11, 0), time(9, 0), "calendar.inverted_period"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.add_calendar_day(
                db,
                ithead,
                MON,
                day=date(2026, 12, 23),
                kind="half_day",
                name="x",
                start_time=start,
                end_time=end,
            )
        assert error.value.code == code
    with pytest.raises(Forbidden):
        services.add_calendar_day(
            db, actor_of(db, "itofficer"), MON, day=date(2026, 12, 24), kind="closed", name="x"
        )
    with db.read() as cur:
        assert calendar_store.list_adjustments(cur) == before


def test_new_targets_are_audited_and_recompute_every_ticket(world):
    db = world
    ticket = _report(db)
    assert _sla(db, ticket)["analysis_due"] == MON + timedelta(minutes=10)
    services.save_targets(
        db, actor_of(db, "ithead"), MON, {"problem": (30, 30), "requirement": (120, 6300)}, 3
    )
    assert _sla(db, ticket)["analysis_due"] == MON + timedelta(minutes=30)
    with pytest.raises(Forbidden):
        services.save_targets(db, actor_of(db, "itofficer"), MON, {"problem": (1, 1), "requirement": (1, 1)})
    with db.read() as cur:
        assert (
            cur.execute("SELECT count(*) FROM audit_log WHERE action = 'settings.change'").fetchone()[0] == 2
        )


def test_the_projection_equals_a_rebuild_from_the_event_log_on_the_demo_data(demo_db):
    with demo_db.read() as cur:
        before = cur.execute("SELECT * EXCLUDE (computed_at) FROM ticket_sla ORDER BY ticket_id").fetchall()
        assert len(before) > 300
    now = datetime(2026, 11, 24, 10, 0)
    demo_db.write(lambda cur: services.rebuild_all(cur, now))
    with demo_db.read() as cur:
        after = cur.execute("SELECT * EXCLUDE (computed_at) FROM ticket_sla ORDER BY ticket_id").fetchall()
        assert services.sla_is_fresh(cur)
    assert after == before


def test_home_shows_the_officer_near_breach_and_unassigned_and_the_reporter_what_waits(demo_db):
    now = datetime(2026, 11, 24, 10, 0)
    with demo_db.read() as cur:
        officer = my_tickets(cur, actor_of(demo_db, "itofficer"), now, "th")
        staff = my_tickets(cur, actor_of(demo_db, "staff"), now, "th")
    details = [i.detail for i in officer]
    assert any(d.startswith("เกินเวลามาตรฐาน") for d in details)
    assert any(d.startswith("ใกล้ครบกำหนด") for d in details)
    assert any(d.startswith("ยังไม่มีผู้รับผิดชอบ") for d in details)
    assert {i.detail for i in staff} >= {"เจ้าหน้าที่ขอข้อมูลเพิ่มเติมจากคุณ", "แก้ไขแล้ว กรุณายืนยันผล"}


def test_a_report_sent_twice_is_recorded_once_and_the_second_names_the_first(world):
    same = {"description": "กดพิมพ์แล้วค้าง"}
    first = _report(world, **same)
    before = _counts(world)
    with pytest.raises(ValidationError) as error:
        _report(world, when=MON + timedelta(seconds=3), **same)
    with world.read() as cur:
        code = repository.get_ticket(cur, first)["code"]
    assert code in error.value.message("th")
    assert _counts(world) == before
    assert _report(world, when=MON + timedelta(minutes=11), **same) != first  # reported again later: new
    assert _report(world, who="itofficer", when=MON + timedelta(minutes=1), **same) != first  # another person


def test_a_queues_records_give_the_same_clocks_as_reading_it_at_that_time_and_are_not_changed(world):
    first = _report(world, when=MON)
    _report(world, when=MON + timedelta(minutes=3))
    officer = actor_of(world, "itofficer")
    later = MON + timedelta(hours=3)
    with world.read() as cur:
        records = services.queue_records(cur, "unassigned", officer.user_id, later.year)
        read_later = services.queue_rows(cur, "unassigned", officer, later)
    kept = [dict(row) for row in records.rows]
    at_report = services.with_clocks(records, "unassigned", MON + timedelta(minutes=5))
    computed_later = services.with_clocks(records, "unassigned", later)
    assert [(r["id"], r["left"], r["flag"]) for r in computed_later] == [
        (r["id"], r["left"], r["flag"]) for r in read_later
    ]
    assert [dict(row) for row in records.rows] == kept  # the shared records are left as they were
    first_then = next(r for r in at_report if r["id"] == first)
    first_later = next(r for r in computed_later if r["id"] == first)
    assert first_later["left"] < first_then["left"]  # the same records, a later time: less time left
    assert first_later["flag"] == "breached" and first_then["flag"] != "breached"
