"""The rules behind the B.E. date input (ui/dates.py): month lengths and leap years counted in
B.E., what a field offers between its bounds, which picks are refused and how the refusal
reads, and the working day a deadline's default rolls forward to."""

from __future__ import annotations

from datetime import date

import pytest

from core import calendar_store, thaidate
from core.thaidate import DateRefusal
from core.workcalendar import build_calendar

TODAY = date(2026, 11, 24)  # Tue 24 พ.ย. 2569


@pytest.mark.parametrize(
    ("be", "leap"),
    [(2567, True), (2568, False), (2569, False), (2570, False), (2571, True), (2543, True), (2443, False)],
)
def test_a_b_e_year_is_leap_when_its_c_e_year_is(be, leap):
    # 2543 = 2000 (divisible by 400: leap); 2443 = 1900 (a century: not leap)
    assert thaidate.is_leap_year(be) is leap


def test_months_have_their_lengths_and_february_follows_the_b_e_leap_year():
    assert thaidate.days_in_month(2, 2569) == 28
    assert thaidate.days_in_month(2, 2571) == 29
    assert [thaidate.days_in_month(m, 2569) for m in range(1, 13)] == [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    ]  # fmt: skip


def test_a_picked_day_month_and_year_give_the_date():
    assert thaidate.picked_date(24, 11, 2026) == TODAY
    assert thaidate.picked_date(29, 2, 2028) == date(2028, 2, 29)  # 29 ก.พ. 2571


def test_31_february_is_refused_naming_the_month_in_thai_and_its_length():
    with pytest.raises(DateRefusal) as refused:
        thaidate.picked_date(31, 2, 2027)
    assert refused.value.code == "dates.no_such_day"
    assert refused.value.message("th") == "ไม่มีวันที่ 31 กุมภาพันธ์ 2570 ในปฏิทิน (กุมภาพันธ์ 2570 มี 28 วัน)"
    assert refused.value.message("en") == "There is no 31 February 2027: February 2027 has 28 days."


def test_29_february_of_a_year_that_is_not_leap_and_31_april_are_refused():
    with pytest.raises(DateRefusal, match="no_such_day"):
        thaidate.picked_date(29, 2, 2026)
    with pytest.raises(DateRefusal, match="no_such_day"):
        thaidate.picked_date(31, 4, 2026)


def test_a_day_outside_the_bounds_is_refused_with_the_bound_in_b_e():
    with pytest.raises(DateRefusal) as refused:
        thaidate.picked_date(25, 11, 2026, max_value=TODAY)
    assert refused.value.message("th") == "วันที่ต้องไม่เกิน 24 พ.ย. 2569"
    with pytest.raises(DateRefusal) as refused:
        thaidate.picked_date(23, 11, 2026, min_value=TODAY)
    assert refused.value.message("th") == "วันที่ต้องไม่ก่อน 24 พ.ย. 2569"
    assert thaidate.picked_date(24, 11, 2026, min_value=TODAY, max_value=TODAY) == TODAY


def test_an_optional_field_left_empty_is_none_and_a_half_filled_one_is_refused():
    assert thaidate.picked_date(None, None, None, optional=True) is None
    with pytest.raises(DateRefusal) as refused:
        thaidate.picked_date(24, None, 2026, optional=True)
    assert refused.value.message("th") == "กรุณาเลือกวัน เดือน และปี ให้ครบ"
    with pytest.raises(DateRefusal, match="incomplete"):
        thaidate.picked_date(None, None, None)


def test_clipping_moves_a_day_into_the_bounds_and_the_nearest_real_day_ends_the_month():
    assert thaidate.clip_date(date(2027, 1, 5), max_value=TODAY) == TODAY
    assert thaidate.clip_date(date(2020, 1, 5), min_value=TODAY) == TODAY
    assert thaidate.clip_date(date(2026, 5, 1), date(2026, 1, 1), date(2026, 12, 31)) == date(2026, 5, 1)
    assert thaidate.nearest_date(31, 2, 2027) == date(2027, 2, 28)
    assert thaidate.nearest_date(31, 2, 2028) == date(2028, 2, 29)
    assert thaidate.nearest_date(30, 12, 2026, max_value=TODAY) == TODAY
    assert thaidate.nearest_date(None, 2, 2027) is None


