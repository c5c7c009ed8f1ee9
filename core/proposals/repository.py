"""SQL of drivers and proposals (values only as ``?`` parameters)."""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb
import pandas as pd

from core.db import rows_as_dicts
from core.errors import NotFound

_PROPOSAL_COLUMNS = (
    "id, code, fiscal_year, unit_code, title, status, version, revision, rationale, objectives,"
    " targets, scope, budget_kind, budget_amount, start_date, end_date, indicators, personnel,"
    " responsible_user_id, draft_started_at, first_submitted_at, draft_days, draft_met, submitted_at,"
    " proposed_at, propose_days, propose_met, decided_at, project_id, created_by, created_at, updated_at"
)


# -- drivers ----------------------------------------------------------------------------------
def _next_number(cur: duckdb.DuckDBPyConnection, name: str, fy: int) -> int:
    """The next running number of ``name`` (``driver``, ``proposal``) in fiscal year ``fy``: a
    counter row taken with UPDATE ... RETURNING (two writers conflict; ``db.write`` retries one),
    started from the highest number already used; the codes are also UNIQUE (migration 012)."""
    row = cur.execute(
        "UPDATE running_numbers SET last_no = last_no + 1 WHERE name = ? AND fiscal_year = ?"
        " RETURNING last_no",
        [name, fy],
    ).fetchone()
    if row is not None:
        return int(row[0])
    table = {"driver": "drivers", "proposal": "proposals"}[name]  # fixed names, never from input
    used = cur.execute(
        f"SELECT coalesce(max(TRY_CAST(split_part(code, '-', 2) AS INTEGER)), 0) FROM {table}"
        " WHERE fiscal_year = ?",
        [fy],
    ).fetchone()[0]
    cur.execute(
        "INSERT INTO running_numbers (name, fiscal_year, last_no) VALUES (?, ?, ?)", [name, fy, used + 1]
    )
    return int(used) + 1


def next_driver_code(cur: duckdb.DuckDBPyConnection, fy: int) -> str:
    return f"DR{fy}-{_next_number(cur, 'driver', fy):03d}"


def insert_driver(
    cur, *, code, fy, kind, unit_code, doc_no, doc_date, description, received_on, actor, now
) -> int:
    return cur.execute(
        "INSERT INTO drivers (code, kind, unit_code, doc_no, doc_date, description, received_on,"
        " fiscal_year, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [code, kind, unit_code, doc_no, doc_date, description, received_on, fy, actor, now],
    ).fetchone()[0]


