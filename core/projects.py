"""Projects: the rows of what an approved proposal becomes, and their requirements.

Opening a project with its nine stages is the stage tracker's service
(``core.stages.services.open_project``); this module only keeps the project rows."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import audit
from core.actor import Actor
from core.db import rows_as_dicts
from core.errors import NotFound
from core.thaidate import fiscal_year


def insert_project(
    cur: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    now: datetime,
    name: str,
    proposal_id: int | None,
    unit_code: str | None,
    responsible_user_id: int | None,
) -> int:
    """The project row (numbered PJ<fiscal year>-NNN), audited, within the caller's transaction."""
    fy = fiscal_year(now)
    number = cur.execute("SELECT count(*) + 1 FROM projects WHERE fiscal_year = ?", [fy]).fetchone()[0]
    code = f"PJ{fy}-{number:03d}"
    project_id = cur.execute(
        "INSERT INTO projects (code, name, proposal_id, unit_code, fiscal_year,"
        " responsible_user_id, approved_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [code, name, proposal_id, unit_code, fy, responsible_user_id, now, now],
    ).fetchone()[0]
    audit.record(
        cur,
        actor=actor.username,
        action="project.create",
        entity="project",
        entity_id=project_id,
        at=now,
        detail={"code": code, "proposal_id": proposal_id},
    )
    return project_id


def get_project(cur: duckdb.DuckDBPyConnection, project_id: int) -> dict:
    cur.execute("SELECT * FROM projects WHERE id = ?", [project_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("project.not_found")
    return rows[0]


def list_projects(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute("SELECT * FROM projects ORDER BY fiscal_year DESC, code")
    return rows_as_dicts(cur)


def list_requirements(cur: duckdb.DuckDBPyConnection, project_id: int) -> list[dict]:
    """The requirements recorded for a project in its requirements survey (stage 4)."""
    cur.execute(
        "SELECT id, code, text, created_by, created_at FROM project_requirements"
        " WHERE project_id = ? ORDER BY id",
        [project_id],
    )
    return rows_as_dicts(cur)


def add_requirement(
    cur: duckdb.DuckDBPyConnection, *, actor: Actor, now: datetime, project_id: int, text: str
) -> int:
    """Record one requirement (within the caller's transaction); numbered R1, R2, ... per project."""
    from core.errors import ValidationError

    clean = (text or "").strip()
    if not clean:
        raise ValidationError("error.required", field="field.requirement")
    if len(clean) > 1000:
        raise ValidationError("error.too_long", field="field.requirement", maximum=1000)
    get_project(cur, project_id)
    number = cur.execute(
        "SELECT count(*) + 1 FROM project_requirements WHERE project_id = ?", [project_id]
    ).fetchone()[0]
    requirement_id = cur.execute(
        "INSERT INTO project_requirements (project_id, code, text, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        [project_id, f"R{number}", clean, actor.username, now],
    ).fetchone()[0]
    audit.record(
        cur,
        actor=actor.username,
        action="project.requirement_add",
        entity="project",
        entity_id=project_id,
        at=now,
        detail={"code": f"R{number}"},
    )
    return requirement_id


def set_live(cur: duckdb.DuckDBPyConnection, project_id: int, system_id: int) -> None:
    """The project went live as this system of the register (the stage tracker's go-live)."""
    cur.execute("UPDATE projects SET status = 'live', system_id = ? WHERE id = ?", [system_id, project_id])
