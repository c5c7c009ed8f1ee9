"""The home page's work list kept per user until something is recorded or a minute passes
(``ui.work_views``; issue 18), and never shown to another user."""

from datetime import timedelta

import pytest

from core import areas
from tests.conftest import FIXED_NOW, file_ticket, goto


@pytest.fixture
def counted_lists(monkeypatch):
    """Count the work lists read (the home page reads one through ``areas.my_work``)."""
    from ui import work_views

    calls = []
    read = areas.my_work

    def counting(cur, actor, now, lang):
        calls.append(actor.username)
        return read(cur, actor, now, lang)

    monkeypatch.setattr(areas, "my_work", counting)
    monkeypatch.setattr(work_views, "CACHE_ON", True)
    monkeypatch.setattr(work_views, "now", lambda: FIXED_NOW)  # one minute for the whole test
    return calls


def _shown_items(at) -> list[str]:
    return [m.value for m in at.markdown if "**" in m.value]


def test_a_second_run_of_the_home_page_does_not_read_the_work_list_again(signed_in, counted_lists):
    at = goto(signed_in("ithead"), "home")
    counted_lists.clear()
    at.run()
    at.run()
    assert not at.exception
    assert counted_lists == []


def test_anything_recorded_reads_the_work_list_again_at_the_next_run(signed_in, counted_lists):
    from ui.context import database

    at = goto(signed_in("ithead"), "home")
    counted_lists.clear()
    database().write(lambda cur: cur.execute("UPDATE settings SET updated_at = updated_at"))
    at.run()
    assert not at.exception
    assert counted_lists == ["ithead"]


def test_the_work_list_is_read_again_once_a_minute_has_passed(signed_in, counted_lists, monkeypatch):
    from ui import work_views

    at = goto(signed_in("ithead"), "home")
    counted_lists.clear()
    later = FIXED_NOW + timedelta(seconds=work_views.PERIOD_SECONDS)
    monkeypatch.setattr(work_views, "now", lambda: later)  # an item may have fallen overdue
    at.run()
    assert not at.exception
    assert counted_lists == ["ithead"]


def test_each_user_gets_their_own_list_not_a_list_kept_for_someone_else(signed_in, counted_lists):
    head = goto(signed_in("ithead"), "home")
    staff = goto(signed_in("staff"), "home")
    assert not head.exception and not staff.exception
    assert "ithead" in counted_lists and "staff" in counted_lists
    assert _shown_items(head) != _shown_items(staff)


def test_with_the_cache_off_every_run_reads_the_work_list(signed_in, counted_lists, monkeypatch):
    from ui import work_views

    monkeypatch.setattr(work_views, "CACHE_ON", False)
    at = goto(signed_in("ithead"), "home")
    counted_lists.clear()
    at.run()
    assert not at.exception
    assert counted_lists == ["ithead"]


def test_after_the_minute_the_list_is_made_from_the_kept_reads_and_what_the_time_changes_is_new(
    signed_in, counted_lists, monkeypatch
):
    from core import db as store
    from ui import work_views

    file_ticket("จอคอมพิวเตอร์ห้องประชุมดับ", "เปิดไม่ติดตั้งแต่เช้า")
    at = goto(signed_in("itofficer"), "home")
    [fresh] = [item for item in _shown_items(at) if "จอคอมพิวเตอร์ห้องประชุมดับ" in item]
    assert "เกินกำหนด" not in fresh

    statements, from_memory = [], []
    execute = store.RecordedReads.execute

    def counting(reads, sql, parameters=None):
        before = len(reads._memo)
        result = execute(reads, sql, parameters)
        (statements if len(reads._memo) > before else from_memory).append(sql)
        return result

    monkeypatch.setattr(store.RecordedReads, "execute", counting)
    later = FIXED_NOW + timedelta(days=1)  # nothing recorded; the ticket's first clock has run out
    monkeypatch.setattr(work_views, "now", lambda: later)
    at.run()
    assert not at.exception
    [overdue] = [item for item in _shown_items(at) if "จอคอมพิวเตอร์ห้องประชุมดับ" in item]
    assert "เกินกำหนด" in overdue
    assert counted_lists[-1] == "itofficer"
    assert len(from_memory) >= 10
    assert len(statements) <= 2  # only the reads that take the time went to the database