def get_driver(cur: duckdb.DuckDBPyConnection, driver_id: int) -> dict:
    cur.execute("SELECT * FROM drivers WHERE id = ?", [driver_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("proposals.driver_not_found")
    return rows[0]


def record_consideration(
    cur,
    driver_id: int,
    *,
    status: str,
    reason: str,
    merge_into: int | None,
    actor: str,
    now: datetime,
    days: int,
    met: bool | None = None,
) -> None:
    cur.execute(
        "UPDATE drivers SET status = ?, decision_reason = ?, merged_into = ?, considered_at = ?,"
        " considered_by = ?, consider_days = ?, consider_met = ? WHERE id = ?",
        [status, reason, merge_into, now, actor, days, met, driver_id],
    )


def pending_drivers(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute(
        "SELECT id, code, kind, description, received_on FROM drivers"
        " WHERE status = 'pending' ORDER BY received_on, id"
    )
    return rows_as_dicts(cur)


# -- proposals --------------------------------------------------------------------------------
def next_proposal_code(cur: duckdb.DuckDBPyConnection, fy: int) -> str:
    return f"PR{fy}-{_next_number(cur, 'proposal', fy):03d}"


def insert_proposal(
    cur, *, code: str, fy: int, values: dict, actor: str, now: datetime, draft_started_at: datetime
) -> int:
    proposal_id = cur.execute(
        "INSERT INTO proposals (code, fiscal_year, unit_code, title, rationale, objectives, targets,"
        " scope, budget_kind, budget_amount, start_date, end_date, indicators, personnel,"
        " responsible_user_id, draft_started_at, created_by, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            code,
            fy,
            values["unit_code"],
            values["title"],
            values["rationale"],
            values["objectives"],
            values["targets"],
            values["scope"],
            values["budget_kind"],
            values["budget_amount"],
            values["start_date"],
            values["end_date"],
            values["indicators"],
            values["personnel"],
            values["responsible_user_id"],
            draft_started_at,
            actor,
            now,
            now,
        ],
    ).fetchone()[0]
    replace_links(cur, proposal_id, values)
    return proposal_id


def update_content(cur, proposal_id: int, values: dict, now: datetime) -> None:
    cur.execute(
        "UPDATE proposals SET unit_code = ?, title = ?, rationale = ?, objectives = ?, targets = ?,"
        " scope = ?, budget_kind = ?, budget_amount = ?, start_date = ?, end_date = ?,"
        " indicators = ?, personnel = ?, responsible_user_id = ?, revision = revision + 1,"
        " updated_at = ? WHERE id = ?",
        [
            values["unit_code"],
            values["title"],
            values["rationale"],
            values["objectives"],
            values["targets"],
            values["scope"],
            values["budget_kind"],
            values["budget_amount"],
            values["start_date"],
            values["end_date"],
            values["indicators"],
            values["personnel"],
            values["responsible_user_id"],
            now,
            proposal_id,
        ],
    )
    replace_links(cur, proposal_id, values)


def replace_links(cur, proposal_id: int, values: dict) -> None:
    cur.execute("DELETE FROM proposal_drivers WHERE proposal_id = ?", [proposal_id])
    for driver_id in values["driver_ids"]:
        cur.execute("INSERT INTO proposal_drivers VALUES (?, ?)", [proposal_id, driver_id])
    cur.execute("DELETE FROM proposal_plan WHERE proposal_id = ?", [proposal_id])
    for number, row in enumerate(values["plan"], start=1):
        cur.execute(
            "INSERT INTO proposal_plan (proposal_id, row_no, activity, months) VALUES (?, ?, ?, ?)",
            [proposal_id, number, row["activity"], ",".join(str(m) for m in row["months"])],
        )


def existing_driver_ids(cur, ids: list[int]) -> set[int]:
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    return {r[0] for r in cur.execute(f"SELECT id FROM drivers WHERE id IN ({marks})", ids).fetchall()}


def user_exists(cur, user_id: int) -> bool:
    return cur.execute("SELECT 1 FROM users WHERE id = ? AND active", [user_id]).fetchone() is not None


def unit_exists(cur, code: str) -> bool:
    return cur.execute("SELECT 1 FROM org_units WHERE code = ?", [code]).fetchone() is not None


def get_proposal(cur: duckdb.DuckDBPyConnection, proposal_id: int) -> dict:
    """A proposal's row with its ``driver_ids`` and action ``plan``."""
    cur.execute(f"SELECT {_PROPOSAL_COLUMNS} FROM proposals WHERE id = ?", [proposal_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("proposals.not_found")
    row = rows[0]
    row["driver_ids"] = [
        r[0]
        for r in cur.execute(
            "SELECT driver_id FROM proposal_drivers WHERE proposal_id = ? ORDER BY driver_id", [proposal_id]
        ).fetchall()
    ]
    row["plan"] = [
        {"activity": a, "months": [int(m) for m in months.split(",") if m]}
        for a, months in cur.execute(
            "SELECT activity, months FROM proposal_plan WHERE proposal_id = ? ORDER BY row_no", [proposal_id]
        ).fetchall()
    ]
    return row


def set_status(
    cur, proposal_id: int, *, status: str, version: int, now: datetime, extra: dict | None = None
) -> None:
    extra = extra or {}
    allowed = {
        "first_submitted_at",
        "draft_days",
        "draft_met",
        "submitted_at",
        "proposed_at",
        "propose_days",
        "propose_met",
        "decided_at",
        "project_id",
    }
    assert set(extra) <= allowed
    sets = "".join(f", {k} = ?" for k in extra)
    cur.execute(
        f"UPDATE proposals SET status = ?, version = ?, revision = revision + 1,"
        f" updated_at = ?{sets} WHERE id = ?",
        [status, version, now, *extra.values(), proposal_id],
    )


def insert_event(
    cur,
    *,
    proposal_id: int,
    version: int,
    action: str,
    from_status: str | None,
    to_status: str,
    actor: str,
    now: datetime,
    comment: str = "",
) -> None:
    cur.execute(
        "INSERT INTO proposal_events (proposal_id, version, action, from_status, to_status,"
        " actor, at_time, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [proposal_id, version, action, from_status, to_status, actor, now, comment],
    )


def insert_version(
    cur, *, proposal_id: int, version: int, snapshot_json: str, actor: str, now: datetime
) -> None:
    cur.execute("DELETE FROM proposal_versions WHERE proposal_id = ? AND version = ?", [proposal_id, version])
    cur.execute(
        "INSERT INTO proposal_versions (proposal_id, version, snapshot_json, submitted_by,"
        " submitted_at) VALUES (?, ?, ?, ?, ?)",
        [proposal_id, version, snapshot_json, actor, now],
    )


def versions(cur: duckdb.DuckDBPyConnection, proposal_id: int) -> list[dict]:
    """Every submitted version, oldest first, with its parts decoded."""
    cur.execute(
        "SELECT version, snapshot_json, submitted_by, submitted_at FROM proposal_versions"
        " WHERE proposal_id = ? ORDER BY version",
        [proposal_id],
    )
    out = rows_as_dicts(cur)
    for row in out:
        row["snapshot"] = json.loads(row.pop("snapshot_json"))
    return out


def events(cur: duckdb.DuckDBPyConnection, proposal_id: int) -> pd.DataFrame:
    return cur.execute(
        "SELECT e.at_time, e.version, e.action, e.from_status, e.to_status, e.actor,"
        " coalesce(u.full_name, e.actor) AS actor_name, e.comment FROM proposal_events e"
        " LEFT JOIN users u ON u.username = e.actor WHERE e.proposal_id = ? ORDER BY e.at_time, e.id",
        [proposal_id],
    ).df()


def proposals_in(cur: duckdb.DuckDBPyConnection, statuses: tuple[str, ...]) -> list[dict]:
    marks = ", ".join("?" for _ in statuses)
    cur.execute(
        f"SELECT id, code, title, status, version, draft_started_at, submitted_at, proposed_at"
        f" FROM proposals WHERE status IN ({marks}) ORDER BY id",
        list(statuses),
    )
    return rows_as_dicts(cur)


def user_of(cur, *, user_id: int | None = None, username: str | None = None) -> dict | None:
    if user_id is not None:
        cur.execute("SELECT id, username, full_name, position FROM users WHERE id = ?", [user_id])
    else:
        cur.execute("SELECT id, username, full_name, position FROM users WHERE username = ?", [username])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def holder_of_role(cur, role: str) -> dict | None:
    """The first active user holding ``role`` (the director who signs the memo)."""
    cur.execute(
        "SELECT u.id, u.username, u.full_name, u.position FROM users u"
        " JOIN user_roles r ON r.user_id = u.id WHERE r.role = ? AND u.active ORDER BY u.id LIMIT 1",
        [role],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def drivers_of(cur, proposal_id: int) -> list[dict]:
    cur.execute(
        "SELECT d.id, d.code, d.kind, d.unit_code, o.name_th AS unit_th, o.name_en AS unit_en,"
        " d.doc_no, d.doc_date, d.description, d.received_on FROM proposal_drivers pd"
        " JOIN drivers d ON d.id = pd.driver_id LEFT JOIN org_units o ON o.code = d.unit_code"
        " WHERE pd.proposal_id = ? ORDER BY d.received_on, d.id",
        [proposal_id],
    )
    return rows_as_dicts(cur)


def unit_row(cur, code: str | None) -> dict | None:
    if not code:
        return None
    cur.execute("SELECT * FROM org_units WHERE code = ?", [code])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def fiscal_years(cur) -> list[int]:
    return [
        r[0]
        for r in cur.execute(
            "SELECT DISTINCT fiscal_year FROM proposals UNION SELECT DISTINCT fiscal_year FROM drivers"
            " ORDER BY 1 DESC"
        ).fetchall()
    ]


def earliest_acceptance(cur, driver_ids: list[int]) -> datetime | None:
    if not driver_ids:
        return None
    marks = ", ".join("?" for _ in driver_ids)
    return cur.execute(
        f"SELECT min(considered_at) FROM drivers WHERE id IN ({marks}) AND status = 'accepted'", driver_ids
    ).fetchone()[0]


def as_date(value) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def set_draft_started_at(cur: duckdb.DuckDBPyConnection, proposal_id: int, at: datetime) -> None:
    cur.execute("UPDATE proposals SET draft_started_at = ? WHERE id = ?", [at, proposal_id])
