"""KPI figures of tickets against hand-computed values."""

from datetime import datetime, timedelta

from core.tickets import kpi, services
from tests.conftest import actor_of
from tests.test_tickets_services import MON, _report, world  # noqa: F401 - fixture

M = lambda minutes: MON + timedelta(minutes=minutes)  # noqa: E731
NOW = datetime(2026, 11, 23, 11, 0)


def _build(db):
    officer, staff = actor_of(db, "itofficer"), actor_of(db, "staff")
    met = _report(db)  # analysis 6 min, resolution 4 min: both met
    services.act(db, officer, M(6), met, "finish_analysis")
    services.act(db, officer, M(10), met, "resolve")
    services.act(db, staff, M(20), met, "close")
    services.rate(db, staff, M(21), met, 5)
    late = _report(db, when=M(1))  # analysis 15 min: breached; resolution 5: met
    services.act(db, officer, M(16), late, "finish_analysis")
    services.act(db, officer, M(21), late, "resolve")
    services.act(db, staff, M(30), late, "close")
    services.rate(db, staff, M(31), late, 2)
    _report(db, when=M(2))  # never analysed: breached at NOW (due 09:12)
    requirement = _report(db, when=M(3), ticket_type="requirement")
    services.act(db, officer, M(30), requirement, "finish_analysis")  # analysis met, resolution running
    duplicate = _report(db, when=M(4))
    with db.read() as cur:
        code = cur.execute("SELECT code FROM tickets WHERE id = ?", [met]).fetchone()[0]
    services.merge(db, officer, M(5), duplicate, code)
    return met


def test_sla_by_month_counts_decided_clocks_and_running_clocks_past_due(world):
    _build(world)
    with world.read() as cur:
        frame = kpi.sla_by_month(cur, [2570], NOW)
    assert list(frame.columns[:8]) == [
        "fiscal_year",
        "month",
        "type",
        "clock",
        "total",
        "met",
        "breached",
        "percent_met",
    ]
    rows = {(r.type, r.clock): (r.total, r.met, r.breached, r.percent_met) for r in frame.itertuples()}
    assert rows == {
        ("problem", "analysis"): (3, 1, 2, 33.3),
        ("problem", "resolution"): (2, 2, 0, 100.0),
        ("requirement", "analysis"): (1, 1, 0, 100.0),
    }
    assert set(frame["month"].astype(str)) == {"2026-11-01"}
    assert frame.set_index(["type", "clock"]).loc[("problem", "analysis"), "median_minutes"] == 10.5
    with world.read() as cur:
        assert kpi.sla_by_month(cur, [2569], NOW).empty


def test_backlog_counts_open_tickets_and_those_breached_now(world):
    _build(world)
    with world.read() as cur:
        frame = kpi.backlog(cur, NOW)
        early = kpi.backlog(cur, M(5))
    assert frame.values.tolist() == [["problem", 1, 1], ["requirement", 1, 0]]
    assert early.values.tolist() == [["problem", 1, 0], ["requirement", 1, 0]]  # not yet due at 09:05


def test_tickets_of_a_system_and_the_rating_summary(world):
    _build(world)
    with world.read() as cur:
        system = cur.execute("SELECT id FROM systems WHERE code = 'ETAX'").fetchone()[0]
        tickets = kpi.tickets_of_system(cur, system)
        ratings = kpi.rating_summary(cur, [2569, 2570])
    assert list(tickets.columns) == ["id", "code", "type", "title", "status", "reported_at"]
    assert len(tickets) == 5 and tickets["status"].tolist().count("closed") == 2
    assert ratings.values.tolist() == [[2570, 2, 3.5]]
