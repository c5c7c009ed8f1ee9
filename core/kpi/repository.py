"""SQL of the KPI area: its own tables (obstacles, report runs) and foundation look-ups."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core.db import rows_as_dicts


def latest_obstacles(cur: duckdb.DuckDBPyConnection, fiscal_year: int) -> dict | None:
    """The problems and obstacles in force for a fiscal year (the newest entry), or None."""
    cur.execute(
        "SELECT id, fiscal_year, text, entered_by, entered_at FROM report_obstacles"
        " WHERE fiscal_year = ? ORDER BY entered_at DESC, id DESC LIMIT 1",
        [fiscal_year],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def insert_obstacles(
    cur: duckdb.DuckDBPyConnection, fiscal_year: int, text: str, username: str, now: datetime
) -> int:
    return cur.execute(
        "INSERT INTO report_obstacles (fiscal_year, text, entered_by, entered_at)"
        " VALUES (?, ?, ?, ?) RETURNING id",
        [fiscal_year, text, username, now],
    ).fetchone()[0]


def insert_report_run(
    cur: duckdb.DuckDBPyConnection, fiscal_year: int, username: str, now: datetime, missing: list[str]
) -> int:
    return cur.execute(
        "INSERT INTO report_runs (fiscal_year, produced_by, produced_at, missing_areas)"
        " VALUES (?, ?, ?, ?) RETURNING id",
        [fiscal_year, username, now, ",".join(missing)],
    ).fetchone()[0]


def last_report_run(cur: duckdb.DuckDBPyConnection, fiscal_year: int) -> dict | None:
    cur.execute(
        "SELECT * FROM report_runs WHERE fiscal_year = ? ORDER BY produced_at DESC, id DESC LIMIT 1",
        [fiscal_year],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def systems(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every system of the register with its owner unit and project (for filters and trace)."""
    cur.execute(
        "SELECT id, code, name_th, name_en, kind, owner_unit_code, in_service_since,"
        " project_id, active FROM systems ORDER BY name_th"
    )
    return rows_as_dicts(cur)


def projects_of_systems(cur: duckdb.DuckDBPyConnection, system_ids: list[int]) -> list[int]:
    """Projects that built these systems (projects.system_id or systems.project_id)."""
    if not system_ids:
        return []
    marks = ", ".join("?" for _ in system_ids)
    cur.execute(
        f"SELECT id FROM projects WHERE system_id IN ({marks})"
        f" UNION SELECT project_id FROM systems WHERE id IN ({marks}) AND project_id IS NOT NULL",
        [*system_ids, *system_ids],
    )
    return sorted(r[0] for r in cur.fetchall())


def project_of_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> dict | None:
    cur.execute(
        "SELECT p.* FROM projects p WHERE p.system_id = ?"
        " UNION ALL SELECT p.* FROM projects p JOIN systems s ON s.project_id = p.id"
        " WHERE s.id = ? LIMIT 1",
        [system_id, system_id],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def earliest_fiscal_year(cur: duckdb.DuckDBPyConnection) -> int | None:
    """The oldest fiscal year the foundation knows of (projects; systems' service start)."""
    row = cur.execute(
        "SELECT min(fy) FROM (SELECT min(fiscal_year) AS fy FROM projects"
        " UNION ALL SELECT min(year(in_service_since) + 543"
        " + CASE WHEN month(in_service_since) >= 10 THEN 1 ELSE 0 END) FROM systems)"
    ).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def it_head(cur: duckdb.DuckDBPyConnection) -> dict | None:
    cur.execute(
        "SELECT u.id, u.username, u.full_name, u.position FROM users u"
        " JOIN user_roles r ON r.user_id = u.id WHERE r.role = 'it_head' AND u.active"
        " ORDER BY u.id LIMIT 1"
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def unit_phone(cur: duckdb.DuckDBPyConnection, code: str) -> str:
    row = cur.execute("SELECT phone FROM org_units WHERE code = ?", [code]).fetchone()
    return (row[0] or "") if row else ""
