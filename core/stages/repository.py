"""SQL of the stage tracker (values only as ``?`` parameters)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from core import settings
from core.db import rows_as_dicts
from core.errors import NotFound
from core.stages import rules


def standards(cur: duckdb.DuckDBPyConnection) -> dict[int, rules.Standard]:
    """The time standards in force (stored by the IT head, else the manual's defaults)."""
    return rules.standards_from_setting(settings.get(cur, rules.SETTINGS_KEY))


def insert_stage_rows(
    cur: duckdb.DuckDBPyConnection,
    project_id: int,
    planned: dict,
    stds: dict[int, rules.Standard],
    *,
    responsible_user_id: int | None,
    now: datetime,
    by: str,
    first_due: date | None,
) -> None:
    for stage in rules.STAGES:
        start, end = planned[stage]
        std = stds[stage]
        cur.execute(
            "INSERT INTO project_stages (project_id, stage_no, std_days, std_kind, std_unit, planned_start,"
            " planned_end, due_on, responsible_user_id, updated_at, updated_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                project_id,
                stage,
                std.days,
                std.kind,
                std.unit,
                start,
                end,
                first_due if stage == rules.FIRST else None,
                responsible_user_id,
                now,
                by,
            ],
        )


def stages_of(cur: duckdb.DuckDBPyConnection, project_id: int) -> list[dict]:
    """The nine stages of a project in order, with gate sign-offs and officer names."""
    cur.execute(
        "SELECT s.*, u.full_name AS responsible_name FROM stage_state s"
        " LEFT JOIN users u ON u.id = s.responsible_user_id"
        " WHERE s.project_id = ? ORDER BY s.stage_no",
        [project_id],
    )
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("stage.project_has_no_stages")
    return rows


