"""Fixed KPI-contract modules standing in for the four source areas in the KPI tests.

``install(monkeypatch, areas)`` puts small fake ``core.<area>.kpi`` modules into
``sys.modules``, so ``core.kpi.sources`` finds them exactly as it will find the real ones.
Every value below is small enough to check by hand (see the tests' comments).
"""

from __future__ import annotations

import sys
import types
from datetime import date, datetime

import pandas as pd

FY, LAST = 2570, 2569   # tests.conftest.FIXED_NOW (24 Nov 2026) is in FY 2570

SATISFACTION = pd.DataFrame([
    # fiscal_year, system_id, respondents, answers, mean, sd, percent_satisfaction, percent_top_two
    (LAST, 1, 10, 100, 4.0, 0.5, 80.0, 70.0),
    (FY, 1, 20, 100, 4.5, 0.5, 90.0, 80.0),
    (FY, 2, 10, 300, 3.5, 1.0, 70.0, 50.0),
], columns=["fiscal_year", "system_id", "respondents", "answers", "mean", "sd",
            "percent_satisfaction", "percent_top_two"])

OVERALL = pd.DataFrame([
    (LAST, 10, 100, 4.0, 0.5, 80.0, 70.0),
    (FY, 30, 400, 3.75, 0.9997, 75.0, 57.5),
], columns=["fiscal_year", "respondents", "answers", "mean", "sd", "percent_satisfaction",
            "percent_top_two"])

BY_SECTION = pd.DataFrame([
    (FY, "กระบวนการ/ขั้นตอน", 200, 4.0, 0.7, 80.0),
    (FY, "เจ้าหน้าที่", 200, 3.5, 0.9, 70.0),
], columns=["fiscal_year", "section", "answers", "mean", "sd", "percent_satisfaction"])

PROCESSING = pd.DataFrame([
    (1, 1, FY, date(2026, 10, 31), datetime(2026, 11, 1, 10), datetime(2026, 11, 3, 16, 30), True),
    (2, 2, FY, date(2026, 10, 31), datetime(2026, 11, 9, 10), datetime(2026, 11, 3, 16, 30), False),
    (3, 2, FY, date(2026, 11, 20), None, datetime(2026, 11, 24, 16, 30), None),
    (4, 1, LAST, date(2026, 3, 31), datetime(2026, 4, 1, 9), datetime(2026, 4, 2, 16, 30), True),
], columns=["survey_id", "system_id", "fiscal_year", "closes_on", "processed_at", "due_at", "met"])

SLA = pd.DataFrame([
    (FY, date(2026, 10, 1), "problem", "analysis", 10, 9, 1, 90.0),
    (FY, date(2026, 10, 1), "problem", "resolution", 10, 7, 3, 70.0),
    (FY, date(2026, 11, 1), "requirement", "resolution", 4, 2, 2, 50.0),
    (LAST, date(2026, 3, 1), "problem", "resolution", 5, 5, 0, 100.0),
], columns=["fiscal_year", "month", "type", "clock", "total", "met", "breached", "percent_met"])

BACKLOG = pd.DataFrame([("problem", 3, 1), ("requirement", 5, 0)], columns=["type", "open", "breached"])

PORTFOLIO = pd.DataFrame([
    (1, "PJ2570-001", "ระบบรับคำร้องออนไลน์ ระยะที่ 2", FY, "FINANCE", 4, "active", 40, True, 0, 5),
    (2, "PJ2570-002", "ระบบจองคิว", FY, "OFFICE", 4, "active", 3, False, 1, 5),
    (3, "PJ2570-003", "ระบบลาออนไลน์", FY, "OFFICE", 8, "active", 70, True, 2, 6),
    (4, "PJ2570-004", "ระบบพัสดุ", FY, "FINANCE", None, "live", 0, False, 0, 5),
    (5, "PJ2570-005", "ระบบที่ยกเลิก", FY, "FINANCE", None, "cancelled", 0, False, 0, 5),
], columns=["project_id", "code", "name", "fiscal_year", "unit_code", "current_stage", "status",
            "days_in_stage", "overdue", "rushed_stages", "responsible_user_id"])

ADHERENCE = pd.DataFrame([(FY, 4, 4, 0, 0, 1, "minimum", 0, 4, 3, 1),
                          (FY, 11, 2, 2, 0, 0, "deadline", 2, 0, 0, 0)],
                         columns=["fiscal_year", "stage_no", "finished", "on_time", "overdue", "rushed",
                                  "kind", "finished_deadline", "finished_minimum", "not_rushed", "waived"])

STANDARDS = pd.DataFrame([(FY, 1, 4, 3, 75.0), (FY, 2, 4, 2, 50.0), (FY, 3, 2, 2, 100.0),
                          (LAST, 1, 1, 1, 100.0)],
                         columns=["fiscal_year", "step", "total", "met", "percent_met"])


def _years(frame: pd.DataFrame, years) -> pd.DataFrame:
    return frame[frame["fiscal_year"].isin(list(years))].reset_index(drop=True)


def _module(area: str) -> types.ModuleType:
    module = types.ModuleType(f"core.{area}.kpi")
    if area == "surveys":
        module.satisfaction = lambda cur, years: _years(SATISFACTION, years)
        module.satisfaction_overall = lambda cur, years: _years(OVERALL, years)
        module.satisfaction_by_section = lambda cur, years: _years(BY_SECTION, years)
        module.processing_deadlines = lambda cur, years: _years(PROCESSING, years)
        module.surveys_of_system = lambda cur, system_id: pd.DataFrame(
            [(7, "SV2570-01", "สำรวจความพึงพอใจ ปีงบประมาณ 2570", FY, 20, 90.0)],
            columns=["id", "code", "title", "fiscal_year", "responses", "percent_satisfaction"])
    elif area == "tickets":
        module.sla_by_month = lambda cur, years, now: _years(SLA, years)
        module.backlog = lambda cur, now: BACKLOG.copy()
        module.rating_summary = lambda cur, years: pd.DataFrame(
            [(FY, 12, 4.25)], columns=["fiscal_year", "ratings", "mean"])
        module.tickets_of_system = lambda cur, system_id: pd.DataFrame(
            [(1, "TK2570-0001", "problem", "พิมพ์ใบเสร็จไม่ได้", "closed", datetime(2026, 10, 5, 9))],
            columns=["id", "code", "type", "title", "status", "reported_at"])
    elif area == "stages":
        module.portfolio = lambda cur, years, now: _years(PORTFOLIO, years)
        module.stage_adherence = lambda cur, years, now: _years(ADHERENCE, years)
    elif area == "proposals":
        module.time_standards = lambda cur, years: _years(STANDARDS, years)
        module.trace_of_project = lambda cur, project_id: {
            "id": 3, "title": "ข้อเสนอโครงการระบบรับคำร้อง", "status": "approved",
            "approved_at": datetime(2025, 11, 2, 14), "drivers": [
                {"type": "executive_order", "unit": "OFFICE", "document_no": "วร 52101/123",
                 "document_date": date(2025, 10, 20)}]}
    return module


ALL = ("proposals", "stages", "tickets", "surveys")


def install(monkeypatch, areas=ALL) -> None:
    for area in areas:
        monkeypatch.setitem(sys.modules, f"core.{area}.kpi", _module(area))


def remove(monkeypatch, areas=ALL) -> None:
    """Make areas absent (even once they exist): importing their KPI module fails as if missing."""
    for area in areas:
        monkeypatch.setitem(sys.modules, f"core.{area}.kpi", None)
