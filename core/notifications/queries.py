"""Reads of notifications: the bell and its list, the account section, the admin view, and the
summaries of other areas' records that a message names."""

from __future__ import annotations

import json
from datetime import date

import duckdb
import pandas as pd

from core.db import rows_as_dicts


# -- the bell and the list ---------------------------------------------------------------------
def unread(cur: duckdb.DuckDBPyConnection, user_id: int) -> tuple[int, int]:
    """(unread count, id of the newest notification or 0): what the bell needs on every refresh."""
    row = cur.execute(
        "SELECT count(*) FILTER (WHERE read_at IS NULL), coalesce(max(id), 0)"
        " FROM notifications WHERE recipient_id = ?",
        [user_id],
    ).fetchone()
    return int(row[0]), int(row[1])


def newer_than(cur: duckdb.DuckDBPyConnection, user_id: int, last_id: int, limit: int = 5) -> list[dict]:
    cur.execute(
        "SELECT id, subject_th, subject_en FROM notifications WHERE recipient_id = ? AND id > ?"
        " AND read_at IS NULL ORDER BY id DESC LIMIT ?",
        [user_id, last_id, limit],
    )
    return rows_as_dicts(cur)


def my_notifications(
    cur: duckdb.DuckDBPyConnection, user_id: int, *, unread_only: bool = False, limit: int = 100
) -> list[dict]:
    cur.execute(
        "SELECT id, created_at, kind, urgent, subject_th, subject_en, body_th, body_en, page,"
        " query_json, read_at FROM notifications WHERE recipient_id = ?"
        + (" AND read_at IS NULL" if unread_only else "")
        + " ORDER BY id DESC LIMIT ?",
        [user_id, limit],
    )
    rows = rows_as_dicts(cur)
    for row in rows:
        row["query"] = json.loads(row.pop("query_json") or "{}")
    return rows


# -- account -----------------------------------------------------------------------------------
def account_view(cur: duckdb.DuckDBPyConnection, user_id: int) -> dict:
    email = cur.execute("SELECT email FROM users WHERE id = ?", [user_id]).fetchone()
    link = cur.execute(
        "SELECT line_user_id, linked_at FROM line_links WHERE user_id = ?", [user_id]
    ).fetchone()
    cur.execute("SELECT kind, channel, enabled FROM notification_prefs WHERE user_id = ?", [user_id])
    prefs = {(k, c): e for k, c, e in cur.fetchall()}
    return {
        "email": (email[0] if email else None) or None,
        "line_linked_at": link[1] if link else None,
        "prefs": prefs,
    }


# -- admin -------------------------------------------------------------------------------------
def delivery_counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {"pending": 0, "sending": 0, "sent": 0, "dead": 0}
    for status, n in cur.execute(
        "SELECT status, count(*) FROM notification_deliveries GROUP BY status"
    ).fetchall():
        counts[status] = n
    return counts


def deliveries(
    cur: duckdb.DuckDBPyConnection, *, status: str | None = None, limit: int = 300
) -> pd.DataFrame:
    """What was sent to whom, when, through which channel, and what failed; newest first."""
    where = "WHERE d.status = ?" if status else ""
    params = [status] if status else []
    return cur.execute(
        "SELECT n.created_at, u.full_name AS recipient, n.subject_th AS subject, d.channel, d.status,"
        " d.attempts, d.sent_at, d.next_attempt_at, d.address, d.last_error, d.idem_key"
        " FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id"
        f" LEFT JOIN users u ON u.id = n.recipient_id {where}"
        " ORDER BY d.id DESC LIMIT ?",
        params + [limit],
    ).df()


# -- what a message names (other areas' records) ----------------------------------------------
def ticket_summary(cur: duckdb.DuckDBPyConnection, ticket_id: int) -> dict | None:
    cur.execute(
        "SELECT t.id, t.code, t.title, t.type, t.reporter_id, t.recorded_by_id, s.assignee_id,"
        " r.full_name AS reporter_name, sy.name_th AS system_th"
        " FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id"
        " LEFT JOIN users r ON r.id = t.reporter_id LEFT JOIN systems sy ON sy.id = t.system_id"
        " WHERE t.id = ?",
        [ticket_id],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def proposal_summary(cur: duckdb.DuckDBPyConnection, proposal_id: int) -> dict:
    row = cur.execute("SELECT code, title FROM proposals WHERE id = ?", [proposal_id]).fetchone()
    return {"code": row[0], "title": row[1]} if row else {"code": "", "title": ""}


def round_summary(cur: duckdb.DuckDBPyConnection, round_id: int) -> dict:
    cur.execute(
        "SELECT r.project_id, r.stage_no, r.round_no, r.due_at, p.name AS project_name"
        " FROM review_rounds r LEFT JOIN projects p ON p.id = r.project_id WHERE r.id = ?",
        [round_id],
    )
    row = rows_as_dicts(cur)[0]
    row["reviewers"] = [
        r[0]
        for r in cur.execute(
            "SELECT user_id FROM review_reviewers WHERE round_id = ? ORDER BY user_id", [round_id]
        ).fetchall()
    ]
    return row


def closed_unprocessed_surveys(cur: duckdb.DuckDBPyConnection, today: date, since: date) -> list[dict]:
    cur.execute(
        "SELECT id, code, title, closes_on, created_by FROM surveys"
        " WHERE closes_on < ? AND closes_on >= ? AND processed_at IS NULL AND purged_at IS NULL"
        " ORDER BY id",
        [today, since],
    )
    return rows_as_dicts(cur)