def stage_row(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> dict:
    cur.execute("SELECT * FROM stage_state WHERE project_id = ? AND stage_no = ?", [project_id, stage_no])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("stage.not_found", stage=stage_no)
    return rows[0]


def project_with_names(cur: duckdb.DuckDBPyConnection, project_id: int) -> dict:
    cur.execute(
        "SELECT p.*, u.full_name AS responsible_name, o.name_th AS unit_th, o.name_en AS unit_en,"
        " s.code AS system_code, s.name_th AS system_name_th"
        " FROM projects p LEFT JOIN users u ON u.id = p.responsible_user_id"
        " LEFT JOIN org_units o ON o.code = p.unit_code LEFT JOIN systems s ON s.id = p.system_id"
        " WHERE p.id = ?",
        [project_id],
    )
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("project.not_found")
    return rows[0]


def training_of(cur: duckdb.DuckDBPyConnection, project_id: int) -> list[dict]:
    cur.execute(
        "SELECT id, held_on, hours, unit_codes, attendees, created_by FROM training_sessions"
        " WHERE project_id = ? ORDER BY held_on, id",
        [project_id],
    )
    return rows_as_dicts(cur)


def letter_of(cur: duckdb.DuckDBPyConnection, project_id: int) -> dict | None:
    cur.execute("SELECT * FROM launch_letters WHERE project_id = ?", [project_id])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def officers(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Active IT officers and the IT head: who may be responsible for a stage."""
    cur.execute(
        "SELECT DISTINCT u.id, u.full_name FROM users u JOIN user_roles r ON r.user_id = u.id"
        " WHERE u.active AND r.role IN ('it_head', 'it_officer') ORDER BY u.full_name"
    )
    return rows_as_dicts(cur)


def fiscal_years(cur: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in cur.execute("SELECT DISTINCT fiscal_year FROM projects ORDER BY 1 DESC").fetchall()]


def my_open_stages(cur: duckdb.DuckDBPyConnection, user_id: int) -> list[dict]:
    """Unfinished stages of active projects whose clock has started, for which the user answers
    (the stage's officer, else the project's)."""
    cur.execute(
        "WITH st AS (SELECT s.*, lag(s.end_on) OVER (PARTITION BY s.project_id ORDER BY s.stage_no)"
        "   AS previous_end FROM stage_state s)"
        " SELECT st.project_id, st.stage_no, st.planned_end, st.due_on, st.std_kind, st.start_on,"
        "   p.code, p.name FROM st JOIN projects p ON p.id = st.project_id"
        " WHERE p.status = 'active' AND st.end_on IS NULL"
        "   AND (st.stage_no = 4 OR st.previous_end IS NOT NULL)"
        "   AND coalesce(st.responsible_user_id, p.responsible_user_id) = ?"
        " ORDER BY coalesce(st.due_on, st.planned_end)",
        [user_id],
    )
    return rows_as_dicts(cur)


def gate_signoff(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> dict | None:
    """The sign-off row of a gate stage, if the gate has passed."""
    cur.execute("SELECT * FROM gate_signoffs WHERE project_id = ? AND stage_no = ?", [project_id, stage_no])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def insert_gate_signoff(
    cur: duckdb.DuckDBPyConnection,
    project_id: int,
    stage_no: int,
    *,
    round_id: int | None,
    passed_at: datetime,
) -> None:
    cur.execute(
        "INSERT INTO gate_signoffs (project_id, stage_no, round_id, passed_at) VALUES (?, ?, ?, ?)",
        [project_id, stage_no, round_id, passed_at],
    )


def set_due_on(cur: duckdb.DuckDBPyConnection, stage_id: int, due: date) -> None:
    cur.execute("UPDATE project_stages SET due_on = ? WHERE id = ?", [due, stage_id])


def set_actual_dates(
    cur: duckdb.DuckDBPyConnection,
    stage_id: int,
    *,
    actual_start: date | None,
    actual_end: date | None,
    spent_days: int | None,
    rushed: bool,
    waiver_reason: str | None,
    now: datetime,
    by: str,
) -> None:
    cur.execute(
        "UPDATE project_stages SET actual_start = ?, actual_end = ?, spent_days = ?, rushed = ?,"
        " waiver_reason = ?, updated_at = ?, updated_by = ? WHERE id = ?",
        [actual_start, actual_end, spent_days, rushed, waiver_reason, now, by, stage_id],
    )


def set_assignment(
    cur: duckdb.DuckDBPyConnection,
    stage_id: int,
    *,
    responsible_user_id: int | None,
    notes: str,
    now: datetime,
    by: str,
) -> None:
    cur.execute(
        "UPDATE project_stages SET responsible_user_id = ?, notes = ?, updated_at = ?,"
        " updated_by = ? WHERE id = ?",
        [responsible_user_id, notes, now, by, stage_id],
    )


def insert_link(
    cur: duckdb.DuckDBPyConnection,
    project_id: int,
    stage_no: int,
    *,
    url: str,
    label: str,
    now: datetime,
    by: str,
) -> int:
    return cur.execute(
        "INSERT INTO stage_links (project_id, stage_no, url, label, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [project_id, stage_no, url, label, by, now],
    ).fetchone()[0]


def insert_training(
    cur: duckdb.DuckDBPyConnection,
    project_id: int,
    *,
    held_on: date,
    hours: float,
    unit_codes: list[str],
    attendees: int,
    now: datetime,
    by: str,
) -> int:
    return cur.execute(
        "INSERT INTO training_sessions (project_id, held_on, hours, unit_codes, attendees,"
        " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [project_id, held_on, hours, ",".join(unit_codes), attendees, by, now],
    ).fetchone()[0]


def finish_last_stage(
    cur: duckdb.DuckDBPyConnection,
    stage_id: int,
    *,
    start: date,
    end: date,
    spent_days: int,
    now: datetime,
    by: str,
) -> None:
    cur.execute(
        "UPDATE project_stages SET actual_start = ?, actual_end = ?, spent_days = ?,"
        " updated_at = ?, updated_by = ? WHERE id = ?",
        [start, end, spent_days, now, by, stage_id],
    )


def insert_launch_letter(
    cur: duckdb.DuckDBPyConnection,
    project_id: int,
    *,
    reference_no: str,
    letter_date: date,
    go_live_on: date,
    system_id: int,
    signer_name: str,
    signer_position: str,
    now: datetime,
    by: str,
) -> None:
    cur.execute(
        "INSERT INTO launch_letters (project_id, reference_no, letter_date, go_live_on, system_id,"
        " signer_name, signer_position, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [project_id, reference_no, letter_date, go_live_on, system_id, signer_name, signer_position, by, now],
    )


def active_projects_with_start(cur: duckdb.DuckDBPyConnection) -> list[tuple[int, date]]:
    """(project id, the day its stages are planned from) of every active project."""
    return cur.execute(
        "SELECT id, CAST(coalesce(approved_at, created_at) AS DATE) FROM projects"
        " WHERE status = 'active' ORDER BY id"
    ).fetchall()


def set_planned_dates(
    cur: duckdb.DuckDBPyConnection,
    stage_id: int,
    planned_start: date | None,
    planned_end: date | None,
    due_on: date | None,
) -> None:
    cur.execute(
        "UPDATE project_stages SET planned_start = ?, planned_end = ?, due_on = ? WHERE id = ?",
        [planned_start, planned_end, due_on, stage_id],
    )
