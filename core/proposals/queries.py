"""Reads of the proposals screens: what the pages show, as plain rows or DataFrames (values only as
``?`` parameters). Reads that the services also need live in ``repository.py`` and are named here."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from core.db import rows_as_dicts
from core.proposals import rules
from core.proposals.repository import (  # noqa: F401 - the screens read these too
    drivers_of,
    events,
    fiscal_years,
    get_proposal,
    pending_drivers,
    user_of,
    versions,
)


def _where(**filters) -> tuple[str, list]:
    """``WHERE column = ? AND ...`` for the filters that have a value (names are columns)."""
    chosen = [(column.replace("__", "."), value) for column, value in filters.items() if value]
    if not chosen:
        return "", []
    return "WHERE " + " AND ".join(f"{column} = ?" for column, _ in chosen), [value for _, value in chosen]


def accepted_drivers(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute(
        "SELECT id, code, description, considered_at FROM drivers WHERE status = 'accepted' ORDER BY id DESC"
    )
    return rows_as_dicts(cur)


def list_drivers(
    cur: duckdb.DuckDBPyConnection, *, fiscal_year: int | None = None, status: str | None = None
) -> pd.DataFrame:
    where, params = _where(d__fiscal_year=fiscal_year, d__status=status)
    return cur.execute(
        "SELECT d.id, d.code, d.kind, d.unit_code, o.name_th AS unit_th, o.name_en AS unit_en,"
        " d.doc_no, d.doc_date, d.description, d.received_on, d.fiscal_year, d.status,"
        " m.code AS merged_into_code, d.decision_reason, d.considered_at, d.considered_by,"
        " d.consider_days, coalesce(d.consider_met, d.consider_days <= ?) AS on_time"
        f" FROM drivers d LEFT JOIN org_units o ON o.code = d.unit_code"
        f" LEFT JOIN drivers m ON m.id = d.merged_into {where}"
        " ORDER BY d.received_on DESC, d.id DESC",
        [rules.CONSIDER_DAYS, *params],
    ).df()


def list_proposals(
    cur: duckdb.DuckDBPyConnection,
    now: datetime,
    *,
    fiscal_year: int | None = None,
    status: str | None = None,
    unit_code: str | None = None,
) -> pd.DataFrame:
    """All proposals (filtered) with unit names, the responsible person, the project code and
    ``age_days``: calendar days from creation to the decision (or to ``now`` while open)."""
    where, params = _where(p__fiscal_year=fiscal_year, p__status=status, p__unit_code=unit_code)
    return cur.execute(
        "SELECT p.id, p.code, p.title, p.status, p.version, p.fiscal_year, p.unit_code,"
        " o.name_th AS unit_th, o.name_en AS unit_en, p.budget_kind, p.budget_amount,"
        " u.full_name AS responsible, p.created_at, p.submitted_at, p.proposed_at, p.decided_at,"
        " p.draft_days, p.propose_days, p.draft_met, p.propose_met, j.code AS project_code, p.project_id,"
        " date_diff('day', p.created_at, coalesce(p.decided_at, ?::TIMESTAMP)) AS age_days"
        " FROM proposals p LEFT JOIN org_units o ON o.code = p.unit_code"
        " LEFT JOIN users u ON u.id = p.responsible_user_id"
        f" LEFT JOIN projects j ON j.id = p.project_id {where}"
        " ORDER BY p.fiscal_year DESC, p.id DESC",
        [now, *params],
    ).df()


def people(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Active users who may be named responsible for a project."""
    cur.execute("SELECT id, full_name, position, unit_code FROM users WHERE active ORDER BY full_name")
    return rows_as_dicts(cur)


def project_code(cur: duckdb.DuckDBPyConnection, project_id: int | None) -> str | None:
    """The code of the project an approved proposal became, if any."""
    if not project_id:
        return None
    row = cur.execute("SELECT code FROM projects WHERE id = ?", [project_id]).fetchone()
    return row[0] if row else None
