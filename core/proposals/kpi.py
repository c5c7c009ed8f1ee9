"""KPI figures of steps 1-3 (pure SQL over the area's tables, aggregated in DuckDB)."""

from __future__ import annotations

import duckdb
import pandas as pd

from core.proposals import rules


def time_standards(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int]) -> pd.DataFrame:
    """Per fiscal year and step: how many were measured and how many met the manual's standard.

    Each step is judged by ``rules.standard_met`` (done by 16:30 of the N-th working day), as the
    service recorded it (``consider_met``, ``draft_met``, ``propose_met``).
    Step 1: drivers considered within 1 working day of receipt (by the driver's fiscal year).
    Step 2: proposals first submitted within 15 working days of the drafting start (by the
    proposal's fiscal year). Step 3: proposals proposed to the executive within 1 working day
    of their (latest) submission. Steps not yet taken are not counted; ``percent_met`` is NULL
    (NaN) when nothing was measured.
    """
    return cur.execute(
        """
        WITH years AS (SELECT unnest(?::INTEGER[]) AS fiscal_year),
             steps AS (SELECT unnest([1, 2, 3]) AS step),
             measured AS (
                 SELECT fiscal_year, 1 AS step, count(*) AS total,
                        count(*) FILTER (WHERE coalesce(consider_met, consider_days <= ?)) AS met
                   FROM drivers WHERE consider_days IS NOT NULL GROUP BY fiscal_year
                 UNION ALL
                 SELECT fiscal_year, 2, count(*), count(*) FILTER (WHERE coalesce(draft_met, draft_days <= ?))
                   FROM proposals WHERE draft_days IS NOT NULL GROUP BY fiscal_year
                 UNION ALL
                 SELECT fiscal_year, 3, count(*), count(*) FILTER (WHERE coalesce(propose_met, propose_days <= ?))
                   FROM proposals WHERE propose_days IS NOT NULL GROUP BY fiscal_year)
        SELECT y.fiscal_year, s.step,
               coalesce(m.total, 0)::BIGINT AS total, coalesce(m.met, 0)::BIGINT AS met,
               CASE WHEN coalesce(m.total, 0) > 0 THEN 100.0 * m.met / m.total END AS percent_met
          FROM years y CROSS JOIN steps s
          LEFT JOIN measured m ON m.fiscal_year = y.fiscal_year AND m.step = s.step
         ORDER BY y.fiscal_year, s.step
        """,
        [list(fiscal_years), rules.CONSIDER_DAYS, rules.DRAFT_DAYS, rules.PROPOSE_DAYS],
    ).df()


def trace_of_project(cur: duckdb.DuckDBPyConnection, project_id: int) -> dict:
    """Where a project came from: its proposal and the drivers that proposal answered.

    ``{"project_id", "proposal_id", "code", "title", "status", "approved_at", "drivers": [{"id",
    "code", "kind", "unit_code", "unit_name", "doc_no", "doc_date", "description",
    "received_on"}]}``; ``proposal_id`` is None (and ``drivers`` empty) for a project that did
    not come from a proposal.
    """
    row = cur.execute(
        "SELECT p.id, p.code, p.title, p.status, coalesce(j.approved_at, p.decided_at)"
        " FROM projects j JOIN proposals p ON p.id = j.proposal_id WHERE j.id = ?"
        " UNION ALL SELECT p.id, p.code, p.title, p.status, p.decided_at FROM proposals p"
        " WHERE p.project_id = ? LIMIT 1",
        [project_id, project_id],
    ).fetchone()
    if row is None:
        return {
            "project_id": project_id,
            "proposal_id": None,
            "code": None,
            "title": None,
            "status": None,
            "approved_at": None,
            "drivers": [],
        }
    drivers = cur.execute(
        "SELECT d.id, d.code, d.kind, d.unit_code, o.name_th AS unit_name, d.doc_no, d.doc_date,"
        " d.description, d.received_on FROM proposal_drivers pd JOIN drivers d ON d.id = pd.driver_id"
        " LEFT JOIN org_units o ON o.code = d.unit_code WHERE pd.proposal_id = ?"
        " ORDER BY d.received_on, d.id",
        [row[0]],
    ).fetchall()
    columns = [
        "id",
        "code",
        "kind",
        "unit_code",
        "unit_name",
        "doc_no",
        "doc_date",
        "description",
        "received_on",
    ]
    return {
        "project_id": project_id,
        "proposal_id": row[0],
        "code": row[1],
        "title": row[2],
        "status": row[3],
        "approved_at": row[4],
        "drivers": [dict(zip(columns, d)) for d in drivers],
    }
