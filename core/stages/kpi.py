"""KPI figures of the stage tracker (the KPI contract of the brief): pure SQL, aggregated in DuckDB.

Definitions (``today`` is ``now``'s day):

* current stage: the first stage not finished (a gate is finished when its sign-off exists);
  None once the project is live.
* days in stage: calendar days since the current stage's clock started (its actual start, else
  the day the previous stage finished, else the approval day).
* overdue: the current stage is a deadline stage past its due day.
* behind plan (extra column): today is after the current stage's planned end.
* stage adherence per fiscal year (of the project) and stage, each stage judged by the kind of
  its standard (``core.stages.rules.adherence``): ``finished`` stages; ``on_time``, deadline
  stages finished by their due day; ``overdue``, deadline stages finished after their due day or
  still open after it; ``rushed``, minimum stages finished faster than their standard (each has
  a recorded waiver); extra columns ``kind`` (the stage's kind, ``deadline`` or ``minimum``),
  ``finished_deadline``, ``finished_minimum``, ``not_rushed`` (minimum stages that lasted their
  minimum) and ``waived`` (rushed minimum stages with their reason). A minimum stage is never
  "on time" or "late": it has no due day.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

PORTFOLIO_COLUMNS = [
    "project_id",
    "code",
    "name",
    "fiscal_year",
    "unit_code",
    "current_stage",
    "status",
    "days_in_stage",
    "overdue",
    "rushed_stages",
    "responsible_user_id",
]
ADHERENCE_COLUMNS = [
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
]


def portfolio(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int], now: datetime) -> pd.DataFrame:
    """One row per project of the fiscal years: where it stands today."""
    today = now.date()
    return cur.execute(
        """
        WITH st AS (
            SELECT s.*, lag(s.end_on) OVER (PARTITION BY s.project_id ORDER BY s.stage_no) AS previous_end
            FROM stage_state s JOIN projects p ON p.id = s.project_id
            WHERE p.fiscal_year IN (SELECT unnest(?::INTEGER[]))
        ),
        agg AS (
            SELECT project_id, min(stage_no) FILTER (WHERE end_on IS NULL) AS current_stage,
                   count(*) FILTER (WHERE rushed)::INTEGER AS rushed_stages
            FROM st GROUP BY project_id
        )
        SELECT p.id AS project_id, p.code, p.name, p.fiscal_year, p.unit_code,
               CASE WHEN p.status = 'active' THEN a.current_stage END AS current_stage,
               p.status,
               CASE WHEN p.status = 'active' THEN date_diff('day',
                    coalesce(c.start_on, c.previous_end, CAST(coalesce(p.approved_at, p.created_at) AS DATE)),
                    ?::DATE) END AS days_in_stage,
               coalesce(p.status = 'active' AND c.std_kind = 'deadline' AND c.due_on IS NOT NULL
                        AND ?::DATE > c.due_on, FALSE) AS overdue,
               coalesce(a.rushed_stages, 0) AS rushed_stages,
               coalesce(c.responsible_user_id, p.responsible_user_id) AS responsible_user_id,
               coalesce(p.status = 'active' AND ?::DATE > c.planned_end, FALSE) AS behind_plan,
               c.planned_end AS current_planned_end, c.due_on AS current_due_on
        FROM projects p
        LEFT JOIN agg a ON a.project_id = p.id
        LEFT JOIN st c ON c.project_id = p.id AND c.stage_no = a.current_stage
        WHERE p.fiscal_year IN (SELECT unnest(?::INTEGER[]))
        ORDER BY p.fiscal_year DESC, p.code
        """,
        [list(fiscal_years), today, today, today, list(fiscal_years)],
    ).df()


def stage_adherence(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int], now: datetime) -> pd.DataFrame:
    """Per fiscal year and stage: finished, on time, overdue and rushed stages."""
    today = now.date()
    return cur.execute(
        """
        SELECT p.fiscal_year, s.stage_no,
               count(s.end_on)::INTEGER AS finished,
               count(*) FILTER (WHERE s.std_kind = 'deadline' AND s.end_on IS NOT NULL
                                AND s.end_on <= coalesce(s.due_on, s.planned_end))::INTEGER AS on_time,
               count(*) FILTER (WHERE s.std_kind = 'deadline' AND s.due_on IS NOT NULL
                                AND coalesce(s.end_on, ?::DATE) > s.due_on)::INTEGER AS overdue,
               count(*) FILTER (WHERE s.std_kind = 'minimum' AND s.rushed)::INTEGER AS rushed,
               mode(s.std_kind) AS kind,
               count(s.end_on) FILTER (WHERE s.std_kind = 'deadline')::INTEGER AS finished_deadline,
               count(s.end_on) FILTER (WHERE s.std_kind = 'minimum')::INTEGER AS finished_minimum,
               count(s.end_on) FILTER (WHERE s.std_kind = 'minimum' AND NOT s.rushed)::INTEGER AS not_rushed,
               count(s.end_on) FILTER (WHERE s.std_kind = 'minimum' AND s.rushed
                                       AND coalesce(s.waiver_reason, '') <> '')::INTEGER AS waived
        FROM stage_state s JOIN projects p ON p.id = s.project_id
        WHERE p.fiscal_year IN (SELECT unnest(?::INTEGER[]))
        GROUP BY p.fiscal_year, s.stage_no ORDER BY p.fiscal_year, s.stage_no
        """,
        [today, list(fiscal_years)],
    ).df()
