"""SLA clocks of tickets computed from events: hand-worked cases and properties (hypothesis)."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ValidationError
from core.tickets import rules, sla
from core.tickets.sla import Event, Targets, ticket_clocks
from core.workcalendar import WORKING_DAY, build_calendar

CAL = build_calendar((2026, 2027), half_days=[(date(2026, 12, 23), time(13, 0), time(16, 30))])
PROBLEM = sla.DEFAULT_TARGETS["problem"]
REQUIREMENT = sla.DEFAULT_TARGETS["requirement"]


def at(month, day, hour, minute=0, year=2026):
    return datetime(year, month, day, hour, minute)


def test_the_default_targets_are_the_manuals_10_plus_10_minutes_and_2_hours_plus_15_working_days():
    assert PROBLEM == Targets(timedelta(minutes=10), timedelta(minutes=10))
    assert REQUIREMENT == Targets(timedelta(hours=2), timedelta(hours=105))


def test_a_problem_reported_at_11_55_and_analysed_at_13_04_met_its_analysis_clock():
    reported = at(11, 24, 11, 55)
    analysis, resolution = ticket_clocks(
        reported, [Event(at(11, 24, 13, 4), "finish_analysis")], PROBLEM, CAL, at(11, 24, 13, 10)
    )
    assert analysis.due == at(11, 24, 13, 5)  # 5 minutes before lunch, 5 after
    assert analysis.state == "met" and analysis.elapsed == timedelta(minutes=9)
    assert resolution.state == "running" and resolution.due == at(11, 24, 13, 14)


def test_an_unanalysed_problem_is_breached_once_its_10_working_minutes_pass():
    reported = at(11, 24, 16, 25)  # 5 minutes before closing: due next morning 08:35
    analysis, resolution = ticket_clocks(reported, [], PROBLEM, CAL, at(11, 25, 8, 36))
    assert analysis.due == at(11, 25, 8, 35)
    assert analysis.state == "breached" and analysis.remaining == timedelta(minutes=-1)
    assert resolution.state == "not_started" and resolution.due is None


def test_waiting_for_the_reporter_pauses_only_the_resolution_clock():
    reported = at(11, 24, 9, 0)
    events = [Event(at(11, 24, 9, 5), "finish_analysis"), Event(at(11, 24, 9, 10), "wait")]
    analysis, resolution = ticket_clocks(reported, events, PROBLEM, CAL, at(11, 26, 15, 0))
    assert analysis.state == "met"
    assert resolution.state == "paused" and resolution.due is None
    assert resolution.remaining == timedelta(minutes=5)
    events.append(Event(at(11, 26, 15, 0), "resume"))
    _, resumed = ticket_clocks(reported, events, PROBLEM, CAL, at(11, 26, 15, 1))
    assert resumed.state == "running" and resumed.due == at(11, 26, 15, 5)


def test_a_requirement_analysed_on_the_half_day_is_due_half_a_day_later_than_without_it():
    reported = at(12, 23, 9, 0)
    events = [Event(at(12, 23, 10, 0), "finish_analysis")]
    _, resolution = ticket_clocks(reported, events, REQUIREMENT, CAL, at(12, 23, 11, 0))
    plain = build_calendar((2026, 2027))
    _, without = ticket_clocks(reported, events, REQUIREMENT, plain, at(12, 23, 11, 0))
    assert plain.working_time_between(without.due, resolution.due) == timedelta(hours=3, minutes=30)
    # 15 working days from Wed 23 Dec 10:00 skip 31 Dec and 1 Jan 2027 (New Year)
    assert without.due == at(1, 15, 10, 0, year=2027)


def test_resolved_then_reopened_counts_only_the_time_worked():
    reported = at(11, 24, 9, 0)
    events = [
        Event(at(11, 24, 9, 5), "finish_analysis"),
        Event(at(11, 24, 9, 12), "resolve"),
        Event(at(11, 24, 14, 0), "reopen"),
        Event(at(11, 24, 14, 2), "resolve"),
    ]
    _, resolution = ticket_clocks(reported, events, PROBLEM, CAL, at(11, 30, 9, 0))
    assert resolution.elapsed == timedelta(minutes=9)
    assert resolution.state == "met" and resolution.stopped_at == at(11, 24, 14, 2)


def test_a_merged_duplicate_cancels_its_running_clocks():
    analysis, resolution = ticket_clocks(
        at(11, 24, 9, 0), [Event(at(11, 24, 9, 3), "merge")], PROBLEM, CAL, at(11, 30, 9, 0)
    )
    assert (analysis.state, resolution.state) == ("cancelled", "cancelled")


def test_less_than_20_percent_left_is_near_breach():
    analysis, _ = ticket_clocks(at(11, 24, 9, 0), [], PROBLEM, CAL, datetime(2026, 11, 24, 9, 8, 30))
    assert analysis.near_breach and analysis.state == "running"
    early, _ = ticket_clocks(at(11, 24, 9, 0), [], PROBLEM, CAL, at(11, 24, 9, 7))
    assert not early.near_breach


def test_transitions_not_allowed_from_the_current_state_are_refused():
    assert rules.next_status("new", "start_analysis") == "analysing"
    assert rules.next_status("in_progress", "assign") == "in_progress"
    with pytest.raises(ValidationError) as error:
        rules.next_status("new", "resolve")
    assert error.value.code == "tickets.transition_not_allowed"
    assert "แก้ไขเสร็จแล้ว" in error.value.message("th") and "รับเรื่องใหม่" in error.value.message("th")
    with pytest.raises(ValidationError):
        rules.next_status("closed", "wait")


@pytest.mark.parametrize(
    "change, field",
    [({"system_id": None}, "tickets.field.system"), ({"description": "   "}, "tickets.field.description")],
)
def test_a_ticket_without_a_system_or_a_description_is_refused(change, field):
    values = (
        dict(system_id=1, ticket_type="problem", title="x", description="y", channel="app", urgency="normal")
        | change
    )
    with pytest.raises(ValidationError) as error:
        rules.clean_intake(**values)
    assert error.value.params["field"] == field


def test_a_ticket_without_a_title_is_refused_with_a_thai_message_not_titled_from_its_description():
    values = dict(
        system_id=1,
        ticket_type="problem",
        title="  ",
        description="พิมพ์ไม่ออก",
        channel="app",
        urgency="normal",
    )
    with pytest.raises(ValidationError) as error:
        rules.clean_intake(**values)
    assert error.value.message("th") == "กรุณากรอกเรื่องที่แจ้ง (สรุปปัญหาหรือความต้องการสั้น ๆ)"


def test_the_same_report_by_the_same_reporter_within_ten_minutes_is_a_duplicate_and_later_it_is_not():
    now = datetime(2026, 11, 24, 10, 0)
    fields = {"system_id": 3, "title": "พิมพ์ไม่ออก", "description": "กดพิมพ์แล้วค้าง"}
    earlier = {**fields, "code": "TK2570-00007", "reported_at": now - timedelta(minutes=2)}
    assert rules.is_duplicate_report(fields, [earlier], now) == earlier
    assert (
        rules.is_duplicate_report(fields, [{**earlier, "reported_at": now - timedelta(minutes=11)}], now)
        is None
    )
    for change in ({"system_id": 4}, {"title": "พิมพ์ไม่ออก 2"}, {"description": "ค้างที่หน้าแรก"}):
        assert rules.is_duplicate_report(fields | change, [earlier], now) is None
    assert rules.is_duplicate_report(fields, [], now) is None


def test_targets_typed_in_settings_must_be_positive():
    with pytest.raises(ValidationError):
        sla.check_targets({"problem": (10, 0), "requirement": (120, 6300)})
    ok = sla.check_targets({"problem": (15, 20), "requirement": (120, 6300)})
    assert sla.targets_from_setting(sla.targets_to_setting(ok)) == ok


# --- properties ------------------------------------------------------------------------------

PROPS = settings(max_examples=80, deadline=None)
moments = st.datetimes(min_value=datetime(2026, 3, 25), max_value=datetime(2026, 6, 10)).map(
    lambda m: m.replace(second=0, microsecond=0)
)
minutes = st.integers(min_value=0, max_value=3 * 420)
waits = st.lists(st.tuples(st.integers(0, 600), st.integers(0, 3000)), max_size=3)
INDEXED = sla.IndexedCalendar(CAL, date(2026, 1, 1), date(2027, 12, 31))


def _events(start, analysis_minutes, pauses):
    """finish_analysis after ``analysis_minutes`` of wall time, then wait/resume pairs."""
    done = start + timedelta(minutes=analysis_minutes)
    events = [Event(done, "finish_analysis")]
    cursor = done
    for gap, length in pauses:
        cursor += timedelta(minutes=gap)
        events.append(Event(cursor, "wait"))
        cursor += timedelta(minutes=length)
        events.append(Event(cursor, "resume"))
    return events, cursor


@PROPS
@given(start=moments, analysis=minutes, pauses=waits, extra=waits)
def test_pausing_never_shortens_a_deadline(start, analysis, pauses, extra):
    events, end = _events(start, analysis, pauses)
    late = end + timedelta(days=60)
    _, before = ticket_clocks(start, events, REQUIREMENT, CAL, late)
    more, _ = _events(start, analysis, pauses + extra)
    _, after = ticket_clocks(start, more, REQUIREMENT, CAL, late)
    no_pause = CAL.add_working_time(events[0].at, REQUIREMENT.resolution)
    assert before.due >= no_pause
    assert after.due >= before.due


@PROPS
@given(start=moments, analysis=minutes, pauses=waits, first=st.integers(0, 5000), gap=st.integers(0, 5000))
def test_elapsed_time_never_decreases_as_now_moves_on(start, analysis, pauses, first, gap):
    events, _ = _events(start, analysis, pauses)
    earlier = start + timedelta(minutes=first)
    a1, r1 = ticket_clocks(start, events, PROBLEM, CAL, earlier)
    a2, r2 = ticket_clocks(start, events, PROBLEM, CAL, earlier + timedelta(minutes=gap))
    assert a2.elapsed >= a1.elapsed and r2.elapsed >= r1.elapsed
    for c1, c2 in ((a1, a2), (r1, r2)):  # a breach is never undone by time passing
        assert not (c1.state == "breached" and c2.state != "breached")


@PROPS
@given(start=moments, analysis=minutes, pauses=waits, later=st.integers(0, 20000))
def test_the_indexed_calendar_gives_the_same_clocks_as_the_calendar(start, analysis, pauses, later):
    events, _ = _events(start, analysis, pauses)
    now = start + timedelta(minutes=later)
    for targets in (PROBLEM, REQUIREMENT):
        assert ticket_clocks(start, events, targets, INDEXED, now) == ticket_clocks(
            start, events, targets, CAL, now
        )


@PROPS
@given(begin=moments, span=st.integers(0, 40000), duration=st.integers(0, 20 * 420))
def test_the_indexed_calendar_adds_and_measures_like_the_calendar(begin, span, duration):
    end = begin + timedelta(minutes=span)
    assert INDEXED.working_time_between(begin, end) == CAL.working_time_between(begin, end)
    assert INDEXED.add_working_time(begin, timedelta(minutes=duration)) == CAL.add_working_time(
        begin, timedelta(minutes=duration)
    )


def test_15_working_days_are_15_times_the_7_hour_working_day():
    assert REQUIREMENT.resolution == 15 * WORKING_DAY
