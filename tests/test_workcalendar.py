"""Working-time calendar: hand-worked SLA and stage cases on the real 2026-2027 Thai holidays,
plus properties of the arithmetic checked with hypothesis."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.workcalendar import (
    DEFAULT_OFFICE_HOURS,
    WORKING_DAY,
    CalendarError,
    WorkCalendar,
    build_calendar,
    due_with_pauses,
    elapsed_with_pauses,
    thai_public_holidays,
    working_days_to_duration,
)

MINUTES_10 = timedelta(minutes=10)
HOURS_2 = timedelta(hours=2)

CALENDAR = build_calendar((2026, 2027))


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute)


# --- which package holidays close the town hall -------------------------------------------


def test_2026_has_22_closed_days_the_package_public_and_government_days_minus_childrens_and_labour_day():
    closed = thai_public_holidays(2026)
    assert len(closed) == 22
    assert closed[date(2026, 3, 3)] == "วันมาฆบูชา"
    assert date(2026, 5, 13) in closed  # Royal Ploughing Ceremony: government category


def test_substitution_days_and_the_cabinet_bridge_day_of_2026_are_closed():
    closed = thai_public_holidays(2026)
    assert closed[date(2026, 1, 2)] == "วันหยุดพิเศษ (เพิ่มเติม)"
    assert closed[date(2026, 6, 1)].startswith("ชดเชย")
    assert closed[date(2026, 12, 7)].startswith("ชดเชย")


def test_childrens_day_and_labour_day_do_not_close_the_town_hall():
    closed = thai_public_holidays((2026, 2027))
    assert date(2026, 1, 10) not in closed  # วันเด็กแห่งชาติ
    assert date(2026, 5, 1) not in closed  # วันแรงงานแห่งชาติ
    assert date(2027, 5, 3) not in closed  # Labour Day (in lieu): private sector only
    assert CALENDAR.is_working_day(date(2026, 5, 1))
    assert CALENDAR.is_working_day(date(2027, 5, 3))


def test_songkran_2026_closes_13_to_15_april():
    closed = thai_public_holidays(2026)
    assert [day for day in closed if day.month == 4 and 10 <= day.day <= 20] == [
        date(2026, 4, 13),
        date(2026, 4, 14),
        date(2026, 4, 15),
    ]


def test_the_2027_new_year_closes_only_31_december_and_1_january():
    closed = thai_public_holidays((2026, 2027))
    window = [day for day in closed if date(2026, 12, 20) <= day <= date(2027, 1, 15)]
    assert window == [date(2026, 12, 31), date(2027, 1, 1)]


# --- ticket SLA clocks (hand-worked) ---------------------------------------------------------


def test_a_problem_reported_at_11_55_is_due_after_lunch():
    assert CALENDAR.add_working_time(at(2026, 11, 24, 11, 55), MINUTES_10) == at(2026, 11, 24, 13, 5)


def test_a_problem_reported_at_16_25_is_due_next_morning():
    assert CALENDAR.add_working_time(at(2026, 11, 24, 16, 25), MINUTES_10) == at(2026, 11, 25, 8, 35)


def test_a_problem_reported_on_friday_at_16_25_is_due_on_monday_morning():
    assert CALENDAR.add_working_time(at(2026, 11, 27, 16, 25), MINUTES_10) == at(2026, 11, 30, 8, 35)


def test_a_problem_reported_on_sunday_evening_starts_its_clock_on_monday_at_08_30():
    sunday_evening = at(2026, 11, 29, 19, 0)
    assert CALENDAR.next_opening(sunday_evening) == at(2026, 11, 30, 8, 30)
    assert CALENDAR.add_working_time(sunday_evening, MINUTES_10) == at(2026, 11, 30, 8, 40)


def test_a_deadline_falling_at_noon_is_noon_not_the_afternoon_opening():
    assert CALENDAR.add_working_time(at(2026, 11, 24, 11, 50), MINUTES_10) == at(2026, 11, 24, 12, 0)


def test_a_problem_reported_before_songkran_2026_is_due_the_thursday_after():
    assert CALENDAR.add_working_time(at(2026, 4, 10, 16, 25), MINUTES_10) == at(2026, 4, 16, 8, 35)


def test_the_visakha_bucha_substitution_day_1_june_2026_is_skipped():
    assert CALENDAR.add_working_time(at(2026, 5, 29, 16, 25), MINUTES_10) == at(2026, 6, 2, 8, 35)


def test_the_fathers_day_substitution_day_7_december_2026_is_skipped():
    assert CALENDAR.add_working_time(at(2026, 12, 4, 16, 25), MINUTES_10) == at(2026, 12, 8, 8, 35)


def test_makha_bucha_3_march_2026_is_skipped():
    assert CALENDAR.add_working_time(at(2026, 3, 2, 16, 25), MINUTES_10) == at(2026, 3, 4, 8, 35)


def test_a_new_requirement_received_at_15_00_is_analysed_by_09_00_next_day():
    assert CALENDAR.add_working_time(at(2026, 11, 24, 15, 0), HOURS_2) == at(2026, 11, 25, 9, 0)


def test_a_requirement_submitted_before_new_year_2027_is_delivered_15_working_days_later():
    submitted = at(2026, 12, 25, 10, 0)  # Friday; 31 Dec and 1 Jan are closed
    due = CALENDAR.add_working_time(submitted, working_days_to_duration(15))
    assert due == at(2027, 1, 19, 10, 0)
    assert CALENDAR.working_time_between(submitted, due) == 15 * WORKING_DAY


def test_a_half_day_closure_pushes_the_afternoon_to_the_next_morning():
    calendar = build_calendar(2026, half_days=[(date(2026, 12, 23), time(13, 0), time(16, 30))])
    assert calendar.working_day_length(date(2026, 12, 23)) == timedelta(hours=3, minutes=30)
    assert calendar.is_working_day(date(2026, 12, 23))
    assert calendar.add_working_time(at(2026, 12, 23, 11, 55), MINUTES_10) == at(2026, 12, 24, 8, 35)


def test_a_local_bridge_day_chains_with_the_kings_birthday_and_buddhist_lent():
    calendar = build_calendar(2026, additions=[(date(2026, 7, 27), "วันหยุดพิเศษ (มติ ครม.)")])
    assert calendar.closure_name(date(2026, 7, 27)) == "วันหยุดพิเศษ (มติ ครม.)"
    # 27 Jul bridge day, 28 King's birthday, 29 Asarnha Bucha, 30 Buddhist Lent
    assert calendar.add_working_time(at(2026, 7, 24, 16, 25), MINUTES_10) == at(2026, 7, 31, 8, 35)
    assert CALENDAR.add_working_time(at(2026, 7, 24, 16, 25), MINUTES_10) == at(2026, 7, 27, 8, 35)


def test_a_removed_holiday_is_an_ordinary_working_day_but_keeps_its_name_on_record():
    calendar = build_calendar(2026, removals=[date(2026, 1, 2)])
    assert calendar.closed_days[date(2026, 1, 2)] == "วันหยุดพิเศษ (เพิ่มเติม)"
    assert date(2026, 1, 2) in calendar.opened_days
    assert calendar.closure_name(date(2026, 1, 2)) is None
    assert calendar.add_working_time(at(2026, 1, 2, 9, 0), MINUTES_10) == at(2026, 1, 2, 9, 10)
    assert CALENDAR.add_working_time(at(2026, 1, 2, 9, 0), MINUTES_10) == at(2026, 1, 5, 8, 40)


def test_removing_a_date_that_is_not_a_holiday_changes_nothing():
    calendar = build_calendar(2026, removals=[date(2026, 11, 24)])
    assert calendar == build_calendar(2026)


def test_zero_working_time_is_the_next_opening():
    assert CALENDAR.add_working_time(at(2026, 11, 24, 12, 30), timedelta()) == at(2026, 11, 24, 13, 0)
    assert CALENDAR.add_working_time(at(2026, 11, 24, 9, 0), timedelta()) == at(2026, 11, 24, 9, 0)


def test_negative_working_time_is_refused():
    with pytest.raises(CalendarError) as error:
        CALENDAR.add_working_time(at(2026, 11, 24, 9, 0), -MINUTES_10)
    assert error.value.code == "negative_duration"


def test_office_hours_are_half_open_periods():
    assert CALENDAR.is_open(at(2026, 11, 24, 8, 30))
    assert not CALENDAR.is_open(at(2026, 11, 24, 12, 0))
    assert not CALENDAR.is_open(at(2026, 11, 24, 16, 30))
    assert not CALENDAR.is_open(at(2026, 11, 28, 10, 0))  # Saturday
    assert not CALENDAR.is_open(at(2026, 4, 13, 10, 0))  # Songkran


def test_working_time_between_counts_only_office_time_and_is_zero_backwards():
    assert CALENDAR.working_time_between(at(2026, 11, 27, 16, 0), at(2026, 11, 30, 9, 0)) == timedelta(
        hours=1
    )
    assert CALENDAR.working_time_between(at(2026, 11, 30, 9, 0), at(2026, 11, 27, 16, 0)) == timedelta()


def test_a_full_default_day_is_seven_hours_of_working_time():
    assert CALENDAR.working_day_length(date(2026, 11, 24)) == WORKING_DAY == timedelta(hours=7)
    assert CALENDAR.working_day_length(date(2026, 4, 13)) == timedelta()


def test_timezone_aware_moments_are_refused():
    with pytest.raises(CalendarError) as error:
        CALENDAR.is_open(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    assert error.value.code == "aware_datetime"


# --- stage time standards in working days ----------------------------------------------------


def test_15_working_days_from_christmas_2026_skip_the_new_year_holidays():
    assert CALENDAR.add_working_days(date(2026, 12, 25), 15) == date(2027, 1, 19)
    assert CALENDAR.working_days_between(date(2026, 12, 25), date(2027, 1, 19)) == 15


def test_working_days_are_counted_after_the_first_day_up_to_and_including_the_last():
    assert CALENDAR.working_days_between(date(2026, 11, 23), date(2026, 11, 24)) == 1
    assert CALENDAR.working_days_between(date(2026, 11, 24), date(2026, 11, 24)) == 0
    assert CALENDAR.working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1  # over a weekend
    assert CALENDAR.working_days_between(date(2026, 11, 24), date(2026, 11, 23)) == -1
    assert CALENDAR.add_working_days(date(2026, 11, 24), 0) == date(2026, 11, 24)


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(CalendarError) as error:
        CALENDAR.add_working_days(date(2026, 11, 24), -1)
    assert error.value.code == "negative_days"


# --- validation ------------------------------------------------------------------------------


def test_an_inverted_office_period_is_refused_with_code_inverted_period():
    with pytest.raises(CalendarError) as error:
        WorkCalendar(office_hours={0: ((time(12, 0), time(8, 30)),)})
    assert error.value.code == "inverted_period"
    assert "start before it ends" in str(error.value)


def test_an_empty_office_period_is_refused_as_inverted():
    with pytest.raises(CalendarError) as error:
        WorkCalendar(office_hours={0: ((time(8, 30), time(8, 30)),)})
    assert error.value.code == "inverted_period"


def test_overlapping_office_periods_are_refused_with_code_overlapping_periods():
    with pytest.raises(CalendarError) as error:
        WorkCalendar(office_hours={0: ((time(8, 30), time(12, 0)), (time(11, 0), time(16, 30)))})
    assert error.value.code == "overlapping_periods"
    assert isinstance(error.value, ValueError)


def test_overlapping_half_day_closures_are_refused():
    with pytest.raises(CalendarError) as error:
        build_calendar(
            2026,
            half_days=[
                (date(2026, 12, 23), time(9, 0), time(12, 0)),
                (date(2026, 12, 23), time(11, 0), time(14, 0)),
            ],
        )
    assert error.value.code == "overlapping_periods"


def test_a_weekday_outside_monday_to_sunday_is_refused():
    with pytest.raises(CalendarError) as error:
        WorkCalendar(office_hours={7: ((time(8, 30), time(12, 0)),)})
    assert error.value.code == "invalid_weekday"


def test_a_calendar_without_any_office_hours_is_refused():
    with pytest.raises(CalendarError) as error:
        WorkCalendar(office_hours={})
    assert error.value.code == "no_office_hours"


def test_adding_the_same_date_twice_is_refused_with_code_duplicate_date():
    with pytest.raises(CalendarError) as error:
        build_calendar(2026, additions=[(date(2026, 7, 27), "a"), (date(2026, 7, 27), "b")])
    assert error.value.code == "duplicate_date"


def test_adding_and_removing_the_same_date_is_refused():
    with pytest.raises(CalendarError) as error:
        build_calendar(2026, additions=[(date(2026, 7, 27), "a")], removals=[date(2026, 7, 27)])
    assert error.value.code == "added_and_removed"


def test_a_datetime_given_as_a_closed_day_is_refused():
    with pytest.raises(CalendarError) as error:
        WorkCalendar(closed_days={datetime(2026, 7, 27, 0, 0): "bridge day"})
    assert error.value.code == "invalid_date"


def test_the_calendar_is_immutable_and_hashable():
    calendar = WorkCalendar()
    with pytest.raises(TypeError):
        calendar.closed_days[date(2026, 1, 1)] = "x"
    assert hash(calendar) == hash(WorkCalendar(office_hours=dict(DEFAULT_OFFICE_HOURS)))


# --- pausable clocks -------------------------------------------------------------------------


def test_a_pause_moves_the_deadline_by_the_office_time_paused():
    start = at(2026, 11, 24, 9, 0)
    pauses = [(at(2026, 11, 24, 9, 5), at(2026, 11, 24, 9, 20))]
    assert due_with_pauses(CALENDAR, start, MINUTES_10, pauses) == at(2026, 11, 24, 9, 25)
    assert elapsed_with_pauses(CALENDAR, start, at(2026, 11, 24, 9, 25), pauses) == MINUTES_10


def test_a_pause_over_lunch_costs_only_its_office_time():
    start = at(2026, 11, 24, 11, 50)
    pauses = [(at(2026, 11, 24, 11, 55), at(2026, 11, 24, 13, 5))]
    assert due_with_pauses(CALENDAR, start, MINUTES_10, pauses) == at(2026, 11, 24, 13, 10)


def test_overlapping_pauses_are_counted_once():
    start = at(2026, 11, 24, 9, 0)
    pauses = [
        (at(2026, 11, 24, 9, 5), at(2026, 11, 24, 9, 20)),
        (at(2026, 11, 24, 9, 10), at(2026, 11, 24, 9, 25)),
    ]
    assert due_with_pauses(CALENDAR, start, MINUTES_10, pauses) == at(2026, 11, 24, 9, 30)
    assert elapsed_with_pauses(CALENDAR, start, at(2026, 11, 24, 10, 0), pauses) == timedelta(minutes=40)


def test_an_open_pause_stops_the_clock_and_leaves_the_deadline_unknown():
    start = at(2026, 11, 24, 9, 0)
    pauses = [(at(2026, 11, 24, 9, 5), None)]
    assert due_with_pauses(CALENDAR, start, MINUTES_10, pauses) is None
    assert elapsed_with_pauses(CALENDAR, start, at(2026, 11, 25, 9, 0), pauses) == timedelta(minutes=5)


def test_an_open_pause_after_the_deadline_does_not_matter():
    start = at(2026, 11, 24, 9, 0)
    pauses = [(at(2026, 11, 24, 9, 30), None)]
    assert due_with_pauses(CALENDAR, start, MINUTES_10, pauses) == at(2026, 11, 24, 9, 10)


def test_a_pause_ending_before_it_begins_is_refused():
    with pytest.raises(CalendarError) as error:
        elapsed_with_pauses(
            CALENDAR,
            at(2026, 11, 24, 9, 0),
            at(2026, 11, 24, 10, 0),
            [(at(2026, 11, 24, 9, 30), at(2026, 11, 24, 9, 10))],
        )
    assert error.value.code == "inverted_period"


# --- properties ------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)

PROPERTY_CALENDAR = build_calendar(
    (2026, 2027),
    additions=[(date(2026, 7, 27), "bridge day")],
    half_days=[
        (date(2026, 12, 23), time(13, 0), time(16, 30)),
        (date(2027, 3, 10), time(10, 0), time(11, 0)),
    ],
)

moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 10, 31))
working_durations = st.timedeltas(min_value=timedelta(), max_value=20 * WORKING_DAY).map(
    lambda d: timedelta(seconds=round(d.total_seconds()))
)
short_spans = st.timedeltas(min_value=timedelta(), max_value=timedelta(days=10))


@PROPERTY_SETTINGS
@given(start=moments, duration=working_durations)
def test_measuring_after_adding_gives_back_the_working_time_added(start, duration):
    end = PROPERTY_CALENDAR.add_working_time(start, duration)
    assert PROPERTY_CALENDAR.working_time_between(start, end) == duration
    assert end >= start


@PROPERTY_SETTINGS
@given(start=moments, gap=short_spans, duration=working_durations)
def test_a_later_start_never_gives_an_earlier_deadline(start, gap, duration):
    assert PROPERTY_CALENDAR.add_working_time(start, duration) <= PROPERTY_CALENDAR.add_working_time(
        start + gap, duration
    )


@PROPERTY_SETTINGS
@given(start=moments, duration=working_durations, extra=working_durations)
def test_more_working_time_never_gives_an_earlier_deadline(start, duration, extra):
    assert PROPERTY_CALENDAR.add_working_time(start, duration) <= PROPERTY_CALENDAR.add_working_time(
        start, duration + extra
    )


@PROPERTY_SETTINGS
@given(a=moments, first_gap=short_spans, second_gap=short_spans)
def test_working_time_between_is_additive(a, first_gap, second_gap):
    b, c = a + first_gap, a + first_gap + second_gap
    cal = PROPERTY_CALENDAR
    assert cal.working_time_between(a, c) == cal.working_time_between(a, b) + cal.working_time_between(b, c)


@PROPERTY_SETTINGS
@given(moment=moments)
def test_the_next_opening_is_open_and_nothing_is_open_before_it(moment):
    opening = PROPERTY_CALENDAR.next_opening(moment)
    assert PROPERTY_CALENDAR.is_open(opening)
    assert PROPERTY_CALENDAR.working_time_between(moment, opening) == timedelta()


@PROPERTY_SETTINGS
@given(day=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 10, 31)), n=st.integers(0, 40))
def test_counting_working_days_after_adding_them_gives_back_n(day, n):
    later = PROPERTY_CALENDAR.add_working_days(day, n)
    assert PROPERTY_CALENDAR.working_days_between(day, later) == n
    assert n == 0 or PROPERTY_CALENDAR.is_working_day(later)


# Pauses near 1 Jun 2026 (a Monday substitution day) so they interact with starts and deadlines.
pause_moments = st.datetimes(min_value=datetime(2026, 5, 25), max_value=datetime(2026, 6, 12))
pauses_strategy = st.lists(
    st.tuples(pause_moments, st.one_of(st.none(), st.timedeltas(timedelta(), timedelta(days=3)))).map(
        lambda pause: (pause[0], None if pause[1] is None else pause[0] + pause[1])
    ),
    max_size=3,
)
sla_targets = st.one_of(st.timedeltas(timedelta(), timedelta(hours=3)), working_durations)


@PROPERTY_SETTINGS
@given(start=pause_moments, target=sla_targets, pauses=pauses_strategy, extra_pause=pauses_strategy)
def test_adding_a_pause_never_makes_the_deadline_earlier(start, target, pauses, extra_pause):
    before = due_with_pauses(PROPERTY_CALENDAR, start, target, pauses)
    after = due_with_pauses(PROPERTY_CALENDAR, start, target, pauses + extra_pause)
    assert due_with_pauses(PROPERTY_CALENDAR, start, target) == PROPERTY_CALENDAR.add_working_time(
        start, target
    )
    if before is None:
        assert after is None
    elif after is not None:
        assert after >= before


@PROPERTY_SETTINGS
@given(start=pause_moments, target=sla_targets, pauses=pauses_strategy)
def test_the_paused_clock_shows_the_target_at_its_deadline(start, target, pauses):
    due = due_with_pauses(PROPERTY_CALENDAR, start, target, pauses)
    if due is not None:
        assert elapsed_with_pauses(PROPERTY_CALENDAR, start, due, pauses) == target
