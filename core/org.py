"""The organisation and its systems: divisions, affiliated schools, systems in service."""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from core import audit
from core.actor import Actor
from core.db import rows_as_dicts
from core.errors import NotFound, ValidationError

UNIT_KINDS = ("division", "school")
SYSTEM_KINDS = ("internal", "eservice")


def list_units(cur: duckdb.DuckDBPyConnection, kind: str | None = None) -> list[dict]:
    if kind:
        cur.execute("SELECT * FROM org_units WHERE active AND kind = ? ORDER BY sort_order, code", [kind])
    else:
        cur.execute("SELECT * FROM org_units WHERE active ORDER BY sort_order, code")
    return rows_as_dicts(cur)


def unit_name(cur: duckdb.DuckDBPyConnection, code: str | None, lang: str = "th") -> str:
    if not code:
        return ""
    row = cur.execute("SELECT name_th, name_en FROM org_units WHERE code = ?", [code]).fetchone()
    if row is None:
        return code
    return row[1] if lang == "en" else row[0]


def list_systems(cur: duckdb.DuckDBPyConnection, *, in_service_only: bool = True) -> list[dict]:
    """Systems in the register; by default only those in service (tickets and surveys use these)."""
    where = "WHERE s.active AND s.in_service_since IS NOT NULL" if in_service_only else ""
    cur.execute(
        "SELECT s.*, o.name_th AS owner_unit_th, o.name_en AS owner_unit_en FROM systems s"
        f" LEFT JOIN org_units o ON o.code = s.owner_unit_code {where} ORDER BY s.name_th"
    )
    return rows_as_dicts(cur)


def get_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> dict:
    cur.execute("SELECT * FROM systems WHERE id = ?", [system_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("system.not_found")
    return rows[0]


def register_system(
    cur: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    now: datetime,
    code: str,
    name_th: str,
    name_en: str,
    kind: str,
    owner_unit_code: str | None,
    description: str = "",
    in_service_since: date | None = None,
    project_id: int | None = None,
) -> int:
    """Add a system to the register (within the caller's transaction); audited."""
    if kind not in SYSTEM_KINDS:
        raise ValidationError("system.kind_invalid")
    if not code.strip() or not name_th.strip():
        raise ValidationError("error.required", field="field.name")
    if cur.execute("SELECT 1 FROM systems WHERE code = ?", [code]).fetchone():
        raise ValidationError("system.code_taken", code=code)
    if cur.execute(
        "SELECT 1 FROM systems WHERE lower(trim(name_th)) = lower(trim(?))"
        " AND coalesce(owner_unit_code, '') = coalesce(?, '')",
        [name_th, owner_unit_code],
    ).fetchall():  # names are unique within a unit
        raise ValidationError("org.system_name_taken", name=name_th.strip())
    system_id = cur.execute(
        "INSERT INTO systems (code, name_th, name_en, kind, owner_unit_code, description,"
        " in_service_since, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            code.strip(),
            name_th.strip(),
            (name_en or name_th).strip(),
            kind,
            owner_unit_code,
            description,
            in_service_since,
            project_id,
        ],
    ).fetchone()[0]
    audit.record(
        cur,
        actor=actor.username,
        action="system.register",
        entity="system",
        entity_id=system_id,
        at=now,
        detail={"code": code, "project_id": project_id},
    )
    return system_id
