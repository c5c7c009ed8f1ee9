"""SQL of the tickets area (values only as ``?`` parameters)."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core.db import rows_as_dicts
from core.errors import NotFound
from core.tickets import rules
from core.tickets.sla import Event


def get_ticket(cur: duckdb.DuckDBPyConnection, ticket_id: int) -> dict:
    """One ticket with its current status and assignee (from the projection of its events)."""
    cur.execute(
        "SELECT t.*, s.status, s.assignee_id, s.merged_into, s.resolved_at, s.closed_at,"
        " sy.name_th AS system_th, sy.name_en AS system_en,"
        " r.full_name AS reporter_name, r.username AS reporter_username,"
        " a.full_name AS assignee_name, o.code AS original_code"
        " FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id"
        " LEFT JOIN systems sy ON sy.id = t.system_id"
        " LEFT JOIN users r ON r.id = t.reporter_id"
        " LEFT JOIN users a ON a.id = s.assignee_id"
        " LEFT JOIN tickets o ON o.id = s.merged_into"
        " WHERE t.id = ?",
        [ticket_id],
    )
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("tickets.not_found")
    return rows[0]


def find_by_code(cur: duckdb.DuckDBPyConnection, code: str) -> int | None:
    row = cur.execute("SELECT id FROM tickets WHERE code = ?", [(code or "").strip().upper()]).fetchone()
    return None if row is None else row[0]


def current_state(cur: duckdb.DuckDBPyConnection, ticket_id: int) -> tuple[str, int | None]:
    """Status and assignee replayed from the event log (the source of truth)."""
    rows = cur.execute(
        "SELECT kind, status_after, assignee_id FROM ticket_events WHERE ticket_id = ? ORDER BY at_time, id",
        [ticket_id],
    ).fetchall()
    if not rows:
        raise NotFound("tickets.not_found")
    status, assignee = "new", None
    for kind, status_after, assignee_id in rows:
        status = status_after
        if kind == "assign":
            assignee = assignee_id
    return status, assignee


def sla_events(cur: duckdb.DuckDBPyConnection, ticket_ids: list[int]) -> dict[int, list[Event]]:
    """The events of several tickets, for the SLA clocks."""
    if not ticket_ids:
        return {}
    rows = cur.execute(
        "SELECT ticket_id, at_time, kind FROM ticket_events"
        " WHERE list_contains(?, ticket_id) ORDER BY ticket_id, at_time, id",
        [list(ticket_ids)],
    ).fetchall()
    found: dict[int, list[Event]] = {tid: [] for tid in ticket_ids}
    for ticket_id, at_time, kind in rows:
        found[ticket_id].append(Event(at_time, kind))
    return found


QUEUES = ("mine", "team", "unassigned", "reported")


def queue(cur: duckdb.DuckDBPyConnection, kind: str, user_id: int, *, limit: int = 500) -> list[dict]:
    """Tickets of a queue: ``mine`` (assigned to the user, still open), ``team`` (every ticket
    not yet closed), ``unassigned`` (open, nobody assigned), ``reported`` (by the user, recent)."""
    if kind not in QUEUES:
        raise ValueError(kind)
    open_list = list(rules.OPEN_STATUSES)
    active_list = list(rules.ACTIVE_STATUSES)
    where, params = {
        "mine": ("list_contains(?, s.status) AND s.assignee_id = ?", [active_list, user_id]),
        "team": ("list_contains(?, s.status)", [active_list]),
        "unassigned": ("list_contains(?, s.status) AND s.assignee_id IS NULL", [open_list]),
        "reported": ("t.reporter_id = ?", [user_id]),
    }[kind]
    order = "t.reported_at DESC" if kind == "reported" else "t.reported_at"
    cur.execute(
        "SELECT t.id, t.code, t.type, t.title, t.urgency, t.channel, t.reported_at, t.reporter_id,"
        " s.status, s.assignee_id, a.full_name AS assignee_name, r.full_name AS reporter_name,"
        " sy.name_th AS system_th, sy.name_en AS system_en"
        " FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id"
        " LEFT JOIN users a ON a.id = s.assignee_id LEFT JOIN users r ON r.id = t.reporter_id"
        " LEFT JOIN systems sy ON sy.id = t.system_id"
        f" WHERE {where} ORDER BY {order} LIMIT ?",
        params + [limit],
    )
    return rows_as_dicts(cur)


def stale_resolved(cur: duckdb.DuckDBPyConnection) -> list[tuple[int, datetime]]:
    """Resolved tickets with the time they were resolved (candidates for closing)."""
    return cur.execute(
        "SELECT ticket_id, resolved_at FROM ticket_sla WHERE status = 'resolved'"
        " AND resolved_at IS NOT NULL ORDER BY ticket_id"
    ).fetchall()


def rating_of(cur: duckdb.DuckDBPyConnection, ticket_id: int) -> dict | None:
    cur.execute(
        "SELECT score, comment, rated_by, rated_at FROM ticket_ratings WHERE ticket_id = ?", [ticket_id]
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def it_people(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Active users who may work tickets (IT head and officers)."""
    cur.execute(
        "SELECT DISTINCT u.id, u.username, u.full_name FROM users u JOIN user_roles r"
        " ON r.user_id = u.id WHERE u.active AND r.role IN ('it_head', 'it_officer')"
        " ORDER BY u.full_name"
    )
    return rows_as_dicts(cur)


