"""Reads of the tickets screens: what the pages show, as plain rows or DataFrames (values only as
``?`` parameters). Reads that the services also need live in ``repository.py`` and are named here."""

from __future__ import annotations

import duckdb

from core.db import rows_as_dicts
from core.tickets.repository import (  # noqa: F401 - the screens read these too
    find_by_code,
    get_ticket,
    it_people,
    rating_of,
    reporters,
)


def events_of(cur: duckdb.DuckDBPyConnection, ticket_id: int) -> list[dict]:
    cur.execute(
        "SELECT e.id, e.at_time, e.kind, e.actor, u.full_name AS actor_name, e.status_after,"
        " e.assignee_id, a.full_name AS assignee_name, e.related_ticket_id, o.code AS related_code, e.note"
        " FROM ticket_events e LEFT JOIN users u ON u.username = e.actor"
        " LEFT JOIN users a ON a.id = e.assignee_id LEFT JOIN tickets o ON o.id = e.related_ticket_id"
        " WHERE e.ticket_id = ? ORDER BY e.at_time, e.id",
        [ticket_id],
    )
    return rows_as_dicts(cur)


def recent_visible(cur: duckdb.DuckDBPyConnection, user_id: int, is_it: bool, limit: int = 300) -> list[dict]:
    """Tickets the user may open, newest first (IT: all; others: those they reported)."""
    where = "" if is_it else "WHERE t.reporter_id = ?"
    params = [] if is_it else [user_id]
    cur.execute(
        f"SELECT t.id, t.code, t.title FROM tickets t {where} ORDER BY t.reported_at DESC LIMIT ?",
        params + [limit],
    )
    return rows_as_dicts(cur)
