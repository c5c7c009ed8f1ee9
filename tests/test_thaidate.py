from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import thaidate


def test_a_day_reads_in_the_buddhist_era_with_the_thai_month_abbreviation():
    assert thaidate.format_date(date(2026, 11, 24)) == "24 พ.ย. 2569"


def test_the_long_style_spells_the_month_and_thai_digits_are_optional():
    assert thaidate.format_date(date(2026, 11, 24), style="long") == "24 พฤศจิกายน 2569"
    assert thaidate.format_date(date(2026, 11, 24), style="long", thai_digits=True) == "๒๔ พฤศจิกายน ๒๕๖๙"


def test_english_dates_keep_the_common_era():
    assert thaidate.format_date(date(2026, 11, 24), lang="en") == "24 Nov 2026"


def test_24_november_2026_falls_in_fiscal_year_2570():
    assert thaidate.fiscal_year(date(2026, 11, 24)) == 2570
    assert thaidate.format_fiscal_year(2570) == "ปีงบประมาณ 2570"


def test_the_fiscal_year_turns_on_the_first_of_october():
    assert thaidate.fiscal_year(date(2026, 9, 30)) == 2569
    assert thaidate.fiscal_year(datetime(2026, 10, 1, 0, 0)) == 2570


def test_fiscal_year_bounds_run_from_october_to_september():
    assert thaidate.fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_lies_within_the_bounds_of_its_fiscal_year(day):
    first, last = thaidate.fiscal_year_bounds(thaidate.fiscal_year(day))
    assert first <= day <= last


def test_a_be_date_typed_with_thai_digits_is_parsed():
    assert thaidate.parse_be_date("๒๔/๑๑/๒๕๖๙") == date(2026, 11, 24)


def test_a_common_era_year_is_not_taken_for_a_buddhist_era_one():
    with pytest.raises(ValueError):
        thaidate.parse_be_date("24/11/2026")


def test_a_moment_shows_hours_with_the_thai_suffix():
    assert thaidate.format_datetime(datetime(2026, 11, 24, 9, 5)) == "24 พ.ย. 2569 09:05 น."
