"""The tickets' background work (SLA rebuild, auto-close) runs on the scheduler, and opening the
tickets page writes nothing."""

from datetime import date, datetime, timedelta

from core import bootstrap, calendar_store
from core.reliability.scheduler import UPKEEP_SECONDS, Scheduler
from core.tickets import services
from tests.conftest import actor_of, goto
from tests.test_tickets_services import MON, world  # noqa: F401 - fixture


def _world(db) -> int:
    """One ticket of the ``world`` fixture's system, resolved on Monday 23 Nov 2026 at 09:09."""
    with db.read() as cur:
        system_id = cur.execute("SELECT id FROM systems WHERE code = 'ETAX'").fetchone()[0]
    return _resolved_ticket(db, system_id, MON)


def _resolved_ticket(db, system_id: int, when: datetime) -> int:
    ticket = services.report_ticket(
        db,
        actor_of(db, "staff"),
        when,
        system_id=system_id,
        ticket_type="problem",
        title="พิมพ์ใบเสร็จไม่ได้",
        description="กดพิมพ์แล้วค้าง",
    )
    officer = actor_of(db, "itofficer")
    services.act(db, officer, when + timedelta(minutes=5), ticket, "finish_analysis")
    services.act(db, officer, when + timedelta(minutes=9), ticket, "resolve")
    return ticket


def _status(db, ticket_id: int) -> str:
    with db.read() as cur:
        return cur.execute("SELECT status FROM ticket_sla WHERE ticket_id = ?", [ticket_id]).fetchone()[0]


def test_the_scheduler_closes_a_resolved_ticket_left_unanswered_once_it_is_due(world, tmp_path):
    db = world
    ticket = _world(db)
    clock = [datetime(2026, 11, 30, 9, 8)]  # one minute before the 5 working days are over
    scheduler = Scheduler(db, clock=lambda: clock[0], root=tmp_path / "backups", heartbeat=False)
    scheduler.tick(backups_allowed=False)
    assert _status(db, ticket) == "resolved"
    clock[0] = datetime(2026, 12, 1, 8, 0)
    scheduler.tick(backups_allowed=False)
    assert _status(db, ticket) == "closed"
    with db.read() as cur:
        kinds = [
            r[0]
            for r in cur.execute(
                "SELECT kind FROM ticket_events WHERE ticket_id = ? ORDER BY id", [ticket]
            ).fetchall()
        ]
    assert kinds.count("auto_close") == 1


def test_the_scheduler_rebuilds_the_sla_rows_after_a_calendar_change_at_most_once_a_minute(world, tmp_path):
    db = world
    _world(db)
    admin = actor_of(db, "ithead")
    scheduler = Scheduler(
        db, clock=lambda: MON + timedelta(hours=1), root=tmp_path / "backups", heartbeat=False
    )
    scheduler.tickets_upkeep(MON + timedelta(hours=1))
    calendar_store.add_adjustment(
        db, admin, MON + timedelta(hours=2), day=date(2026, 11, 25), kind="closed", name="วันหยุดท้องถิ่น"
    )
    with db.read() as cur:
        assert not services.sla_is_fresh(cur)
    scheduler.tickets_upkeep(MON + timedelta(hours=1, seconds=UPKEEP_SECONDS - 1))  # too soon: nothing
    with db.read() as cur:
        assert not services.sla_is_fresh(cur)
    scheduler.tickets_upkeep(MON + timedelta(hours=2, minutes=1))
    with db.read() as cur:
        assert services.sla_is_fresh(cur)


def test_opening_the_tickets_page_writes_nothing(signed_in, app_env):
    database = bootstrap.open_database(app_env, demo=False)
    try:
        with database.read() as cur:
            system_id = cur.execute("SELECT min(id) FROM systems").fetchone()[0]
        ticket = _resolved_ticket(database, system_id, MON - timedelta(days=21))  # long due for closing
        with database.read() as cur:
            before = cur.execute("SELECT count(*) FROM ticket_events").fetchone()[0]
    finally:
        database.close()
    for username in ("itofficer", "staff"):
        at = goto(signed_in(username), "tickets")
        assert not at.exception and not at.error, username
        assert at.dataframe, username  # the queues are shown

    from ui.context import _open_database  # the app's own connection (one DuckDB file per process)

    app_db = _open_database(str(app_env), False)
    with app_db.read() as cur:
        assert cur.execute("SELECT count(*) FROM ticket_events").fetchone()[0] == before
        assert (
            cur.execute("SELECT status FROM ticket_sla WHERE ticket_id = ?", [ticket]).fetchone()[0]
            == "resolved"
        )
    assert services.upkeep(app_db, datetime(2026, 11, 24, 10, 0)) == [ticket]  # what the scheduler does