def reporters(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Active users who may report tickets (for IT recording a phone or walk-in report)."""
    cur.execute(
        "SELECT DISTINCT u.id, u.username, u.full_name, u.unit_code FROM users u"
        " JOIN user_roles r ON r.user_id = u.id WHERE u.active AND r.role IN"
        " ('division_staff', 'affiliated_unit', 'director', 'it_head', 'it_officer')"
        " ORDER BY u.full_name"
    )
    return rows_as_dicts(cur)


# -- writes and reads of the verbs and the SLA projection ------------------------------------------
def sla_sources(cur: duckdb.DuckDBPyConnection, ticket_ids: list[int] | None) -> tuple[list[tuple], dict]:
    """The tickets (id, type, system, reporter, reported_at, fy) and their events (at, kind,
    status_after, assignee_id, related_ticket_id) in time order; every ticket when ``ticket_ids`` is None."""
    where = "" if ticket_ids is None else "WHERE list_contains(?, id)"
    params = [] if ticket_ids is None else [list(ticket_ids)]
    tickets = cur.execute(
        f"SELECT id, type, system_id, reporter_id, reported_at, fiscal_year FROM tickets {where} ORDER BY id",
        params,
    ).fetchall()
    event_where = "" if ticket_ids is None else "WHERE list_contains(?, ticket_id)"
    events: dict[int, list[tuple]] = {}
    for row in cur.execute(
        "SELECT ticket_id, at_time, kind, status_after, assignee_id, related_ticket_id"
        f" FROM ticket_events {event_where} ORDER BY ticket_id, at_time, id",
        params,
    ).fetchall():
        events.setdefault(row[0], []).append(row[1:])
    return tickets, events


def replace_sla_rows(cur: duckdb.DuckDBPyConnection, frame, ticket_ids: list[int] | None) -> None:
    """Put ``frame`` (columns of ``ticket_sla``) in place of these tickets' rows (all when None)."""
    if ticket_ids is None:
        cur.execute("DELETE FROM ticket_sla")
    else:
        cur.execute("DELETE FROM ticket_sla WHERE list_contains(?, ticket_id)", [list(ticket_ids)])
    columns = ", ".join(frame.columns)
    cur.register("ticket_sla_rows", frame)
    try:
        cur.execute(f"INSERT INTO ticket_sla ({columns}) SELECT {columns} FROM ticket_sla_rows")
    finally:
        cur.unregister("ticket_sla_rows")


def stored_sla_fingerprint(cur: duckdb.DuckDBPyConnection) -> str | None:
    row = cur.execute("SELECT fingerprint FROM ticket_sla_meta WHERE name = 'sla'").fetchone()
    return row[0] if row else None


def store_sla_fingerprint(cur: duckdb.DuckDBPyConnection, fingerprint: str, now: datetime) -> None:
    if cur.execute("SELECT 1 FROM ticket_sla_meta WHERE name = 'sla'").fetchone():
        cur.execute(
            "UPDATE ticket_sla_meta SET fingerprint = ?, rebuilt_at = ? WHERE name = 'sla'",
            [fingerprint, now],
        )
    else:
        cur.execute("INSERT INTO ticket_sla_meta VALUES ('sla', ?, ?)", [fingerprint, now])


def has_tickets(cur: duckdb.DuckDBPyConnection) -> bool:
    return cur.execute("SELECT count(*) FROM tickets").fetchone()[0] > 0


def insert_event(
    cur: duckdb.DuckDBPyConnection,
    ticket_id: int,
    at: datetime,
    kind: str,
    actor: str,
    status_after: str,
    *,
    assignee_id: int | None,
    related: int | None,
    note: str,
) -> None:
    """Append one event to the ticket's log (append-only: never updated or deleted)."""
    cur.execute(
        "INSERT INTO ticket_events (ticket_id, at_time, kind, actor, status_after, assignee_id,"
        " related_ticket_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [ticket_id, at, kind, actor, status_after, assignee_id, related, note],
    )


def next_number(cur: duckdb.DuckDBPyConnection, fiscal_year: int) -> int:
    return cur.execute(
        "SELECT coalesce(max(CAST(split_part(code, '-', 2) AS INTEGER)), 0) + 1"
        " FROM tickets WHERE fiscal_year = ?",
        [fiscal_year],
    ).fetchone()[0]


def active_user(cur: duckdb.DuckDBPyConnection, user_id: int) -> dict | None:
    """An active user's id and unit, or None."""
    cur.execute("SELECT id, unit_code FROM users WHERE id = ? AND active", [user_id])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def recent_reports_by(cur: duckdb.DuckDBPyConnection, reporter_id: int, since: datetime) -> list[dict]:
    """The reporter's tickets reported since ``since`` (for the double-report guard)."""
    cur.execute(
        "SELECT code, system_id, title, description, reported_at FROM tickets"
        " WHERE reporter_id = ? AND reported_at >= ? ORDER BY reported_at DESC",
        [reporter_id, since],
    )
    return rows_as_dicts(cur)


def insert_ticket(
    cur: duckdb.DuckDBPyConnection,
    *,
    code: str,
    fields: dict,
    reporter_id: int,
    reporter_unit_code: str | None,
    recorded_by_id: int | None,
    reported_at: datetime,
    fiscal_year: int,
) -> int:
    return cur.execute(
        "INSERT INTO tickets (code, system_id, type, title, description, channel, urgency,"
        " reporter_id, reporter_unit_code, recorded_by_id, reported_at, fiscal_year)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            code,
            fields["system_id"],
            fields["type"],
            fields["title"],
            fields["description"],
            fields["channel"],
            fields["urgency"],
            reporter_id,
            reporter_unit_code,
            recorded_by_id,
            reported_at,
            fiscal_year,
        ],
    ).fetchone()[0]


def insert_rating(
    cur: duckdb.DuckDBPyConnection,
    ticket_id: int,
    *,
    score: int,
    comment: str,
    by: str,
    at: datetime,
    fiscal_year: int,
) -> None:
    cur.execute(
        "INSERT INTO ticket_ratings (ticket_id, score, comment, rated_by, rated_at, fiscal_year)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [ticket_id, score, comment, by, at, fiscal_year],
    )
