"""SQL of notifications that services and the dispatcher need (writes and their reads).

Every function takes the caller's cursor: outbox rows are written inside the transaction of the
change that causes them.
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from core.db import rows_as_dicts


# -- recipients ------------------------------------------------------------------------------
def users_with_roles(cur: duckdb.DuckDBPyConnection, roles: list[str]) -> list[int]:
    """Active users holding any of ``roles``, by id."""
    cur.execute(
        "SELECT DISTINCT u.id FROM users u JOIN user_roles r ON r.user_id = u.id"
        " WHERE u.active AND list_contains(?, r.role) ORDER BY u.id",
        [list(roles)],
    )
    return [row[0] for row in cur.fetchall()]


def user_id_by_username(cur: duckdb.DuckDBPyConnection, username: str) -> int | None:
    row = cur.execute("SELECT id FROM users WHERE username = ? AND active", [username]).fetchone()
    return None if row is None else row[0]


def is_active(cur: duckdb.DuckDBPyConnection, user_id: int) -> bool:
    return cur.execute("SELECT count(*) FROM users WHERE id = ? AND active", [user_id]).fetchone()[0] > 0


def full_name(cur: duckdb.DuckDBPyConnection, user_id: int | None) -> str:
    if user_id is None:
        return ""
    row = cur.execute("SELECT full_name FROM users WHERE id = ?", [user_id]).fetchone()
    return "" if row is None else row[0]


def email_of(cur: duckdb.DuckDBPyConnection, user_id: int) -> str | None:
    row = cur.execute("SELECT email FROM users WHERE id = ? AND active", [user_id]).fetchone()
    return (row[0] or None) if row else None


# -- the outbox ------------------------------------------------------------------------------
def event_already_notified(cur: duckdb.DuckDBPyConnection, recipient_id: int, event_key: str) -> bool:
    return (
        cur.execute(
            "SELECT count(*) FROM notifications WHERE recipient_id = ? AND event_key = ?",
            [recipient_id, event_key],
        ).fetchone()[0]
        > 0
    )


def insert_notification(
    cur: duckdb.DuckDBPyConnection,
    *,
    now: datetime,
    kind: str,
    recipient_id: int,
    urgent: bool,
    texts: dict[str, str],
    page: str,
    query: dict,
    event_key: str | None,
) -> int:
    return cur.execute(
        "INSERT INTO notifications (created_at, kind, recipient_id, urgent, subject_th, subject_en,"
        " body_th, body_en, page, query_json, event_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        [
            now,
            kind,
            recipient_id,
            urgent,
            texts["subject_th"],
            texts["subject_en"],
            texts["body_th"],
            texts["body_en"],
            page,
            json.dumps(query, ensure_ascii=False),
            event_key,
        ],
    ).fetchone()[0]


def insert_delivery(
    cur: duckdb.DuckDBPyConnection, *, notification_id: int, channel: str, key: str, now: datetime
) -> None:
    cur.execute(
        "INSERT INTO notification_deliveries (notification_id, channel, idem_key, status,"
        " attempts, next_attempt_at) VALUES (?, ?, ?, 'pending', 0, ?)",
        [notification_id, channel, key, now],
    )


def prefs_of(cur: duckdb.DuckDBPyConnection, user_id: int) -> dict[tuple[str, str], bool]:
    cur.execute("SELECT kind, channel, enabled FROM notification_prefs WHERE user_id = ?", [user_id])
    return {(kind, channel): enabled for kind, channel, enabled in cur.fetchall()}


def put_pref(cur: duckdb.DuckDBPyConnection, user_id: int, kind: str, channel: str, enabled: bool) -> None:
    cur.execute(
        "INSERT INTO notification_prefs VALUES (?, ?, ?, ?) ON CONFLICT (user_id, kind, channel)"
        " DO UPDATE SET enabled = excluded.enabled",
        [user_id, kind, channel, enabled],
    )


# -- the dispatcher --------------------------------------------------------------------------
def claim(
    cur: duckdb.DuckDBPyConnection, now: datetime, stale_before: datetime, limit: int, channels: list[str]
) -> list[dict]:
    """Take up to ``limit`` deliveries that are due (or whose claim went stale), mark them
    ``sending`` and count the attempt; returns them with what the channel needs."""
    cur.execute(
        "SELECT d.id FROM notification_deliveries d"
        " WHERE list_contains(?, d.channel) AND ((d.status = 'pending' AND d.next_attempt_at <= ?)"
        "   OR (d.status = 'sending' AND d.claimed_at < ?))"
        " ORDER BY d.next_attempt_at, d.id LIMIT ?",
        [list(channels), now, stale_before, limit],
    )
    ids = [row[0] for row in cur.fetchall()]
    if not ids:
        return []
    cur.execute(
        "UPDATE notification_deliveries SET status = 'sending', claimed_at = ?,"
        " attempts = attempts + 1 WHERE list_contains(?, id)",
        [now, ids],
    )
    cur.execute(
        "SELECT d.id, d.channel, d.idem_key, d.attempts, n.id AS notification_id, n.kind, n.urgent,"
        " n.recipient_id, n.subject_th, n.body_th, n.page, n.query_json, u.email, u.active,"
        " l.line_user_id"
        " FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id"
        " LEFT JOIN users u ON u.id = n.recipient_id LEFT JOIN line_links l ON l.user_id = n.recipient_id"
        " WHERE list_contains(?, d.id) ORDER BY d.id",
        [ids],
    )
    return rows_as_dicts(cur)


def defer(cur: duckdb.DuckDBPyConnection, delivery_id: int, until: datetime) -> None:
    """Put back a claimed delivery without counting the attempt (quiet hours)."""
    cur.execute(
        "UPDATE notification_deliveries SET status = 'pending', attempts = attempts - 1,"
        " next_attempt_at = ?, claimed_at = NULL WHERE id = ? AND status = 'sending'",
        [until, delivery_id],
    )


def mark_sent(cur: duckdb.DuckDBPyConnection, delivery_id: int, now: datetime, address: str) -> None:
    cur.execute(
        "UPDATE notification_deliveries SET status = 'sent', sent_at = ?, address = ?,"
        " last_error = NULL WHERE id = ?",
        [now, address, delivery_id],
    )


def mark_failed(
    cur: duckdb.DuckDBPyConnection,
    delivery_id: int,
    *,
    status: str,
    next_at: datetime,
    error: str,
    address: str | None,
) -> None:
    cur.execute(
        "UPDATE notification_deliveries SET status = ?, next_attempt_at = ?, last_error = ?,"
        " address = coalesce(?, address), claimed_at = NULL WHERE id = ? AND status = 'sending'",
        [status, next_at, error[:500], address, delivery_id],
    )


def requeue_dead(cur: duckdb.DuckDBPyConnection, now: datetime) -> int:
    n = cur.execute("SELECT count(*) FROM notification_deliveries WHERE status = 'dead'").fetchone()[0]
    cur.execute(
        "UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?"
        " WHERE status = 'dead'",
        [now],
    )
    return n


# -- the bell --------------------------------------------------------------------------------
def mark_read(cur: duckdb.DuckDBPyConnection, user_id: int, notification_id: int, now: datetime) -> bool:
    row = cur.execute(
        "SELECT read_at FROM notifications WHERE id = ? AND recipient_id = ?", [notification_id, user_id]
    ).fetchone()
    if row is None:
        return False
    if row[0] is None:
        cur.execute("UPDATE notifications SET read_at = ? WHERE id = ?", [now, notification_id])
    return True


def mark_all_read(cur: duckdb.DuckDBPyConnection, user_id: int, now: datetime) -> int:
    n = cur.execute(
        "SELECT count(*) FROM notifications WHERE recipient_id = ? AND read_at IS NULL", [user_id]
    ).fetchone()[0]
    cur.execute(
        "UPDATE notifications SET read_at = ? WHERE recipient_id = ? AND read_at IS NULL", [now, user_id]
    )
    return n


# -- LINE ------------------------------------------------------------------------------------
def line_link_of(cur: duckdb.DuckDBPyConnection, user_id: int) -> dict | None:
    cur.execute("SELECT line_user_id, linked_at FROM line_links WHERE user_id = ?", [user_id])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def insert_link_code(
    cur: duckdb.DuckDBPyConnection, code: str, user_id: int, now: datetime, expires_at: datetime
) -> None:
    cur.execute(
        "UPDATE line_link_codes SET used_at = ? WHERE user_id = ? AND used_at IS NULL", [now, user_id]
    )
    cur.execute("INSERT INTO line_link_codes VALUES (?, ?, ?, ?, NULL)", [code, user_id, now, expires_at])


def code_exists(cur: duckdb.DuckDBPyConnection, code: str) -> bool:
    return cur.execute("SELECT count(*) FROM line_link_codes WHERE code = ?", [code]).fetchone()[0] > 0


def usable_code(cur: duckdb.DuckDBPyConnection, code: str, now: datetime) -> int | None:
    row = cur.execute(
        "SELECT user_id FROM line_link_codes WHERE code = ? AND used_at IS NULL AND expires_at >= ?",
        [code, now],
    ).fetchone()
    return None if row is None else row[0]


def use_code(cur: duckdb.DuckDBPyConnection, code: str, now: datetime) -> None:
    cur.execute("UPDATE line_link_codes SET used_at = ? WHERE code = ?", [now, code])


def put_line_link(cur: duckdb.DuckDBPyConnection, user_id: int, line_user_id: str, now: datetime) -> None:
    cur.execute("DELETE FROM line_links WHERE user_id = ? OR line_user_id = ?", [user_id, line_user_id])
    cur.execute("INSERT INTO line_links VALUES (?, ?, ?)", [user_id, line_user_id, now])


def delete_line_link(cur: duckdb.DuckDBPyConnection, user_id: int) -> bool:
    n = cur.execute("SELECT count(*) FROM line_links WHERE user_id = ?", [user_id]).fetchone()[0]
    cur.execute("DELETE FROM line_links WHERE user_id = ?", [user_id])
    return n > 0
