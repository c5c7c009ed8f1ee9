"""Where each dashboard figure comes from: the KPI contract of the four source areas.

Each area (proposals, stages, tickets, surveys) provides ``core/<area>/kpi.py`` with functions
that take a cursor and plain values and return DataFrames with fixed columns (aggregated in
DuckDB); ``fetch`` calls them and checks the columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import duckdb
import pandas as pd

from core.proposals import kpi as proposals_kpi
from core.stages import kpi as stages_kpi
from core.surveys import kpi as surveys_kpi
from core.tickets import kpi as tickets_kpi

AREAS: dict[str, ModuleType] = {
    "proposals": proposals_kpi,
    "stages": stages_kpi,
    "tickets": tickets_kpi,
    "surveys": surveys_kpi,
}

# Columns each contract function returns (first columns, in order; extra columns may follow).
CONTRACT: dict[str, list[str]] = {
    "time_standards": ["fiscal_year", "step", "total", "met", "percent_met"],
    "portfolio": stages_kpi.PORTFOLIO_COLUMNS,
    "stage_adherence": stages_kpi.ADHERENCE_COLUMNS,
    "sla_by_month": ["fiscal_year", "month", "type", "clock", "total", "met", "breached", "percent_met"],
    "backlog": ["type", "open", "breached"],
    "tickets_of_system": ["id", "code", "type", "title", "status", "reported_at"],
    "rating_summary": ["fiscal_year", "ratings", "mean"],
    "satisfaction": [
        "fiscal_year",
        "system_id",
        "respondents",
        "answers",
        "mean",
        "sd",
        "percent_satisfaction",
        "percent_top_two",
    ],
    "satisfaction_by_section": ["fiscal_year", "section", "answers", "mean", "sd", "percent_satisfaction"],
    "satisfaction_overall": [
        "fiscal_year",
        "respondents",
        "answers",
        "mean",
        "sd",
        "percent_satisfaction",
        "percent_top_two",
    ],
    "processing_deadlines": [
        "survey_id",
        "system_id",
        "fiscal_year",
        "closes_on",
        "processed_at",
        "due_at",
        "met",
    ],
    "surveys_of_system": ["id", "code", "title", "fiscal_year", "responses", "percent_satisfaction"],
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


FIGURES: dict[str, Figure] = {
    f.key: f
    for f in [
        Figure("satisfaction_overall", "kpi.fig.satisfaction_overall", "surveys", "satisfaction_overall"),
        Figure("satisfaction_by_system", "kpi.fig.satisfaction_by_system", "surveys", "satisfaction"),
        Figure(
            "satisfaction_by_section", "kpi.fig.satisfaction_by_section", "surveys", "satisfaction_by_section"
        ),
        Figure("survey_processing", "kpi.fig.survey_processing", "surveys", "processing_deadlines"),
        Figure("ticket_sla", "kpi.fig.ticket_sla", "tickets", "sla_by_month"),
        Figure("ticket_backlog", "kpi.fig.ticket_backlog", "tickets", "backlog"),
        Figure("ticket_rating", "kpi.fig.ticket_rating", "tickets", "rating_summary"),
        Figure("portfolio", "kpi.fig.portfolio", "stages", "portfolio"),
        Figure("stage_adherence", "kpi.fig.stage_adherence", "stages", "stage_adherence"),
        Figure("proposal_standards", "kpi.fig.proposal_standards", "proposals", "time_standards"),
    ]
}

AREA_TITLE_KEYS: dict[str, str] = {
    "proposals": "kpi.area.proposals",
    "stages": "kpi.area.stages",
    "tickets": "kpi.area.tickets",
    "surveys": "kpi.area.surveys",
}


def fetch(cur: duckdb.DuckDBPyConnection, key: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
    """The DataFrame of figure ``key`` (``FIGURES``).

    Arguments after the cursor are those of the contract function (fiscal years, now, ...).
    """
    figure = FIGURES[key]
    frame = getattr(AREAS[figure.area], figure.function)(cur, *args, **kwargs)
    expected = CONTRACT[figure.function]
    absent = [c for c in expected if c not in frame.columns]
    if absent:
        raise RuntimeError(f"{figure.area}.{figure.function} lacks contract columns {absent}")
    return frame
