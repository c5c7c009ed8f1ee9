"""Verbs and read models of the KPI area: the target, the obstacles text, the dashboard's data.

``load_dashboard`` calls the areas' KPI contract functions (``core.kpi.sources``) a few times,
each a grouped DuckDB query, and narrows their small results to the filters in pandas; figures
every area's figures are always there (possibly empty).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

import duckdb
import pandas as pd

from core import audit, settings
from core.actor import Actor
from core.db import Database
from core.kpi import figures, repository, rules, sources
from core.permissions import require
from core.plan import queries as plan_queries
from core.thaidate import fiscal_year as fiscal_year_of

TARGET_KEY = "kpi.satisfaction_target"
DEFAULT_TARGET = 80.0
TREND_YEARS = 10


# ------------------------------------------------------------------------------- settings
def get_target(cur: duckdb.DuckDBPyConnection) -> float:
    value = settings.get(cur, TARGET_KEY, DEFAULT_TARGET)
    try:
        return float(value)
    except (TypeError, ValueError):
        return DEFAULT_TARGET


def set_target(db: Database, actor: Actor, now: datetime, value: object) -> float:
    """Set the yearly percentage-satisfaction target (0-100); audited by ``settings.put``."""
    require(actor.roles, "kpi.target.edit")
    target = rules.validate_target(value)
    db.write(lambda cur: settings.put(cur, TARGET_KEY, target, actor=actor, now=now))
    return target


def save_obstacles(db: Database, actor: Actor, now: datetime, fiscal_year: int, text: str) -> int:
    """Record the problems and obstacles of a fiscal year (the newest entry is in force)."""
    require(actor.roles, "report.obstacles.edit")
    fy = rules.validate_fiscal_year(fiscal_year)
    clean = rules.validate_obstacles(text)

    def work(cur):
        entry_id = repository.insert_obstacles(cur, fy, clean, actor.username, now)
        audit.record(
            cur,
            actor=actor.username,
            action="report.obstacles.edit",
            entity="report",
            entity_id=fy,
            at=now,
            detail={"entry_id": entry_id, "length": len(clean)},
        )
        return entry_id

    return db.write(work)


def record_report_run(db: Database, actor: Actor, now: datetime, fiscal_year: int, missing: list[str]) -> int:
    """Note that the yearly report of ``fiscal_year`` was produced (step 19); audited."""
    require(actor.roles, "kpi.read")
    fy = rules.validate_fiscal_year(fiscal_year)

    def work(cur):
        run_id = repository.insert_report_run(cur, fy, actor.username, now, missing)
        audit.record(
            cur,
            actor=actor.username,
            action="report.produce",
            entity="report",
            entity_id=fy,
            at=now,
            detail={"run_id": run_id, "missing": missing},
        )
        return run_id

    return db.write(work)


# ------------------------------------------------------------------------------ dashboard
@dataclass(frozen=True)
class Filters:
    fiscal_year: int
    unit_code: str | None = None
    system_id: int | None = None


@dataclass
class Dashboard:
    """Everything the dashboard shows for one choice of filters (``load_dashboard`` fills every figure)."""

    filters: Filters
    target: float
    system_names: dict[int, str]
    system_ids: list[int] | None  # None: no unit/system filter
    overall: pd.DataFrame = None  # per fiscal year (filtered)
    by_system: pd.DataFrame = None  # per fiscal year and system (filtered)
    by_section: pd.DataFrame = None  # the fiscal year
    processing: pd.DataFrame = None
    sla: pd.DataFrame = None
    backlog: pd.DataFrame = None
    rating: pd.DataFrame = None
    portfolio: pd.DataFrame = None
    adherence: pd.DataFrame = None
    standards: pd.DataFrame = None
    unfiltered: list[str] = field(default_factory=list)  # figures the filter could not narrow
    plan_share: dict | None = None  # issue 19: projects carried out from the local development plan

    @property
    def fiscal_year(self) -> int:
        return self.filters.fiscal_year

    @property
    def has_data(self) -> bool:
        """Whether any available figure holds something for the fiscal year."""
        fy = self.fiscal_year
        return (
            figures.value_in_year(self.overall, fy, "percent_satisfaction") is not None
            or bool((self.processing["fiscal_year"] == fy).any())
            or figures.sla_totals(self.sla, fy)["total"] > 0
            or not self.portfolio.empty
            or figures.proposal_totals(self.standards, fy)["total"] > 0
        )


def system_names(cur: duckdb.DuckDBPyConnection, lang: str = "th") -> dict[int, str]:
    return {s["id"]: (s["name_en"] if lang == "en" else s["name_th"]) for s in repository.systems(cur)}


def chosen_systems(cur: duckdb.DuckDBPyConnection, filters: Filters) -> list[int] | None:
    if filters.system_id is not None:
        return [int(filters.system_id)]
    if filters.unit_code:
        return [s["id"] for s in repository.systems(cur) if s["owner_unit_code"] == filters.unit_code]
    return None


def fiscal_year_options(cur: duckdb.DuckDBPyConnection, now: datetime) -> list[int]:
    """The fiscal years the filter offers, newest first."""
    return rules.fiscal_years_back(fiscal_year_of(now), repository.earliest_fiscal_year(cur), TREND_YEARS)


def load_dashboard(
    cur: duckdb.DuckDBPyConnection, now: datetime, filters: Filters, lang: str = "th"
) -> Dashboard:
    return with_clock_figures(cur, now, load_recorded_figures(cur, filters, lang))


# The figures split by what moves them: satisfaction, survey processing, ticket ratings, proposal
# time standards and the plan's share change only when something is recorded; the tickets' SLA
# and backlog and the projects' stages also change as time passes (a deadline goes by). The
# dashboard keeps the first as long as nothing is recorded and refreshes only the second with
# the clock (ui.kpi_views; issue 18).
def load_recorded_figures(cur: duckdb.DuckDBPyConnection, filters: Filters, lang: str = "th") -> Dashboard:
    """The dashboard's figures that do not depend on the clock; those that do (the tickets' SLA
    and backlog, the projects' portfolio and stage adherence) are left empty for
    ``with_clock_figures``."""
    fy = filters.fiscal_year
    years = list(range(fy - TREND_YEARS + 1, fy + 1))
    two = [fy - 1, fy]
    ids = chosen_systems(cur, filters)
    board = Dashboard(
        filters=filters, target=get_target(cur), system_names=system_names(cur, lang), system_ids=ids
    )
    narrowed = ids is not None or bool(filters.unit_code)

    by_system = sources.fetch(cur, "satisfaction_by_system", years)
    if ids is None:
        board.overall = sources.fetch(cur, "satisfaction_overall", years)
        board.by_system = by_system
    else:
        board.overall = figures.overall_for_systems(by_system, ids)
        board.by_system = by_system[by_system["system_id"].isin(ids)]
    board.by_section = sources.fetch(cur, "satisfaction_by_section", [fy])
    if narrowed and "system_id" not in board.by_section.columns:
        board.unfiltered.append("satisfaction_by_section")
    elif ids is not None:
        board.by_section, _ = figures.filter_by_systems(board.by_section, ids)
    processing = sources.fetch(cur, "survey_processing", two)
    board.processing, _ = figures.filter_by_systems(processing, ids)
    board.rating = sources.fetch(cur, "ticket_rating", years)
    board.standards = sources.fetch(cur, "proposal_standards", two)
    if narrowed:
        board.unfiltered.append("proposal_standards")
    board.plan_share = _plan_share(cur, fy)  # issue 19
    return board


def with_clock_figures(cur: duckdb.DuckDBPyConnection, now: datetime, recorded: Dashboard) -> Dashboard:
    """``recorded`` (from ``load_recorded_figures``, left as it is) with the figures that move
    with the clock as they are at ``now``: a new board."""
    filters, ids = recorded.filters, recorded.system_ids
    fy = filters.fiscal_year
    narrowed = ids is not None or bool(filters.unit_code)
    unfiltered = list(recorded.unfiltered)
    sla, ok = figures.filter_by_systems(sources.fetch(cur, "ticket_sla", [fy - 1, fy], now), ids)
    if not ok:
        unfiltered.append("ticket_sla")
    backlog, ok = figures.filter_by_systems(sources.fetch(cur, "ticket_backlog", now), ids)
    if not ok:
        unfiltered.append("ticket_backlog")
    portfolio = sources.fetch(cur, "portfolio", [fy], now)
    project_ids = (
        None
        if ids is None or filters.unit_code and filters.system_id is None
        else repository.projects_of_systems(cur, ids)
    )
    adherence = sources.fetch(cur, "stage_adherence", [fy], now)
    if narrowed:
        unfiltered.append("stage_adherence")
    order = list(sources.FIGURES)
    return replace(
        recorded,
        sla=sla,
        backlog=backlog,
        portfolio=figures.filter_portfolio(portfolio, filters.unit_code, project_ids),
        adherence=adherence,
        unfiltered=sorted(unfiltered, key=order.index),
    )


def _plan_share(cur: duckdb.DuckDBPyConnection, fiscal_year: int) -> dict:
    """Share of the fiscal year's projects carried out from the local development plan (issue 19)."""
    return plan_queries.share_from_plan(cur, fiscal_year)
