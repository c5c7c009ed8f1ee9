"""Where each dashboard figure comes from: the KPI contract of the four source areas.

Each area (proposals, stages, tickets, surveys) provides ``core/<area>/kpi.py`` with functions
that take a cursor and plain values and return DataFrames with fixed columns (aggregated in
DuckDB). This module imports those modules lazily: while an area does not exist, its figures
are *not available* (``fetch`` returns ``None``) and the dashboard and report say so. Nothing is
ever faked. Once an area's module is importable its figures appear, with no change here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import duckdb
import pandas as pd

AREAS: dict[str, str] = {
    "proposals": "core.proposals.kpi",
    "stages": "core.stages.kpi",
    "tickets": "core.tickets.kpi",
    "surveys": "core.surveys.kpi",
}

# Columns each contract function returns (first columns, in order; extra columns may follow).
CONTRACT: dict[str, list[str]] = {
    "time_standards": ["fiscal_year", "step", "total", "met", "percent_met"],
    "portfolio": ["project_id", "code", "name", "fiscal_year", "unit_code", "current_stage",
                  "status", "days_in_stage", "overdue", "rushed_stages", "responsible_user_id"],
    "stage_adherence": ["fiscal_year", "stage_no", "finished", "on_time", "overdue", "rushed", "kind",
                        "finished_deadline", "finished_minimum", "not_rushed", "waived"],
    "sla_by_month": ["fiscal_year", "month", "type", "clock", "total", "met", "breached",
                     "percent_met"],
    "backlog": ["type", "open", "breached"],
    "tickets_of_system": ["id", "code", "type", "title", "status", "reported_at"],
    "rating_summary": ["fiscal_year", "ratings", "mean"],
    "satisfaction": ["fiscal_year", "system_id", "respondents", "answers", "mean", "sd",
                     "percent_satisfaction", "percent_top_two"],
    "satisfaction_by_section": ["fiscal_year", "section", "answers", "mean", "sd",
                                "percent_satisfaction"],
    "satisfaction_overall": ["fiscal_year", "respondents", "answers", "mean", "sd",
                             "percent_satisfaction", "percent_top_two"],
    "processing_deadlines": ["survey_id", "system_id", "fiscal_year", "closes_on", "processed_at",
                             "due_at", "met"],
    "surveys_of_system": ["id", "code", "title", "fiscal_year", "responses",
                          "percent_satisfaction"],
}


@dataclass(frozen=True)
class Figure:
    """One figure of the dashboard: its key, title (a text key), source area and function."""

    key: str
    title_key: str
    area: str
    function: str

    def title(self, lang: str = "th") -> str:
        from core.i18n import t

        return t(self.title_key, lang)


FIGURES: dict[str, Figure] = {f.key: f for f in [
    Figure("satisfaction_overall", "kpi.fig.satisfaction_overall", "surveys", "satisfaction_overall"),
    Figure("satisfaction_by_system", "kpi.fig.satisfaction_by_system", "surveys", "satisfaction"),
    Figure("satisfaction_by_section", "kpi.fig.satisfaction_by_section", "surveys",
           "satisfaction_by_section"),
    Figure("survey_processing", "kpi.fig.survey_processing", "surveys", "processing_deadlines"),
    Figure("ticket_sla", "kpi.fig.ticket_sla", "tickets", "sla_by_month"),
    Figure("ticket_backlog", "kpi.fig.ticket_backlog", "tickets", "backlog"),
    Figure("ticket_rating", "kpi.fig.ticket_rating", "tickets", "rating_summary"),
    Figure("portfolio", "kpi.fig.portfolio", "stages", "portfolio"),
    Figure("stage_adherence", "kpi.fig.stage_adherence", "stages", "stage_adherence"),
    Figure("proposal_standards", "kpi.fig.proposal_standards", "proposals", "time_standards"),
]}

AREA_TITLE_KEYS: dict[str, str] = {
    "proposals": "kpi.area.proposals",
    "stages": "kpi.area.stages",
    "tickets": "kpi.area.tickets",
    "surveys": "kpi.area.surveys",
}


def area_module(area: str) -> ModuleType | None:
    """The area's KPI module, or ``None`` while the area does not exist.

    Only the absence of the module itself (or of its package) means "not available"; an error
    inside an existing module is raised, not hidden.
    """
    name = AREAS[area]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        package = name.rsplit(".", 1)[0]
        if error.name in (name, package):
            return None
        raise


def available(area: str) -> bool:
    return area_module(area) is not None


def missing_areas() -> list[str]:
    """The source areas whose KPI module does not exist yet, in a fixed order."""
    return [area for area in AREAS if not available(area)]


def call(area: str, function: str, *args: Any, **kwargs: Any) -> Any:
    """Call a contract function of ``area``; ``None`` when the area (or function) is missing."""
    module = area_module(area)
    if module is None:
        return None
    fn = getattr(module, function, None)
    if fn is None:
        return None
    return fn(*args, **kwargs)


def fetch(cur: duckdb.DuckDBPyConnection, key: str, *args: Any, **kwargs: Any) -> pd.DataFrame | None:
    """The DataFrame of figure ``key`` (``FIGURES``), or ``None`` when its area is missing.

    Arguments after the cursor are those of the contract function (fiscal years, now, ...).
    """
    figure = FIGURES[key]
    frame = call(figure.area, figure.function, cur, *args, **kwargs)
    if frame is None:
        return None
    expected = CONTRACT[figure.function]
    absent = [c for c in expected if c not in frame.columns]
    if absent:
        raise RuntimeError(f"{figure.area}.{figure.function} lacks contract columns {absent}")
    return frame
