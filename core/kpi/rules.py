"""Pure rules of the KPI area: the target's range, the obstacles text, when step 19 is due."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from core.errors import ValidationError
from core.thaidate import fiscal_year, fiscal_year_bounds

TARGET_MIN = 0.0
TARGET_MAX = 100.0
OBSTACLES_MAX = 5000
REPORT_DUE_TIME = time(16, 30)


def validate_target(value: object) -> float:
    """A percentage-satisfaction target: a number from 0 to 100 (refused otherwise)."""
    try:
        number = float(str(value).strip()) if not isinstance(value, (int, float)) else float(value)
    except ValueError:
        raise ValidationError("kpi.target_out_of_range", minimum=0, maximum=100) from None
    if math.isnan(number) or math.isinf(number) or not TARGET_MIN <= number <= TARGET_MAX:
        raise ValidationError("kpi.target_out_of_range", minimum=0, maximum=100)
    return round(number, 2)


def validate_obstacles(text: str) -> str:
    clean = (text or "").strip()
    if not clean:
        raise ValidationError("error.required", field="kpi.field.obstacles")
    if len(clean) > OBSTACLES_MAX:
        raise ValidationError("error.too_long", field="kpi.field.obstacles", maximum=OBSTACLES_MAX)
    return clean


def validate_fiscal_year(value: object) -> int:
    try:
        fy = int(value)
    except (TypeError, ValueError):
        raise ValidationError("kpi.fiscal_year_invalid") from None
    if not 2500 <= fy <= 2700:
        raise ValidationError("kpi.fiscal_year_invalid")
    return fy


def last_ended_fiscal_year(now: datetime | date) -> int:
    """The most recent fiscal year that has ended (the current one minus one)."""
    return fiscal_year(now) - 1


def report_due(fy: int, end_of_day=None) -> datetime:
    """Step 19 "within 1 day": the yearly report is due the day after the fiscal year ends, at the
    calendar's closing time when ``end_of_day`` (a calendar's) is given."""
    _, last_day = fiscal_year_bounds(fy)
    day = last_day + timedelta(days=1)
    return end_of_day(day) if end_of_day else datetime.combine(day, REPORT_DUE_TIME)


def fiscal_years_back(current: int, earliest: int | None, at_most: int = 10) -> list[int]:
    """Fiscal years from the current one back to the earliest known (at most ``at_most``)."""
    first = current - at_most + 1
    if earliest is not None:
        first = max(first, min(earliest, current))
    return list(range(current, first - 1, -1))