def test_a_field_offers_only_the_years_of_its_bounds_else_thirty_back_and_ten_ahead():
    assert thaidate.year_range(TODAY) == range(1996, 2037)
    assert thaidate.year_range(TODAY, max_value=TODAY) == range(1996, 2027)
    assert thaidate.year_range(TODAY, min_value=TODAY) == range(2026, 2037)
    assert thaidate.year_range(TODAY, date(2025, 10, 1), date(2026, 9, 30)) == range(2025, 2027)
    assert thaidate.year_range(TODAY, max_value=date(1990, 1, 1)) == range(1960, 1991)


def test_months_and_days_are_narrowed_only_when_both_bounds_share_the_year_or_the_month():
    assert thaidate.month_choices() == list(range(1, 13))
    assert thaidate.month_choices(date(2026, 3, 5), date(2026, 6, 1)) == [3, 4, 5, 6]
    assert thaidate.month_choices(date(2025, 3, 5), date(2026, 6, 1)) == list(range(1, 13))
    assert thaidate.day_choices(date(2026, 11, 20), date(2026, 11, 24)) == [20, 21, 22, 23, 24]
    assert thaidate.day_choices(date(2026, 10, 20), date(2026, 11, 24)) == list(range(1, 32))


def test_years_read_b_e_in_thai_and_c_e_in_english_and_months_by_name():
    assert thaidate.year_label(2026) == "2569" and thaidate.year_label(2026, "en") == "2026"
    assert thaidate.month_name(11) == "พฤศจิกายน" and thaidate.month_name(11, short=True) == "พ.ย."
    assert thaidate.month_name(11, "en") == "November"


CALENDAR = build_calendar([2026, 2027])


def test_the_next_working_day_of_a_working_day_is_that_day():
    assert CALENDAR.next_working_day(TODAY) == TODAY


def test_a_weekend_rolls_to_monday_and_a_holiday_run_to_the_first_open_day():
    assert CALENDAR.next_working_day(date(2026, 11, 29)) == date(2026, 11, 30)  # Sunday -> Monday
    # Sat 5 Dec 2569 (วันพ่อแห่งชาติ), Sunday, Mon 7 Dec (its substitution day) -> Tue 8 Dec
    assert CALENDAR.next_working_day(date(2026, 12, 5)) == date(2026, 12, 8)
    assert CALENDAR.next_working_day(date(2027, 4, 13)) == date(2027, 4, 16)  # สงกรานต์ Tue-Thu


def test_a_day_the_town_opens_on_by_local_decision_is_a_working_day():
    opened = build_calendar([2026], removals=[date(2026, 12, 10)])
    assert opened.next_working_day(date(2026, 12, 10)) == date(2026, 12, 10)


def test_a_holiday_where_a_working_day_is_required_is_refused_by_its_name_with_the_next_working_day():
    refusal = calendar_store.working_day_refusal(CALENDAR, date(2026, 12, 10))
    assert refusal.code == "dates.holiday"
    assert refusal.message("th") == (
        "10 ธ.ค. 2569 เป็นวันหยุดราชการ (วันรัฐธรรมนูญ) กรุณาเลือกวันทำการ วันทำการถัดไปคือ 11 ธ.ค. 2569"
    )


def test_a_weekend_where_a_working_day_is_required_is_refused_by_its_weekday():
    refusal = calendar_store.working_day_refusal(CALENDAR, date(2026, 11, 29))
    assert refusal.message("th") == (
        "29 พ.ย. 2569 เป็นวันอาทิตย์ ไม่ใช่วันทำการ กรุณาเลือกวันทำการ วันทำการถัดไปคือ 30 พ.ย. 2569"
    )
    assert refusal.message("en") == (
        "29 Nov 2026 is a Sunday, not a working day; choose a working day: the next one is 30 Nov 2026."
    )
    assert calendar_store.working_day_refusal(CALENDAR, TODAY) is None
