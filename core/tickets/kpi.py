"""Ticket figures for the KPI dashboard: pure SQL over ``ticket_sla`` (rebuilt from the event log).

A clock counts once it is decided: ``met`` or ``breached`` when it stopped, and ``breached`` too
when it still runs past its due time at ``now`` (a running clock's stored due time stays exact
until the next event, calendar change or target change, each of which rebuilds the row). Running,
paused and not-started clocks are not counted; merged duplicates are left out. A ticket counts
in the month and fiscal year of its report.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from core.tickets import rules

_CLOCKS = """
    SELECT fiscal_year, CAST(date_trunc('month', reported_at) AS DATE) AS month, type,
           'analysis' AS clock, analysis_state AS state, analysis_due AS due,
           analysis_elapsed_s AS elapsed_s, analysis_stopped_at AS stopped_at
    FROM ticket_sla WHERE status <> 'merged'
    UNION ALL
    SELECT fiscal_year, CAST(date_trunc('month', reported_at) AS DATE), type,
           'resolution', resolution_state, resolution_due, resolution_elapsed_s, resolution_stopped_at
    FROM ticket_sla WHERE status <> 'merged'
"""


def sla_by_month(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int], now: datetime) -> pd.DataFrame:
    """[fiscal_year, month, type, clock, total, met, breached, percent_met, median_minutes]:
    SLA clocks met/breached per month of report; ``median_minutes`` is the median working time
    of the stopped clocks."""
    return cur.execute(
        f"""
        WITH c AS ({_CLOCKS}),
        d AS (SELECT *, state = 'met' AS is_met,
                     state = 'breached' OR (state = 'running' AND due < ?) AS is_breached
              FROM c WHERE list_contains(?, fiscal_year))
        SELECT fiscal_year, month, type, clock,
               count(*) FILTER (WHERE is_met OR is_breached) AS total,
               count(*) FILTER (WHERE is_met) AS met,
               count(*) FILTER (WHERE is_breached) AS breached,
               round(100.0 * count(*) FILTER (WHERE is_met)
                     / nullif(count(*) FILTER (WHERE is_met OR is_breached), 0), 1) AS percent_met,
               round(median(elapsed_s / 60.0) FILTER (WHERE stopped_at IS NOT NULL), 1) AS median_minutes
        FROM d GROUP BY ALL HAVING count(*) FILTER (WHERE is_met OR is_breached) > 0
        ORDER BY fiscal_year, month, type, clock
    """,
        [now, list(fiscal_years)],
    ).df()


def backlog(cur: duckdb.DuckDBPyConnection, now: datetime) -> pd.DataFrame:
    """[type, open, breached]: tickets still to work on (new, analysing, in progress, waiting)
    and how many of them have a breached clock at ``now``."""
    return cur.execute(
        """
        WITH types(type, ord) AS (VALUES ('problem', 1), ('requirement', 2)),
        o AS (SELECT type,
                     analysis_state = 'breached' OR (analysis_state = 'running' AND analysis_due < ?)
                     OR resolution_state = 'breached'
                     OR (resolution_state = 'running' AND resolution_due < ?) AS is_breached
              FROM ticket_sla WHERE list_contains(?, status))
        SELECT t.type, count(o.type) AS open, count(o.type) FILTER (WHERE o.is_breached) AS breached
        FROM types t LEFT JOIN o ON o.type = t.type GROUP BY t.type, t.ord ORDER BY t.ord
    """,
        [now, now, list(rules.OPEN_STATUSES)],
    ).df()


def tickets_of_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> pd.DataFrame:
    """[id, code, type, title, status, reported_at] of one system, newest first."""
    return cur.execute(
        """
        SELECT t.id, t.code, t.type, t.title, s.status, t.reported_at
        FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id
        WHERE t.system_id = ? ORDER BY t.reported_at DESC, t.id DESC
    """,
        [system_id],
    ).df()


def rating_summary(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int]) -> pd.DataFrame:
    """[fiscal_year, ratings, mean]: the reporters' ratings of fixes (1-5) by fiscal year of the
    rating; ``mean`` rounded to 2 decimals."""
    return cur.execute(
        """
        SELECT fiscal_year, count(*) AS ratings, round(avg(score), 2) AS mean
        FROM ticket_ratings WHERE list_contains(?, fiscal_year)
        GROUP BY fiscal_year ORDER BY fiscal_year
    """,
        [list(fiscal_years)],
    ).df()
