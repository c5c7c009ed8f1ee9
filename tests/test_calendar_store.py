"""The stored working calendar read once per unit of work (``core.calendar_store``; issue 18),
and a change made within a unit seen by the rest of that unit."""

from datetime import date, datetime

from core import calendar_store
from tests.conftest import actor_of

NOW = datetime(2026, 11, 24, 10, 0)
DAY = date(2026, 11, 25)  # a Wednesday


def _counting_reads(monkeypatch) -> list:
    reads = []
    read = calendar_store._read_stored_inputs
    monkeypatch.setattr(calendar_store, "_read_stored_inputs", lambda cur: reads.append(cur) or read(cur))
    return reads


def test_one_unit_of_work_reads_the_stored_calendar_once_however_often_it_asks(demo_db, monkeypatch):
    reads = _counting_reads(monkeypatch)
    with demo_db.read() as cur:
        first = calendar_store.calendar_around(cur, NOW)
        again = calendar_store.calendar_around(cur, NOW)
        calendar_store.calendar_covering(cur, [NOW, DAY])
    assert len(reads) == 1
    assert first is again
    with demo_db.read() as cur:  # the next unit of work reads afresh
        calendar_store.calendar_around(cur, NOW)
    assert len(reads) == 2


def test_a_day_closed_in_a_unit_of_work_is_closed_for_the_rest_of_it(demo_db, monkeypatch):
    seen = []

    def follower(cur, now):  # as an area's recomputation after a calendar change
        seen.append(calendar_store.calendar_around(cur, now).is_working_day(DAY))

    admin = actor_of(demo_db, "ithead")
    with demo_db.read() as cur:
        assert calendar_store.calendar_around(cur, NOW).is_working_day(DAY)
    new_id = calendar_store.add_adjustment(
        demo_db, admin, NOW, day=DAY, kind="closed", name="วันหยุดท้องถิ่น", followers=[follower]
    )
    assert seen == [False]
    calendar_store.remove_adjustment(demo_db, admin, NOW, new_id, followers=[follower])
    assert seen == [False, True]
    with demo_db.read() as cur:
        assert calendar_store.calendar_around(cur, NOW).is_working_day(DAY)
