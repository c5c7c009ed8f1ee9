"""Pure rules of the stage tracker: order, deadlines and minimums in working days with holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import ValidationError
from core.stages import rules
from core.stages.rules import StageDates, Standard
from core.workcalendar import build_calendar

CAL = build_calendar([2025, 2026, 2027])
TODAY = date(2026, 11, 24)  # Tuesday
MIN22 = Standard(22, "minimum")
DEADLINE1 = Standard(1, "deadline")


def test_one_day_spent_counts_the_start_day_itself():
    assert rules.spent_working_days(CAL, date(2026, 11, 23), date(2026, 11, 23)) == 1


def test_a_weekend_and_a_holiday_do_not_count_as_time_spent():
    # Fri 4 Dec 2026 .. Tue 8 Dec 2026: Sat, Sun and Mon 7 Dec (substitution for King Bhumibol's
    # birthday / Father's Day) are closed, so Fri and Tue are the only working days.
    assert not CAL.is_working_day(date(2026, 12, 7))
    assert rules.spent_working_days(CAL, date(2026, 12, 4), date(2026, 12, 8)) == 2


def test_a_deadline_of_one_day_falls_on_the_next_working_day_over_a_holiday():
    # clock starts Fri 4 Dec 2026; Mon 7 Dec is a holiday, so "within 1 day" is Tue 8 Dec
    assert rules.due_date(CAL, date(2026, 12, 4), DEADLINE1) == date(2026, 12, 8)
    assert rules.due_date(CAL, date(2026, 12, 4), MIN22) is None


def test_a_deadline_stage_is_overdue_only_after_its_due_day():
    due = date(2026, 12, 8)
    assert not rules.is_overdue(due, None, due)
    assert rules.is_overdue(due, None, due + timedelta(days=1))
    assert not rules.is_overdue(due, due, date(2027, 1, 1))
    assert rules.is_overdue(due, due + timedelta(days=1), date(2027, 1, 1))
    assert not rules.is_overdue(None, None, date(2030, 1, 1))


def test_the_plan_of_a_project_follows_the_manuals_standards_in_order():
    planned = rules.plan(CAL, date(2026, 11, 24), rules.DEFAULT_STANDARDS)
    assert list(planned) == list(rules.STAGES)
    assert planned[4][0] == date(2026, 11, 25)
    # "at least 1 month" from Wed 25 Nov 2026: to Thu 24 Dec 2026 (the day before 25 Dec)
    assert planned[4][1] == date(2026, 12, 24)
    assert not rules.is_rushed(CAL, *planned[4], rules.DEFAULT_STANDARDS[4])
    for stage in rules.STAGES[1:]:
        assert planned[stage][0] == CAL.add_working_days(planned[stage - 1][1], 1)
    # stage 12: the letter within 1 working day after stage 11's end
    assert planned[12][1] == CAL.add_working_days(planned[12][0], 1)


def test_one_month_is_a_calendar_month_in_the_defaults():
    assert {n for n, s in rules.DEFAULT_STANDARDS.items() if s.unit == "months"} == {4, 5, 6, 8}
    assert all(rules.DEFAULT_STANDARDS[n] == Standard(1, "minimum", "months") for n in (4, 5, 6, 8))
    assert rules.DEFAULT_STANDARDS[11] == Standard(3, "deadline")
    assert rules.DEFAULT_STANDARDS[12] == Standard(1, "deadline")


def _check(stage, start, end, previous=None, following=None, std=MIN22, waiver=None):
    return rules.check_dates(
        stage,
        start,
        end,
        previous=previous,
        following=following,
        today=TODAY,
        std=std,
        cal=CAL,
        waiver_reason=waiver,
    )


@pytest.mark.parametrize(
    "stage,start,end,previous,code",
    [
        (5, date(2026, 10, 1), None, StageDates(4, date(2026, 9, 1), None), "stage.previous_not_finished"),
        (
            5,
            date(2026, 9, 1),
            None,
            StageDates(4, date(2026, 8, 1), date(2026, 9, 10)),
            "stage.start_before_previous_end",
        ),
        (4, date(2026, 10, 10), date(2026, 10, 9), None, "stage.end_before_start"),
        (4, date(2026, 11, 25), None, None, "stage.date_in_future"),
        (4, date(2026, 10, 1), date(2026, 11, 25), None, "stage.date_in_future"),
        (
            7,
            date(2026, 10, 1),
            date(2026, 10, 2),
            StageDates(6, date(2026, 9, 1), date(2026, 10, 1)),
            "stage.gate_needs_signoff",
        ),
        (
            9,
            date(2026, 10, 1),
            date(2026, 10, 2),
            StageDates(8, date(2026, 9, 1), date(2026, 10, 1)),
            "stage.gate_needs_signoff",
        ),
        (4, None, None, None, "stage.start_required"),
    ],
)
def test_dates_that_break_the_order_are_refused(stage, start, end, previous, code):
    with pytest.raises(ValidationError) as error:
        _check(stage, start, end, previous=previous, waiver="x")
    assert error.value.code == code


def test_dates_cannot_change_once_the_next_stage_started():
    with pytest.raises(ValidationError) as error:
        _check(4, date(2026, 9, 1), date(2026, 10, 30), following=StageDates(5, date(2026, 11, 2), None))
    assert error.value.code == "stage.next_already_started"


def test_a_rushed_minimum_stage_needs_a_reason_and_is_marked_rushed_with_it():
    with pytest.raises(ValidationError) as error:
        _check(4, date(2026, 11, 2), date(2026, 11, 13))
    assert error.value.code == "stage.waiver_required"
    assert error.value.params["spent"] == 10
    assert _check(4, date(2026, 11, 2), date(2026, 11, 13), waiver="ผู้บริหารสั่งเร่ง") is True


def test_a_gate_may_record_its_start_without_a_sign_off():
    assert (
        _check(7, date(2026, 10, 2), None, previous=StageDates(6, date(2026, 9, 1), date(2026, 10, 1)))
        is False
    )


def test_the_current_stage_is_the_first_unfinished_one():
    ends = {n: date(2026, 1, n) for n in (4, 5, 6)}
    assert rules.current_stage(ends) == 7
    assert rules.current_stage({n: date(2026, 1, 1) for n in rules.STAGES}) is None


def test_traffic_lights():
    assert rules.traffic_light(live=True, overdue=True, behind_plan=True) == "live"
    assert rules.traffic_light(live=False, overdue=True, behind_plan=False) == "red"
    assert rules.traffic_light(live=False, overdue=False, behind_plan=True) == "amber"
    assert rules.traffic_light(live=False, overdue=False, behind_plan=False) == "green"


def test_stored_standards_override_the_defaults_and_bad_values_are_ignored():
    stored = {"4": {"days": 30, "kind": "minimum"}, "12": {"days": 0, "kind": "deadline"}, "x": 1}
    standards = rules.standards_from_setting(stored)
    assert standards[4] == Standard(30, "minimum")
    assert standards[12] == rules.DEFAULT_STANDARDS[12]
    assert rules.standards_from_setting(rules.standards_to_setting(standards)) == standards


def test_invalid_standards_are_refused():
    bad = dict(rules.DEFAULT_STANDARDS)
    bad[5] = Standard(0, "minimum")
    with pytest.raises(ValidationError):
        rules.validate_standards(bad)
    bad[5] = Standard(5, "sometimes")
    with pytest.raises(ValidationError):
        rules.validate_standards(bad)
    with pytest.raises(ValidationError):
        rules.validate_standards({4: MIN22})


days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 10, 31))


@settings(max_examples=60, deadline=None)
@given(start=days, length=st.integers(0, 60), n=st.integers(1, 40))
def test_rushed_exactly_when_fewer_working_days_than_the_minimum(start, length, n):
    end = start + timedelta(days=length)
    spent = rules.spent_working_days(CAL, start, end)
    assert rules.is_rushed(CAL, start, end, Standard(n, "minimum")) == (spent < n)
    assert not rules.is_rushed(CAL, start, end, Standard(n, "deadline"))
    assert 0 <= spent <= length + 1


@settings(max_examples=60, deadline=None)
@given(start=days, n=st.integers(1, 40))
def test_a_deadline_is_n_working_days_after_its_clock_starts_and_is_itself_a_working_day(start, n):
    due = rules.due_date(CAL, start, Standard(n, "deadline"))
    assert CAL.working_days_between(start, due) == n
    assert CAL.is_working_day(due)
    assert not rules.is_overdue(due, due, due)


@settings(max_examples=40, deadline=None)
@given(
    approved=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 6, 30)),
    minimum=st.integers(1, 30),
    deadline=st.integers(1, 5),
)
def test_every_planned_stage_meets_its_minimum_starts_on_a_working_day_and_follows_the_one_before(
    approved, minimum, deadline
):
    standards = {
        n: Standard(minimum, "minimum") if n < 11 else Standard(deadline, "deadline") for n in rules.STAGES
    }
    planned = rules.plan(CAL, approved, standards)
    previous_end = approved
    for stage, (start, end) in planned.items():
        assert CAL.is_working_day(start) and start > previous_end
        assert not rules.is_rushed(CAL, start, end, standards[stage])
        if standards[stage].kind == "minimum":
            assert rules.spent_working_days(CAL, start, end) == minimum
        previous_end = end
