"""Small frames shaped like the areas' KPI contract (``core.kpi.sources.CONTRACT``), the input of
the unit tests of the pure figure functions (``core.kpi.figures``). Every value is small enough to
check by hand (see the tests' comments). The dashboard itself is tested on the demo data."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from core.kpi.sources import CONTRACT

FY, LAST = 2570, 2569  # tests.conftest.FIXED_NOW (24 Nov 2026) is in FY 2570

SATISFACTION = pd.DataFrame(
    [
        # fiscal_year, system_id, respondents, answers, mean, sd, percent_satisfaction, percent_top_two
        (LAST, 1, 10, 100, 4.0, 0.5, 80.0, 70.0),
        (FY, 1, 20, 100, 4.5, 0.5, 90.0, 80.0),
        (FY, 2, 10, 300, 3.5, 1.0, 70.0, 50.0),
    ],
    columns=CONTRACT["satisfaction"],
)

OVERALL = pd.DataFrame(
    [
        (LAST, 10, 100, 4.0, 0.5, 80.0, 70.0),
        (FY, 30, 400, 3.75, 0.9997, 75.0, 57.5),
    ],
    columns=[
        "fiscal_year",
        "respondents",
        "answers",
        "mean",
        "sd",
        "percent_satisfaction",
        "percent_top_two",
    ],
)

BY_SECTION = pd.DataFrame(
    [
        (FY, "กระบวนการ/ขั้นตอน", 200, 4.0, 0.7, 80.0),
        (FY, "เจ้าหน้าที่", 200, 3.5, 0.9, 70.0),
    ],
    columns=["fiscal_year", "section", "answers", "mean", "sd", "percent_satisfaction"],
)

PROCESSING = pd.DataFrame(
    [
        (1, 1, FY, date(2026, 10, 31), datetime(2026, 11, 1, 10), datetime(2026, 11, 3, 16, 30), True),
        (2, 2, FY, date(2026, 10, 31), datetime(2026, 11, 9, 10), datetime(2026, 11, 3, 16, 30), False),
        (3, 2, FY, date(2026, 11, 20), None, datetime(2026, 11, 24, 16, 30), None),
        (4, 1, LAST, date(2026, 3, 31), datetime(2026, 4, 1, 9), datetime(2026, 4, 2, 16, 30), True),
    ],
    columns=["survey_id", "system_id", "fiscal_year", "closes_on", "processed_at", "due_at", "met"],
)

SLA = pd.DataFrame(
    [
        (FY, date(2026, 10, 1), "problem", "analysis", 10, 9, 1, 90.0),
        (FY, date(2026, 10, 1), "problem", "resolution", 10, 7, 3, 70.0),
        (FY, date(2026, 11, 1), "requirement", "resolution", 4, 2, 2, 50.0),
        (LAST, date(2026, 3, 1), "problem", "resolution", 5, 5, 0, 100.0),
    ],
    columns=["fiscal_year", "month", "type", "clock", "total", "met", "breached", "percent_met"],
)

BACKLOG = pd.DataFrame([("problem", 3, 1), ("requirement", 5, 0)], columns=["type", "open", "breached"])

PORTFOLIO = pd.DataFrame(
    [
        (1, "PJ2570-001", "ระบบรับคำร้องออนไลน์ ระยะที่ 2", FY, "FINANCE", 4, "active", 40, True, 0, 5),
        (2, "PJ2570-002", "ระบบจองคิว", FY, "OFFICE", 4, "active", 3, False, 1, 5),
        (3, "PJ2570-003", "ระบบลาออนไลน์", FY, "OFFICE", 8, "active", 70, True, 2, 6),
        (4, "PJ2570-004", "ระบบพัสดุ", FY, "FINANCE", None, "live", 0, False, 0, 5),
        (5, "PJ2570-005", "ระบบที่ยกเลิก", FY, "FINANCE", None, "cancelled", 0, False, 0, 5),
    ],
    columns=CONTRACT["portfolio"],
)

ADHERENCE = pd.DataFrame(
    [(FY, 4, 4, 0, 0, 1, "minimum", 0, 4, 3, 1), (FY, 11, 2, 2, 0, 0, "deadline", 2, 0, 0, 0)],
    columns=[
        "fiscal_year",
        "stage_no",
        "finished",
        "on_time",
        "overdue",
        "rushed",
        "kind",
        "finished_deadline",
        "finished_minimum",
        "not_rushed",
        "waived",
    ],
)

STANDARDS = pd.DataFrame(
    [(FY, 1, 4, 3, 75.0), (FY, 2, 4, 2, 50.0), (FY, 3, 2, 2, 100.0), (LAST, 1, 1, 1, 100.0)],
    columns=["fiscal_year", "step", "total", "met", "percent_met"],
)
